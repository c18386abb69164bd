"""Demo data for `make run`: three constituencies (England, Wales, Scotland) with news
and events, and one user per role. Every password here is for development only."""

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django_tenants.utils import schema_context

from constituencies.models import Constituency
from constituencies.provisioning import ensure_hub, provision_constituency
from constituencies.website.models import (
    EventIndexPage,
    EventPage,
    GetInvolvedPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
)
from roles.appointments import appoint
from roles.models import Appointment, Role

DEMO_PASSWORD = "labourhub-demo"

DEMO_CONSTITUENCIES = [
    ("Bristol East", "E14001132"),
    ("Cardiff East", "W07000089"),
    ("Glasgow East", "S14000084"),
]

# (email, full name, role or None, constituency index, central staff?)
DEMO_USERS = [
    ("staff@example.org", "Sam Central", None, None, True),
    ("secretary@example.org", "Priya Secretary", Role.SECRETARY, 0, False),
    ("smo@example.org", "Dylan Social", Role.SOCIAL_MEDIA_OFFICER, 0, False),
    ("editor@example.org", "Erin Editor", Role.EDITOR, 0, False),
    ("cardiff.secretary@example.org", "Carys Secretary", Role.SECRETARY, 1, False),
    ("glasgow.secretary@example.org", "Callum Secretary", Role.SECRETARY, 2, False),
    ("member@example.org", "Morgan Member", None, None, False),
    ("former@example.org", "Frankie Former", Role.SOCIAL_MEDIA_OFFICER, 1, False),
]

NEWS = [
    (
        "Hundreds join our summer action day",
        "Volunteers knocked on more than 2,000 doors across {name} in a single Saturday.",
        "Thank you to everyone who came out. We spoke to residents about the cost of living, "
        "local buses and the state of our high street, and signed up forty new volunteers.",
        2,
    ),
    (
        "New community surgery dates announced",
        "Advice surgeries return to libraries and community centres across {name} this autumn.",
        "Surgeries are open to everyone, whatever your politics. No appointment is needed: "
        "come along with your question and we will help or find someone who can.",
        9,
    ),
    (
        "Meet our new officers",
        "The general meeting elected a new executive committee for {name} Labour.",
        "Our new officers will lead campaigning, fundraising and our work with trade unions "
        "and community groups over the coming year. Members can find their contact details "
        "on Membersnet.",
        20,
    ),
]

EVENTS = [
    # (title, summary, days from now, hour, hours long, venue, key event?)
    (
        "Campaign day: high street stall",
        "Talk to shoppers about our plans for {name}.",
        5,
        10,
        3,
        "Outside the public library",
        False,
    ),
    (
        "All-members meeting",
        "Hear from our MP and vote on the campaign plan.",
        12,
        19,
        2,
        "Community centre, main hall",
        True,
    ),
    ("Summer social", "Food, music and friends old and new.", -30, 18, 3, "The Red Lion", False),
]


class Command(BaseCommand):
    help = "Load demo constituencies, content and one user per role (development only)."

    def handle(self, *args, **options):
        if not getattr(settings, "DEMO_DATA_ALLOWED", False):
            raise CommandError("Demo data is only for development (DEMO_DATA_ALLOWED is off).")
        ensure_hub()
        constituencies = [self._constituency(name, code) for name, code in DEMO_CONSTITUENCIES]
        for constituency in constituencies:
            with schema_context(constituency.schema_name):
                self._content(constituency)
        self._users(constituencies)
        self.stdout.write(self.style.SUCCESS(self._summary(constituencies)))

    def _constituency(self, name, gss_code):
        existing = Constituency.objects.filter(gss_code=gss_code).first()
        return existing or provision_constituency(name=name, gss_code=gss_code)

    def _content(self, constituency):
        home = HomePage.objects.get()
        if NewsPage.objects.exists():
            return
        home.intro = (
            f"We are the Labour party in {constituency.name}: local members campaigning for a "
            "fairer, greener and more hopeful future for our community."
        )
        home.save_revision().publish()
        news_index = NewsIndexPage.objects.get()
        today = timezone.localdate()
        for title, summary, body, days_ago in NEWS:
            page = NewsPage(
                title=title,
                summary=summary.format(name=constituency.name),
                date=today - dt.timedelta(days=days_ago),
                author=f"{constituency.name} Labour",
                body=[("paragraph", f"<p>{body}</p>")],
            )
            news_index.add_child(instance=page)
        events = EventIndexPage.objects.get()
        now = timezone.localtime().replace(minute=0, second=0, microsecond=0)
        for title, summary, days, hour, hours, venue, key in EVENTS:
            starts = (now + dt.timedelta(days=days)).replace(hour=hour)
            events.add_child(
                instance=EventPage(
                    title=title,
                    summary=summary.format(name=constituency.name),
                    starts_at=starts,
                    ends_at=starts + dt.timedelta(hours=hours),
                    venue=venue,
                    address=f"High Street, {constituency.name}",
                    is_key_event=key,
                    capacity=40 if key else None,
                    accessibility_notes="Step-free access and an accessible toilet.",
                )
            )
        starts = (now + dt.timedelta(days=3)).replace(hour=11)
        GetInvolvedPage.objects.get().add_child(
            instance=EventPage(
                title="Saturday canvassing session",
                summary="New to canvassing? You will be paired with someone experienced.",
                starts_at=starts,
                ends_at=starts + dt.timedelta(hours=2),
                venue="Meet at the station forecourt",
                capacity=12,
            )
        )

    def _users(self, constituencies):
        User = get_user_model()
        today = timezone.localdate()
        for email, full_name, role, index, central in DEMO_USERS:
            first, last = full_name.split(" ", 1)
            user, _ = User.objects.get_or_create(email=email)
            user.first_name, user.last_name = first, last
            user.is_central_staff = central
            user.set_password(DEMO_PASSWORD)
            user.save()
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

    def _summary(self, constituencies):
        lines = ["Demo data ready:"]
        lines += [f"  {c.name}: {c.primary_domain}" for c in constituencies]
        lines += [f"  {email} / {DEMO_PASSWORD}" for email, *_ in DEMO_USERS]
        return "\n".join(lines)
