"""The home page, the get-involved page and the contact page."""

from django.conf import settings as django_settings
from django.db import models
from django.utils.translation import gettext
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page

from constituencies.contact import views as contact_views
from constituencies.contact.messaging import Recipient
from constituencies.languages.alternates import UNTRANSLATED_PARAMETER
from constituencies.site_names import constituency_name, site_name
from roles.models import DESIGNATED_ADMINISTRATOR_ROLES, Appointment

from ..blocks import BodyBlock
from ..chrome import remembered, site_chrome
from ..english_only import english_list_url
from .base import ConstituencyPage
from .events import (
    EventIndexPage,
    EventPage,
    fresh_until_an_event_finishes,
    seconds_until_an_event_finishes,
)
from .news import NewsIndexPage, NewsPage, with_card_images
from .representative import Representative
from .site_settings import SiteSettings


class HomePage(ConstituencyPage):
    intro = models.TextField(
        blank=True,
        max_length=500,
        help_text="A sentence or two about the party in this constituency.",
    )
    get_involved_heading = models.CharField(max_length=100, default="Get involved")
    get_involved_text = models.TextField(
        max_length=300,
        default="Knock on doors, staff a street stall or make calls: every hour helps win "
        "a fairer deal for our community.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("get_involved_heading"), FieldPanel("get_involved_text")],
            heading="Get involved call to action",
        ),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "website.NewsIndexPage",
        "website.EventIndexPage",
        "website.GetInvolvedPage",
        "website.ContactPage",
    ]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        chrome = site_chrome(request)
        news = with_card_images(chrome.public(NewsPage.objects.live().descendant_of(self)))
        # By page: a preview of the Welsh home page in the (English) admin lists its own.
        context["latest_news"] = remembered(
            request, f"home-news:{self.pk}", lambda: list(news.order_by("-date", "-pk")[:3])
        )
        events = chrome.public(EventPage.objects.live().descendant_of(self))
        context["next_events"] = remembered(
            request,
            f"home-events:{self.pk}",
            lambda: list(events.upcoming().with_going()[:3]),
            lasts=seconds_until_an_event_finishes,
        )
        fresh_until_an_event_finishes(request, context["next_events"])
        context["news_url"] = chrome.url_of(NewsIndexPage)
        context["get_involved_url"] = chrome.url_of(GetInvolvedPage)
        context["contact_url"] = chrome.url_of(ContactPage)
        context["representative"] = remembered(request, "representative", Representative.current)
        if context["representative"] is None:
            context["officers"] = _designated_administrators(request.tenant)
        context["constituency_name"] = constituency_name(request.tenant)
        # Under /cy/ until the Welsh home page is live, the English one is shown, saying so.
        shown_in_its_language = getattr(request, "is_preview", False) or (
            self.locale_id == chrome.home.locale_id and chrome.home_is_translated
        )
        if not shown_in_its_language:
            context["page_language"] = django_settings.HTML_LANGUAGES[django_settings.LANGUAGE_CODE]
        context["untranslated"] = (
            not shown_in_its_language or request.GET.get(UNTRANSLATED_PARAMETER) == "1"
        )
        return context


def _designated_administrators(constituency):
    return list(
        Appointment.objects.current()
        .filter(constituency=constituency, role__in=DESIGNATED_ADMINISTRATOR_ROLES)
        .select_related("user")
        .order_by("role")
    )


class GetInvolvedPage(ConstituencyPage):
    intro = models.TextField(blank=True, max_length=500)
    body = StreamField(BodyBlock(), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["website.HomePage"]
    subpage_types = ["website.EventPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        chrome = site_chrome(request)
        context["activities"] = list(
            chrome.public(EventPage.objects.live().upcoming().with_going().child_of(self))
        )
        context["english_list_url"] = english_list_url(
            request,
            self,
            lambda english: chrome.public(EventPage.objects.live().upcoming().child_of(english)),
        )
        context["events_url"] = chrome.url_of(EventIndexPage)
        fresh_until_an_event_finishes(request, context["activities"])
        return context


class ContactPage(RoutablePageMixin, ConstituencyPage):
    intro = models.TextField(blank=True, max_length=500)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["website.HomePage"]
    subpage_types = []
    max_count = 1

    @path("")
    def contact(self, request):
        return contact_views.contact_form(request, self)

    @path("confirm/<str:token>/", name="confirm")
    def confirm(self, request, token):
        return contact_views.confirm_message(request, self, token)

    def confirm_path(self, token: str) -> str:
        """The link that confirms a message, under this page (officers may rename its
        slug)."""
        return self.url + self.reverse_subpage("confirm", args=[token])

    def recipient(self, constituency) -> Recipient | None:
        """Who messages go to: the current MP or candidate, or else the local party."""
        representative = Representative.current()
        if representative:
            return Recipient(
                representative.name,
                representative.email,
                representative.role_for(constituency_name(constituency)),
            )
        site_settings = SiteSettings.for_site(self.get_site())
        if site_settings.contact_email:
            return Recipient(
                site_name(constituency),
                site_settings.contact_email,
                gettext("the local Labour party"),
            )
        return None

    def serve_preview(self, request, mode_name):
        return self.contact(request)
