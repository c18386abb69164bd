"""Officers of a bilingual site see its pages out of step on their admin dashboard, with
links to translate each; an English-only site's dashboard has no such panel."""

import datetime as dt
import re

import time_machine
from django.contrib.auth.models import Permission
from django.utils import timezone
from wagtail.models import GroupPagePermission

from constituencies.languages.parity_check import check_parity
from constituencies.website.models import HomePage
from tests.helpers import client_for, page_of

from .conftest import in_welsh, published_news


def panel(text: str) -> str:
    match = re.search(r'<section[^>]*id="welsh-pages".*?</section>', text, re.DOTALL)
    assert match, "no Welsh pages panel"
    return match.group(0)


def test_an_officer_of_a_welsh_site_sees_what_to_translate(clp_b, in_schema, officer_b):
    with in_schema(clp_b):
        news = published_news("Surgery in Splott")
        in_welsh(published_news("Translated"))
    text = panel(page_of(client_for(clp_b, officer_b).get("/admin/")))
    assert "Surgery in Splott" in text
    assert "Translated" not in text
    assert "1 with no Welsh version" in text
    assert f'href="/admin/localize/submit/page/{news.pk}/"' in text


def test_the_panels_table_scrolls_sideways_on_a_phone_rather_than_being_cut_off(
    clp_b, in_schema, officer_b
):
    with in_schema(clp_b):
        published_news("Surgery in Splott")
    dashboard = page_of(client_for(clp_b, officer_b).get("/admin/"))
    assert 'href="/static/css/labourhub-admin.css"' in dashboard  # where .table-scroll is
    assert re.search(
        r'<div class="table-scroll" role="region" aria-label="[^"]+" tabindex="0">\s*<table',
        panel(dashboard),
    )


def test_the_panel_marks_flagged_pages(clp_b, in_schema, officer_b):
    with in_schema(clp_b):
        published_news("Surgery in Splott")
        with time_machine.travel(timezone.now() + dt.timedelta(hours=49), tick=False):
            check_parity(clp_b)
    text = panel(page_of(client_for(clp_b, officer_b).get("/admin/")))
    assert "Flagged" in text
    assert "1 flagged" in text


def test_a_site_in_step_says_so(clp_b, officer_b):
    text = panel(page_of(client_for(clp_b, officer_b).get("/admin/")))
    assert "are in Welsh and English" in text


def test_an_english_only_sites_admin_has_no_panel(clp_a, in_schema, officer_a):
    with in_schema(clp_a):
        published_news("Surgery")
    text = page_of(client_for(clp_a, officer_a).get("/admin/"))
    assert 'id="welsh-pages"' not in text


def test_the_hubs_admin_has_no_panel(staff):
    assert 'id="welsh-pages"' not in page_of(staff.get("/admin/"))


def test_the_panel_takes_the_same_queries_however_many_pages(
    clp_b, in_schema, officer_b, django_assert_max_num_queries
):
    client = client_for(clp_b, officer_b)
    with in_schema(clp_b):
        published_news("One")
    client.get("/admin/")  # warm the per-process caches
    with django_assert_max_num_queries(200) as few:
        page_of(client.get("/admin/"))
    with in_schema(clp_b):
        for number in range(6):
            published_news(f"More {number}")
    with django_assert_max_num_queries(200) as many:
        text = panel(page_of(client.get("/admin/")))
    assert "7 with no Welsh version" in text
    assert len(many) == len(few)


def test_the_panels_links_open_the_translation_screens(clp_b, in_schema, officer_b):
    # Officers' rights over the Welsh tree and wagtail-localize's permission are the
    # roles app's to grant (not this app's): given here, the links must lead to working
    # screens.
    officer_b.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtail_localize", codename="submit_translation"
        )
    )
    with in_schema(clp_b):
        english_home = HomePage.objects.get(locale__language_code="en-gb")
        welsh_home = HomePage.objects.get(locale__language_code="cy")
        for granted in GroupPagePermission.objects.filter(page=english_home):
            GroupPagePermission.objects.get_or_create(
                group=granted.group, page=welsh_home, permission=granted.permission
            )
        published_news("No Welsh yet")
        outdated = published_news("Outdated")
        in_welsh(outdated)
        with time_machine.travel(timezone.now() + dt.timedelta(minutes=5), tick=False):
            outdated.save_revision().publish()
    client = client_for(clp_b, officer_b)
    links = re.findall(r'<a href="(/admin/[^"]+)">', panel(page_of(client.get("/admin/"))))
    assert len(links) == 2
    for link in links:
        assert client.get(link).status_code == 200, link
