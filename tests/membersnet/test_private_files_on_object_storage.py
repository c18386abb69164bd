"""Members-only files on object storage, as production keeps them (docs/storage.md),
against the tests' own S3 API server (the `object_storage` fixture): nobody can read
them from the bucket; a view that lets someone have one redirects them to a
short-lived signed link, which the storage serves itself (ranges too); everyone else
gets what the view gives them today. The member import's task reads its file from the
bucket. The same views on local folders: tests/membersnet/training, rulebook, members."""

import datetime as dt

import pytest
import requests
import time_machine
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile

from labourhub.settings.object_storage import SIGNED_URL_SECONDS
from membersnet.members import tasks as members_tasks
from membersnet.members.models import Member, MemberImport
from tests.factories import make_member
from tests.helpers import client_for

from .members.shared import CSV
from .rulebook.shared import PDF, add_standing_orders
from .training.shared import CAPTIONS, VIDEO, add_resource, add_video, make_course

LOGIN = "/accounts/login/"


def _ago(seconds: int) -> dt.datetime:
    return dt.datetime.now(dt.UTC) - dt.timedelta(seconds=seconds)


@pytest.fixture
def lesson(db):
    course = make_course(lessons=1)
    lesson = course.lessons.get(position=1)
    add_video(lesson)
    add_resource(lesson)
    return lesson


@pytest.fixture
def member_officer_a(officer_a):
    """clp_a's Secretary, who (like every officer) is a member of clp_a."""
    assert officer_a.member.constituency_id == officer_a.appointments.get().constituency_id
    return officer_a


@pytest.fixture
def member_officer_b(officer_b):
    return officer_b


def hub(user=None):
    return client_for("localhost", user)


def video_url(lesson, kind="video"):
    return f"{lesson.get_absolute_url()}{kind}/"


def signed_link(response, object_storage) -> str:
    """The signed link a view redirected to, checked for what every such answer has."""
    assert response.status_code == 302, response.status_code
    link = response["Location"]
    assert link.startswith(f"{object_storage.server.url}/{object_storage.private_bucket}/")
    assert "X-Amz-Signature=" in link
    assert f"X-Amz-Expires={SIGNED_URL_SECONDS}" in link
    assert response["Cache-Control"] == "private, no-store"
    return link


# --- nobody reads them from the bucket ----------------------------------------------


def test_members_only_files_are_in_the_private_bucket_and_not_readable_without_a_signature(
    object_storage, lesson, clp_a
):
    orders = add_standing_orders(clp_a)
    keys = object_storage.keys(object_storage.private_bucket)
    assert keys == sorted(
        [
            lesson.video.name,
            lesson.captions.name,
            lesson.resources.get().file.name,
            orders.file.name,
        ]
    )
    assert object_storage.keys(object_storage.media_bucket) == []
    for key in keys:
        unsigned = object_storage.unsigned_url(object_storage.private_bucket, key)
        assert requests.get(unsigned, timeout=10).status_code == 403, key


# --- a member is sent to a signed link, which the storage serves ---------------------


def test_a_member_is_sent_to_a_signed_link_that_plays_the_video(
    object_storage, lesson, member_user
):
    link = signed_link(hub(member_user).get(video_url(lesson)), object_storage)
    assert f"/{lesson.video.name}?" in link

    whole = requests.get(link, timeout=10)
    assert whole.status_code == 200
    assert whole.content == VIDEO
    assert whole.headers["Content-Type"] == "video/webm"
    assert whole.headers["Content-Disposition"].startswith("inline;")


def test_the_signed_link_answers_range_requests_so_the_video_can_seek(
    object_storage, lesson, member_user
):
    link = signed_link(hub(member_user).get(video_url(lesson)), object_storage)
    first = requests.get(link, headers={"Range": "bytes=0-99"}, timeout=10)
    assert first.status_code == 206
    assert first.content == VIDEO[:100]
    assert first.headers["Content-Range"] == f"bytes 0-99/{len(VIDEO)}"
    later = requests.get(link, headers={"Range": "bytes=1000-"}, timeout=10)
    assert later.status_code == 206
    assert later.content == VIDEO[1000:]


def test_captions_are_answered_by_the_app_itself(object_storage, lesson, member_user):
    """A <track> would not follow a redirect to the storage's origin."""
    response = hub(member_user).get(video_url(lesson, "captions"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/vtt"
    assert b"".join(response.streaming_content) == CAPTIONS


def test_a_resource_is_downloaded_from_a_signed_link_under_its_own_name(
    object_storage, lesson, member_user
):
    resource = lesson.resources.get()
    url = f"{lesson.get_absolute_url()}resources/{resource.pk}/"
    download = requests.get(signed_link(hub(member_user).get(url), object_storage), timeout=10)
    assert download.status_code == 200
    assert download.content == b"1. Check it.\n"
    assert download.headers["Content-Disposition"] == 'attachment; filename="checklist.txt"'


def test_standing_orders_are_downloaded_from_a_signed_link(object_storage, clp_a, member_user):
    orders = add_standing_orders(clp_a)
    link = signed_link(hub(member_user).get(orders.file.url), object_storage)
    download = requests.get(link, timeout=10)
    assert download.status_code == 200
    assert download.content == PDF
    assert download.headers["Content-Type"] == "application/pdf"
    assert f'filename="{orders.download_name}"' in download.headers["Content-Disposition"]


def test_a_missing_file_is_not_found_rather_than_sent_to_the_bucket(
    object_storage, lesson, member_user
):
    storages["private"].delete(lesson.video.name)
    assert hub(member_user).get(video_url(lesson)).status_code == 404


# --- links that have expired or were altered are refused -----------------------------


def test_a_link_is_refused_once_it_has_expired(object_storage, lesson):
    with time_machine.travel(_ago(SIGNED_URL_SECONDS + 60)):
        link = lesson.video.storage.signed_url(lesson.video.name)
    refused = requests.get(link, timeout=10)
    assert refused.status_code == 403
    assert "Request has expired" in refused.text


def test_a_link_is_good_until_it_expires(object_storage, lesson):
    with time_machine.travel(_ago(SIGNED_URL_SECONDS - 60)):
        link = lesson.video.storage.signed_url(lesson.video.name)
    assert requests.get(link, timeout=10).status_code == 200


def _another_file(link, lesson):
    return link.replace(lesson.video.name, lesson.resources.get().file.name)


def _longer_life(link, lesson):
    return link.replace(f"X-Amz-Expires={SIGNED_URL_SECONDS}", "X-Amz-Expires=604800")


def _bad_signature(link, lesson):
    return link[:-4] + ("0000" if not link.endswith("0000") else "1111")


@pytest.mark.parametrize("alter", [_another_file, _longer_life, _bad_signature])
def test_an_altered_link_is_refused(object_storage, lesson, member_user, alter):
    link = signed_link(hub(member_user).get(video_url(lesson)), object_storage)
    altered = alter(link, lesson)
    assert altered != link
    refused = requests.get(altered, timeout=10)
    assert refused.status_code == 403
    assert "SignatureDoesNotMatch" in refused.text


# --- who gets a link: the views decide, as on local folders ---------------------------


@pytest.mark.parametrize(
    ("who", "answer"),
    [
        ("anonymous", "sign in"),
        ("member_user", "link"),
        ("member_officer_a", "link"),
        ("member_officer_b", "refused"),  # another CLP's officer
        ("staff_user", "link"),
        ("non_member_user", "refused"),
        ("lapsed_member", "refused"),
    ],
)
def test_who_gets_a_link_to_a_clps_standing_orders(object_storage, clp_a, request, who, answer):
    orders = add_standing_orders(clp_a)
    user = None if who == "anonymous" else request.getfixturevalue(who)
    response = hub(user).get(orders.file.url)
    _check_answer(response, answer, object_storage, PDF)


@pytest.mark.parametrize(
    ("who", "answer"),
    [
        ("anonymous", "sign in"),
        ("member_user", "link"),
        ("member_officer_a", "link"),
        ("member_officer_b", "link"),  # training is for every member, whatever their CLP
        ("officer_by_exception", "refused"),
        ("staff_user", "link"),
        ("non_member_user", "refused"),
        ("lapsed_member", "refused"),
    ],
)
def test_who_gets_a_link_to_a_training_video(object_storage, lesson, request, who, answer):
    user = None if who == "anonymous" else request.getfixturevalue(who)
    _check_answer(hub(user).get(video_url(lesson)), answer, object_storage, VIDEO)


def _check_answer(response, answer, object_storage, content):
    if answer == "sign in":
        assert response.status_code == 302
        assert response["Location"].startswith(LOGIN)
    elif answer == "refused":
        assert response.status_code == 403
        assert object_storage.server.url not in response.content.decode()
    else:
        fetched = requests.get(signed_link(response, object_storage), timeout=10)
        assert fetched.status_code == 200
        assert fetched.content == content


def test_a_member_of_another_clp_cannot_have_its_standing_orders(object_storage, clp_a, clp_b):
    orders = add_standing_orders(clp_a)
    member_b = make_member(clp_b, email="member.b@example.org")
    assert hub(member_b).get(orders.file.url).status_code == 403


# --- the member import's task reads its file from the bucket -------------------------


def test_the_member_import_task_reads_its_file_from_the_private_bucket(
    object_storage, staff_user, clp_a, clp_b, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile("members.csv", CSV.encode(), content_type="text/csv")
    with django_capture_on_commit_callbacks() as queued:
        response = hub(staff_user).post("/admin/member-import/", {"file": upload})
    assert response.status_code == 302
    member_import = MemberImport.objects.get()
    key = member_import.file.name
    assert key.startswith("member-imports/")
    assert object_storage.keys(object_storage.private_bucket) == [key]
    unsigned = object_storage.unsigned_url(object_storage.private_bucket, key)
    assert requests.get(unsigned, timeout=10).status_code == 403
    with pytest.raises(NotImplementedError):
        storages["private"].path(key)  # no file on this machine: the worker must open() it

    assert len(queued) == 1  # run_member_import, sent once the upload commits

    # The task, as a worker runs it (in-process here), on another machine than the upload.
    assert members_tasks.run_member_import.delay(member_import.pk).get() == "finished"
    member_import.refresh_from_db()
    assert member_import.status == MemberImport.Status.FINISHED, member_import.failure
    assert Member.objects.filter(membership_number__in=["L1000001", "L1000002"]).count() == 2
    assert object_storage.keys(object_storage.private_bucket) == []  # deleted once read
