"""The privacy notices: the wording central staff keep once for every constituency site,
and the one for LabourHub and Membersnet. Each site fills in its own details when a
visitor reads it (privacy.notices), so an edit here reaches every site at once."""

import datetime as dt
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.html import conditional_escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import format_lazy
from django_tenants.utils import get_tenant_model
from wagtail.admin.panels import FieldPanel, HelpPanel, ObjectList, TabbedInterface
from wagtail.fields import RichTextField
from wagtail.models import PreviewableMixin
from wagtail.rich_text import expand_db_html

from . import notice_values

# `{name}`: a word in braces. Anything else with braces is left as written.
PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
BODY_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "hr"]


class NoticeKind(models.TextChoices):
    CONSTITUENCY = "constituency", "Constituency sites"
    HUB = "hub", "LabourHub and Membersnet"


# What each notice may say in braces, and what it becomes (privacy.notices fills them in).
PLACEHOLDERS = {
    NoticeKind.CONSTITUENCY: {
        "constituency": "the constituency's name, e.g. “Bristol East”",
        "party": "the local party's full name, e.g. “Bristol East Constituency Labour Party”",
        "contact_email": "the local party's public address (site settings), as a link; the "
        "data protection address when the site has none",
        "representative": "the MP or candidate, e.g. “Jane Smith, Member of Parliament”; "
        "“our MP or candidate” when the site names none",
        "website": "the site's address, as a link",
        "data_protection_email": "the party's data protection address, as a link",
    },
    NoticeKind.HUB: {
        "website": "the hub's address, as a link",
        "data_protection_email": "the party's data protection address, as a link",
    },
}


# The suffix of a preview mode showing the notice in Welsh.
WELSH_MODE = "-cy"


def placeholders_in(text: str) -> list[str]:
    return PLACEHOLDER.findall(text or "")


@dataclass(frozen=True)
class FilledNotice:
    """A notice as a visitor reads it, its details filled in, ready for a template."""

    title: str
    body: SafeString
    version: int
    updated_at: dt.datetime


def _wording_tab(heading: str, title_field: str, body_field: str) -> ObjectList:
    """One language's wording in the editor, with the placeholders it may use."""
    return ObjectList(
        [
            HelpPanel(heading="Placeholders", template="privacy/admin/placeholder_help.html"),
            FieldPanel(title_field),
            FieldPanel(body_field),
        ],
        heading=heading,
    )


class PrivacyNotice(PreviewableMixin, models.Model):
    """One privacy notice's wording, with placeholders in braces for each site's own
    details, in English and in Welsh (the constituency notice's Welsh is what the Welsh
    pages of the sites that offer Welsh show, at /cy/privacy/). There is one of each kind
    (made by migration with a default wording, so a notice is never empty); saving
    checks that every placeholder is known, in both languages, and counts a new
    version, which the notice shows with its date."""

    kind = models.CharField(max_length=20, choices=NoticeKind.choices, unique=True, editable=False)
    title = models.CharField(max_length=200, default="Privacy notice")
    body = RichTextField(features=BODY_FEATURES)
    welsh_title = models.CharField("title in Welsh", max_length=200, blank=True)
    welsh_body = RichTextField(
        "wording in Welsh",
        features=BODY_FEATURES,
        blank=True,
        help_text="Blank: the Welsh pages show the English wording.",
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    edit_handler = TabbedInterface(
        [
            _wording_tab("English", "title", "body"),
            _wording_tab("Cymraeg", "welsh_title", "welsh_body"),
        ]
    )

    class Meta:
        ordering = ["kind"]
        verbose_name = "privacy notice"

    def __str__(self):
        return f"Privacy notice: {self.get_kind_display()}"

    def save(self, *args, **kwargs):
        counted = self.pk is not None
        if counted:
            # Counted in the database, so two staff saving at once make two versions.
            self.version = models.F("version") + 1
        super().save(*args, **kwargs)
        if counted:
            self.refresh_from_db(fields=["version"])

    @property
    def placeholders(self) -> dict[str, str]:
        return PLACEHOLDERS[NoticeKind(self.kind)]

    def clean(self):
        super().clean()
        errors = {}
        for field_name in ("title", "body", "welsh_title", "welsh_body"):
            unknown = sorted(
                set(placeholders_in(getattr(self, field_name))) - set(self.placeholders)
            )
            if unknown:
                errors[field_name] = format_lazy(
                    "Unknown placeholder{}: {}. This notice can use: {}.",
                    "s" if len(unknown) > 1 else "",
                    ", ".join(f"{{{name}}}" for name in unknown),
                    ", ".join(f"{{{name}}}" for name in self.placeholders),
                )
        if errors:
            raise ValidationError(errors)

    def wording_in(self, language: str) -> tuple[str, str]:
        """(title, body) in `language`: the Welsh where there is one, else the English."""
        if language == settings.WELSH and self.welsh_body.strip():
            return self.welsh_title.strip() or self.title, self.welsh_body
        return self.title, self.body

    def fill_in(self, values: dict, language: str = settings.LANGUAGE_CODE) -> FilledNotice:
        """The notice in `language` with each placeholder replaced by its value: plain
        text is escaped, links made by `notice_values` are kept. A placeholder with no
        value stays as written (unknown ones are refused when the notice is saved)."""
        title, body = self.wording_in(language)

        def replace(match, *, html: bool):
            name = match.group(1)
            if name not in values:
                return match.group(0)
            value = values[name]
            return str(conditional_escape(value)) if html else strip_tags(str(value))

        body = PLACEHOLDER.sub(lambda m: replace(m, html=True), expand_db_html(body))
        return FilledNotice(
            title=PLACEHOLDER.sub(lambda m: replace(m, html=False), title),
            body=mark_safe(body),  # noqa: S308 - rich text by staff; values escaped above
            version=self.version,
            updated_at=self.updated_at,
        )

    # Live preview in the admin: the constituency notice as one chosen site shows it, in
    # English and, for the sites that offer Welsh, in Welsh ("<pk>-cy").
    @property
    def preview_modes(self):
        if self.kind == NoticeKind.HUB:
            return [("", "LabourHub and Membersnet")]
        sites = get_tenant_model().objects.sites().order_by("name")
        modes = []
        for pk, name, offers_welsh in sites.values_list("pk", "name", "offers_welsh"):
            modes.append((str(pk), name))
            if offers_welsh:
                modes.append((f"{pk}{WELSH_MODE}", f"{name} (Cymraeg)"))
        return modes or [("", "No constituency yet")]

    def get_preview_template(self, request, mode_name):
        return "privacy/notice_preview.html"

    @staticmethod
    def _preview_language(mode_name: str) -> str:
        return settings.WELSH if (mode_name or "").endswith(WELSH_MODE) else settings.LANGUAGE_CODE

    def serve_preview(self, request, mode_name):
        # The page around the notice (its version line, its date) in the notice's language.
        # Its response renders lazily: render it while the language is on.
        with translation.override(self._preview_language(mode_name)):
            return super().serve_preview(request, mode_name).render()

    def get_preview_context(self, request, mode_name):
        site = None
        language = self._preview_language(mode_name)
        if self.kind == NoticeKind.HUB:
            values = notice_values.hub_values(request)
        else:
            pk = (mode_name or "").removesuffix(WELSH_MODE)
            site = get_tenant_model().objects.sites().filter(pk=pk if pk.isdigit() else 0).first()
            values = notice_values.site_values(site, request, language) if site else {}
        return {
            **super().get_preview_context(request, mode_name),
            "notice": self.fill_in(values, language),
            "preview_site": site,
            "preview_language": language,
        }
