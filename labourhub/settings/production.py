"""Production: every secret comes from the environment and the process refuses to
start without it."""

from .base import *  # noqa: F403
from .base import (
    CSP_MEDIA_SOURCES,
    CSP_REPORT_GROUP,
    CSP_REPORT_PATH,
    REDIS_CACHE_OPTIONS,
    STORAGES,
    database_from_url,
)
from .content_security_policy import content_security_policy
from .environment import env_bool, env_int, env_required, env_str, same_redis_server
from .object_storage import object_storage_from_environment

DEBUG = False
SECRET_KEY = env_required("DJANGO_SECRET_KEY")
if len(SECRET_KEY) < 50:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be at least 50 characters long.")

# `make serve` (labourhub.serve): the production shape on one machine, for this machine
# only. It answers plain HTTP on localhost names and nothing else, and may run without
# Redis (tasks in-process, the cache in files shared by the gunicorn workers).
SERVE_LOCALLY = env_bool("SERVE_LOCALLY", False)

DATABASES = {"default": database_from_url(env_required("DATABASE_URL"))}
REDIS_URL = env_str("REDIS_URL") if SERVE_LOCALLY else env_required("REDIS_URL")
# The cache (pages, renditions, rate-limit counters) may evict under memory pressure;
# the Celery broker must not. The cache has its own Redis with an LRU policy: sharing
# one would let the cache evict queued tasks, and one outage would take out both.
# Only `make serve`, one machine for trying things out, may share REDIS_URL.
CACHE_URL = env_str("CACHE_URL") or (REDIS_URL if SERVE_LOCALLY else env_required("CACHE_URL"))
if CACHE_URL and REDIS_URL and not SERVE_LOCALLY and same_redis_server(CACHE_URL, REDIS_URL):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "CACHE_URL and REDIS_URL point at the same Redis server: give the cache its own "
        "(with maxmemory-policy allkeys-lru), so it cannot evict queued tasks."
    )
_CACHE_BACKEND = (
    {
        "BACKEND": "labourhub.redis_cache.RedisCache",
        "LOCATION": CACHE_URL,
        "OPTIONS": REDIS_CACHE_OPTIONS,
    }
    if CACHE_URL
    else {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": env_required("SERVE_CACHE_DIR"),
    }
)
CACHES = {
    alias: {
        **_CACHE_BACKEND,
        "KEY_FUNCTION": "labourhub.cache_keys.make_key",
        "REVERSE_KEY_FUNCTION": "labourhub.cache_keys.reverse_key",
    }
    for alias in ("default", "renditions")
}
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploads on S3-compatible object storage when S3_MEDIA_BUCKET is set (docs/storage.md):
# every web and worker machine sees the same files, and no gunicorn worker streams
# them. Without it, local folders, as `make serve` uses.
OBJECT_STORAGE = object_storage_from_environment()
if OBJECT_STORAGE:
    STORAGES = {**STORAGES, **OBJECT_STORAGE.storages}
    SERVE_MEDIA = False
    CSP_MEDIA_SOURCES = list(dict.fromkeys([*CSP_MEDIA_SOURCES, *OBJECT_STORAGE.media_sources]))
    CONTENT_SECURITY_POLICY = content_security_policy(
        CSP_MEDIA_SOURCES, CSP_REPORT_PATH, CSP_REPORT_GROUP
    )

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"

if SERVE_LOCALLY:
    ALLOWED_HOSTS = ["localhost", ".localhost", "127.0.0.1"]
    PUBLIC_URL_SCHEME = "http"
    SECURE_SSL_REDIRECT = False
    SECURE_HSTS_SECONDS = 0
    SECURE_HSTS_INCLUDE_SUBDOMAINS = False
    SECURE_HSTS_PRELOAD = False
    SESSION_COOKIE_SECURE = False
    CSRF_COOKIE_SECURE = False
    ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
    DEMO_DATA_ALLOWED = True
    # Rate limits count in files here; production's Redis is shared.
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
