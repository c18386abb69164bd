import datetime as dt
import time

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.allauth_internals import activate_totp
from accounts.allauth_internals import totp_code as totp_code_at
from constituencies.website.models import EventIndexPage, EventPage, NewsIndexPage, NewsPage
from membersnet.members.models import Member
from roles.appointments import appoint
from roles.models import Role

TOTP_SECRET = "JBSWY3DPEHPK3PXP"  # test-only: officers' and staff's authenticator


class UserFactory(factory.django.DjangoModelFactory):
    """A user with a verified email address; `mfa=True` gives them a TOTP authenticator."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.get_or_create(
                user=self, email=self.email, defaults={"verified": True, "primary": True}
            )

    @factory.post_generation
    def mfa(self, create, extracted, **kwargs):
        if create and extracted:
            give_mfa(self)


def give_mfa(user):
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        activate_totp(user, TOTP_SECRET)
    return user


def totp_code(secret=TOTP_SECRET) -> str:
    """The current code of a TOTP authenticator, as an app on a phone would show it."""
    return totp_code_at(secret)


_codes_given: set[tuple[str, str]] = set()
# The test settings accept one window either side (MFA_TOTP_TOLERANCE = 1), as a phone
# whose clock is a little out would need: this window's code first, then the next one's.
_WINDOW_OFFSETS = (0, 30, -30)


def unused_totp_code(email: str, secret=TOTP_SECRET) -> str:
    """A code `email` has not used yet: a used code is refused everywhere until it
    expires, so a second sign-in within the same 30 seconds uses the next window's code
    instead of waiting for it."""
    now = time.time()
    for offset in _WINDOW_OFFSETS:
        code = totp_code_at(secret, at=now + offset)
        if (email, code) not in _codes_given:
            _codes_given.add((email, code))
            return code
    raise RuntimeError(f"{email} has used every code valid now: sign in fewer times in a test")


class MemberFactory(factory.django.DjangoModelFactory):
    """A member record; pass `user=` to give it an account, and `constituency=`."""

    class Meta:
        model = "members.Member"

    membership_number = factory.Sequence(lambda n: f"L{1000000 + n}")
    name = factory.Faker("name", locale="en_GB")
    email = factory.Sequence(lambda n: f"member{n}@example.org")


def make_member(constituency, *, email=None, status="active", **fields):
    """A user with an account and a member record in `constituency`."""
    user = UserFactory(email=email) if email else UserFactory()
    MemberFactory(
        user=user,
        email=user.email,
        name=user.get_full_name(),
        constituency=constituency,
        status=status,
        **fields,
    )
    return user


def give_membership(user, constituency):
    """Make `user` a current member of `constituency`'s party, unless they have a member
    record already (a test that gives them one means it)."""
    if not Member.objects.filter(user=user).exists():
        MemberFactory(
            user=user, email=user.email, name=user.get_full_name(), constituency=constituency
        )
    return user


def make_officer(
    constituency,
    role=Role.SECRETARY,
    *,
    email=None,
    starts_days_ago=30,
    ends_in_days=None,
    mfa=True,
    **user_fields,
):
    """A user appointed to `role` on `constituency`; `ends_in_days` <= 0 makes it expired.
    Officers must be current members: one without a member record is given one there."""
    today = timezone.localdate()
    if email:
        user_fields["email"] = email
    user = UserFactory(mfa=mfa, **user_fields)
    give_membership(user, constituency)
    appoint(
        user=user,
        constituency=constituency,
        role=role,
        starts_on=today - dt.timedelta(days=starts_days_ago),
        ends_on=None if ends_in_days is None else today + dt.timedelta(days=ends_in_days),
    )
    return user


def add_news(title, summary="A summary.", **fields):
    """Publish a news item in the current schema's news section."""

    page = NewsPage(title=title, summary=summary, **fields)
    NewsIndexPage.objects.get(locale__language_code="en-gb").add_child(instance=page)
    return page


def add_event(title, starts_in_days=7, hours=2, **fields):
    """Publish an event in the current schema's events section."""

    starts = timezone.now() + dt.timedelta(days=starts_in_days)
    fields.setdefault("summary", "An event.")
    page = EventPage(
        title=title, starts_at=starts, ends_at=starts + dt.timedelta(hours=hours), **fields
    )
    EventIndexPage.objects.get(locale__language_code="en-gb").add_child(instance=page)
    return page
