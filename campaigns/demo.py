"""Demo campaigns for `make run`: a day of action going to every site, and a pledge going
to the South West region (Bristol East), with one of Bristol East's events linked to the
day of action. Called by `load_demo` once the sites and their regions exist; running it
again changes nothing."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django_tenants.utils import get_public_schema_name, schema_context

from constituencies.demo.images import demo_image
from constituencies.models import Constituency, Region
from constituencies.website.models import EventPage

from .models import Action, Audience, NationalCampaign

DAY_OF_ACTION = "fair-pay-day-of-action"
PLEDGE = "homes-for-the-south-west"
LINKED_EVENT = "Saturday canvassing session"
LINKED_SITE = "E14001132"  # Bristol East


@transaction.atomic
def fill_demo_campaigns(today: dt.date | None = None) -> list[NationalCampaign]:
    today = today or timezone.localdate()
    with schema_context(get_public_schema_name()):
        day_of_action = _campaign(
            DAY_OF_ACTION,
            title="Fair pay: a national day of action",
            summary="A real living wage for every worker. Join your local party on the "
            "doorstep on the day.",
            starts_on=today - dt.timedelta(days=2),
            ends_on=today + dt.timedelta(days=21),
            action=Action.DAY_OF_ACTION,
            day_of_action_on=today + dt.timedelta(days=3),
            day_of_action_text="Every local party canvasses its high street and estates: "
            "sign up to your local session below, or run one of your own.",
            audience=Audience.ALL,
            image=lambda: demo_image(
                "Fair pay day of action",
                "Illustration of a high street at dawn with a bright sun",
                seed="campaign-fair-pay",
                size=(1600, 900),
            ),
        )
        pledge = _campaign(
            PLEDGE,
            title="Homes for the South West",
            summary="Add your name to our call for a new generation of council homes.",
            starts_on=today - dt.timedelta(days=1),
            ends_on=today + dt.timedelta(days=45),
            action=Action.PLEDGE,
            pledge_text="I back building 10,000 council homes across the South West.",
            audience=Audience.REGION,
            region=Region.SOUTH_WEST,
            officers_may_hide=True,
        )
    site = Constituency.objects.filter(gss_code=LINKED_SITE).first()
    if site is not None:
        with schema_context(site.schema_name):
            event = EventPage.objects.filter(title=LINKED_EVENT, campaign__isnull=True).first()
            if event is not None:
                event.campaign = day_of_action
                event.save_revision().publish()
    return [day_of_action, pledge]


def _campaign(slug, image=None, **fields) -> NationalCampaign:
    """The demo campaign with this slug, made once; `image` makes its picture."""
    existing = NationalCampaign.objects.filter(slug=slug).first()
    if existing is not None:
        return existing
    if image is not None:
        fields["image"] = image()
    campaign = NationalCampaign(slug=slug, is_published=True, published_at=timezone.now(), **fields)
    campaign.full_clean()
    campaign.save()
    return campaign
