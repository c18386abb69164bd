"""`manage.py personal_data export`: subject access from the command line."""

import io
import zipfile

import pytest
from django.core.management import CommandError, call_command

from governance.models import AuditEvent
from personal_data.models import PersonalDataRequest

from .conftest import ADA


def test_export_writes_the_zip_and_records_the_request_and_audit(seeded_person, tmp_path):
    out = tmp_path / "ada.zip"
    stdout = io.StringIO()
    call_command(
        "personal_data",
        "export",
        ADA,
        "--reason",
        "Letter of 1 Dec",
        "--out",
        str(out),
        stdout=stdout,
    )
    with zipfile.ZipFile(out) as archive:
        assert "summary.html" in archive.namelist()
        assert "signups.eventsignup.json" in archive.namelist()
    assert "Searching: " in stdout.getvalue()
    assert str(out) in stdout.getvalue()
    request = PersonalDataRequest.objects.get()
    assert request.reason == "Letter of 1 Dec"
    assert request.requested_by is None
    event = AuditEvent.objects.get(action="personal_data.exported")
    assert event.actor is None
    assert event.details["reason"] == "Letter of 1 Dec"


def test_export_writes_to_a_file_named_for_the_person_by_default(db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    call_command("personal_data", "export", "someone@example.org", "--reason", "Email")
    (written,) = tmp_path.glob("*.zip")
    assert written.name.startswith("personal-data-someone@example.org-")


def test_export_refuses_without_a_reason(db):
    with pytest.raises(CommandError):
        call_command("personal_data", "export", ADA)
    with pytest.raises(CommandError, match="Say why"):
        call_command("personal_data", "export", ADA, "--reason", "  ")
    assert not PersonalDataRequest.objects.exists()


def test_export_refuses_what_is_not_an_email_address(db):
    with pytest.raises(CommandError, match="not an email address"):
        call_command("personal_data", "export", "ada at example", "--reason", "Email")
    assert not PersonalDataRequest.objects.exists()
