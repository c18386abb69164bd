"""The compliance dashboard's Welsh-language column: how far each bilingual
constituency's Welsh and English pages are in step (constituencies.languages.parity
has the definitions). The dashboard reads the summaries the parity check stores in the
hub's schema, in one query; a constituency's own list is read from its schema."""

from dataclasses import dataclass

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce
from django_tenants.utils import schema_context

from constituencies.languages.parity import SiteParity, site_parity
from constituencies.models import Nation

#: The orders the Welsh table offers: {name: (label, ordering)}.
ORDERS = {
    "": ("CLP", ["name"]),
    "gaps": ("Most pages out of step", ["-gaps", "-flags", "name"]),
    "flagged": ("Most flagged", ["-flags", "-gaps", "name"]),
}


def welsh_rows(constituencies, order: str = ""):
    """The constituencies that offer Welsh, and those in Wales that do not (their row
    says so), each with `language_parity` (None until its first check) and, for
    sorting, `gaps` and `flags`."""
    _, ordering = ORDERS.get(order, ORDERS[""])
    parity = "language_parity__"
    gaps = (
        Coalesce(F(f"{parity}missing_welsh"), 0)
        + Coalesce(F(f"{parity}outdated_welsh"), 0)
        + Coalesce(F(f"{parity}missing_english"), 0)
    )
    return (
        constituencies.filter(Q(offers_welsh=True) | Q(nation=Nation.WALES))
        .select_related("language_parity")
        .annotate(gaps=gaps, flags=Coalesce(F(f"{parity}flagged"), 0))
        .order_by("-offers_welsh", *ordering)
    )


@dataclass
class WelshTotals:
    bilingual: int
    with_gaps: int
    flagged: int


def welsh_totals(rows) -> WelshTotals:
    """For `welsh_rows`: how many offer Welsh, how many of those have pages out of
    step, and their open flags, in one query."""
    totals = rows.filter(offers_welsh=True).aggregate(
        bilingual=Count("pk"),
        with_gaps=Count("pk", filter=Q(gaps__gt=0)),
        flagged=Coalesce(Sum("flags"), 0),
    )
    return WelshTotals(**totals)


def site_pages(constituency) -> SiteParity:
    """The constituency's pages out of step, read live from its schema."""
    with schema_context(constituency.schema_name):
        return site_parity()
