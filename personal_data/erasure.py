"""Erasing a person everywhere (UK GDPR Art. 17), in one operation that either finishes
in every schema or says exactly which schemas remain, and can be run again.

`ask_for_erasure` identifies the person once and stores who they are on the request
(every address and name of theirs, their account's id): once their account and member
record are gone their other addresses cannot be worked out again, and a second run must
still find what remains. `run_erasure` then erases, as each declared kind says (delete,
anonymise, or keep under its exemption), in each constituency's schema in a transaction
of its own, and the hub last: the hub holds the account and the member record, and
deleting the account goes through Django's delete so that accounts' receivers record
the deletion and clear what any constituency still holds of the account's id. A schema
that fails (a lock held too long, a lost connection) is left in `schemas_remaining`;
the others carry on, and the request ends INCOMPLETE naming it. Each schema's erasure
and the request's progress commit together, so a second run does only what remains.

One transaction over every schema would lock a few tables in each of 650 schemas, more
than PostgreSQL holds at once, and one stuck schema would undo the rest.
"""

import datetime as dt
import logging
import re
import time
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import DatabaseError, connection, models, transaction
from django.db.models import Q
from django.utils import timezone
from django_tenants.utils import schema_context

from governance import audit
from governance.disputes.models import DisputeCase
from governance.personal_data import DISPUTES_EXEMPTION
from privacy.registry import (
    OnErasure,
    Person,
    PersonalData,
    hub_declarations,
)

from .finding import (
    HUB_SCHEMA,
    Finder,
    constituency_schemas,
    identify,
    normalise_email,
)
from .models import PersonalDataRequest

logger = logging.getLogger(__name__)

# A schema whose rows another transaction holds locked longer than this is left for the
# next run rather than holding up the other 649.
LOCK_TIMEOUT = "5s"
# A run that has said nothing for this long is taken to have stopped (a worker killed):
# its request may be run again.
STALE_RUN_MINUTES = 30

# A member record that a kept disputes case names is kept with the case. Deleting it
# would leave the case (kept under the disputes exemption, to defend the party's
# decision) about no one, which defeats the exemption; refusing the whole erasure
# would keep everything else of theirs for no reason. So the record stays, unlinked from
# the deleted account and taken off the digest, holding only what names them on the
# case (name, address, membership number), and is shown as an exemption.
MEMBER_KEPT_FOR_CASE = (
    f"{DISPUTES_EXEMPTION}. The member record a kept disputes case names is kept with it, "
    "so that the case still says whom it is about; it no longer signs in or gets emails"
)


# Kept records that point at the account (who referred a case, who did what in the
# audit log) keep everything but that pointer: the account itself is not needed for the
# exemption, and keeping it would keep a way to sign in as them.
ACCOUNT_LINK_CLEARED = "Their link to the deleted account is cleared; the rest is kept"


@dataclass
class Done:
    """What one schema's erasure did: one entry per kind of record."""

    schema: str
    place: str
    entries: list[dict] = field(default_factory=list)


def person_of(request: PersonalDataRequest) -> Person:
    identity = request.identity or {}
    return Person(
        emails=frozenset(identity.get("emails", [])),
        user_ids=frozenset(identity.get("user_ids", [])),
        names=frozenset(identity.get("names", [])),
    )


@dataclass
class Plan:
    """What erasing the person would do (entries as the request's `found`), and in how
    many of the places there are it was checked."""

    entries: list[dict]
    checked: int
    places: int

    @property
    def complete(self) -> bool:
        return self.checked == self.places


def plan_erasure(person: Person, within_seconds: float | None = None) -> Plan:
    """What erasing the person would do, per kind and place, from what the finder finds
    now (the review before the erasure is confirmed): the hub, then each constituency,
    stopping after `within_seconds` if given (a web page cannot wait for 650 schemas;
    the erasure itself visits them all)."""
    started = time.monotonic()
    finder = Finder(person)
    places = [(HUB_SCHEMA, "Hub"), *constituency_schemas()]
    entries = []
    checked = 0
    for schema, place in places:
        out_of_time = within_seconds is not None and time.monotonic() - started > within_seconds
        if checked and out_of_time:  # the hub, where the account is, always
            break
        found = finder.find_in(schema, place)
        entries.extend(_planned(each, person) for each in found)
        checked += 1
    return Plan([entry for group in entries for entry in group], checked, len(places))


def _planned(found, person: Person) -> list[dict]:
    declaration = found.declaration
    done = Done(found.schema, found.place)
    count = len(found.rows)
    entries = []
    if declaration.model == "members.Member":
        named = DisputeCase.objects.filter(member__in=[row["id"] for row in found.rows])
        kept = named.values("member").distinct().count()
        if kept:
            entries.append(_entry(declaration, done, kept, OnErasure.KEEP, MEMBER_KEPT_FOR_CASE))
        count -= kept
    if count:
        exemption = _exemption(declaration, person)
        entries.append(_entry(declaration, done, count, declaration.on_erasure, exemption))
    return entries


def unfinished_erasure(email: str) -> PersonalDataRequest | None:
    """The latest erasure for this address that has not finished everywhere, to carry on
    with rather than start again (its stored identity still finds what remains)."""
    return (
        PersonalDataRequest.objects.filter(
            kind=PersonalDataRequest.Kind.ERASURE, email__iexact=normalise_email(email)
        )
        .exclude(status=PersonalDataRequest.Status.DONE)
        .exclude(schemas_remaining=[])
        .first()
    )


def ask_for_erasure(
    email: str, reason: str, requested_by=None, person: Person | None = None
) -> PersonalDataRequest:
    """Record an erasure request for the person with this address: who they are (worked
    out now, once, unless `person` was just worked out for the review) and which schemas
    it must visit, the hub last."""
    person = person or identify(email)
    schemas = [schema for schema, _ in constituency_schemas()] + [HUB_SCHEMA]
    return PersonalDataRequest.objects.create(
        kind=PersonalDataRequest.Kind.ERASURE,
        email=normalise_email(email),
        reason=reason.strip(),
        requested_by=requested_by,
        identity={
            "emails": sorted(person.emails),
            "user_ids": sorted(person.user_ids),
            "names": sorted(person.names),
        },
        schemas_total=len(schemas),
        schemas_remaining=schemas,
    )


def may_run_again(request: PersonalDataRequest) -> bool:
    """Whether staff may start the request's erasure again: it stopped with schemas
    remaining, or its run never started (the broker was down) or stopped without a word."""
    if not request.schemas_remaining:
        return False
    stale = timezone.now() - dt.timedelta(minutes=STALE_RUN_MINUTES)
    match request.status:
        case PersonalDataRequest.Status.INCOMPLETE | PersonalDataRequest.Status.FAILED:
            return True
        case PersonalDataRequest.Status.QUEUED:
            return request.created_at < stale
        case PersonalDataRequest.Status.RUNNING:
            return request.started_at is None or request.started_at < stale
    return False


def _claim(request: PersonalDataRequest) -> bool:
    """Mark the request running unless another run has it (a double-clicked "Run
    again"); a finished request has nothing left to claim."""
    stale = timezone.now() - dt.timedelta(minutes=STALE_RUN_MINUTES)
    claimable = Q(
        status__in=[
            PersonalDataRequest.Status.QUEUED,
            PersonalDataRequest.Status.INCOMPLETE,
            PersonalDataRequest.Status.FAILED,
        ]
    ) | Q(status=PersonalDataRequest.Status.RUNNING, started_at__lt=stale)
    with schema_context(HUB_SCHEMA):
        return bool(
            PersonalDataRequest.objects.filter(
                claimable, pk=request.pk, kind=PersonalDataRequest.Kind.ERASURE
            )
            .exclude(schemas_remaining=[])
            .update(status=PersonalDataRequest.Status.RUNNING, started_at=timezone.now())
        )


def run_erasure(request_id: int, by=None, progress=None) -> PersonalDataRequest:
    """Erase the request's person in every schema it has not yet done. `by` is whoever
    started this run (the requester when not given); `progress(schema, place, done)` is
    told of each schema as it finishes (`done` a `Done`) or fails (`done` None)."""
    with schema_context(HUB_SCHEMA):
        request = PersonalDataRequest.objects.get(pk=request_id)
    if not _claim(request):
        request.refresh_from_db()
        return request
    person = person_of(request)
    finder = Finder(person)
    places = dict(constituency_schemas())
    failures = []
    this_run = []
    try:
        for schema in list(request.schemas_remaining):
            place = "Hub" if schema == HUB_SCHEMA else places.get(schema, schema)
            try:
                done = _erase_schema(request, finder, schema, place)
            except DatabaseError as error:
                logger.warning("erasure %s: schema %s failed: %s", request.pk, schema, error)
                _recover_connection()
                # A database's message can quote a row's values: never theirs here.
                failures.append(without_identity(f"{place} ({schema}): {error}".strip(), person))
                if progress:
                    progress(schema, place, None)
                continue
            this_run.extend(done.entries)
            if progress:
                progress(schema, place, done)
    except Exception as error:
        with schema_context(HUB_SCHEMA):
            PersonalDataRequest.objects.filter(pk=request.pk).update(
                status=PersonalDataRequest.Status.FAILED,
                failure=without_identity(f"{type(error).__name__}: {error}", person),
                finished_at=timezone.now(),
            )
        raise
    with schema_context(HUB_SCHEMA):
        request.refresh_from_db()
        request.status = (
            PersonalDataRequest.Status.INCOMPLETE
            if request.schemas_remaining
            else PersonalDataRequest.Status.DONE
        )
        request.failure = "\n".join(failures)
        request.finished_at = timezone.now()
        request.save(update_fields=["status", "failure", "finished_at"])
        _audit(request, person, this_run, by or request.requested_by)
    return request


def _erase_schema(request, finder: Finder, schema: str, place: str) -> Done:
    """Erase in one schema and note it done on the request, in one transaction: either
    both happen or neither. A constituency's kinds are counted first in one query and
    only those holding the person's rows are erased."""
    person = finder.person
    done = Done(schema, place)
    with schema_context(schema), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('lock_timeout', %s, true)", [LOCK_TIMEOUT])
        if schema == HUB_SCHEMA:
            _erase_hub(person, done, request.pk)
        else:
            for declaration in finder.kinds_holding(schema):
                _erase_kind(declaration, person, done)
        # The request's table is in the shared schema, on the search path of every one.
        stored = PersonalDataRequest.objects.select_for_update().get(pk=request.pk)
        stored.schemas_remaining = [s for s in stored.schemas_remaining if s != schema]
        stored.schemas_done = stored.schemas_total - len(stored.schemas_remaining)
        stored.found = stored.found + done.entries
        stored.save(update_fields=["schemas_remaining", "schemas_done", "found"])
    return done


def _recover_connection():
    # A lost connection fails every later query: a new one is opened for the next
    # schema. (Inside a test's transaction there is nothing to recover.)
    if not connection.in_atomic_block and not connection.is_usable():
        connection.close()


def _erase_hub(person: Person, done: Done, request_pk: int):
    """The hub's kinds, the account last: its deletion is what clears what every
    constituency holds of its id, and kept records (a disputes case) must be settled
    while the member record still points at the account."""
    user_model = "accounts.User"
    declarations = hub_declarations()
    for declaration in declarations:
        if declaration.model == "members.Member":
            _erase_members(declaration, person, done)
        elif declaration.model_class is PersonalDataRequest:
            # This request is the record of this erasure, not something it found.
            rows = declaration.rows_of(person).exclude(pk=request_pk)
            _erase_kind(declaration, person, done, rows)
        elif declaration.model != user_model:
            _erase_kind(declaration, person, done)
    for declaration in declarations:
        if declaration.model == user_model:
            _erase_kind(declaration, person, done)


def _erase_members(declaration: PersonalData, person: Person, done: Done):
    rows = declaration.rows_of(person)
    named_by_cases = set(
        DisputeCase.objects.filter(member__in=rows.values("pk")).values_list("member", flat=True)
    )
    kept = rows.filter(pk__in=named_by_cases)
    if named_by_cases:
        kept.update(user=None, digest_opt_in=False)
        done.entries.append(
            _entry(declaration, done, len(named_by_cases), OnErasure.KEEP, MEMBER_KEPT_FOR_CASE)
        )
    _erase_kind(declaration, person, done, rows.exclude(pk__in=named_by_cases))


def _erase_kind(declaration: PersonalData, person: Person, done: Done, rows=None):
    if not declaration.can_find(person):
        return
    rows = declaration.rows_of(person) if rows is None else rows
    count = rows.count()
    if not count:
        return
    declaration.erase(rows)
    done.entries.append(
        _entry(declaration, done, count, declaration.on_erasure, _exemption(declaration, person))
    )


def _exemption(declaration: PersonalData, person: Person) -> str:
    """The declared exemption, saying so when the kept rows lose their link to the
    account (its deletion sets it to null): kept, but no longer saying whose account."""
    if declaration.on_erasure != OnErasure.KEEP or not person.user_ids:
        return declaration.exemption
    user_model = get_user_model()
    for lookup in declaration.by_user:
        model_field = declaration.model_class._meta.get_field(lookup.split("__")[0])
        if (
            model_field.related_model is user_model
            and model_field.remote_field.on_delete is models.SET_NULL
        ):
            return f"{declaration.exemption}. {ACCOUNT_LINK_CLEARED}"
    return declaration.exemption


def _entry(declaration: PersonalData, done: Done, count: int, erasure, exemption="") -> dict:
    return {
        "kind": declaration.kind,
        "name": declaration.name,
        "schema": done.schema,
        "place": done.place,
        "count": count,
        "erasure": str(erasure),
        "exemption": exemption if erasure == OnErasure.KEEP else "",
    }


@dataclass
class Summary:
    """What a request's erasure did so far, per kind: how many deleted, anonymised, and
    kept under which exemption."""

    deleted: dict[str, int]
    anonymised: dict[str, int]
    kept: list[dict]

    @property
    def nothing_found(self) -> bool:
        return not (self.deleted or self.anonymised or self.kept)


def summarise(entries: list[dict]) -> Summary:
    deleted, anonymised, kept = {}, {}, {}
    for entry in entries:
        if entry["erasure"] == OnErasure.DELETE:
            deleted[entry["name"]] = deleted.get(entry["name"], 0) + entry["count"]
        elif entry["erasure"] == OnErasure.ANONYMISE:
            anonymised[entry["name"]] = anonymised.get(entry["name"], 0) + entry["count"]
        else:
            key = (entry["name"], entry["exemption"])
            kept.setdefault(key, {"name": entry["name"], "exemption": entry["exemption"]})
            kept[key]["count"] = kept[key].get("count", 0) + entry["count"]
            kept[key].setdefault("places", []).append(entry["place"])
    return Summary(deleted, anonymised, list(kept.values()))


def _audit(request: PersonalDataRequest, person: Person, entries: list[dict], actor):
    """One audit entry per run. It names the request (which holds the address, kept
    under its own exemption) and counts per kind, never the person's addresses or
    names: the reason staff typed is kept with those taken out."""
    summary = summarise(entries)
    remaining = request.schemas_remaining
    counts = (
        f"{sum(summary.deleted.values())} deleted, {sum(summary.anonymised.values())} "
        f"anonymised, {sum(k['count'] for k in summary.kept)} kept under exemptions"
    )
    ending = f"; {len(remaining)} schema(s) remain" if remaining else ""
    audit.record(
        "personal_data.erased",
        f"Personal data erased for request #{request.pk}: {counts}{ending}",
        actor=actor,
        request=request.pk,
        reason=without_identity(request.reason, person),
        status=request.status,
        deleted=summary.deleted,
        anonymised=summary.anonymised,
        exemptions=[{k: v for k, v in kept.items() if k != "places"} for kept in summary.kept],
        schemas_remaining=remaining,
    )


def without_identity(text: str, person: Person) -> str:
    """`text` with the person's addresses and names replaced, for records that outlive
    their erasure."""
    for known in sorted(person.emails | person.names, key=len, reverse=True):
        text = re.sub(re.escape(known), "[the person]", text, flags=re.IGNORECASE)
    return text
