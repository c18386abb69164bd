"""Asking a postcodes.io-compatible service (POSTCODE_LOOKUP_URL) about a postcode the
table does not have yet: Royal Mail adds postcodes every month, the ONS file every
quarter. Off unless configured; a slow or failing service never holds a page up for
more than POSTCODE_LOOKUP_TIMEOUT seconds, and its answers are cached."""

import json
import logging
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

_GSS_CODE = re.compile(r"^[ENSW]\d{8}$")
# The service's 2024 field first: older deployments of postcodes.io only have the
# unsuffixed one (which postcodes.io now also fills with the 2024 constituency).
_CONSTITUENCY_FIELDS = ("parliamentary_constituency_2024", "parliamentary_constituency")
# How long "the service has never heard of it" is believed (a found postcode is kept for
# POSTCODE_LOOKUP_CACHE_SECONDS, a day by default): a new postcode may appear there soon.
_NOT_FOUND_SECONDS = 60 * 60
# After a failure this process leaves the service alone for a while, so that a flood of
# unknown postcodes while it is down does not hold every request up for the timeout.
PAUSE_AFTER_FAILURE_SECONDS = 30
_paused_until = 0.0


@dataclass(frozen=True)
class ServiceAnswer:
    """What the service said: a constituency (with a position when it has one), or
    gss_code "" when it does not know the postcode."""

    gss_code: str = ""
    latitude: float | None = None
    longitude: float | None = None


def ask_postcode_service(postcode: str) -> ServiceAnswer | None:
    """The service's answer for `postcode` ("BS5 7AA"), from the cache when it was asked
    lately; None when it could not be asked (timeout, error, nonsense) or failed in the
    last PAUSE_AFTER_FAILURE_SECONDS. Failures are not cached: once the pause is over,
    the next visitor's postcode is asked again."""
    key = f"postcode-service:{postcode.replace(' ', '')}"
    cached = cache.get(key)
    if cached is not None:
        return ServiceAnswer(*cached)
    if time.monotonic() < _paused_until:
        return None
    answer = _ask(postcode)
    if answer is None:
        _pause()
        return None
    seconds = settings.POSTCODE_LOOKUP_CACHE_SECONDS if answer.gss_code else _NOT_FOUND_SECONDS
    cache.set(key, (answer.gss_code, answer.latitude, answer.longitude), seconds)
    return answer


def _pause() -> None:
    global _paused_until
    _paused_until = time.monotonic() + PAUSE_AFTER_FAILURE_SECONDS


def resume_postcode_service() -> None:
    """Forget a recent failure: the next postcode is asked of the service again."""
    global _paused_until
    _paused_until = 0.0


def _ask(postcode: str) -> ServiceAnswer | None:
    base = settings.POSTCODE_LOOKUP_URL.rstrip("/")
    url = f"{base}/postcodes/{urllib.parse.quote(postcode)}"
    request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310
    try:
        with urllib.request.urlopen(  # noqa: S310 - the URL's scheme is the operator's setting
            request, timeout=settings.POSTCODE_LOOKUP_TIMEOUT
        ) as response:
            body = json.load(response)
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return ServiceAnswer()
        logger.warning("The postcode service answered %s for %s", error.code, postcode)
        return None
    except (OSError, ValueError) as error:  # timeouts, refused connections, bad JSON
        logger.warning("The postcode service could not be asked about %s: %s", postcode, error)
        return None
    return _read(body, postcode)


def _read(body, postcode: str) -> ServiceAnswer | None:
    result = body.get("result") if isinstance(body, dict) else None
    if not isinstance(result, dict):
        logger.warning("The postcode service's answer for %s has no result", postcode)
        return None
    codes = result.get("codes") if isinstance(result.get("codes"), dict) else {}
    gss_code = next(
        (codes[field] for field in _CONSTITUENCY_FIELDS if _GSS_CODE.match(codes.get(field) or "")),
        "",
    )
    if not gss_code:
        logger.warning("The postcode service gave no constituency code for %s", postcode)
        return None
    latitude, longitude = _coordinate(result, "latitude"), _coordinate(result, "longitude")
    if latitude is None or longitude is None:
        latitude = longitude = None
    return ServiceAnswer(gss_code, latitude, longitude)


def _coordinate(result: dict, name: str) -> float | None:
    value = result.get(name)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return None
