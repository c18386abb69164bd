"""How members get an account: by signing up with their membership number and the
email on their member record, or by following the invitation sent when their record is
imported. Nobody else can make an account.

An account is linked to its member record only through an email address the person has
shown is theirs: an invitation's link (it went to the address on the record, and stops
working if that address changes), or the confirmation of the address they signed up
with (`link_confirmed_email`, called by account_adapter when an address is confirmed)."""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from constituencies.public_urls import public_url
from labourhub.celery import enqueue_after_commit

from .models import Member

INVITATION_SALT = "membersnet.invitation"
INVITATION_DAYS = 30
# The tasks that send these emails (in .tasks, which imports this module).
SEND_INVITATION = "membersnet.members.tasks.send_invitation"
SEND_WELCOME_EMAIL = "membersnet.members.tasks.send_welcome_email"


def find_member_for_signup(membership_number: str, email: str) -> Member:
    """The member record these details belong to. Raises ValidationError with one
    message for every mismatch, so the form can't be used to probe who is a member."""
    number = (membership_number or "").strip().upper()
    member = Member.objects.filter(
        membership_number=number, email__iexact=(email or "").strip()
    ).first()
    if member is None or not member.is_active:
        raise ValidationError(
            "We can't match that membership number and email address to a current "
            "member. Use the email address the party has for you, or contact your local "
            "party's Secretary."
        )
    if member.user_id or get_user_model().objects.filter(email__iexact=member.email).exists():
        # An account made by signing up but not yet confirmed counts too: confirming
        # its address links it (a second sign-up would only make a rival account).
        raise ValidationError(
            "There is already an account for this membership. Sign in, or reset your password."
        )
    return member


@transaction.atomic
def attach_account(member: Member, user) -> Member | None:
    """Link an account to its member record and welcome them, once the account has
    confirmed the email address on the record. Returns the member, or None if nothing
    was linked: the address is not confirmed yet (sign-up's account is linked when it
    is, by `link_confirmed_email`) or the account already has a member record. Raises
    ValidationError if another account has this membership already."""
    member = Member.objects.select_for_update().get(pk=member.pk)
    if member.user_id == user.pk or Member.objects.filter(user=user).exists():
        return None
    if member.user_id is not None:
        raise ValidationError("There is already an account for this membership.")
    confirmed = EmailAddress.objects.filter(user=user, email__iexact=member.email, verified=True)
    if not confirmed.exists():
        return None
    member.user = user
    member.save(update_fields=["user", "updated_at"])
    names = member.name.split(" ", 1)
    user.first_name = names[0]
    user.last_name = names[1] if len(names) > 1 else ""
    user.save(update_fields=["first_name", "last_name"])
    enqueue_after_commit(SEND_WELCOME_EMAIL, member.pk)
    return member


def link_confirmed_email(user, email: str) -> Member | None:
    """`user` has just confirmed that `email` is theirs: link them to the current member
    record with that address, if there is one without an account (and they have none).
    Returns the member linked, or None."""
    if Member.objects.filter(user=user).exists():
        return None
    member = Member.objects.active().filter(email__iexact=email, user=None).first()
    if member is None:
        return None
    try:
        return attach_account(member, user)
    except ValidationError:  # another account took the membership a moment ago
        return None


def invitation_token(member: Member) -> str:
    """The key in an invitation's link. It holds the membership number and the email
    address the invitation goes to, so the link stops working if the record's address
    changes (whoever has the old address's mail must not get the account)."""
    return signing.dumps(
        {"m": member.membership_number, "e": member.email.lower()}, salt=INVITATION_SALT
    )


def member_for_invitation(token: str) -> Member:
    """The member an invitation link is for. Raises ValidationError if it is forged,
    expired, sent to an email address no longer on the record, used already or for a
    lapsed membership."""
    try:
        data = signing.loads(token, salt=INVITATION_SALT, max_age=INVITATION_DAYS * 86400)
    except signing.SignatureExpired:
        raise ValidationError(
            "This invitation has expired. Sign up with your membership number instead."
        ) from None
    except signing.BadSignature:
        raise ValidationError(
            "This invitation link is not valid. Check you copied all of it."
        ) from None
    if "e" not in data:  # made before invitations named their address
        raise ValidationError(
            "This invitation has expired. Sign up with your membership number instead."
        )
    member = Member.objects.filter(membership_number=data.get("m")).first()
    if member is not None and data["e"] != member.email.lower():
        raise ValidationError(
            "This invitation is no longer valid: it was sent to an email address that is no "
            "longer on your membership record. Sign up with your membership number and the "
            "email address the party has for you now."
        )
    if member is None or not member.is_active:
        raise ValidationError("This invitation is for a membership that is no longer current.")
    if member.user_id:
        raise ValidationError("You already have an account: sign in, or reset your password.")
    return member


@transaction.atomic
def accept_invitation(member: Member, password: str):
    """Make the account an invitation offers: the email on the member record is the
    login, already verified (the invitation went to it)."""
    User = get_user_model()
    if User.objects.filter(email__iexact=member.email).exists():
        raise ValidationError("An account already uses this email address. Sign in instead.")
    user = User.objects.create_user(email=member.email, password=password)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    attach_account(member, user)
    return user


def email_changed(member: Member) -> bool:
    """After staff change the email on a member record: a member without an account who
    had been invited is invited again at the new address, since the old link no longer
    works. Returns whether an invitation was queued."""
    if member.user_id is not None or member.invited_at is None or not member.is_active:
        return False
    Member.objects.filter(pk=member.pk).update(invited_at=timezone.now())
    enqueue_after_commit(SEND_INVITATION, member.pk)
    return True


def _hub_url(path: str) -> str:
    return public_url(settings.HUB_DOMAINS[0], path)


def email_invitation(member_id: int) -> str:
    """Email the member their invitation, if they are still an active member without an
    account. Sent by the send_invitation task."""
    member = Member.objects.filter(pk=member_id, user=None, status=Member.Status.ACTIVE).first()
    if member is None:
        return "nothing to send"
    context = {
        "member": member,
        "accept_url": _hub_url(f"/membersnet/join/{invitation_token(member)}/"),
        "days": INVITATION_DAYS,
    }
    EmailMessage(
        subject="Your invitation to Membersnet",
        body=render_to_string("membersnet/email/invitation.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[member.email],
    ).send()
    Member.objects.filter(pk=member.pk).update(invited_at=timezone.now())
    return "sent"


def email_welcome(member_id: int) -> str:
    """Welcome a member whose account has just been linked to their record. Sent by the
    send_welcome_email task."""
    member = Member.objects.select_related("constituency").filter(pk=member_id).first()
    if member is None or member.user_id is None:
        return "nothing to send"
    context = {
        "member": member,
        "membersnet_url": _hub_url("/membersnet/"),
        "training_url": _hub_url("/membersnet/training/"),
        "facts_url": _hub_url("/membersnet/facts/"),
        "site_url": public_url(member.constituency.primary_domain),
    }
    EmailMessage(
        subject="Welcome to Membersnet: three things to do first",
        body=render_to_string("membersnet/email/welcome.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[member.email],
    ).send()
    return "sent"
