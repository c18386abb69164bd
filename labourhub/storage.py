"""Uploads on S3-compatible object storage (production; docs/storage.md).

Two storages, both django-storages' S3 backend:

- `TenantS3Storage`, the default storage (Wagtail's images, renditions and documents):
  each constituency's files under its own prefix, its schema name, as
  django-tenants' TenantFileSystemStorage keeps them under MEDIA_ROOT/<schema>/ on
  disk. Images are public: their URLs point at the bucket's public URL, unsigned.
  Documents are not (a collection may be private): the bucket's policy does not let
  anyone read them, Wagtail's /documents/ view checks who may, then redirects to a
  short-lived signed URL.
- `PrivateS3Storage`, the "private" storage (members-only files: training videos and
  resources, standing orders, procedures, member imports), in a bucket nobody can read
  without a signature. Membersnet's views check who may, then redirect to a signed URL.

Signed URLs are made for the endpoint browsers reach (`public_endpoint_url`), which may
not be the one the app talks to (`endpoint_url`, e.g. http://minio:9000 inside the
compose network): a signature covers the host it was made for.
"""

import functools

import boto3
from botocore.config import Config
from django.db import connection
from django.utils.deconstruct import deconstructible
from storages.backends.s3 import S3Storage
from storages.utils import clean_name

# Wagtail keeps documents under this folder of its storage (wagtail.documents.models).
DOCUMENTS_FOLDER = "documents/"


@functools.lru_cache(maxsize=8)
def _signing_client(endpoint_url, region_name, access_key, secret_key, addressing_style):
    """A client used only to sign URLs (no request is sent), for the endpoint browsers
    reach. Cached: making a client takes tens of milliseconds; using one is thread-safe."""
    session = boto3.session.Session(aws_access_key_id=access_key, aws_secret_access_key=secret_key)
    return session.client(
        "s3",
        region_name=region_name,
        endpoint_url=endpoint_url,
        config=Config(signature_version="s3v4", s3={"addressing_style": addressing_style}),
    )


class _SignedLinks:
    """Short-lived signed GET links to one object, made for the browsers' endpoint."""

    def get_default_settings(self):
        return {**super().get_default_settings(), "public_endpoint_url": None}

    def signed_url(self, name, *, parameters=None, expire=None) -> str:
        """A URL that GETs `name` (ranges too) until `expire` seconds (default
        `querystring_expire`) have passed. `parameters` are S3's response overrides,
        e.g. ResponseContentDisposition, which the signature covers."""
        client = _signing_client(
            self.public_endpoint_url or self.endpoint_url,
            self.region_name,
            self.access_key,
            self.secret_key,
            self.addressing_style,
        )
        return client.generate_presigned_url(
            "get_object",
            Params={
                "Bucket": self.bucket_name,
                "Key": self._normalize_name(clean_name(name)),
                **(parameters or {}),
            },
            ExpiresIn=expire or self.querystring_expire,
        )


@deconstructible(path="labourhub.storage.TenantS3Storage")
class TenantS3Storage(_SignedLinks, S3Storage):
    """The default storage on S3: keys are `<location>/<schema>/<name>`, for whichever
    schema the connection is in when the file is saved, opened or linked to (the hub's
    is "public"). The names stored in the database stay relative to it, as on disk."""

    querystring_auth = False  # images: plain URLs at the public URL (custom_domain)
    file_overwrite = False  # two uploads called photo.jpg are two files
    _root = ""

    @property
    def location(self):
        return "/".join(part for part in (self._root, connection.schema_name) if part)

    @location.setter
    def location(self, value):  # the `location` option: a prefix above the schemas
        self._root = (value or "").strip("/")

    def url(self, name, parameters=None, expire=None, http_method=None):
        if clean_name(name).startswith(DOCUMENTS_FOLDER):
            # Never public: reached through Wagtail's /documents/ view, which checks
            # the collection's privacy and then redirects here. The answer is for this
            # reader only, whatever the object's own Cache-Control says.
            parameters = {"ResponseCacheControl": "private", **(parameters or {})}
            return self.signed_url(name, parameters=parameters, expire=expire)
        return super().url(name, parameters=parameters, expire=expire, http_method=http_method)


@deconstructible(path="labourhub.storage.PrivateS3Storage")
class PrivateS3Storage(_SignedLinks, S3Storage):
    """The private storage on S3. Every link is signed and short-lived."""

    querystring_auth = True
    file_overwrite = False

    def url(self, name, parameters=None, expire=None, http_method=None):
        return self.signed_url(name, parameters=parameters, expire=expire)
