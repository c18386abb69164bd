"""Demo data for `make run`: three constituencies (England, Wales, Scotland) with a
representative, news with pictures, events and activities, and one user per role;
Cardiff East in Welsh too.
Every password here is for development only."""

import datetime as dt

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django_tenants.utils import schema_context
from wagtail.users.models import UserProfile

from accounts.allauth_internals import activate_totp
from campaigns.demo import fill_demo_campaigns
from constituencies.demo.content import fill_demo_site
from constituencies.demo.welsh import fill_demo_welsh
from constituencies.languages.parity_check import check_parity
from constituencies.models import Constituency
from constituencies.postcodes.demo import load_demo_postcodes
from constituencies.provisioning import ensure_hub, provision_constituency
from governance.demo import fill_demo_governance
from membersnet.knowledge.demo import fill_demo_facts
from membersnet.members.models import Member
from membersnet.rulebook.demo import fill_demo_rulebook
from membersnet.training.demo import fill_demo_courses, fill_demo_group_admin_course
from roles.appointments import appoint
from roles.models import Appointment, Role

DEMO_PASSWORD = "labourhub-demo"

DEMO_CONSTITUENCIES = [
    ("Bristol East", "E14001132"),
    ("Cardiff East", "W07000089"),
    ("Glasgow East", "S14000084"),
]

# (email, full name, role or None, constituency index, central staff?)
# The authenticator secret of every demo officer and staff user (development only): add
# it to an authenticator app, or run `manage.py demo_totp_code`.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXP"

# (email, full name, role or None, constituency index, central staff?, member of index)
DEMO_USERS = [
    ("staff@example.org", "Sam Central", None, None, True, None),
    ("secretary@example.org", "Priya Secretary", Role.SECRETARY, 0, False, 0),
    ("smo@example.org", "Dylan Social", Role.SOCIAL_MEDIA_OFFICER, 0, False, 0),
    ("editor@example.org", "Erin Editor", Role.EDITOR, 0, False, 0),
    ("cardiff.secretary@example.org", "Carys Secretary", Role.SECRETARY, 1, False, 1),
    # Glasgow East has an editor but no Secretary or Social Media Officer: the governance
    # check flags it as a CLP without a designated administrator.
    ("glasgow.editor@example.org", "Callum Editor", Role.EDITOR, 2, False, 2),
    ("member@example.org", "Morgan Member", None, None, False, 0),
    ("former@example.org", "Frankie Former", Role.SOCIAL_MEDIA_OFFICER, 1, False, 1),
    ("lapsed@example.org", "Lee Lapsed", None, None, False, 0),
]

# Demo users who have chosen the Wagtail admin in Welsh (Account, Locale).
DEMO_ADMIN_LANGUAGES = {"cardiff.secretary@example.org": "cy"}


class Command(BaseCommand):
    help = "Load demo constituencies, content and one user per role (development only)."

    def handle(self, *args, **options):
        if not getattr(settings, "DEMO_DATA_ALLOWED", False):
            raise CommandError("Demo data is only for development (DEMO_DATA_ALLOWED is off).")
        ensure_hub()
        load_demo_postcodes()
        constituencies = [self._constituency(name, code) for name, code in DEMO_CONSTITUENCIES]
        for constituency in constituencies:
            with schema_context(constituency.schema_name):
                self._content(constituency)
        self._users(constituencies)
        fill_demo_courses()
        fill_demo_group_admin_course()
        fill_demo_governance()  # after the courses: its snapshots count who is trained
        fill_demo_campaigns()  # after governance, which puts the sites in their regions
        for constituency in constituencies:
            # The nightly parity check, now: Cardiff East's dashboard, its officers' panel
            # and the hub's compliance table show the stories left in English at once.
            with schema_context(constituency.schema_name):
                check_parity(constituency)
        self._membersnet_content()
        self.stdout.write(self.style.SUCCESS(self._summary(constituencies)))

    def _constituency(self, name, gss_code):
        existing = Constituency.objects.filter(gss_code=gss_code).first()
        return existing or provision_constituency(name=name, gss_code=gss_code)

    def _content(self, constituency):
        fill_demo_site(constituency)
        fill_demo_welsh(constituency)  # after the English it translates

    def _users(self, constituencies):
        User = get_user_model()
        today = timezone.localdate()
        for number, (email, full_name, role, index, central, member_of) in enumerate(DEMO_USERS):
            first, last = full_name.split(" ", 1)
            user, _ = User.objects.get_or_create(email=email)
            user.first_name, user.last_name = first, last
            user.is_central_staff = central
            user.set_password(DEMO_PASSWORD)
            user.save()
            EmailAddress.objects.get_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            if email in DEMO_ADMIN_LANGUAGES:
                profile = UserProfile.get_for_user(user)
                profile.preferred_language = DEMO_ADMIN_LANGUAGES[email]
                profile.save(update_fields=["preferred_language"])
            if member_of is not None:
                Member.objects.update_or_create(
                    membership_number=f"L{9000001 + number}",
                    defaults={
                        "name": full_name,
                        "email": email,
                        "constituency": constituencies[member_of],
                        "user": user,
                        "status": "lapsed" if email.startswith("lapsed") else "active",
                    },
                )
            if (central or role) and not Authenticator.objects.filter(user=user).exists():
                activate_totp(user, DEMO_TOTP_SECRET)
            if role is None:
                continue
            constituency = constituencies[index]
            if Appointment.objects.filter(user=user, constituency=constituency, role=role).exists():
                continue
            if email.startswith("former"):
                appoint(
                    user=user,
                    constituency=constituency,
                    role=role,
                    starts_on=today - dt.timedelta(days=400),
                    ends_on=today - dt.timedelta(days=30),
                )
            else:
                appoint(
                    user=user,
                    constituency=constituency,
                    role=role,
                    starts_on=today - dt.timedelta(days=60),
                )

    def _membersnet_content(self):
        fill_demo_rulebook()
        fill_demo_facts()

    def _summary(self, constituencies):
        lines = ["Demo data ready:"]
        lines += [f"  {c.name}: {c.primary_domain}" for c in constituencies]
        lines += [f"  {email} / {DEMO_PASSWORD}" for email, *_ in DEMO_USERS]
        lines.append(
            f"  Officers and staff use two-factor authentication: secret {DEMO_TOTP_SECRET}, "
            "or run `manage.py demo_totp_code` for the current code."
        )
        return "\n".join(lines)
