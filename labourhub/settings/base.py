"""Settings shared by every environment. Values that differ between deployments are
read from the environment; dev, test and production adjust the rest."""

from pathlib import Path

import dj_database_url

from .content_security_policy import content_security_policy
from .environment import env_bool, env_int, env_ints, env_list, env_str
from .languages import *  # noqa: F403
from .logging_config import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
DEBUG = False
DEMO_DATA_ALLOWED = False

# The platform's own domain: the hub answers on it and every constituency gets
# <slug>.<PLATFORM_DOMAIN> (custom domains are added per constituency).
PLATFORM_DOMAIN = env_str("PLATFORM_DOMAIN", "localhost")
HUB_DOMAINS = env_list("HUB_DOMAINS", [PLATFORM_DOMAIN])
# <slug>.<PLATFORM_DOMAIN> names the platform itself uses, which no constituency may
# take: files.<PLATFORM_DOMAIN> is the uploaded files' host (docs/storage.md).
RESERVED_SLUGS = ["files"]
# How links in emails reach the sites (a request-less task has no scheme or port).
PUBLIC_URL_SCHEME = env_str("PUBLIC_URL_SCHEME", "https")
PUBLIC_URL_PORT = env_str("PUBLIC_URL_PORT", "") or None

# Constituency sites may live on any custom domain, so the host check cannot be a
# fixed list: TenantMainMiddleware answers 404 for any host that is not a known
# Domain row, before a view could build a URL from an unknown host.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["*"])

# ---------------------------------------------------------------------------
# Applications. Users, roles, sessions and the tenant registry live once, in the
# public schema; each constituency's Wagtail site lives in its own schema.
# contenttypes and auth are shared only: per-schema ContentType ids would diverge.
# Wagtail is in both lists because the hub has its own page tree and admin.
WAGTAIL_APPS = [
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail_localize",
    "wagtail_localize.locales",  # in place of wagtail.locales
    "wagtail.sites",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
]

SHARED_APPS = [
    "django_tenants",
    "labourhub",  # the platform-wide commands: setup_platform, load_demo
    "constituencies",
    "constituencies.postcodes",  # which constituency a postcode is in, shared by all
    "constituencies.event_listings",  # the hub's index of every site's events
    "accounts",
    "roles",
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_ratelimit",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "accounts.apps.UsersAdminConfig",  # wagtail.users, its box setting central staff
    "wagtail.snippets",
    *WAGTAIL_APPS,
    "membersnet.members",
    "membersnet.training",
    "membersnet.rulebook",
    "membersnet.knowledge",
    "governance",
    "campaigns",
    "outbox",
    "constituencies.moderation.waiting",
    "privacy",
    "personal_data",
]

TENANT_APPS = [
    *WAGTAIL_APPS,
    "outbox",
    "constituencies.website",
    "constituencies.signups",
    "constituencies.contact",
    "constituencies.moderation",
    "constituencies.languages",
    "publicity",
]

INSTALLED_APPS = list(dict.fromkeys(SHARED_APPS + TENANT_APPS))

TENANT_MODEL = "constituencies.Constituency"
TENANT_DOMAIN_MODEL = "constituencies.Domain"
PUBLIC_SCHEMA_NAME = "public"
PUBLIC_SCHEMA_URLCONF = "labourhub.urls_public"
ROOT_URLCONF = "labourhub.urls_tenant"
# New constituencies are cloned from this template schema rather than migrated
# from scratch; the template is a real tenant row, so migrate_schemas keeps it current.
TENANT_BASE_SCHEMA = "constituency_template"
TENANT_CREATION_FAKES_MIGRATIONS = True
TENANT_LIMIT_SET_CALLS = True
TENANT_SUBFOLDER_PREFIX = None
# migrate_schemas skips schemas with nothing to apply; `--executor=multiprocessing` (the
# compose file's migrate step) migrates this many at once, each on its own connection.
GET_EXECUTOR_FUNCTION = "django_tenants_smart_executor.load_executor"
TENANT_MULTIPROCESSING_MAX_PROCESSES = env_int("TENANT_MULTIPROCESSING_MAX_PROCESSES", 4)

# Security headers go on every response, cached or not. Cached pages are answered
# (constituencies.page_cache) before the session, CSRF and authentication middleware
# run; the Cache-Control header (labourhub.http_cache) is decided last, on the way out,
# when every cookie the response sets is known.
MIDDLEWARE = [
    "labourhub.security_headers.PermissionsPolicyMiddleware",
    "labourhub.security_headers.ContentSecurityPolicyMiddleware",
    "labourhub.health.HealthCheckMiddleware",
    "constituencies.certificates.CertificateAskMiddleware",
    "constituencies.tenant_lookup.TenantMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "labourhub.http_cache.CacheHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "constituencies.languages.middleware.SiteLanguageMiddleware",
    "constituencies.middleware.ConstituencyStatusMiddleware",
    "constituencies.page_cache.PageCacheMiddleware",
    "constituencies.website.chrome.SiteChromeMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "roles.admin_sessions.AdminSessionTimeoutMiddleware",
    "roles.middleware.AdminGateMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "constituencies.context_processors.platform",
                "constituencies.website.context_processors.chrome",
            ],
        },
    },
]

WSGI_APPLICATION = "labourhub.wsgi.application"


def database_from_url(url: str) -> dict:
    config = dj_database_url.parse(url, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60))
    config["ENGINE"] = "labourhub.postgresql_backend"  # django-tenants', see its docstring
    config["CONN_HEALTH_CHECKS"] = True
    return config


DATABASE_URL = env_str("DATABASE_URL")
DATABASES = {"default": database_from_url(DATABASE_URL)} if DATABASE_URL else {}
DATABASE_ROUTERS = ["django_tenants.routers.TenantSyncRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# ---------------------------------------------------------------------------
# Cache: every alias is keyed per tenant, because Wagtail's site-root and
# rendition cache keys are global and would otherwise leak between constituencies.
REDIS_URL = env_str("REDIS_URL") or None
_TENANT_KEYS = {
    "KEY_FUNCTION": "labourhub.cache_keys.make_key",
    "REVERSE_KEY_FUNCTION": "labourhub.cache_keys.reverse_key",
}
# A Redis that does not answer at once is treated as down (labourhub.redis_cache): a
# request never waits long on the cache.
REDIS_CACHE_OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 1}
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "labourhub.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": REDIS_CACHE_OPTIONS,
            **_TENANT_KEYS,
        },
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            **_TENANT_KEYS,
        },
    }
CACHES["renditions"] = {**CACHES["default"], "TIMEOUT": 60 * 60 * 24}

SESSION_ENGINE = "django.contrib.sessions.backends.db"

# ---------------------------------------------------------------------------
# Caching pages (labourhub.http_cache, constituencies.page_cache). Public pages for
# visitors who are not signed in may be kept by the HTTP cache in front (Varnish) for
# HTTP_CACHE_SECONDS, by browsers for BROWSER_CACHE_SECONDS, and by the app's own page
# cache (for deployments without Varnish) for PAGE_CACHE_SECONDS. Publishing anything
# on a site purges its pages from both caches, by host: HTTP_CACHE_PURGE_URLS lists
# the HTTP caches to send bans to (e.g. http://varnish:80).
HTTP_CACHE_SECONDS = env_int("HTTP_CACHE_SECONDS", 24 * 60 * 60)
BROWSER_CACHE_SECONDS = env_int("BROWSER_CACHE_SECONDS", 60)
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 60 * 60)
HTTP_CACHE_PURGE_URLS = env_list("HTTP_CACHE_PURGE_URLS", [])
HTTP_CACHE_PURGE_TIMEOUT = 2
# Never kept by any cache, whoever asks: personal, signed-in or live answers. The HTTP
# cache's VCL (deploy/varnish/labourhub.vcl) passes the same paths; a test holds them
# in step.
HTTP_CACHE_NEVER_CACHED_PATHS = [
    "/admin/",
    "/accounts/",
    "/membersnet/",
    "/official/",
    "/healthz",
    "/sign-ups/",
    "/documents/",
    "/_util/",
    "/_tls/",
    "/csp-report/",
]

# ---------------------------------------------------------------------------
# Accounts: one user table in the public schema, email as the login.
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["roles.backends.ConstituencyRoleBackend"]
# Questions a lower app asks of a higher one, named here so imports go one way: is an
# officer trained (Membersnet), a current member (Membersnet), which national campaigns
# an event may join (campaigns), what a constituency's emails look like (its website).
TRAINED_TO_PUBLISH = "membersnet.training.progress.is_trained_to_publish"
CURRENT_MEMBERSHIP = "membersnet.members.membership.why_not_a_current_member"
CAMPAIGN_CHOICES = "campaigns.audience.campaigns_to_link"
CONSTITUENCY_EMAIL_BRANDING = "constituencies.website.email_branding.email_branding"
PRIVACY_SITE_NOTICE_VALUES = "constituencies.website.privacy_notice.notice_values"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_FORMS = {"signup": "membersnet.members.forms.MemberSignupForm"}
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 7
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_ADAPTER = "membersnet.members.account_adapter.MemberAccountAdapter"
# The account emails' templates (templates/account/email/) name the product
# themselves: allauth's prefix would be "[localhost] " without django.contrib.sites.
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
# Where someone whose membership has lapsed renews it (Membersnet's refusal page links it).
MEMBERSHIP_RENEWAL_URL = env_str("MEMBERSHIP_RENEWAL_URL", "https://join.labour.org.uk/")
# Wrong passwords are limited by accounts.sign_in_throttle (per address and account,
# with a growing wait; per account; per address), which nobody can use to lock the real
# person out. allauth's "login_failed" limit now guards only the two-factor code step.
SIGN_IN_FREE_FAILURES = env_int("SIGN_IN_FREE_FAILURES", 5)
SIGN_IN_FIRST_WAIT_SECONDS = env_int("SIGN_IN_FIRST_WAIT_SECONDS", 60)
SIGN_IN_LONGEST_WAIT_SECONDS = env_int("SIGN_IN_LONGEST_WAIT_SECONDS", 24 * 60 * 60)
SIGN_IN_ACCOUNT_CEILING = env_int("SIGN_IN_ACCOUNT_CEILING", 100)  # failures an hour
SIGN_IN_ADDRESS_LIMIT = env_int("SIGN_IN_ADDRESS_LIMIT", 30)  # failures in 15 minutes
SIGN_IN_NOTIFY_AFTER = env_int("SIGN_IN_NOTIFY_AFTER", 5)  # failures in an hour
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "LabourHub"

# ---------------------------------------------------------------------------
# Wagtail
WAGTAIL_SITE_NAME = "LabourHub"
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", f"http://{PLATFORM_DOMAIN}")
WAGTAILADMIN_LOGIN_URL = "account_login"
# Email addresses and passwords are changed through the account pages, which verify a
# new address and re-check the second factor; Wagtail's own forms would do neither.
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no third-party requests from the admin
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# Every upload is checked by Pillow first (constituencies.website.image_verification):
# 50 million pixels is a 48-megapixel phone photo, and a few hundred MB to resize.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 50_000_000
WAGTAILIMAGES_IMAGE_FORM_BASE = "constituencies.website.forms.ImageFormWithAltText"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "txt", "csv", "xlsx", "pptx"]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_USAGE_COUNT_ENABLED = False
WAGTAILADMIN_COMMENTS_ENABLED = False

# ---------------------------------------------------------------------------
# Files (docs/storage.md). Here, local folders: each tenant's uploads live under
# MEDIA_ROOT/<schema>/. Production puts both storages on S3-compatible object storage
# when S3_MEDIA_BUCKET is set (labourhub.settings.object_storage).
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
MULTITENANT_RELATIVE_MEDIA_ROOT = "%s"
# Members-only files (training videos, resources, standing orders, member imports) are
# never under MEDIA_URL: Membersnet views check membership, then stream them (here) or
# redirect to a short-lived signed URL (object storage).
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private-media")))
STORAGES = {
    "default": {"BACKEND": "django_tenants.files.storage.TenantFileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve uploads from MEDIA_ROOT through Django itself (one machine, or behind a caching
# proxy). Object storage serves its own, and turns this off.
SERVE_MEDIA = env_bool("SERVE_MEDIA", False)

# ---------------------------------------------------------------------------
# Email and Celery. Without REDIS_URL tasks run in-process, as they are called.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "LabourHub <no-reply@labourhub.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
# The domain in each email's Message-ID (outbox.models): stable across retries.
EMAIL_MESSAGE_ID_DOMAIN = env_str("EMAIL_MESSAGE_ID_DOMAIN", PLATFORM_DOMAIN)
# Every email goes through the outbox (outbox/): tried this many times, backing off from
# a minute to three hours, before it is marked failed.
OUTBOX_MAX_ATTEMPTS = env_int("OUTBOX_MAX_ATTEMPTS", 12)
# A claim on an email older than this is a worker that stopped: the sweep takes it back.
# Must be longer than a send can take (EMAIL_TIMEOUT per attempt to connect and talk).
OUTBOX_CLAIM_SECONDS = env_int("OUTBOX_CLAIM_SECONDS", 300)
OUTBOX_RELAY_BATCH = 500

# How the platform uses Celery (late acknowledgement, timeouts, the periodic jobs) is
# the same everywhere, and is set with the Celery app: labourhub.celery.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TIMEZONE = "Europe/London"

# ---------------------------------------------------------------------------
# Locale (the languages themselves: settings/languages.py)
TIME_ZONE = "Europe/London"
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

# ---------------------------------------------------------------------------
# Security defaults that hold everywhere; production tightens transport.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Content-Security-Policy (django-csp, chosen per path by labourhub.security_headers).
# Public pages are cached whole (the page cache, Varnish), so they must work with
# 'self' alone: no inline script, style or handler, which would need a nonce, and a
# nonce kept in a cache is the same for every visitor. A page that does use
# `request.csp_nonce` is never cached. Uploads served from another origin are listed in
# CSP_MEDIA_SOURCES (production adds its object storage's origins itself).
CSP_REPORT_PATH = "/csp-report/"
CSP_REPORT_GROUP = "csp"  # the Reporting-Endpoints name that `report-to` refers to
CSP_REPORT_RATE_LIMIT = env_str("CSP_REPORT_RATE_LIMIT", "100/h")
CSP_REPORT_MAX_BYTES = 16 * 1024
CSP_MEDIA_SOURCES = env_list("CSP_MEDIA_SOURCES", [])

CONTENT_SECURITY_POLICY = content_security_policy(
    CSP_MEDIA_SOURCES, CSP_REPORT_PATH, CSP_REPORT_GROUP
)

# A session that has been into the Wagtail admin (roles.admin_sessions) ends after this
# long without a request, and this long after it first opened the admin however busy
# it is; members who never open the admin keep the usual SESSION_COOKIE_AGE.
ADMIN_SESSION_IDLE_SECONDS = env_int("ADMIN_SESSION_IDLE_SECONDS", 30 * 60)
ADMIN_SESSION_MAX_SECONDS = env_int("ADMIN_SESSION_MAX_SECONDS", 12 * 60 * 60)

LOGGING = logging_config(env_str("LOG_LEVEL", "INFO"))

# Personal data: days each kind is kept (personal_data.retention, nightly, counted from the
# event, message...; a change applies to rows held), each PERSONAL_DATA_RETENTION_<NAME>_DAYS.
_KEPT = env_int("PERSONAL_DATA_RETENTION_DAYS", 365)  # sign-ups', messages', pledges' at once
PERSONAL_DATA_RETENTION = env_ints("PERSONAL_DATA_RETENTION_{}_DAYS", {
    "signups": _KEPT, "cancelled_signups": 30, "messages": _KEPT, "unconfirmed_messages": 30,
    "pledges": _KEPT, "unconfirmed_pledges": 7, "emails": 30, "account_reporters": 365,
    "audit_log": 6 * 365 + 2, "data_requests": 6 * 365 + 2, "data_request_files": 30,
    "member_imports": 365, "member_import_files": 7})  # fmt: skip
CONTACT_CONFIRMATION_DAYS = PLEDGE_CONFIRMATION_DAYS = 7  # how long confirm links work
SIGNUP_CONFIRMATION_HOURS = env_int("SIGNUP_CONFIRMATION_HOURS", 24)  # pending holds a place
# Where the privacy notices send people to exercise their rights (the party's DPO team).
DATA_PROTECTION_EMAIL = env_str("DATA_PROTECTION_EMAIL", f"data.protection@{PLATFORM_DOMAIN}")
# Public forms, per visitor IP address and site.
SIGNUP_RATE_LIMIT = env_str("SIGNUP_RATE_LIMIT", "10/h")
CONTACT_RATE_LIMIT = env_str("CONTACT_RATE_LIMIT", "5/h")
PLEDGE_RATE_LIMIT = env_str("PLEDGE_RATE_LIMIT", "10/h")
# Postcodes the table (import_postcodes) lacks are asked of this postcodes.io-compatible
# service (e.g. https://api.postcodes.io) if set; a visitor waits 2 s for it at most.
POSTCODE_LOOKUP_URL = env_str("POSTCODE_LOOKUP_URL", "")
POSTCODE_LOOKUP_TIMEOUT = 2
POSTCODE_LOOKUP_CACHE_SECONDS = env_int("POSTCODE_LOOKUP_CACHE_SECONDS", 24 * 60 * 60)
# Postcode searches on the hub (its directory and /events/), per visitor IP address.
POSTCODE_SEARCH_RATE_LIMIT = env_str("POSTCODE_SEARCH_RATE_LIMIT", "60/h")
# The hub's "is this account official?" lookup and its report form.
OFFICIAL_LOOKUP_RATE_LIMIT = env_str("OFFICIAL_LOOKUP_RATE_LIMIT", "60/h")
ACCOUNT_REPORT_RATE_LIMIT = env_str("ACCOUNT_REPORT_RATE_LIMIT", "5/h")
# The register flags an entry whose control no officer has confirmed for this long.
REGISTER_REVIEW_MONTHS = env_int("REGISTER_REVIEW_MONTHS", 12)
# Everyone the register lists as able to sign in to an account is invited to this
# Membersnet course (by its slug) and pointed to these guidelines (a rulebook guidance
# page, by its slug).
GROUP_ADMIN_COURSE_SLUG = env_str(
    "GROUP_ADMIN_COURSE_SLUG", "social-media-for-group-administrators"
)
GROUP_ADMIN_GUIDELINES_SLUG = env_str(
    "GROUP_ADMIN_GUIDELINES_SLUG", "guidelines-for-social-media-officers-and-group-administrators"
)
# Behind a load balancer or reverse proxy, set this to how many of them add to
# X-Forwarded-For; otherwise every visitor would share the proxy's address.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
RATELIMIT_IP_META_KEY = "labourhub.client_ip.client_ip"
# django-ratelimit's list of supported caches predates Django's own Redis backend,
# which gives it the atomic increments it needs.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]
