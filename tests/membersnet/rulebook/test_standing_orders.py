"""CLP standing orders: who may upload them, and who may read them."""

import datetime as dt
import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from membersnet.rulebook.models import (
    StandingOrders,
)
from membersnet.rulebook.standing_orders import upload_standing_orders

from .shared import PDF, add_standing_orders, docx, hub, pdf


def _upload(client, constituency, **overrides):
    data = {
        "title": "Our standing orders",
        "adopted_on": "2026-03-14",
        "file": pdf(),
        "text": "SO 1. The branch meets monthly.",
        **overrides,
    }
    return client.post(f"/membersnet/rulebook/standing-orders/{constituency.slug}/upload/", data)


def test_the_secretary_can_upload_their_clps_standing_orders(secretary_a, clp_a):
    client = hub(secretary_a)
    assert (
        client.get(f"/membersnet/rulebook/standing-orders/{clp_a.slug}/upload/").status_code == 200
    )
    response = _upload(client, clp_a)
    orders = StandingOrders.objects.get()
    assert response.status_code == 302
    assert response["Location"] == orders.get_absolute_url()
    assert orders.constituency == clp_a
    assert orders.uploaded_by == secretary_a
    assert orders.adopted_on == dt.date(2026, 3, 14)
    assert orders.file.read() == PDF


def test_uploaded_files_are_kept_in_private_storage(secretary_a, clp_a, settings, tmp_path):
    _upload(hub(secretary_a), clp_a)
    orders = StandingOrders.objects.get()
    assert str(orders.file.path).startswith(str(tmp_path / "private-media"))
    assert clp_a.gss_code in orders.file.name
    assert "standing-orders.pdf" not in orders.file.name


def test_a_member_who_is_not_an_officer_cannot_upload(member_user, clp_a):
    client = hub(member_user)
    assert (
        client.get(f"/membersnet/rulebook/standing-orders/{clp_a.slug}/upload/").status_code == 403
    )
    assert _upload(client, clp_a).status_code == 403
    assert not StandingOrders.objects.exists()


def test_another_clps_secretary_cannot_upload_for_this_clp(secretary_b, clp_a):
    assert _upload(hub(secretary_b), clp_a).status_code == 403
    assert not StandingOrders.objects.exists()


def test_the_upload_operation_refuses_anyone_but_the_secretary(member_user, clp_a):

    with pytest.raises(PermissionDenied):
        upload_standing_orders(
            constituency=clp_a,
            by=member_user,
            title="Ours",
            adopted_on=dt.date(2026, 1, 1),
            file=pdf(),
            text="SO 1.",
        )


def test_members_of_the_clp_can_read_its_standing_orders(clp_a, member_user):
    orders = add_standing_orders(clp_a, text="SO 7. Quorum.")
    client = hub(member_user)
    listing = client.get(f"/membersnet/rulebook/standing-orders/{clp_a.slug}/").content.decode()
    assert orders.title in listing
    assert "Upload standing orders" not in listing
    assert "SO 7. Quorum." in client.get(orders.get_absolute_url()).content.decode()
    assert client.get(orders.file.url).status_code == 200


def test_a_member_is_taken_to_their_own_clps_standing_orders(clp_a, member_user):
    response = hub(member_user).get("/membersnet/rulebook/standing-orders/")
    assert response["Location"] == f"/membersnet/rulebook/standing-orders/{clp_a.slug}/"


def test_members_of_another_clp_cannot_read_its_standing_orders(clp_a, member_b):
    orders = add_standing_orders(clp_a)
    client = hub(member_b)
    for url in (
        f"/membersnet/rulebook/standing-orders/{clp_a.slug}/",
        orders.get_absolute_url(),
        orders.file.url,
    ):
        response = client.get(url)
        assert response.status_code == 403, url
        assert orders.text not in response.content.decode()


def test_central_staff_can_read_every_clps_standing_orders(clp_a, clp_b, staff_user):
    north, south = add_standing_orders(clp_a), add_standing_orders(clp_b)
    client = hub(staff_user)
    for orders in (north, south):
        assert client.get(orders.get_absolute_url()).status_code == 200
        assert client.get(orders.file.url).status_code == 200
    listing = client.get("/membersnet/rulebook/standing-orders/").content.decode()
    assert clp_a.name in listing
    assert clp_b.name in listing


def test_the_secretary_sees_the_upload_button(secretary_a, clp_a):
    page = hub(secretary_a).get(f"/membersnet/rulebook/standing-orders/{clp_a.slug}/")
    assert "Upload standing orders" in page.content.decode()


def test_an_odt_or_docx_is_accepted(secretary_a, clp_a):
    odt = io.BytesIO()
    with zipfile.ZipFile(odt, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office/>")
    assert _upload(hub(secretary_a), clp_a, file=docx()).status_code == 302
    odt_file = SimpleUploadedFile("orders.odt", odt.getvalue())
    assert _upload(hub(secretary_a), clp_a, file=odt_file).status_code == 302
    assert StandingOrders.objects.count() == 2


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (lambda: SimpleUploadedFile("orders.exe", b"MZ..."), "Upload a PDF, ODT or DOCX file"),
        (lambda: SimpleUploadedFile("orders.pdf", b"<html>not a pdf</html>"), "not a real .pdf"),
        (lambda: SimpleUploadedFile("orders.docx", b"PK not really"), "not a real .docx"),
        (lambda: pdf(content=PDF + b"0" * (10 * 1024 * 1024)), "the limit is 10 MB"),
    ],
)
def test_a_bad_file_is_refused_with_a_clear_error_and_keeps_what_was_typed(
    secretary_a, clp_a, file, message
):
    response = _upload(hub(secretary_a), clp_a, file=file(), title="Kept <title>")
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    assert 'value="Kept &lt;title&gt;"' in page
    assert "SO 1. The branch meets monthly." in page
    assert not StandingOrders.objects.exists()


def test_missing_title_and_file_are_refused_and_nothing_is_saved(secretary_a, clp_a):
    response = _upload(hub(secretary_a), clp_a, title="  ", file="")
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page
    assert "Give the standing orders a title." in page
    assert '<a href="#id_file">File: choose the file to upload.</a>' in page
    assert "SO 1. The branch meets monthly." in page
    assert not StandingOrders.objects.exists()


def test_a_refused_upload_leaves_no_file_behind(secretary_a, clp_a, tmp_path):
    _upload(hub(secretary_a), clp_a, adopted_on="not a date")
    private = tmp_path / "private-media"
    assert not private.exists() or not any(path.is_file() for path in private.rglob("*"))
