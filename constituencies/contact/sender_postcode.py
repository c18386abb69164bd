"""Where the person writing to the MP lives, seen from the site they are writing on: an
MP answers their own constituents, so someone from elsewhere is told so (and pointed to
their own local party) before they send. The postcode table may be older than the
postcode, so an unknown one is let through."""

from dataclasses import dataclass

from constituencies.models import Constituency
from constituencies.postcodes.lookup import PostcodeLookup, PostcodeStatus, look_up_postcode


@dataclass(frozen=True)
class SenderPostcode:
    lookup: PostcodeLookup
    elsewhere: bool  # in another constituency than the site's
    own_site_url: str | None  # that constituency's site, when it has an active one

    @property
    def is_unknown(self) -> bool:
        return self.lookup.status == PostcodeStatus.UNKNOWN

    @property
    def is_terminated(self) -> bool:
        return self.lookup.status == PostcodeStatus.TERMINATED


def place_sender(postcode: str, site: Constituency, request=None) -> SenderPostcode:
    """Look the sender's postcode up and compare its constituency with `site`'s."""
    lookup = look_up_postcode(postcode)
    elsewhere = bool(lookup.gss_code) and lookup.gss_code != site.gss_code
    own = lookup.constituency
    own_site_url = own.url_for(request) if elsewhere and own is not None and own.is_active else None
    return SenderPostcode(lookup=lookup, elsewhere=elsewhere, own_site_url=own_site_url)
