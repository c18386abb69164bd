"""What a privacy notice's placeholders become: on the hub, its own details; on a
constituency's site, that site's (worked out by the function the setting
PRIVACY_SITE_NOTICE_VALUES names, in an app above this one)."""

from django.conf import settings
from django.utils.html import format_html
from django.utils.module_loading import import_string
from django.utils.safestring import SafeString


def email_link(address: str) -> SafeString:
    return format_html('<a href="mailto:{}">{}</a>', address, address)


def web_link(url: str) -> SafeString:
    return format_html('<a href="{}">{}</a>', url, url.removesuffix("/").split("://")[-1])


def data_protection_email() -> SafeString:
    return email_link(settings.DATA_PROTECTION_EMAIL)


def hub_values(request) -> dict:
    return {
        "website": web_link(request.build_absolute_uri("/")),
        "data_protection_email": data_protection_email(),
    }


def site_values(constituency, request, language: str = settings.LANGUAGE_CODE) -> dict:
    """The placeholders' values for this constituency's site, read in its schema, for
    its notice in `language`."""
    return import_string(settings.PRIVACY_SITE_NOTICE_VALUES)(constituency, request, language)
