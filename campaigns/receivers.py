"""Signal receivers of the campaigns app.

Signals are the right tool here: sign-ups are made, cancelled and purged by the
constituencies app below this one (which must not call up into it), and events are
published by Wagtail's own views and by its scheduled publishing, whose page signals
are the only hooks that fire for both. Each receiver only asks for a recount or a purge.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.images import get_image_model
from wagtail.signals import page_published, page_unpublished

from constituencies.signups.models import EventSignup
from constituencies.website.models import EventPage
from labourhub.tenancy import on_hub

from . import pictures, tallies
from .models import NationalCampaign
from .publishing import purge_every_site_after_commit


@receiver(post_save, sender=EventSignup, dispatch_uid="campaigns-signup-saved")
@receiver(post_delete, sender=EventSignup, dispatch_uid="campaigns-signup-deleted")
def recount_when_a_signup_changes(instance, **kwargs):
    """A sign-up made, cancelled or purged changes its campaign's total, if its event is
    part of one."""
    linked = (
        EventPage.objects.filter(pk=instance.event_id, campaign_id__isnull=False)
        .values_list("campaign_id", flat=True)
        .first()
    )
    if linked is not None:
        tallies.recount()


@receiver(page_published, sender=EventPage, dispatch_uid="campaigns-event-published")
@receiver(page_unpublished, sender=EventPage, dispatch_uid="campaigns-event-unpublished")
@receiver(post_delete, sender=EventPage, dispatch_uid="campaigns-event-deleted")
def recount_when_an_event_changes(**kwargs):
    """An event linked to a campaign, unlinked, withdrawn or deleted moves sign-ups
    between campaigns' totals."""
    tallies.recount()


@receiver(post_save, sender=get_image_model(), dispatch_uid="campaigns-image-saved")
@receiver(post_delete, sender=get_image_model(), dispatch_uid="campaigns-image-deleted")
def forget_pictures_when_a_hub_image_changes(instance, **kwargs):
    """A campaign's picture is the hub's image: a new focal point or file shows at once,
    on every site's pages that show the campaign."""
    if not on_hub():
        return
    pictures.forget(instance.pk)
    if NationalCampaign.objects.published().filter(image_id=instance.pk).exists():
        purge_every_site_after_commit()
