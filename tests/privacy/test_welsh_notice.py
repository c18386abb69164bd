"""The constituency privacy notice in Welsh: at /cy/privacy/ on a site that offers Welsh
(clp_b), from the Welsh wording central staff keep beside the English, with the site's
Welsh values; none on an English-only site (clp_a)."""

import pytest
from wagtail.models import Site

from constituencies.website.models import Representative, SiteSettings
from privacy import consent
from privacy.models import NoticeKind, PrivacyNotice
from tests.helpers import client_for, html_of, page_of, text_of
from tests.privacy.test_notices import _client, _edit_url, _rich_text

NOTICES = "/admin/snippets/privacy/privacynotice/"


@pytest.fixture
def welsh_site(clp_b, in_schema):
    clp_b.welsh_name = "De Testford"
    clp_b.save()
    with in_schema(clp_b):
        site_settings = SiteSettings.for_site(Site.objects.get())
        site_settings.contact_email = "south@example.org"
        site_settings.save()
        Representative.objects.create(name="Bryn Jones", kind="mp", email="mp@example.org")
    return clp_b


def _form(notice, **changes):
    return {
        "title": notice.title,
        "body": _rich_text("English wording for {party}."),
        "welsh_title": notice.welsh_title,
        "welsh_body": _rich_text("Geiriad Cymraeg ar gyfer {party}."),
        **changes,
    }


def test_the_welsh_notice_has_the_sites_welsh_values(welsh_site):
    response = client_for(welsh_site).get("/cy/privacy/")
    assert response.status_code == 200
    text = text_of(response)
    assert '<html lang="cy"' in html_of(response)
    assert "Hysbysiad preifatrwydd" in text
    assert "Plaid Lafur Etholaeth De Testford" in text
    assert "Bryn Jones, Aelod Seneddol" in text
    assert "south@example.org" in text
    assert "Swyddfa'r Comisiynydd Gwybodaeth" in text
    assert "Fersiwn 1, diweddarwyd ddiwethaf" in text
    assert "{" not in text


def test_the_english_notice_is_unchanged_beside_it(welsh_site):
    text = text_of(client_for(welsh_site).get("/privacy/"))
    assert "Testford South Constituency Labour Party" in text
    assert "Plaid Lafur" not in text


def test_an_english_only_site_has_no_welsh_notice(clp_a):
    assert client_for(clp_a).get("/cy/privacy/").status_code == 404


def test_without_a_welsh_name_or_mp_the_welsh_notice_says_so_in_welsh(clp_b):
    text = text_of(client_for(clp_b).get("/cy/privacy/"))
    assert "Plaid Lafur Etholaeth Testford South" in text
    assert "Ysgrifennu at ein AS neu ein hymgeisydd" in text


def test_the_sites_details_cannot_add_markup_to_the_welsh_notice(clp_b, in_schema):
    clp_b.welsh_name = '<script>alert("x")</script>'
    clp_b.save()
    body = client_for(clp_b).get("/cy/privacy/").content.decode()
    assert "<script>alert" not in body
    assert "Plaid Lafur Etholaeth &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", "login"),
        ("member_user", 403),
        ("officer_a", 403),
        ("officer_b", 403),
        ("staff_user", 302),
    ],
)
def test_only_central_staff_change_the_welsh_wording(
    request, db, who, expected, django_capture_on_commit_callbacks
):
    notice = PrivacyNotice.objects.get(kind=NoticeKind.CONSTITUENCY)
    client = _client(request, who, "localhost")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_edit_url(NoticeKind.CONSTITUENCY), _form(notice))
    if expected == "login":
        assert response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == expected
    notice.refresh_from_db()
    changed = "Geiriad Cymraeg" in notice.welsh_body
    assert changed == (who == "staff_user")


def test_staffs_welsh_wording_reaches_the_welsh_pages(
    staff, welsh_site, django_capture_on_commit_callbacks
):
    assert "Geiriad Cymraeg" not in text_of(client_for(welsh_site).get("/cy/privacy/"))
    notice = PrivacyNotice.objects.get(kind=NoticeKind.CONSTITUENCY)
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(_edit_url(NoticeKind.CONSTITUENCY), _form(notice))
    assert response.status_code == 302, html_of(response)
    welsh = text_of(client_for(welsh_site).get("/cy/privacy/"))
    assert "Geiriad Cymraeg ar gyfer Plaid Lafur Etholaeth De Testford." in welsh
    assert "Fersiwn 2" in welsh
    english = text_of(client_for(welsh_site).get("/privacy/"))
    assert "English wording for Testford South Constituency Labour Party." in english


def test_an_unknown_placeholder_in_the_welsh_wording_is_refused(staff):
    notice = PrivacyNotice.objects.get(kind=NoticeKind.CONSTITUENCY)
    response = staff.post(
        _edit_url(NoticeKind.CONSTITUENCY),
        _form(notice, welsh_body=_rich_text("Ysgrifennwch at {plaid}.")),
    )
    assert response.status_code == 200
    assert "Unknown placeholder: {plaid}. This notice can use:" in html_of(response)
    notice.refresh_from_db()
    assert notice.version == 1
    assert "{plaid}" not in notice.welsh_body


def test_staff_preview_the_welsh_notice_as_one_site_shows_it(staff, welsh_site, clp_a):
    notice = PrivacyNotice.objects.get(kind=NoticeKind.CONSTITUENCY)
    preview = f"{NOTICES}preview/{notice.pk}/"
    modes = dict(notice.preview_modes)
    assert modes[f"{welsh_site.pk}-cy"] == "Testford South (Cymraeg)"
    assert f"{clp_a.pk}-cy" not in modes  # it offers no Welsh
    answer = staff.post(preview, _form(notice))
    assert answer.json()["is_valid"] is True
    page = page_of(staff.get(preview, {"mode": f"{welsh_site.pk}-cy"}))
    assert "Geiriad Cymraeg ar gyfer Plaid Lafur Etholaeth De Testford." in page
    assert "Fersiwn 1" in page
    english = page_of(staff.get(preview, {"mode": str(welsh_site.pk)}))
    assert "English wording for Testford South Constituency Labour Party." in english


def test_each_consent_wording_has_its_welsh():
    for key, versions in consent.WORDINGS.items():
        for wording in versions:
            assert wording.welsh, key
            values = {"party": "P", "months": 12, "recipient": "R", "unconfirmed_days": 7}
            assert wording.text_in("cy", **values) != wording.text_in("en-gb", **values)
            assert wording.text_in("en-gb", **values) == wording.text(**values)
