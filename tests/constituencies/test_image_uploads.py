"""Officers upload images to their site's admin, one at a time or several at once.
Every file is checked before Wagtail reads it: a decompression bomb, a file that is
not the image its name says, or an image that carries a web page is refused with a
message, and nothing is kept. The files are made here, not kept in the repository."""

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.models import UploadedFile

from tests.helpers import client_for

SINGLE = "/admin/images/add/"
MULTIPLE = "/admin/images/multiple/add/"


def png_bytes(width=40, height=20) -> bytes:
    buffer = io.BytesIO()
    PillowImage.new("RGB", (width, height), "#c8102e").save(buffer, "PNG")
    return buffer.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def decompression_bomb_png(side=60_000) -> bytes:
    """A PNG of side × side pixels (3.6 billion at 60000) in a few hundred bytes: its
    rows are all zeros, which compress to almost nothing."""
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)  # 1-bit greyscale
    row = b"\x00" * (1 + side // 8)
    rows = zlib.compressobj(9)
    data = rows.compress(row * 64) + rows.flush()  # the first rows are enough to open it
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", data)
        + _chunk(b"IEND", b"")
    )


def gif_with_html_comment() -> bytes:
    """A real GIF whose comment is a web page: a browser that sniffs it runs the script."""
    buffer = io.BytesIO()
    PillowImage.new("P", (1, 1)).save(
        buffer, "GIF", comment=b"<html><body><script>alert(document.cookie)</script></body>"
    )
    return buffer.getvalue()


def gif_header_then_html() -> bytes:
    """The classic polyglot: GIF's signature, then a page."""
    return b"GIF89a/*\x00\x00*/=1;<html><script>alert(document.cookie)</script></html>"


REFUSED = [
    (
        "bomb.png",
        decompression_bomb_png,
        "This image has too many pixels to process: make it at most 50 million pixels",
    ),
    ("poster.gif", gif_with_html_comment, "This file contains a web page"),
    ("poster.gif", gif_header_then_html, "This file contains a web page"),
    ("leaflet.png", lambda: b"<!DOCTYPE html><title>hi</title>", "This file contains a web page"),
    (
        "photo.png",
        lambda: b"\x89PNG\r\n\x1a\n" + b"\x00" * 40,
        "This file is not an image we can use",
    ),
]
IDS = ["decompression-bomb", "gif-with-html-comment", "gif-html-polyglot", "html-as-png", "damaged"]


def upload(name, content):
    return SimpleUploadedFile(name, content)


def images_in(in_schema, constituency):
    with in_schema(constituency):
        return list(get_image_model().objects.values_list("title", flat=True))


def uploads_in(in_schema, constituency):
    """Files the multiple uploader holds until their alt text is given."""
    with in_schema(constituency):
        return UploadedFile.objects.count()


@pytest.fixture
def officer_site(clp_a, officer_a):
    return client_for(clp_a, officer_a)


def test_an_officer_uploads_an_image_with_its_alt_text(officer_site, clp_a, in_schema):
    response = officer_site.post(
        SINGLE,
        {
            "title": "Street stall",
            "description": "Volunteers at a stall",
            "file": upload("stall.png", png_bytes()),
        },
    )
    assert response.status_code == 302
    assert images_in(in_schema, clp_a) == ["Street stall"]


@pytest.mark.parametrize(("name", "make", "explanation"), REFUSED, ids=IDS)
def test_a_bad_file_is_refused_with_a_message_in_the_upload_form(
    officer_site, clp_a, in_schema, name, make, explanation
):
    response = officer_site.post(
        SINGLE, {"title": "Poster", "description": "A poster", "file": upload(name, make())}
    )
    assert response.status_code == 200  # the form again, with the error beside the file
    assert explanation in response.content.decode()
    assert images_in(in_schema, clp_a) == []


def test_an_officer_uploads_several_images_at_once(officer_site, clp_a, in_schema):
    response = officer_site.post(MULTIPLE, {"files[]": upload("stall.png", png_bytes())})
    assert response.status_code == 200
    assert response.json()["success"] is True
    assert uploads_in(in_schema, clp_a) == 1  # kept until its alt text is given


@pytest.mark.parametrize(("name", "make", "explanation"), REFUSED, ids=IDS)
def test_a_bad_file_is_refused_with_a_message_in_the_multiple_uploader(
    officer_site, clp_a, in_schema, name, make, explanation
):
    response = officer_site.post(MULTIPLE, {"files[]": upload(name, make())})
    assert response.status_code == 200
    answer = response.json()
    assert answer["success"] is False
    assert explanation in answer["error_message"]
    assert images_in(in_schema, clp_a) == []
    assert uploads_in(in_schema, clp_a) == 0


@pytest.mark.parametrize("who", ["anonymous", "member_user", "officer_b"])
def test_only_officers_of_the_site_and_staff_may_upload(request, clp_a, in_schema, who):
    user = None if who == "anonymous" else request.getfixturevalue(who)
    response = client_for(clp_a, user).post(MULTIPLE, {"files[]": upload("a.png", png_bytes())})
    assert response.status_code in (302, 403)
    assert uploads_in(in_schema, clp_a) == 0


def test_central_staff_may_upload(clp_a, staff_user, in_schema):
    response = client_for(clp_a, staff_user).post(
        MULTIPLE, {"files[]": upload("a.png", png_bytes())}
    )
    assert response.json()["success"] is True
    assert uploads_in(in_schema, clp_a) == 1
