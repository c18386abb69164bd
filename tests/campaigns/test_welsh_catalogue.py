"""Every string the campaign pages, pledges and privacy notice mark for translation has
its Welsh in the catalogue, none fuzzy: a Welsh page never falls back to English for
one of them."""

from pathlib import Path

import polib
from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "cy" / "LC_MESSAGES" / "django.po"
OURS = (
    "campaigns/",
    "templates/campaigns/",
    "privacy/",
    "templates/privacy/",
    "constituencies/website/privacy_notice.py",
)


def _ours(entry) -> bool:
    return any(path.startswith(OURS) for path, _ in entry.occurrences)


def test_every_campaign_and_privacy_string_has_its_welsh():
    entries = [entry for entry in polib.pofile(str(CATALOGUE)) if _ours(entry)]
    assert len(entries) > 40  # the campaign pages, pledges, emails and notice
    untranslated = [
        entry.msgid
        for entry in entries
        if (entry.msgid_plural and not all(entry.msgstr_plural.values()))
        or (not entry.msgid_plural and not entry.msgstr)
    ]
    assert untranslated == []
    assert [entry.msgid for entry in entries if "fuzzy" in entry.flags] == []


def test_the_welsh_keeps_each_strings_placeholders():
    for entry in polib.pofile(str(CATALOGUE)):
        if not _ours(entry) or entry.msgid_plural:
            continue
        for placeholder in ("%(", "{}", "<a ", "<strong>"):
            assert entry.msgid.count(placeholder) == entry.msgstr.count(placeholder), entry.msgid
