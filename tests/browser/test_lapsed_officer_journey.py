"""A member holding office lapses, in a real browser: Testford North's only Social Media
Officer is in its admin; central staff upload a member list in which her membership has
lapsed; she loses the admin at once, and the compliance dashboard's row for Testford
North turns red ("Needs attention") the same day."""

import datetime as dt
import re
import uuid

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from constituencies.models import Constituency
from governance.models import AuditEvent, ComplianceSnapshot, Flag
from membersnet.members.models import Member, MemberImport
from outbox.models import OutgoingEmail
from roles.appointments import appoint
from roles.models import Role
from tests.browser.conftest import DESKTOP, sign_in
from tests.factories import MemberFactory, UserFactory

PASSWORD = "correct horse battery staple"
HOST = "testford-north.localhost"
HUB = "localhost"


@pytest.fixture
def suffix():
    return uuid.uuid4().hex[:6]


@pytest.fixture
def north(committed):
    with committed():
        return Constituency.objects.get(gss_code="E14999901")


@pytest.fixture
def cleanup_after(committed):
    """Whatever the journey adds to shared tables (audit, flags, today's snapshot, the
    import and its emails) goes afterwards."""
    with committed():
        marks = {
            model: (model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0)
            for model in (AuditEvent, Flag, MemberImport, OutgoingEmail, ComplianceSnapshot)
        }

    @committed.defer
    def remove():
        for model, last in marks.items():
            model.objects.filter(pk__gt=last).delete()


@pytest.fixture
def smo(committed, north, suffix, cleanup_after):
    """A member of Testford North, its only Social Media Officer, authenticator set up."""
    with committed():
        user = UserFactory(
            email=f"smo-{suffix}@example.org",
            first_name="Sadia",
            last_name=f"Okafor-{suffix}",
            mfa=True,
        )
        with north:
            committed.cleanup(user)
        member = committed.cleanup(
            MemberFactory(
                user=user,
                membership_number=f"L8{int(suffix, 16):08d}",
                email=user.email,
                name=user.get_full_name(),
                constituency=north,
            )
        )
        appoint(
            user=user,
            constituency=north,
            role=Role.SOCIAL_MEDIA_OFFICER,
            starts_on=timezone.localdate() - dt.timedelta(days=90),
        )
    user.member_record = member
    return user


@pytest.fixture
def staff(committed, north, suffix):
    with committed():
        user = UserFactory(email=f"staff-{suffix}@example.org", is_central_staff=True, mfa=True)
        with north:
            return committed.cleanup(user)


def _north_row(page):
    return page.locator("#no-administrator").get_by_role("row").filter(has_text="Testford North")


def test_an_officer_whose_membership_lapses_in_an_import_turns_the_dashboard_red_that_day(
    desktop, site, committed, north, smo, staff, screenshots
):
    officer = desktop
    staff_context = desktop.context.browser.new_context(viewport=DESKTOP)
    try:
        central = staff_context.new_page()

        # The Social Media Officer is at work in Testford North's admin.
        sign_in(officer, site, HOST, smo.email, PASSWORD)
        expect(officer.get_by_role("heading", name="Testford North")).to_be_visible()

        # Staff see Testford North covered: it is not among the CLPs needing attention.
        sign_in(central, site, HUB, staff.email, PASSWORD, next_path="/admin/compliance/")
        expect(central.get_by_role("heading", level=1, name="Compliance")).to_be_visible()
        expect(_north_row(central)).to_have_count(0)
        screenshots(central, "dashboard-before")

        # The member list from the membership system says her membership has lapsed.
        member = smo.member_record
        csv = (
            "membership_number,name,email,gss_code,status\n"
            f"{member.membership_number},{member.name},{member.email},E14999901,lapsed\n"
        )
        central.goto(site.url("/admin/member-import/", host=HUB))
        central.get_by_label("Member list (CSV)").set_input_files(
            files=[{"name": "members.csv", "mimeType": "text/csv", "buffer": csv.encode()}]
        )
        central.get_by_label("Email an invitation to new members").uncheck()
        central.get_by_role("button", name="Import").click()
        expect(central.get_by_role("heading", name="Import finished")).to_be_visible()
        expect(central.get_by_text("0 new, 1 updated")).to_be_visible()
        screenshots(central, "import-finished")

        # Her rights went at once: the next page she opens in the admin refuses her.
        officer.reload()
        expect(officer.get_by_text("You are signed in as")).to_be_visible()
        screenshots(officer, "officer-refused")

        # The same day, the dashboard's row for Testford North is red.
        central.goto(site.url("/admin/compliance/", host=HUB))
        row = _north_row(central)
        expect(row).to_have_count(1)
        expect(row).to_contain_text("Needs attention")
        expect(row).to_contain_text("no designated administrator since today")
        badge = row.get_by_text("Needs attention")
        colour = badge.evaluate("element => getComputedStyle(element).backgroundColor")
        red, green, blue = (int(part) for part in re.findall(r"\d+", colour)[:3])
        assert red > 150, colour
        assert max(green, blue) < 100, colour
        row.scroll_into_view_if_needed()
        screenshots(central, "dashboard-after")
    finally:
        staff_context.close()

    with committed():
        assert Member.objects.get(pk=smo.member_record.pk).status == "lapsed"
        assert AuditEvent.objects.filter(
            action="appointment.ended_not_member", details__user=smo.pk
        ).exists()
