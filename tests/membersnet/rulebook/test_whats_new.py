"""What's new in the rulebook, and its demo content."""

import datetime as dt

from django.utils import timezone

from membersnet.rulebook.comparison import compare_editions
from membersnet.rulebook.demo import fill_demo_rulebook
from membersnet.rulebook.models import (
    Clause,
    Edition,
    Procedure,
)
from membersnet.rulebook.whats_new import new_since

from .shared import make_edition, make_procedure


def test_whats_new_lists_published_editions_and_procedures_newest_first(editions):
    make_edition(2027, {"1.1.1": "Draft."}, published=False)
    procedure = make_procedure()
    items = new_since(None, limit=10)
    assert [(item.kind, item.title) for item in items] == [
        ("Procedure", procedure.title),
        ("Rulebook", "Rulebook 2026"),
        ("Rulebook", "Rulebook 2025"),
    ]
    assert items[0].url == procedure.get_absolute_url()
    assert items[1].url == "/membersnet/rulebook/2026/"


def test_whats_new_since_a_moment_leaves_out_older_things(editions):
    old_procedure = make_procedure("Old procedure")
    Procedure.objects.filter(pk=old_procedure.pk).update(
        updated_at=timezone.now() - dt.timedelta(days=30)
    )
    new_procedure = make_procedure("New procedure")
    since = timezone.now() - dt.timedelta(days=1)
    titles = [item.title for item in new_since(since, limit=10)]
    assert titles == [new_procedure.title]


def test_whats_new_respects_the_limit(editions):
    for n in range(4):
        make_procedure(f"Procedure {n}")
    assert len(new_since(None, limit=3)) == 3


def test_demo_rulebook_is_invented_idempotent_and_shows_every_kind_of_change(db):
    fill_demo_rulebook()
    fill_demo_rulebook()
    assert Edition.objects.count() == 2
    old, new = Edition.objects.get(year=2025), Edition.objects.get(year=2026)
    assert "invented" in new.title.lower()
    assert "invented text" in new.note
    assert new.chapters.count() >= 5
    comparison = compare_editions(old, new)
    assert comparison.added
    assert comparison.removed
    assert comparison.changed
    kinds = set(Procedure.objects.values_list("kind", flat=True))
    assert kinds == set(Procedure.Kind.values)
    count = Clause.objects.count()
    fill_demo_rulebook()
    assert Clause.objects.count() == count
    assert Edition.objects.current() == new
