import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import Q
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone
from django.utils.dateformat import format as date_format
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from constituencies import event_times


def _new_token() -> str:
    return secrets.token_urlsafe(24)


def _english_only() -> bool:
    # The tenant of a request (or a task) says; a bare schema_context's stand-in does
    # not, and the pages are asked.
    return getattr(connection.tenant, "offers_welsh", None) is False


def signup_event(event):
    """The event whose places a sign-up takes: the first page of the event, of which the
    others are translations (usually the English one), so that an event and its
    translations share one set of places, shifts and waiting lists. An event written in
    Welsh first keeps its places when an English version is begun (as a draft) later.
    No query on a site in English alone."""
    if _english_only():
        return event
    # Kept on the page: its places, going count and shifts each ask, in one render.
    if "_signup_event" not in event.__dict__:
        first = type(event).objects.filter(translation_key=event.translation_key)
        first = first.order_by("pk").first()
        event.__dict__["_signup_event"] = first or event  # or a preview not saved yet
    return event.__dict__["_signup_event"]


def event_in_language(event, language: str):
    """The event's published page in `language` (how its sign-ups are shown to someone
    reading that language), or the event itself when it has none. No query on a site in
    English alone."""
    if _english_only():
        return event
    if event.locale.language_code == language:
        return event
    translated = (
        type(event)
        .objects.live()
        .filter(translation_key=event.translation_key, locale__language_code=language)
        .first()
    )
    return translated or event


def event_path(event) -> str:
    """The event's address on its site, without a request (for emails): /cy/... for a
    Welsh page. Its language's home page is its ancestor just below the tree's root."""
    home_path = "/" + event.url_path.split("/")[1] + "/"
    language = event.locale.language_code
    prefix = "" if language == settings.LANGUAGE_CODE else f"/{language}"
    return prefix + "/" + event.url_path[len(home_path) :]


def readable_moment(moment) -> str:
    """ "Sat 5 Dec 2026, 10:00", in UK time: how exports write a date for people."""
    return date_format(timezone.localtime(moment), "D j M Y, H:i")


@dataclass(frozen=True)
class Places:
    capacity: int | None
    taken: int
    waiting: int

    @property
    def left(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.taken, 0)

    @property
    def is_full(self) -> bool:
        return self.capacity is not None and self.taken >= self.capacity


def holding(prefix: str = "") -> Q:
    """Sign-ups that hold their place (or waiting-list position): confirmed by their
    owner, or pending and still within their hold. An expired pending row holds nothing
    from the moment its hold passes, whether or not the task has deleted it yet."""
    return Q(**{f"{prefix}confirmed_at__isnull": False}) | Q(
        **{f"{prefix}hold_until__gt": timezone.now()}
    )


class EventShiftQuerySet(models.QuerySet):
    def with_places(self):
        """Each shift with its counts of held places and waiting sign-ups (pending ones
        within their hold included), in one query."""
        held = holding("signups__")
        return self.annotate(
            taken=models.Count(
                "signups", filter=held & Q(signups__status=EventSignup.Status.CONFIRMED)
            ),
            waiting=models.Count(
                "signups", filter=held & Q(signups__status=EventSignup.Status.WAITLISTED)
            ),
        ).order_by("sort_order", "starts_at", "pk")


class EventShift(Orderable):
    """One time slot of an activity (10am to midday, midday to 2pm...), with its own
    places and waiting list. An event with shifts takes sign-ups for its shifts only."""

    event = ParentalKey("website.EventPage", on_delete=models.CASCADE, related_name="shifts")
    starts_at = models.DateTimeField("starts")
    ends_at = models.DateTimeField("ends")
    capacity = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Places on this shift. Leave empty for no limit; when it is full, people "
        "join its waiting list.",
    )

    objects = EventShiftQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at"), FieldPanel("capacity")])
    ]

    class Meta(Orderable.Meta):
        verbose_name = "shift"

    def __str__(self):
        return self.when

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "A shift must end after it starts."})

    def delete(self, *args, **kwargs):
        # The event's editor refuses to remove such a shift; this also stops an older
        # draft, published later, from taking people's places without telling them.
        held = self.signups.exclude(status=EventSignup.Status.CANCELLED)
        if held.exists():
            raise models.ProtectedError(
                "People hold places on this shift: cancel their places first.", set(held)
            )
        return super().delete(*args, **kwargs)

    @property
    def when(self) -> str:
        """ "Saturday 5 December 2026, 10am to midday", in UK time."""
        return event_times.when(self.starts_at, self.ends_at)

    @property
    def times(self) -> str:
        """ "10am to midday" (with the day too if it is not the event's first day)."""
        starts = timezone.localtime(self.starts_at)
        if starts.date() != timezone.localtime(self.event.starts_at).date():
            return self.when
        return event_times.times(self.starts_at, self.ends_at)

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()

    @property
    def places(self) -> "Places":
        """Its places, from `EventSignupQuerySet.with_places` counts when it was listed
        with them."""
        if hasattr(self, "taken"):
            return Places(capacity=self.capacity, taken=self.taken, waiting=self.waiting)
        return EventSignup.objects.places_for(self.event, self)


class EventSignupQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status=EventSignup.Status.CANCELLED)

    def holding(self):
        """Not cancelled, and confirmed or pending within its hold."""
        return self.active().filter(holding())

    def confirmed(self):
        """Confirmed by their owner: what counts as going (or waiting)."""
        return self.active().filter(confirmed_at__isnull=False)

    def pending(self):
        return self.active().filter(confirmed_at__isnull=True)

    def expired(self, now=None):
        """Pending sign-ups whose hold has passed: to be deleted (signups.expiry)."""
        return self.pending().filter(hold_until__lte=now or timezone.now())

    def places_for(self, event, shift=None) -> Places:
        """The places of the event (or of one of its shifts): each shift has its own,
        and the event's capacity is for sign-ups to no shift. A pending sign-up within
        its hold takes a place (or a waiting position) as a confirmed one does."""
        event = signup_event(event)
        counts = self.filter(holding(), event=event, shift=shift).aggregate(
            taken=models.Count("pk", filter=Q(status=EventSignup.Status.CONFIRMED)),
            waiting=models.Count("pk", filter=Q(status=EventSignup.Status.WAITLISTED)),
        )
        capacity = event.capacity if shift is None else shift.capacity
        return Places(capacity=capacity, **counts)

    def with_waiting_positions(self):
        """Each sign-up with `waiting_position`: how many people joined the same waiting
        list before it, plus one (meaningful for waiting sign-ups only)."""
        # Sign-ups to no shift share the event's own list: NULL = NULL is never true.
        ahead = (
            EventSignup.objects.annotate(shift_key=Coalesce("shift", 0))
            .filter(
                event=models.OuterRef("event"),
                shift_key=Coalesce(models.OuterRef("shift"), 0),
                status=EventSignup.Status.WAITLISTED,
            )
            .filter(holding())
            .filter(
                Q(created_at__lt=models.OuterRef("created_at"))
                | Q(created_at=models.OuterRef("created_at"), pk__lt=models.OuterRef("pk"))
            )
            .order_by()
            .values("event")
            .annotate(count=models.Count("pk"))
            .values("count")
        )
        return self.annotate(waiting_position=Coalesce(models.Subquery(ahead), 0) + 1)

    def going_to(self, event) -> int:
        """How many people have a confirmed place, however many shifts each took
        (pending sign-ups hold places but are nobody going yet)."""
        return self.filter(
            event=signup_event(event),
            status=EventSignup.Status.CONFIRMED,
            confirmed_at__isnull=False,
        ).aggregate(people=models.Count(Lower("email"), distinct=True))["people"]

    def going_subquery(self):
        """`going_to`, for each event of a list in the same query (an annotation). A
        translation counts the places of its event (`signup_event`): sign-ups are held by
        one of the pages sharing its translation key."""
        people = (
            self.filter(
                event__translation_key=models.OuterRef("translation_key"),
                status=EventSignup.Status.CONFIRMED,
                confirmed_at__isnull=False,
            )
            .order_by()
            .values("event__translation_key")
            .annotate(people=models.Count(Lower("email"), distinct=True))
            .values("people")
        )
        return Coalesce(models.Subquery(people), 0)


class EventSignup(models.Model):
    """One person's place (or place in the queue) at one event.

    `status` is what the sign-up holds (a place, a waiting position, or nothing any
    more); `confirmed_at` is when its owner confirmed their address through the emailed
    link. Until then it is pending: it holds its place until `hold_until` (at most
    SIGNUP_CONFIRMATION_HOURS, never past the start), counts as nobody going, and is
    deleted once the hold passes (signups.expiry).

    Personal data: purged by retention (personal_data.retention) a set time after the
    event ends; `retain_until` is the date the person was given when they signed up.
    `notified_status` is the status last emailed to the person (the email itself is in
    the outbox, sent even if the mail server or broker is down at the time).
    """

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", "Confirmed"
        WAITLISTED = "waitlisted", "On the waiting list"
        CANCELLED = "cancelled", "Cancelled"

    event = models.ForeignKey("website.EventPage", on_delete=models.CASCADE, related_name="signups")
    # An officer cannot remove a shift people still hold places on (see the event's
    # editor form); cancelled places go with it.
    shift = models.ForeignKey(
        EventShift, null=True, blank=True, on_delete=models.CASCADE, related_name="signups"
    )
    name = models.CharField(max_length=120)
    email = models.EmailField()
    phone = models.CharField(max_length=30, blank=True)
    consent_text = models.TextField(help_text="The wording the person agreed to.")
    consent_version = models.CharField(
        max_length=40, help_text="The version of the wording (privacy.consent)."
    )
    consented_at = models.DateTimeField(
        default=timezone.now, help_text="When the person agreed to it."
    )
    status = models.CharField(max_length=16, choices=Status.choices)
    notified_status = models.CharField(max_length=16, choices=Status.choices, blank=True)
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    hold_until = models.DateTimeField(null=True, blank=True)
    status_changed_at = models.DateTimeField(auto_now_add=True)
    retain_until = models.DateTimeField()
    # When the day-before reminder was last queued: once per date the event is on.
    reminded_at = models.DateTimeField(null=True, blank=True)
    # The language the person signed up in: every email to them is written in it.
    language = models.CharField(
        max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    objects = EventSignupQuerySet.as_manager()

    class Meta:
        ordering = ["event", "created_at", "pk"]
        verbose_name = "sign-up"
        constraints = [
            models.UniqueConstraint(
                "event",
                models.functions.Lower("email"),
                condition=~Q(status="cancelled") & Q(shift__isnull=True),
                name="one_active_signup_per_email",
            ),
            models.UniqueConstraint(
                "shift",
                models.functions.Lower("email"),
                condition=~Q(status="cancelled"),
                name="one_active_signup_per_shift_per_email",
            ),
        ]

    def __str__(self):
        return f"{self.name} · {self.event.title}"

    def clean(self):
        super().clean()
        if self.shift_id and self.event_id and self.shift.event_id != self.event_id:
            raise ValidationError({"shift": "That shift belongs to another event."})

    @property
    def when(self) -> str:
        """When this person is expected: their shift's times, or the event's."""
        return self.shift.when if self.shift_id else self.event.when

    @property
    def export_event_date(self) -> str:
        return readable_moment(self.event.starts_at)

    @property
    def export_shift(self) -> str:
        return self.shift.when if self.shift_id else ""

    @property
    def export_signed_up(self) -> str:
        return readable_moment(self.created_at)

    @property
    def export_consented_at(self) -> str:
        return readable_moment(self.consented_at)

    @property
    def waiting_list_position(self) -> int | None:
        """1 for the first person waiting (for the same event, or the same shift), 2 for
        the next...; None for anyone not waiting. From `with_waiting_positions` when the
        list was fetched with it."""
        if self.status != self.Status.WAITLISTED:
            return None
        if hasattr(self, "waiting_position"):
            return self.waiting_position
        return (
            EventSignup.objects.filter(pk=self.pk).with_waiting_positions().get().waiting_position
        )

    @property
    def is_active(self) -> bool:
        return self.status != self.Status.CANCELLED

    @property
    def is_pending(self) -> bool:
        return self.is_active and self.confirmed_at is None

    @property
    def has_expired(self) -> bool:
        """Pending, and its hold has passed: it holds nothing."""
        return self.is_pending and self.hold_until is not None and self.hold_until <= timezone.now()

    @property
    def confirmation(self) -> str:
        """ "Confirmed", or "Pending until Sat 5 Dec 2026, 10:00" (held, not counted
        until the person confirms), for officers."""
        if not self.is_active:
            return ""
        if self.confirmed_at is not None:
            return "Confirmed"
        if self.has_expired:
            return "Expired"
        return f"Pending until {readable_moment(self.hold_until)}"
