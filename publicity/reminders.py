"""Reminding a constituency's designated administrators, once a day at most, of each key
event coming up whose checklist is not finished: what is left, and where the kit is."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from constituencies.models import Constituency
from constituencies.public_urls import public_url
from governance.models import KeyEventRecord
from governance.publicity_window import publicity_horizon
from governance.register.units import designated_administrators, ensure_clp_unit
from outbox.queueing import queue_email

from .checklist import sync_checklist
from .key_event_record import counted_key_events


def events_to_remind_about(now=None):
    """Live key events of the active constituency starting from now to the end of the
    day DAYS_AHEAD days ahead (UK time), soonest first."""
    now = now or timezone.now()
    return (
        counted_key_events()
        .filter(starts_at__gte=now, starts_at__lt=publicity_horizon(now))
        .order_by("starts_at", "pk")
    )


def recipients(constituency) -> list[str]:
    """The designated administrators of the constituency's CLP or, when it has none,
    central staff: somebody must hear that a key event is going unpublicised."""
    people = designated_administrators(ensure_clp_unit(constituency)).filter(is_active=True)
    if not people.exists():
        people = get_user_model().objects.filter(is_central_staff=True, is_active=True)
    return sorted({person.email for person in people if person.email})


def remind(event, today=None) -> bool:
    """Email what is left to publicise `event` (a live key event of the active
    constituency), unless its checklist is finished or a reminder about it already went
    today. Returns whether one went. If sending fails, the event is not marked as
    reminded, so a retry sends it."""
    today = today or timezone.localdate()
    items = sync_checklist(event)
    left = [item for item in items if not item.is_done]
    if not left:
        return False
    constituency = Constituency.objects.current()
    with transaction.atomic():
        # The row lock makes a second run (a retry, an overlapping beat) wait, then see
        # that today's reminder went.
        record = KeyEventRecord.objects.select_for_update().get(
            constituency=constituency, event_id=event.pk
        )
        if record.last_reminded_on == today:
            return False
        to = recipients(constituency)
        if not to:
            return False
        queue_email(
            _reminder_email(constituency, event, items, left, to), about="publicity.reminder"
        )
        record.last_reminded_on = today
        record.save(update_fields=["last_reminded_on", "updated_at"])
    return True


def _reminder_email(constituency, event, items, left, to) -> EmailMessage:
    kit_url = public_url(constituency.primary_domain, reverse("publicity:kit", args=[event.pk]))
    context = {
        "constituency": constituency,
        "event": event,
        "when": event.when,
        "left": left,
        "total": len(items),
        "kit_url": kit_url,
    }
    return EmailMessage(
        subject=f"Not yet publicised: {event.title}"[:200],
        body=render_to_string("publicity/email/reminder.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
    )
