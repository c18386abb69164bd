"""Sign-ups are kept only as long as the privacy notice says."""

import datetime as dt

from django.conf import settings as django_settings
from django.utils import timezone

from constituencies.signups import places
from constituencies.signups.models import EventSignup
from constituencies.tasks import purge_expired_personal_data
from tests.factories import add_event

from .shared import CONSENT


def test_sign_ups_are_kept_until_a_set_time_after_the_event_then_deleted(clp_a, in_schema, stored):
    with in_schema(clp_a):
        old = add_event("Spring barbecue")
        recent = add_event("Autumn barbecue", starts_in_days=30)
        for event in (old, recent):
            places.sign_up(event, name="Ann Example", email="ann@example.org", consent=CONSENT)
            places.sign_up(event, name="Bob Example", email="bob@example.org", consent=CONSENT)

    kept_for = dt.timedelta(days=django_settings.PERSONAL_DATA_RETENTION_DAYS)
    with in_schema(clp_a):
        for signup in EventSignup.objects.select_related("event"):
            assert signup.retain_until == signup.event.ends_at + kept_for

    # Time passes for the first event's sign-ups: their retention date goes by.
    with in_schema(clp_a):
        assert purge_expired_personal_data.delay().get()["signups"] == 0
        EventSignup.objects.filter(event=old).update(
            retain_until=timezone.now() - dt.timedelta(minutes=1)
        )
        result = purge_expired_personal_data.delay().get()

    assert result["signups"] == 2
    remaining = stored()
    assert {s.event_id for s in remaining} == {recent.pk}
    assert sorted(s.name for s in remaining) == ["Ann Example", "Bob Example"]


def test_the_purge_keeps_sign_ups_of_other_constituencies(clp_a, clp_b, in_schema, stored):
    with in_schema(clp_b):
        event_b = add_event("Welsh day school")
        places.sign_up(event_b, name="Bob Example", email="bob@example.org", consent="ok")
        EventSignup.objects.update(retain_until=timezone.now() - dt.timedelta(minutes=1))
    with in_schema(clp_a):
        purge_expired_personal_data.delay().get()
    assert [s.name for s in stored(clp_b)] == ["Bob Example"]
