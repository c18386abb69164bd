"""The Welsh catalogue is complete: every string the public sites, their emails, feeds
and calendars mark is translated, nothing is fuzzy, placeholders are kept, and no
public template shows text that is not marked for translation."""

import re
from pathlib import Path

import polib
from django.conf import settings
from django.utils import translation

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "cy" / "LC_MESSAGES" / "django.po"
TEMPLATES = Path(settings.BASE_DIR) / "templates"
# What visitors to a constituency site read, and the emails, feeds and calendars they get.
PUBLIC_TEMPLATES = [
    "base.html",
    "404.html",
    "500.html",
    "503.html",
    "website",
    "signups",
    "contact",
    "campaigns/campaign_page.html",
    "campaigns/pledge_link.html",
    "campaigns/includes",
    "campaigns/email",
    "privacy/site_notice.html",
    "constituencies/suspended.html",
    "constituencies/archived.html",
    "constituencies/email",
]
# The message a visitor writes is delivered to the MP or the party in English.
NOT_PUBLIC = {"contact/email/delivery.txt", "contact/email/delivery.html"}
# Names, the same in both languages.
PROPER_NAMES = {
    "LabourHub",
    "Membersnet",
    "WhatsApp",
    "Facebook",
    "Bluesky",
    "Mastodon",
    "RSS",
    "Atom",
}
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w*\}")
# Template syntax, comments and markup: what is left is text a visitor reads.
TRANSLATED_BLOCK = re.compile(r"{%\s*blocktranslate.*?{%\s*endblocktranslate\s*%}", re.S)
TEMPLATE_SYNTAX = re.compile(r"{%.*?%}|{{.*?}}|{#.*?#}", re.S)
COMMENT = re.compile(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", re.S)
# Blocks that fill in an attribute (a class name, data-accent) rather than text.
ATTRIBUTE_BLOCK = re.compile(r"{%\s*block\s+(\w+_class|html_attributes)\s*%}.*?{%\s*endblock", re.S)
SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b.*?</\1>", re.S)
READ_ATTRIBUTES = re.compile(r'\b(?:alt|title|aria-label|placeholder)="([^"]*)"')
TAG = re.compile(r"<[^>]*>", re.S)
ENTITY = re.compile(r"&[#\w]+;")
WORD = re.compile(r"[A-Za-z]{2,}")


def entries():
    return [entry for entry in polib.pofile(str(CATALOGUE)) if not entry.obsolete]


def test_every_entry_has_its_welsh():
    untranslated = [entry.msgid for entry in entries() if not entry.translated()]
    assert untranslated == []


def test_no_entry_is_fuzzy():
    assert [entry.msgid for entry in entries() if entry.fuzzy] == []


def test_each_translation_keeps_the_placeholders_of_its_english():
    lost = []
    for entry in entries():
        expected = sorted(PLACEHOLDER.findall(entry.msgid))
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in translations:
            if sorted(PLACEHOLDER.findall(text)) != expected and not (
                entry.msgid_plural and set(PLACEHOLDER.findall(text)) <= set(expected)
            ):
                lost.append((entry.msgid, text))
    assert lost == []


def test_each_translation_keeps_the_links_and_emphasis_of_its_english():
    changed = [
        entry.msgid
        for entry in entries()
        if not entry.msgid_plural
        and any(entry.msgid.count(tag) != entry.msgstr.count(tag) for tag in ("<a ", "<strong>"))
    ]
    assert changed == []


def test_the_catalogue_says_welsh_has_four_plural_forms():
    plural_forms = polib.pofile(str(CATALOGUE)).metadata["Plural-Forms"]
    assert plural_forms.startswith("nplurals=4;")


def test_the_compiled_catalogue_is_the_one_in_the_repository():
    entry = next(e for e in entries() if not e.msgid_plural and not e.msgctxt)
    with translation.override(settings.WELSH):
        assert translation.gettext(entry.msgid) == entry.msgstr


def _public_template_files():
    for name in PUBLIC_TEMPLATES:
        path = TEMPLATES / name
        yield from sorted(path.rglob("*.*")) if path.is_dir() else [path]


def _unmarked_text(source: str) -> list[str]:
    source = COMMENT.sub(" ", source)
    source = ATTRIBUTE_BLOCK.sub(" ", source)
    source = TRANSLATED_BLOCK.sub(" ", source)
    source = SCRIPT_OR_STYLE.sub(" ", source)
    attributes = " ".join(READ_ATTRIBUTES.findall(TEMPLATE_SYNTAX.sub(" ", source)))
    text = TAG.sub(" ", TEMPLATE_SYNTAX.sub(" ", source)) + " " + attributes
    text = ENTITY.sub(" ", text)
    return [word for word in WORD.findall(text) if word not in PROPER_NAMES]


def test_public_templates_show_no_text_that_is_not_marked_for_translation():
    unmarked = {}
    for path in _public_template_files():
        if str(path.relative_to(TEMPLATES)) in NOT_PUBLIC:
            continue
        words = _unmarked_text(path.read_text())
        if words:
            unmarked[str(path.relative_to(TEMPLATES))] = " ".join(words)[:120]
    assert unmarked == {}


def test_the_template_check_finds_text_left_unmarked():
    template = (
        '{% load i18n %}<p class="lead">Sign up</p><img alt="A stall">'
        '{% translate "Events" %}{% blocktranslate %}See {{ x }}{% endblocktranslate %}'
        '<a href="/" aria-label="{% translate "Home" %}">{{ page.title }}</a> Mastodon'
    )
    assert _unmarked_text(template) == ["Sign", "up", "stall"]
