"""Which constituency a postcode is in: the one function the directory, the contact
form and anything else that takes a postcode calls."""

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings
from django.core.exceptions import ValidationError

from constituencies.constituency_list import listed_name
from constituencies.models import Constituency

from . import normalise_postcode
from .models import Postcode
from .remote import ask_postcode_service

# The rate limit's group for the hub's postcode searches (settings.POSTCODE_SEARCH_RATE_LIMIT):
# each may ask the postcode service, and together they would map the table for a scraper.
POSTCODE_SEARCH = "postcode-search"


class PostcodeStatus(StrEnum):
    FOUND = "found"
    UNKNOWN = "unknown"  # the shape of a postcode, but in neither the table nor the service
    TERMINATED = "terminated"  # Royal Mail no longer uses it; gss_code is where it was
    INVALID = "invalid"  # not the shape of a UK postcode


@dataclass(frozen=True)
class PostcodeLookup:
    """The answer for one postcode. `postcode` is written the standard way ("BS5 7AA"),
    or as typed when it is not a postcode at all. `constituency` is the site's row when
    the postcode's constituency has one (of any status: callers check `is_active`)."""

    postcode: str
    status: PostcodeStatus
    gss_code: str = ""
    constituency: Constituency | None = None
    latitude: float | None = None
    longitude: float | None = None
    terminated_on: dt.date | None = None
    from_service: bool = False

    @property
    def is_found(self) -> bool:
        return self.status == PostcodeStatus.FOUND

    @property
    def constituency_name(self) -> str:
        """The constituency's name, even when it has no site yet (from the shipped list of
        constituencies); blank when the code is not one the list knows."""
        if self.constituency is not None:
            return self.constituency.name
        if not self.gss_code:
            return ""
        return listed_name(self.gss_code) or ""


def look_up_postcode(text: str) -> PostcodeLookup:
    """Look `text` up (any case or spacing) in the postcode table; a postcode the table
    does not have is asked of the postcode service when POSTCODE_LOOKUP_URL is set (its
    failures answer "unknown", as the table did). Never raises for bad input."""
    try:
        postcode = normalise_postcode(text)
    except ValidationError:
        return PostcodeLookup(postcode=(text or "").strip()[:20], status=PostcodeStatus.INVALID)
    row = Postcode.objects.filter(postcode=postcode).first()
    if row is not None:
        return PostcodeLookup(
            postcode=postcode,
            status=PostcodeStatus.TERMINATED if row.is_terminated else PostcodeStatus.FOUND,
            gss_code=row.gss_code,
            constituency=_site_for(row.gss_code),
            latitude=row.latitude,
            longitude=row.longitude,
            terminated_on=row.terminated_on,
        )
    if settings.POSTCODE_LOOKUP_URL:
        answer = ask_postcode_service(postcode)
        if answer is not None and answer.gss_code:
            return PostcodeLookup(
                postcode=postcode,
                status=PostcodeStatus.FOUND,
                gss_code=answer.gss_code,
                constituency=_site_for(answer.gss_code),
                latitude=answer.latitude,
                longitude=answer.longitude,
                from_service=True,
            )
    return PostcodeLookup(postcode=postcode, status=PostcodeStatus.UNKNOWN)


def _site_for(gss_code: str) -> Constituency | None:
    return (
        Constituency.objects.sites().filter(gss_code=gss_code).prefetch_related("domains").first()
    )
