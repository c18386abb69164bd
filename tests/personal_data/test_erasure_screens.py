"""Central staff erase a person from the hub's admin: the request, the review, the
progress and result, and "Run again"."""

import pytest
from django.contrib.auth import get_user_model
from django.db import OperationalError

from governance.models import AuditEvent
from personal_data import erasure, erasure_views
from personal_data.erasure import ask_for_erasure
from personal_data.models import PersonalDataRequest
from tests.helpers import client_for, text_of

from .conftest import ADA, OTHER
from .erasure_checks import counts_of

ERASE = "/admin/personal-data/erase/"
REASON = "Email of 1 December 2026, identity checked by phone"
GOOD = {"email": ADA, "reason": REASON, "confirmed": "on"}


def _staff(staff_user):
    return client_for("localhost", staff_user)


def test_staff_review_then_confirm_and_follow_the_erasure(
    seeded_person, staff_user, django_capture_on_commit_callbacks
):
    staff = _staff(staff_user)
    others = counts_of(OTHER)
    review = staff.post(ERASE, GOOD)
    assert review.status_code == 200
    page = text_of(review)
    assert "Check what will be erased" in page
    assert "Event sign-ups and waiting lists Testford North 1 Deleted" in page
    assert "Reports of accounts Hub 1 Anonymised" in page
    assert "Register entries naming them Hub 1 Kept: Who can sign in" in page
    assert not PersonalDataRequest.objects.exists()  # nothing yet
    assert get_user_model().objects.filter(email=ADA).exists()

    with django_capture_on_commit_callbacks() as queued:
        confirmed = staff.post(ERASE, {**GOOD, "confirm": "1"})
    request = PersonalDataRequest.objects.get()
    assert confirmed.status_code == 302
    assert confirmed["Location"] == f"{ERASE}{request.pk}/"
    assert (request.status, request.requested_by, request.reason) == ("queued", staff_user, REASON)
    assert "Waiting to start." in text_of(staff.get(confirmed["Location"]))

    with django_capture_on_commit_callbacks(execute=True):
        for send in queued:
            send()  # the transaction commits: the task runs (in-process here)
    request.refresh_from_db()
    assert request.status == "done"
    result = text_of(staff.get(confirmed["Location"]))
    assert "Erased in the hub and every constituency." in result
    assert "Deleted: 2 × Event sign-ups and waiting lists" in result
    assert "1 × Register entries naming them (Hub): Who can sign in" in result
    assert "Run again" not in result
    assert not get_user_model().objects.filter(email=ADA).exists()
    assert counts_of(OTHER) == others
    assert AuditEvent.objects.get(action="personal_data.erased").actor == staff_user


def test_change_the_request_from_the_review_keeps_what_was_typed(seeded_person, staff_user):
    response = _staff(staff_user).post(ERASE, {**GOOD, "edit": "1"})
    assert response.status_code == 200
    assert REASON in response.content.decode()
    assert "Check what will be erased" in text_of(response)  # the form's button
    assert not PersonalDataRequest.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({**GOOD, "email": "ada at example"}, "Enter an email address, like name@example.org."),
        ({**GOOD, "reason": "   "}, "Say why: the request this erasure answers."),
        ({k: v for k, v in GOOD.items() if k != "confirmed"}, "Tick the box to say you have"),
    ],
)
@pytest.mark.parametrize("confirm", [False, True])
def test_bad_input_keeps_what_was_typed_says_why_and_erases_nothing(
    seeded_person, staff_user, data, message, confirm, django_capture_on_commit_callbacks
):
    before = counts_of(ADA)
    with django_capture_on_commit_callbacks() as queued:
        response = _staff(staff_user).post(ERASE, {**data, **({"confirm": "1"} if confirm else {})})
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert data["email"] in page
    assert not PersonalDataRequest.objects.exists()
    assert queued == []
    assert counts_of(ADA) == before


def test_someone_with_no_records_is_told_so_before_and_after(
    seeded_person, staff_user, django_capture_on_commit_callbacks
):
    staff = _staff(staff_user)
    data = {**GOOD, "email": "nobody.here@example.org"}
    assert "Nothing of theirs was found" in text_of(staff.post(ERASE, data))
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(ERASE, {**data, "confirm": "1"})
    assert "Nothing of theirs was found: nothing was erased." in text_of(
        staff.get(response["Location"])
    )


def test_an_unfinished_erasure_names_what_remains_and_runs_again(
    seeded_person, staff_user, monkeypatch, django_capture_on_commit_callbacks
):
    failing = seeded_person.schemas[0]
    real = erasure._erase_schema

    def fails_in_one_schema(request, person, schema, place):
        if schema == failing:
            raise OperationalError("canceling statement due to lock timeout")
        return real(request, person, schema, place)

    monkeypatch.setattr(erasure, "_erase_schema", fails_in_one_schema)
    staff = _staff(staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(ERASE, {**GOOD, "confirm": "1"})
    page = text_of(staff.get(response["Location"]))
    assert "1 place still to do: Testford North." in page
    assert "Run again" in page

    monkeypatch.setattr(erasure, "_erase_schema", real)
    request = PersonalDataRequest.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        again = staff.post(f"{ERASE}{request.pk}/run/")
    assert again["Location"] == f"{ERASE}{request.pk}/"
    request.refresh_from_db()
    assert (request.status, request.schemas_remaining) == ("done", [])
    page = text_of(staff.get(again["Location"]))
    assert "Erased in the hub and every constituency." in page
    assert "Run again" not in page

    with django_capture_on_commit_callbacks(execute=True) as queued:
        staff.post(f"{ERASE}{request.pk}/run/")
    assert queued == []  # finished: nothing to run


@pytest.fixture
def an_erasure(seeded_person):
    return ask_for_erasure(ADA, REASON)


@pytest.mark.parametrize("screen", ["form", "status", "run"])
@pytest.mark.parametrize(
    ("who", "host", "expected"),
    [
        (None, "localhost", 302),
        ("member_user", "localhost", 403),
        ("officer_a", "localhost", 403),
        ("officer_b", "localhost", 403),
        ("staff_user", "localhost", 200),
        ("officer_a", "testford-north.localhost", 404),
        ("staff_user", "testford-north.localhost", 404),
    ],
)
def test_only_central_staff_on_the_hub_can_erase(
    request, an_erasure, screen, who, host, expected, django_capture_on_commit_callbacks
):
    user = request.getfixturevalue(who) if who else None
    client = client_for(host, user)
    path = {
        "form": ERASE,
        "status": f"{ERASE}{an_erasure.pk}/",
        "run": f"{ERASE}{an_erasure.pk}/run/",
    }[screen]
    with django_capture_on_commit_callbacks(execute=True):
        if screen == "run":
            response = client.post(path)
            expected = 302 if expected == 200 else expected
        else:
            response = client.get(path)
        posted = client.post(ERASE, {**GOOD, "confirm": "1"})
    assert response.status_code == expected
    if expected == 302 and who is None:
        assert response["Location"].startswith("/accounts/login/")
    if who != "staff_user" or host != "localhost":
        assert posted.status_code == (302 if who is None else expected)
        assert PersonalDataRequest.objects.count() == 1
        assert get_user_model().objects.filter(email=ADA).exists()
        assert PersonalDataRequest.objects.get().status == "queued"


def test_the_menu_shows_erase_a_person_to_central_staff_only(staff_user, officer_a):
    assert "Erase a person" in _staff(staff_user).get("/admin/").content.decode()
    assert (
        "Erase a person" not in client_for("localhost", officer_a).get("/admin/").content.decode()
    )


def test_confirming_twice_opens_one_request(
    seeded_person, staff_user, django_capture_on_commit_callbacks
):
    staff = _staff(staff_user)
    with django_capture_on_commit_callbacks() as queued:
        first = staff.post(ERASE, {**GOOD, "confirm": "1"})
        second = staff.post(ERASE, {**GOOD, "confirm": "1"}, follow=True)
    assert PersonalDataRequest.objects.count() == 1
    assert len(queued) == 1
    assert second.redirect_chain[-1][0] == first["Location"]
    assert "An erasure for this address is already open." in text_of(second)


def test_a_review_that_runs_out_of_time_says_how_far_it_got(seeded_person, staff_user, monkeypatch):
    monkeypatch.setattr(erasure_views, "REVIEW_SECONDS", 0)
    page = text_of(_staff(staff_user).post(ERASE, GOOD))
    assert "The hub and 0 of the" in page
    assert "The erasure looks in every one of them" in page
    assert "Account Hub 1 Deleted" in page
    assert "Testford North" not in page
