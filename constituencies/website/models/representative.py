"""The constituency's elected representative, shown on its site."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from .base import require_alt_text


class Representative(index.Indexed, models.Model):
    """The constituency's Labour MP or candidate, shown on the home page and written to
    from the contact page. At most one is current."""

    class Kind(models.TextChoices):
        MP = "mp", _("Member of Parliament")
        CANDIDATE = "candidate", _("Labour candidate")

    name = models.CharField(max_length=120)
    kind = models.CharField("role", max_length=16, choices=Kind.choices, default=Kind.MP)
    photo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    biography = models.TextField(max_length=1200, blank=True)
    email = models.EmailField(
        help_text="Where messages from the contact form are delivered. Never shown on the site."
    )
    is_current = models.BooleanField(
        "current", default=True, help_text="Only the current MP or candidate is shown."
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("kind")]),
        FieldPanel("photo"),
        FieldPanel("biography"),
        FieldPanel("email"),
        FieldPanel("is_current"),
    ]
    search_fields = [index.SearchField("name")]

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"],
                condition=models.Q(is_current=True),
                name="one_current_representative",
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.get_kind_display()})"

    def clean(self):
        super().clean()
        require_alt_text(self.photo, "photo")
        others = Representative.objects.filter(is_current=True).exclude(pk=self.pk)
        if self.is_current and others.exists():
            raise ValidationError(
                {
                    "is_current": f"{others.first().name} is already the current representative. "
                    "Untick them first."
                }
            )

    def role_for(self, constituency_name: str) -> str:
        if self.kind == self.Kind.MP:
            return gettext("Member of Parliament for %(constituency)s") % {
                "constituency": constituency_name
            }
        return gettext("Labour candidate for %(constituency)s") % {
            "constituency": constituency_name
        }

    @classmethod
    def current(cls):
        return cls.objects.filter(is_current=True).select_related("photo").first()


register_snippet(Representative)
