"""Drafts that get approved, in a real browser: Testford North's untrained editor writes
a news story and submits it for approval; the trained Social Media Officer is emailed,
finds it waiting on her dashboard, approves it, and it is live; the editor is emailed."""

import re
import uuid

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from constituencies.models import Constituency
from constituencies.website.models import NewsIndexPage, NewsPage
from governance.models import AuditEvent
from membersnet.training.models import Course, Lesson
from membersnet.training.progress import complete_lesson
from outbox.models import OutgoingEmail
from roles.models import Role
from tests.browser.conftest import sign_in
from tests.factories import UserFactory, make_officer

PASSWORD = "correct horse battery staple"
HOST = "testford-north.localhost"


@pytest.fixture
def north(committed):
    with committed():
        return Constituency.objects.get(gss_code="E14999901")


@pytest.fixture
def cast(committed, north):
    """The required course, an untrained editor and a trained Social Media Officer."""
    suffix = uuid.uuid4().hex[:6]
    with committed():
        course = committed.cleanup(
            Course.objects.create(
                title="Publishing on your CLP site",
                slug=f"publishing-{suffix}",
                summary="Required.",
                is_published=True,
                required_for_publishing=True,
            )
        )
        lesson = Lesson.objects.create(course=course, position=1, title="Who", text="<p>You</p>")
        people = {}
        for name, role in (("editor", Role.EDITOR), ("smo", Role.SOCIAL_MEDIA_OFFICER)):
            user = make_officer(
                north,
                role,
                email=f"{name}-{suffix}@example.org",
                first_name=name.upper() if name == "smo" else "Eddie",
                starts_days_ago=1,
            )
            people[name] = user
        complete_lesson(people["smo"], lesson)
        people["staff"] = committed.cleanup(
            UserFactory(email=f"staff-{suffix}@example.org", is_central_staff=True, mfa=True)
        )
        # Registered after the course, so deleted before it: officers' records go first.
        for user in (people["editor"], people["smo"]):
            committed.cleanup(user)
            committed.cleanup(user.member)
        mark = OutgoingEmail.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        audit_mark = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    people["title"] = f"Library saved {suffix}"

    @committed.defer
    def remove_the_story_its_emails_and_audit():
        with north:
            for story in NewsPage.objects.filter(title=people["title"]):
                story.delete()
            OutgoingEmail.objects.filter(pk__gt=mark, about="moderation").delete()
        AuditEvent.objects.filter(pk__gt=audit_mark, action__startswith="page.").delete()

    return people


def _more_actions(page, action):
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name=action, exact=True).click()


def test_an_editor_submits_and_the_trained_officer_approves(
    desktop, site, committed, north, cast, screenshots
):
    editor, smo, title = cast["editor"], cast["smo"], cast["title"]
    mail.outbox.clear()
    page = desktop
    sign_in(page, site, HOST, editor.email, PASSWORD)
    with committed(), north:
        news_index_id = NewsIndexPage.objects.get(locale__language_code="en-gb").pk
    page.goto(site.url(f"/admin/pages/add/website/newspage/{news_index_id}/", host=HOST))
    page.locator("#id_title").fill(title)
    page.locator("#id_summary").fill("Our campaign kept the library open.")
    screenshots(page, "editor-writes")
    _more_actions(page, "Submit to Officers' approval")
    expect(page.get_by_text(re.compile(f"'{title}' created and submitted"))).to_be_visible()
    screenshots(page, "editor-submitted")
    page.goto(site.url("/admin/", host=HOST))
    expect(page.get_by_text(title).first).to_be_visible()
    screenshots(page, "editor-dashboard")

    (to_smo,) = [message for message in mail.outbox if smo.email in message.to]
    assert to_smo.subject == f"Waiting for your approval: {title}"
    assert [address for message in mail.outbox for address in message.to] == [smo.email]
    link = re.search(r"http://\S+/admin/pages/\d+/edit/", to_smo.body).group(0)

    staff = page.context.browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(staff, site, "localhost", cast["staff"].email, PASSWORD)
    staff.get_by_role("link", name="Drafts waiting").click()
    expect(staff.get_by_role("heading", name="Testford North")).to_be_visible()
    expect(staff.get_by_role("link", name=title)).to_be_visible()
    screenshots(staff, "staff-sees-it-waiting")
    staff.context.close()

    officer = page.context.browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(officer, site, HOST, smo.email, PASSWORD)
    expect(officer.get_by_role("heading", name="Awaiting your review")).to_be_visible()
    expect(officer.get_by_text(title).first).to_be_visible()
    screenshots(officer, "officer-dashboard")
    officer.goto(link.replace(f"http://{HOST}/", site.url("/", host=HOST)))
    screenshots(officer, "officer-reviews")
    _more_actions(officer, "Approve and Publish")
    expect(officer.locator(".messages")).to_contain_text(title)
    screenshots(officer, "officer-approved")

    visitor = officer.context.browser.new_context().new_page()
    visitor.goto(site.url("/", host=HOST))
    expect(visitor.get_by_role("link", name=title)).to_be_visible()
    screenshots(visitor, "live-home")
    visitor.context.close()
    officer.context.close()

    (to_editor,) = [message for message in mail.outbox if editor.email in message.to]
    assert to_editor.subject == f"Approved and published: {title}"
    with committed():
        assert AuditEvent.objects.filter(
            action="page.approved", actor=smo, summary__contains=title
        ).exists()
    with committed(), north:
        assert NewsPage.objects.get(title=title).live
        assert NewsPage.objects.get(title=title).first_published_at <= timezone.now()
