"""The page types of a constituency's site. Every constituency has its own page tree
in its own schema: home, news, events, get involved and contact."""

from django.core.exceptions import ValidationError
from django.db import connection, models
from django.utils import timezone
from django_tenants.utils import get_public_schema_name
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from .blocks import BodyBlock


class ConstituencyPage(Page):
    """Base for every constituency page type: they exist only in constituency
    schemas, never in the hub's page tree."""

    class Meta:
        abstract = True

    @classmethod
    def can_create_at(cls, parent):
        if connection.schema_name == get_public_schema_name():
            return False
        return super().can_create_at(parent)


class HomePage(ConstituencyPage):
    intro = models.TextField(
        blank=True,
        max_length=500,
        help_text="A sentence or two about the party in this constituency.",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

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
        context["latest_news"] = (
            NewsPage.objects.live().public().descendant_of(self).order_by("-date", "-pk")[:3]
        )
        context["next_events"] = (
            EventPage.objects.live().public().upcoming().descendant_of(self)[:3]
        )
        return context


class NewsIndexPage(ConstituencyPage):
    intro = models.TextField(blank=True, max_length=500)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["website.HomePage"]
    subpage_types = ["website.NewsPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["news_items"] = (
            NewsPage.objects.live().public().child_of(self).order_by("-date", "-pk")
        )
        return context


class NewsPage(ConstituencyPage):
    date = models.DateField("publish date", default=timezone.localdate)
    summary = models.TextField(max_length=300, help_text="One or two sentences, shown in lists.")
    author = models.CharField(max_length=120, blank=True)
    lead_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = StreamField(BodyBlock(), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("date"), FieldPanel("author")]),
        FieldPanel("summary"),
        FieldPanel("lead_image"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["website.NewsIndexPage"]
    subpage_types = []


class EventPageQuerySet(PageQuerySet):
    def upcoming(self, now=None):
        """Events that have not finished yet, soonest first."""
        now = now or timezone.now()
        return self.filter(
            models.Q(ends_at__gte=now) | models.Q(ends_at__isnull=True, starts_at__gte=now)
        ).order_by("starts_at")

    def past(self, now=None):
        now = now or timezone.now()
        return self.exclude(
            models.Q(ends_at__gte=now) | models.Q(ends_at__isnull=True, starts_at__gte=now)
        ).order_by("-starts_at")


class EventPage(ConstituencyPage):
    starts_at = models.DateTimeField("starts")
    ends_at = models.DateTimeField("ends", null=True, blank=True)
    venue = models.CharField(max_length=120, blank=True)
    address = models.TextField(blank=True, max_length=300)
    postcode = models.CharField(max_length=10, blank=True)
    summary = models.TextField(max_length=300, help_text="One or two sentences, shown in lists.")
    body = StreamField(BodyBlock(), blank=True)
    accessibility_notes = models.TextField(
        blank=True, max_length=500, help_text="Step-free access, hearing loop, quiet space…"
    )
    capacity = models.PositiveIntegerField(
        null=True, blank=True, help_text="Leave empty for no limit on sign-ups."
    )
    is_key_event = models.BooleanField(
        "key event",
        default=False,
        help_text="Key events get a publicity kit and reminders until they are publicised.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")])], heading="When"
        ),
        MultiFieldPanel(
            [
                FieldPanel("venue"),
                FieldPanel("address"),
                FieldPanel("postcode"),
                FieldPanel("accessibility_notes"),
            ],
            heading="Where",
        ),
        FieldRowPanel([FieldPanel("capacity"), FieldPanel("is_key_event")]),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("venue")]

    objects = PageManager.from_queryset(EventPageQuerySet)()
    parent_page_types = ["website.EventIndexPage", "website.GetInvolvedPage"]
    subpage_types = []

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "An event must end after it starts."})

    @property
    def finishes_at(self):
        return self.ends_at or self.starts_at

    @property
    def is_past(self) -> bool:
        return self.finishes_at < timezone.now()


class EventIndexPage(ConstituencyPage):
    intro = models.TextField(blank=True, max_length=500)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["website.HomePage"]
    subpage_types = ["website.EventPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["events"] = EventPage.objects.live().public().upcoming().child_of(self)
        return context


class GetInvolvedPage(ConstituencyPage):
    intro = models.TextField(blank=True, max_length=500)
    body = StreamField(BodyBlock(), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["website.HomePage"]
    subpage_types = ["website.EventPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["activities"] = EventPage.objects.live().public().upcoming().child_of(self)
        return context


class ContactPage(ConstituencyPage):
    intro = models.TextField(blank=True, max_length=500)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["website.HomePage"]
    subpage_types = []
    max_count = 1
