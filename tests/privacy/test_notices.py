"""The privacy notices: every constituency site's at /privacy/, from the one wording
central staff keep on the hub with each site's details filled in, and the hub's own for
LabourHub and Membersnet."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import RequestFactory
from wagtail.models import Site

from constituencies.provisioning import provision_constituency
from constituencies.website.models import Representative, SiteSettings
from constituencies.website.privacy_notice import notice_values
from governance.models import AuditEvent
from privacy.models import NoticeKind, PrivacyNotice
from tests.helpers import client_for, html_of, page_of, text_of

NOTICES = "/admin/snippets/privacy/privacynotice/"
WHO = ["anonymous", "member_user", "officer_a", "officer_b", "staff_user"]


def _edit_url(kind):
    return f"{NOTICES}edit/{PrivacyNotice.objects.get(kind=kind).pk}/"


def _rich_text(*paragraphs) -> str:
    """What Wagtail's rich text editor posts: Draft.js content, one block a paragraph."""
    blocks = [
        {
            "key": f"b{number}",
            "type": "unstyled",
            "depth": 0,
            "text": text,
            "inlineStyleRanges": [],
            "entityRanges": [],
        }
        for number, text in enumerate(paragraphs)
    ]
    return json.dumps({"blocks": blocks, "entityMap": {}})


def _client(request, who, where):
    user = None if who == "anonymous" else request.getfixturevalue(who)
    return client_for(where, user)


@pytest.fixture
def contacts(clp_a, clp_b, in_schema):
    """Each site's own public address and MP, as its officers set them."""
    for constituency, address, mp in [
        (clp_a, "north@example.org", "Ada Lovelace"),
        (clp_b, "south@example.org", "Bryn Jones"),
    ]:
        with in_schema(constituency):
            site_settings = SiteSettings.for_site(Site.objects.get())
            site_settings.contact_email = address
            site_settings.save()
            Representative.objects.create(name=mp, kind="mp", email=f"mp.{address}")


# --- every site has its own ---------------------------------------------------------------


def test_each_site_has_its_notice_with_its_own_details(clp_a, clp_b, contacts):
    north = text_of(client_for(clp_a).get("/privacy/"))
    south = text_of(client_for(clp_b).get("/privacy/"))
    assert "Testford North Constituency Labour Party" in north
    assert "north@example.org" in north
    assert "Ada Lovelace, Member of Parliament" in north
    assert "Testford South Constituency Labour Party" in south
    assert "south@example.org" in south
    assert "Bryn Jones" in south
    assert "Testford South" not in north
    assert "north@example.org" not in south
    for notice in (north, south):
        assert "{" not in notice  # every placeholder filled in
        assert "Information Commissioner's Office" in notice
        assert "Version 1, last updated" in notice


def test_a_site_with_no_address_or_mp_points_to_the_data_protection_team(clp_a, settings):
    settings.DATA_PROTECTION_EMAIL = "dpo@example.org"
    page = text_of(client_for(clp_a).get("/privacy/"))
    assert "You can write to us at dpo@example.org" in page
    assert "Writing to our MP or candidate" in page


def test_a_newly_provisioned_site_has_its_notice_with_no_extra_step(db):
    site = provision_constituency(
        name="Testford East", gss_code="E14999903", override_reason="A test constituency"
    )
    page = page_of(client_for(site).get("/privacy/"))
    assert "Testford East Constituency Labour Party" in page


def test_the_hub_has_the_notice_of_labourhub_and_membersnet(hub_client, settings):
    settings.DATA_PROTECTION_EMAIL = "dpo@example.org"
    page = text_of(hub_client.get("/privacy/"))
    assert "Privacy notice for LabourHub and Membersnet" in page
    assert "training" in page
    assert "report" in page
    assert "dpo@example.org" in page
    assert "Constituency Labour Party" not in page


def test_the_hubs_notice_takes_one_query(hub_client, django_assert_max_num_queries):
    hub_client.get("/privacy/")
    with django_assert_max_num_queries(2):  # the notice, after setting the schema
        assert hub_client.get("/privacy/?nocache=1").status_code == 200


def test_the_notice_page_takes_few_queries(clp_a, contacts, django_assert_max_num_queries):
    visitor = client_for(clp_a)
    visitor.get("/privacy/")
    # The notice, the site's settings and its MP (and the schema, set twice); an
    # unknown query parameter skips the page cache.
    with django_assert_max_num_queries(5):
        assert visitor.get("/privacy/?nocache=1").status_code == 200


# --- the details are text, never markup ----------------------------------------------------


def test_a_sites_details_cannot_add_markup_to_the_notice(clp_a):
    clp_a.name = '<script>alert("x")</script>'
    request = RequestFactory().get("/privacy/", HTTP_HOST=clp_a.primary_domain)
    notice = PrivacyNotice.objects.get(kind=NoticeKind.CONSTITUENCY)
    filled = notice.fill_in(notice_values(clp_a, request))
    assert "<script>" not in filled.body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Constituency Labour Party" in (
        filled.body
    )


def test_an_officers_mp_name_cannot_add_markup_to_the_notice(clp_a, in_schema):
    with in_schema(clp_a):
        Representative.objects.create(
            name='<img src=x onerror="alert(1)">', kind="mp", email="mp@example.org"
        )
    page = page_of(client_for(clp_a).get("/privacy/"))
    body = client_for(clp_a).get("/privacy/").content.decode()
    assert "<img src=x" not in body
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;, Member of Parliament" in body
    assert '<img src=x onerror="alert(1)">, Member of Parliament' in page  # read as text


def test_a_placeholder_in_a_value_is_not_filled_in_again(clp_a):
    notice = PrivacyNotice(
        kind=NoticeKind.CONSTITUENCY, title="{constituency}", body="<p>{party}</p>"
    )
    filled = notice.fill_in({"constituency": "A {party}", "party": "{constituency} <b>"})
    assert filled.title == "A {party}"
    assert filled.body == "<p>{constituency} &lt;b&gt;</p>"


# --- central staff edit it once --------------------------------------------------------------


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
def test_only_central_staff_open_the_notices_on_the_hub(request, db, who, expected):
    client = _client(request, who, "localhost")
    for path in (NOTICES, _edit_url(NoticeKind.CONSTITUENCY), _edit_url(NoticeKind.HUB)):
        response = client.get(path)
        if expected == "login":
            assert response.status_code == 302
            assert response["Location"].startswith("/accounts/login/")
        else:
            assert response.status_code == expected, path


@pytest.mark.parametrize("who", ["officer_a", "staff_user"])
def test_the_notices_are_not_found_in_a_constituencys_admin(request, clp_a, who):
    client = _client(request, who, clp_a)
    assert client.get(_edit_url(NoticeKind.CONSTITUENCY)).status_code == 404
    assert "Privacy notices" not in html_of(client.get("/admin/"))


def test_nobody_adds_or_deletes_a_notice(staff):
    notice = PrivacyNotice.objects.get(kind=NoticeKind.CONSTITUENCY)
    # Wagtail sends a refused admin request back to the dashboard with a message.
    assert staff.get(f"{NOTICES}add/")["Location"] == "/admin/"
    assert staff.post(f"{NOTICES}add/", {"title": "x", "body": _rich_text("x")}).status_code == 302
    assert staff.post(f"{NOTICES}delete/{notice.pk}/")["Location"] == "/admin/"
    assert PrivacyNotice.objects.count() == 2


def test_the_edit_screen_lists_the_placeholders(staff):
    page = page_of(staff.get(_edit_url(NoticeKind.CONSTITUENCY)))
    for name in ("{constituency}", "{party}", "{contact_email}", "{representative}"):
        assert name in page


def test_staff_edit_once_and_every_site_shows_it(
    staff, staff_user, clp_a, clp_b, contacts, django_capture_on_commit_callbacks
):
    # Both sites' notices are in the page cache before the edit.
    for site in (clp_a, clp_b):
        assert "Data is kept" not in text_of(client_for(site).get("/privacy/"))
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(
            _edit_url(NoticeKind.CONSTITUENCY),
            {
                "title": "How {constituency} Labour uses your data",
                "body": _rich_text("Data is kept safe by {party}. Ask {contact_email}."),
            },
        )
    assert response.status_code == 302, html_of(response)
    north = text_of(client_for(clp_a).get("/privacy/"))
    south = text_of(client_for(clp_b).get("/privacy/"))
    assert "How Testford North Labour uses your data" in north
    assert "Data is kept safe by Testford North Constituency Labour Party. Ask north" in north
    assert "Data is kept safe by Testford South Constituency Labour Party. Ask south" in south
    assert "Version 2" in north
    assert "Version 2" in south
    event = AuditEvent.objects.get(action="privacy.notice_changed", actor=staff_user)
    assert event.details == {"notice": "constituency", "version": 2}


def test_a_staff_edit_of_the_hubs_notice_reaches_the_hub(
    staff, hub_client, django_capture_on_commit_callbacks
):
    hub_client.get("/privacy/")
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(
            _edit_url(NoticeKind.HUB),
            {
                "title": "Membersnet and your data",
                "body": _rich_text("Write to {data_protection_email}."),
            },
        )
    assert response.status_code == 302, html_of(response)
    assert "Membersnet and your data" in text_of(hub_client.get("/privacy/"))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"body": _rich_text("Write to {postcode}.")}, "Unknown placeholder: {postcode}."),
        ({"title": "{mp} and {clp}"}, "Unknown placeholders: {clp}, {mp}."),
        # The hub's notice has no constituency to name.
        ({"body": _rich_text("{constituency}")}, "Unknown placeholder: {constituency}."),
    ],
)
def test_an_unknown_placeholder_is_refused_and_nothing_saved(staff, changes, message):
    kind = NoticeKind.HUB if "constituency" in changes.get("body", "") else NoticeKind.CONSTITUENCY
    notice = PrivacyNotice.objects.get(kind=kind)
    response = staff.post(
        _edit_url(kind), {"title": "Privacy notice", "body": _rich_text("Fine."), **changes}
    )
    assert response.status_code == 200
    assert message in html_of(response)
    assert "This notice can use:" in html_of(response)
    notice.refresh_from_db()
    assert notice.version == 1
    assert "Fine." not in notice.body


def test_staff_preview_the_notice_as_one_site_shows_it(staff, clp_a, clp_b, contacts):
    notice = PrivacyNotice.objects.get(kind=NoticeKind.CONSTITUENCY)
    preview = f"{NOTICES}preview/{notice.pk}/"
    data = {"title": "Draft for {constituency}", "body": _rich_text("Unsaved: {contact_email}")}
    answer = staff.post(preview, data)
    assert answer.json()["is_valid"] is True
    page = text_of(staff.get(preview, {"mode": str(clp_b.pk)}))
    assert "Preview for Testford South" in page
    assert "Draft for Testford South" in page
    assert "Unsaved: south@example.org" in page
    notice.refresh_from_db()
    assert notice.version == 1  # a preview saves nothing


def test_staff_preview_the_hubs_notice(staff, settings):
    settings.DATA_PROTECTION_EMAIL = "dpo@example.org"
    notice = PrivacyNotice.objects.get(kind=NoticeKind.HUB)
    preview = f"{NOTICES}preview/{notice.pk}/"
    data = {"title": "Draft", "body": _rich_text("Ask {data_protection_email}")}
    assert staff.post(preview, data).json()["is_valid"] is True
    assert "Ask dpo@example.org" in text_of(staff.get(preview))


def test_a_preview_with_an_unknown_placeholder_is_not_valid(staff):
    notice = PrivacyNotice.objects.get(kind=NoticeKind.CONSTITUENCY)
    data = {"title": "Draft", "body": _rich_text("{nonsense}")}
    answer = staff.post(f"{NOTICES}preview/{notice.pk}/", data)
    assert answer.json()["is_valid"] is False


def test_setup_platform_gives_a_missing_notice_its_default_wording(db):
    PrivacyNotice.objects.filter(kind=NoticeKind.HUB).delete()
    call_command("setup_platform", stdout=StringIO())
    notice = PrivacyNotice.objects.get(kind=NoticeKind.HUB)
    assert "Information Commissioner's Office" in notice.body
