import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.functional import cached_property
from django_tenants.models import DomainMixin, TenantMixin

from .public_urls import site_url
from .signals import constituency_status_changed

GSS_CODE_PATTERN = re.compile(r"^[ENSW]\d{8}$")
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Nation(models.TextChoices):
    ENGLAND = "E", "England"
    SCOTLAND = "S", "Scotland"
    WALES = "W", "Wales"
    NORTHERN_IRELAND = "N", "Northern Ireland"


GREAT_BRITAIN = (Nation.ENGLAND, Nation.SCOTLAND, Nation.WALES)


class Region(models.TextChoices):
    """The party's regions and nations: the nine English regions, Scotland and Wales.
    Stored by name, which is what the dashboard's filter and the audit log show."""

    EAST_MIDLANDS = "East Midlands", "East Midlands"
    EAST_OF_ENGLAND = "East of England", "East of England"
    LONDON = "London", "London"
    NORTH_EAST = "North East", "North East"
    NORTH_WEST = "North West", "North West"
    SOUTH_EAST = "South East", "South East"
    SOUTH_WEST = "South West", "South West"
    WEST_MIDLANDS = "West Midlands", "West Midlands"
    YORKSHIRE_AND_THE_HUMBER = "Yorkshire and the Humber", "Yorkshire and the Humber"
    SCOTLAND = "Scotland", "Scotland"
    WALES = "Wales", "Wales"


# The regions a constituency of each nation may be in. No party region covers Northern
# Ireland.
REGIONS_OF_NATION = {
    Nation.ENGLAND: tuple(r for r in Region if r not in (Region.SCOTLAND, Region.WALES)),
    Nation.SCOTLAND: (Region.SCOTLAND,),
    Nation.WALES: (Region.WALES,),
    Nation.NORTHERN_IRELAND: (),
}


def nation_for_gss_code(gss_code: str) -> str:
    """The first letter of a GSS code names the nation (E, S, W or N)."""
    return Nation(gss_code[:1].upper()).value


class ConstituencyQuerySet(models.QuerySet):
    def sites(self):
        """Real constituencies: not the hub, not the provisioning template."""
        return self.filter(kind=Constituency.Kind.CONSTITUENCY)

    def active(self):
        return self.sites().filter(status=Constituency.Status.ACTIVE)

    def current(self):
        """The tenant whose schema is active. A request sets the real row on the
        connection; `schema_context` (tasks, commands) only sets a stand-in, which is
        looked up here by its schema name."""
        tenant = getattr(connection, "tenant", None)
        if isinstance(tenant, Constituency):
            return tenant
        return self.filter(schema_name=connection.schema_name).first()

    def search(self, query: str):
        query = (query or "").strip()
        if not query:
            return self
        return self.filter(models.Q(name__icontains=query) | models.Q(gss_code__iexact=query))


class Constituency(TenantMixin):
    """A constituency Labour party's site: one PostgreSQL schema.

    Two other rows share this table because django-tenants needs them to be
    tenants: the hub (the public schema, where Membersnet and users live) and the
    template schema that new constituencies are cloned from. `kind` tells them
    apart. Schemas are created by `constituencies.provisioning`, never on save.
    """

    class Kind(models.TextChoices):
        HUB = "hub", "Hub"
        TEMPLATE = "template", "Provisioning template"
        CONSTITUENCY = "constituency", "Constituency"

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        SUSPENDED = "suspended", "Suspended"
        ARCHIVED = "archived", "Archived"

    name = models.CharField(max_length=120)
    slug = models.SlugField(
        max_length=50,
        unique=True,
        validators=[RegexValidator(SLUG_PATTERN, "Use lowercase letters, digits and hyphens.")],
        help_text="Used in the site's address: <slug>.<platform domain>.",
    )
    gss_code = models.CharField(
        "GSS code",
        max_length=9,
        unique=True,
        null=True,
        blank=True,
        validators=[
            RegexValidator(
                GSS_CODE_PATTERN,
                "A constituency GSS code is a letter (E, S, W or N) and eight digits, "
                "like E14001063.",
            )
        ],
    )
    nation = models.CharField(max_length=1, choices=Nation.choices, blank=True)
    region = models.CharField(
        max_length=60,
        blank=True,
        choices=Region.choices,
        help_text="The party region or nation (an English region, Scotland or Wales), for "
        "filtering the compliance dashboard.",
    )
    # Welsh beside English (constituencies.languages): on from the start in Wales, and
    # switched on or off by central staff (constituencies.languages.offering).
    offers_welsh = models.BooleanField(
        "Welsh",
        default=False,
        help_text="The site has Welsh pages at /cy/ beside its English ones.",
    )
    welsh_name = models.CharField(
        "Name in Welsh",
        max_length=120,
        blank=True,
        help_text="Shown on the Welsh pages, e.g. Dwyrain Caerdydd. Blank: the English name.",
    )
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.CONSTITUENCY)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.ACTIVE)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    auto_create_schema = False
    auto_drop_schema = False

    objects = ConstituencyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "constituencies"
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="constituency") | models.Q(gss_code__isnull=False),
                name="constituency_has_gss_code",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.kind == self.Kind.CONSTITUENCY and not self.gss_code:
            raise ValidationError({"gss_code": "Every constituency needs its GSS code."})

    def save(self, *args, **kwargs):
        if self.gss_code:
            self.gss_code = self.gss_code.strip().upper()
            self.nation = nation_for_gss_code(self.gss_code)
        super().save(*args, **kwargs)

    @property
    def is_hub(self) -> bool:
        return self.kind == self.Kind.HUB

    @property
    def is_site(self) -> bool:
        return self.kind == self.Kind.CONSTITUENCY

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    @cached_property
    def primary_domain(self) -> str | None:
        # Iterating .all() uses prefetched domains when a listing prefetched them.
        return next((d.domain for d in self.domains.all() if d.is_primary), None)

    def url_for(self, request=None, path: str = "/") -> str:
        """Absolute URL of this site, keeping the scheme and port of `request`."""
        return site_url(self.primary_domain, request, path)

    def _set_status(self, status: str, by) -> None:
        previous = self.status
        with transaction.atomic():
            self.status = status
            self.status_changed_at = timezone.now()
            self.save(update_fields=["status", "status_changed_at"])
            constituency_status_changed.send(
                Constituency, constituency=self, previous=previous, by=by
            )

    def suspend(self, by=None) -> None:
        """Take the public site down behind a holding page and lock its admin."""
        if not self.is_site:
            raise ValidationError("Only a constituency site can be suspended.")
        if self.status == self.Status.ARCHIVED:
            raise ValidationError("An archived constituency must be reactivated first.")
        self._set_status(self.Status.SUSPENDED, by)

    def archive(self, by=None) -> None:
        """Retire the site: it answers 410 Gone, leaves the directory, keeps its data."""
        if not self.is_site:
            raise ValidationError("Only a constituency site can be archived.")
        self._set_status(self.Status.ARCHIVED, by)

    def reactivate(self, by=None) -> None:
        if not self.is_site:
            raise ValidationError("Only a constituency site can be reactivated.")
        self._set_status(self.Status.ACTIVE, by)


class Domain(DomainMixin):
    """A host name that serves one tenant. Each constituency has a primary domain
    (its custom domain if it has one, otherwise <slug>.<platform domain>)."""

    class Meta:
        ordering = ["-is_primary", "domain"]

    def save(self, *args, **kwargs):
        self.domain = self.domain.strip().lower().rstrip(".")
        super().save(*args, **kwargs)


class LanguageParity(models.Model):
    """How far a bilingual constituency's Welsh and English pages are in step, as its
    last check found (`parity.site_parity`): written nightly and whenever a page of the
    site is published or unpublished."""

    constituency = models.OneToOneField(
        "constituencies.Constituency", on_delete=models.CASCADE, related_name="language_parity"
    )
    missing_welsh = models.PositiveIntegerField(default=0)
    outdated_welsh = models.PositiveIntegerField(default=0)
    missing_english = models.PositiveIntegerField(default=0)
    flagged = models.PositiveIntegerField(default=0)
    checked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "language parity summaries"

    def __str__(self):
        return f"Welsh parity of {self.constituency}"

    @property
    def gaps(self) -> int:
        return self.missing_welsh + self.outdated_welsh + self.missing_english
