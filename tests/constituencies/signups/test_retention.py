"""Sign-ups are kept only as long as the privacy notice says: the nightly retention run
(personal_data.retention) deletes them a set time after the event."""

import datetime as dt

from django.conf import settings as django_settings
from django.utils import timezone

from constituencies.signups import places
from constituencies.signups.models import EventSignup
from constituencies.website.models import EventPage
from personal_data.tasks import apply_retention_everywhere
from tests.factories import add_event

from .shared import CONSENT


def _days_kept():
    return django_settings.PERSONAL_DATA_RETENTION["signups"]


def test_sign_ups_are_kept_until_a_set_time_after_the_event_then_deleted(clp_a, in_schema, stored):
    with in_schema(clp_a):
        old = add_event("Spring barbecue")
        recent = add_event("Autumn barbecue", starts_in_days=30)
        for event in (old, recent):
            places.sign_up(event, name="Ann Example", email="ann@example.org", consent=CONSENT)
            places.sign_up(event, name="Bob Example", email="bob@example.org", consent=CONSENT)

    kept_for = dt.timedelta(days=_days_kept())
    with in_schema(clp_a):
        for signup in EventSignup.objects.select_related("event"):
            assert signup.retain_until == signup.event.ends_at + kept_for

    assert apply_retention_everywhere.delay().get()["totals"] == {}
    # Time passes for the first event: it ended longer ago than the period.
    with in_schema(clp_a):
        ended = timezone.now() - kept_for - dt.timedelta(minutes=1)
        EventPage.objects.filter(pk=old.pk).update(
            starts_at=ended - dt.timedelta(hours=2), ends_at=ended
        )
    result = apply_retention_everywhere.delay().get()

    assert result["totals"] == {"signups": 2}
    remaining = stored()
    assert {s.event_id for s in remaining} == {recent.pk}
    assert sorted(s.name for s in remaining) == ["Ann Example", "Bob Example"]


def test_retention_keeps_sign_ups_of_other_constituencies_events(clp_a, clp_b, in_schema, stored):
    with in_schema(clp_a):
        event_a = add_event("Day school", starts_in_days=-_days_kept() - 2)
        places_taken = EventSignup.objects.create(
            event=event_a,
            name="Ann Example",
            email="ann@example.org",
            consent_text="ok",
            status=EventSignup.Status.CONFIRMED,
            retain_until=timezone.now(),
        )
    with in_schema(clp_b):
        event_b = add_event("Welsh day school")
        places.sign_up(event_b, name="Bob Example", email="bob@example.org", consent="ok")
    apply_retention_everywhere.delay().get()
    assert stored() == []
    assert places_taken.pk
    assert [s.name for s in stored(clp_b)] == ["Bob Example"]


def test_a_changed_period_in_settings_applies_to_sign_ups_already_held(
    clp_a, in_schema, stored, settings
):
    with in_schema(clp_a):
        event = add_event("Summer fair", starts_in_days=-100)
        EventSignup.objects.create(
            event=event,
            name="Ann Example",
            email="ann@example.org",
            consent_text="ok",
            status=EventSignup.Status.CONFIRMED,
            retain_until=timezone.now() + dt.timedelta(days=265),
        )
    apply_retention_everywhere.delay().get()
    assert len(stored()) == 1
    settings.PERSONAL_DATA_RETENTION = {**settings.PERSONAL_DATA_RETENTION, "signups": 90}
    assert apply_retention_everywhere.delay().get()["totals"] == {"signups": 1}
    assert stored() == []
