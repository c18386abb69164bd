"""An event may be part of a national campaign. The campaigns app, above this one, says
which campaigns an editor of this site may choose (settings.CAMPAIGN_CHOICES)."""

from django.conf import settings
from django.utils.module_loading import import_string


def campaign_choices():
    """`limit_choices_to` of EventPage.campaign: asked each time its form is built."""
    return import_string(settings.CAMPAIGN_CHOICES)()
