import re

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from wagtail.models import Page, Revision
from wagtail.users.models import UserProfile
from wagtail_localize.models import Translation

from accounts.models import User
from constituencies.demo.welsh import demo_pages_in_welsh, demo_translations
from constituencies.languages.models import LanguageGapFlag
from constituencies.languages.translating import locale_for, source_segments
from constituencies.models import Constituency, LanguageParity
from constituencies.website.models import EventPage, NewsPage
from roles.models import Appointment
from tests.helpers import client_for, html_of


def test_load_demo_builds_three_constituencies_with_content_and_a_user_per_role(
    db, in_schema, capsys
):
    call_command("load_demo")
    demo = Constituency.objects.filter(gss_code__in=["E14001132", "W07000089", "S14000084"])
    assert sorted(demo.values_list("nation", flat=True)) == ["E", "S", "W"]
    for constituency in demo:
        with in_schema(constituency):
            assert NewsPage.objects.live().count() >= 3
            assert EventPage.objects.live().upcoming().count() >= 2
            phone_bank = EventPage.objects.get(title="Phone bank")
            shifts = phone_bank.shift_list
            assert len(shifts) == 3
            assert shifts[-1].places.is_full
            assert shifts[-1].places.waiting == 1
            assert EventPage.objects.filter(show_going_count=True).count() == 1
            upcoming = set(
                EventPage.objects.live()
                .upcoming()
                .filter(locale__language_code="en-gb")
                .values_list("title", flat=True)
            )
        # Published as an officer would, so the hub's /events/ lists them.
        hub_events = client_for("localhost").get("/events/", {"constituency": constituency.name})
        assert upcoming <= set(re.findall(r"<h3><a [^>]*>([^<]*)</a>", html_of(hub_events)))
    assert User.objects.get(email="staff@example.org").is_central_staff
    roles = set(Appointment.objects.current().values_list("role", flat=True))
    assert roles == {"secretary", "social_media_officer", "editor"}
    assert User.objects.get(email="member@example.org").check_password("labourhub-demo")
    assert "staff@example.org / labourhub-demo" in capsys.readouterr().out


def test_load_demo_gives_cardiff_east_its_welsh_name_and_pages_in_welsh(db, in_schema):
    call_command("load_demo")
    cardiff = Constituency.objects.get(gss_code="W07000089")
    assert cardiff.offers_welsh
    assert cardiff.welsh_name == "Dwyrain Caerdydd"
    with in_schema(cardiff):
        welsh = locale_for(settings.WELSH)
        english_pages = demo_pages_in_welsh(cardiff)
        assert [type(page).__name__ for page in english_pages] == [
            "HomePage",
            "NewsPage",
            "NewsPage",
            "EventPage",
            "EventPage",
        ]
        addresses = {}
        for page in english_pages:
            translations = demo_translations(cardiff, page)
            # Every segment translated: no English is left on the Welsh page.
            assert set(source_segments(page)) <= set(translations), page.title
            translated = page.get_translation(welsh).specific
            assert translated.live
            assert translated.title == translations[page.title]
            # Through wagtail-localize, so the officers' translation screen shows it.
            assert Translation.objects.filter(
                source__object_id=page.translation_key, target_locale=welsh, enabled=True
            ).exists()
            addresses[translated.title] = translated.url
        left_in_english = NewsPage.objects.filter(locale__language_code="en-gb").exclude(
            pk__in=[page.pk for page in english_pages]
        )
        assert left_in_english.count() == 4
        for story in left_in_english:
            assert story.get_translation_or_none(welsh) is None
            # Live since its date: more than 48 hours in English only, for the parity check.
            assert story.first_published_at.date() == story.date
        assert NewsPage.objects.filter(locale=welsh).count() == 2
        assert EventPage.objects.filter(locale=welsh).count() == 2
        meeting = EventPage.objects.get(locale=welsh, title="Cyfarfod i'r holl aelodau")
        assert meeting.address == "Stryd Clifton\nDwyrain Caerdydd"
        assert meeting.venue == "Canolfan Gymunedol Adamsdown"
    carys = User.objects.get(email="cardiff.secretary@example.org")
    assert UserProfile.get_for_user(carys).preferred_language == "cy"
    assert 'lang="cy"' in html_of(client_for(cardiff, carys).get("/admin/"))
    site = client_for(cardiff)
    home = html_of(site.get("/cy/"))
    assert '<html lang="cy"' in home
    assert "Ni yw'r Blaid Lafur yn Nwyrain Caerdydd" in home
    for title, url in addresses.items():
        assert url.startswith("/cy/")
        response = site.get(url)
        assert response.status_code == 200, url
        assert title in html_of(response)
    news = html_of(site.get("/cy/news/"))
    assert "Llwybrau bysiau wedi'u hachub ar ôl ymgyrch gan drigolion" in news
    assert "Hundreds join our summer action day" not in news
    assert "Cyfarfod i'r holl aelodau" in html_of(site.get("/cy/events/"))
    # The parity check has run: the stories left in English are flagged, and the hub knows.
    with in_schema(cardiff):
        flagged = set(
            LanguageGapFlag.objects.filter(resolved_at__isnull=True).values_list(
                "page_id", flat=True
            )
        )
    assert flagged == {story.pk for story in left_in_english}
    parity = LanguageParity.objects.get(constituency=cardiff)
    assert parity.flagged == 4


def test_load_demo_can_run_twice_without_duplicating_anything(db, in_schema):
    call_command("load_demo")
    bristol = Constituency.objects.get(gss_code="E14001132")
    cardiff = Constituency.objects.get(gss_code="W07000089")

    def counts():
        with in_schema(bristol):
            pages = NewsPage.objects.count()
        with in_schema(cardiff):
            welsh_pages = Page.objects.filter(locale__language_code="cy").count()
            revisions = Revision.objects.count()
        return (
            Constituency.objects.count(),
            User.objects.count(),
            Appointment.objects.count(),
            pages,
            welsh_pages,
            revisions,
        )

    before = counts()
    call_command("load_demo")
    assert counts() == before


def test_load_demo_refuses_to_run_outside_development(db, settings):
    settings.DEMO_DATA_ALLOWED = False
    with pytest.raises(CommandError, match="only for development"):
        call_command("load_demo")


def test_setup_platform_is_safe_to_repeat(db, capsys):
    call_command("setup_platform")
    call_command("setup_platform")
    assert (
        "Hub ready on localhost; template schema constituency_template ready;"
        in capsys.readouterr().out
    )
    assert Constituency.objects.filter(kind="hub").count() == 1
    assert Constituency.objects.filter(kind="template").count() == 1
