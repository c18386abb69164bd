"""Uploads on S3-compatible object storage, configured from the environment (production
only; development and tests keep local folders). What the buckets hold and how the
front server and buckets must be set up: docs/storage.md.

`object_storage()` builds the STORAGES entries; production calls it through
`object_storage_from_environment()`, and the object-storage tests call it with their
own S3 server, so both run the same backends configured the same way.
"""

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .environment import env_int, env_required, env_str

# Links to members-only files and documents are good for this long: long enough for a
# video to be watched through (the player fetches ranges as it plays, and asks the
# view for a new link if one runs out), short enough that a copied link soon dies.
SIGNED_URL_SECONDS = 10 * 60
# Public media keep their names (a new upload gets a new name), so browsers and any
# CDN may keep them a while.
PUBLIC_MEDIA_CACHE_CONTROL = "public, max-age=86400"


@dataclass(frozen=True)
class ObjectStorage:
    storages: dict
    # The origins pages load media from: public images (img-src, media-src) and signed
    # links to members-only video (media-src), for the Content-Security-Policy.
    media_sources: list[str] = field(default_factory=list)
    public_url: str = ""


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _bucket_url(bucket: str, endpoint_url: str | None, region: str, addressing_style: str) -> str:
    """Where a browser reaches `bucket` through the S3 API."""
    if endpoint_url:
        parts = urlsplit(endpoint_url.rstrip("/"))
        if addressing_style == "virtual":
            return f"{parts.scheme}://{bucket}.{parts.netloc}{parts.path}"
        return f"{parts.scheme}://{parts.netloc}{parts.path}/{bucket}"
    if addressing_style == "path":
        return f"https://s3.{region}.amazonaws.com/{bucket}"
    return f"https://{bucket}.s3.{region}.amazonaws.com"


def object_storage(
    *,
    media_bucket: str,
    private_bucket: str,
    endpoint_url: str | None = None,
    public_endpoint_url: str | None = None,
    public_url: str | None = None,
    region: str = "us-east-1",
    access_key: str | None = None,
    secret_key: str | None = None,
    addressing_style: str | None = None,
    signed_url_seconds: int = SIGNED_URL_SECONDS,
    location: str = "",
) -> ObjectStorage:
    """STORAGES["default"] and STORAGES["private"] on S3.

    endpoint_url: where the app reaches the S3 API (None: AWS). public_endpoint_url:
    where browsers reach it, which signed links are made for (default endpoint_url).
    public_url: where browsers fetch public media, the media bucket's URL or a CDN or
    custom domain in front of it (default: the bucket at public_endpoint_url).
    location: a prefix above the constituencies' prefixes in the media bucket.
    """
    if not media_bucket or not private_bucket:
        raise ImproperlyConfigured("Object storage needs S3_MEDIA_BUCKET and S3_PRIVATE_BUCKET.")
    if media_bucket == private_bucket:
        raise ImproperlyConfigured(
            "S3_PRIVATE_BUCKET must not be S3_MEDIA_BUCKET: the media bucket's images are "
            "public, and members-only files must be in a bucket nobody can read unsigned."
        )
    addressing_style = addressing_style or ("path" if endpoint_url else "virtual")
    public_endpoint_url = public_endpoint_url or endpoint_url
    public_url = (
        public_url or _bucket_url(media_bucket, public_endpoint_url, region, addressing_style)
    ).rstrip("/")
    public = urlsplit(public_url)
    if public.scheme not in ("http", "https") or not public.netloc:
        raise ImproperlyConfigured(f"S3_PUBLIC_URL must be an http(s) URL, not {public_url!r}.")

    connection = {
        "endpoint_url": endpoint_url or None,
        "public_endpoint_url": public_endpoint_url or None,
        "region_name": region,
        "access_key": access_key or None,
        "secret_key": secret_key or None,
        "addressing_style": addressing_style,
        "signature_version": "s3v4",
        "querystring_expire": signed_url_seconds,
    }
    storages = {
        "default": {
            "BACKEND": "labourhub.storage.TenantS3Storage",
            "OPTIONS": {
                **connection,
                "bucket_name": media_bucket,
                "location": location,
                "custom_domain": public.netloc + public.path,
                "url_protocol": f"{public.scheme}:",
                "object_parameters": {"CacheControl": PUBLIC_MEDIA_CACHE_CONTROL},
            },
        },
        "private": {
            "BACKEND": "labourhub.storage.PrivateS3Storage",
            "OPTIONS": {**connection, "bucket_name": private_bucket},
        },
    }
    signed_origin = _origin(
        _bucket_url(private_bucket, public_endpoint_url, region, addressing_style)
    )
    sources = list(dict.fromkeys([_origin(public_url), signed_origin]))
    return ObjectStorage(storages=storages, media_sources=sources, public_url=public_url)


def object_storage_from_environment() -> ObjectStorage | None:
    """Object storage when S3_MEDIA_BUCKET is set, else None (local folders)."""
    media_bucket = env_str("S3_MEDIA_BUCKET", "")
    if not media_bucket:
        return None
    return object_storage(
        media_bucket=media_bucket,
        private_bucket=env_required("S3_PRIVATE_BUCKET"),
        endpoint_url=env_str("S3_ENDPOINT_URL", "") or None,
        public_endpoint_url=env_str("S3_PUBLIC_ENDPOINT_URL", "") or None,
        public_url=env_str("S3_PUBLIC_URL", "") or None,
        region=env_str("S3_REGION", "") or "us-east-1",
        # Unset: boto3 finds credentials itself (an instance role, AWS_* variables).
        access_key=env_str("S3_ACCESS_KEY_ID", "") or None,
        secret_key=env_str("S3_SECRET_ACCESS_KEY", "") or None,
        addressing_style=env_str("S3_ADDRESSING_STYLE", "") or None,
        signed_url_seconds=env_int("S3_SIGNED_URL_SECONDS", SIGNED_URL_SECONDS),
        location=(env_str("S3_MEDIA_PREFIX", "") or "").strip("/"),
    )
