"""Signal receivers of the languages app, connected in LanguagesConfig.ready().

The compliance dashboard's summary of a bilingual site is refreshed as soon as one of
its pages goes live or comes down. Wagtail's page_published and page_unpublished are
the hooks: they also fire for scheduled publishing and expiry, which no view sees. The
refresh is two reads and one write; the flags wait for the nightly check. A site that
starts offering Welsh gets its summary at once (provisioning, central staff's switch),
through the constituencies app's own signal: it sits below this app."""

from django.dispatch import receiver
from django_tenants.utils import schema_context
from wagtail.signals import page_published, page_unpublished

from constituencies.signals import constituency_welsh_changed
from labourhub.tenancy import current_tenant, on_hub

from .middleware import offers_welsh
from .parity import forget_summary, site_parity, store_summary


def _refresh_summary() -> None:
    if on_hub():
        return
    constituency = current_tenant()
    if offers_welsh(constituency):
        store_summary(constituency, site_parity())


@receiver(page_published, dispatch_uid="languages_refresh_parity_on_publish")
def refresh_parity_when_a_page_goes_live(sender, instance, **kwargs):
    _refresh_summary()


@receiver(page_unpublished, dispatch_uid="languages_refresh_parity_on_unpublish")
def refresh_parity_when_a_page_comes_down(sender, instance, **kwargs):
    _refresh_summary()


@receiver(constituency_welsh_changed, dispatch_uid="languages_summary_on_welsh_switch")
def start_or_drop_the_summary_on_the_welsh_switch(sender, constituency, **kwargs):
    if not offers_welsh(constituency):
        forget_summary(constituency)
        return
    with schema_context(constituency.schema_name):
        parity = site_parity()
    store_summary(constituency, parity)
