"""Production: every secret comes from the environment and the process refuses to
start without it."""

from .base import *  # noqa: F403
from .base import STORAGES, database_from_url
from .environment import env_bool, env_int, env_required, env_str

DEBUG = False
SECRET_KEY = env_required("DJANGO_SECRET_KEY")
if len(SECRET_KEY) < 50:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be at least 50 characters long.")

DATABASES = {"default": database_from_url(env_required("DATABASE_URL"))}
REDIS_URL = env_required("REDIS_URL")
# The cache (pages, renditions, rate-limit counters) may evict under memory pressure;
# the Celery broker must not. Give the cache its own Redis with an LRU policy.
CACHE_URL = env_str("CACHE_URL", REDIS_URL)
CACHES = {
    alias: {
        "BACKEND": "labourhub.redis_cache.RedisCache",
        "LOCATION": CACHE_URL,
        "KEY_FUNCTION": "labourhub.cache_keys.make_key",
        "REVERSE_KEY_FUNCTION": "labourhub.cache_keys.reverse_key",
    }
    for alias in ("default", "renditions")
}
CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = REDIS_URL
CELERY_TASK_ALWAYS_EAGER = False

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

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
