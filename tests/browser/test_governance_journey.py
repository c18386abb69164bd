"""Governance in a real browser, end to end: a newly appointed Social Media Officer signs
in to their CLP's admin with a password and an authenticator code, is told they can't
publish until they finish the publishing course, follows the link to Membersnet and
completes it (lessons and quiz), then publishes a key event and works through its
publicity kit. Central staff watch the compliance dashboard change as they go: the
officer leaves "Officers not trained to publish", and the key event is "at risk" until
its checklist is done."""

import re
import uuid

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from constituencies.models import Constituency
from constituencies.website.models import EventIndexPage, EventPage
from governance.models import AuditEvent, KeyEventRecord, PartyUnit, PresenceEntry
from membersnet.training.models import Course, Lesson
from roles.appointments import appoint
from roles.models import Role
from tests.browser.conftest import DESKTOP, add_publishing_quiz
from tests.factories import MemberFactory, UserFactory, unused_totp_code

PASSWORD = "correct horse battery staple"
HOST = "testford-north.localhost"
HUB = "localhost"


@pytest.fixture
def north(committed):
    with committed():
        return Constituency.objects.get(gss_code="E14999901")


@pytest.fixture
def suffix():
    return uuid.uuid4().hex[:6]


@pytest.fixture
def publishing_course(committed, suffix):
    """The course required to publish: two short lessons and a two-question quiz."""
    with committed():
        course = committed.cleanup(
            Course.objects.create(
                title="Publishing on your CLP site",
                slug=f"publishing-{suffix}",
                summary="What every officer must know before they publish.",
                is_published=True,
                required_for_publishing=True,
                pass_mark=100,
            )
        )
        Lesson.objects.create(
            course=course,
            position=1,
            title="Who may publish",
            text="<p>Trained officers and editors publish on the CLP's site.</p>",
        )
        Lesson.objects.create(
            course=course,
            position=2,
            title="Images and alt text",
            text="<p>Every image needs alt text that says what it shows.</p>",
        )
        add_publishing_quiz(course)
    return course


@pytest.fixture
def smo(committed, north, suffix):
    """A member of Testford North just appointed its Social Media Officer, with an
    authenticator set up and no training yet."""
    with committed():
        user = UserFactory(
            email=f"smo-{suffix}@example.org",
            first_name="Sadia",
            last_name=f"Okafor-{suffix}",
            mfa=True,
        )
        _cleanup_user(committed, north, user)
        committed.cleanup(
            MemberFactory(
                user=user,
                membership_number=f"L9{int(suffix, 16):08d}",
                email=user.email,
                name=user.get_full_name(),
                constituency=north,
            )
        )
        appoint(user=user, constituency=north, role=Role.SOCIAL_MEDIA_OFFICER)

    @committed.defer
    def forget_the_audit_trail():
        AuditEvent.objects.filter(summary__contains=suffix).delete()

    return user


@pytest.fixture
def staff(committed, north, suffix):
    with committed():
        user = UserFactory(email=f"staff-{suffix}@example.org", is_central_staff=True, mfa=True)
        return _cleanup_user(committed, north, user)


def _cleanup_user(committed, constituency, user):
    """Delete `user` after the test from the constituency's schema, so that the page
    revisions they saved there (in that schema's tables) let go of them too."""
    with constituency:
        return committed.cleanup(user)


@pytest.fixture
def register_entry(committed, north, suffix):
    """An account on Testford North's register, so the checklist asks for a post on it."""
    with committed():
        unit, created = PartyUnit.objects.get_or_create(
            kind=PartyUnit.Kind.CLP, constituency=north, defaults={"name": north.name}
        )
        if created:
            committed.cleanup(unit)
        return committed.cleanup(
            PresenceEntry.objects.create(
                unit=unit,
                platform=PresenceEntry.Platform.BLUESKY,
                handle=f"@testfordnorth{suffix}.bsky.social",
                purpose="News and events",
                credentials_note="In the CLP's password manager",
            )
        )


def _enter_totp_code(page, email):
    page.get_by_label("Code").fill(unused_totp_code(email))
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(lambda url: "/2fa/authenticate/" not in url)


def _sign_in_here(page, email):
    """Complete the sign-in form the page is on, and its two-factor step."""
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    expect(page).to_have_url(re.compile(r"/2fa/authenticate/"))
    _enter_totp_code(page, email)
    page.wait_for_load_state()


def _publish(page):
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()


def _scroll_editor_to_top(page):
    """Playwright may scroll the editor's main column sideways to reach a field (the
    closed minimap overflows it, hidden); a person can't, so the screenshot shouldn't."""
    page.locator("main#main").evaluate("main => main.scrollTo(0, 0)")


def _untrained_row(page, email):
    return page.locator("#untrained").get_by_role("row").filter(has_text=email)


def _at_risk_row(page, title):
    return page.locator("#events").get_by_role("row").filter(has_text=title)


def test_a_new_officer_trains_publishes_a_key_event_and_publicises_it_as_staff_watch(
    desktop,
    site,
    committed,
    north,
    publishing_course,
    smo,
    staff,
    register_entry,
    suffix,
    screenshots,
):
    event_title = f"Meet your candidate {suffix}"
    with committed(), north:
        events_id = EventIndexPage.objects.get(locale__language_code="en-gb").pk

    @committed.defer
    def remove_the_event():
        with north:
            for event in EventPage.objects.filter(title=event_title):
                event.delete()
        KeyEventRecord.objects.filter(constituency=north, title=event_title).delete()

    officer = desktop
    staff_context = desktop.context.browser.new_context(viewport=DESKTOP)
    try:
        central = staff_context.new_page()

        # Central staff see the new officer among those not trained to publish.
        central.goto(site.url("/admin/compliance/", host=HUB))
        _sign_in_here(central, staff.email)
        expect(central).to_have_url(site.url("/admin/compliance/", host=HUB))
        expect(central.get_by_role("heading", level=1, name="Compliance")).to_be_visible()
        expect(_untrained_row(central, smo.email)).to_have_count(1)
        expect(_untrained_row(central, smo.email)).to_contain_text("Social Media Officer")
        expect(_untrained_row(central, smo.email)).to_contain_text("Testford North")
        expect(_at_risk_row(central, event_title)).to_have_count(0)
        screenshots(central, "staff-dashboard-before")

        # 1. The officer signs in to their CLP's admin: password, then authenticator code.
        officer.goto(site.url("/admin/", host=HOST))
        _sign_in_here(officer, smo.email)
        expect(officer).to_have_url(site.url("/admin/", host=HOST))
        expect(officer.get_by_role("heading", name="Testford North")).to_be_visible()

        # 2. The admin says they can't publish yet, and which course unlocks it.
        locked = officer.locator("section").filter(
            has=officer.get_by_role("heading", name="You can't publish yet")
        )
        expect(locked).to_be_visible()
        course_link = locked.get_by_role("link", name="Publishing on your CLP site")
        expect(course_link).to_have_attribute(
            "href", site.url(f"/membersnet/training/{publishing_course.slug}/", host=HUB)
        )
        screenshots(officer, "officer-admin-cannot-publish-yet")

        # They can draft the key event now, but there is no Publish action for them.
        officer.goto(site.url(f"/admin/pages/add/website/eventpage/{events_id}/", host=HOST))
        expect(officer.get_by_text("you can't publish until you complete")).to_be_visible()
        starts = timezone.localtime() + timezone.timedelta(days=10)
        officer.locator("#id_title").fill(event_title)
        officer.locator("#id_summary").fill("Come and meet our candidate for the council.")
        officer.locator("#id_starts_at").fill(starts.strftime("%Y-%m-%d 19:00"))
        officer.locator("#id_venue").fill("Testford Library")
        officer.locator("#id_postcode").fill("TF1 1AA")
        officer.get_by_label("Key event").check()
        more_actions = officer.get_by_role("button", name="More actions")
        if more_actions.count():
            more_actions.click()
        expect(officer.get_by_role("button", name="Publish", exact=True)).to_have_count(0)
        _scroll_editor_to_top(officer)
        screenshots(officer, "officer-event-editor-draft-only")
        officer.keyboard.press("Escape")
        officer.get_by_role("button", name="Save draft").click()
        expect(officer.get_by_text(f"Page '{event_title}' created.")).to_be_visible()

        # 3. The link takes them to the course on Membersnet, on the hub.
        officer.goto(site.url("/admin/", host=HOST))
        officer.get_by_role("link", name="Publishing on your CLP site").click()
        _sign_in_here(officer, smo.email)  # each site keeps its own session
        expect(officer).to_have_url(
            site.url(f"/membersnet/training/{publishing_course.slug}/", host=HUB)
        )
        expect(
            officer.get_by_role("heading", level=1, name="Publishing on your CLP site")
        ).to_be_visible()
        screenshots(officer, "course")

        officer.get_by_role("link", name="Who may publish").click()
        expect(officer.get_by_text("Trained officers and editors publish")).to_be_visible()
        officer.get_by_role("button", name="Mark as done").click()
        expect(officer.get_by_role("heading", level=1, name="Images and alt text")).to_be_visible()
        screenshots(officer, "lesson")
        officer.get_by_role("button", name="Mark as done").click()
        officer.get_by_role("link", name="Take the quiz").click()
        officer.get_by_label("Trained officers and editors").check()
        officer.get_by_label("Alt text").check()
        screenshots(officer, "quiz")
        officer.get_by_role("button", name="Check my answers").click()
        expect(officer.get_by_role("heading", name="You passed")).to_be_visible()
        expect(officer.get_by_text("You've completed Publishing on your CLP site.")).to_be_visible()
        screenshots(officer, "quiz-passed")

        # Central staff no longer see them as untrained.
        central.reload()
        expect(_untrained_row(central, smo.email)).to_have_count(0)

        # 4. Back in their CLP's admin, the panel is gone and they can publish.
        officer.goto(site.url("/admin/", host=HOST))
        expect(officer.get_by_role("heading", name="Testford North")).to_be_visible()
        expect(officer.get_by_role("heading", name="You can't publish yet")).to_have_count(0)
        screenshots(officer, "officer-admin-trained")

        with committed(), north:
            event_id = EventPage.objects.get(title=event_title).pk
        officer.goto(site.url(f"/admin/pages/{event_id}/edit/", host=HOST))
        expect(officer.get_by_text("you can't publish until you complete")).to_have_count(0)
        expect(officer.get_by_label("Key event")).to_be_checked()
        _publish(officer)
        expect(officer.get_by_text(f"Page '{event_title}' has been published.")).to_be_visible()
        screenshots(officer, "event-published")

        # The hub now counts it as a key event at risk: its publicity isn't done.
        central.reload()
        at_risk = _at_risk_row(central, event_title)
        expect(at_risk).to_have_count(1)
        expect(at_risk).to_contain_text("Testford North")
        expect(at_risk).to_contain_text("0 of 2")
        screenshots(central, "staff-dashboard-event-at-risk")

        # 5. The event's admin page links to its publicity kit.
        officer.goto(site.url(f"/admin/pages/{event_id}/edit/", host=HOST))
        officer.get_by_role("button", name="Actions", exact=True).click()
        officer.get_by_role("link", name="Publicity kit").click()
        expect(officer).to_have_url(site.url(f"/admin/publicity/{event_id}/", host=HOST))
        expect(officer.get_by_role("heading", name=f"Publicity kit: {event_title}")).to_be_visible()
        short_link = site.url(f"/e/{event_id}/", host=HOST)
        expect(officer.get_by_role("textbox", name="Short link")).to_have_value(short_link)
        for network in ("X", "Bluesky", "Mastodon", "Facebook", "WhatsApp"):
            post = officer.get_by_label(f"Post for {network}")
            expect(post).to_contain_text(event_title)
            expect(post).to_contain_text(short_link)
        expect(officer.get_by_label("Subject")).to_have_value(re.compile(event_title))
        card = officer.get_by_role("img", name=re.compile("^The share card"))
        qr = officer.get_by_role("img", name=f"QR code for {short_link}")
        for image in (card, qr):
            expect(image).to_be_visible()
            image.scroll_into_view_if_needed()
            officer.wait_for_function("image => image.complete", arg=image.element_handle())
            assert image.evaluate("image => image.naturalWidth") > 0
        assert card.evaluate("image => image.naturalWidth") == 1200
        expect(officer.get_by_text("0 of 2 done").first).to_be_visible()
        officer.get_by_role("button", name="Copy the short link").click()
        expect(officer.get_by_text("Copied")).to_be_visible()  # said, to screen readers too
        screenshots(officer, "publicity-kit")

        # The short link leads a visitor to the event.
        visitor = officer.context.browser.new_context().new_page()
        visitor.goto(short_link)
        expect(visitor.get_by_role("heading", level=1, name=event_title)).to_be_visible()
        visitor.context.close()

        # They tick the checklist off, one item at a time.
        checklist = officer.locator("#checklist")
        for label in (f"Posted on Bluesky {register_entry.handle}", "Sent to members by email"):
            item = checklist.get_by_role("listitem").filter(has_text=label)
            expect(item).to_contain_text("To do:")
            item.get_by_role("button", name="Mark as done").click()
            expect(officer.get_by_text(f"Ticked: {label}.")).to_be_visible()
            expect(item).to_contain_text("Done:")
            expect(item).to_contain_text(f"ticked by {smo.get_full_name()}")
        expect(checklist.get_by_text("2 of 2 done.")).to_be_visible()
        expect(checklist.get_by_role("button", name="Mark as done")).to_have_count(0)
        screenshots(officer, "publicity-checklist-done")

        # 6. Central staff see the key event is no longer at risk.
        central.reload()
        expect(_at_risk_row(central, event_title)).to_have_count(0)
        expect(_untrained_row(central, smo.email)).to_have_count(0)
        screenshots(central, "staff-dashboard-after")
    finally:
        staff_context.close()
