"""`manage.py personal_data erase EMAIL --reason "..." [--yes]`."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import OperationalError

from governance.models import AuditEvent
from personal_data import erasure
from personal_data.models import PersonalDataRequest

from .conftest import ADA, OTHER
from .erasure_checks import counts_of

REASON = "Letter of 1 December 2026"


def _run(*args, answer=None, monkeypatch=None):
    out = StringIO()
    if answer is not None:
        monkeypatch.setattr("builtins.input", lambda prompt: answer)
    call_command("personal_data", *args, stdout=out)
    return out.getvalue()


def test_it_erases_everywhere_with_yes_and_says_what_it_did(seeded_person):
    others = counts_of(OTHER)
    out = _run("erase", ADA, "--reason", REASON, "--yes")
    assert "delete       2  Event sign-ups and waiting lists" not in out  # per place
    assert "delete       1  Event sign-ups and waiting lists (Testford North)" in out
    assert "keep         1  Register entries naming them (Hub)" in out
    assert "Deleted: 2 × Event sign-ups and waiting lists" in out
    assert "Anonymised: 1 × Reports of accounts" in out
    assert "Kept: 1 × Register entries naming them (Hub), because: Who can sign in" in out
    assert "erased in every schema" in out
    request = PersonalDataRequest.objects.get()
    assert (request.status, request.reason, request.requested_by) == ("done", REASON, None)
    assert not get_user_model().objects.filter(email=ADA).exists()
    assert counts_of(OTHER) == others
    assert AuditEvent.objects.filter(action="personal_data.erased").count() == 1


def test_it_asks_first_and_an_answer_other_than_yes_erases_nothing(seeded_person, monkeypatch):
    before = counts_of(ADA)
    out = _run("erase", ADA, "--reason", REASON, answer="no", monkeypatch=monkeypatch)
    assert "This will be done:" in out
    assert "Nothing was erased." in out
    assert counts_of(ADA) == before
    assert not PersonalDataRequest.objects.exists()
    assert not AuditEvent.objects.filter(action="personal_data.erased").exists()


def test_answering_yes_erases(seeded_person, monkeypatch):
    _run("erase", ADA, "--reason", REASON, answer="yes", monkeypatch=monkeypatch)
    assert PersonalDataRequest.objects.get().status == "done"


def test_it_refuses_without_a_reason(seeded_person):
    with pytest.raises(CommandError, match="--reason"):
        _run("erase", ADA, "--yes")
    with pytest.raises(CommandError, match="Say why"):
        _run("erase", ADA, "--reason", "  ", "--yes")
    assert not PersonalDataRequest.objects.exists()
    assert get_user_model().objects.filter(email=ADA).exists()


def test_it_refuses_what_is_not_an_email_address(db):
    with pytest.raises(CommandError, match="not an email address"):
        _run("erase", "ada at example", "--reason", REASON, "--yes")


def test_someone_with_no_records_is_told_so(seeded_person):
    out = _run("erase", "nobody.here@example.org", "--reason", REASON, "--yes")
    assert "Nothing of theirs was found: nothing will be erased." in out
    assert "nothing of theirs was found or erased" in out


def test_an_unfinished_erasure_exits_non_zero_and_running_it_again_finishes_it(
    seeded_person, monkeypatch
):
    failing = seeded_person.schemas[2]
    real = erasure._erase_schema

    def fails_in_one_schema(request, person, schema, place):
        if schema == failing:
            raise OperationalError("server closed the connection unexpectedly")
        return real(request, person, schema, place)

    monkeypatch.setattr(erasure, "_erase_schema", fails_in_one_schema)
    with pytest.raises(CommandError, match=f"1 schema\\(s\\) remain \\({failing}\\)"):
        _run("erase", ADA, "--reason", REASON, "--yes")

    monkeypatch.setattr(erasure, "_erase_schema", real)
    out = _run("erase", ADA, "--reason", "another reason", "--yes")
    assert "Carrying on with erasure request" in out
    assert "1 schema(s) remain" in out
    assert "erased in every schema" in out
    request = PersonalDataRequest.objects.get()
    assert (request.status, request.schemas_remaining) == ("done", [])
