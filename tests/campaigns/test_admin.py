"""Central staff's campaign screens on the hub, and each site's "National campaigns"
screen where its designated administrators may hide one (where staff allow it)."""

import datetime as dt

import pytest
from django.utils import timezone
from django.utils.html import strip_tags

from campaigns.models import CampaignOptOut, NationalCampaign
from governance.models import AuditEvent
from tests.helpers import client_for, html_of, page_of

DENIED_TEXT = "You cannot open this admin"
STAFF_INDEX = "/admin/national_campaigns/"
SITE_SCREEN = "/admin/site-campaigns/"
WHO = ["anonymous", "member_user", "officer_a", "officer_b", "staff_user"]


def _client(request, who, where):
    user = None if who == "anonymous" else request.getfixturevalue(who)
    return client_for(where, user)


def _form(**changes):
    today = timezone.localdate()
    return {
        "title": "Save our buses",
        "slug": "save-our-buses",
        "summary": "Keep every route running.",
        "starts_on": str(today),
        "ends_on": str(today + dt.timedelta(days=14)),
        "action": "day_of_action",
        "day_of_action_on": str(today + dt.timedelta(days=7)),
        "day_of_action_text": "Leaflet every bus stop.",
        "audience": "all",
        "is_published": "on",
        **changes,
    }


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", "login"),
        ("member_user", 403),
        ("officer_a", 403),
        ("officer_b", 403),
        ("staff_user", 200),
    ],
)
def test_only_central_staff_open_the_campaign_screens_on_the_hub(
    request, make_campaign, who, expected
):
    campaign = make_campaign()
    client = _client(request, who, "localhost")
    for path in (STAFF_INDEX, f"{STAFF_INDEX}new/", f"{STAFF_INDEX}edit/{campaign.pk}/"):
        response = client.get(path)
        if expected == "login":
            assert response.status_code == 302
            assert response["Location"].startswith("/accounts/login/")
        else:
            assert response.status_code == expected, path


@pytest.mark.parametrize("who", ["officer_a", "staff_user"])
def test_the_campaign_screens_are_not_found_in_a_constituencys_admin(
    request, make_campaign, clp_a, who
):
    make_campaign()
    assert _client(request, who, clp_a).get(STAFF_INDEX).status_code == 404


def test_staff_publish_a_campaign_and_the_audit_log_says_who(staff, staff_user):
    response = staff.post(f"{STAFF_INDEX}new/", _form())
    assert response.status_code == 302, html_of(response)
    campaign = NationalCampaign.objects.get(slug="save-our-buses")
    assert campaign.is_published
    assert campaign.published_at is not None
    event = AuditEvent.objects.get(action="campaign.published")
    assert event.actor == staff_user
    assert "Save our buses" in event.summary
    assert "Save our buses" in page_of(staff.get(STAFF_INDEX))


def test_staff_withdraw_a_campaign(staff, make_campaign):
    campaign = make_campaign()
    form = _form(title=campaign.title, slug=campaign.slug)
    del form["is_published"]
    assert staff.post(f"{STAFF_INDEX}edit/{campaign.pk}/", form).status_code == 302
    campaign.refresh_from_db()
    assert not campaign.is_published
    assert AuditEvent.objects.filter(action="campaign.unpublished").exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"audience": "list"}, "Choose the constituencies it goes to."),
        ({"audience": "nation"}, "Choose the nation it goes to."),
        ({"ends_on": "2000-01-01"}, "A campaign must end on or after the day it starts."),
        ({"action": "pledge"}, "Write the pledge people sign."),
    ],
)
def test_bad_input_is_explained_and_nothing_is_saved(staff, changes, message):
    response = staff.post(f"{STAFF_INDEX}new/", _form(**changes))
    assert response.status_code == 200
    assert message in html_of(response)
    assert not NationalCampaign.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="campaign.").exists()


def test_a_published_campaign_cannot_be_deleted_but_a_draft_can(staff, make_campaign):
    published = make_campaign()
    published.published_at = timezone.now()
    published.save()
    draft = make_campaign(slug="draft", is_published=False)
    refused = staff.post(f"{STAFF_INDEX}delete/{published.pk}/", follow=True)
    assert "Sorry, you do not have permission" in html_of(refused)
    assert staff.post(f"{STAFF_INDEX}delete/{draft.pk}/").status_code == 302
    assert list(NationalCampaign.objects.values_list("slug", flat=True)) == ["fair-pay"]


# --- a site's own screen ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "expected", "may_hide"),
    [
        ("anonymous", "login", False),
        ("member_user", 403, False),
        ("editor_a", 200, False),
        ("officer_a", 200, True),
        ("officer_b", 403, False),
        ("staff_user", 200, True),
    ],
)
def test_designated_administrators_and_staff_hide_a_campaign_where_allowed(
    request, make_campaign, clp_a, who, expected, may_hide
):
    campaign = make_campaign(officers_may_hide=True)
    client = _client(request, who, clp_a)
    response = client.get(SITE_SCREEN)
    if expected == "login":
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == expected
    if expected == 200:
        assert ("Hide it from your site" in html_of(response)) is may_hide
    hidden = client.post(f"{SITE_SCREEN}fair-pay/hide/")
    assert CampaignOptOut.objects.filter(campaign=campaign).exists() is may_hide
    if may_hide:
        assert hidden.status_code == 302
        assert AuditEvent.objects.get(action="campaign.hidden").constituency == clp_a
        assert client_for(clp_a).get("/campaigns/fair-pay/").status_code == 404
        client.post(f"{SITE_SCREEN}fair-pay/show/")
        assert not CampaignOptOut.objects.exists()
        assert client_for(clp_a).get("/campaigns/fair-pay/").status_code == 200


def test_a_campaign_staff_want_everywhere_cannot_be_hidden(make_campaign, clp_a, officer_a):
    make_campaign(officers_may_hide=False)
    client = client_for(clp_a, officer_a)
    screen = page_of(client.get(SITE_SCREEN))
    assert "Hide it from your site" not in screen
    assert "The party asks every site it goes to to show it." in screen
    response = client.post(f"{SITE_SCREEN}fair-pay/hide/", follow=True)
    assert "must be shown on every site it goes to" in html_of(response)
    assert not CampaignOptOut.objects.exists()


def test_a_site_cannot_hide_a_campaign_that_does_not_go_to_it(
    make_campaign, clp_a, clp_b, officer_b
):
    make_campaign(officers_may_hide=True, audience="list", constituencies=[clp_a])
    client = client_for(clp_b, officer_b)
    assert "Fair pay for all" not in page_of(client.get(SITE_SCREEN))
    assert client.post(f"{SITE_SCREEN}fair-pay/hide/").status_code == 404


def test_the_site_screen_is_not_on_the_hub(staff):
    assert staff.get(SITE_SCREEN).status_code == 404


def test_hiding_needs_a_post(make_campaign, clp_a, officer_a):
    make_campaign(officers_may_hide=True)
    assert client_for(clp_a, officer_a).get(f"{SITE_SCREEN}fair-pay/hide/").status_code == 405
    assert not CampaignOptOut.objects.exists()


def test_denied_officers_see_why(make_campaign, clp_a, officer_b):
    response = client_for(clp_a, officer_b).get(SITE_SCREEN)
    assert DENIED_TEXT in html_of(response)


def test_each_admin_shows_its_own_campaigns_menu(clp_a, officer_a, staff):
    site_menu = html_of(client_for(clp_a, officer_a).get("/admin/"))
    assert SITE_SCREEN in site_menu
    assert STAFF_INDEX not in site_menu
    hub_menu = html_of(staff.get("/admin/"))
    assert STAFF_INDEX in hub_menu
    assert SITE_SCREEN not in hub_menu


def test_the_staff_list_shows_each_campaigns_figures_in_a_fixed_number_of_queries(
    staff, make_campaign, clp_a, clp_b, django_assert_max_num_queries
):
    listed = make_campaign(slug="listed", audience="list", constituencies=[clp_b])
    listed.pledges.create(
        constituency=clp_b,
        name="Ada",
        email="ada@example.org",
        postcode="TF1 1AA",
        consent_text="Yes",
        retain_until="2030-01-01T00:00Z",
        confirmed_at="2026-01-01T00:00Z",
    )
    staff.get(STAFF_INDEX)
    with django_assert_max_num_queries(40) as counted:
        staff.get(STAFF_INDEX)
    for number in range(5):
        make_campaign(slug=f"more-{number}", audience="nation", nation="W")
    with django_assert_max_num_queries(len(counted.captured_queries)):
        page = page_of(staff.get(STAFF_INDEX))
    row = page.split(f"{STAFF_INDEX}edit/{listed.pk}/", 1)[1].split("</tr>")[0]
    # Sign-ups (the one pledge), constituencies taking part, those with events.
    assert " ".join(strip_tags(row).split()).endswith("1 1 0")


def test_the_site_screen_is_headed_with_its_own_name(make_campaign, clp_a, officer_a):
    # The header shows the breadcrumbs (its <h1> is for screen readers only): a lone
    # "Home" crumb named the screen "Home".
    make_campaign()
    html = html_of(client_for(clp_a, officer_a).get(SITE_SCREEN))
    crumbs = html.split('aria-label="Breadcrumb"', 1)[1].split("</nav>", 1)[0]
    assert "National campaigns" in strip_tags(crumbs)
