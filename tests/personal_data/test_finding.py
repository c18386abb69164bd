"""Finding a person's records in the hub and every constituency's schema."""

from collections import Counter

from personal_data.finding import find_everywhere, identify

from .conftest import ADA, ADA_OLD, OTHER


def test_it_finds_every_record_of_the_person_in_the_hub_and_three_schemas(seeded_person):
    found = list(find_everywhere(identify(ADA)))
    counts = Counter()
    for each in found:
        counts[each.declaration.kind] += len(each.rows)
    for kind, expected in seeded_person.records.items():
        assert counts[kind] == expected, kind
    places = {each.schema for each in found}
    assert set(seeded_person.schemas) <= places
    assert "public" in places


def test_it_finds_nothing_of_anyone_else(seeded_person):
    for each in find_everywhere(identify(ADA)):
        for row in each.rows:
            assert OTHER not in str(row).lower()
            assert "grace" not in str(row).lower()


def test_the_member_records_other_address_finds_the_same_person(seeded_person):
    person = identify(ADA_OLD.upper())
    assert {ADA, ADA_OLD} <= person.emails
    assert seeded_person.user.pk in person.user_ids


def test_progress_is_told_after_every_schema(seeded_person):
    told = []
    list(find_everywhere(identify(ADA), progress=lambda done, total: told.append((done, total))))
    total = told[-1][1]
    assert told == [(n, total) for n in range(1, total + 1)]
    assert total >= 4
