"""Shifts: an activity's time slots, each with its own places and waiting list; a
volunteer picks one or more."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.utils import timezone
from icalendar import Calendar
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from constituencies.calendars import event_calendar
from constituencies.models import Constituency
from constituencies.signups import places
from constituencies.signups.models import EventShift, EventSignup
from tests.factories import add_event
from tests.helpers import client_for, text_of

from .shared import (
    CANCELLED,
    CONFIRMED,
    WAITLISTED,
    add_shifts,
    confirm_requests_since,
    mail_to,
    person,
    sign_up_url,
    text,
)


@pytest.fixture
def phone_bank(clp_a, in_schema):
    """A phone bank of three one-hour shifts: two places, one place, no limit."""
    with in_schema(clp_a):
        event = add_event("Phone bank", hours=3)
        shifts = add_shifts(event, (0, 1, 2), (1, 1, 1), (2, 1, None))
    return event, shifts


def _pick(post, clp_a, event, shifts, name="Ann Example", client=None, confirm=True, **extra):
    """Sign up to these shifts and (unless told not to) confirm, as the person would."""
    data = person(name, **extra)
    data["shifts"] = [str(shift.pk) for shift in shifts]
    sent_before = len(mail.outbox)
    response = post(client or client_for(clp_a), sign_up_url(event), data)
    if confirm:
        confirm_requests_since(post, clp_a, sent_before)
    return response


def _places(stored, **filters):
    return {(s.name, s.shift_id): s.status for s in stored(**filters)}


def test_the_event_page_and_form_show_each_shifts_places(clp_a, phone_bank, post):
    event, (first, second, third) = phone_bank
    _pick(post, clp_a, event, [second], "Bob Example")
    page = text_of(client_for(clp_a).get(event.url))
    assert f"{first.times}: 2 of 2 places left" in page
    assert f"{second.times}: full, join the waiting list" in page
    assert f"{third.times}: open" in page
    assert "Pick your shifts" in page
    form = text_of(client_for(clp_a).get(sign_up_url(event)))
    assert "Which shifts can you do?" in form
    assert f"{first.times}: 2 places left" in form
    assert f"{second.times}: full, join the waiting list" in form


def test_a_volunteer_picks_several_shifts_and_gets_a_place_on_each(clp_a, phone_bank, post, stored):
    event, (first, second, third) = phone_bank
    response = _pick(post, clp_a, event, [first, third])
    assert response.status_code == 302
    assert _places(stored) == {
        ("Ann Example", first.pk): CONFIRMED,
        ("Ann Example", third.pk): CONFIRMED,
    }
    assert len(mail_to("ann@example.org")) == 2
    assert response["Location"] == event.url


def test_a_full_shift_puts_the_volunteer_on_its_waiting_list_only(clp_a, phone_bank, post, stored):
    event, (first, second, _) = phone_bank
    _pick(post, clp_a, event, [second], "Bob Example")
    visitor = client_for(clp_a)
    response = _pick(post, clp_a, event, [first, second], "Cara Example", client=visitor)
    assert _places(stored, name="Cara Example") == {
        ("Cara Example", first.pk): CONFIRMED,
        ("Cara Example", second.pk): WAITLISTED,
    }
    landing = text(visitor.get(response["Location"]))
    assert f"Some shifts you picked are full ({second.times})" in landing


def test_picking_no_shift_says_so_and_keeps_what_was_typed(clp_a, phone_bank, post, stored):
    event, _ = phone_bank
    response = _pick(post, clp_a, event, [], "Dora Example", phone="07700 900123")
    assert response.status_code == 400
    page = text(response)
    assert "There is a problem" in page
    assert "Pick at least one shift." in page
    assert 'value="Dora Example"' in page
    assert 'value="07700 900123"' in page
    assert 'href="#id_shifts"' in page
    assert stored() == []


@pytest.mark.parametrize("bad", ["nonsense", "999999", "-1"])
def test_a_shift_not_on_the_list_is_refused_clearly(clp_a, phone_bank, post, stored, bad):
    event, (first, _, _) = phone_bank
    data = {**person("Ann Example"), "shifts": [str(first.pk), bad]}
    response = post(client_for(clp_a), sign_up_url(event), data)
    assert response.status_code == 400
    assert "Pick shifts from the list" in text(response)
    assert stored() == []


def test_another_events_shift_is_refused_and_nothing_is_saved(clp_a, in_schema, phone_bank, stored):
    event, (first, _, _) = phone_bank
    with in_schema(clp_a):
        other = add_event("Canvass")
        [elsewhere] = add_shifts(other, (0, 2, 5))
        with pytest.raises(ValidationError, match="Pick shifts of this event"):
            places.sign_up_for_shifts(
                event, [first, elsewhere], name="Ann", email="ann@example.org", consent="x"
            )
    assert stored() == []


def test_a_finished_shift_is_refused_and_nothing_is_saved(clp_a, in_schema, stored):
    with in_schema(clp_a):
        event = add_event("All-day stall", starts_in_days=0, hours=8)
        event.starts_at -= dt.timedelta(hours=4)
        event.save()
        gone, coming = add_shifts(event, (0, 2, 5), (5, 2, 5))
        with pytest.raises(ValidationError, match="has finished"):
            places.sign_up_for_shifts(
                event, [coming, gone], name="Ann", email="ann@example.org", consent="x"
            )
    assert stored() == []
    assert mail.outbox == []


def test_when_a_later_shifts_place_fails_the_earlier_ones_are_not_kept(
    clp_a, in_schema, phone_bank, stored, monkeypatch
):
    event, (first, second, _) = phone_bank
    made = []
    real = places._new_signup

    def fail_on_the_second(*args, **kwargs):
        if made:
            raise RuntimeError("the database went away")
        made.append(real(*args, **kwargs))
        return made[-1]

    monkeypatch.setattr(places, "_new_signup", fail_on_the_second)
    with in_schema(clp_a), pytest.raises(RuntimeError):
        places.sign_up_for_shifts(
            event, [first, second], name="Ann", email="ann@example.org", consent="x"
        )
    assert made  # the first place was taken, then rolled back
    assert stored() == []


def test_cancelling_one_shift_frees_its_place_for_its_own_waiting_list(
    clp_a, in_schema, phone_bank, post, stored
):
    event, (first, second, _) = phone_bank
    _pick(post, clp_a, event, [first, second], "Ann Example")
    _pick(post, clp_a, event, [second], "Bob Example")  # waits for the second
    _pick(post, clp_a, event, [first], "Cara Example")
    with in_schema(clp_a):
        [ann_second] = EventSignup.objects.filter(name="Ann Example", shift=second)
    mail.outbox.clear()
    post(client_for(clp_a), f"/sign-ups/{ann_second.token}/cancel/")
    assert _places(stored) == {
        ("Ann Example", first.pk): CONFIRMED,
        ("Ann Example", second.pk): CANCELLED,
        ("Bob Example", second.pk): CONFIRMED,
        ("Cara Example", first.pk): CONFIRMED,
    }
    assert mail_to("bob@example.org")[0].subject == "You're signed up: Phone bank"


def test_raising_a_shifts_places_moves_its_waiting_list_up(
    clp_a, in_schema, phone_bank, post, stored
):
    event, (_, second, _) = phone_bank
    for name in ("Ann Example", "Bob Example", "Cara Example"):
        _pick(post, clp_a, event, [second], name)
    with in_schema(clp_a):
        EventShift.objects.filter(pk=second.pk).update(capacity=2)
        promoted = places.event_changed(event)
    assert [signup.name for signup in promoted] == ["Bob Example"]
    assert [s.status for s in stored(shift=second)] == [CONFIRMED, CONFIRMED, WAITLISTED]


def test_signing_up_again_to_a_shift_keeps_one_place_and_adds_the_new_ones(
    clp_a, phone_bank, post, stored
):
    event, (first, _, third) = phone_bank
    _pick(post, clp_a, event, [first])
    assert _pick(post, clp_a, event, [first]).status_code == 302  # told the same
    _pick(post, clp_a, event, [first, third], email="ANN@example.org")
    assert sorted(_places(stored).values()) == [CONFIRMED, CONFIRMED]
    assert {s.shift_id for s in stored()} == {first.pk, third.pk}


def test_an_event_with_shifts_takes_sign_ups_for_its_shifts_only(clp_a, in_schema, phone_bank):
    event, _ = phone_bank
    with in_schema(clp_a), pytest.raises(ValidationError, match="Pick at least one shift"):
        places.sign_up(event, name="Ann", email="ann@example.org", consent="x")


def test_a_sign_up_says_when_its_shift_is_and_is_kept_until_the_last_shift_ends(
    clp_a, in_schema, phone_bank, settings
):
    event, (first, _, _) = phone_bank
    with in_schema(clp_a):
        EventShift.objects.filter(pk=first.pk).update(
            ends_at=event.finishes_at + dt.timedelta(hours=5)
        )
        first.refresh_from_db()
        [signup] = places.sign_up_for_shifts(
            event, [first], name="Ann", email="ann@example.org", consent="x"
        )
        assert signup.shift.when == first.when
        assert signup.when == first.when
    retention = dt.timedelta(days=settings.PERSONAL_DATA_RETENTION["signups"])
    assert signup.retain_until == first.ends_at + retention


def test_the_events_calendar_has_each_shift_at_its_own_times(clp_a, in_schema, phone_bank):
    event, shifts = phone_bank
    calendar = Calendar.from_ical(client_for(clp_a).get(f"{event.url}ics/").content)
    vevents = calendar.walk("VEVENT")
    seconds = [
        (s.starts_at.replace(microsecond=0), s.ends_at.replace(microsecond=0)) for s in shifts
    ]
    assert [(v["DTSTART"].dt, v["DTEND"].dt) for v in vevents] == seconds
    assert len({str(v["UID"]) for v in vevents}) == 3
    assert str(vevents[0]["SUMMARY"]) == f"Phone bank ({shifts[0].times})"
    feed = Calendar.from_ical(client_for(clp_a).get("/calendar.ics").content)
    assert len(feed.walk("VEVENT")) == 3
    with in_schema(clp_a):
        mine = event_calendar(Constituency.objects.get(pk=clp_a.pk), event, shifts=shifts[1:2])
    [only] = mine.walk("VEVENT")
    assert only["DTSTART"].dt == shifts[1].starts_at


def test_the_site_calendar_costs_the_same_queries_however_many_events_have_shifts(
    clp_a, in_schema, django_assert_max_num_queries
):
    with in_schema(clp_a):
        add_shifts(add_event("First"), (0, 1, 2), (1, 1, 2))
    visitor = client_for(clp_a)
    with django_assert_max_num_queries(30) as one:
        visitor.get("/calendar.ics", {"page": "1"})
    with in_schema(clp_a):
        for number in range(4):
            add_shifts(add_event(f"Event {number}"), (0, 1, 2), (1, 1, 2))
    with django_assert_max_num_queries(len(one.captured_queries)):
        feed = Calendar.from_ical(visitor.get("/calendar.ics", {"page": "2"}).content)
    assert len(feed.walk("VEVENT")) == 10


def test_the_cancel_page_names_the_shift(clp_a, in_schema, phone_bank, stored):
    event, (first, _, _) = phone_bank
    with in_schema(clp_a):
        [signup] = places.sign_up_for_shifts(
            event, [first], name="Ann", email="ann@example.org", consent="x"
        )
    page = text_of(client_for(clp_a).get(f"/sign-ups/{signup.token}/cancel/"))
    assert f"{first.when} (your shift)" in page
    assert "Cancel my place for this shift" in page


def _editor_form(event, shifts, removed=()):
    local = "%Y-%m-%d %H:%M"
    data = nested_form_data(
        {
            "title": event.title,
            "slug": event.slug,
            "summary": event.summary,
            "activity_type": event.activity_type,
            "starts_at": timezone.localtime(event.starts_at).strftime(local),
            "ends_at": timezone.localtime(event.ends_at).strftime(local),
            "signups_open": "on",
            "body": streamfield([]),
            "shifts": inline_formset(
                [
                    {
                        "id": shift.pk,
                        "starts_at": timezone.localtime(shift.starts_at).strftime(local),
                        "ends_at": timezone.localtime(shift.ends_at).strftime(local),
                        "capacity": shift.capacity or "",
                        "ORDER": number,
                        "DELETE": "1" if shift in removed else "",
                    }
                    for number, shift in enumerate(shifts)
                ],
                initial=len(shifts),
            ),
        }
    )
    data["action-draft"] = "1"
    return data


def test_an_officer_cannot_remove_a_shift_people_hold_places_on(
    clp_a, in_schema, phone_bank, officer_a, post
):
    event, shifts = phone_bank
    first, second, third = shifts
    with in_schema(clp_a):
        places.sign_up_for_shifts(event, [second], name="Ann", email="a@x.org", consent="x")
    officer = client_for(clp_a, officer_a)
    edit = f"/admin/pages/{event.pk}/edit/"
    refused = post(officer, edit, _editor_form(event, shifts, removed=[second]))
    assert refused.status_code == 200
    assert "People have signed up to a shift you removed" in text(refused)
    kept = post(officer, edit, _editor_form(event, shifts, removed=[third]))
    assert kept.status_code == 302


def test_a_shift_with_places_held_is_never_deleted_with_them(clp_a, in_schema, phone_bank):
    event, (first, second, _) = phone_bank
    with in_schema(clp_a):
        [held] = places.sign_up_for_shifts(event, [first], name="A", email="a@x.org", consent="x")
        [gone] = places.sign_up_for_shifts(event, [second], name="B", email="b@x.org", consent="x")
        places.cancel(gone)
        with pytest.raises(ProtectedError):
            first.delete()
        second.delete()  # only a cancelled place on it
        assert list(EventShift.objects.filter(event=event).values_list("pk", flat=True)) == [
            first.pk,
            phone_bank[1][2].pk,
        ]
        assert EventSignup.objects.filter(pk=held.pk).exists()


def test_each_shifts_confirmation_names_its_time_and_carries_only_that_shift(
    clp_a, phone_bank, post
):
    event, (first, _second, third) = phone_bank
    _pick(post, clp_a, event, [first, third])
    first_starts, third_starts = (s.starts_at.replace(microsecond=0) for s in (first, third))
    by_time = {}
    for message in mail_to("ann@example.org"):
        (attachment,) = message.attachments
        starts = [
            component.decoded("dtstart")
            for component in Calendar.from_ical(attachment[1]).walk("VEVENT")
        ]
        by_time[tuple(starts)] = message
    assert set(by_time) == {(first_starts,), (third_starts,)}
    assert first.when in by_time[(first_starts,)].body
    assert third.when not in by_time[(first_starts,)].body
    assert third.when in by_time[(third_starts,)].body
