"""Uploads on object storage, as production keeps them (docs/storage.md): through the
production backends, over HTTP, against an S3 API server the tests start themselves
(the `object_storage` fixture). Each constituency's files are under its own prefix;
images are public at the bucket's URL; documents are not, and Wagtail's view sends
those who may read one to a short-lived signed link. The members-only files:
tests/membersnet/test_private_files_on_object_storage.py. The local folders that
development uses: tests/constituencies/test_tenancy.py and the Membersnet tests."""

import datetime as dt
import io

import pytest
import requests
import time_machine
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from PIL import Image as PillowImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from labourhub.settings.object_storage import SIGNED_URL_SECONDS
from labourhub.storage import PrivateS3Storage, TenantS3Storage
from tests.constituencies.test_image_uploads import SINGLE, png_bytes, upload
from tests.helpers import client_for
from tests.object_storage import object_storage_for_test

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def _ago(seconds: int) -> dt.datetime:
    return dt.datetime.now(dt.UTC) - dt.timedelta(seconds=seconds)


def test_the_storages_are_the_production_s3_backends(object_storage):
    assert type(storages["default"]) is TenantS3Storage
    assert type(storages["private"]) is PrivateS3Storage


def _upload_image(constituency, officer, title, content):
    response = client_for(constituency, officer).post(
        SINGLE,
        {
            "title": title,
            "description": f"{title}, described",
            "file": upload("stall.png", content),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]


def test_each_constituencys_images_land_under_its_own_prefix(
    object_storage, clp_a, clp_b, officer_a, officer_b, in_schema
):
    picture_a, picture_b = png_bytes(40, 20), png_bytes(30, 30)
    _upload_image(clp_a, officer_a, "A's stall", picture_a)
    _upload_image(clp_b, officer_b, "B's stall", picture_b)

    keys = object_storage.keys(object_storage.media_bucket)
    assert keys == [
        f"{clp_a.schema_name}/original_images/stall.png",
        f"{clp_b.schema_name}/original_images/stall.png",
    ]
    with in_schema(clp_a):
        image = get_image_model().objects.get()
        assert image.file.name == "original_images/stall.png"  # as on disk: no prefix
        assert image.file.read() == picture_a
    with in_schema(clp_b):
        assert get_image_model().objects.get().file.read() == picture_b


def test_an_image_and_its_renditions_are_public_at_the_buckets_url(
    object_storage, clp_a, officer_a, in_schema
):
    picture = png_bytes(40, 20)
    _upload_image(clp_a, officer_a, "Stall", picture)
    with in_schema(clp_a):
        image = get_image_model().objects.get()
        url = image.file.url
        rendition = image.get_rendition("fill-10x10")
    public = f"{object_storage.config.public_url}/{clp_a.schema_name}/"
    assert url == f"{public}original_images/stall.png"
    assert "Signature" not in url
    assert rendition.url.startswith(f"{public}images/stall.")

    original = requests.get(url, timeout=10)
    assert original.status_code == 200
    assert original.content == picture
    assert original.headers["Content-Type"] == "image/png"
    assert original.headers["Cache-Control"] == "public, max-age=86400"
    resized = requests.get(rendition.url, timeout=10)
    assert resized.status_code == 200
    assert PillowImage.open(io.BytesIO(resized.content)).size == (10, 10)


def test_a_page_shows_images_from_the_bucket(object_storage, clp_a, in_schema):
    with in_schema(clp_a):
        image = get_image_model().objects.create(
            title="Banner", file=ContentFile(png_bytes(), name="banner.png")
        )
        url = image.get_rendition("width-400").url
    response = client_for(clp_a).get("/")
    assert response.status_code == 200
    assert url.startswith(object_storage.config.public_url)
    assert requests.get(url, timeout=10).status_code == 200


def _document(title, *, collection=None):
    document = get_document_model()(title=title)
    if collection is not None:
        document.collection = collection
    document.file.save("minutes.pdf", ContentFile(PDF), save=False)
    document.save()
    return document


def test_documents_are_not_public_and_the_documents_view_redirects_to_a_signed_link(
    object_storage, clp_a, in_schema
):
    with in_schema(clp_a):
        document = _document("Minutes")
        document_url = document.url
    key = f"{clp_a.schema_name}/documents/minutes.pdf"
    assert object_storage.keys(object_storage.media_bucket) == [key]
    unsigned = object_storage.unsigned_url(object_storage.media_bucket, key)
    assert requests.get(unsigned, timeout=10).status_code == 403

    assert document_url == f"/documents/{document.pk}/minutes.pdf"  # the view, not the bucket
    response = client_for(clp_a).get(document_url)
    assert response.status_code == 302
    assert response["Location"].startswith(f"{object_storage.server.url}/")
    assert "X-Amz-Signature=" in response["Location"]
    assert f"X-Amz-Expires={SIGNED_URL_SECONDS}" in response["Location"]
    assert "no-store" in response["Cache-Control"]
    fetched = requests.get(response["Location"], timeout=10)
    assert fetched.status_code == 200
    assert fetched.content == PDF
    assert fetched.headers["Cache-Control"] == "private"


def test_a_document_in_a_private_collection_is_not_handed_to_a_visitor(
    object_storage, clp_a, in_schema
):
    with in_schema(clp_a):
        officers_only = Collection.get_first_root_node().add_child(name="Officers only")
        CollectionViewRestriction.objects.create(
            collection=officers_only, restriction_type=CollectionViewRestriction.LOGIN
        )
        document = _document("Officers' minutes", collection=officers_only)
    response = client_for(clp_a).get(document.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/")  # to sign in, not to the bucket
    assert object_storage.server.url not in response["Location"]


def test_a_document_link_stops_working_once_it_has_expired(object_storage, clp_a, in_schema):
    with in_schema(clp_a):
        document = _document("Minutes")
        # The link the documents view redirects to, made as long ago as links last.
        with time_machine.travel(_ago(SIGNED_URL_SECONDS + 60)):
            link = document.file.url
    refused = requests.get(link, timeout=10)
    assert refused.status_code == 403
    assert "Request has expired" in refused.text


def test_a_file_saved_on_the_hub_is_under_the_public_schemas_prefix(object_storage):
    name = default_storage.save("original_images/hub.png", ContentFile(png_bytes()))
    assert object_storage.keys(object_storage.media_bucket) == [f"public/{name}"]


@pytest.mark.parametrize("prefix", ["", "uploads"])
def test_a_prefix_above_the_constituencies_is_kept_in_keys_and_urls(
    s3_server, settings, clp_a, in_schema, prefix
):
    storage = object_storage_for_test(s3_server, location=prefix)
    settings.STORAGES = {**settings.STORAGES, **storage.config.storages}
    with in_schema(clp_a):
        name = default_storage.save("original_images/a.png", ContentFile(png_bytes()))
        url = default_storage.url(name)
    key = "/".join(part for part in (prefix, clp_a.schema_name, name) if part)
    assert storage.keys(storage.media_bucket) == [key]
    assert url == f"{storage.config.public_url}/{key}"
    assert requests.get(url, timeout=10).status_code == 200


def test_two_uploads_with_the_same_name_are_two_files(object_storage, clp_a, in_schema):
    with in_schema(clp_a):
        first = default_storage.save("original_images/photo.png", ContentFile(b"first"))
        second = default_storage.save("original_images/photo.png", ContentFile(b"second"))
        assert first != second
        assert default_storage.open(first).read() == b"first"
        assert default_storage.open(second).read() == b"second"
