"""Settings for `make test`: the real PostgreSQL (embedded when DATABASE_URL is
unset), a fast password hasher, locmem email and an in-memory cache."""

from labourhub.embedded_postgres import embedded_database_url

from .base import *  # noqa: F403
from .base import CACHES, DATABASE_URL, STORAGES, database_from_url

DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PLATFORM_DOMAIN = "localhost"
HUB_DOMAINS = ["localhost"]
PUBLIC_URL_SCHEME = "http"
PUBLIC_URL_PORT = None
DATABASES = {"default": database_from_url(DATABASE_URL or embedded_database_url("labourhub"))}
DATABASES["default"]["CONN_MAX_AGE"] = 0
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {
    alias: {**config, "BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": alias}
    for alias, config in CACHES.items()
}
# Tasks run in-process unless a test starts a real worker (tests/conftest.py).
CELERY_TASK_ALWAYS_EAGER = True
# Uploads are served as on a single-machine deployment, so their access rules are tested.
SERVE_MEDIA = True
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
DEMO_DATA_ALLOWED = True
CELERY_TASK_DEFAULT_QUEUE = "labourhub-test"
# One TOTP window either side is accepted, so a test signing in twice within 30 seconds
# uses the next window's code instead of sleeping until it comes.
MFA_TOTP_TOLERANCE = 1
# Rate limits count in the in-process cache here; production's Redis is shared.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
