"""Central staff's "Personal data" screens in the hub's admin: find a person, follow the
export's progress, download the ZIP, list the requests."""

import zipfile
from io import BytesIO

import pytest

from governance.models import AuditEvent
from personal_data.models import PersonalDataRequest
from tests.helpers import client_for, page_of

from .conftest import ADA, OTHER

FIND = "/admin/personal-data/"
REQUESTS = "/admin/personal-data/requests/"
WHY = "Email from Ada of 1 December, identity checked"


@pytest.fixture
def people(staff_user, member_user, officer_a, officer_b):
    return {
        "anonymous": None,
        "member": member_user,
        "officer of this CLP": officer_a,
        "officer of another CLP": officer_b,
        "staff": staff_user,
    }


def _done_request(staff_user, email=ADA):
    return PersonalDataRequest.objects.create(
        kind=PersonalDataRequest.Kind.EXPORT, email=email, reason=WHY, requested_by=staff_user
    )


def test_staff_find_a_person_follow_the_export_and_download_it(
    staff, staff_user, seeded_person, django_capture_on_commit_callbacks
):
    assert "Find a person" in page_of(staff.get(FIND))
    with django_capture_on_commit_callbacks() as queued:
        response = staff.post(FIND, {"email": f" {ADA.upper()} ", "reason": WHY})
    request = PersonalDataRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{REQUESTS}{request.pk}/"
    assert (request.email, request.reason, request.requested_by) == (ADA, WHY, staff_user)
    waiting = staff.get(response["Location"]).content.decode()
    assert "Waiting to start." in waiting
    assert '<meta http-equiv="refresh"' in waiting

    for send in queued:
        send()  # the transaction commits: the export runs (in-process here)
    request.refresh_from_db()
    assert request.status == PersonalDataRequest.Status.DONE
    page = staff.get(response["Location"]).content.decode()
    assert "refresh" not in page
    assert "What was found" in page
    assert "Sign-ups" in page or "sign-ups" in page.lower()
    assert "Testford East" in page
    assert "<td>Deleted</td>" in page
    assert "<td>Kept: The audit log is kept" in page  # with the exemption
    assert f"{REQUESTS}{request.pk}/download/" in page

    download = staff.get(f"{REQUESTS}{request.pk}/download/")
    assert download.status_code == 200
    assert "attachment" in download["Content-Disposition"]
    assert f"personal-data-{ADA}-" in download["Content-Disposition"]
    archive = zipfile.ZipFile(BytesIO(b"".join(download.streaming_content)))
    assert "summary.html" in archive.namelist()
    assert OTHER not in b"".join(archive.read(n) for n in archive.namelist()).decode()
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"personal_data.exported", "personal_data.export_downloaded"} <= actions
    downloaded = AuditEvent.objects.get(action="personal_data.export_downloaded")
    assert downloaded.actor == staff_user


def test_a_running_export_shows_how_far_it_has_got(staff, staff_user):
    request = _done_request(staff_user)
    request.status = PersonalDataRequest.Status.RUNNING
    request.schemas_done, request.schemas_total = 130, 651
    request.save()
    page = page_of(staff.get(f"{REQUESTS}{request.pk}/"))
    assert "Searching: 20% (130 of 651 schemas)" in page


def test_staff_can_stop_a_running_request_page_refreshing_itself(staff, staff_user):
    request = _done_request(staff_user)
    url = f"{REQUESTS}{request.pk}/"
    assert '<meta http-equiv="refresh"' in staff.get(url).content.decode()
    still = staff.get(f"{url}?refresh=off").content.decode()
    assert '<meta http-equiv="refresh"' not in still
    assert "Waiting to start." in still
    assert '<a href="?refresh=off">Check again</a>' in still


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "ada at example", "reason": WHY}, "Enter an email address in the form"),
        ({"email": "", "reason": WHY}, "Enter the person&#x27;s email address."),
        ({"email": ADA, "reason": "   "}, "Say why: the request this answers."),
        ({"email": ADA, "reason": ""}, "Say why: the request this answers."),
    ],
)
def test_bad_input_keeps_what_was_typed_says_why_and_starts_nothing(staff, data, message):
    response = staff.post(FIND, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    if data["email"]:
        assert f'value="{data["email"]}"' in page
    assert not PersonalDataRequest.objects.exists()


@pytest.mark.parametrize(
    ("who", "where", "expected"),
    [
        ("anonymous", "hub", "login"),
        ("member", "hub", 403),
        ("officer of this CLP", "hub", 403),
        ("officer of this CLP", "site", 404),
        ("officer of another CLP", "site", 403),  # no admin of that site at all
        ("staff", "hub", 200),
        ("staff", "site", 404),
    ],
)
@pytest.mark.parametrize("screen", ["find", "list", "request", "download"])
def test_only_central_staff_on_the_hub_reach_the_screens(
    people, staff_user, clp_a, who, where, expected, screen, tmp_path
):
    request = _done_request(staff_user)
    request.file.save("x.zip", BytesIO(b"PK\x05\x06" + b"\0" * 18))
    url = {
        "find": FIND,
        "list": REQUESTS,
        "request": f"{REQUESTS}{request.pk}/",
        "download": f"{REQUESTS}{request.pk}/download/",
    }[screen]
    client = client_for("localhost" if where == "hub" else clp_a, people[who])
    response = client.get(url)
    if expected == "login":
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == expected
    posted = client.post(FIND, {"email": ADA, "reason": WHY})
    assert posted.status_code != 302 or who == "staff" or expected == "login"
    if who != "staff" or where != "hub":
        assert PersonalDataRequest.objects.count() == 1
        assert not AuditEvent.objects.filter(action="personal_data.export_downloaded").exists()


def test_the_menu_shows_personal_data_to_staff_on_the_hub_only(staff_user, officer_a, clp_a):
    assert FIND in client_for("localhost", staff_user).get("/admin/").content.decode()
    assert FIND not in client_for(clp_a, staff_user).get("/admin/").content.decode()
    assert FIND not in client_for(clp_a, officer_a).get("/admin/").content.decode()


def test_the_list_shows_who_asked_about_whom_why_and_when_in_the_same_queries(
    staff, staff_user, django_assert_max_num_queries
):
    _done_request(staff_user)
    staff.get(REQUESTS)
    with django_assert_max_num_queries(30) as few:
        page_of(staff.get(REQUESTS))
    for number in range(30):
        _done_request(staff_user, email=f"person{number}@example.org")
    with django_assert_max_num_queries(30) as many:
        page = page_of(staff.get(REQUESTS))
    assert len(many) == len(few)
    assert "person29@example.org" in page
    assert WHY in page
    assert str(staff_user) in page


def test_a_failed_export_says_why_and_offers_no_download(staff, staff_user):
    request = _done_request(staff_user)
    request.status = PersonalDataRequest.Status.FAILED
    request.failure = "The export stopped because of an unexpected error."
    request.save()
    response = staff.get(f"{REQUESTS}{request.pk}/")
    page = response.content.decode()
    assert 'role="alert"' in page
    assert "The export stopped because of an unexpected error." in page
    assert "/download/" not in page
    assert "refresh" not in page
    assert staff.get(f"{REQUESTS}{request.pk}/download/").status_code == 404


def test_an_erasure_in_the_list_leads_to_its_own_page(staff, staff_user):
    erasure = PersonalDataRequest.objects.create(
        kind=PersonalDataRequest.Kind.ERASURE, email=ADA, reason=WHY, requested_by=staff_user
    )
    erasure_page = f"/admin/personal-data/erase/{erasure.pk}/"
    assert erasure_page in page_of(staff.get(REQUESTS))
    response = staff.get(f"{REQUESTS}{erasure.pk}/")
    assert response.status_code == 302
    assert response["Location"] == erasure_page
