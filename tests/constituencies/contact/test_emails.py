"""The contact form's emails come from the constituency: the sender's confirmation in the
site's branding (HTML and plain text), the relayed message as plain text."""

import html
from urllib.parse import urlsplit

from wagtail.models import Site

from constituencies.website.models import AccentColour, SiteSettings
from tests.helpers import client_for

from .shared import VALID, emails_to, link_in, set_contact_email

HOSTILE = {**VALID, "name": "Sam O'Brien <script>x</script>", "subject": "Buses & <b>trams</b>"}


def html_of_email(message) -> str:
    [(content, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return content


def test_the_confirmation_comes_from_the_constituency_in_its_colours(
    site_a, clp_a, mp_a, in_schema, post, mailoutbox, settings
):
    settings.DEFAULT_FROM_EMAIL = "LabourHub <no-reply@labourhub.example>"
    with in_schema(clp_a):
        site_settings = SiteSettings.for_site(Site.objects.get())
        site_settings.accent_colour = AccentColour.DEEP_RED
        site_settings.save()
    post(site_a, HOSTILE)
    [confirmation] = mailoutbox
    page = html_of_email(confirmation)

    assert confirmation.message()["From"] == "Testford North Labour <no-reply@labourhub.example>"
    assert f"background-color:{AccentColour.DEEP_RED.value}" in page
    assert '<html lang="en-GB">' in page
    assert "<script>" not in page
    assert "Sam O&#x27;Brien &lt;script&gt;x&lt;/script&gt;" in page
    assert "Buses &amp; &lt;b&gt;trams&lt;/b&gt;" in page
    assert "Hello Sam O'Brien <script>x</script>," in confirmation.body
    assert '"Buses & <b>trams</b>"' in confirmation.body
    link = link_in(confirmation)
    assert f'<a href="{link}"' in page
    why = "You're getting this email because someone gave this address when writing to "
    assert why in confirmation.body
    assert why in html.unescape(page)


def test_the_confirmation_replies_to_the_party_address_when_there_is_one(
    site_a, clp_a, mp_a, in_schema, post, mailoutbox
):
    post(site_a, VALID)
    assert mailoutbox[0].reply_to == []
    set_contact_email(clp_a, in_schema, "party@testford.example")
    post(site_a, {**VALID, "email": "other@example.org"})
    [second] = emails_to(mailoutbox, "other@example.org")
    assert second.reply_to == ["Testford North Labour <party@testford.example>"]


def test_the_relayed_message_is_plain_text_from_the_constituency_replying_to_the_sender(
    site_a, clp_a, mp_a, post, confirm, mailoutbox
):
    post(site_a, HOSTILE)
    confirm(site_a, urlsplit(link_in(mailoutbox[0])).path)
    [delivery] = emails_to(mailoutbox, "mp@example.org")
    assert not getattr(delivery, "alternatives", [])
    assert delivery.message().get_content_type() == "text/plain"
    assert delivery.from_email.startswith("Testford North Labour <")
    assert delivery.reply_to == ['"Sam O\'Brien <script>x</script>" <sam@example.org>']
    assert delivery.cc == []
    assert "From: Sam O'Brien <script>x</script> <sam@example.org>" in delivery.body


def test_each_constituency_confirms_in_its_own_name(clp_a, clp_b, mp_a, mp_b, post, mailoutbox):
    post(client_for(clp_a), {**VALID, "email": "a@example.org"})
    post(client_for(clp_b), {**VALID, "email": "b@example.org"})
    [to_a] = emails_to(mailoutbox, "a@example.org")
    [to_b] = emails_to(mailoutbox, "b@example.org")
    assert to_a.from_email.startswith("Testford North Labour <")
    assert to_b.from_email.startswith("Testford South Labour <")
    assert "Testford North" not in to_b.body + html_of_email(to_b)


def test_the_senders_copy_is_a_separate_email_that_never_shows_the_mps_address(
    site_a, clp_a, mp_a, post, confirm, mailoutbox
):
    post(site_a, HOSTILE)
    confirm(site_a, urlsplit(link_in(mailoutbox[0])).path)
    [delivery] = emails_to(mailoutbox, "mp@example.org")
    assert delivery.to == ["mp@example.org"]
    assert (delivery.cc, delivery.bcc) == ([], [])
    confirmation, copy = emails_to(mailoutbox, "sam@example.org")
    assert copy.to == ["sam@example.org"]
    assert (copy.cc, copy.bcc) == ([], [])
    assert copy.subject == "Sent to Ada Lovelace: Buses & <b>trams</b>"
    assert copy.from_email.startswith("Testford North Labour <")
    assert "Please save the number 48 bus." in copy.body
    page = html_of_email(copy)
    assert "Please save the number 48 bus." in page
    assert "<script>" not in page
    for email in (confirmation, copy):
        whole = email.message().as_string()
        assert "mp@example.org" not in whole
