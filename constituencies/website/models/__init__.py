"""The page types of a constituency's site. Every constituency has its own page tree
in its own schema: home, news, events, get involved and contact. One module per part of
the site; Django and the rest of the code find them all here."""

from .base import ConstituencyPage, require_alt_text
from .events import (
    EVENTS_PER_PAGE,
    ActivityType,
    EventIndexPage,
    EventPage,
    EventPageQuerySet,
    fresh_until_an_event_finishes,
    seconds_until_an_event_finishes,
)
from .news import (
    NEWS_CARD_IMAGE,
    NEWS_PER_PAGE,
    FirstPage,
    NewsIndexPage,
    NewsPage,
    NewsPageTag,
    with_card_images,
)
from .pages import ContactPage, GetInvolvedPage, HomePage
from .representative import Representative
from .site_settings import AccentColour, SiteSettings

__all__ = [
    "EVENTS_PER_PAGE",
    "NEWS_CARD_IMAGE",
    "NEWS_PER_PAGE",
    "AccentColour",
    "ConstituencyPage",
    "ContactPage",
    "EventIndexPage",
    "ActivityType",
    "EventPage",
    "EventPageQuerySet",
    "FirstPage",
    "GetInvolvedPage",
    "HomePage",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "Representative",
    "SiteSettings",
    "fresh_until_an_event_finishes",
    "require_alt_text",
    "seconds_until_an_event_finishes",
    "with_card_images",
]
