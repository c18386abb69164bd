"""Provisioning a constituency: a schema, a domain, a Wagtail site and a starter page
tree, ready to edit. Called alike by the staff screen, the management commands,
the demo loader and the tests.

A new constituency is a clone of the template schema (a real tenant, kept current
by `migrate_schemas`), not a replay of every migration. PostgreSQL DDL is
transactional, so the whole provisioning runs in one transaction: if any step
fails, the tenant row, its schema and its domain all roll back together.
"""

import logging
import multiprocessing
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connections, transaction
from django.utils.module_loading import import_string
from django.utils.text import slugify
from django_tenants.utils import get_public_schema_name, schema_context, schema_exists

from roles.constituency_groups import create_constituency_groups

from .constituency_list import ConstituencyListing, check_against_list
from .languages.offering import offer_welsh, welsh_by_default
from .models import GSS_CODE_PATTERN, Constituency, Domain, nation_for_gss_code
from .moderation.workflow import attach_moderation_workflow
from .regions import clean_region, default_region
from .schema_clone import clone_schema
from .signals import constituency_provisioned
from .website.models import HomePage
from .website.starter_site import build_starter_site, name_site

logger = logging.getLogger(__name__)

TEMPLATE_HOSTNAME = "template.invalid"
# What apps above this one add to every new constituency, called with it inside the
# provisioning transaction (a failure undoes everything), after the schema, domains,
# site and role groups. Named by dotted path: those apps import this one, never the
# reverse (README, "How the code is laid out").
STEPS_OF_APPS_ABOVE = (
    "governance.register.units.ensure_clp_unit",  # every CLP is a unit on the register
)


def schema_name_for(gss_code: str) -> str:
    # GSS codes never change when a constituency is renamed, so the schema doesn't either.
    return f"clp_{gss_code.strip().lower()}"


def platform_domain_for(slug: str) -> str:
    return f"{slug}.{settings.PLATFORM_DOMAIN}"


def _normalise_domain(domain: str | None) -> str | None:
    if not domain:
        return None
    domain = domain.strip().lower()
    for prefix in ("https://", "http://"):
        domain = domain.removeprefix(prefix)
    return domain.split("/")[0].rstrip(".") or None


@dataclass(frozen=True)
class CheckedDetails:
    """What a constituency is provisioned with once its details have passed the checks:
    the name as the shipped list spells it (unless overridden), the slug, the region,
    and the override of the list to record (empty if none was needed)."""

    name: str
    slug: str
    region: str
    override: dict


def check_details(
    *,
    name: str,
    gss_code: str,
    slug: str | None,
    custom_domain: str | None,
    region: str = "",
    override_reason: str = "",
) -> CheckedDetails:
    """Raise ValidationError, naming each field at fault, if this constituency
    cannot be provisioned as given (see `constituency_list` for the check against the
    shipped list and its override)."""
    errors: dict[str, list[str]] = {}
    existing = Constituency.objects.filter(gss_code__iexact=gss_code).first() if gss_code else None
    override = {}
    if name and GSS_CODE_PATTERN.match(gss_code) and existing is None:
        listed = check_against_list(name, gss_code, override_reason)
        name, override = listed.name, listed.override
        errors.update(listed.errors)
    slug = (slug or slugify(name)).strip().lower()
    candidate = Constituency(
        name=name, gss_code=gss_code, slug=slug, kind=Constituency.Kind.CONSTITUENCY
    )
    candidate.schema_name = schema_name_for(gss_code or "x")
    try:
        candidate.full_clean(exclude=["schema_name"], validate_unique=False)
    except ValidationError as error:
        for field_name, messages in error.message_dict.items():
            errors.setdefault(field_name, []).extend(messages)

    if slug in settings.RESERVED_SLUGS:
        errors.setdefault("slug", []).append(f"The address “{slug}” is kept for the platform.")
    elif slug and Constituency.objects.filter(slug=slug).exists():
        errors.setdefault("slug", []).append(f"The address “{slug}” is already taken.")
    if existing is not None:
        errors.setdefault("gss_code", []).append(
            f"{gss_code.upper()} is already provisioned, as {existing.name}."
        )
    domains = [d for d in (slug and platform_domain_for(slug), custom_domain) if d]
    taken = set(Domain.objects.filter(domain__in=domains).values_list("domain", flat=True))
    if custom_domain in taken:
        errors.setdefault("custom_domain", []).append(
            f"{custom_domain} already serves another site."
        )
    if slug and platform_domain_for(slug) in taken:
        errors.setdefault("slug", []).append(
            f"{platform_domain_for(slug)} already serves another site."
        )
    nation = nation_for_gss_code(gss_code) if GSS_CODE_PATTERN.match(gss_code) else ""
    try:
        region = clean_region(region, nation) or default_region(nation)
    except ValidationError as error:
        errors.setdefault("region", []).extend(error.messages)
    if errors:
        raise ValidationError(errors)
    return CheckedDetails(name=name, slug=slug, region=region, override=override)


def ensure_template() -> Constituency:
    """Return the template tenant, creating its schema and starter site the first
    time (this is the one slow step: it replays every tenant migration)."""
    with schema_context(get_public_schema_name()):
        template, _ = Constituency.objects.get_or_create(
            kind=Constituency.Kind.TEMPLATE,
            defaults={
                "schema_name": settings.TENANT_BASE_SCHEMA,
                "name": "Constituency",
                "slug": "constituency-template",
            },
        )
        if not schema_exists(template.schema_name):
            template.create_schema(check_if_exists=True, verbosity=0)
        with schema_context(template.schema_name):
            if not HomePage.objects.exists():
                build_starter_site(template.name, TEMPLATE_HOSTNAME)
                attach_moderation_workflow()
    return template


def provision_constituency(
    *,
    name: str,
    gss_code: str,
    slug: str | None = None,
    custom_domain: str | None = None,
    region: str = "",
    override_reason: str = "",
    after_clone: Callable[[Constituency], None] | None = None,
    by=None,
) -> Constituency:
    """Create a constituency with its own schema, domain(s), Wagtail site and starter
    pages, and return it. Raises ValidationError, creating nothing, if the name,
    GSS code, slug, domain or region is invalid or already taken, or if the name and
    GSS code disagree with the shipped list and no `override_reason` says why.

    `after_clone` is called inside the transaction once the schema exists; the
    tests use it to inject a failure half-way. `by` is the staff member provisioning it,
    for the audit log (None from a command), which also records an override's reason.
    """
    gss_code = (gss_code or "").strip().upper()
    custom_domain = _normalise_domain(custom_domain)
    details = check_details(
        name=" ".join((name or "").split()),
        gss_code=gss_code,
        slug=slug,
        custom_domain=custom_domain,
        region=region,
        override_reason=override_reason,
    )
    name, slug = details.name, details.slug

    template = ensure_template()
    primary_domain = custom_domain or platform_domain_for(slug)
    with schema_context(get_public_schema_name()), transaction.atomic():
        constituency = Constituency.objects.create(
            name=name,
            gss_code=gss_code,
            slug=slug,
            region=details.region,
            schema_name=schema_name_for(gss_code),
            kind=Constituency.Kind.CONSTITUENCY,
        )
        clone_schema(template.schema_name, constituency.schema_name)
        if after_clone:
            after_clone(constituency)
        Domain.objects.create(domain=primary_domain, tenant=constituency, is_primary=True)
        if custom_domain:
            Domain.objects.create(
                domain=platform_domain_for(slug), tenant=constituency, is_primary=False
            )
        with schema_context(constituency.schema_name):
            name_site(name, primary_domain)
            create_constituency_groups(constituency)
            attach_moderation_workflow()  # cloned from the template: this only checks
        if welsh_by_default(constituency):
            offer_welsh(constituency, by=by)
        for step in STEPS_OF_APPS_ABOVE:
            import_string(step)(constituency)
        constituency_provisioned.send(
            Constituency, constituency=constituency, by=by, override=details.override
        )
    logger.info("provisioned constituency", extra={"gss_code": gss_code, "slug": slug})
    return constituency


@dataclass
class BulkResult:
    created: list[Constituency]
    skipped: list[ConstituencyListing]
    failed: list[tuple[ConstituencyListing, str]]
    seconds: dict[str, float] = field(default_factory=dict)  # each one made, by GSS code


def provision_many(
    listings: Iterable[ConstituencyListing],
    progress: Callable[[ConstituencyListing], None] | None = None,
    processes: int = 1,
) -> BulkResult:
    """Provision every listed constituency that does not exist yet, `processes` at a
    time. Safe to re-run: a constituency already provisioned (same GSS code) is
    skipped, and one that fails is reported and leaves nothing behind.

    Each constituency is provisioned in its own transaction, as one alone would be; in
    parallel each process has its own database connection, and most of the time goes
    to PostgreSQL building tables and indexes, which it does side by side."""
    existing = set(Constituency.objects.sites().values_list("gss_code", flat=True))
    result = BulkResult(created=[], skipped=[], failed=[])
    to_make = []
    for listing in listings:
        if listing.problem:
            result.failed.append((listing, listing.problem))
        elif listing.gss_code in existing:
            result.skipped.append(listing)
        else:
            to_make.append(listing)
            existing.add(listing.gss_code)
            continue
        if progress:
            progress(listing)
    ensure_template()
    created_ids = []
    for listing, constituency_id, problem, seconds in _provision_listings(to_make, processes):
        if problem:
            result.failed.append((listing, problem))
        else:
            created_ids.append(constituency_id)
            result.seconds[listing.gss_code] = seconds
        if progress:
            progress(listing)
    result.created = list(Constituency.objects.filter(pk__in=created_ids).order_by("name"))
    return result


def _provision_listings(listings: list[ConstituencyListing], processes: int):
    if processes <= 1 or len(listings) <= 1:
        yield from map(_provision_listing, listings)
        return
    # Forked processes must not share this one's connections: close them first, and
    # each process opens its own (this one reopens when next asked).
    connections.close_all()
    context = multiprocessing.get_context("fork")
    with context.Pool(
        min(processes, len(listings)), initializer=_leave_inherited_connections
    ) as pool:
        yield from pool.imap_unordered(_provision_listing, listings)


# Connections a forked process found open, kept so that they are never finished: finishing
# one would end the session of the process it was inherited from.
_INHERITED_CONNECTIONS = []


def _leave_inherited_connections() -> None:
    """In a forked process, leave alone any connection still open from the parent (two
    processes on one socket read each other's results) and let Django open its own."""
    for connection in connections.all(initialized_only=True):
        if connection.connection is not None:
            _INHERITED_CONNECTIONS.append(connection.connection)
            connection.connection = None


def _provision_listing(listing: ConstituencyListing) -> tuple[ConstituencyListing, int, str, float]:
    """(listing, new constituency's id, problem, seconds taken): one row of a bulk run."""
    started = time.perf_counter()
    try:
        constituency = provision_constituency(
            name=listing.name, gss_code=listing.gss_code, override_reason=listing.override_reason
        )
    except ValidationError as error:
        return listing, 0, "; ".join(error.messages), 0.0
    except IntegrityError:
        # Checked free, then taken by a row of the same list provisioned alongside.
        return listing, 0, "Another row of the list has the same name or GSS code.", 0.0
    return listing, constituency.pk, "", time.perf_counter() - started


def ensure_hub() -> Constituency:
    """The hub is the public schema's tenant row; make sure it and its domains exist."""
    with schema_context(get_public_schema_name()):
        hub, _ = Constituency.objects.get_or_create(
            kind=Constituency.Kind.HUB,
            defaults={"schema_name": get_public_schema_name(), "name": "LabourHub", "slug": "hub"},
        )
        for position, domain in enumerate(settings.HUB_DOMAINS):
            Domain.objects.get_or_create(
                domain=domain, defaults={"tenant": hub, "is_primary": position == 0}
            )
    return hub
