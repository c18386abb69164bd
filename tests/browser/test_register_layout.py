"""The register of online presence is usable on a phone (360 px) and a desktop
(1280 px): no column is clipped. On a phone each entry is a card, each value under its
column's name."""

import uuid

import pytest

from constituencies.models import Constituency
from governance.models import AuditEvent, PartyUnit, PresenceEntry, SignInHolder
from roles.appointments import appoint
from roles.models import Role
from tests.browser.conftest import sign_in
from tests.factories import MemberFactory, UserFactory

PASSWORD = "correct horse battery staple"
HOST = "testford-north.localhost"
NARROW = {"width": 360, "height": 780}
WIDE = {"width": 1280, "height": 900}


@pytest.fixture
def register(committed):
    """Testford North's Secretary, and two entries with long addresses and several
    people who can sign in."""
    suffix = uuid.uuid4().hex[:6]
    with committed():
        north = Constituency.objects.get(gss_code="E14999901")
        secretary = UserFactory(
            email=f"secretary-{suffix}@example.org",
            first_name="Priya",
            last_name=f"Secretary-{suffix}",
            mfa=True,
        )
        with north:
            committed.cleanup(secretary)
        committed.cleanup(
            MemberFactory(
                user=secretary,
                membership_number=f"L7{int(suffix, 16):08d}",
                email=secretary.email,
                name=secretary.get_full_name(),
                constituency=north,
            )
        )
        appoint(user=secretary, constituency=north, role=Role.SECRETARY)
        unit, created = PartyUnit.objects.get_or_create(
            kind=PartyUnit.Kind.CLP, constituency=north, defaults={"name": north.name}
        )
        if created:
            committed.cleanup(unit)
        group = committed.cleanup(
            PresenceEntry.objects.create(
                unit=unit,
                platform=PresenceEntry.Platform.FACEBOOK_GROUP,
                url=f"https://www.facebook.com/groups/testfordnorthlabourmembersgroup{suffix}",
                purpose="The members' group: meetings, door-knocking sessions and socials.",
                credentials_note="In the CLP's shared password manager, with the Secretary.",
                recovery_email="socialmedia@testfordnorthlabour.example.org",
                recovery_phone="+44 7700 900123",
            )
        )
        group.controllers.set([secretary])
        SignInHolder.objects.create(
            entry=group, name="Samantha Jones-Whitaker", email=f"sam-{suffix}@example.org"
        )
        account = committed.cleanup(
            PresenceEntry.objects.create(
                unit=unit,
                platform=PresenceEntry.Platform.X,
                handle=f"@TestfordNorthLabour{suffix}",
                url=f"https://x.com/TestfordNorthLabour{suffix}",
                purpose="Campaign updates.",
                credentials_note="In the CLP's shared password manager.",
            )
        )
        account.controllers.set([secretary])

    @committed.defer
    def forget_the_audit_trail():
        AuditEvent.objects.filter(summary__contains=suffix).delete()

    return {"secretary": secretary, "group": group, "suffix": suffix}


def overflow(page) -> int:
    """How many pixels the page is wider than the window (0: nothing is clipped or
    needs sideways scrolling)."""
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def cells_outside_table(page) -> list[str]:
    """The register's cells whose right edge passes the table's own box (the header
    row counts only where it is shown: on a phone it is kept for screen readers alone)."""
    return page.evaluate(
        """() => {
          const table = document.querySelector('.register-table');
          const edge = table.getBoundingClientRect().right + 1;
          const header = table.querySelector('thead').getBoundingClientRect().width > 1;
          return [...table.querySelectorAll(header ? 'td, th' : 'tbody td')]
            .filter(cell => cell.getBoundingClientRect().right > edge)
            .map(cell => cell.dataset.label || cell.textContent.trim().slice(0, 30));
        }"""
    )


@pytest.mark.parametrize("viewport", [NARROW, WIDE], ids=["360px", "1280px"])
def test_the_register_fits_a_phone_and_a_desktop(chromium, site, register, screenshots, viewport):
    context = chromium.new_context(viewport=viewport)
    try:
        page = context.new_page()
        sign_in(page, site, HOST, register["secretary"].email, PASSWORD)
        page.goto(site.url("/admin/online-presence/", host=HOST))
        row = page.locator(f"#entry-{register['group'].pk}")
        row.wait_for()
        screenshots(page, f"register-{viewport['width']}")

        assert cells_outside_table(page) == []
        table_right = page.evaluate(
            "() => document.querySelector('.register-table').getBoundingClientRect().right"
        )
        assert table_right <= viewport["width"]
        text = row.inner_text()
        assert "Samantha Jones-Whitaker" in text
        assert "socialmedia@testfordnorthlabour.example.org" in text
        assert "Confirm we still control it" in text
        headers_shown = page.locator(".register-table thead").is_visible()
        if viewport is NARROW:
            # Cards: every value is labelled with its column's name, as the header is
            # out of sight (still read by screen readers).
            labels = row.locator("td[data-label]").evaluate_all(
                "cells => cells.map(c => getComputedStyle(c, '::before').content)"
            )
            assert '"Who can sign in"' in labels
            assert '"Control"' in labels
            box = row.bounding_box()
            assert box["x"] >= 0
            assert box["x"] + box["width"] <= viewport["width"]
        else:
            assert headers_shown
        assert overflow(page) == 0
        # The admin scrolls inside its main column: a tall window shows all of it.
        page.set_viewport_size({"width": viewport["width"], "height": 2200})
        screenshots(page, f"register-{viewport['width']}-whole")

        # The form that keeps it fits too.
        page.goto(site.url(f"/admin/online-presence/{register['group'].pk}/edit/", host=HOST))
        page.get_by_label("Anyone else who can sign in").wait_for()
        assert (
            "Samantha Jones-Whitaker, sam-"
            in page.get_by_label("Anyone else who can sign in").input_value()
        )
        screenshots(page, f"form-{viewport['width']}")
        assert overflow(page) == 0
    finally:
        context.close()
