"""A message's life: written, confirmed by the link emailed to the sender, delivered;
postcodes; who it goes to; when the mail server or broker is down; retention and
privacy."""

import datetime as dt
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import timezone
from kombu.exceptions import OperationalError

from constituencies.contact.models import ContactMessage
from constituencies.postcodes import normalise_postcode
from constituencies.website.models import ContactPage, Representative
from outbox.tasks import deliver_email, relay_due
from personal_data.retention import apply_retention
from personal_data.tasks import apply_retention_everywhere
from tests.helpers import client_for, run_outbox_sweep

from .shared import (
    BROKEN_MAIL_SERVER,
    CONTACT,
    LOCMEM,
    VALID,
    confirm_url,
    emails_to,
    error_shown_beside,
    link_in,
    set_contact_email,
    typed_value_kept,
)


def test_a_message_is_stored_and_the_sender_is_asked_to_confirm_their_address(
    site_a, clp_a, mp_a, post, stored_in, mailoutbox
):
    response = post(site_a, VALID)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Check your email" in page
    assert "sam@example.org" in page  # where the link went
    [stored] = stored_in(clp_a)
    assert stored.status == ContactMessage.Status.AWAITING_CONFIRMATION
    assert (stored.name, stored.email, stored.postcode) == (
        "Sam Sender",
        "sam@example.org",
        "BS5 6AB",
    )
    assert (stored.subject, stored.message) == ("Bus routes", "Please save the number 48 bus.")
    assert (stored.recipient_name, stored.recipient_email) == ("Ada Lovelace", "mp@example.org")
    assert stored.confirmation_sent_at is not None
    assert stored.confirmed_at is None
    assert stored.delivered_at is None
    [confirmation] = mailoutbox
    assert confirmation.to == ["sam@example.org"]
    assert confirmation.cc == []
    assert confirmation.bcc == []
    assert confirmation.subject == "Confirm your message to Ada Lovelace"
    link = urlsplit(link_in(confirmation))
    assert link.hostname == clp_a.primary_domain
    assert link.path == f"/contact/confirm/{stored.token}/"


def test_the_confirmation_link_follows_the_contact_page_when_officers_rename_it(
    site_a, clp_a, mp_a, post, confirm, in_schema, stored_in, mailoutbox
):

    with in_schema(clp_a):
        page = ContactPage.objects.get(locale__language_code="en-gb")
        page.slug = "write-to-us"
        page.save_revision().publish()
    post(site_a, VALID, path="/write-to-us/")
    [confirmation] = mailoutbox
    [stored] = stored_in(clp_a)
    link = urlsplit(link_in(confirmation)).path
    assert link == f"/write-to-us/confirm/{stored.token}/"
    assert "your message is on its way" in confirm(site_a, link).content.decode()


def test_nothing_reaches_the_mp_before_the_sender_confirms(site_a, mp_a, post, mailoutbox):
    post(site_a, VALID)
    assert len(mailoutbox) == 1
    assert emails_to(mailoutbox, "mp@example.org") == []
    assert "Please save the number 48 bus." not in mailoutbox[0].body


def test_a_message_is_delivered_only_after_the_sender_confirms_their_address(
    site_a, clp_a, mp_a, post, get, stored_in, mailoutbox, confirm
):
    post(site_a, VALID)
    [confirmation] = mailoutbox
    assert emails_to(mailoutbox, "mp@example.org") == []

    response = confirm(site_a, urlsplit(link_in(confirmation)).path)
    page = response.content.decode()
    assert response.status_code == 200
    assert "your message is on its way" in page
    assert "We're delivering “Bus routes” to Ada Lovelace" in page
    [delivery] = emails_to(mailoutbox, "mp@example.org")
    assert delivery.to == ["mp@example.org"]
    assert delivery.cc == []
    assert delivery.reply_to == ["Sam Sender <sam@example.org>"]
    assert "Bus routes" in delivery.subject
    assert "Sam Sender" in delivery.body
    assert "BS5 6AB" in delivery.body
    assert "Please save the number 48 bus." in delivery.body
    [stored] = stored_in(clp_a)
    assert stored.status == ContactMessage.Status.DELIVERED
    assert stored.confirmed_at is not None
    assert stored.delivered_at is not None


def test_following_the_link_again_does_not_deliver_the_message_twice(
    site_a, clp_a, mp_a, post, get, stored_in, mailoutbox, confirm
):
    post(site_a, VALID)
    [stored] = stored_in(clp_a)
    confirm(site_a, confirm_url(stored.token))
    [first_delivery] = stored_in(clp_a)
    assert len(emails_to(mailoutbox, "mp@example.org")) == 1

    for _ in range(2):
        response = confirm(site_a, confirm_url(stored.token))
        assert response.status_code == 200
        assert "your message is on its way" in response.content.decode()
        assert len(emails_to(mailoutbox, "mp@example.org")) == 1
        cache.clear()  # later, once no cached copy of the page is left
    [stored] = stored_in(clp_a)
    assert stored.status == ContactMessage.Status.DELIVERED
    assert stored.delivered_at == first_delivery.delivered_at


def test_a_message_is_kept_for_the_retention_period_from_when_it_was_written(
    site_a, clp_a, mp_a, post, stored_in, settings, in_schema
):
    settings.PERSONAL_DATA_RETENTION = {**settings.PERSONAL_DATA_RETENTION, "messages": 90}
    post(site_a, VALID)
    [stored] = stored_in(clp_a)
    kept_for = stored.retain_until - stored.created_at
    assert abs(kept_for - dt.timedelta(days=90)) < dt.timedelta(minutes=1)
    with in_schema(clp_a):
        ContactMessage.objects.update(status=ContactMessage.Status.DELIVERED)
    apply_retention(now=stored.created_at + dt.timedelta(days=89))
    assert [m.pk for m in stored_in(clp_a)] == [stored.pk]
    apply_retention(now=stored.created_at + dt.timedelta(days=91))
    assert stored_in(clp_a) == []


@pytest.mark.parametrize(
    ("typed", "normalised"),
    [
        ("bs56ab", "BS5 6AB"),
        ("BS5 6AB", "BS5 6AB"),
        ("  bs5   6ab ", "BS5 6AB"),
        ("Bs5 6aB", "BS5 6AB"),
        ("bs5\t6ab", "BS5 6AB"),
        ("BS5\u00a06AB", "BS5 6AB"),  # a non-breaking space, pasted from a web page
        ("sw1a1aa", "SW1A 1AA"),
        ("EC1A 1BB", "EC1A 1BB"),
        ("w1a 0ax", "W1A 0AX"),
        ("m1 1ae", "M1 1AE"),
        ("cr26xh", "CR2 6XH"),
        ("DN55 1PT", "DN55 1PT"),
        ("cf10 1ep", "CF10 1EP"),
        ("G1 1AA", "G1 1AA"),
        ("bt1 5gs", "BT1 5GS"),
        ("gir 0aa", "GIR 0AA"),
    ],
)
def test_uk_postcodes_are_written_the_standard_way(typed, normalised):
    assert normalise_postcode(typed) == normalised


@pytest.mark.parametrize(
    "typed",
    [
        "12345",
        "BS5",
        "ABC 123",
        "",
        None,
        "BS5 6AB X",
        "QS5 6AB",  # no postcode area starts with Q
        "BS5 6CI",  # C and I are never in the last two letters
        "BS-5 6AB",
        "90210",
    ],
)
def test_anything_but_a_uk_postcode_is_refused_with_a_helpful_message(typed):
    with pytest.raises(ValidationError) as refused:
        normalise_postcode(typed)
    assert refused.value.messages == ["Enter a UK postcode, like BS5 6AB."]


@pytest.mark.parametrize(
    "typed", ["bs56ab", "BS5 6AB", " bs5   6ab ", "Bs5 6aB", "sw1a 1aa", "BS5\u00a06AB"]
)
def test_a_postcode_in_any_case_or_spacing_is_accepted_and_stored_the_standard_way(
    typed, site_a, clp_a, mp_a, post, stored_in
):
    response = post(site_a, {**VALID, "postcode": typed})
    assert response.status_code == 200
    assert "Check your email" in response.content.decode()
    [stored] = stored_in(clp_a)
    assert stored.postcode == normalise_postcode(typed)
    assert stored.postcode in ("BS5 6AB", "SW1A 1AA")


@pytest.mark.parametrize("typed", ["12345", "BS5", "ABC 123"])
def test_a_message_with_an_invalid_postcode_is_refused_and_nothing_is_stored(
    typed, site_a, clp_a, mp_a, post, stored_in, mailoutbox
):
    response = post(site_a, {**VALID, "postcode": typed})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Enter a UK postcode" in page
    assert error_shown_beside(page, "postcode", "Enter a UK postcode, like BS5 6AB.")
    assert typed_value_kept(page, "postcode", typed)
    assert typed_value_kept(page, "message", VALID["message"])
    assert stored_in(clp_a) == []
    assert mailoutbox == []


def test_with_no_mp_or_candidate_messages_go_to_the_local_party(
    site_a, clp_a, in_schema, post, get, stored_in, mailoutbox, confirm
):
    with in_schema(clp_a):
        Representative.objects.create(
            name="Former MP", email="former@example.org", is_current=False
        )
    set_contact_email(clp_a, in_schema, "party@example.org")

    page = site_a.get(CONTACT).content.decode()
    assert "Write to Testford North Labour, the local Labour party" in page
    assert "Former MP" not in page

    post(site_a, VALID)
    [stored] = stored_in(clp_a)
    assert stored.recipient_email == "party@example.org"
    confirm(site_a, confirm_url(stored.token))
    [delivery] = emails_to(mailoutbox, "party@example.org")
    assert delivery.to == ["party@example.org"]
    assert delivery.cc == []
    assert emails_to(mailoutbox, "former@example.org") == []


def test_with_no_one_to_write_to_the_page_says_so_and_takes_no_messages(
    site_a, clp_a, in_schema, post, stored_in, mailoutbox
):
    set_contact_email(clp_a, in_schema, "")
    response = site_a.get(CONTACT)
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is no one to write to here yet" in page
    assert 'name="message"' not in page
    assert '<button type="submit">Send</button>' not in page

    page = post(site_a, VALID).content.decode()
    assert "There is no one to write to here yet" in page
    assert "Check your email" not in page
    assert stored_in(clp_a) == []
    assert mailoutbox == []


def test_a_message_is_kept_and_its_confirmation_sent_later_when_the_mail_server_was_down(
    site_a, clp_a, mp_a, post, stored_in, mailoutbox, in_schema, settings
):
    settings.EMAIL_BACKEND = BROKEN_MAIL_SERVER
    response = post(site_a, VALID)
    assert response.status_code == 200
    assert "Check your email" in response.content.decode()
    [stored] = stored_in(clp_a)
    assert stored.confirmation_sent_at is None
    assert mailoutbox == []

    settings.EMAIL_BACKEND = LOCMEM
    with in_schema(clp_a):
        assert relay_due() == 0  # the retry is not due for a minute
    assert mailoutbox == []

    with in_schema(clp_a):
        assert run_outbox_sweep(minutes_later=5) == 1
    [confirmation] = mailoutbox
    assert confirmation.to == ["sam@example.org"]
    assert confirm_url(stored.token) in confirmation.body
    [stored] = stored_in(clp_a)
    assert stored.confirmation_sent_at is not None

    with in_schema(clp_a):
        assert run_outbox_sweep(minutes_later=5) == 0
    assert len(mailoutbox) == 1


def test_a_confirmed_message_is_delivered_later_when_the_mail_server_was_down(
    site_a, clp_a, mp_a, post, get, stored_in, mailoutbox, in_schema, settings, confirm
):
    post(site_a, VALID)
    [stored] = stored_in(clp_a)
    settings.EMAIL_BACKEND = BROKEN_MAIL_SERVER
    response = confirm(site_a, confirm_url(stored.token))
    assert response.status_code == 200
    assert "your message is on its way" in response.content.decode()
    [stored] = stored_in(clp_a)
    assert stored.status == ContactMessage.Status.CONFIRMED
    assert emails_to(mailoutbox, "mp@example.org") == []

    settings.EMAIL_BACKEND = LOCMEM
    with in_schema(clp_a):
        run_outbox_sweep(minutes_later=5)
        run_outbox_sweep(minutes_later=5)
    [delivery] = emails_to(mailoutbox, "mp@example.org")
    assert delivery.cc == []
    assert "Please save the number 48 bus." in delivery.body
    [stored] = stored_in(clp_a)
    assert stored.status == ContactMessage.Status.DELIVERED
    assert stored.delivered_at is not None


def test_a_message_is_kept_and_sent_later_when_the_broker_was_down(
    site_a, clp_a, mp_a, post, stored_in, mailoutbox, in_schema, monkeypatch
):
    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to redis:6379. Connection refused.")

    with monkeypatch.context() as patched:
        patched.setattr(deliver_email, "apply_async", broker_down)
        response = post(site_a, VALID)
    assert response.status_code == 200
    assert "Check your email" in response.content.decode()
    [stored] = stored_in(clp_a)
    assert mailoutbox == []

    with in_schema(clp_a):
        run_outbox_sweep(minutes_later=5)
        run_outbox_sweep(minutes_later=5)
    [confirmation] = mailoutbox
    assert confirmation.to == ["sam@example.org"]


def _message(days_old=0, retain_for_days=365, **fields):
    """A message written `days_old` days ago, kept for `retain_for_days` from then."""
    message = ContactMessage.objects.create(
        **{
            "name": "Sam Sender",
            "email": "sam@example.org",
            "postcode": "BS5 6AB",
            "subject": "Bus routes",
            "message": "Please save the number 48 bus.",
            "recipient_name": "Ada Lovelace",
            "recipient_email": "mp@example.org",
            "retain_until": timezone.now() + dt.timedelta(days=retain_for_days),
            **fields,
        }
    )
    created_at = timezone.now() - dt.timedelta(days=days_old)
    ContactMessage.objects.filter(pk=message.pk).update(
        created_at=created_at, retain_until=created_at + dt.timedelta(days=retain_for_days)
    )
    return message


def test_messages_are_deleted_when_their_time_is_up_and_unconfirmed_ones_after_a_month(
    clp_a, in_schema
):
    status = ContactMessage.Status
    with in_schema(clp_a):
        _message(subject="past retention", status=status.DELIVERED, days_old=400)
        _message(
            subject="unconfirmed for 31 days", status=status.AWAITING_CONFIRMATION, days_old=31
        )
        _message(
            subject="unconfirmed for 29 days", status=status.AWAITING_CONFIRMATION, days_old=29
        )
        _message(subject="delivered in time", status=status.DELIVERED, days_old=200)
        _message(subject="confirmed, not yet sent", status=status.CONFIRMED, days_old=40)

    result = apply_retention_everywhere.delay().get()
    with in_schema(clp_a):
        kept = set(ContactMessage.objects.values_list("subject", flat=True))

    assert kept == {"unconfirmed for 29 days", "delivered in time", "confirmed, not yet sent"}
    assert result["totals"] == {"messages": 1, "unconfirmed_messages": 1}


def test_retention_takes_each_constituencys_own_old_messages_only(clp_a, clp_b, in_schema):
    with in_schema(clp_a):
        _message(status=ContactMessage.Status.DELIVERED, days_old=400)
    with in_schema(clp_b):
        _message(status=ContactMessage.Status.DELIVERED, days_old=200)
    apply_retention_everywhere.delay()
    with in_schema(clp_a):
        assert ContactMessage.objects.count() == 0
    with in_schema(clp_b):
        assert ContactMessage.objects.count() == 1


@pytest.mark.parametrize("path", ["/admin/contact/", "/admin/snippets/contact/contactmessage/"])
def test_officers_have_no_admin_screen_for_messages_to_the_mp(
    path, clp_a, officer_a, mp_a, post, site_a
):
    post(site_a, VALID)
    officer = client_for(clp_a, officer_a)
    assert officer.get(path).status_code == 404


def test_the_text_of_messages_never_appears_in_the_admin(clp_a, officer_a, mp_a, post, site_a):
    post(site_a, {**VALID, "message": "A private matter about my neighbour"})
    officer = client_for(clp_a, officer_a)
    response = officer.get("/admin/")
    assert response.status_code == 200
    assert "A private matter about my neighbour" not in response.content.decode()
    assert "sam@example.org" not in response.content.decode()
