"""Party regions of constituencies, for filtering the compliance dashboard: set one at a
time on a constituency's staff page, or all at once from a CSV (`set_regions` command).
A region is one of the party's regions and nations (`Region`), and one that covers the
constituency's nation; a Scottish or Welsh constituency is in Scotland or Wales from
the day it is provisioned."""

import csv
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from .models import REGIONS_OF_NATION, Constituency, Nation, Region
from .plain_text import single_line
from .signals import constituency_region_changed

_BY_NAME = {region.value.casefold(): region.value for region in Region}


def regions_for(nation: str) -> tuple[Region, ...]:
    """The regions a constituency of `nation` may be in (every one for an unknown nation)."""
    return REGIONS_OF_NATION.get(nation, tuple(Region)) if nation else tuple(Region)


def region_phrase(region: str, nation_label: str) -> str:
    """How the summary names a chosen region: "in the South West region", "in Wales"
    (a nation that is one region), or nothing when the nation already says it."""
    if not region or region == nation_label:
        return ""
    return (
        f"in {region}" if region in (Region.SCOTLAND, Region.WALES) else f"in the {region} region"
    )


def default_region(nation: str) -> str:
    """The region a new constituency of `nation` is in without asking: Scotland and
    Wales are each one region; England has nine, and Northern Ireland none."""
    choices = regions_for(nation)
    return choices[0].value if nation and len(choices) == 1 else ""


def clean_region(region: str, nation: str = "") -> str:
    """The party region named `region` (in any case and spacing), or "" for none.
    Raises ValidationError for a name not on the list, or a region of another nation."""
    typed = single_line(region)
    if not typed:
        return ""
    name = _BY_NAME.get(typed.casefold())
    if name is None:
        raise ValidationError(
            f"“{typed[:60]}” is not one of the party's regions: choose "
            f"{', '.join(Region.values[:-1])} or {Region.values[-1]}."
        )
    allowed = regions_for(nation)
    if name not in allowed:
        where = Nation(nation).label
        if not allowed:
            raise ValidationError(f"A constituency in {where} has no party region: leave it empty.")
        choose = allowed[0].value if len(allowed) == 1 else "one of the English regions"
        raise ValidationError(f"A constituency in {where} is not in {name}: choose {choose}.")
    return name


def set_region(constituency: Constituency, region: str, by=None) -> Constituency:
    """Set (or, with an empty name, clear) the constituency's region."""
    previous = constituency.region
    constituency.region = clean_region(region, constituency.nation)
    if constituency.region != previous:
        with transaction.atomic():
            constituency.save(update_fields=["region"])
            constituency_region_changed.send(
                Constituency, constituency=constituency, previous=previous, by=by
            )
    return constituency


@dataclass
class RegionsResult:
    updated: int = 0
    unchanged: int = 0
    problems: list[str] = field(default_factory=list)


def set_regions_from_csv(path: Path) -> RegionsResult:
    """Set regions from a CSV with `gss_code` and `region` columns. Rows naming an
    unknown constituency, or a region that is not a party region of its nation, are
    reported; the others are applied."""
    result = RegionsResult()
    with open(path, newline="", encoding="utf-8-sig") as file:
        reader = csv.DictReader(file)
        if not {"gss_code", "region"} <= set(reader.fieldnames or []):
            raise ValidationError("The file needs gss_code and region columns.")
        sites = {c.gss_code: c for c in Constituency.objects.sites()}
        for line, row in enumerate(reader, start=2):
            gss_code = (row["gss_code"] or "").strip().upper()
            constituency = sites.get(gss_code)
            if constituency is None:
                result.problems.append(f"Line {line}: no constituency has the code {gss_code!r}.")
                continue
            try:
                region = clean_region(row["region"] or "", constituency.nation)
            except ValidationError as error:
                result.problems.append(f"Line {line}: {' '.join(error.messages)}")
                continue
            if constituency.region == region:
                result.unchanged += 1
            else:
                set_region(constituency, region)
                result.updated += 1
    return result
