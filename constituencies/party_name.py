"""What a constituency's local party is called in the language being spoken: "Testford
South Labour" in English, "Llafur De Testford" in Welsh (with the constituency's Welsh
name, when it has one). Feeds and calendars title themselves with it."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext


def party_name(constituency) -> str:
    name = constituency.name
    if translation.get_language() == settings.WELSH:
        name = constituency.welsh_name or name
    # Translators: a constituency's local Labour party, e.g. "Cardiff East Labour".
    return gettext("%(constituency)s Labour") % {"constituency": name}
