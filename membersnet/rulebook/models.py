"""The party rulebook (editions → chapters → sections → numbered clauses), the party's
procedures and model standing orders, and each CLP's own adopted standing orders.

Everything searchable carries a stored `search_vector`: a PostgreSQL generated column,
so the database keeps it current on every write (a save, an admin edit, a bulk
update alike) and a search never computes a tsvector per row.
"""

import re
import uuid
from pathlib import PurePath

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from .files import private_storage, validate_document

SEARCH_CONFIG = "english"
# "3.2.1": chapter 3, section 2, clause 1.
CLAUSE_REF = re.compile(r"^(\d{1,3})\.(\d{1,3})\.(\d{1,3})$")


def parse_clause_ref(ref: str) -> tuple[int, int, int] | None:
    """(chapter, section, clause) for "3.2.1", else None."""
    match = CLAUSE_REF.match((ref or "").strip())
    return tuple(int(part) for part in match.groups()) if match else None


def hub_url(name: str, **kwargs) -> str:
    """A Membersnet path. Membersnet is mounted only in the hub's URLs, which are not
    the active URLconf outside a hub request (in a task, a digest, a test)."""
    return reverse(f"rulebook:{name}", kwargs=kwargs, urlconf=settings.PUBLIC_SCHEMA_URLCONF)


def _search_vector(*weighted_fields):
    vector = None
    for field, weight in weighted_fields:
        part = SearchVector(field, weight=weight, config=SEARCH_CONFIG)
        vector = part if vector is None else vector + part
    return vector


def _stored_search_vector(*weighted_fields):
    return models.GeneratedField(
        expression=_search_vector(*weighted_fields),
        output_field=SearchVectorField(),
        db_persist=True,
    )


class EditionQuerySet(models.QuerySet):
    def published(self, on=None):
        return self.filter(published_on__lte=on or timezone.localdate())

    def visible_to(self, user):
        """Members see published editions; central staff also see drafts, to check
        them before publication."""
        return self if user.is_central_staff else self.published()

    def current(self):
        """The latest published edition (by year), or None."""
        return self.published().order_by("-year").first()


class Edition(models.Model):
    """One edition of the rulebook, identified by its year. It is visible to members
    from its publication date; the current edition is the latest published one."""

    year = models.PositiveSmallIntegerField(unique=True, validators=[MinValueValidator(1900)])
    title = models.CharField(max_length=200)
    note = models.TextField(
        blank=True, help_text="Shown under the title, e.g. what changed in this edition."
    )
    published_on = models.DateField(
        null=True,
        blank=True,
        help_text="Members see the edition from this day. Leave empty while it is a draft.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EditionQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]

    def __str__(self):
        return f"{self.year}: {self.title}"

    def get_absolute_url(self):
        return hub_url("edition", year=self.year)

    @property
    def is_published(self) -> bool:
        return self.published_on is not None and self.published_on <= timezone.localdate()


class Chapter(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="chapters")
    number = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    title = models.CharField(max_length=200)
    intro = models.TextField(blank=True)

    class Meta:
        ordering = ["edition", "number"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "number"], name="one_chapter_per_number"),
        ]

    def __str__(self):
        return f"{self.edition.year} · Chapter {self.number}: {self.title}"

    def get_absolute_url(self):
        return hub_url("chapter", year=self.edition.year, number=self.number)

    @property
    def anchor(self) -> str:
        return f"chapter-{self.number}"


class Section(models.Model):
    chapter = models.ForeignKey(Chapter, on_delete=models.CASCADE, related_name="sections")
    number = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    title = models.CharField(max_length=200)

    class Meta:
        ordering = ["chapter", "number"]
        constraints = [
            models.UniqueConstraint(fields=["chapter", "number"], name="one_section_per_number"),
        ]

    def __str__(self):
        return f"{self.chapter.edition.year} · {self.ref} {self.title}"

    def get_absolute_url(self):
        return f"{self.chapter.get_absolute_url()}#{self.anchor}"

    @property
    def ref(self) -> str:
        return f"{self.chapter.number}.{self.number}"

    @property
    def anchor(self) -> str:
        return f"section-{self.chapter.number}-{self.number}"


class ClauseQuerySet(models.QuerySet):
    def with_context(self):
        return self.select_related("section__chapter__edition")

    def in_edition(self, edition):
        return self.filter(section__chapter__edition=edition)

    def by_ref(self, edition, ref: str):
        """The clause numbered `ref` ("3.2.1") in `edition`, or None."""
        parts = parse_clause_ref(ref)
        if parts is None:
            return None
        chapter, section, clause = parts
        return (
            self.with_context()
            .in_edition(edition)
            .filter(section__chapter__number=chapter, section__number=section, number=clause)
            .first()
        )

    def in_reading_order(self):
        return self.order_by("section__chapter__number", "section__number", "number")

    def known_as(self, key: str):
        """The clause of the current edition marked `key` (see `Clause.Key`), or None."""
        current = Edition.objects.published().order_by("-year").values("pk")[:1]
        return (
            self.with_context()
            .filter(key=key, section__chapter__edition=models.Subquery(current))
            .first()
        )


class Clause(models.Model):
    """A numbered clause: "3.2.1" is clause 1 of section 2 of chapter 3. The number is
    what links a clause across editions, and what its permalink and anchor carry.

    A clause other pages link to whatever its number (the register, the training, the
    public pages quote the rule on who owns online presence) carries a `key`: at most
    one clause of an edition has each key, and the link finds it in the current edition."""

    class Key(models.TextChoices):
        ONLINE_PRESENCE = "online-presence", "The rule on who owns online presence"

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="clauses")
    number = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    text = models.TextField()
    key = models.CharField(
        "linked from other pages as",
        max_length=40,
        choices=Key.choices,
        blank=True,
        help_text="Mark the clause that other pages link to and quote, e.g. the register of "
        "official accounts and the “Is this account official?” page link to the rule on who "
        "owns online presence. One clause per edition: mark it again in each new edition.",
    )
    search_vector = _stored_search_vector(("text", "A"))

    objects = ClauseQuerySet.as_manager()

    class Meta:
        ordering = ["section", "number"]
        constraints = [
            models.UniqueConstraint(fields=["section", "number"], name="one_clause_per_number"),
        ]
        indexes = [GinIndex(fields=["search_vector"], name="clause_search_vector")]

    def __str__(self):
        return f"{self.section.chapter.edition.year} · {self.ref}"

    def get_absolute_url(self):
        """The clause in place, on its chapter page."""
        return f"{self.section.chapter.get_absolute_url()}#{self.anchor}"

    def clean(self):
        super().clean()
        if self.key and self.section_id:
            others = Clause.objects.filter(
                key=self.key, section__chapter__edition_id=self.section.chapter.edition_id
            ).exclude(pk=self.pk)
            other = others.select_related("section__chapter").first()
            if other is not None:
                raise ValidationError(
                    {
                        "key": f"Clause {other.ref} of this edition is already marked "
                        f"“{self.get_key_display()}”. Unmark it first."
                    }
                )

    @property
    def ref(self) -> str:
        return f"{self.section.chapter.number}.{self.section.number}.{self.number}"

    @property
    def ref_key(self) -> tuple[int, int, int]:
        return (self.section.chapter.number, self.section.number, self.number)

    @property
    def anchor(self) -> str:
        return "clause-" + self.ref.replace(".", "-")

    @property
    def permalink(self) -> str:
        """A link to this clause in this edition that survives page layout changes."""
        return hub_url("edition_clause", year=self.section.chapter.edition.year, ref=self.ref)


class Procedure(models.Model):
    """A party procedure, a model set of standing orders for CLPs, or guidance: read
    in full on Membersnet, with an optional file that only members can download."""

    class Kind(models.TextChoices):
        MODEL_PROCEDURE = "model_procedure", "Model procedures"
        MODEL_STANDING_ORDERS = "model_standing_orders", "Model standing orders for CLPs"
        GUIDANCE = "guidance", "Guidance"

    kind = models.CharField(max_length=32, choices=Kind.choices)
    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200, unique=True, blank=True, help_text="Leave empty to make one from the title."
    )
    summary = models.CharField(max_length=400)
    body = models.TextField(help_text="The full text. A blank line starts a new paragraph.")
    file = models.FileField(
        upload_to="rulebook/procedures/",
        storage=private_storage,
        blank=True,
        validators=[validate_document],
        help_text="Optional: a PDF, ODT or DOCX, up to 10 MB. Only members can download it.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    search_vector = _stored_search_vector(("title", "A"), ("summary", "B"), ("body", "C"))

    class Meta:
        ordering = ["kind", "title"]
        indexes = [GinIndex(fields=["search_vector"], name="procedure_search_vector")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self._unique_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return hub_url("procedure", slug=self.slug)

    @property
    def download_name(self) -> str:
        return f"{self.slug}{PurePath(self.file.name).suffix.lower()}"

    def _unique_slug(self) -> str:
        base = slugify(self.title)[:190] or "procedure"
        slug, n = base, 2
        while Procedure.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug


def _standing_orders_path(instance, filename):
    # A random name: the file's own name says nothing to anyone who finds the folder,
    # and two uploads of "standing-orders.pdf" never collide.
    suffix = PurePath(filename).suffix.lower()
    return f"rulebook/standing-orders/{instance.constituency.gss_code}/{uuid.uuid4().hex}{suffix}"


class StandingOrdersQuerySet(models.QuerySet):
    def for_constituency(self, constituency):
        return self.filter(constituency=constituency)


class StandingOrders(models.Model):
    """Standing orders a CLP has adopted, uploaded by its Secretary. Read only by the
    CLP's own members and officers, and by central staff."""

    constituency = models.ForeignKey(
        "constituencies.Constituency",
        on_delete=models.CASCADE,
        related_name="standing_orders",
        limit_choices_to={"kind": "constituency"},
    )
    title = models.CharField(max_length=200)
    adopted_on = models.DateField("adopted on")
    file = models.FileField(
        upload_to=_standing_orders_path,
        storage=private_storage,
        validators=[validate_document],
        help_text="A PDF, ODT or DOCX, up to 10 MB.",
    )
    text = models.TextField(
        help_text="Paste the text of the standing orders here, so that members can search it."
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    search_vector = _stored_search_vector(("title", "A"), ("text", "B"))

    objects = StandingOrdersQuerySet.as_manager()

    class Meta:
        ordering = ["constituency__name", "-adopted_on", "-created_at"]
        verbose_name = "CLP standing orders"
        verbose_name_plural = "CLP standing orders"
        indexes = [GinIndex(fields=["search_vector"], name="standing_orders_search_vector")]

    def __str__(self):
        return f"{self.constituency.name}: {self.title}"

    def get_absolute_url(self):
        return hub_url("standing_orders", slug=self.constituency.slug, pk=self.pk)

    def clean(self):
        super().clean()
        if self.constituency_id and not self.constituency.is_site:
            raise ValidationError({"constituency": "Standing orders belong to a constituency."})

    @property
    def download_name(self) -> str:
        suffix = PurePath(self.file.name).suffix.lower()
        return f"{slugify(self.constituency.name)}-{slugify(self.title)}{suffix}"
