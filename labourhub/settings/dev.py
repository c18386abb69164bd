"""Local development: `make run`. Without DATABASE_URL an embedded PostgreSQL is
started under .pgdata/; without REDIS_URL Celery tasks run in-process."""

from labourhub.embedded_postgres import embedded_database_url

from .base import *  # noqa: F403
from .base import DATABASE_URL, database_from_url
from .environment import env_str

DEBUG = True
SECRET_KEY = env_str("DJANGO_SECRET_KEY", "dev-only-secret-key-not-for-production")
ALLOWED_HOSTS = ["localhost", ".localhost", "127.0.0.1"]
DATABASES = {"default": database_from_url(DATABASE_URL or embedded_database_url("labourhub"))}
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
INTERNAL_IPS = ["127.0.0.1"]
PUBLIC_URL_SCHEME = "http"
PUBLIC_URL_PORT = env_str("PORT", "8000")
DEMO_DATA_ALLOWED = True
# Rate limits count in the in-process cache here; production's Redis is shared.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
