"""Erasing a person in the hub and every constituency's schema, in one operation that
finishes everywhere or names the schemas that remain, and can be run again."""

import psycopg
import pytest
from django.contrib.auth import get_user_model
from django.db import OperationalError, connection

from accounts.models import DeletedAccount
from governance import audit
from governance.models import AuditEvent, DisputeCase
from membersnet.members.models import Member
from personal_data import erasure
from personal_data.erasure import ask_for_erasure, person_of, run_erasure
from personal_data.finding import find_everywhere, identify
from personal_data.models import PersonalDataRequest
from privacy.registry import OnErasure
from tests.helpers import database_server

from .conftest import ADA, ADA_OLD, OTHER
from .erasure_checks import counts_of, exempt, traces_of

REASON = "Email of 1 December 2026 from Ada Lovelace <ada.lovelace@example.org> asking us"


def _erase(email=ADA, reason=REASON, by=None):
    request = ask_for_erasure(email, reason, requested_by=by)
    return run_erasure(request.pk, by=by)


def test_erasure_leaves_nothing_of_theirs_in_any_schema_but_the_declared_exemptions(
    seeded_person, staff_user
):
    person = identify(ADA)
    assert traces_of(person)  # the scan does see her before

    request = _erase(by=staff_user)

    assert request.status == PersonalDataRequest.Status.DONE
    assert request.schemas_remaining == []
    assert request.schemas_done == request.schemas_total
    left = {(kind, schema) for kind, schema, _ in traces_of(person)}
    assert left <= exempt(request)
    assert {kind for kind, _ in left} == {
        "governance.presenceentry",  # the register keeps naming her: kept, listed
        "governance.signinholder",
        "personal_data.personaldatarequest",  # the request itself
        "governance.auditevent",  # a staff member viewed her member record: accountability
    }


def test_what_the_erasure_did_is_listed_per_kind_and_place(seeded_person):
    request = _erase()
    done = {(e["kind"], e["place"], e["erasure"]): e["count"] for e in request.found}
    assert done[("signups.eventsignup", "Testford North", OnErasure.DELETE)] == 1
    assert done[("signups.eventsignup", "Testford South", OnErasure.DELETE)] == 1
    assert done[("contact.contactmessage", "Testford East", OnErasure.DELETE)] == 1
    assert done[("governance.accountreport", "Hub", OnErasure.ANONYMISE)] == 1
    assert done[("accounts.user", "Hub", OnErasure.DELETE)] == 1
    assert done[("members.member", "Hub", OnErasure.DELETE)] == 1
    assert done[("training.coursecompletion", "Hub", OnErasure.DELETE)] == 1
    kept = [e for e in request.found if e["erasure"] == OnErasure.KEEP]
    assert {e["kind"] for e in kept} >= {"governance.presenceentry", "governance.signinholder"}
    assert all(e["exemption"] for e in kept)


def test_the_account_goes_through_djangos_delete_so_its_references_are_cleared(
    seeded_person,
):
    user_id = seeded_person.user.pk
    _erase()
    assert not get_user_model().objects.filter(pk=user_id).exists()
    assert DeletedAccount.objects.filter(user_id=user_id).exists()


def test_someone_elses_records_are_untouched(seeded_person):
    before = counts_of(OTHER)
    assert before
    _erase()
    assert counts_of(OTHER) == before
    assert get_user_model().objects.filter(email=OTHER).exists()


def test_an_export_after_erasure_finds_only_the_exemptions(seeded_person):
    request = _erase()
    found = list(find_everywhere(person_of(request)))
    assert found
    for each in found:
        assert each.declaration.on_erasure == OnErasure.KEEP or (
            each.declaration.kind,
            each.schema,
        ) in exempt(request), each.declaration.kind


def test_the_identity_is_worked_out_once_and_stored_on_the_request(seeded_person):
    request = ask_for_erasure(ADA.upper(), REASON)
    assert request.email == ADA
    assert set(request.identity["emails"]) == {ADA, ADA_OLD}
    assert request.identity["user_ids"] == [seeded_person.user.pk]
    assert request.identity["names"] == ["Ada Lovelace"]
    assert request.schemas_remaining[-1] == "public"  # the hub last
    assert set(seeded_person.schemas) <= set(request.schemas_remaining)


def test_a_schema_that_fails_is_left_remaining_and_the_rest_are_done(seeded_person, monkeypatch):
    failing = seeded_person.schemas[1]
    real = erasure._erase_schema

    def fails_in_one_schema(request, person, schema, place):
        if schema == failing:
            raise OperationalError("canceling statement due to lock timeout")
        return real(request, person, schema, place)

    monkeypatch.setattr(erasure, "_erase_schema", fails_in_one_schema)
    request = _erase()

    assert request.status == PersonalDataRequest.Status.INCOMPLETE
    assert request.schemas_remaining == [failing]
    assert request.schemas_done == request.schemas_total - 1
    assert "lock timeout" in request.failure
    assert "Testford South" in request.failure
    person = person_of(request)
    left = {(kind, schema) for kind, schema, _ in traces_of(person)} - exempt(request)
    assert left == {("signups.eventsignup", failing)}  # her waiting-list place, in B only
    event = AuditEvent.objects.filter(action="personal_data.erased").get()
    assert event.details["schemas_remaining"] == [failing]

    monkeypatch.setattr(erasure, "_erase_schema", real)
    others_before = counts_of(OTHER)
    found_before = list(request.found)
    again = run_erasure(request.pk)

    assert again.status == PersonalDataRequest.Status.DONE
    assert again.schemas_remaining == []
    assert again.failure == ""
    assert again.found[: len(found_before)] == found_before
    assert [(e["kind"], e["schema"]) for e in again.found[len(found_before) :]] == [
        ("signups.eventsignup", failing)
    ]
    assert {(k, s) for k, s, _ in traces_of(person)} <= exempt(again)
    assert counts_of(OTHER) == others_before
    assert AuditEvent.objects.filter(action="personal_data.erased").count() == 2


def test_running_a_finished_erasure_again_changes_nothing(seeded_person):
    request = _erase()
    found = list(request.found)
    again = run_erasure(request.pk)
    assert again.status == PersonalDataRequest.Status.DONE
    assert again.found == found
    assert AuditEvent.objects.filter(action="personal_data.erased").count() == 1


def test_a_run_already_going_is_not_started_twice(seeded_person):
    request = ask_for_erasure(ADA, REASON)
    PersonalDataRequest.objects.filter(pk=request.pk).update(
        status=PersonalDataRequest.Status.RUNNING, started_at=request.created_at
    )
    request.refresh_from_db()
    assert run_erasure(request.pk).status == PersonalDataRequest.Status.RUNNING
    assert get_user_model().objects.filter(email=ADA).exists()


def test_erasing_someone_with_no_records_says_so(seeded_person):
    request = _erase("nobody.here@example.org", "Asked by post")
    assert request.status == PersonalDataRequest.Status.DONE
    assert request.found == []
    assert erasure.summarise(request.found).nothing_found
    assert counts_of(OTHER)


def test_the_erasure_is_audited_without_the_persons_addresses_or_names(seeded_person, staff_user):
    request = _erase(by=staff_user)
    event = AuditEvent.objects.get(action="personal_data.erased")
    assert event.actor == staff_user
    assert event.details["request"] == request.pk
    assert event.details["status"] == "done"
    assert event.details["deleted"]["Event sign-ups and waiting lists"] == 2
    assert event.details["anonymised"]["Reports of accounts"] == 1
    assert any(e["name"] == "Register entries naming them" for e in event.details["exemptions"])
    assert event.details["reason"] == (
        "Email of 1 December 2026 from [the person] <[the person]> asking us"
    )
    stored = f"{event.summary} {event.details}".lower()
    for known in [ADA, ADA_OLD, "ada lovelace"]:
        assert known not in stored


def test_a_member_named_by_a_kept_disputes_case_is_kept_with_it(seeded_person):
    member = Member.objects.get(user=seeded_person.user)
    case = DisputeCase.objects.create(
        account="@testford_fake", reason="Posting as the CLP.", member=member
    )
    request = _erase()
    case.refresh_from_db()
    assert case.member_id == member.pk
    member.refresh_from_db()
    assert (member.user, member.digest_opt_in) == (None, False)
    kept = {e["kind"]: e for e in request.found if e["erasure"] == OnErasure.KEEP}
    assert "disputes case" in kept["members.member"]["exemption"]
    assert "governance.disputecase" in kept
    assert not get_user_model().objects.filter(pk=seeded_person.user.pk).exists()
    left = {(kind, schema) for kind, schema, _ in traces_of(person_of(request))}
    assert ("members.member", "public") in left
    assert left <= exempt(request)


@pytest.mark.parametrize("status", ["queued", "incomplete", "failed"])
def test_a_request_that_has_not_finished_may_be_run(seeded_person, status):
    request = ask_for_erasure(ADA, REASON)
    PersonalDataRequest.objects.filter(pk=request.pk).update(status=status)
    assert run_erasure(request.pk).status == PersonalDataRequest.Status.DONE


def test_a_schema_whose_table_another_connection_holds_locked_is_left_for_later(
    seeded_person, monkeypatch
):
    """A real lock, not a stand-in: another connection holds a table of the second
    constituency's schema; the erasure waits no longer than its lock timeout there and
    carries on with the rest."""
    monkeypatch.setattr(erasure, "LOCK_TIMEOUT", "200ms")
    locked = seeded_person.schemas[1]
    host, port = database_server()
    settings = connection.settings_dict
    with psycopg.connect(
        host=host,
        port=port,
        user=settings["USER"],
        password=settings["PASSWORD"] or None,
        dbname=settings["NAME"],
        autocommit=False,
    ) as other:
        other.execute(f'LOCK TABLE "{locked}".contact_contactmessage IN ACCESS EXCLUSIVE MODE')
        request = _erase()
        other.rollback()

    assert request.status == PersonalDataRequest.Status.INCOMPLETE
    assert request.schemas_remaining == [locked]
    assert "lock timeout" in request.failure
    assert not get_user_model().objects.filter(email=ADA).exists()  # the hub went on

    again = run_erasure(request.pk)
    assert (again.status, again.schemas_remaining) == (PersonalDataRequest.Status.DONE, [])
    assert {(k, s) for k, s, _ in traces_of(person_of(again))} <= exempt(again)


def test_kept_records_that_point_at_the_account_say_they_lose_that_link(seeded_person, staff_user):
    audit.record("register.reviewed", "Ada confirmed control", actor=seeded_person.user)
    request = _erase()
    kept = {e["kind"]: e for e in request.found if e["erasure"] == OnErasure.KEEP}
    assert kept["governance.auditevent"]["exemption"].endswith(erasure.ACCOUNT_LINK_CLEARED)
    assert erasure.ACCOUNT_LINK_CLEARED not in kept["governance.signinholder"]["exemption"]


def test_a_failure_message_never_quotes_their_address(seeded_person, monkeypatch):
    def fails(request, person, schema, place):
        raise OperationalError(f"duplicate key (email)=({ADA})")

    monkeypatch.setattr(erasure, "_erase_schema", fails)
    request = _erase()
    assert request.status == PersonalDataRequest.Status.INCOMPLETE
    assert ADA not in request.failure
    assert "[the person]" in request.failure
