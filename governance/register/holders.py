"""The people the register lists as able to sign in to an account: the unit's officers
it names (PresenceEntry.controllers) and anyone else (SignInHolder), each matched to a
user and a member record by email address, with whether they have done the group
administrators' course. Every one of them is invited to that course once."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Q

from governance.models import (
    GroupAdminInvitation,
    PresenceEntry,
    SignInHolder,
    looks_like_a_password,
)
from labourhub.celery import enqueue_after_commit
from membersnet.members.models import Member
from membersnet.training.models import Course, CourseCompletion

NAME_MAX_LENGTH = SignInHolder._meta.get_field("name").max_length
EMAIL_MAX_LENGTH = SignInHolder._meta.get_field("email").max_length
INVITE_TASK = "governance.tasks.invite_group_admin"


@dataclass
class Person:
    """One person who can sign in to one entry's account."""

    name: str
    email: str
    is_officer_pick: bool  # chosen from the unit's officers, not typed in
    user_id: int | None = None
    member: Member | None = None
    completed_course: bool = False

    @property
    def has_member_record(self) -> bool:
        return self.member is not None

    def __str__(self):
        return self.name or self.email


def parse_other_holders(text: str) -> list[tuple[str, str]]:
    """Read "Name, email" lines (one person a line) into (name, email) pairs, lowering
    the email. Raises ValidationError naming every line it cannot read."""
    people, errors, seen = [], [], set()
    for number, line in enumerate((text or "").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        name, comma, email = line.rpartition(",")
        name, email = name.strip(), email.strip().lower().strip("<>")
        if not comma or not name:
            errors.append(f"Line {number}: give a name, a comma, then an email address.")
            continue
        if looks_like_a_password(name):
            errors.append(f"Line {number}: this looks like a password. Never write one here.")
            continue
        if len(name) > NAME_MAX_LENGTH:
            errors.append(f"Line {number}: a name of {NAME_MAX_LENGTH} characters at most.")
            continue
        try:
            if len(email) > EMAIL_MAX_LENGTH:
                raise ValidationError("too long")
            validate_email(email)
        except ValidationError:
            errors.append(f"Line {number}: “{email}” isn't an email address.")
            continue
        if email in seen:
            errors.append(f"Line {number}: {email} is already listed.")
            continue
        seen.add(email)
        people.append((name, email))
    if errors:
        raise ValidationError(errors)
    return people


def format_other_holders(entry: PresenceEntry) -> str:
    """The entry's other holders as the form's text shows them."""
    return "\n".join(f"{holder.name}, {holder.email}" for holder in entry.other_holders.all())


def group_admin_course() -> Course | None:
    """The published Membersnet course group administrators are invited to, if any."""
    return Course.objects.published().filter(slug=settings.GROUP_ADMIN_COURSE_SLUG).first()


def people_of(entries, course=None) -> None:
    """Give each of `entries` (with controllers and other_holders prefetched) its
    `people`: a Person each, matched to users, member records and course completions
    in three queries however many there are."""
    entries = list(entries)
    emails = {holder.email for entry in entries for holder in entry.other_holders.all()}
    user_by_email = dict(
        get_user_model().objects.filter(email__in=emails).values_list("email", "pk")
    )
    user_ids = {user.pk for entry in entries for user in entry.controllers.all()}
    user_ids |= set(user_by_email.values())
    every_email = emails | {
        user.email.lower() for entry in entries for user in entry.controllers.all()
    }
    member_by_user, member_by_email = {}, {}
    for member in Member.objects.filter(user_id__in=user_ids) | Member.objects.filter(
        email__in=every_email
    ):
        if member.user_id:
            member_by_user[member.user_id] = member
        member_by_email.setdefault(member.email, member)
    completed = set()
    if course is not None and user_ids:
        completed = set(
            CourseCompletion.objects.valid()
            .filter(course=course, user_id__in=user_ids)
            .values_list("user_id", flat=True)
        )
    for entry in entries:
        people = []
        for user in entry.controllers.all():
            people.append(
                Person(
                    name=user.get_full_name(),
                    email=user.email,
                    is_officer_pick=True,
                    user_id=user.pk,
                    member=member_by_user.get(user.pk) or member_by_email.get(user.email.lower()),
                    completed_course=user.pk in completed,
                )
            )
        for holder in entry.other_holders.all():
            user_id = user_by_email.get(holder.email)
            people.append(
                Person(
                    name=holder.name,
                    email=holder.email,
                    is_officer_pick=False,
                    user_id=user_id,
                    member=member_by_user.get(user_id) or member_by_email.get(holder.email),
                    completed_course=user_id in completed,
                )
            )
        entry.people = people
        entry.without_member_record = [p for p in people if not p.has_member_record]
        entry.untrained = [p for p in people if p.has_member_record and not p.completed_course]


def emails_with_member_record(emails: set[str]) -> set[str]:
    """Those of `emails` that belong to a member record, directly or through the
    account of that address."""
    found = set()
    rows = Member.objects.filter(Q(email__in=emails) | Q(user__email__in=emails))
    for email, user_email in rows.values_list("email", "user__email"):
        found |= {email, (user_email or "").lower()} & emails
    return found


def invite_new_holders(entry: PresenceEntry) -> list[str]:
    """Invite everyone who can sign in to `entry` and has never been invited to the
    group administrators' course; returns their addresses. Sent once per address,
    whichever entry lists them and however often it is saved."""
    wanted = {user.email.lower(): user.get_full_name() for user in entry.controllers.all()}
    wanted.update({holder.email: holder.name for holder in entry.other_holders.all()})
    already = set(
        GroupAdminInvitation.objects.filter(email__in=wanted).values_list("email", flat=True)
    )
    new = sorted(set(wanted) - already)
    GroupAdminInvitation.objects.bulk_create(
        [GroupAdminInvitation(email=email, name=wanted[email]) for email in new],
        ignore_conflicts=True,
    )
    for email in new:
        enqueue_after_commit(INVITE_TASK, email)
    return new
