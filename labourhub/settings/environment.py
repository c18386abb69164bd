"""Typed readers for settings taken from the environment.

Each reader fails loudly on a value it cannot parse, so a typo in a deployment's
environment stops the process at start-up instead of quietly using a default.
"""

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def env_required(name: str) -> str:
    value = os.environ.get(name, "")
    if not value:
        raise ImproperlyConfigured(f"The {name} environment variable must be set.")
    return value


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None


def env_ints(pattern: str, defaults: dict[str, int]) -> dict[str, int]:
    """A whole number per name, each read from `pattern` with the name in capitals
    ("PERIOD_{}_DAYS": PERIOD_SIGNUPS_DAYS), else its default."""
    return {name: env_int(pattern.format(name.upper()), value) for name, value in defaults.items()}


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def same_redis_server(first_url: str, second_url: str) -> bool:
    """Whether two Redis URLs reach the same server (database numbers aside)."""
    first, second = urlsplit(first_url), urlsplit(second_url)
    if first.scheme == "unix" or second.scheme == "unix":
        return first.path == second.path
    return (first.hostname, first.port or 6379) == (second.hostname, second.port or 6379)
