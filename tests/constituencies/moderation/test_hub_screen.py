"""Central staff's hub screen of every constituency's drafts waiting for approval."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roles.models import Role
from tests.factories import make_officer
from tests.helpers import client_for, html_of, text_of

from .conftest import add_news

URL = "/admin/moderation/pending/"


@pytest.fixture
def waiting_in_both(clp_a, clp_b, submitted, in_schema):
    editor_b = make_officer(clp_b, Role.EDITOR, email="editor.b@example.org", first_name="Bryn")
    add_news(client_for(clp_b, editor_b), clp_b, in_schema, "Hustings in Welsh")
    return submitted


def test_staff_see_every_constituencys_waiting_drafts(staff, clp_a, clp_b, waiting_in_both):
    response = staff.get(URL)
    assert response.status_code == 200
    text = text_of(response)
    assert "2 drafts waiting in 2 constituencies" in text
    assert "Testford North" in text
    assert "Testford South" in text
    assert "Street stall Saturday" in text
    assert "Hustings in Welsh" in text
    assert "Bryn" in text
    page = html_of(response)
    assert f'href="http://{clp_a.primary_domain}/admin/pages/{waiting_in_both.pk}/edit/"' in page
    assert f'href="http://{clp_b.primary_domain}/admin/"' in page


def test_nothing_waiting_says_so(staff, clp_a):
    assert "No draft is waiting for approval" in text_of(staff.get(URL))


def test_the_screen_reads_the_shared_index_whatever_the_number_of_constituencies(
    staff, clp_a, clp_b, submitted, in_schema
):
    staff.get(URL)  # warm the session and Wagtail's caches
    with CaptureQueriesContext(connection) as one:
        staff.get(URL)
    editor_b = make_officer(clp_b, Role.EDITOR, email="editor.b@example.org")
    add_news(client_for(clp_b, editor_b), clp_b, in_schema, "Hustings in Welsh")
    with CaptureQueriesContext(connection) as two:
        assert "Hustings in Welsh" in text_of(staff.get(URL))
    assert len(two.captured_queries) == len(one.captured_queries)
    assert not any("workflowstate" in query["sql"] for query in two.captured_queries)


@pytest.mark.parametrize(
    ("who", "expected"),
    [(None, 302), ("member_user", 403), ("officer_a", 403)],
)
def test_only_central_staff_may_look(who, expected, request, hub, waiting_in_both):
    user = request.getfixturevalue(who) if who else None
    response = client_for("localhost", user).get(URL)
    assert response.status_code == expected
    assert "Street stall Saturday" not in response.content.decode()


def test_the_screen_is_not_in_a_constituencys_admin(clp_a, staff_user, officer_a):
    assert client_for(clp_a, staff_user).get(URL).status_code == 404
    assert client_for(clp_a, officer_a).get(URL).status_code in (403, 404)


def test_the_menu_offers_it_to_staff_on_the_hub_only(staff, clp_a, staff_user):
    assert URL in html_of(staff.get("/admin/"))
    assert URL not in html_of(client_for(clp_a, staff_user).get("/admin/"))


def test_the_hub_cannot_make_a_task_whose_table_is_in_constituencies_only(staff):
    response = staff.get("/admin/workflows/tasks/add/moderation/officersapprovaltask/")
    assert response.status_code == 404
