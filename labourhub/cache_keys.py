"""Cache keys: per tenant, except for the counters that guard people across every site.

Keys are prefixed with the active schema so that Wagtail's global keys (site roots,
renditions) and the page cache stay apart between constituencies. Rate-limit counters
and used two-factor codes are the exception: an attacker could otherwise spread their
attempts over the ~630 site hostnames and multiply every limit.
"""

from django_tenants import cache as tenant_cache

PLATFORM_WIDE_PREFIXES = ("allauth:rl:", "allauth.mfa.", "rl:")
_PLATFORM = "platform"


def make_key(key, key_prefix, version):
    if str(key).startswith(PLATFORM_WIDE_PREFIXES):
        return f"{_PLATFORM}:{key_prefix}:{version}:{key}"
    return tenant_cache.make_key(key, key_prefix, version)


def reverse_key(key):
    return key.split(":", 3)[3]
