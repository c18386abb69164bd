"""Visitors write to their MP or candidate from a site's contact page: the message is
stored, the sender confirms their address through an emailed link, and only then is it
delivered (replying to the sender, with a copy to them). Messages are personal data:
kept to one constituency, never shown in the admin, purged when their time is up."""

import datetime as dt
import re
import smtplib
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone
from kombu.exceptions import OperationalError
from wagtail.models import Site

from constituencies.contact.models import ContactMessage
from constituencies.postcodes import normalise_postcode
from constituencies.tasks import purge_expired_personal_data
from constituencies.website.models import ContactPage, Representative, SiteSettings
from outbox.tasks import deliver_email, relay_due
from tests.helpers import client_for, email_of_length, run_outbox_sweep

CONTACT = "/contact/"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"

VALID = {
    "name": "Sam Sender",
    "email": "sam@example.org",
    "postcode": "bs5 6ab",
    "subject": "Bus routes",
    "message": "Please save the number 48 bus.",
    "website": "",
}


class BrokenMailServer(BaseEmailBackend):
    """A mail server that is down: every send fails."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPException("451 mail server unavailable")


BROKEN_MAIL_SERVER = f"{__name__}.BrokenMailServer"


def confirm_url(token):
    return f"/contact/confirm/{token}/"


def error_shown_beside(page, field, explanation):
    """Whether `explanation` is shown in the error list of `field`."""
    return f'<ul class="errorlist" id="id_{field}-errors"><li>{explanation}</li>' in page


def typed_value_kept(page, field, value):
    """Whether the re-rendered form shows what was typed into `field`."""
    if field == "message":
        return f"{value}</textarea>" in page
    return f'value="{value}"' in page


@pytest.fixture
def post(django_capture_on_commit_callbacks):
    """POST to a site, running what is queued on commit (the emails) as a real
    request's commit would."""

    def _post(client, data, path=CONTACT, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(path, data, **extra)

    return _post


@pytest.fixture
def get(django_capture_on_commit_callbacks):
    def _get(client, path, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.get(path, **extra)

    return _get


@pytest.fixture
def confirm(django_capture_on_commit_callbacks):
    """Press "Confirm and send" on a confirmation link's page."""

    def _confirm(client, path, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(path, **extra)

    return _confirm


@pytest.fixture
def stored_in(in_schema):
    """Every message stored in a constituency's schema, newest first."""

    def _stored_in(constituency):
        with in_schema(constituency):
            return list(ContactMessage.objects.all())

    return _stored_in


@pytest.fixture
def mp_a(clp_a, in_schema):
    with in_schema(clp_a):
        return Representative.objects.create(name="Ada Lovelace", kind="mp", email="mp@example.org")


@pytest.fixture
def mp_b(clp_b, in_schema):
    with in_schema(clp_b):
        return Representative.objects.create(name="Bryn Jones", kind="mp", email="mp.b@example.org")


@pytest.fixture
def site_a(clp_a):
    return client_for(clp_a)


def set_contact_email(constituency, in_schema, address):
    with in_schema(constituency):
        site_settings = SiteSettings.for_site(Site.objects.get())
        site_settings.contact_email = address
        site_settings.save()


def move_back(constituency, in_schema, message, **fields):
    """Move a stored message's timestamps back, e.g. created_at=timedelta(minutes=5)."""
    with in_schema(constituency):
        current = ContactMessage.objects.get(pk=message.pk)
        ContactMessage.objects.filter(pk=message.pk).update(
            **{name: getattr(current, name) - ago for name, ago in fields.items()}
        )


def link_in(email):
    """The one confirmation link in an email."""
    [link] = re.findall(r"https?://\S+/confirm/\S+", email.body)
    return link


def emails_to(outbox, address):
    return [email for email in outbox if address in email.to + email.cc + email.bcc]


# The contact page


def test_the_contact_page_names_the_mp_and_their_role(site_a, mp_a):
    response = site_a.get(CONTACT)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Write to Ada Lovelace, Member of Parliament for Testford North" in page
    assert 'name="message"' in page


def test_the_contact_page_names_a_candidate_as_the_labour_candidate(site_a, clp_a, in_schema):
    with in_schema(clp_a):
        Representative.objects.create(name="Cal Candidate", kind="candidate", email="c@example.org")
    page = site_a.get(CONTACT).content.decode()
    assert "Write to Cal Candidate, Labour candidate for Testford North" in page


def test_the_representatives_email_address_is_never_shown_on_the_site(site_a, mp_a, post):
    assert "mp@example.org" not in site_a.get(CONTACT).content.decode()
    assert "mp@example.org" not in post(site_a, VALID).content.decode()


# Writing and confirming


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
        page = ContactPage.objects.get()
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
    assert delivery.cc == ["sam@example.org"]
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
    site_a, clp_a, mp_a, post, stored_in, settings
):
    settings.PERSONAL_DATA_RETENTION_DAYS = 90
    post(site_a, VALID)
    [stored] = stored_in(clp_a)
    kept_for = stored.retain_until - stored.created_at
    assert abs(kept_for - dt.timedelta(days=90)) < dt.timedelta(minutes=1)


# Postcodes


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


# Bad input


@pytest.mark.parametrize(
    ("field", "typed", "explanation"),
    [
        ("name", "", "This field is required."),
        ("name", "   ", "This field is required."),
        ("email", "not-an-email", "Enter a valid email address."),
        ("email", "", "This field is required."),
        ("postcode", "", "This field is required."),
        ("subject", "", "This field is required."),
        ("message", "", "This field is required."),
        ("message", "x" * 5001, "Ensure this value has at most 5000 characters (it has 5001)."),
        # A form field allows 320 characters, the address's column holds 254.
        ("email", email_of_length(255), "An email address can be at most 254 characters long."),
        ("email", email_of_length(320), "An email address can be at most 254 characters long."),
    ],
)
def test_bad_input_is_explained_and_everything_typed_is_kept(
    field, typed, explanation, site_a, clp_a, mp_a, post, stored_in, mailoutbox
):
    data = {**VALID, field: typed}
    response = post(site_a, data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page
    assert error_shown_beside(page, field, explanation)
    assert f'href="#id_{field}"' in page  # the summary links to the field
    assert page.count('aria-invalid="true"') == 1
    for name, value in data.items():
        if name != "website" and value.strip():
            assert typed_value_kept(page, name, value), f"{name} was not kept"
    assert stored_in(clp_a) == []
    assert mailoutbox == []


def test_a_message_of_exactly_5000_characters_is_accepted(site_a, clp_a, mp_a, post, stored_in):
    response = post(site_a, {**VALID, "message": "x" * 5000})
    assert response.status_code == 200
    [stored] = stored_in(clp_a)
    assert len(stored.message) == 5000


def test_an_email_address_of_exactly_254_characters_is_accepted(
    site_a, clp_a, mp_a, post, stored_in
):
    response = post(site_a, {**VALID, "email": email_of_length(254)})
    assert response.status_code == 200
    [stored] = stored_in(clp_a)
    assert stored.email == email_of_length(254)


# Spam and abuse


def test_a_bot_that_fills_in_the_hidden_field_is_told_nothing_but_nothing_is_sent(
    site_a, clp_a, mp_a, post, stored_in, mailoutbox
):
    response = post(site_a, {**VALID, "website": "https://spam.example"})
    assert response.status_code == 200
    assert "Check your email" in response.content.decode()
    assert stored_in(clp_a) == []
    assert mailoutbox == []


def test_too_many_messages_from_one_address_are_refused_without_losing_what_was_typed(
    site_a, clp_a, mp_a, post, stored_in, settings
):
    settings.CONTACT_RATE_LIMIT = "2/h"
    assert post(site_a, VALID).status_code == 200
    assert post(site_a, VALID).status_code == 200

    response = post(site_a, {**VALID, "subject": "Third time"})
    page = response.content.decode()
    assert response.status_code == 429
    assert "Too many attempts" in page
    assert typed_value_kept(page, "subject", "Third time")
    assert typed_value_kept(page, "name", VALID["name"])
    assert typed_value_kept(page, "message", VALID["message"])
    assert len(stored_in(clp_a)) == 2


def test_the_rate_limit_counts_each_address_separately(
    site_a, clp_a, mp_a, post, stored_in, settings
):
    settings.CONTACT_RATE_LIMIT = "2/h"
    for _ in range(3):
        post(site_a, VALID)
    assert len(stored_in(clp_a)) == 2

    response = post(site_a, VALID, REMOTE_ADDR="10.0.0.2")
    assert response.status_code == 200
    assert "Check your email" in response.content.decode()
    assert len(stored_in(clp_a)) == 3


# Confirmation links


def test_an_unknown_link_is_explained_and_delivers_nothing(
    site_a, clp_a, mp_a, post, get, stored_in, mailoutbox, confirm
):
    post(site_a, VALID)
    [stored] = stored_in(clp_a)
    response = confirm(site_a, confirm_url(stored.token[:-4] + "AAAA"))
    page = response.content.decode()
    assert response.status_code == 400
    assert "This link can't be used" in page
    assert "This link is not valid. Check you copied all of it." in page
    assert emails_to(mailoutbox, "mp@example.org") == []
    [stored] = stored_in(clp_a)
    assert stored.status == ContactMessage.Status.AWAITING_CONFIRMATION


def test_an_expired_link_is_refused_and_delivers_nothing(
    site_a, clp_a, mp_a, post, get, stored_in, mailoutbox, in_schema, confirm
):
    post(site_a, VALID)
    [stored] = stored_in(clp_a)
    move_back(
        clp_a,
        in_schema,
        stored,
        created_at=dt.timedelta(days=django_settings.CONTACT_CONFIRMATION_DAYS, hours=1),
    )
    response = confirm(site_a, confirm_url(stored.token))
    page = response.content.decode()
    assert response.status_code == 400
    assert "This link has expired" in page
    assert emails_to(mailoutbox, "mp@example.org") == []
    [stored] = stored_in(clp_a)
    assert stored.status == ContactMessage.Status.AWAITING_CONFIRMATION


def test_a_link_followed_within_the_confirmation_period_still_works(
    site_a, clp_a, mp_a, post, get, stored_in, mailoutbox, in_schema, confirm
):
    post(site_a, VALID)
    [stored] = stored_in(clp_a)
    move_back(
        clp_a,
        in_schema,
        stored,
        created_at=dt.timedelta(days=django_settings.CONTACT_CONFIRMATION_DAYS, hours=-1),
    )
    response = confirm(site_a, confirm_url(stored.token))
    assert response.status_code == 200
    assert len(emails_to(mailoutbox, "mp@example.org")) == 1


# Who messages go to


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
    assert delivery.cc == ["sam@example.org"]
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


# Mail server or broker down


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
    assert delivery.cc == ["sam@example.org"]
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


# Retention


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

        result = purge_expired_personal_data.delay().get()
        kept = set(ContactMessage.objects.values_list("subject", flat=True))

    assert kept == {"unconfirmed for 29 days", "delivered in time", "confirmed, not yet sent"}
    assert result["messages"] == 2


def test_purging_one_constituency_leaves_the_others_messages_alone(clp_a, clp_b, in_schema):
    for constituency in (clp_a, clp_b):
        with in_schema(constituency):
            _message(status=ContactMessage.Status.DELIVERED, days_old=400)
    with in_schema(clp_a):
        purge_expired_personal_data.delay()
        assert ContactMessage.objects.count() == 0
    with in_schema(clp_b):
        assert ContactMessage.objects.count() == 1


# Two constituencies


def test_a_message_written_on_one_site_goes_to_its_own_mp_and_stays_in_its_schema(
    site_a, clp_a, clp_b, mp_a, mp_b, post, get, stored_in, mailoutbox, confirm
):
    assert "Write to Bryn Jones, Member of Parliament for Testford South" in (
        client_for(clp_b).get(CONTACT).content.decode()
    )
    post(site_a, VALID)
    [stored] = stored_in(clp_a)
    assert stored.recipient_email == "mp@example.org"
    assert stored_in(clp_b) == []

    confirm(site_a, confirm_url(stored.token))
    assert len(emails_to(mailoutbox, "mp@example.org")) == 1
    assert emails_to(mailoutbox, "mp.b@example.org") == []
    assert stored_in(clp_b) == []


def test_a_confirmation_link_from_one_site_does_not_work_on_another(
    site_a, clp_a, clp_b, mp_a, mp_b, post, get, stored_in, mailoutbox, confirm
):
    post(site_a, VALID)
    [stored] = stored_in(clp_a)
    sent_before = len(mailoutbox)

    response = confirm(client_for(clp_b), confirm_url(stored.token))
    page = response.content.decode()
    assert response.status_code == 400
    assert "This link is not valid" in page
    assert len(mailoutbox) == sent_before
    [stored] = stored_in(clp_a)
    assert stored.status == ContactMessage.Status.AWAITING_CONFIRMATION


# Privacy


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


# Escaping


def test_a_subject_with_html_in_it_is_shown_escaped_and_never_run(
    site_a, clp_a, mp_a, post, get, stored_in, confirm
):
    subject = "<script>alert('hi')</script>"
    response = post(site_a, {**VALID, "subject": subject})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Check your email" in page
    assert "<script>alert" not in page

    [stored] = stored_in(clp_a)
    assert stored.subject == subject
    page = confirm(site_a, confirm_url(stored.token)).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;hi&#x27;)&lt;/script&gt;" in page


def test_html_typed_into_a_refused_form_is_shown_back_escaped(site_a, mp_a, post):
    response = post(site_a, {**VALID, "subject": "<script>alert(1)</script>", "email": "bad"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "<script>alert(1)" not in page
    assert 'value="&lt;script&gt;alert(1)&lt;/script&gt;"' in page


def test_pages_showing_a_senders_details_are_never_cached(
    clp_a, in_schema, django_capture_on_commit_callbacks
):
    with in_schema(clp_a):
        Representative.objects.create(name="Nora North", email="nora@example.org")
        message = ContactMessage.objects.create(
            name="Vera",
            email="vera@example.org",
            postcode="BS5 6AB",
            subject="Buses",
            message="Keep them.",
            recipient_name="Nora North",
            recipient_email="nora@example.org",
            retain_until=timezone.now() + dt.timedelta(days=30),
        )
    path = f"/contact/confirm/{message.token}/"
    first = client_for(clp_a).get(path)
    second = client_for(clp_a).get(path)
    assert "no-store" in first["Cache-Control"]
    assert "X-Page-Cache" not in second.headers
    assert "Keep them." in second.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        sent = client_for(clp_a).post(path)
    assert "no-store" in sent["Cache-Control"]
    assert "vera@example.org" in sent.content.decode()


def test_opening_the_link_only_asks_to_confirm_so_mail_scanners_send_nothing(
    site_a, clp_a, mp_a, post, get, stored_in, mailoutbox
):
    post(site_a, VALID)
    [stored] = stored_in(clp_a)
    response = get(site_a, confirm_url(stored.token))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Confirm and send" in page
    assert "Please save the number 48 bus." in page
    assert emails_to(mailoutbox, "mp@example.org") == []
    [stored] = stored_in(clp_a)
    assert stored.status == ContactMessage.Status.AWAITING_CONFIRMATION
