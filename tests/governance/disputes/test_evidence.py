"""Screenshots as evidence: uploaded by the disputes team, read with Pillow before they
are stored, kept in private storage and served to the team only."""

import pytest
import requests
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile

from governance.disputes import evidence
from governance.disputes.casework import change_case_state
from governance.models import AuditEvent, CaseEvidence, DisputeCase
from tests.helpers import client_for, text_of

from .conftest import case_url, image_bytes

State = DisputeCase.State


def upload(name="profile.png", data=None, content_type="image/png"):
    return SimpleUploadedFile(name, image_bytes() if data is None else data, content_type)


def stored_files():
    storage = storages["private"]
    if not storage.exists("dispute-evidence"):
        return []
    return storage.listdir("dispute-evidence")[1]


@pytest.mark.parametrize(("kind", "extension"), [("PNG", ".png"), ("JPEG", ".jpg")])
def test_the_team_adds_a_screenshot_that_only_the_team_can_open(
    disputes_user, staff_user, case_a, clp_a, officer_a, post, kind, extension
):
    team = client_for("localhost", disputes_user)
    data = image_bytes(kind, (64, 48))
    response = post(
        team,
        case_url(case_a, "evidence"),
        {
            "image": upload("My Screenshot.PNG", data),
            "description": "Profile page, 3 March, claiming to be the CLP",
        },
    )
    assert response.status_code == 302
    item = CaseEvidence.objects.get()
    assert (item.width, item.height, item.size) == (64, 48, len(data))
    assert item.original_name == "My Screenshot.PNG"
    assert item.image.name.startswith("dispute-evidence/")
    assert item.image.name.endswith(extension)  # the format read, not the name given
    assert (case_a.history.last().kind, case_a.history.last().actor) == ("evidence", disputes_user)
    added = AuditEvent.objects.get(action="dispute.evidence_added")
    assert added.details == {"case": case_a.pk, "evidence": item.pk, "bytes": len(data)}

    file_url = f"{case_url(case_a)}evidence/{item.pk}/"
    assert "Profile page, 3 March" in text_of(team.get(case_url(case_a)))
    response = team.get(file_url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == data
    assert "no-store" in response["Cache-Control"]  # the admin keeps nothing in caches
    assert response["X-Content-Type-Options"] == "nosniff"

    assert client_for("localhost", staff_user).get(file_url).status_code == 403
    assert client_for(clp_a, officer_a).get(file_url).status_code == 404
    assert client_for("localhost").get(file_url).status_code == 302
    # Another case's address does not reach it.
    assert team.get(f"/admin/disputes/{case_a.pk + 1000}/evidence/{item.pk}/").status_code == 404


@pytest.mark.parametrize(
    ("image", "description", "message"),
    [
        (None, "Profile", "Choose a screenshot to upload."),
        (
            SimpleUploadedFile("notes.png", b"not an image at all", "image/png"),
            "Profile",
            "That isn't an image we can read",
        ),
        (
            SimpleUploadedFile("cut.png", image_bytes()[:60], "image/png"),
            "Profile",
            "That isn't an image we can read",
        ),
        (
            SimpleUploadedFile("page.bmp", image_bytes("BMP"), "image/bmp"),
            "Profile",
            "That isn't an image we can read",
        ),
        ("good", "", "Say what the screenshot shows"),
        ("good", "d" * 301, "Keep it to 300 characters."),
    ],
)
def test_a_bad_upload_is_refused_and_nothing_is_stored(
    disputes_user, case_a, post, image, description, message
):
    data = {"description": description}
    if image == "good":
        data["image"] = upload()
    elif image is not None:
        data["image"] = image
    response = post(client_for("localhost", disputes_user), case_url(case_a, "evidence"), data)
    assert response.status_code == 400
    assert message in text_of(response)
    if description and len(description) < 300:
        assert f'value="{description}"' in response.content.decode()
    assert not CaseEvidence.objects.exists()
    assert stored_files() == []
    assert case_a.history.count() == 1
    assert not AuditEvent.objects.filter(action="dispute.evidence_added").exists()


def test_a_file_over_the_size_limit_is_refused_unread(disputes_user, case_a, monkeypatch, post):
    monkeypatch.setattr(evidence, "MAX_BYTES", 100)
    response = post(
        client_for("localhost", disputes_user),
        case_url(case_a, "evidence"),
        {"image": upload(), "description": "Big"},
    )
    assert response.status_code == 400
    assert "That file is over" in text_of(response)
    assert stored_files() == []


def test_an_image_with_too_many_pixels_is_refused(disputes_user, case_a, monkeypatch, post):
    monkeypatch.setattr(evidence, "MAX_PIXELS", 100)
    response = post(
        client_for("localhost", disputes_user),
        case_url(case_a, "evidence"),
        {"image": upload(), "description": "Huge"},
    )
    assert response.status_code == 400
    assert "too large in pixels" in text_of(response)
    assert stored_files() == []


def test_a_closed_case_takes_no_more_evidence(disputes_user, case_a):
    for state in (State.INVESTIGATING, State.NO_ACTION, State.CLOSED):
        change_case_state(case_a, state, actor=disputes_user, note="x")
    with pytest.raises(Exception, match="closed case takes no more evidence"):
        evidence.add_screenshot(case_a, upload(), actor=disputes_user, description="Late")
    assert stored_files() == []


@pytest.mark.parametrize("who", ["staff_user", "officer_a", "member_user"])
def test_nobody_outside_the_team_can_upload(request, case_a, post, who):
    user = request.getfixturevalue(who)
    response = post(
        client_for("localhost", user),
        case_url(case_a, "evidence"),
        {"image": upload(), "description": "Mine"},
    )
    assert response.status_code == 403
    assert not CaseEvidence.objects.exists()
    assert stored_files() == []


def test_on_object_storage_a_screenshot_is_private_and_the_team_gets_a_signed_link(
    object_storage, disputes_user, staff_user, case_a
):
    data = image_bytes()
    item = evidence.add_screenshot(
        case_a, upload(data=data), actor=disputes_user, description="Bio"
    )
    assert object_storage.keys(object_storage.private_bucket) == [item.image.name]
    unsigned = object_storage.unsigned_url(object_storage.private_bucket, item.image.name)
    assert requests.get(unsigned, timeout=10).status_code == 403

    file_url = f"{case_url(case_a)}evidence/{item.pk}/"
    response = client_for("localhost", disputes_user).get(file_url)
    assert response.status_code == 302
    assert "X-Amz-Signature=" in response["Location"]
    assert requests.get(response["Location"], timeout=10).content == data
    assert client_for("localhost", staff_user).get(file_url).status_code == 403
