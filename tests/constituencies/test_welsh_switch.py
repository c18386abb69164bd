"""Central staff switch Welsh on or off for a constituency, and set its Welsh name, from
the hub's constituency admin."""

import pytest
from wagtail.models import Locale

from constituencies.models import Constituency
from constituencies.website.models import HomePage, NewsIndexPage, NewsPage
from governance.models import AuditEvent
from tests.factories import add_news
from tests.helpers import client_for, text_of


def _url(constituency):
    return f"/admin/constituencies/{constituency.pk}/languages/"


def _welsh_events(constituency=None):
    # Provisioning clp_b (in Wales, by nobody) recorded its own, outside any test.
    events = AuditEvent.objects.filter(
        action__startswith="constituency.welsh_", actor__isnull=False
    )
    return events.filter(constituency=constituency) if constituency else events


def _welsh_of(page_class):
    return page_class.objects.filter(locale__language_code="cy").first()


def test_the_detail_page_has_the_languages_form(staff, clp_b):
    page = staff.get(f"/admin/constituencies/{clp_b.pk}/").content.decode()
    assert f'action="{_url(clp_b)}"' in page
    assert 'name="offers_welsh"' in page
    assert "checked" in page
    assert "English and Welsh" in page


def test_the_index_says_which_sites_offer_welsh_and_filters_on_it(staff, clp_a, clp_b):
    page = text_of(staff.get("/admin/constituencies/"))
    assert "1 offers Welsh" in page
    welsh_only = staff.get("/admin/constituencies/", {"languages": "welsh"}).content.decode()
    assert "Testford South" in welsh_only
    assert "Testford North" not in welsh_only
    english = staff.get("/admin/constituencies/", {"languages": "english"}).content.decode()
    assert "Testford North" in english
    assert "Testford South" not in english


def test_staff_switch_welsh_on_for_an_english_site(staff, staff_user, clp_a, in_schema):
    with in_schema(clp_a):
        assert not Locale.objects.filter(language_code="cy").exists()
    response = staff.post(
        _url(clp_a), {"offers_welsh": "on", "welsh_name": "  Gogledd   Testford "}, follow=True
    )
    assert "Testford North offers Welsh: its Welsh pages are at /cy/." in text_of(response)
    clp_a.refresh_from_db()
    assert clp_a.offers_welsh
    assert clp_a.welsh_name == "Gogledd Testford"
    with in_schema(clp_a):
        home = _welsh_of(HomePage)
        assert home.live
        assert home.title == "Llafur Gogledd Testford"
        assert _welsh_of(NewsIndexPage).title == "Newyddion"
    welsh = client_for(clp_a).get("/cy/news/")
    assert welsh.status_code == 200
    assert 'lang="cy"' in welsh.content.decode()

    event = AuditEvent.objects.get(action="constituency.welsh_offered", constituency=clp_a)
    assert event.actor == staff_user
    assert event.constituency == clp_a
    assert event.summary == "Testford North offers Welsh"
    assert event.details["welsh_name"] == "Gogledd Testford"


def test_switching_on_leaves_officers_pages_as_drafts_for_them(staff, clp_a, in_schema):
    """Only starter pages still carrying starter text go live in Welsh: a page an officer
    rewrote gets a Welsh draft (its text still English until they translate it), and
    their own pages further down are theirs to translate."""
    with in_schema(clp_a):
        index = NewsIndexPage.objects.get(locale__language_code="en-gb")
        index.intro = "What Testford North Labour is doing this month."
        index.save_revision().publish()
        add_news("Our new councillor")
    staff.post(_url(clp_a), {"offers_welsh": "on", "welsh_name": ""})
    with in_schema(clp_a):
        welsh_index = _welsh_of(NewsIndexPage)
        assert welsh_index is not None
        assert not welsh_index.live
        assert _welsh_of(HomePage).live
        assert _welsh_of(HomePage).title == "Llafur Testford North"
        assert not NewsPage.objects.filter(locale__language_code="cy").exists()
    assert client_for(clp_a).get("/cy/news/").status_code == 404


def test_switching_off_makes_cy_not_found_at_once(
    staff, staff_user, clp_b, in_schema, django_capture_on_commit_callbacks
):
    visitor = client_for(clp_b)
    assert visitor.get("/cy/").status_code == 200
    assert visitor.get("/cy/").headers["X-Page-Cache"] == "hit"
    assert visitor.get("/cy/news/").status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(_url(clp_b), {"welsh_name": ""}, follow=True)
    assert "Testford South is in English only now" in text_of(response)
    clp_b.refresh_from_db()
    assert not clp_b.offers_welsh
    # The tenant lookup cache held the row that offered Welsh, and the page cache its
    # Welsh home: both are forgotten.
    assert client_for(clp_b).get("/cy/").status_code == 404
    assert client_for(clp_b).get("/cy/news/").status_code == 404
    assert client_for(clp_b).get("/").status_code == 200
    with in_schema(clp_b):
        assert _welsh_of(HomePage) is not None  # kept for switching on again
    event = AuditEvent.objects.get(action="constituency.welsh_stopped", constituency=clp_b)
    assert event.actor == staff_user
    assert event.summary == "Testford South no longer offers Welsh"


def test_switching_on_again_brings_the_welsh_pages_back(staff, clp_b):
    staff.post(_url(clp_b), {"welsh_name": ""})
    staff.post(_url(clp_b), {"offers_welsh": "on", "welsh_name": ""})
    assert client_for(clp_b).get("/cy/news/").status_code == 200
    assert _welsh_events(clp_b).count() == 2


def test_saving_the_welsh_name_alone_audits_nothing(staff, clp_b):
    response = staff.post(_url(clp_b), {"offers_welsh": "on", "welsh_name": "De Testford"})
    assert response.status_code == 302
    clp_b.refresh_from_db()
    assert (clp_b.offers_welsh, clp_b.welsh_name) == (True, "De Testford")
    assert not _welsh_events().exists()


def test_a_welsh_name_too_long_is_explained_and_nothing_is_saved(staff, clp_a, in_schema):
    response = staff.post(_url(clp_a), {"offers_welsh": "on", "welsh_name": "y" * 121})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Ensure this value has at most 120 characters (it has 121)." in page
    assert f'value="{"y" * 121}"' in page
    assert 'aria-invalid="true"' in page
    clp_a.refresh_from_db()
    assert (clp_a.offers_welsh, clp_a.welsh_name) == (False, "")
    with in_schema(clp_a):
        assert _welsh_of(HomePage) is None
    assert not _welsh_events().exists()


def test_a_failure_part_way_leaves_the_name_and_the_pages_as_they_were(
    staff, clp_a, in_schema, monkeypatch
):
    def fail(*args, **kwargs):
        raise RuntimeError("the translation broke")

    monkeypatch.setattr("constituencies.languages.offering._set", fail)
    with pytest.raises(RuntimeError):
        staff.post(_url(clp_a), {"offers_welsh": "on", "welsh_name": "Gogledd Testford"})
    clp_a.refresh_from_db()
    assert (clp_a.offers_welsh, clp_a.welsh_name) == (False, "")
    with in_schema(clp_a):
        assert _welsh_of(HomePage) is None


def test_the_switch_needs_a_post(staff, clp_a):
    assert staff.get(_url(clp_a)).status_code == 405


def test_the_hub_has_no_languages_switch(staff, hub):
    assert staff.post(_url(hub), {"offers_welsh": "on"}).status_code == 404


def test_the_switch_is_not_on_constituency_sites_even_for_staff(clp_a, staff_user):
    client = client_for(clp_a, staff_user)
    assert client.post(_url(clp_a), {"offers_welsh": "on"}).status_code == 404


def test_nobody_but_central_staff_switches_welsh(clp_a, clp_b, officer_a, officer_b, member_user):
    assert client_for("localhost").post(_url(clp_a), {"offers_welsh": "on"}).status_code == 302
    for user in (member_user, officer_a, officer_b):
        client = client_for("localhost", user)
        assert client.post(_url(clp_a), {"offers_welsh": "on"}).status_code == 403
        assert client.post(_url(clp_b), {"welsh_name": ""}).status_code == 403
    assert not Constituency.objects.get(pk=clp_a.pk).offers_welsh
    assert Constituency.objects.get(pk=clp_b.pk).offers_welsh
    assert not _welsh_events().exists()


def test_the_index_with_its_languages_column_takes_a_fixed_number_of_queries(
    staff, clp_a, clp_b, django_assert_max_num_queries
):
    staff.get("/admin/constituencies/")  # the session and the admin's own first-use rows
    with django_assert_max_num_queries(20):
        response = staff.get("/admin/constituencies/", {"languages": "welsh"})
    assert response.status_code == 200
