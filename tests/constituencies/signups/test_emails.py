"""The sign-up emails come from the constituency, in its site's colours: HTML beside
plain text, both showing what the person typed safely, saying why they got the email
and how to cancel."""

import html
import re

from wagtail.models import Site

from constituencies.website.models import AccentColour, SiteSettings
from tests.factories import add_event
from tests.helpers import client_for

from .shared import mail_to, person, sign_up_url

HOSTILE_NAME = "Ann O'Brien <script>alert(1)</script>"


def _site_settings(constituency, in_schema, **fields):
    with in_schema(constituency):
        site_settings = SiteSettings.for_site(Site.objects.get())
        for name, value in fields.items():
            setattr(site_settings, name, value)
        site_settings.save()


def html_of_email(message) -> str:
    [(content, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return content


def test_each_constituency_sends_in_its_own_name_from_the_platform_address(
    clp_a, clp_b, in_schema, post, sign_up, settings
):
    settings.DEFAULT_FROM_EMAIL = "LabourHub <no-reply@labourhub.example>"
    with in_schema(clp_a):
        event_a = add_event("Stall in the north")
    with in_schema(clp_b):
        path_b = sign_up_url(add_event("Stall in the south"))
    sign_up(event_a, email="ann@example.org")
    post(client_for(clp_b), path_b, person("Bob Example", "bob@example.org"))

    [to_ann] = mail_to("ann@example.org")
    [to_bob] = mail_to("bob@example.org")
    assert to_ann.message()["From"] == "Testford North Labour <no-reply@labourhub.example>"
    assert to_bob.message()["From"] == "Testford South Labour <no-reply@labourhub.example>"
    assert "Testford South" not in to_ann.body + html_of_email(to_ann)
    assert "Testford North" not in to_bob.body + html_of_email(to_bob)


def test_replies_go_to_the_party_address_when_the_site_has_one(clp_a, in_schema, event_a, sign_up):
    sign_up(event_a, email="ann@example.org")
    assert mail_to("ann@example.org")[0].reply_to == []

    _site_settings(clp_a, in_schema, contact_email="party@testford.example")
    sign_up(event_a, email="bob@example.org")
    [to_bob] = mail_to("bob@example.org")
    assert to_bob.reply_to == ["Testford North Labour <party@testford.example>"]


def test_the_email_is_html_with_a_plain_text_version_both_escaped_correctly(
    clp_a, event_a, sign_up, stored
):
    sign_up(event_a, name=HOSTILE_NAME, email="ann@example.org")
    [message] = mail_to("ann@example.org")
    page = html_of_email(message)

    assert "<script>" not in page
    assert "Hello Ann O&#x27;Brien &lt;script&gt;alert(1)&lt;/script&gt;," in page
    # The plain text says it as typed: no HTML entities for a plain-text reader.
    assert f"Hello {HOSTILE_NAME}," in message.body
    assert "&#x27;" not in message.body
    assert "<p" not in message.body

    assert page.startswith("<!doctype html>")
    assert '<html lang="en-GB">' in page
    assert "<style" not in page  # mail clients drop style sheets: every style is inline
    assert "Street stall on the high street" in page
    assert "Market Square" in page
    # Nothing loaded from elsewhere: every address is a link, to the site or a map.
    assert not re.search(r"<(img|link|script)\b", page)
    assert all(
        url.startswith((clp_a.url_for(), "https://www.openstreetmap.org/"))
        for url in re.findall(r'href="([^"]+)"', page)
    )


def test_the_email_wears_the_site_accent_colour(clp_a, in_schema, event_a, sign_up):
    sign_up(event_a, email="ann@example.org")
    assert f"background-color:{AccentColour.LABOUR_RED.value}" in html_of_email(
        mail_to("ann@example.org")[0]
    )

    _site_settings(clp_a, in_schema, accent_colour=AccentColour.BURGUNDY)
    sign_up(event_a, email="bob@example.org")
    page = html_of_email(mail_to("bob@example.org")[0])
    assert f"background-color:{AccentColour.BURGUNDY.value}" in page
    assert AccentColour.LABOUR_RED.value not in page


def test_the_footer_says_why_links_the_site_and_cancels_the_place(
    clp_a, in_schema, event_a, sign_up, stored
):
    _site_settings(clp_a, in_schema, imprint="Promoted by A. Agent, 1 High Street, Testford.")
    sign_up(event_a, email="ann@example.org")
    [message] = mail_to("ann@example.org")
    [signup] = stored()
    cancel_url = clp_a.url_for(path=f"/sign-ups/{signup.token}/cancel/")
    why = (
        "You're getting this email because you signed up to Street stall on the high "
        "street on the Testford North Labour website."
    )
    for version in (message.body, html.unescape(html_of_email(message))):
        assert why in version
        assert cancel_url in version
        assert clp_a.url_for() in version
        assert "Promoted by A. Agent, 1 High Street, Testford." in version
    assert f'<a href="{cancel_url}"' in html_of_email(message)


def test_a_cancellation_email_is_branded_and_has_no_cancel_link(
    clp_a, event_a, sign_up, stored, post
):
    sign_up(event_a, email="ann@example.org")
    [signup] = stored()
    post(client_for(clp_a), f"/sign-ups/{signup.token}/cancel/")
    [_, cancelled] = mail_to("ann@example.org")
    assert "cancelled" in cancelled.subject
    assert "/cancel/" not in cancelled.body
    assert "/cancel/" not in html_of_email(cancelled)
    assert "Testford North Labour" in html_of_email(cancelled)
