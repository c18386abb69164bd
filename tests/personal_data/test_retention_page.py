"""Central staff's "Personal data → Retention" page: every declared kind, how long it is
kept (the periods settings give now) and what the last run removed; nobody else sees
it, and constituencies' admins do not serve it."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from personal_data.models import RetentionRun
from personal_data.retention import apply_retention
from privacy.registry import declarations
from tests.helpers import client_for, html_of, page_of, text_of

from .retention_rows import NOW, audit, started

PAGE = "/admin/personal-data/retention/"


@pytest.fixture
def people(staff_user, member_user, officer_a, officer_b):
    return {
        "anonymous": None,
        "member": member_user,
        "officer of this CLP": officer_a,
        "officer of another CLP": officer_b,
        "staff": staff_user,
    }


@pytest.mark.parametrize(
    ("who", "where", "expected"),
    [
        ("anonymous", "hub", "login"),
        ("member", "hub", 403),
        ("officer of this CLP", "hub", 403),
        ("officer of another CLP", "hub", 403),
        ("staff", "hub", 200),
        ("anonymous", "site", "login"),
        ("member", "site", 403),
        ("officer of this CLP", "site", 404),
        ("officer of another CLP", "site", 403),
        ("staff", "site", 404),
    ],
)
def test_only_central_staff_on_the_hub_see_retention(people, clp_a, who, where, expected):
    host = "localhost" if where == "hub" else clp_a
    response = client_for(host, people[who]).get(PAGE)
    if expected == "login":
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == expected
    if expected != 200:
        assert b"How long it is kept" not in response.content


def test_every_declared_kind_is_listed_with_how_long_it_is_kept(staff):
    text = page_of(staff.get(PAGE))
    for declaration in declarations():
        assert declaration.name in text
        for line in declaration.how_long_kept:
            assert line in text
    assert "Deleted 1 year (365 days) after the event (or its last shift) ends" in text
    assert "Never confirmed: deleted 30 days after it was written" in text
    assert (
        "The reporter's name and address: removed 1 year (365 days) after the report is "
        "closed; the record stays" in text
    )
    assert "As long as the account; deleted with it" in text  # no rule: what `kept` says
    assert "Retention has not run yet." in text


def test_the_periods_are_the_settings_now(staff, settings):
    settings.PERSONAL_DATA_RETENTION = {**settings.PERSONAL_DATA_RETENTION, "messages": 90}
    text = page_of(staff.get(PAGE))
    assert "Deleted 3 months (90 days) after it was sent" in text
    assert "PERSONAL_DATA_RETENTION_MESSAGES_DAYS" in text
    for name in settings.PERSONAL_DATA_RETENTION:
        assert f"PERSONAL_DATA_RETENTION_{name.upper()}_DAYS" in text


def test_the_last_run_and_what_it_removed_are_shown(staff, clp_b):
    audit("old", started("audit_log", 1))
    apply_retention(now=NOW)
    response = staff.get(PAGE)
    assert "It removed: audit_log: 1" in text_of(response)
    row = re.search(r'<th scope="row">Audit log entries</th>(.*?)</tr>', html_of(response), re.S)
    cells = [cell.strip() for cell in re.findall(r"<td>(.*?)</td>", row[1], re.S)]
    assert cells[1] == "The hub"
    assert cells[-1] == "1"  # removed by the last run

    RetentionRun.objects.create(
        started_at=timezone.now(),
        finished_at=timezone.now(),
        schemas=2,
        failures=[{"schema": clp_b.schema_name, "error": "RuntimeError: disk full"}],
    )
    text = text_of(staff.get(PAGE))
    assert f"{clp_b.schema_name}: RuntimeError: disk full" in text
    assert "Nothing was past its period." in text
    assert "Recent runs" in text
    assert "audit_log 1" in text


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(PAGE).status_code == 200
    return len(queries)


def test_the_page_takes_the_same_queries_however_many_runs(staff, django_assert_max_num_queries):
    apply_retention(now=NOW)
    staff.get(PAGE)  # the session and the admin's caches warmed
    one_run = _queries(staff)
    for _ in range(30):
        apply_retention(now=NOW)
    assert _queries(staff) == one_run
    with django_assert_max_num_queries(20):
        staff.get(PAGE)


def test_the_menu_offers_retention_to_staff_on_the_hub_only(staff_user, officer_a, clp_a):
    hub_admin = html_of(client_for("localhost", staff_user).get("/admin/"))
    assert "personal-data-retention" in hub_admin or PAGE in hub_admin
    for host, user in (("localhost", officer_a), (clp_a, staff_user), (clp_a, officer_a)):
        assert PAGE not in html_of(client_for(host, user).get("/admin/"))
