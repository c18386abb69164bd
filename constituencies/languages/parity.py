"""Are a bilingual site's Welsh and English pages in step? The definitions:

- Its pages are the live pages of depth 2 or more (the home pages and everything below
  them) in English (en-gb) and in Welsh (cy), matched by `translation_key`.
- A page "lacks a Welsh version" when its English page is live and no Welsh page of the
  same key is; it "lacks an English version" the other way round.
- Its "Welsh is older than the English" when both are live and the English was
  published after the Welsh (`last_published_at`).

`site_parity()` answers for the active constituency schema in two queries (its pages,
and its open 48-hour flags) whatever the number of pages. `store_summary` keeps the
counts in the hub's schema for the compliance dashboard."""

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import BooleanField, Case, Exists, F, OuterRef, Q, When
from django.urls import reverse
from django.utils import timezone
from django_tenants.utils import get_public_schema_name, schema_context
from wagtail.models import Page

from constituencies.models import LanguageParity
from constituencies.website.models import EventPage, NewsPage

from .models import LanguageGapFlag

ENGLISH = settings.LANGUAGE_CODE
WELSH = settings.WELSH

MISSING_WELSH = "missing_welsh"
OUTDATED_WELSH = "outdated_welsh"
MISSING_ENGLISH = "missing_english"
STATE_LABELS = {
    MISSING_WELSH: "No Welsh version",
    OUTDATED_WELSH: "Welsh older than the English",
    MISSING_ENGLISH: "No English version",
}
# The language a page in each state lacks (an out-of-date Welsh page needs Welsh too).
LACKS = {MISSING_WELSH: WELSH, OUTDATED_WELSH: WELSH, MISSING_ENGLISH: ENGLISH}


@dataclass(frozen=True)
class PageVersion:
    """One language's page of a translation key, as the check reads it."""

    pk: int
    title: str
    language: str
    live: bool
    first_published_at: dt.datetime | None
    last_published_at: dt.datetime | None
    is_news_or_key_event: bool


@dataclass(frozen=True)
class Gap:
    """A page whose two languages are not in step."""

    page_id: int  # the live page (for an outdated Welsh page, the English one)
    title: str
    language: str  # the language it is live in
    state: str
    since: dt.datetime | None  # when the gap began: the later page's publication
    live_since: dt.datetime | None  # the live page's first publication
    translate_path: str  # the admin screen that fixes it, on the site's own admin
    is_news_or_key_event: bool  # subject to the 48-hour flag
    flagged: bool = False

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def lacks(self) -> str:
        return LACKS[self.state]

    @property
    def language_label(self) -> str:
        return "English" if self.language == ENGLISH else "Welsh"


@dataclass
class SiteParity:
    gaps: list[Gap] = field(default_factory=list)
    pages: int = 0  # translation keys with a live page in either language

    def _count(self, state: str) -> int:
        return sum(1 for gap in self.gaps if gap.state == state)

    @property
    def missing_welsh(self) -> int:
        return self._count(MISSING_WELSH)

    @property
    def outdated_welsh(self) -> int:
        return self._count(OUTDATED_WELSH)

    @property
    def missing_english(self) -> int:
        return self._count(MISSING_ENGLISH)

    @property
    def flagged(self) -> int:
        return sum(1 for gap in self.gaps if gap.flagged)

    @property
    def in_step(self) -> int:
        return self.pages - len(self.gaps)


def _versions() -> dict:
    """{translation_key: {language: PageVersion}} of the schema's pages, one query."""
    key_event = EventPage.objects.filter(pk=OuterRef("pk"), is_key_event=True)
    news = NewsPage.objects.filter(pk=OuterRef("pk"))
    rows = (
        Page.objects.filter(depth__gte=2, locale__language_code__in=[ENGLISH, WELSH])
        .annotate(
            language=F("locale__language_code"),
            is_news_or_key_event=Case(
                When(Q(Exists(key_event)) | Q(Exists(news)), then=True),
                default=False,
                output_field=BooleanField(),
            ),
        )
        .values_list(
            "translation_key",
            "pk",
            "title",
            "language",
            "live",
            "first_published_at",
            "last_published_at",
            "is_news_or_key_event",
        )
        .order_by("path")
    )
    by_key: dict = {}
    for key, *version in rows:
        page = PageVersion(*version)
        by_key.setdefault(key, {})[page.language] = page
    return by_key


def _translate_path(source: PageVersion, target: PageVersion | None) -> str:
    """Where to write `target`'s language version of `source`: its existing page's
    editor (wagtail-localize makes a translation's editor its translation screen), or
    wagtail-localize's "Translate this page" when there is none yet."""
    if target is not None:
        return reverse("wagtailadmin_pages:edit", args=[target.pk])
    return reverse("wagtail_localize:submit_page_translation", args=[source.pk])


def _gap(by_language: dict) -> Gap | None:
    english, welsh = by_language.get(ENGLISH), by_language.get(WELSH)
    english_live = english is not None and english.live
    welsh_live = welsh is not None and welsh.live
    if english_live and not welsh_live:
        state, live, other = MISSING_WELSH, english, welsh
        since = english.first_published_at
    elif welsh_live and not english_live:
        state, live, other = MISSING_ENGLISH, welsh, english
        since = welsh.first_published_at
    elif (
        english_live
        and english.last_published_at
        and welsh.last_published_at
        and english.last_published_at > welsh.last_published_at
    ):
        state, live, other = OUTDATED_WELSH, english, welsh
        since = english.last_published_at
    else:
        return None
    return Gap(
        page_id=live.pk,
        title=live.title,
        language=live.language,
        state=state,
        since=since,
        live_since=live.first_published_at,
        translate_path=_translate_path(live, other),
        is_news_or_key_event=live.is_news_or_key_event,
    )


def site_parity() -> SiteParity:
    """The active constituency schema's pages out of step, in tree order."""
    by_key = _versions()
    flagged = set(
        LanguageGapFlag.objects.filter(resolved_at__isnull=True).values_list(
            "page_id", "missing_language"
        )
    )
    parity = SiteParity()
    for by_language in by_key.values():
        if not any(version.live for version in by_language.values()):
            continue
        parity.pages += 1
        gap = _gap(by_language)
        if gap is not None:
            if (gap.page_id, gap.lacks) in flagged:
                gap = Gap(**{**gap.__dict__, "flagged": True})
            parity.gaps.append(gap)
    return parity


def store_summary(constituency, parity: SiteParity, now=None) -> LanguageParity:
    """Keep `parity`'s counts as `constituency`'s summary in the hub's schema (the app's
    table exists in every schema; the hub's is the one the dashboard reads)."""
    with schema_context(get_public_schema_name()):
        summary, _ = LanguageParity.objects.update_or_create(
            constituency_id=constituency.pk,
            defaults={
                "missing_welsh": parity.missing_welsh,
                "outdated_welsh": parity.outdated_welsh,
                "missing_english": parity.missing_english,
                "flagged": parity.flagged,
                "checked_at": now or timezone.now(),
            },
        )
    return summary


def forget_summary(constituency) -> None:
    """The constituency no longer offers Welsh: the dashboard has nothing to show."""
    with schema_context(get_public_schema_name()):
        LanguageParity.objects.filter(constituency_id=constituency.pk).delete()
