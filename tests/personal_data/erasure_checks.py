"""What the erasure tests look for: any declared personal field, in the hub or any
constituency's schema, still holding one of the person's addresses, names or account id."""

from collections import Counter

from django_tenants.utils import schema_context

from personal_data.finding import HUB_SCHEMA, constituency_schemas, find_everywhere, identify
from privacy.registry import OnErasure, constituency_declarations, hub_declarations


def _values(declaration, lookup):
    model = declaration.model_class
    return model._base_manager.values_list("pk", lookup)


def _holds(value, person) -> bool:
    if value is None:
        return False
    if isinstance(value, int) and not isinstance(value, bool):
        return value in person.user_ids
    text = str(value).lower()
    return any(known.lower() in text for known in person.emails | person.names)


def traces_of(person) -> set[tuple[str, str, object]]:
    """(kind, schema, row id) of every row whose declared fields or address lookups
    hold something of the person's."""
    places = [(HUB_SCHEMA, hub_declarations())] + [
        (schema, constituency_declarations()) for schema, _ in constituency_schemas()
    ]
    found = set()
    for schema, declarations in places:
        with schema_context(schema):
            for declaration in declarations:
                for lookup in dict.fromkeys(declaration.fields + declaration.by_email):
                    for pk, value in _values(declaration, lookup):
                        if _holds(value, person):
                            found.add((declaration.kind, schema, pk))
    return found


def exempt(request) -> set[tuple[str, str]]:
    """(kind, schema) the request lists as kept under an exemption, and the request
    itself (kept: the record that it was answered)."""
    return {
        (entry["kind"], entry["schema"])
        for entry in request.found
        if entry["erasure"] == OnErasure.KEEP
    } | {("personal_data.personaldatarequest", HUB_SCHEMA)}


def counts_of(email) -> Counter:
    counts = Counter()
    for found in find_everywhere(identify(email)):
        counts[(found.declaration.kind, found.schema)] += len(found.rows)
    return counts
