"""Which kinds of record hold a person's rows in a schema, asked in one query.

Asking each declared kind in turn costs a query per kind per schema: with an account,
about eighteen round trips for each of 650 schemas. Most schemas hold nothing of the
person, so `KindsQuery` asks all the kinds at once, counting each kind's matches in
one `UNION ALL`, and the rows are read only for the kinds that have some. The SQL is
built from each declaration's own query (`PersonalData.rows_of`), so the registry
stays the one definition of what is the person's; it is compiled once and run in
each schema in turn (the table names are unqualified: the schema's search path picks
its tables).
"""

from dataclasses import dataclass

from django.db import connection

from privacy.registry import Person, PersonalData


@dataclass(frozen=True)
class KindsQuery:
    declarations: tuple[PersonalData, ...]
    sql: str
    params: tuple

    @classmethod
    def for_person(cls, person: Person, declarations) -> "KindsQuery":
        findable = tuple(d for d in declarations if d.can_find(person))
        parts, params = [], []
        for number, declaration in enumerate(findable):
            queryset = declaration.rows_of(person).order_by().values("pk")
            sql, kind_params = queryset.query.get_compiler(using=queryset.db).as_sql()
            # Only Django's compiled SQL and a number go into the text; values are params.
            parts.append(f"SELECT {number} AS kind, count(*) FROM ({sql}) AS kind_{number}")  # noqa: S608
            params.extend(kind_params)
        return cls(findable, " UNION ALL ".join(parts), tuple(params))

    def counts(self) -> list[tuple[PersonalData, int]]:
        """How many rows of each kind are the person's, in the current schema (kinds
        with none are left out)."""
        if not self.declarations:
            return []
        with connection.cursor() as cursor:
            cursor.execute(self.sql, self.params)
            rows = cursor.fetchall()
        return [(self.declarations[number], count) for number, count in sorted(rows) if count]
