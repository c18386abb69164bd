"""The parity check counts a bilingual site's pages: lacking Welsh, Welsh older than the
English, lacking English, and in step; each links to the screen that fixes it; the hub
keeps a summary, refreshed when a page is published or unpublished."""

from django.urls import reverse
from wagtail.models import Page

from constituencies.languages.offering import offer_welsh, stop_offering_welsh
from constituencies.languages.parity import (
    MISSING_ENGLISH,
    MISSING_WELSH,
    OUTDATED_WELSH,
    site_parity,
    store_summary,
)
from constituencies.models import LanguageParity
from tests.factories import add_event

from .conftest import backdate, in_welsh, publish, published_key_event, published_news


def states(parity) -> dict[str, str]:
    return {gap.title: gap.state for gap in parity.gaps}


def test_the_starter_pages_of_a_welsh_site_are_in_step(welsh_site):
    parity = site_parity()
    assert parity.gaps == []
    assert parity.pages >= 5  # the home page and its sections, each once


def test_a_page_with_no_welsh_version_is_counted_and_links_to_translate_this_page(welsh_site):
    news = published_news("Surgery in Splott")
    parity = site_parity()
    assert states(parity) == {"Surgery in Splott": MISSING_WELSH}
    gap = parity.gaps[0]
    assert gap.language == "en-gb"
    assert gap.lacks == "cy"
    assert gap.since == news.first_published_at
    assert gap.translate_path == reverse("wagtail_localize:submit_page_translation", args=[news.pk])
    assert (parity.missing_welsh, parity.outdated_welsh, parity.missing_english) == (1, 0, 0)


def test_a_welsh_draft_does_not_count_and_the_link_opens_it(welsh_site):
    news = published_news("Surgery in Splott")
    draft = in_welsh(news)
    Page.objects.filter(pk=draft.pk).update(live=False)
    gap = site_parity().gaps[0]
    assert gap.state == MISSING_WELSH
    assert gap.translate_path == reverse("wagtailadmin_pages:edit", args=[draft.pk])


def test_a_translated_page_is_in_step(welsh_site):
    before = site_parity().pages
    in_welsh(published_news("Surgery in Splott"))
    parity = site_parity()
    assert parity.gaps == []
    assert parity.pages == before + 1
    assert parity.in_step == parity.pages


def test_english_published_after_the_welsh_makes_the_welsh_out_of_date(welsh_site):
    news = published_news("Surgery in Splott")
    welsh = backdate(in_welsh(news), hours=3)
    news.title = "Surgery in Splott moves to Tuesday"
    publish(news)
    parity = site_parity()
    assert states(parity) == {"Surgery in Splott moves to Tuesday": OUTDATED_WELSH}
    gap = parity.gaps[0]
    assert gap.page_id == news.pk
    assert gap.since == news.last_published_at
    assert gap.translate_path == reverse("wagtailadmin_pages:edit", args=[welsh.pk])


def test_welsh_published_after_the_english_is_up_to_date(welsh_site):
    news = backdate(published_news("Surgery in Splott"), hours=5)
    in_welsh(news)
    assert site_parity().gaps == []


def test_a_welsh_page_with_no_live_english_lacks_an_english_version(welsh_site):
    news = published_news("Surgery in Splott")
    welsh = in_welsh(news, "Cymhorthfa yn Sblot")
    news.unpublish()
    parity = site_parity()
    assert states(parity) == {"Cymhorthfa yn Sblot": MISSING_ENGLISH}
    gap = parity.gaps[0]
    assert (gap.page_id, gap.language, gap.lacks) == (welsh.pk, "cy", "en-gb")
    assert gap.translate_path == reverse("wagtailadmin_pages:edit", args=[news.pk])
    assert (parity.missing_welsh, parity.outdated_welsh, parity.missing_english) == (0, 0, 1)


def test_pages_live_in_neither_language_are_not_counted(welsh_site):
    before = site_parity().pages
    news = published_news("Withdrawn")
    news.unpublish()
    parity = site_parity()
    assert parity.gaps == []
    assert parity.pages == before


def test_every_state_counted_together(welsh_site):
    published_news("No Welsh one")
    published_news("No Welsh two")
    outdated = published_news("Outdated")
    backdate(in_welsh(outdated), hours=2)
    publish(outdated)
    english_gone = published_news("English gone")
    in_welsh(english_gone)
    english_gone.unpublish()
    in_welsh(published_news("Complete"))
    parity = site_parity()
    assert (parity.missing_welsh, parity.outdated_welsh, parity.missing_english) == (2, 1, 1)


def test_news_and_key_events_are_subject_to_the_48_hour_rule_and_other_pages_not(
    welsh_site,
):
    published_news("News item")
    published_key_event("Key event")
    publish(add_event("Street stall"))
    gaps = {gap.title: gap.is_news_or_key_event for gap in site_parity().gaps}
    assert gaps == {"News item": True, "Key event": True, "Street stall": False}


def test_the_check_takes_two_queries_however_many_pages(welsh_site, django_assert_num_queries):
    published_news("One")
    with django_assert_num_queries(2):
        site_parity()
    for number in range(8):
        in_welsh(published_news(f"Item {number}"))
    published_key_event("Rally")
    with django_assert_num_queries(2):
        parity = site_parity()
    assert parity.missing_welsh == 2


def test_publishing_and_unpublishing_refresh_the_hubs_summary(clp_b, in_schema):
    with in_schema(clp_b):
        news = published_news("Surgery in Splott")
    summary = LanguageParity.objects.get(constituency=clp_b)
    assert (summary.missing_welsh, summary.missing_english) == (1, 0)
    with in_schema(clp_b):
        welsh = in_welsh(news)
    summary.refresh_from_db()
    assert summary.missing_welsh == 0
    with in_schema(clp_b):
        news.unpublish()
    summary.refresh_from_db()
    assert (summary.missing_welsh, summary.missing_english) == (0, 1)
    with in_schema(clp_b):
        welsh.unpublish()
    summary.refresh_from_db()
    assert summary.gaps == 0


def test_an_english_only_site_keeps_no_summary(clp_a, in_schema):
    with in_schema(clp_a):
        published_news("Surgery")
    assert not LanguageParity.objects.filter(constituency=clp_a).exists()


def test_the_summary_lives_in_the_hubs_schema_not_the_sites(clp_b, in_schema):
    with in_schema(clp_b):
        published_news("Surgery")
        store_summary(clp_b, site_parity())
    assert LanguageParity._meta.app_label == "constituencies"  # a shared app: one table
    assert LanguageParity.objects.get(constituency=clp_b).missing_welsh == 1


def test_switching_welsh_on_starts_the_summary_and_off_drops_it(clp_a, in_schema):
    with in_schema(clp_a):
        published_news("Surgery")
    offer_welsh(clp_a)
    summary = LanguageParity.objects.get(constituency=clp_a)
    # The starter pages are translated when Welsh is switched on; the news item is not.
    assert (summary.missing_welsh, summary.outdated_welsh, summary.missing_english) == (1, 0, 0)
    stop_offering_welsh(clp_a)
    assert not LanguageParity.objects.filter(constituency=clp_a).exists()
