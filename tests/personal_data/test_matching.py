"""One counting query per schema finds the same records as asking every kind in turn."""

from django_tenants.utils import schema_context

from personal_data.finding import (
    HUB_SCHEMA,
    constituency_schemas,
    find_everywhere,
    find_in_hub,
    find_in_schema,
    identify,
)
from personal_data.matching import KindsQuery
from privacy.registry import constituency_declarations

from .conftest import ADA, ADA_OLD


def _by_kind_and_schema(found):
    return sorted((each.declaration.kind, each.schema, str(each.rows)) for each in found)


def test_counting_first_finds_exactly_what_asking_every_kind_finds(seeded_person):
    for email in (ADA, ADA_OLD):
        person = identify(email)
        one_by_one = list(find_in_hub(person))
        for schema, name in constituency_schemas():
            one_by_one += find_in_schema(person, schema, name)
        assert _by_kind_and_schema(find_everywhere(person)) == _by_kind_and_schema(one_by_one)


def test_the_count_names_only_the_kinds_with_rows_and_how_many(seeded_person):
    person = identify(ADA)
    query = KindsQuery.for_person(person, constituency_declarations())
    with schema_context(seeded_person.schemas[0]):
        counts = {declaration.kind: count for declaration, count in query.counts()}
    assert counts == {"signups.eventsignup": 1, "contact.contactmessage": 1}
    with schema_context(HUB_SCHEMA):
        assert KindsQuery.for_person(person, []).counts() == []


def test_values_reach_the_database_as_parameters_never_as_sql(db):
    person = identify("o'brien+x@example.org")
    query = KindsQuery.for_person(person, constituency_declarations())
    assert "o'brien" not in query.sql
    assert "o'brien+x@example.org" in query.params
