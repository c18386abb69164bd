"""UK postcodes: their shape (normalise_postcode, here), and the table of which
constituency each one is in (models, importing, lookup: a Django app of its own, in the
shared schema).

normalise_postcode stays importable from the package itself: it checks a postcode's shape
without touching the table, and forms on every site use it."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Outward code (area, district) and inward code (sector, unit), as the Royal Mail
# format allows; GIR 0AA is the one historic exception.
_POSTCODE = re.compile(
    r"^(GIR0AA|[A-PR-UWYZ](?:[0-9][0-9A-HJKPSTUW]?|[A-HK-Y][0-9][0-9ABEHMNPRV-Y]?)[0-9][ABD-HJLNP-UW-Z]{2})$"
)


def normalise_postcode(value: str) -> str:
    """Return `value` as a UK postcode in capitals with one space ("BS5 6AB"), or raise
    ValidationError with a message a visitor can act on."""
    compact = re.sub(r"\s+", "", value or "").upper()
    if not _POSTCODE.match(compact):
        raise ValidationError(_("Enter a UK postcode, like BS5 6AB."), code="invalid_postcode")
    return f"{compact[:-3]} {compact[-3:]}"


def is_postcode(value: str) -> bool:
    """Whether `value` has the shape of a UK postcode (any case or spacing)."""
    return bool(_POSTCODE.match(re.sub(r"\s+", "", value or "").upper()))
