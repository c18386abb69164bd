"""Signal receivers of the languages app, connected in LanguagesConfig.ready().

The compliance dashboard's summary of a bilingual site is refreshed as soon as one of
its pages goes live or comes down. Wagtail's page_published and page_unpublished are
the hooks: they also fire for scheduled publishing and expiry, which no view sees. The
refresh is two reads and one write; the flags wait for the nightly check."""

from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from labourhub.tenancy import current_tenant, on_hub

from .middleware import offers_welsh
from .parity import site_parity, store_summary


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
