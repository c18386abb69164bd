"""Each constituency site's own settings: its colours, banner and social accounts."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from .base import require_alt_text


class AccentColour(models.TextChoices):
    """Colours within the party palette. White text on each meets WCAG AA (4.5:1)."""

    LABOUR_RED = "#c8102e", "Labour red"
    DEEP_RED = "#8f0b21", "Deep red"
    BURGUNDY = "#6d0e2b", "Burgundy"
    CHARCOAL = "#2e2e2c", "Charcoal"


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """How the constituency presents itself across its site."""

    area = models.CharField(
        max_length=200,
        blank=True,
        help_text="The area the party covers, e.g. “Easton, Lawrence Hill and St George”.",
    )
    accent_colour = models.CharField(
        max_length=7, choices=AccentColour.choices, default=AccentColour.LABOUR_RED
    )
    banner_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown at the top of the home page and used when a page has no image to share.",
    )
    contact_email = models.EmailField(
        blank=True,
        help_text="The local party's public address, shown when there is no MP or candidate "
        "to write to, and where their messages go.",
    )

    imprint = models.CharField(
        max_length=300,
        blank=True,
        help_text="The digital imprint election law asks for, e.g. “Promoted by A. Agent on "
        "behalf of Bristol East Labour Party, both at 1 High Street, Bristol BS5 6AB.”",
    )

    @property
    def accent_name(self) -> str:
        """The accent as the stylesheet names it: `[data-accent="deep-red"]`."""
        return AccentColour(self.accent_colour).name.lower().replace("_", "-")

    panels = [
        FieldPanel("area"),
        FieldPanel("accent_colour"),
        FieldPanel("banner_image"),
        FieldPanel("contact_email"),
        FieldPanel("imprint"),
    ]

    class Meta:
        verbose_name = "site settings"

    def clean(self):
        super().clean()
        require_alt_text(self.banner_image, "banner_image")
