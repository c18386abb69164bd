"""Pending sign-ups nobody confirmed: every 15 minutes (beat, through
run_for_every_constituency) each one whose hold has passed is deleted, and the place it
held goes to the next person waiting, as when someone cancels.

Place counts never wait for this: a pending sign-up stops holding its place the moment
its hold passes (models.holding). This only tidies the rows away and moves people up.
"""

from django.db import transaction

from .models import EventSignup
from .places import locked, release_expired


def release_all_expired() -> dict:
    """Release every expired pending sign-up in the current schema, one event at a time
    (each under its event's lock, as sign-ups are). Safe to run again, or beside people
    signing up."""
    events = (
        EventSignup.objects.expired().values_list("event", flat=True).distinct().order_by("event")
    )
    released = promoted = 0
    for event_id in list(events):
        with transaction.atomic():
            signup = EventSignup.objects.select_related("event").filter(event=event_id).first()
            if signup is None:
                continue
            event = locked(signup.event)
            before = EventSignup.objects.expired().filter(event=event).count()
            promoted += len(release_expired(event))
            released += before
    return {"released": released, "promoted": promoted}
