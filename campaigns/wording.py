"""A campaign's public words in the language of the page showing it. Staff write every
campaign in English and may add Welsh (NationalCampaign.welsh_*): a Welsh page shows the
Welsh words where there are some, else the English ones, marked as English (`lang`) and
with a note saying they are in English only. Everything around them is in the page's
language, whichever words it shows."""

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation

from constituencies.languages.alternates import path_in

from .models import Action, NationalCampaign


@dataclass(frozen=True)
class CampaignWords:
    campaign: NationalCampaign
    language: str  # the language the words are in: en-gb, or cy
    page_language: str  # the language of the page around them
    title: str
    summary: str
    day_of_action_text: str
    pledge_text: str
    share_message: str
    image_alt: str  # blank: the image's own alt text (English)

    @property
    def english_only(self) -> bool:
        """The page is in another language, but these words are in English."""
        return self.language != self.page_language

    @property
    def lang(self) -> str:
        """The html lang of the words."""
        return settings.HTML_LANGUAGES[self.language]

    @property
    def path(self) -> str:
        """The campaign's page in the page's language: /cy/campaigns/<slug>/ in Welsh."""
        return path_in(self.page_language, self.campaign.path)

    @property
    def share_text(self) -> str:
        """What a share carries: the message to share, else the summary."""
        return self.share_message if self.campaign.action == Action.SHARE else self.summary


# The campaign's fields a Welsh one (welsh_<name>) stands in for on Welsh pages.
TRANSLATED_WORDS = ("title", "summary", "day_of_action_text", "pledge_text", "share_message")


def campaign_words(campaign: NationalCampaign, language: str | None = None) -> CampaignWords:
    """`campaign`'s words for a page in `language` (the active language by default)."""
    asked = language or translation.get_language()
    page_language = settings.WELSH if asked == settings.WELSH else settings.LANGUAGE_CODE
    welsh = page_language == settings.WELSH and campaign.has_welsh
    prefix = "welsh_" if welsh else ""
    return CampaignWords(
        campaign=campaign,
        language=settings.WELSH if welsh else settings.LANGUAGE_CODE,
        page_language=page_language,
        image_alt=campaign.welsh_image_alt if welsh else "",
        **{words: getattr(campaign, prefix + words) for words in TRANSLATED_WORDS},
    )
