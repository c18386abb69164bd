"""The contact page: writing to the MP or candidate, bad input, spam, escaping and two
constituencies."""

import datetime as dt

import pytest
from django.utils import timezone

from constituencies.contact.models import ContactMessage
from constituencies.website.models import Representative
from tests.helpers import client_for, email_of_length

from .shared import CONTACT, VALID, confirm_url, emails_to, error_shown_beside, typed_value_kept


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


# Beside the field its message; in the summary at the top the same message after the
# field's label, so that it makes sense on its own.
@pytest.mark.parametrize(
    ("field", "typed", "explanation", "summary"),
    [
        ("name", "", "Enter name", "Name: enter name"),
        ("name", "   ", "Enter name", "Name: enter name"),
        (
            "email",
            "not-an-email",
            "Enter a valid email address.",
            "Email: enter a valid email address.",
        ),
        ("email", "", "Enter email", "Email: enter email"),
        ("postcode", "", "Enter postcode", "Postcode: enter postcode"),
        ("subject", "", "Enter subject", "Subject: enter subject"),
        ("message", "", "Enter message", "Message: enter message"),
        (
            "message",
            "x" * 5001,
            "Ensure this value has at most 5000 characters (it has 5001).",
            "Message: ensure this value has at most 5000 characters (it has 5001).",
        ),
        # A form field allows 320 characters, the address's column holds 254.
        (
            "email",
            email_of_length(255),
            "An email address can be at most 254 characters long.",
            "Email: an email address can be at most 254 characters long.",
        ),
        (
            "email",
            email_of_length(320),
            "An email address can be at most 254 characters long.",
            "Email: an email address can be at most 254 characters long.",
        ),
    ],
)
def test_bad_input_is_explained_and_everything_typed_is_kept(
    field, typed, explanation, summary, site_a, clp_a, mp_a, post, stored_in, mailoutbox
):
    data = {**VALID, field: typed}
    response = post(site_a, data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page
    assert error_shown_beside(page, field, explanation)
    assert f'<li><a href="#id_{field}">{summary}</a></li>' in page
    assert "This field is required" not in page
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
