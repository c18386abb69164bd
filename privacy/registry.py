"""The registry of personal data: what the platform holds about people, where, why, on
what lawful basis, for how long, and what erasing it means.

Each app declares its models in a `personal_data` module of its own (for example
`constituencies/signups/personal_data.py`) as a list named `DECLARATIONS` of
`PersonalData` (a model that holds people's data) and `NotPersonal` (a model whose
names or free text are about no one, with the reason). Subject access, erasure and
retention (the `personal_data` app) read only this registry, so a model is found,
exported, erased and purged by being declared, and
`tests/privacy/test_registry.py` fails when a model that looks personal (an email
address, a name, a phone number, a postcode, an IP address, free text or a link to an
account) is declared neither way.

Models are named "app_label.ModelName" so that a declaration imports nothing.
"""

import datetime as dt
import enum
import functools
import importlib
import importlib.util
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Cast, Lower
from django.utils import timezone


class OnErasure(enum.StrEnum):
    """What erasing a person does to their rows of one kind."""

    DELETE = "delete"  # the rows go
    ANONYMISE = "anonymise"  # the rows stay, their personal fields replaced (`anonymised`)
    KEEP = "keep"  # the rows stay as they are, under the declared `exemption`


@dataclass(frozen=True)
class Person:
    """Whom a subject access or erasure is about: every email address known to be theirs
    (lowercase), their account's id if they have one, and their full names as the
    platform knows them (for rows that name them without an address)."""

    emails: frozenset[str]
    user_ids: frozenset[int] = frozenset()
    names: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Retention:
    """How long rows are kept, read afresh from settings at every run (so a changed
    period applies to the rows already held): `period` names a key of
    settings.PERSONAL_DATA_RETENTION (days). A row is past it when `counts_from` (a date
    or time field, or lookups through relations; several mean "the latest of these") is
    more than that many days ago; the first lookup must have a value for the row to go.
    `only` narrows the rows the period applies to (e.g. messages never confirmed), and
    `which` says so in words. `after` says in words what the period counts from. A row
    past it is deleted, or with `action=ANONYMISE` keeps its row with the `anonymised`
    values (the declaration's own when not given); stored files of cleared fields go."""

    period: str
    counts_from: str | tuple[str, ...]
    after: str
    only: dict = field(default_factory=dict)
    which: str = ""
    action: OnErasure = OnErasure.DELETE
    anonymised: dict = field(default_factory=dict)

    def __post_init__(self):
        if self.action is OnErasure.KEEP:
            raise ValueError(f"{self.period}: retention deletes or anonymises")

    @property
    def days(self) -> int:
        return settings.PERSONAL_DATA_RETENTION[self.period]

    @property
    def lookups(self) -> tuple[str, ...]:
        return (self.counts_from,) if isinstance(self.counts_from, str) else self.counts_from

    def in_words(self) -> str:
        """ "Deleted 1 year (365 days) after the event ends", for staff and exports."""
        words = f"deleted {days_in_words(self.days)} after {self.after}"
        if self.action is OnErasure.ANONYMISE:
            words = f"removed {days_in_words(self.days)} after {self.after}; the record stays"
        return f"{self.which}: {words}" if self.which else words[0].upper() + words[1:]


def days_in_words(days: int) -> str:
    years, months = days / 365.25, days / 30.44
    if days >= 365 and abs(years - round(years)) < 0.02:
        return f"{round(years)} year{'s' if round(years) > 1 else ''} ({days} days)"
    if days >= 60 and abs(months - round(months)) < 0.1:
        return f"{round(months)} months ({days} days)"
    return f"{days} day{'s' if days != 1 else ''}"


@dataclass(frozen=True)
class PersonalData:
    """One model's personal data. `fields` are the fields that identify or describe the
    person (what an erasure must leave free of them); `by_email` and `by_user` are how a
    person's rows are found (lookups compared, ignoring case, with their email addresses,
    and lookups compared with their account's id); `context` adds fields exported for
    understanding (dates, the event's title)."""

    model: str
    fields: tuple[str, ...]
    whose: str
    purpose: str
    lawful_basis: str
    kept: str
    on_erasure: OnErasure
    by_email: tuple[str, ...] = ()
    by_user: tuple[str, ...] = ()
    by_name: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    anonymised: dict = field(default_factory=dict)
    exemption: str = ""
    # One rule, or several (e.g. messages, and sooner those never confirmed).
    retention: Retention | tuple[Retention, ...] = ()
    label: str = ""

    def __post_init__(self):
        if isinstance(self.retention, Retention):
            object.__setattr__(self, "retention", (self.retention,))
        if self.on_erasure is OnErasure.ANONYMISE and not self.anonymised:
            raise ValueError(f"{self.model}: anonymising needs the `anonymised` values")
        for rule in self.retention:
            if rule.action is OnErasure.ANONYMISE and not self.anonymised_by(rule):
                raise ValueError(f"{self.model}: anonymising needs the `anonymised` values")
        if self.on_erasure is OnErasure.KEEP and not self.exemption:
            raise ValueError(f"{self.model}: keeping a person's rows needs the exemption")
        if not (self.by_email or self.by_user or self.by_name):
            raise ValueError(f"{self.model}: say how a person's rows are found")

    @property
    def how_long_kept(self) -> list[str]:
        """How long the rows are kept, in words: each retention rule with the period
        settings give it now, or what `kept` says where no rule applies."""
        return [rule.in_words() for rule in self.retention] or [self.kept]

    @property
    def model_class(self) -> type[models.Model]:
        return apps.get_model(self.model)

    @property
    def kind(self) -> str:
        """The name of this kind of record in exports and reports: "signups.eventsignup"."""
        app_label, model_name = self.model.split(".")
        return f"{app_label}.{model_name.lower()}"

    @property
    def name(self) -> str:
        return self.label or str(self.model_class._meta.verbose_name_plural).capitalize()

    @property
    def in_hub(self) -> bool:
        return _app_name(self.model_class) in settings.SHARED_APPS

    @property
    def in_constituencies(self) -> bool:
        return _app_name(self.model_class) in settings.TENANT_APPS

    def can_find(self, person) -> bool:
        """Whether any of this kind's lookups has something of the person's to compare."""
        return bool(
            (self.by_email and person.emails)
            or (self.by_user and person.user_ids)
            or (self.by_name and person.names)
        )

    def rows_of(self, person, queryset=None) -> models.QuerySet:
        """The rows of this kind that are the person's, in the current schema."""
        queryset = self.model_class._default_manager.all() if queryset is None else queryset
        match = Q(pk__in=[])
        emails = sorted(person.emails)
        for lookup in self.by_email:
            if emails and self._field_of(lookup).get_internal_type() == "ArrayField":
                # A list of addresses stored lowercased (the audit log's `people`).
                match |= Q(**{f"{lookup}__overlap": emails})
            elif emails:
                alias = f"_privacy_{lookup}"
                model_field = self._field_of(lookup)
                text = (
                    Cast(lookup, models.TextField())
                    if model_field.get_internal_type() == "JSONField"
                    else lookup
                )
                queryset = queryset.alias(**{alias: Lower(text)})
                match |= _email_match(alias, model_field, emails)
        for lookup in self.by_user:
            if person.user_ids:
                match |= Q(**{f"{lookup}__in": sorted(person.user_ids)})
        for lookup in self.by_name:
            for name in sorted(person.names):
                match |= Q(**{f"{lookup}__iexact": name})
        return queryset.filter(match)

    def rows_past(self, rule: Retention, now: dt.datetime) -> models.QuerySet:
        """The rows, in the current schema, that `rule` says must go (or be anonymised)
        at `now`: past its period, among `only`, and not anonymised already."""
        cutoff = now - dt.timedelta(days=rule.days)
        first, *others = rule.lookups
        past = Q(**{f"{first}__lt": self._cutoff(first, cutoff)})
        for lookup in others:
            # "The latest of these": none of them may be on or after the cutoff (a
            # subquery for a lookup through a to-many relation, such as shifts).
            past &= ~Q(**{f"{lookup}__gte": self._cutoff(lookup, cutoff)})
        rows = self.model_class._default_manager.filter(past).filter(**rule.only)
        if rule.action is OnErasure.ANONYMISE:
            done = Q()
            for name, value in self.anonymised_by(rule).items():
                done &= Q(**{f"{name}__isnull": True}) if value is None else Q(**{name: value})
            rows = rows.exclude(done)
        return rows

    def anonymised_by(self, rule: Retention) -> dict:
        return rule.anonymised or self.anonymised

    def _cutoff(self, lookup: str, cutoff: dt.datetime):
        # A date (a campaign's last day) is past once the whole day is.
        if self._field_of(lookup).get_internal_type() == "DateField":
            return timezone.localdate(cutoff)
        return cutoff

    def export(self, queryset) -> list[dict]:
        """The rows as JSON-able dictionaries: id, context, then the personal fields."""
        names = list(dict.fromkeys(["pk", *self.context, *self.fields]))
        return [_jsonable(row) for row in queryset.order_by("pk").values(*names)]

    def erase(self, queryset) -> int:
        """Delete or anonymise the rows (a `KEEP` kind is left alone); how many changed."""
        if self.on_erasure is OnErasure.DELETE:
            count = queryset.count()
            queryset.delete()
            return count
        if self.on_erasure is OnErasure.ANONYMISE:
            return queryset.update(**self.anonymised)
        return 0

    def _field_of(self, lookup: str) -> models.Field:
        model = self.model_class
        *relations, last = lookup.split("__")
        for name in relations:
            model = model._meta.get_field(name).related_model
        return model._meta.get_field(last)


@dataclass(frozen=True)
class NotPersonal:
    """A model whose names or free text are about no one (a course's title, a page's
    search description), with the reason, so the registry check knows it was looked at."""

    model: str
    why: str


def _email_match(alias: str, model_field: models.Field, emails: list[str]) -> Q:
    if model_field.get_internal_type() == "JSONField":
        # A list of addresses ("Ada <ada@example.org>" or bare), compared whole, so that
        # ada@example.org is not found inside ada@example.org.uk or bada@example.org.
        match = Q(pk__in=[])
        for email in emails:
            match |= Q(**{f"{alias}__regex": rf'["<]{_regex_escape(email)}[">]'})
        return match
    return Q(**{f"{alias}__in": emails})


def _regex_escape(text: str) -> str:
    return "".join(f"\\{c}" if not c.isalnum() else c for c in text)


def _jsonable(row: dict) -> dict:
    out = {}
    for key, value in row.items():
        if value is None or isinstance(value, bool | int | float | str | list | dict):
            out["id" if key == "pk" else key] = value
        elif hasattr(value, "isoformat"):
            out[key] = value.isoformat()
        else:
            out[key] = str(value)
    return out


def _app_name(model: type[models.Model]) -> str:
    return apps.get_app_config(model._meta.app_label).name


@functools.cache
def _discovered() -> tuple:
    found = []
    for app_config in apps.get_app_configs():
        module_name = f"{app_config.name}.personal_data"
        if importlib.util.find_spec(module_name) is None:
            continue
        found.extend(importlib.import_module(module_name).DECLARATIONS)
    return tuple(found)


def declarations() -> list[PersonalData]:
    """Every model that holds personal data, as its app declares it."""
    return [d for d in _discovered() if isinstance(d, PersonalData)]


def not_personal() -> list[NotPersonal]:
    return [d for d in _discovered() if isinstance(d, NotPersonal)]


def hub_declarations() -> list[PersonalData]:
    return [d for d in declarations() if d.in_hub]


def constituency_declarations() -> list[PersonalData]:
    return [d for d in declarations() if d.in_constituencies]


PERSONAL_WORDS = frozenset({"name", "email", "phone", "postcode", "ip", "address", "handle"})


def looks_personal(model: type[models.Model]) -> list[str]:
    """The fields of `model` that may hold personal data: email and IP address fields,
    free text, fields named like a name, phone number, postcode or address, and links
    to an account."""
    suspects = []
    # Fields a model inherits are its parent's to declare (every page shares wagtailcore.Page's).
    for model_field in model._meta.local_concrete_fields:
        words = set(model_field.name.lower().split("_"))
        if (
            isinstance(
                model_field, models.EmailField | models.GenericIPAddressField | models.TextField
            )
            or (isinstance(model_field, models.CharField) and words & PERSONAL_WORDS)
            or (model_field.is_relation and _label(model_field.related_model) == _user_label())
        ):
            suspects.append(model_field.name)
    return suspects


def _label(model) -> str:
    return (model if isinstance(model, str) else model._meta.label).lower()


def _user_label() -> str:
    return settings.AUTH_USER_MODEL.lower()


def undeclared_models() -> list[str]:
    """Models that look personal and are declared neither as personal data nor as not
    personal: each is a hole in subject access, erasure and retention."""
    declared = {d.model.lower() for d in _discovered()}
    missing = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        label = model._meta.label_lower
        fields = looks_personal(model)
        if fields and label not in declared:
            missing.append(f"{model._meta.label} ({', '.join(fields)})")
    return sorted(missing)


# The lawful bases the declarations name (UK GDPR Articles 6 and 9). Political opinion
# is special-category data: each basis says which Article 9 condition covers it.
CONSENT = (
    "Consent (Art. 6(1)(a)); explicit consent for political opinion (Art. 9(2)(a)), "
    "given on the form and confirmed by email"
)
MEMBERSHIP = (
    "The membership contract (Art. 6(1)(b)); a political party's processing about its "
    "members (Art. 9(2)(d))"
)
LEGITIMATE_INTERESTS = "The party's legitimate interests (Art. 6(1)(f))"
ACCOUNTABILITY = (
    "Legitimate interests in showing who did what (Art. 6(1)(f)); the controller's duty "
    "to demonstrate compliance (Art. 5(2))"
)
