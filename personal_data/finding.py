"""Finding a person's data: in the hub's schema and in every constituency's.

`identify` turns an email address into a `Person`: every address known to be theirs
(their account's, the account's other verified or unverified addresses, their member
record's) and their account's id. `find_everywhere` then asks each declared kind of
record (privacy.registry) for that person's rows, schema by schema: one query per
schema says which kinds hold any (`matching.KindsQuery`), and only those are read.
`find_in_hub` and `find_in_schema` ask every kind in turn (the benchmark's baseline).
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Q
from django_tenants.utils import schema_context

from constituencies.models import Constituency
from membersnet.members.models import Member
from privacy.registry import (
    Person,
    PersonalData,
    constituency_declarations,
    hub_declarations,
)

from .matching import KindsQuery

HUB_SCHEMA = "public"


@dataclass
class Found:
    """One kind of record holding the person's data, in one schema."""

    declaration: PersonalData
    schema: str
    place: str  # "Hub" or the constituency's name
    rows: list[dict]


def normalise_email(email: str) -> str:
    return email.strip().lower()


def identify(email: str) -> Person:
    """The person an address belongs to, with every address the platform links to it."""
    email = normalise_email(email)
    users = list(
        get_user_model()
        .objects.filter(Q(email__iexact=email) | Q(emailaddress__email__iexact=email))
        .distinct()
    )
    members = list(
        Member.objects.filter(Q(email__iexact=email) | Q(user__in=users)).select_related("user")
    )
    users += [m.user for m in members if m.user is not None and m.user not in users]
    emails = {email}
    emails |= {u.email.lower() for u in users if u.email}
    emails |= {m.email.lower() for m in members if m.email}
    user_ids = {u.pk for u in users}
    if user_ids:
        emails |= {
            address.lower()
            for address in get_user_model()
            .objects.filter(pk__in=user_ids)
            .values_list("emailaddress__email", flat=True)
            if address
        }
    names = {u.get_full_name().strip() for u in users} - {""}
    return Person(emails=frozenset(emails), user_ids=frozenset(user_ids), names=frozenset(names))


def constituency_schemas() -> list[tuple[str, str]]:
    """(schema, name) of every constituency's schema, suspended and archived ones too:
    their data is still held."""
    return list(
        Constituency.objects.sites().order_by("schema_name").values_list("schema_name", "name")
    )


def find_in_current_schema(person: Person, declarations, schema: str, place: str) -> list[Found]:
    found = []
    for declaration in declarations:
        if not declaration.can_find(person):
            continue
        rows = declaration.export(declaration.rows_of(person))
        if rows:
            found.append(Found(declaration, schema, place, rows))
    return found


def find_in_hub(person: Person) -> list[Found]:
    with schema_context(HUB_SCHEMA):
        return find_in_current_schema(person, hub_declarations(), HUB_SCHEMA, "Hub")


def find_in_schema(person: Person, schema: str, place: str) -> list[Found]:
    with schema_context(schema):
        return find_in_current_schema(person, constituency_declarations(), schema, place)


class Finder:
    """Finds one person's rows schema by schema with one counting query per schema (its
    SQL compiled once, for the hub's kinds and for a constituency's), reading rows only
    of the kinds that hold any."""

    def __init__(self, person: Person):
        self.person = person
        self._hub = KindsQuery.for_person(person, hub_declarations())
        self._constituency = KindsQuery.for_person(person, constituency_declarations())

    def kinds_holding(self, schema: str) -> list[PersonalData]:
        """The kinds with rows of the person's in `schema`, which must be the current one."""
        query = self._hub if schema == HUB_SCHEMA else self._constituency
        return [declaration for declaration, _ in query.counts()]

    def find_in(self, schema: str, place: str) -> list[Found]:
        """The person's rows in `schema` (read in it, handed back outside it, so that the
        caller's own queries run where it is)."""
        with schema_context(schema):
            return find_in_current_schema(self.person, self.kinds_holding(schema), schema, place)


def find_everywhere(
    person: Person, progress: Callable[[int, int], None] | None = None
) -> Iterator[Found]:
    """Every record of the person's, the hub's first, then each constituency's;
    `progress(done, total)` is told after each schema."""
    places = [(HUB_SCHEMA, "Hub"), *constituency_schemas()]
    finder = Finder(person)
    for done, (schema, place) in enumerate(places, start=1):
        yield from finder.find_in(schema, place)
        if progress:
            progress(done, len(places))
