"""Central staff, in a real browser, answer a subject access request from the hub's
admin: "Personal data" → "Find a person", the address and why, the request's page
until the export is done, then the ZIP."""

import uuid
import zipfile

import pytest
from playwright.sync_api import expect

from governance.models import AuditEvent
from personal_data.models import PersonalDataRequest
from tests.browser.conftest import sign_in
from tests.factories import UserFactory

PASSWORD = "correct horse battery staple"
HUB = "localhost"


@pytest.fixture
def suffix():
    return uuid.uuid4().hex[:6]


@pytest.fixture
def data_officer(committed, suffix):
    with committed():
        user = UserFactory(
            email=f"dpo-{suffix}@example.org",
            first_name="Dee",
            last_name="Protection",
            is_central_staff=True,
            mfa=True,
        )

    @committed.defer
    def forget_the_requests():
        for request in PersonalDataRequest.objects.filter(reason__contains=suffix):
            AuditEvent.objects.filter(
                record=f"personal_data.PersonalDataRequest:{request.pk}"
            ).delete()
            request.file.delete(save=False)
            request.delete()

    return committed.cleanup(user)


def test_staff_find_a_person_and_download_what_is_held(
    desktop, site, data_officer, suffix, screenshots, tmp_path
):
    page = desktop
    sign_in(page, site, HUB, data_officer.email, PASSWORD, next_path="/admin/personal-data/")
    expect(page.get_by_role("heading", name="Find a person")).to_be_visible()
    page.get_by_label("Email address").fill("not an address")
    page.get_by_role("button", name="Find and export").click()
    expect(page.get_by_text("Enter an email address in the form")).to_be_visible()
    expect(page.get_by_text("Say why: the request this answers.")).to_be_visible()
    screenshots(page, "bad-input")

    page.get_by_label("Email address").fill(data_officer.email)
    page.get_by_label("Why").fill(f"Test request {suffix}, identity checked")
    page.get_by_role("button", name="Find and export").click()
    expect(page.get_by_role("heading", name="What was found")).to_be_visible(timeout=20_000)
    expect(page.get_by_role("cell", name="Account", exact=True)).to_be_visible()
    screenshots(page, "found")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download the ZIP").click()
    path = tmp_path / "export.zip"
    download.value.save_as(path)
    with zipfile.ZipFile(path) as archive:
        assert "summary.html" in archive.namelist()
        assert data_officer.email in archive.read("summary.html").decode()

    page.goto(site.url("/admin/personal-data/requests/", host=HUB))
    expect(page.get_by_role("row").filter(has_text=f"Test request {suffix}")).to_contain_text(
        "Done"
    )
    screenshots(page, "requests")
