"""Signing up to an event on a constituency's site: the form, its confirmation, bad input,
closed sign-ups and two tenants."""

import csv
import io
import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from icalendar import Calendar

from constituencies.signups.models import EventSignup
from tests.factories import add_event
from tests.helpers import client_for, email_of_length

from .shared import ADMIN_SIGNUPS, CONFIRMED, CONSENT, ics_of, person, sign_up_url, text


def test_the_sign_up_form_asks_for_consent_in_plain_words(clp_a, event_a):
    response = client_for(clp_a).get(sign_up_url(event_a))
    page = text(response)
    assert response.status_code == 200
    assert "Sign up: Street stall on the high street" in page
    assert CONSENT in page
    for field in ("name", "email", "phone", "consent"):
        assert f'name="{field}"' in page


def test_a_visitor_signs_up_and_gets_a_confirmation_with_the_event_attached(
    clp_a, event_a, sign_up, stored
):
    visitor = client_for(clp_a)
    form_page = text(visitor.get(sign_up_url(event_a)))
    assert CONSENT in form_page
    response = sign_up(
        event_a, "Ann Example", "ann@example.org", client=visitor, phone="07700 900123"
    )

    assert response.status_code == 302
    assert response["Location"] == event_a.url
    event_page = text(visitor.get(response["Location"]))
    assert "We're holding your place. Check your email" in event_page

    [signup] = stored()
    assert signup.name == "Ann Example"
    assert signup.email == "ann@example.org"
    assert signup.phone == "07700 900123"
    assert signup.status == CONFIRMED
    assert signup.consent_text == CONSENT

    [message] = mail.outbox
    assert message.to == ["ann@example.org"]
    assert "Street stall on the high street" in message.subject
    assert "Street stall on the high street" in message.body
    [cancel_link] = re.findall(r"https?://\S+/cancel/", message.body)
    assert urlsplit(cancel_link).hostname == clp_a.primary_domain
    assert urlsplit(cancel_link).path == f"/sign-ups/{signup.token}/cancel/"
    assert visitor.get(urlsplit(cancel_link).path).status_code == 200

    calendar = ics_of(message)
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Street stall on the high street"
    assert str(vevent["UID"]) == f"event-{event_a.pk}@{clp_a.primary_domain}"
    assert vevent["DTSTART"].dt == event_a.starts_at.replace(microsecond=0)
    assert vevent["DTSTART"].params["TZID"] == "Europe/London"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]


def test_the_calendar_in_the_email_has_the_same_uid_as_the_event_pages_ics(clp_a, event_a, sign_up):
    sign_up(event_a)
    [message] = mail.outbox
    [emailed] = ics_of(message).walk("VEVENT")
    download = client_for(clp_a).get(event_a.url + "ics/")
    [offered] = Calendar.from_ical(download.content).walk("VEVENT")
    assert (
        str(emailed["UID"]) == str(offered["UID"]) == f"event-{event_a.pk}@testford-north.localhost"
    )


@pytest.mark.parametrize(
    ("typed", "field", "error", "kept"),
    [
        (
            {"name": ""},
            "name",
            "Name: enter name",
            ['value="ann@example.org"'],
        ),
        (
            {"email": "ann-at-example"},
            "email",
            "Email: enter a valid email address.",
            ['value="Ann Example"', 'value="ann-at-example"'],
        ),
        (
            {"consent": ""},
            "consent",
            "I agree that Testford North Labour may keep…: "
            "tick the box to agree, or we can't take your sign-up.",
            ['value="Ann Example"', 'value="ann@example.org"'],
        ),
        # A form field allows 320 characters, the address's column holds 254.
        (
            {"email": email_of_length(255)},
            "email",
            "Email: an email address can be at most 254 characters long.",
            ['value="Ann Example"', f'value="{email_of_length(255)}"'],
        ),
        (
            {"email": email_of_length(320)},
            "email",
            "Email: an email address can be at most 254 characters long.",
            ['value="Ann Example"', f'value="{email_of_length(320)}"'],
        ),
    ],
    ids=["missing-name", "invalid-email", "no-consent", "email-255", "email-320"],
)
def test_bad_input_is_explained_what_was_typed_is_kept_and_nothing_is_saved(
    clp_a, event_a, post, stored, typed, field, error, kept
):
    data = {**person("Ann Example", "ann@example.org"), **typed}
    if not data["consent"]:
        del data["consent"]  # an unticked box is not sent at all
    response = post(client_for(clp_a), sign_up_url(event_a), data)
    page = text(response)
    assert response.status_code == 400
    assert "There is a problem" in page
    # The summary names the problem and leads to the field it is about.
    start = page.index("There is a problem")
    summary = page[start : page.index("</ul>", start)]
    assert f'href="#id_{field}"' in summary
    assert error in summary
    assert f'id="id_{field}"' in page
    assert 'aria-invalid="true"' in page
    for value in kept:
        assert value in page
    assert stored() == []
    assert mail.outbox == []


def test_signing_up_twice_keeps_one_place_and_reveals_nothing(clp_a, event_a, sign_up, stored):
    first_visitor = client_for(clp_a)
    first = sign_up(event_a, "Ann Example", "ann@example.org", client=first_visitor)
    first_message = text(first_visitor.get(first["Location"]))
    mail.outbox.clear()

    someone_else = client_for(clp_a)
    again = sign_up(event_a, "Ann Again", "ANN@Example.ORG", client=someone_else)
    assert again.status_code == 302  # what anyone signing up sees
    again_message = text(someone_else.get(again["Location"]))
    assert "We're holding your place. Check your email" in first_message
    assert "We're holding your place. Check your email" in again_message
    assert "already" not in again_message
    assert [s.name for s in stored()] == ["Ann Example"]
    # The address's owner is sent their place again (nobody else learns they have one).
    (reminder,) = mail.outbox
    assert reminder.to == ["ann@example.org"]
    assert reminder.subject.startswith("You're signed up")


def test_the_same_person_can_sign_up_to_two_different_events(
    clp_a, event_a, small_event, sign_up, stored
):
    sign_up(event_a, "Ann Example", "ann@example.org")
    sign_up(small_event, "Ann Example", "ann@example.org")
    assert {s.event_id for s in stored(email="ann@example.org")} == {event_a.pk, small_event.pk}


def test_a_bot_filling_the_hidden_field_is_thanked_but_nothing_is_kept(
    clp_a, event_a, post, stored
):
    bot = client_for(clp_a)
    response = post(bot, sign_up_url(event_a), person("Spam Bot", website="https://spam.test"))
    assert response.status_code == 302
    assert response["Location"] == event_a.url
    assert "Check your email" in text(bot.get(response["Location"]))
    assert stored() == []
    assert mail.outbox == []


def test_too_many_sign_ups_from_one_address_are_paused_without_losing_what_was_typed(
    clp_a, clp_b, event_a, sign_up, stored, in_schema, settings
):
    settings.SIGNUP_RATE_LIMIT = "2/h"
    assert sign_up(event_a, "Ann Example").status_code == 302
    assert sign_up(event_a, "Bob Example").status_code == 302

    paused = sign_up(event_a, "Cara Example", "cara@example.org", phone="07700 900456")
    page = text(paused)
    assert paused.status_code == 429
    assert "Too many attempts" in page
    assert 'value="Cara Example"' in page
    assert 'value="cara@example.org"' in page
    assert 'value="07700 900456"' in page
    assert [s.name for s in stored()] == ["Ann Example", "Bob Example"]

    # The limit is platform-wide: moving to another site's hostname doesn't reset it.
    with in_schema(clp_b):
        event_b = add_event("Canvassing in the south")
    response_b = client_for(clp_b).post(sign_up_url(event_b), person("Cara Example"))
    assert response_b.status_code == 429
    assert stored(clp_b) == []


@pytest.mark.parametrize(
    "fields",
    [{"signups_open": False}, {"starts_in_days": -3}],
    ids=["sign-ups-turned-off", "event-in-the-past"],
)
def test_an_event_not_taking_sign_ups_says_so_and_takes_none(
    clp_a, in_schema, post, stored, fields
):
    with in_schema(clp_a):
        event = add_event("Annual general meeting", **fields)

    form_page = client_for(clp_a).get(sign_up_url(event))
    assert "Sign-ups for this event are closed." in text(form_page)
    assert 'name="email"' not in text(form_page)
    event_page = text(client_for(clp_a).get(event.url))
    assert sign_up_url(event) not in event_page

    response = post(client_for(clp_a), sign_up_url(event), person("Ann Example"))
    assert response.status_code == 400
    assert "Sign-ups for this event are closed." in text(response)
    assert stored() == []
    assert mail.outbox == []


def test_a_sign_up_on_one_site_cannot_be_seen_or_cancelled_from_another(
    clp_a, clp_b, event_a, sign_up, stored, in_schema, post
):
    sign_up(event_a, "Ann Example", "ann@example.org")
    [ann] = stored()
    with in_schema(clp_b):
        assert not EventSignup.objects.filter(email="ann@example.org").exists()
        assert not EventSignup.objects.filter(token=ann.token).exists()

    cancel_path = f"/sign-ups/{ann.token}/cancel/"
    assert client_for(clp_b).get(cancel_path).status_code == 404
    assert post(client_for(clp_b), cancel_path).status_code == 404
    [ann] = stored()
    assert ann.status == CONFIRMED
    assert client_for(clp_a).get(cancel_path).status_code == 200


def test_an_unknown_cancel_link_is_not_found(clp_a):
    assert client_for(clp_a).get("/sign-ups/not-a-real-token/cancel/").status_code == 404


def test_the_cancel_page_names_the_person_and_is_never_cached(clp_a, event_a, sign_up, stored):
    sign_up(event_a, "Ann Example", "ann@example.org")
    [signup] = stored()
    path = f"/sign-ups/{signup.token}/cancel/"
    client_for(clp_a).post(path)
    first = client_for(clp_a).get(path)
    second = client_for(clp_a).get(path)
    assert "no-store" in first["Cache-Control"]
    assert "X-Page-Cache" not in second.headers
    assert "This place is cancelled" in second.content.decode()


def test_a_name_typed_as_a_formula_stays_text_in_the_export(clp_a, event_a, officer_a, sign_up):
    sign_up(event_a, '=HYPERLINK("http://evil.example")', "formula@example.org")
    response = client_for(clp_a, officer_a).get(ADMIN_SIGNUPS, {"export": "csv"})
    content = b"".join(response.streaming_content) if response.streaming else response.content
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[1][0].startswith("'=HYPERLINK")


def test_a_phone_number_must_look_like_one(clp_a, event_a, sign_up, stored):
    response = sign_up(event_a, "Ann Example", "ann@example.org", phone="=1+2")
    assert response.status_code == 400
    assert "Enter a phone number" in response.content.decode()
    assert stored() == []
