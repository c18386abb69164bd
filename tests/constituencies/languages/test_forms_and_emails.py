"""The public forms in the language of the page they are filled in on: a sign-up or a
message made on /cy/ keeps "cy", and every email to the person is written in Welsh with
links to Welsh pages (the message delivered to the MP stays English). clp_b offers
Welsh; clp_a is English only and unchanged."""

import datetime as dt
import html
import re

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import Locale

from constituencies.contact.models import ContactMessage
from constituencies.languages.translating import translate_page
from constituencies.signups.models import EventSignup, signup_event
from constituencies.signups.reminders import send_reminders
from constituencies.website.models import EventIndexPage, EventPage, Representative
from outbox.models import OutgoingEmail
from tests.factories import add_event
from tests.helpers import client_for, run_outbox_sweep

WELSH_CONFIRM_LINK = re.compile(r"https?://\S+/cy/sign-ups/[\w-]+/confirm/")
WELSH_WITHDRAW_LINK = re.compile(r"https?://\S+/cy/messages/[\w-]+/withdraw/")
MESSAGE = {
    "name": "Siân Evans",
    "email": "sian@example.org",
    "postcode": "cf24 3aa",
    "subject": "Bysiau",
    "message": "Achubwch y bws rhif 48.",
    "website": "",
}


def person(name="Siân Evans", email="sian@example.org"):
    return {"name": name, "email": email, "phone": "", "consent": "on", "website": ""}


def page_text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def post(django_capture_on_commit_callbacks):
    def _post(client, path, data=None):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(path, data or {})

    return _post


@pytest.fixture
def welsh_event(clp_b, in_schema):
    """An event of clp_b, published in English and in Welsh: (english, welsh)."""
    with in_schema(clp_b):
        english = add_event("Street stall", venue="Market Square", capacity=10)
        welsh = translate_page(english, {"Street stall": "Stondin stryd"})
        welsh.path = "/cy" + english.url
        return english, welsh


def test_signing_up_on_the_welsh_page_stores_welsh_and_sends_a_welsh_email(
    clp_b, welsh_event, post, in_schema, mailoutbox
):
    english, welsh = welsh_event
    assert welsh.path.startswith("/cy/")
    client = client_for(clp_b)

    response = post(client, welsh.path + "sign-up/", person())

    assert response.status_code == 302
    assert response.url == welsh.path  # back to the Welsh page
    with in_schema(clp_b):
        signup = EventSignup.objects.get()
    assert signup.language == "cy"
    assert signup.event_id == english.pk  # the places are the English event's
    assert signup.consent_text.startswith("Rwy'n cytuno y caiff Llafur")
    assert signup.consent_version == "signup-2026-12"
    (email,) = mailoutbox
    assert email.subject == "Cadarnhewch eich lle: Stondin stryd"
    assert "Helo Siân Evans," in email.body
    assert WELSH_CONFIRM_LINK.search(email.body)
    assert "Llafur" in email.from_email
    html_body = email.alternatives[0][0]
    assert 'lang="cy"' in html_body
    assert "Cadarnhau fy lle" in html_body

    # The message shown after the redirect is Welsh too.
    shown = page_text(client.get(response.url))
    assert "Rydym yn cadw eich lle." in shown


def test_confirming_from_the_welsh_link_shows_welsh_and_sends_welsh(
    clp_b, welsh_event, post, in_schema, mailoutbox
):
    _, welsh = welsh_event
    client = client_for(clp_b)
    post(client, welsh.path + "sign-up/", person())
    link = WELSH_CONFIRM_LINK.search(mailoutbox[0].body).group()
    path = "/" + link.split("/", 3)[3]

    page = client.get(path)
    assert page.status_code == 200
    assert "Cadarnhewch eich lle yn Stondin stryd" in page_text(page)
    assert '<html lang="cy"' in page.content.decode()

    confirmed = post(client, path)
    assert "Rydych yn mynd i Stondin stryd" in page_text(confirmed)
    email = mailoutbox[-1]
    assert email.subject == "Rydych wedi cofrestru: Stondin stryd"
    assert "/cy/sign-ups/" in email.body  # the cancel link
    [(name, ics, kind)] = email.attachments
    assert kind == "text/calendar"
    # The Welsh event, with its Welsh address, as the email around it.
    assert "SUMMARY;LANGUAGE=cy:Stondin stryd" in ics
    assert f"URL:http://{clp_b.primary_domain}{welsh.path}" in ics


def test_places_are_shared_between_the_two_languages(clp_b, welsh_event, post, in_schema):
    english, welsh = welsh_event
    client = client_for(clp_b)
    post(client, welsh.path + "sign-up/", person())
    post(client, english.url + "sign-up/", person("Ann Example", "ann@example.org"))
    with in_schema(clp_b):
        assert EventSignup.objects.filter(event=english).count() == 2
        assert type(welsh).objects.get(pk=welsh.pk).places.taken == 2


def test_bad_input_on_the_welsh_form_is_explained_in_welsh_and_kept(clp_b, welsh_event, post):
    _, welsh = welsh_event
    response = post(
        client_for(clp_b), welsh.path + "sign-up/", {"name": "Siân", "email": "nid-e-bost"}
    )
    page = page_text(response)
    assert response.status_code == 400
    assert "Mae problem" in page
    assert "Ticiwch y blwch i gytuno" in page
    assert "Rhowch gyfeiriad ebost dilys." in page  # Django's own Welsh
    assert 'value="nid-e-bost"' in page
    assert 'value="Siân"' in page


def test_signing_up_is_unchanged_in_english_on_an_english_only_site(
    clp_a, in_schema, post, mailoutbox
):
    with in_schema(clp_a):
        event = add_event("Street stall")
    response = post(client_for(clp_a), event.url + "sign-up/", person())
    assert response.status_code == 302
    with in_schema(clp_a):
        assert EventSignup.objects.get().language == "en-gb"
    (email,) = mailoutbox
    assert email.subject == "Confirm your place: Street stall"
    assert "/cy/" not in email.body
    assert "Hello Siân Evans," in email.body
    assert client_for(clp_a).get("/cy/" + event.url.lstrip("/") + "sign-up/").status_code == 404


def test_reminders_go_to_each_person_in_their_own_language(clp_b, in_schema, post, mailoutbox):
    with in_schema(clp_b):
        english = add_event("Canvass", starts_in_days=1)
        welsh = translate_page(english, {"Canvass": "Canfasio"})
        welsh.path = "/cy" + english.url
    client = client_for(clp_b)
    post(client, welsh.path + "sign-up/", person())
    post(client, english.url + "sign-up/", person("Ann Example", "ann@example.org"))
    with in_schema(clp_b):
        EventSignup.objects.update(confirmed_at=timezone.now(), hold_until=None)
        mail.outbox.clear()
        assert send_reminders() == 2
        by_address = {e.to[0]: e for e in OutgoingEmail.objects.filter(about="signups.reminder")}

    welsh_reminder, english_reminder = by_address["sian@example.org"], by_address["ann@example.org"]
    assert welsh_reminder.subject == "Yfory: Canfasio"
    assert "Nodyn atgoffa" in welsh_reminder.body
    assert "/cy/sign-ups/" in welsh_reminder.headers["List-Unsubscribe"]
    assert english_reminder.subject == "Tomorrow: Canvass"
    assert "/cy/" not in english_reminder.headers["List-Unsubscribe"]


def test_a_retried_welsh_email_is_still_welsh(clp_b, welsh_event, post, in_schema, settings):
    _, welsh = welsh_event
    settings.EMAIL_BACKEND = "tests.constituencies.signups.shared.BrokenMailServer"
    post(client_for(clp_b), welsh.path + "sign-up/", person())
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox.clear()
    with in_schema(clp_b):
        run_outbox_sweep(minutes_later=60)
    assert mail.outbox
    assert mail.outbox[-1].subject == "Cadarnhewch eich lle: Stondin stryd"


@pytest.fixture
def mp_b(clp_b, in_schema):
    with in_schema(clp_b):
        return Representative.objects.create(name="Ada Lovelace", kind="mp", email="mp@example.org")


def test_a_message_written_in_welsh_is_confirmed_in_welsh_and_delivered_in_english(
    clp_b, mp_b, post, in_schema, mailoutbox
):
    client = client_for(clp_b)
    response = post(client, "/cy/contact/", MESSAGE)
    assert response.status_code == 200
    assert "Gwiriwch eich e-bost" in page_text(response)
    with in_schema(clp_b):
        message = ContactMessage.objects.get()
    assert message.language == "cy"
    assert message.consent_text.startswith("Drwy anfon, rydych")
    (confirmation,) = mailoutbox
    assert confirmation.subject == "Cadarnhewch eich neges at Ada Lovelace"
    assert "/cy/contact/confirm/" in confirmation.body
    assert WELSH_WITHDRAW_LINK.search(confirmation.body)

    confirm_path = "/" + re.search(
        r"https?://[^/]+/(cy/contact/confirm/\S+/)", confirmation.body
    ).group(1)
    sent = post(client, confirm_path)
    assert "Diolch: mae eich neges ar ei ffordd" in page_text(sent)
    delivery = next(e for e in mailoutbox if e.to == ["mp@example.org"])
    copy = next(e for e in mailoutbox[1:] if e.to == ["sian@example.org"])
    assert "A message from a constituent" in delivery.body  # English, for the officers
    assert "Labour" in delivery.from_email
    assert copy.subject == "Anfonwyd at Ada Lovelace: Bysiau"


def test_bad_input_on_the_welsh_contact_form_is_explained_in_welsh(clp_b, mp_b, post):
    response = post(client_for(clp_b), "/cy/contact/", {**MESSAGE, "postcode": "nonsense"})
    page = page_text(response)
    assert response.status_code == 400
    assert "Rhowch god post yn y DU" in page
    assert 'value="Bysiau"' in page


def test_the_rate_limit_is_explained_in_welsh(clp_b, mp_b, post, settings):
    settings.CONTACT_RATE_LIMIT = "1/h"
    client = client_for(clp_b)
    post(client, "/cy/contact/", MESSAGE)
    response = post(client, "/cy/contact/", {**MESSAGE, "subject": "Eto"})
    page = page_text(response)
    assert response.status_code == 429
    assert "Gormod o ymdrechion" in page
    assert 'value="Eto"' in page


def test_the_english_contact_form_is_unchanged(clp_a, in_schema, post, mailoutbox):
    with in_schema(clp_a):
        Representative.objects.create(name="Ada Lovelace", kind="mp", email="mp@example.org")
    response = post(client_for(clp_a), "/contact/", MESSAGE)
    assert "Check your email" in page_text(response)
    assert mailoutbox[0].subject == "Confirm your message to Ada Lovelace"
    with in_schema(clp_a):
        assert ContactMessage.objects.get().language == "en-gb"


def test_the_welsh_contact_page_names_the_constituency_in_welsh(clp_b, mp_b):
    clp_b.welsh_name = "De Testford"
    clp_b.save(update_fields=["welsh_name"])
    welsh = page_text(client_for(clp_b).get("/cy/contact/"))
    assert "Ysgrifennwch at Ada Lovelace, Aelod Seneddol dros De Testford" in welsh
    english = page_text(client_for(clp_b).get("/contact/"))
    assert "Write to Ada Lovelace, Member of Parliament for Testford South" in english


def test_an_event_written_in_welsh_first_keeps_its_places_when_english_is_begun(
    clp_b, in_schema, post
):
    with in_schema(clp_b):
        welsh_events = EventIndexPage.objects.get(locale__language_code="cy")
        starts = timezone.now() + dt.timedelta(days=7)
        welsh = welsh_events.add_child(
            instance=EventPage(
                title="Noson gwis",
                summary="Cwis.",
                starts_at=starts,
                ends_at=starts + dt.timedelta(hours=2),
                capacity=5,
            )
        )
        path = welsh.url
    post(client_for(clp_b), path + "sign-up/", person())
    with in_schema(clp_b):
        # An officer begins the English version: a draft copy of the Welsh page.
        english = welsh.copy_for_translation(Locale.objects.get(language_code="en-gb"))
        assert not english.live
        assert signup_event(english).pk == welsh.pk
        [signup] = EventSignup.objects.all()
        assert signup.event_id == welsh.pk
        assert EventPage.objects.get(pk=welsh.pk).places.taken == 1
    post(client_for(clp_b), path + "sign-up/", person("Ann Example", "ann@example.org"))
    with in_schema(clp_b):
        assert set(EventSignup.objects.values_list("event_id", flat=True)) == {welsh.pk}


def test_a_page_asks_once_which_event_holds_its_places(
    clp_b, welsh_event, in_schema, django_assert_num_queries
):
    english, welsh = welsh_event
    with in_schema(clp_b):
        page = EventPage.objects.get(pk=welsh.pk)
        with django_assert_num_queries(1):  # its places, going count and shifts all ask
            assert signup_event(page).pk == english.pk
            assert signup_event(page).pk == english.pk
