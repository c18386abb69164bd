"""National campaigns: published by central staff on the hub, shown on the constituency
sites they go to. Every table here is in the shared (public) schema, which each site
reaches through its search path; a site's own rows (its events) refer to a campaign by
id, never by a database foreign key (constituencies.shared_foreign_keys)."""

import datetime as dt
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from constituencies.models import Constituency, Nation, Region
from constituencies.website.models.base import require_alt_text


def _day(day) -> str:
    """ "Saturday 5 December 2026", or "Dydd Sadwrn 5 Rhagfyr 2026" in Welsh."""
    return format_date(day, "l j F Y")


def midnight_after(day: dt.date) -> dt.datetime:
    """Midnight (UK time) at the end of `day`: when a page listing a campaign that ends
    that day changes by itself."""
    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time()))


class Action(models.TextChoices):
    """What a campaign asks people to do."""

    DAY_OF_ACTION = "day_of_action", "A day of action"
    PLEDGE = "pledge", "A pledge (people sign it; the count is shown)"
    SHARE = "share", "A message to share"


# The Welsh words of each call to action.
WELSH_ACTION_FIELDS = {
    Action.DAY_OF_ACTION: "welsh_day_of_action_text",
    Action.PLEDGE: "welsh_pledge_text",
    Action.SHARE: "welsh_share_message",
}


class Audience(models.TextChoices):
    ALL = "all", "Every active constituency"
    NATION = "nation", "One nation"
    REGION = "region", "One region"
    LIST = "list", "Chosen constituencies"


class NationalCampaignQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def started(self, today=None):
        """Published and begun: its page answers (ended ones say so)."""
        today = today or timezone.localdate()
        return self.published().filter(starts_on__lte=today)

    def live(self, today=None):
        """Published and running today."""
        today = today or timezone.localdate()
        return self.started(today).filter(ends_on__gte=today)

    def going_to(self, constituency):
        """Campaigns whose audience takes in `constituency` (hidden ones included)."""
        chosen = NationalCampaign.constituencies.through.objects.filter(
            constituency_id=constituency.pk
        ).values("nationalcampaign_id")
        audience = (
            Q(audience=Audience.ALL)
            | Q(audience=Audience.NATION, nation=constituency.nation)
            | Q(audience=Audience.LIST, pk__in=chosen)
        )
        if constituency.region:
            audience |= Q(audience=Audience.REGION, region=constituency.region)
        return self.filter(audience)

    def not_hidden_by(self, constituency):
        """Less those its officers hid, where staff let them."""
        hidden = CampaignOptOut.objects.filter(
            constituency_id=constituency.pk, campaign__officers_may_hide=True
        ).values("campaign_id")
        return self.exclude(pk__in=hidden)


class NationalCampaign(models.Model):
    """One national campaign. Its invariants (dates in order, the call to action it
    chose filled in, an audience that names what it needs, an image with alt text) are
    checked in clean(), which every form that writes one calls."""

    title = models.CharField(max_length=120)
    slug = models.SlugField(
        max_length=60,
        unique=True,
        help_text="Its address on every site: /campaigns/<slug>/. Keep it once published.",
    )
    summary = models.TextField(max_length=400, help_text="Two or three sentences, shown in lists.")
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown on every site's campaign page. It needs alt text.",
    )
    starts_on = models.DateField("starts")
    ends_on = models.DateField("ends", help_text="The last day it is shown.")

    action = models.CharField(
        "call to action", max_length=20, choices=Action.choices, default=Action.DAY_OF_ACTION
    )
    day_of_action_on = models.DateField("day of action", null=True, blank=True)
    day_of_action_text = models.TextField(
        "what to do on the day",
        max_length=1000,
        blank=True,
        help_text="For a day of action: what people do, and how local parties join in.",
    )
    pledge_text = models.TextField(
        max_length=500, blank=True, help_text="For a pledge: the words people put their name to."
    )
    share_message = models.TextField(
        "message to share",
        max_length=500,
        blank=True,
        help_text="For a message to share: the words people post.",
    )
    share_link = models.URLField("link to share", blank=True)

    # Staff write campaigns in English; these are shown on the Welsh pages (/cy/) of the
    # sites that offer Welsh. Blank: those pages show the English words, saying so.
    welsh_title = models.CharField("title in Welsh", max_length=120, blank=True)
    welsh_summary = models.TextField("summary in Welsh", max_length=400, blank=True)
    welsh_day_of_action_text = models.TextField(
        "what to do on the day, in Welsh", max_length=1000, blank=True
    )
    welsh_pledge_text = models.TextField("pledge in Welsh", max_length=500, blank=True)
    welsh_share_message = models.TextField("message to share, in Welsh", max_length=500, blank=True)
    welsh_image_alt = models.CharField(
        "image's alt text in Welsh",
        max_length=255,
        blank=True,
        help_text="What the image shows, for people who cannot see it, in Welsh.",
    )

    audience = models.CharField(max_length=10, choices=Audience.choices, default=Audience.ALL)
    nation = models.CharField(max_length=1, choices=Nation.choices, blank=True)
    region = models.CharField(max_length=60, choices=Region.choices, blank=True)
    constituencies = models.ManyToManyField(
        Constituency,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": Constituency.Kind.CONSTITUENCY},
        help_text="For chosen constituencies only.",
    )
    officers_may_hide = models.BooleanField(
        "officers may hide it",
        default=False,
        help_text="Let a constituency's designated administrators hide it from their site.",
    )
    is_published = models.BooleanField(
        "published", default=False, help_text="Drafts are shown nowhere but here."
    )
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = NationalCampaignQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")], heading="Dates"),
        MultiFieldPanel(
            [
                FieldPanel("action"),
                FieldPanel("day_of_action_on"),
                FieldPanel("day_of_action_text"),
                FieldPanel("pledge_text"),
                FieldPanel("share_message"),
                FieldPanel("share_link"),
            ],
            heading="Call to action",
        ),
        MultiFieldPanel(
            [
                FieldPanel("welsh_title"),
                FieldPanel("welsh_summary"),
                FieldPanel("welsh_day_of_action_text"),
                FieldPanel("welsh_pledge_text"),
                FieldPanel("welsh_share_message"),
                FieldPanel("welsh_image_alt"),
            ],
            heading="In Welsh (optional)",
            help_text=(
                "For the Welsh pages of sites that offer Welsh. Fill in the title, the "
                "summary and the call to action's words, or none of them: left blank, "
                "the Welsh pages show the English words and say they are in English only."
            ),
            classname="collapsed",
        ),
        MultiFieldPanel(
            [
                FieldPanel("audience"),
                FieldPanel("nation"),
                FieldPanel("region"),
                FieldPanel("constituencies"),
                FieldPanel("officers_may_hide"),
            ],
            heading="Which sites it goes to",
        ),
        FieldPanel("is_published"),
    ]

    class Meta:
        ordering = ["-starts_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="campaign_ends_after_start"
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = "A campaign must end on or after the day it starts."
        errors.update(self._action_errors())
        errors.update(self._welsh_errors())
        errors.update(self._audience_errors())
        if errors:
            raise ValidationError(errors)
        require_alt_text(self.image, "image")

    def _action_errors(self) -> dict:
        if self.action == Action.DAY_OF_ACTION:
            if not self.day_of_action_on:
                return {"day_of_action_on": "Give the day of action's date."}
            if (
                self.starts_on
                and self.ends_on
                and not (self.starts_on <= self.day_of_action_on <= self.ends_on)
            ):
                return {"day_of_action_on": "The day of action must fall within the campaign."}
            if not self.day_of_action_text.strip():
                return {"day_of_action_text": "Say what people do on the day."}
        if self.action == Action.PLEDGE and not self.pledge_text.strip():
            return {"pledge_text": "Write the pledge people sign."}
        if self.action == Action.SHARE and not self.share_message.strip():
            return {"share_message": "Write the message people share."}
        return {}

    def _welsh_errors(self) -> dict:
        # All or nothing: a Welsh page never mixes a Welsh title with English words
        # people are asked to sign or share.
        needed = ["welsh_title", "welsh_summary", WELSH_ACTION_FIELDS.get(self.action)]
        needed = [name for name in needed if name]
        filled = [name for name in needed if getattr(self, name).strip()]
        if not filled:
            return {}
        if len(filled) < len(needed):
            return {
                name: "Fill in the title, summary and call to action in Welsh, or none of them."
                for name in needed
                if name not in filled
            }
        if self.image_id and not self.welsh_image_alt.strip():
            return {"welsh_image_alt": "Describe the image in Welsh too."}
        return {}

    @property
    def has_welsh(self) -> bool:
        """Staff wrote its public words in Welsh too."""
        return bool(self.welsh_title.strip())

    def _audience_errors(self) -> dict:
        # Fields another audience would use are cleared, so that no stale choice can
        # widen or narrow who sees it later.
        if self.audience != Audience.NATION:
            self.nation = ""
        if self.audience != Audience.REGION:
            self.region = ""
        if self.audience == Audience.NATION and not self.nation:
            return {"nation": "Choose the nation it goes to."}
        if self.audience == Audience.REGION and not self.region:
            return {"region": "Choose the region it goes to."}
        return {}

    @property
    def has_ended(self) -> bool:
        return self.ends_on < timezone.localdate()

    @property
    def is_live(self) -> bool:
        return self.is_published and self.starts_on <= timezone.localdate() <= self.ends_on

    @property
    def takes_pledges(self) -> bool:
        return self.action == Action.PLEDGE and self.is_live

    @property
    def when(self) -> str:
        """ "Day of action: Saturday 5 December 2026", or "Until Sunday 31 January 2027",
        in the active language."""
        if self.action == Action.DAY_OF_ACTION and self.day_of_action_on:
            return gettext("Day of action: %(day)s") % {"day": _day(self.day_of_action_on)}
        return gettext("Until %(day)s") % {"day": _day(self.ends_on)}

    @property
    def path(self) -> str:
        """Its address on each site it goes to (and on the hub)."""
        return f"/campaigns/{self.slug}/"


def _new_token() -> str:
    return secrets.token_urlsafe(24)


class CampaignPledge(models.Model):
    """One person's name on a pledge, from the site where they signed. Personal data
    (it reveals political opinion): purged by retention (personal_data.retention) a
    set time after the campaign ends; `retain_until` is the date the signer was given."""

    campaign = models.ForeignKey(NationalCampaign, on_delete=models.CASCADE, related_name="pledges")
    constituency = models.ForeignKey(
        Constituency, on_delete=models.CASCADE, related_name="+", help_text="Where they signed."
    )
    name = models.CharField(max_length=120)
    email = models.EmailField()
    postcode = models.CharField(max_length=10)
    consent_text = models.TextField(help_text="The wording the person agreed to.")
    consent_version = models.CharField(
        max_length=40, help_text="The version of the wording (privacy.consent)."
    )
    consented_at = models.DateTimeField(
        default=timezone.now, help_text="When the person agreed to it."
    )
    language = models.CharField(
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text="The language they signed in: their emails and links are in it.",
    )
    # Its owner confirms the address through the emailed link (pledging.confirm_pledge);
    # until then it counts nobody. The same email links to withdrawing it.
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    retain_until = models.DateTimeField()

    class Meta:
        ordering = ["campaign", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                "campaign", Lower("email"), name="one_pledge_per_email_per_campaign"
            ),
        ]

    def __str__(self):
        return f"{self.name} · {self.campaign}"


class CampaignOptOut(models.Model):
    """A constituency's site does not show this campaign: its designated administrators
    hid it. Counts only while the campaign lets officers hide it."""

    campaign = models.ForeignKey(
        NationalCampaign, on_delete=models.CASCADE, related_name="opt_outs"
    )
    constituency = models.ForeignKey(Constituency, on_delete=models.CASCADE, related_name="+")
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    hidden_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "constituency"], name="one_opt_out_per_campaign_and_site"
            )
        ]

    def __str__(self):
        return f"{self.campaign} hidden on {self.constituency}"


class CampaignTally(models.Model):
    """How many people signed up to one constituency's events for a campaign, and how
    many of its events are linked to it: the hub adds these up without visiting every
    constituency's schema. Kept in step by campaigns.tallies."""

    campaign = models.ForeignKey(NationalCampaign, on_delete=models.CASCADE, related_name="tallies")
    constituency = models.ForeignKey(Constituency, on_delete=models.CASCADE, related_name="+")
    event_signups = models.PositiveIntegerField(default=0)
    linked_events = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "constituency"], name="one_tally_per_campaign_and_site"
            )
        ]

    def __str__(self):
        return f"{self.campaign} in {self.constituency}: {self.event_signups}"
