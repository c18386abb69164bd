"""The Welsh catalogue is complete: every marked string has a Welsh translation, none is
left fuzzy, and each keeps the placeholders of its English."""

import re
from pathlib import Path

import polib
from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "cy" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def _entries():
    return [entry for entry in polib.pofile(str(CATALOGUE)) if not entry.obsolete]


def _translations(entry) -> list[str]:
    if entry.msgid_plural:
        return [entry.msgstr_plural.get(form, "") for form in range(4)]
    return [entry.msgstr]


def test_every_string_has_a_welsh_translation_and_none_is_fuzzy():
    entries = _entries()
    assert entries
    untranslated = [e.msgid for e in entries if not all(t.strip() for t in _translations(e))]
    fuzzy = [e.msgid for e in entries if "fuzzy" in e.flags]
    assert untranslated == []
    assert fuzzy == []


def test_translations_keep_the_placeholders_of_their_english():
    for entry in _entries():
        english = set(PLACEHOLDER.findall(entry.msgid))
        for welsh in _translations(entry):
            assert set(PLACEHOLDER.findall(welsh)) == english, (entry.msgid, welsh)


def test_the_catalogue_says_welsh_has_four_plural_forms():
    assert polib.pofile(str(CATALOGUE)).metadata["Plural-Forms"].startswith("nplurals=4;")
