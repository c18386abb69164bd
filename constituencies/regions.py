"""Party regions of constituencies, for filtering the compliance dashboard: set one at a
time on a constituency's staff page, or all at once from a CSV (`set_regions` command)."""

import csv
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from .models import Constituency
from .plain_text import single_line
from .signals import constituency_region_changed

MAX_LENGTH = Constituency._meta.get_field("region").max_length


def clean_region(region: str) -> str:
    region = single_line(region)
    if len(region) > MAX_LENGTH:
        raise ValidationError(f"A region's name has at most {MAX_LENGTH} characters.")
    return region


def set_region(constituency: Constituency, region: str, by=None) -> Constituency:
    """Set (or, with an empty name, clear) the constituency's region."""
    previous = constituency.region
    constituency.region = clean_region(region)
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
    unknown constituency or an overlong region are reported; the others are applied."""
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
                region = clean_region(row["region"] or "")
            except ValidationError as error:
                result.problems.append(f"Line {line}: {' '.join(error.messages)}")
                continue
            if constituency.region == region:
                result.unchanged += 1
            else:
                set_region(constituency, region)
                result.updated += 1
    return result
