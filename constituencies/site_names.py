"""What a constituency's site calls itself, in the language of the page: "Testford South
Labour" and "Testford South Constituency Labour Party" in English, "Llafur De Testford"
and "Plaid Lafur Etholaeth De Testford" in Welsh (with its Welsh name, where it has one)."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext


def constituency_name(constituency) -> str:
    """Its name in the active language: the Welsh name on Welsh pages, when it has one."""
    return name_in_language(constituency.name, constituency.welsh_name)


def name_in_language(name: str, welsh_name: str = "") -> str:
    if translation.get_language() == settings.WELSH and welsh_name:
        return welsh_name
    return name


def site_name(constituency) -> str:
    return site_name_from(constituency.name, constituency.welsh_name)


def site_name_from(name: str, welsh_name: str = "") -> str:
    """ "Testford South Labour", "Llafur De Testford": its feeds, calendars, emails and
    consent wording call the local party so."""
    # Translators: a constituency's local Labour party, e.g. "Cardiff East Labour".
    return gettext("%(constituency)s Labour") % {"constituency": name_in_language(name, welsh_name)}


def party_name(constituency) -> str:
    return gettext("%(constituency)s Constituency Labour Party") % {
        "constituency": constituency_name(constituency)
    }
