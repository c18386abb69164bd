"""Subject access: the export of everything held about a person, as a ZIP."""

import json
import re
import zipfile

import pytest

from governance.models import AuditEvent
from personal_data import exporting
from personal_data.exporting import Report, export_now
from personal_data.finding import Found
from personal_data.models import PersonalDataRequest
from privacy.registry import declarations

from .conftest import ADA, ADA_OLD, OTHER


def _archive(request) -> dict[str, str]:
    with request.file.open("rb") as handle, zipfile.ZipFile(handle) as archive:
        return {name: archive.read(name).decode() for name in archive.namelist()}


def test_the_export_holds_a_json_file_for_every_kind_with_each_of_her_records(seeded_person):
    request = export_now(ADA, "Email from Ada on 1 December")
    files = _archive(request)
    for kind, expected in seeded_person.records.items():
        records = json.loads(files[f"{kind}.json"])["records"]
        assert len(records) == expected, kind
        assert all("schema" in row and "constituency" in row for row in records)
    signups = json.loads(files["signups.eventsignup.json"])["records"]
    assert {row["schema"] for row in signups} == set(seeded_person.schemas[:2])
    assert all(row["constituency"] for row in signups)
    (account,) = json.loads(files["accounts.user.json"])["records"]
    assert account["schema"] == "public"
    assert account["constituency"] is None


def test_the_export_holds_nothing_of_anyone_else(seeded_person):
    request = export_now(ADA, "Email from Ada on 1 December")
    for name, text in _archive(request).items():
        assert OTHER not in text.lower(), name
        assert "grace" not in text.lower(), name
        assert "hopper" not in text.lower(), name


def test_the_summary_gives_when_in_words_a_person_reads(seeded_person):
    summary = _archive(export_now(ADA, "Email from Ada on 1 December"))["summary.html"]
    whens = re.findall(r"<dt>When</dt><dd>([^<]*)</dd>", summary)
    assert whens
    for when in whens:
        assert re.fullmatch(
            r"(From )?\d{1,2} [A-Z][a-z]+ \d{4}( to \d{1,2} [A-Z][a-z]+ \d{4})?"
            r"|The records carry no date\.",
            when,
        ), when


def test_the_summary_says_what_where_why_on_what_basis_how_long_in_days_and_what_erasure_does(
    seeded_person,
):
    request = export_now(ADA, "Email from Ada on 1 December")
    summary = _archive(request)["summary.html"]
    by_kind = {d.kind: d for d in declarations()}
    for kind in seeded_person.records:
        declaration = by_kind[kind]
        for text in (declaration.name, declaration.purpose, *declaration.how_long_kept):
            assert _escaped(text) in summary, (kind, text)
        # The periods themselves: "see retention" points at a staff page the person
        # reading their data cannot see.
        assert "see retention" not in summary
        assert _escaped(declaration.lawful_basis) in summary
        if declaration.exemption:
            assert _escaped(declaration.exemption) in summary
    assert "Deleted" in summary
    assert "Kept" in summary
    assert ADA in summary
    assert ADA_OLD in summary
    assert "Testford East" in summary
    assert "<link" not in summary
    assert "<script" not in summary
    assert "src=" not in summary


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("'", "&#x27;").replace('"', "&quot;")


def test_the_member_records_other_address_finds_the_same_records(seeded_person):
    by_main = export_now(ADA, "Email from Ada").found
    by_other = export_now(ADA_OLD, "Letter from Ada, signed with her old address").found
    assert _seeded(by_main, seeded_person) == _seeded(by_other, seeded_person)
    assert {each["kind"] for each in _seeded(by_main, seeded_person)} == set(
        seeded_person.records
    ) - {AUDIT}
    # The first request, and its audit entry, are hers too: the second export finds them.
    assert _count(by_other, REQUEST) == _count(by_main, REQUEST) + 1
    assert _count(by_other, AUDIT) == _count(by_main, AUDIT) + 1


REQUEST, AUDIT = "personal_data.personaldatarequest", "governance.auditevent"


def _seeded(found, seeded_person):
    """What was found of the kinds seeded, less the requests and audit entries that
    the exports themselves add."""
    return [
        each
        for each in found
        if each["kind"] in seeded_person.records and each["kind"] not in (REQUEST, AUDIT)
    ]


def _count(found, kind):
    return sum(each["count"] for each in found if each["kind"] == kind)


def test_progress_reaches_every_schema_and_the_request_records_what_was_found(seeded_person):
    told = []
    request = export_now(ADA, "Email from Ada", progress=lambda *p: told.append(p))
    assert request.status == PersonalDataRequest.Status.DONE
    assert request.percent_done == 100
    assert request.schemas_done == request.schemas_total == told[-1][1] >= 4
    places = {(each["kind"], each["schema"]) for each in request.found}
    assert ("signups.eventsignup", seeded_person.schemas[1]) in places
    assert ("accounts.user", "public") in places
    counts = {}
    for each in request.found:
        counts[each["kind"]] = counts.get(each["kind"], 0) + each["count"]
    assert counts == {**counts, **seeded_person.records}, counts


def test_every_export_is_audited_with_who_asked_and_why(seeded_person, staff_user):
    request = export_now(ADA, "Email from Ada on 1 December", requested_by=staff_user)
    event = AuditEvent.objects.get(action="personal_data.exported")
    assert event.actor == staff_user
    assert event.details["reason"] == "Email from Ada on 1 December"
    assert event.details["request_id"] == request.pk


def test_someone_unknown_finds_only_their_own_request(db):
    request = export_now("nobody@example.org", "Email from nobody")
    files = _archive(request)
    assert sorted(files) == ["personal_data.personaldatarequest.json", "summary.html"]
    assert [each["kind"] for each in request.found] == ["personal_data.personaldatarequest"]


def test_the_summary_escapes_what_it_shows(db):
    request = PersonalDataRequest.objects.create(
        kind=PersonalDataRequest.Kind.EXPORT, email="ada@example.org", reason="Email"
    )
    signups = next(d for d in declarations() if d.kind == "signups.eventsignup")
    found = [Found(signups, "clp_x", "<script>alert(1)</script> & Co", [{"id": 1}])]
    summary = Report.of(request, ["ada@example.org"], found).summary_html()
    assert "<script>alert" not in summary
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in summary


def test_an_export_that_fails_says_so_on_the_request(db, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(exporting, "find_everywhere", broken)
    with pytest.raises(RuntimeError):
        export_now(ADA, "Email from Ada")
    request = PersonalDataRequest.objects.get()
    assert request.status == PersonalDataRequest.Status.FAILED
    assert request.failure == exporting.FAILED  # the error itself is logged, not shown
    assert not request.file
    assert not AuditEvent.objects.filter(action="personal_data.exported").exists()
