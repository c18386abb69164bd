"""Officers and central staff may use the Wagtail admin in Welsh (Account, Locale,
Preferred language). Their choice lives in the public schema (wagtail.users is shared),
so one choice holds on every site's admin and on the hub's; the sites' own language,
chosen by address, never overrides it in the admin, and a preview shows a page in the
page's language whatever the admin's."""

import re

import pytest
from django_tenants.utils import schema_context
from wagtail.users.models import UserProfile

from constituencies.website.models import NewsIndexPage
from tests.helpers import client_for, page_of

# Words of Wagtail's own Welsh admin (wagtail/admin/locale/cy): "Pages" in the menu,
# "Account", and the lang attribute.
WELSH_ADMIN = ['lang="cy"', "Tudalennau", "Cyfrif"]
ENGLISH_ADMIN = ['lang="en-gb"', '"Pages"', '"Account"']


def prefer(user, language: str) -> None:
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def language_choices(page: str) -> list[tuple[str, str]]:
    select = re.search(
        r'<select name="locale-preferred_language"[^>]*>(.*?)</select>', page, re.S
    ).group(1)
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select)


def test_the_preference_form_offers_english_and_cymraeg_only(clp_b, officer_b):
    page = page_of(client_for(clp_b, officer_b).get("/admin/account/"))
    assert language_choices(page) == [
        ("", "Use server language: British English"),
        ("en-gb", "British English"),
        ("cy", "Cymraeg"),
    ]


def account_form(user, language: str) -> dict:
    return {
        "name_email-first_name": user.first_name or "Officer",
        "name_email-last_name": user.last_name or "B",
        "name_email-email": user.email,
        "locale-preferred_language": language,
        "locale-current_time_zone": "",
        "theme-theme": "system",
        "theme-density": "default",
        "theme-contrast": "system",
        "theme-keyboard_shortcuts": "on",
    }


def test_an_officer_who_chooses_cymraeg_gets_the_admin_in_welsh_on_every_site(
    clp_a, clp_b, officer_b
):
    client = client_for(clp_b, officer_b)
    response = client.post("/admin/account/", account_form(officer_b, "cy"))
    assert response.status_code == 302, page_of(response)
    # Saved once, in the public schema: the same row every site's admin reads.
    with schema_context("public"):
        assert UserProfile.objects.get(user=officer_b).preferred_language == "cy"
    dashboard = page_of(client.get("/admin/"))
    for words in WELSH_ADMIN:
        assert words in dashboard
    # The admin's scripts speak it too; the catalogue, one address for every user's
    # language, is never cached.
    catalogue = client.get("/admin/jsi18n/")
    assert "Gweithredoedd" in catalogue.content.decode()
    assert "no-cache" in catalogue["Cache-Control"]


def test_the_choice_holds_on_an_english_only_site_and_on_the_hub(
    clp_a, officer_a, staff, staff_user
):
    prefer(officer_a, "cy")
    prefer(staff_user, "cy")
    for client in (client_for(clp_a, officer_a), staff):
        dashboard = page_of(client.get("/admin/"))
        for words in WELSH_ADMIN:
            assert words in dashboard


def test_without_a_choice_the_admin_is_in_english_even_after_choosing_welsh_on_the_site(
    clp_b, officer_b
):
    client = client_for(clp_b, officer_b)
    client.get("/language/cy/?next=/cy/")  # the public switch sets the language cookie
    dashboard = page_of(client.get("/admin/"))
    for words in ENGLISH_ADMIN:
        assert words in dashboard
    assert "Tudalennau" not in dashboard


def test_the_public_site_keeps_its_own_language_for_an_officer_who_chose_welsh(
    clp_a, clp_b, officer_b
):
    prefer(officer_b, "cy")
    client = client_for(clp_b, officer_b)
    assert '<html lang="en-GB"' in page_of(client.get("/"))
    assert '<html lang="cy"' in page_of(client.get("/cy/"))
    assert client_for(clp_a, officer_b).get("/cy/").status_code == 404


def test_our_own_admin_screens_still_work_for_staff_in_welsh(staff, staff_user, clp_a):
    prefer(staff_user, "cy")
    index = page_of(staff.get("/admin/constituencies/"))
    assert "Testford North" in index
    assert 'lang="cy"' in index
    assert staff.get(f"/admin/constituencies/{clp_a.pk}/").status_code == 200
    appoint = staff.get(f"/admin/appointments/new/{clp_a.pk}/")
    assert appoint.status_code == 200


@pytest.mark.parametrize(("admin_language", "page_language"), [("en-gb", "cy"), ("cy", "en-gb")])
def test_a_preview_shows_the_page_in_its_own_language(
    clp_b, staff_user, in_schema, admin_language, page_language
):
    # Central staff, who may open every page of a site (the officers' rights on the Welsh
    # pages come with the roles' own change).
    prefer(staff_user, admin_language)
    with in_schema(clp_b):
        news = NewsIndexPage.objects.get(locale__language_code=page_language)
    preview = client_for(clp_b, staff_user).get(f"/admin/pages/{news.pk}/view_draft/")
    html_language = {"cy": "cy", "en-gb": "en-GB"}[page_language]
    assert f'<html lang="{html_language}"' in page_of(preview)
