"""Finding events on the hub's /events/ page: the filters a visitor may set, checked,
and the listings they match."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q

from constituencies.plain_text import single_line
from constituencies.postcodes import normalise_postcode
from constituencies.postcodes.lookup import look_up_postcode
from constituencies.website.models import ActivityType

TEXT_LENGTH = 100
_OUTWARD_CODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")


class SearchText(forms.CharField):
    """Words typed into a search: control characters read as spaces, and (like the
    directory's search) longer input cut, not refused."""

    def to_python(self, value):
        return single_line(super().to_python(value))[:TEXT_LENGTH]


def postcode_or_district(value: str) -> str:
    """A postcode ("bs5 7aa": "BS5 7AA") or a postcode district given alone ("bs5":
    "BS5"), written the standard way; ValidationError for anything else."""
    compact = re.sub(r"\s+", "", value).upper()
    if _OUTWARD_CODE.match(compact):
        return compact
    try:
        return normalise_postcode(compact)
    except ValidationError:
        raise ValidationError(
            "Enter a postcode, like BS5 6AB, or its first part, like BS5.",
            code="invalid_postcode",
        ) from None


class EventSearchForm(forms.Form):
    q = SearchText(label="Words in the title, description or venue", required=False)
    postcode = SearchText(label="Postcode", required=False)
    constituency = SearchText(label="Constituency", required=False)
    type = forms.ChoiceField(
        label="Type of event",
        required=False,
        choices=[("", "Any type"), *ActivityType.choices],
        error_messages={"invalid_choice": "Choose a type of event from the list."},
    )

    def clean_postcode(self):
        text = self.cleaned_data["postcode"]
        return postcode_or_district(text) if text else ""

    @property
    def is_filtered(self) -> bool:
        return self.is_valid() and any(self.cleaned_data.values())


def in_postcode_area(postcode: str) -> Q:
    """Events near a postcode or district (as `postcode_or_district` writes it): those
    whose own postcode is in its district ("BS5 7AA" for "BS5" or "BS5 6AB", not
    "BS50 1AA"), and for a whole postcode every event of the constituency it is in (a
    district can straddle constituencies, and an event may have no postcode)."""
    district, _, inward = postcode.partition(" ")
    near = Q(postcode__startswith=f"{district} ")
    found = look_up_postcode(postcode).constituency if inward else None
    return near | Q(constituency=found) if found is not None else near


def matching(listings, *, q="", postcode="", constituency="", type=""):
    """The `listings` that match every filter given (an empty one matches all)."""
    if type:
        listings = listings.filter(activity_type=type)
    if constituency:
        listings = listings.filter(
            Q(constituency__name__icontains=constituency)
            | Q(constituency__gss_code__iexact=constituency)
        )
    if q:
        listings = listings.filter(
            Q(title__icontains=q) | Q(summary__icontains=q) | Q(venue__icontains=q)
        )
    if postcode:
        listings = listings.filter(in_postcode_area(postcode))
    return listings
