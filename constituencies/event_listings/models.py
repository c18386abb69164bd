"""The hub's index of every constituency's public events, for the hub's /events/ page:
one table in the shared schema, so the page needs no query into 650 schemas."""

from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone

from constituencies import event_times
from constituencies.models import Constituency
from constituencies.website.models import ActivityType


class EventListingQuerySet(models.QuerySet):
    def shown(self):
        """Listings the hub shows: those of active constituency sites. A suspended or
        archived site keeps its rows (reactivating it rebuilds them) but they are hidden."""
        return self.filter(
            constituency__kind=Constituency.Kind.CONSTITUENCY,
            constituency__status=Constituency.Status.ACTIVE,
        )

    def upcoming(self, now=None):
        """Events that have not finished yet, soonest first."""
        return self.filter(finishes_at__gte=now or timezone.now()).order_by("starts_at", "pk")


class EventListing(models.Model):
    """A published, public EventPage of a constituency's site, as the hub lists it. Kept
    in step by `constituencies.event_listings.index`, its only writer: a row exists
    exactly for each live event that is not behind a view restriction (and not an alias)."""

    constituency = models.ForeignKey(
        "constituencies.Constituency", on_delete=models.CASCADE, related_name="event_listings"
    )
    page_id = models.PositiveIntegerField(help_text="The EventPage's id in its schema.")
    title = models.CharField(max_length=255)
    summary = models.TextField(max_length=300, blank=True)
    url = models.URLField(max_length=500, help_text="The event's page, on its site's domain.")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField(null=True, blank=True)
    # One indexed column to find upcoming events by: an event without an end is over
    # once it starts, as on the sites.
    finishes_at = models.GeneratedField(
        expression=Coalesce("ends_at", "starts_at"),
        output_field=models.DateTimeField(),
        db_persist=True,
    )
    activity_type = models.CharField("type", max_length=20, choices=ActivityType.choices)
    venue = models.CharField(max_length=120, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    is_key_event = models.BooleanField(default=False)
    # For a map or a distance search later; nothing fills them yet.
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventListingQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["constituency", "page_id"], name="one_listing_per_event_page"
            ),
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True)
                | models.Q(ends_at__gt=models.F("starts_at")),
                name="listing_ends_after_it_starts",
            ),
        ]
        indexes = [models.Index(fields=["finishes_at"], name="listing_finishes_at")]

    def __str__(self):
        return f"{self.title} ({self.constituency})"

    @property
    def when(self) -> str:
        """ "Saturday 5 December 2026, 10am to 1pm", in UK time."""
        return event_times.when(self.starts_at, self.ends_at)
