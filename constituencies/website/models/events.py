"""The events section: its index (upcoming and past, and a calendar feed) and its events."""

from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models.functions import Coalesce
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from constituencies import event_times
from constituencies.calendars import event_calendar_response
from constituencies.postcodes import normalise_postcode
from constituencies.signups import views as signup_views
from constituencies.signups.forms import EventEditorForm
from constituencies.signups.models import EventShift, EventSignup, signup_event
from labourhub import http_cache

from ..blocks import BodyBlock
from ..campaign_link import campaign_choices
from ..chrome import site_chrome
from ..english_only import english_list_url
from .base import ConstituencyPage, require_alt_text

EVENTS_PER_PAGE = 20


def seconds_until_an_event_finishes(events) -> int | None:
    finishes = min((event.finishes_at for event in events), default=None)
    if finishes is None:
        return None
    return max(0, int((finishes - timezone.now()).total_seconds()))


def fresh_until_an_event_finishes(request, events) -> None:
    """A list of upcoming events changes by itself when the first of them finishes:
    caches keep it until then at most."""
    http_cache.fresh_until(request, min((event.finishes_at for event in events), default=None))


class EventPageQuerySet(PageQuerySet):
    def upcoming(self, now=None):
        """Events that have not finished yet, soonest first."""
        now = now or timezone.now()
        return self.filter(
            models.Q(ends_at__gte=now) | models.Q(ends_at__isnull=True, starts_at__gte=now)
        ).order_by("starts_at")

    def with_going(self):
        """Each event with `going`, how many people have a confirmed place, counted in
        the same query: lists show it on the cards of events whose officers chose to."""
        return self.annotate(going=EventSignup.objects.going_subquery())

    def past(self, now=None):
        now = now or timezone.now()
        return self.exclude(
            models.Q(ends_at__gte=now) | models.Q(ends_at__isnull=True, starts_at__gte=now)
        ).order_by("-starts_at")


class ActivityType(models.TextChoices):
    """What kind of thing an event is: visitors filter lists by it, here and on the hub."""

    MEETING = "meeting", pgettext_lazy("type of event", "Meeting")
    CANVASSING = "canvassing", pgettext_lazy("type of event", "Canvassing")
    PHONE_BANK = "phone_bank", pgettext_lazy("type of event", "Phone bank")
    STALL = "stall", pgettext_lazy("type of event", "Street stall")
    SOCIAL = "social", pgettext_lazy("type of event", "Social")
    FUNDRAISER = "fundraiser", pgettext_lazy("type of event", "Fundraiser")
    TRAINING = "training", pgettext_lazy("type of event", "Training")
    OTHER = "other", pgettext_lazy("type of event", "Other")


class EventPage(RoutablePageMixin, ConstituencyPage):
    activity_type = models.CharField(
        "type",
        max_length=20,
        choices=ActivityType.choices,
        default=ActivityType.MEETING,
        help_text="Visitors can list events of one type.",
    )
    starts_at = models.DateTimeField("starts")
    ends_at = models.DateTimeField("ends", null=True, blank=True)
    venue = models.CharField(max_length=120, blank=True)
    address = models.TextField(blank=True, max_length=300)
    postcode = models.CharField(max_length=10, blank=True)
    summary = models.TextField(max_length=300, help_text="One or two sentences, shown in lists.")
    lead_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = StreamField(BodyBlock(), blank=True)
    accessibility_notes = models.TextField(
        blank=True, max_length=500, help_text="Step-free access, hearing loop, quiet space…"
    )
    capacity = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Places for sign-ups. Leave empty for no limit; when it is full, people "
        "join a waiting list. An event with shifts uses each shift's places instead.",
    )
    signups_open = models.BooleanField(
        "take sign-ups", default=True, help_text="Let visitors sign up to this event."
    )
    is_key_event = models.BooleanField(
        "key event",
        default=False,
        help_text="Key events get a publicity kit and reminders until they are publicised.",
    )
    show_going_count = models.BooleanField(
        "show how many are going",
        default=False,
        help_text="Show “12 going” (people with a confirmed place) on the event and in lists.",
    )
    # A campaign is a shared (hub) row: kept by id, with no database key into it
    # (constituencies.shared_foreign_keys); a deleted campaign leaves the event alone.
    campaign = models.ForeignKey(
        "campaigns.NationalCampaign",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
        limit_choices_to=campaign_choices,
        error_messages={"invalid": "Choose a national campaign that goes to this site."},
        help_text="A national campaign this event is part of: the campaign's page on this "
        "site lists it.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("activity_type"),
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
        FieldRowPanel(
            [FieldPanel("capacity"), FieldPanel("signups_open"), FieldPanel("is_key_event")]
        ),
        FieldPanel("show_going_count"),
        InlinePanel(
            "shifts",
            heading="Shifts",
            label="Shift",
            help_text="Time slots people pick from when they sign up, each with its own "
            "places and waiting list. Leave empty for one sign-up to the whole event.",
        ),
        FieldPanel("lead_image"),
        FieldPanel("body"),
        FieldPanel("campaign"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("venue")]
    parent_page_types = ["website.EventIndexPage", "website.GetInvolvedPage"]
    subpage_types = []

    objects = PageManager.from_queryset(EventPageQuerySet)()
    base_form_class = EventEditorForm

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "An event must end after it starts."})
        if self.postcode:
            try:
                self.postcode = normalise_postcode(self.postcode)
            except ValidationError as error:
                raise ValidationError({"postcode": error.messages}) from None
        require_alt_text(self.lead_image, "lead_image")

    @property
    def finishes_at(self):
        return self.ends_at or self.starts_at

    @property
    def when(self) -> str:
        """ "Saturday 5 December 2026, 10am to 1pm", in UK time."""
        return event_times.when(self.starts_at, self.ends_at)

    @property
    def is_past(self) -> bool:
        return self.finishes_at < timezone.now()

    @property
    def map_url(self) -> str | None:
        """An OpenStreetMap search for the venue: a link, not an embedded map."""
        query = ", ".join(part for part in (self.venue, self.postcode or self.address) if part)
        if not query:
            return None
        return "https://www.openstreetmap.org/search?" + urlencode({"query": query})

    @cached_property
    def places(self):
        return EventSignup.objects.places_for(self)

    @cached_property
    def going(self) -> int:
        """How many people have a confirmed place (once each, however many shifts they
        took). Lists annotate it instead (`EventPageQuerySet.with_going`)."""
        return EventSignup.objects.going_to(self)

    @cached_property
    def shift_list(self) -> list[EventShift]:
        """Its shifts in order, each with its places, counted in one query."""
        # A translation shows its event's shifts: they hold the places (signup_event).
        shifts = list(EventShift.objects.filter(event=signup_event(self)).with_places())
        for shift in shifts:
            shift.event = self
        return shifts

    @property
    def open_shifts(self) -> list[EventShift]:
        return [shift for shift in self.shift_list if not shift.is_past]

    @property
    def takes_signups(self) -> bool:
        if self.shift_list and not self.open_shifts:
            return False
        return self.signups_open and not self.is_past

    def paths_showing_places(self) -> list[str]:
        """The pages a sign-up changes: this one (its places), and, when it shows how
        many are going, the home page and the lists of events it is on."""
        paths = [self.url]
        if self.show_going_count:
            sections = Page.objects.ancestor_of(self).filter(depth__gte=2)
            index = EventIndexPage.objects.live().filter(locale_id=self.locale_id).first()
            paths += [page.url for page in [*sections, *([index] if index else [])]]
        return [path for path in dict.fromkeys(paths) if path]

    @path("")
    def event(self, request):
        # Sign-ups close when it finishes.
        http_cache.fresh_until(request, self.finishes_at)
        return self.render(request)

    @path("ics/", name="ics")
    def ics(self, request):
        return event_calendar_response(request, self)

    @re_path(r"^sign-up/$", name="sign_up")
    def sign_up(self, request):
        return signup_views.sign_up(request, self)


def _types_with_events(events) -> list[tuple[str, object]]:
    """The types these events are of, in ActivityType's order, each with when its last
    event finishes."""
    finishes = (
        events.order_by()
        .values("activity_type")
        .annotate(last=models.Max(Coalesce("ends_at", "starts_at")))
    )
    last_by_type = {row["activity_type"]: row["last"] for row in finishes}
    return [(value, last_by_type[value]) for value in ActivityType.values if value in last_by_type]


class EventIndexPage(RoutablePageMixin, ConstituencyPage):
    intro = models.TextField(blank=True, max_length=500)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["website.HomePage"]
    subpage_types = ["website.EventPage"]
    max_count = 1

    def _events(self, request):
        # Activities (under Get involved) are events too: the index lists all the site's.
        site_home = self.path[: -self.steplen]
        return site_chrome(request).public(
            EventPage.objects.live().filter(path__startswith=site_home)
        )

    @path("")
    def upcoming(self, request):
        upcoming = self._events(request).upcoming()
        types = _types_with_events(upcoming)
        # Until the last event of a type finishes, its filter is offered.
        http_cache.fresh_until(request, min((last for _, last in types), default=None))
        asked = request.GET.get("type") or None  # "?type=" is all of them
        kind = ActivityType(asked) if asked in ActivityType.values else None
        if kind:
            upcoming = upcoming.filter(activity_type=kind)
        page = Paginator(upcoming.with_going(), EVENTS_PER_PAGE).get_page(request.GET.get("page"))
        # Later pages shift as soon as any event on an earlier one finishes.
        listed = page if page.number == 1 else upcoming[: page.end_index()]
        fresh_until_an_event_finishes(request, listed)
        response = self.render(
            request,
            context_overrides={
                "events": page,
                "page_obj": page,
                "kind": kind,
                "unknown_type": asked if asked is not None and kind is None else None,
                "types": [ActivityType(value) for value, _ in types],
                "filter_query": urlencode({"type": kind.value}) if kind else "",
                "english_list_url": english_list_url(
                    request, self, lambda english: english._events(request).upcoming()
                ),
            },
        )
        if asked is not None and kind is None:
            response.status_code = 404
        return response

    @path("past/", name="past")
    def past(self, request):
        page = Paginator(self._events(request).past().with_going(), EVENTS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        return render(
            request,
            "website/event_archive_page.html",
            {"page": self, "events": page, "page_obj": page},
        )
