"""One new thing on Membersnet, as each area (training, rulebook, knowledge bank) reports
it to the members' dashboard and digest (membersnet.members.whats_new)."""

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class WhatsNewItem:
    kind: str  # "Course", "Fact", "Rulebook", "Procedure"…
    title: str
    url: str  # a path on the hub, e.g. /membersnet/facts/…/
    at: dt.datetime
    summary: str = ""
