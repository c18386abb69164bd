"""What a constituency's site calls itself, in the language of the page: "Testford South
Labour" and "Testford South Constituency Labour Party" in English, "Llafur De Testford"
and "Plaid Lafur Etholaeth De Testford" in Welsh (with its Welsh name, where it has one)."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext


def constituency_name(constituency) -> str:
    """Its name in the active language: the Welsh name on Welsh pages, when it has one."""
    if translation.get_language() == settings.WELSH and constituency.welsh_name:
        return constituency.welsh_name
    return constituency.name


def site_name(constituency) -> str:
    return gettext("%(constituency)s Labour") % {"constituency": constituency_name(constituency)}


def party_name(constituency) -> str:
    return gettext("%(constituency)s Constituency Labour Party") % {
        "constituency": constituency_name(constituency)
    }
