"""Two editions compared, clause by clause: what was added, removed and changed.

Clauses are matched by their number ("3.2.1"), so a clause that moved to a new number
shows as removed at the old number and added at the new one. A changed clause carries
a word-level diff as plain-text segments; templates escape them as any other text."""

import difflib
import re
from dataclasses import dataclass, field

from .models import Clause

_TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Segment:
    op: str  # "equal", "insert" or "delete"
    text: str


@dataclass(frozen=True)
class ClauseChange:
    kind: str  # "added", "removed" or "changed"
    ref: str
    key: tuple[int, int, int]
    old: Clause | None = None
    new: Clause | None = None
    segments: tuple[Segment, ...] = ()


@dataclass
class EditionComparison:
    old: object
    new: object
    changes: list[ClauseChange] = field(default_factory=list)

    def of_kind(self, kind):
        return [change for change in self.changes if change.kind == kind]

    @property
    def added(self):
        return self.of_kind("added")

    @property
    def removed(self):
        return self.of_kind("removed")

    @property
    def changed(self):
        return self.of_kind("changed")


def compare_editions(old, new) -> EditionComparison:
    """Every clause of `old` and `new` that differs, in clause-number order. Two
    queries, however many clauses."""
    old_clauses = _clauses_by_ref(old)
    new_clauses = _clauses_by_ref(new)
    changes = []
    for ref in old_clauses.keys() | new_clauses.keys():
        before, after = old_clauses.get(ref), new_clauses.get(ref)
        key = (before or after).ref_key
        if before is None:
            changes.append(ClauseChange("added", ref, key, new=after))
        elif after is None:
            changes.append(ClauseChange("removed", ref, key, old=before))
        elif _normalise(before.text) != _normalise(after.text):
            changes.append(
                ClauseChange(
                    "changed",
                    ref,
                    key,
                    old=before,
                    new=after,
                    segments=word_diff(before.text, after.text),
                )
            )
    changes.sort(key=lambda change: change.key)
    return EditionComparison(old=old, new=new, changes=changes)


def word_diff(before: str, after: str) -> tuple[Segment, ...]:
    """The change from `before` to `after`, word by word. Whitespace runs are tokens
    too, so the text reads back exactly; neighbouring segments of the same kind are
    merged so that a rewritten phrase shows as one deletion and one insertion."""
    a, b = _TOKENS.findall(before), _TOKENS.findall(after)
    segments: list[Segment] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op in ("delete", "replace"):
            _append(segments, "delete", "".join(a[i1:i2]))
        if op in ("insert", "replace"):
            _append(segments, "insert", "".join(b[j1:j2]))
        if op == "equal":
            _append(segments, "equal", "".join(a[i1:i2]))
    return tuple(segments)


def _append(segments, op, text):
    if not text:
        return
    if segments and segments[-1].op == op:
        segments[-1] = Segment(op, segments[-1].text + text)
    else:
        segments.append(Segment(op, text))


def _clauses_by_ref(edition) -> dict[str, Clause]:
    clauses = Clause.objects.in_edition(edition).select_related("section__chapter")
    return {clause.ref: clause for clause in clauses}


def _normalise(text: str) -> str:
    return " ".join(text.split())
