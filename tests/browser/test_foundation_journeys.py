"""The foundation's journeys in a real browser: central staff provision a constituency
and appoint its Secretary (once a member there); the Secretary opens their own admin and
not another's; a visitor on a phone finds their local party."""

import uuid

import pytest
from playwright.sync_api import expect

from constituencies.models import Constituency
from tests.browser.conftest import sign_in
from tests.factories import MemberFactory, UserFactory

PASSWORD = "correct horse battery staple"


@pytest.fixture
def people(committed):
    suffix = uuid.uuid4().hex[:8]
    with committed():
        staff = committed.cleanup(
            UserFactory(email=f"staff-{suffix}@example.org", is_central_staff=True, mfa=True)
        )
        secretary = committed.cleanup(
            UserFactory(email=f"secretary-{suffix}@example.org", first_name="Sian", mfa=True)
        )
    return staff, secretary


def test_staff_provision_a_constituency_and_its_secretary_opens_only_its_admin(
    desktop, site, committed, people, screenshots
):
    staff, secretary = people
    committed.cleanup_constituency("W07999931")
    page = desktop

    sign_in(page, site, "localhost", staff.email, PASSWORD, next_path="/admin/constituencies/")
    expect(page.get_by_role("heading", name="Constituencies")).to_be_visible()
    screenshots(page, "staff-constituency-list")

    page.get_by_role("link", name="Provision a constituency").click()
    page.get_by_label("Name").fill("Browserton West")
    page.get_by_label("GSS code").fill("W07999931")
    screenshots(page, "provision-form")
    page.get_by_role("button", name="Provision").click()
    # An invented code is not on the shipped list: staff override it with a reason.
    expect(page.get_by_text("W07999931 is not in the list of constituencies")).to_be_visible()
    expect(page.get_by_label("Name")).to_have_value("Browserton West")
    page.get_by_label("Override the list of constituencies").check()
    page.get_by_label("Why the list is overridden").fill("A test constituency")
    screenshots(page, "provision-override")
    page.get_by_role("button", name="Provision").click()
    expect(
        page.get_by_text("Browserton West is ready at browserton-west.localhost")
    ).to_be_visible()
    screenshots(page, "provisioned")

    page.get_by_role("link", name="Appoint someone").click()
    page.get_by_label("Email").fill(secretary.email)
    page.get_by_label("Role").select_option("secretary")
    page.get_by_role("button", name="Appoint").click()
    # Officers must be current members, and the new CLP has no members yet.
    expect(
        page.get_by_text("is not a current member of the Browserton West CLP: they have no")
    ).to_be_visible()
    page.evaluate("window.scrollTo(0, 0)")
    screenshots(page, "refused-not-a-member")

    # The membership system's list arrives: the Secretary is a member there.
    with committed():
        committed.cleanup(
            MemberFactory(
                user=secretary,
                email=secretary.email,
                constituency=Constituency.objects.get(gss_code="W07999931"),
            )
        )
    page.get_by_role("button", name="Appoint").click()
    expect(page.get_by_text("is Secretary of Browserton West")).to_be_visible()
    screenshots(page, "appointed")

    new_site = "browserton-west.localhost"
    page.goto(site.url("/", host=new_site))
    expect(page.get_by_role("heading", level=1, name="Browserton West Labour")).to_be_visible()
    screenshots(page, "new-site-home")

    secretary_page = page.context.browser.new_context().new_page()
    sign_in(secretary_page, site, new_site, secretary.email, PASSWORD)
    screenshots(secretary_page, "secretary-admin-dashboard")
    expect(secretary_page).to_have_url(site.url("/admin/", host=new_site))
    # A site in Wales offers Welsh from the start: the starter pages in both languages,
    # all in step. (Rights over both home pages make Wagtail title the dashboard with the
    # platform's name rather than the site's.)
    expect(secretary_page.get_by_role("heading", name="Welsh pages")).to_be_visible()
    expect(secretary_page.get_by_text("10 Pages")).to_be_visible()
    expect(
        secretary_page.get_by_text("All 5 published pages are in Welsh and English")
    ).to_be_visible()

    # Each site keeps its own session: signing in to another constituency's admin is refused.
    sign_in(secretary_page, site, "testford-south.localhost", secretary.email, PASSWORD)
    expect(secretary_page.get_by_role("heading", name="You cannot open this admin")).to_be_visible()
    screenshots(secretary_page, "other-constituency-refused")
    secretary_page.context.close()


def test_a_visitor_on_a_phone_finds_their_local_party(phone, site, screenshots):
    page = phone
    page.goto(site.url("/"))
    expect(page.get_by_role("heading", name="Find your local party")).to_be_visible()
    screenshots(page, "directory")
    page.get_by_label("Constituency name").fill("Testford South")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_text("1 constituency match")).to_be_visible()
    screenshots(page, "search-result")
    page.get_by_role("link", name="Testford South").click()
    expect(page.get_by_role("heading", level=1, name="Testford South Labour")).to_be_visible()
    screenshots(page, "constituency-home")
    page.get_by_role("link", name="Skip to main content").focus()
    expect(page.get_by_role("link", name="Skip to main content")).to_be_visible()
