"""The knowledge bank: policy facts and statistics, each with its sources, for members
to share. It lives on the hub (the public schema), like the rest of Membersnet."""

import datetime as dt

from django import forms
from django.conf import settings
from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Concat
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.text import slugify
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from . import share_text

SEARCH_CONFIG = "english"
# Words the URLs below /membersnet/facts/ use, which a fact's slug must not take.
RESERVED_SLUGS = {"search", "topic"}


def _unique_slug(model, text: str, max_length: int, exclude_pk=None) -> str:
    base = slugify(text)[: max_length - 4].strip("-") or "fact"
    taken = (
        set(
            model.objects.filter(slug__startswith=base)
            .exclude(pk=exclude_pk)
            .values_list("slug", flat=True)
        )
        | RESERVED_SLUGS
    )
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


class Topic(models.Model):
    """A subject members browse the facts by: the NHS, housing, the cost of living…"""

    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(
        max_length=60, unique=True, blank=True, help_text="Made from the name if left empty."
    )
    description = models.CharField(max_length=250, blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = _unique_slug(Topic, self.name, 60, exclude_pk=self.pk)
        is_new = self.pk is None
        super().save(*args, **kwargs)
        if not is_new:
            # A fact is found by the names of its topics: a renamed topic re-indexes them.
            Fact.objects.filter(topics=self).update_search_vectors()

    def get_absolute_url(self):
        return reverse("knowledge:topic", args=[self.slug], urlconf=settings.PUBLIC_SCHEMA_URLCONF)


def fact_search_vector():
    """The search document of a fact, as one SQL expression over the fact's row, its
    topics and its sources, so that one UPDATE can refresh any number of facts. The
    claim and figure weigh most, then the title and topics, then notes and sources."""
    topics = (
        Fact._meta.get_field("topics")
        .remote_field.through.objects.filter(fact_id=OuterRef("pk"))
        .values("fact_id")
        .annotate(text=StringAgg("topic__name", " "))
        .values("text")
    )
    sources = (
        Source.objects.filter(fact_id=OuterRef("pk"))
        .values("fact_id")
        .annotate(text=StringAgg(Concat("title", Value(" "), "publisher"), " "))
        .values("text")
    )

    def weighted(expression, weight):
        return SearchVector(expression, weight=weight, config=SEARCH_CONFIG)

    return (
        weighted("claim", "A")
        + weighted("figure", "A")
        + weighted("title", "B")
        + weighted(Coalesce(Subquery(topics), Value(""), output_field=models.TextField()), "B")
        + weighted("notes", "C")
        + weighted(Coalesce(Subquery(sources), Value(""), output_field=models.TextField()), "C")
    )


class FactQuerySet(models.QuerySet):
    def current(self, today: dt.date | None = None):
        """Facts members may share and that are announced as new: up to and including
        their review-by date."""
        return self.filter(review_by__gte=today or timezone.localdate())

    def due_for_review(self, today: dt.date | None = None):
        """Facts past their review-by date: members still find them, marked “Due for
        review”, but cannot share them until staff re-check them."""
        return self.filter(review_by__lt=today or timezone.localdate())

    def with_share_counts(self, since: dt.datetime | None = None):
        """Each fact with `shares` (the total) and `shares_<network>` counted since
        `since` (None: ever), most shared first; facts never shared are left out."""
        in_period = Q(share_events__at__gte=since) if since else Q()
        counts = {
            f"shares_{key}": Count("share_events", filter=in_period & Q(share_events__network=key))
            for key, _ in ShareEvent.Network.choices
        }
        return (
            self.annotate(shares=Count("share_events", filter=in_period), **counts)
            .filter(shares__gt=0)
            .order_by("-shares", "title")
        )

    def update_search_vectors(self) -> int:
        return self.update(search_vector=fact_search_vector())


class Fact(ClusterableModel):
    """A policy fact or statistic, with at least one source, that members share.

    Up to and including its review-by date a fact is current: members see and share it.
    From the day after it is due for review: members still find it, marked so, with no
    ready-made posts or card, and staff see it listed to re-check. Its slug, and so its
    URL, never changes once made."""

    title = models.CharField(
        max_length=120, help_text="A short name for lists, e.g. “Hospital waiting lists”."
    )
    slug = models.SlugField(
        max_length=80,
        unique=True,
        blank=True,
        help_text="The fact's web address. Made from the title if left empty; keep it once "
        "shared, or links to it break.",
    )
    figure = models.CharField(
        max_length=share_text.FIGURE_MAX,
        help_text="The number itself, short: “£2.3bn”, “1 in 4”, “73%”.",
    )
    claim = models.CharField(
        max_length=400,
        help_text="The claim in a sentence or two, as members will post it. Posts lead with "
        "the figure unless the claim already says it.",
    )
    figure_date = models.DateField(
        "figure as of", help_text="The date, or the end of the period, the figure refers to."
    )
    notes = models.TextField(
        "notes for members",
        blank=True,
        help_text="Context and caveats: how to use the fact, what it does not show. Not posted.",
    )
    topics = ParentalManyToManyField(Topic, related_name="facts", blank=True)
    review_by = models.DateField(
        help_text="Members can share the fact up to and including this day; from the next it "
        "is marked “Due for review” for members, cannot be shared, and is listed under "
        "“Needs re-checking”."
    )
    created_at = models.DateTimeField("added", auto_now_add=True)
    updated_at = models.DateTimeField("updated", auto_now=True)
    search_vector = SearchVectorField(null=True, editable=False)

    objects = FactQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("figure"), FieldPanel("figure_date")]),
        FieldPanel("claim", widget=forms.Textarea(attrs={"rows": 3})),
        FieldPanel("notes"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        InlinePanel("sources", label="Sources", min_num=1, heading="Sources"),
        MultiFieldPanel([FieldPanel("review_by"), FieldPanel("slug")], heading="Upkeep"),
    ]

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            GinIndex(fields=["search_vector"], name="knowledge_fact_search"),
            models.Index(fields=["review_by"], name="knowledge_fact_review_by"),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": f"“{self.slug}” is taken by the knowledge bank."})

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = _unique_slug(Fact, self.title, 80, exclude_pk=self.pk)
        super().save(*args, **kwargs)
        # ClusterableModel.save has written the sources and topics: index them all.
        Fact.objects.filter(pk=self.pk).update_search_vectors()

    def get_absolute_url(self):
        return reverse("knowledge:fact", args=[self.slug], urlconf=settings.PUBLIC_SCHEMA_URLCONF)

    def is_due_for_review(self, today: dt.date | None = None) -> bool:
        return self.review_by < (today or timezone.localdate())

    def review_status(self) -> str:
        return "Due for review" if self.is_due_for_review() else "Current"

    review_status.short_description = "Review"

    @property
    def source_date(self) -> dt.date | None:
        """When the lead source was published, if staff recorded it."""
        source = self.lead_source
        return source.published_on if source else None

    @property
    def as_of(self) -> str:
        return date_format(self.figure_date, "j F Y")

    @property
    def lead_source(self):
        """The source attached to posts and the card: the first one."""
        sources = list(self.sources.all())
        return sources[0] if sources else None

    def share_posts(self) -> list[share_text.Post]:
        """A ready-made post for every network; none for a fact with no source yet."""
        source = self.lead_source
        if source is None:
            return []
        return share_text.posts(
            figure=self.figure,
            claim=self.claim,
            publisher=source.publisher,
            url=source.url,
            as_of=self.as_of,
        )


class Source(Orderable):
    """Where a fact comes from. The first source is the one posts and cards cite."""

    fact = ParentalKey(Fact, on_delete=models.CASCADE, related_name="sources")
    title = models.CharField(max_length=200, help_text="The title of the report or page.")
    publisher = models.CharField(
        max_length=100, help_text="Who published it, e.g. “Office for National Statistics”."
    )
    url = models.URLField("URL", max_length=200)
    published_on = models.DateField(
        "date published",
        null=True,
        blank=True,
        help_text="The date on the report or page. Members see it beside the fact.",
    )
    accessed_on = models.DateField("date accessed")

    panels = [
        FieldPanel("title"),
        FieldPanel("publisher"),
        FieldRowPanel([FieldPanel("published_on"), FieldPanel("accessed_on")]),
        FieldPanel("url"),
    ]

    class Meta(Orderable.Meta):
        # Sources given in code rather than the admin's form all have no sort_order:
        # the first added stays the lead source.
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return f"{self.publisher}: {self.title}"

    def clean(self):
        super().clean()
        if (
            self.publisher
            and self.url
            and not share_text.source_line_fits(self.publisher, self.url)
        ):
            raise ValidationError(
                {
                    "url": "Together, the publisher and the URL are too long to fit in a post "
                    f"(at most {share_text.SOURCE_LINE_MAX} characters). Use a shorter name "
                    "or a shorter link to the same page."
                }
            )


class ShareCard(models.Model):
    """The card image of a fact, drawn once per version of what it shows."""

    fact = models.OneToOneField(
        Fact, on_delete=models.CASCADE, primary_key=True, related_name="share_card"
    )
    fingerprint = models.CharField(max_length=64)
    png = models.BinaryField()
    drawn_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Card for {self.fact_id} ({self.fingerprint[:12]})"


class ShareEvent(models.Model):
    """A member copied a post for a network or downloaded the card. Who shared is not
    kept: staff need to know which facts travel, not who posts what."""

    class Network(models.TextChoices):
        X = "x", "X"
        BLUESKY = "bluesky", "Bluesky"
        MASTODON = "mastodon", "Mastodon"
        FACEBOOK = "facebook", "Facebook"
        WHATSAPP = "whatsapp", "WhatsApp"
        CARD = "card", "Card image"

    fact = models.ForeignKey(Fact, on_delete=models.CASCADE, related_name="share_events")
    network = models.CharField(max_length=10, choices=Network.choices)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["at", "fact"], name="knowledge_share_at_fact")]

    def __str__(self):
        return (
            f"{self.get_network_display()} share of fact {self.fact_id} at {self.at:%Y-%m-%d %H:%M}"
        )
