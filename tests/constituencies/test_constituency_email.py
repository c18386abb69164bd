"""The sender of a constituency's emails: its name on the platform's address, written so
that any constituency's name survives the trip through mail headers."""

from email.header import decode_header, make_header

import pytest
from django.core.mail import EmailMessage
from wagtail.models import Site

from constituencies.constituency_email import EmailBranding, Sender, sender_for
from constituencies.website.models import AccentColour, SiteSettings


def _from_header_of(sender: Sender) -> str:
    message = EmailMessage(subject="x", body="y", from_email=sender.from_email, to=["a@b.org"])
    return str(make_header(decode_header(message.message()["From"])))


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("Ynys Môn Labour", "Ynys Môn Labour <no-reply@labourhub.example>"),
        ("St. Albans Labour", '"St. Albans Labour" <no-reply@labourhub.example>'),
        ("Hull, East Labour", '"Hull, East Labour" <no-reply@labourhub.example>'),
        ("Evil\r\nBcc: x@y.org Labour", '"Evil Bcc: x@y.org Labour" <no-reply@labourhub.example>'),
    ],
)
def test_the_sender_is_the_constituency_name_on_the_platform_address(settings, name, shown):
    settings.DEFAULT_FROM_EMAIL = "LabourHub <no-reply@labourhub.example>"
    assert _from_header_of(Sender(name=name, site_url="https://x.example/")) == shown


def test_a_site_without_settings_yet_sends_in_labour_red(clp_a, in_schema):
    with in_schema(clp_a):
        SiteSettings.objects.all().delete()
        assert sender_for(clp_a).branding == EmailBranding()
        site_settings = SiteSettings.for_site(Site.objects.get())
        site_settings.accent_colour = AccentColour.CHARCOAL
        site_settings.contact_email = "party@testford.example"
        site_settings.save()
        sender = sender_for(clp_a)
    assert sender.branding.accent_colour == AccentColour.CHARCOAL.value
    assert sender.branding.contact_email == "party@testford.example"
    assert sender.name == "Testford North Labour"
    assert sender.site_url == clp_a.url_for()
