from celery import shared_task

from constituencies.models import Constituency
from constituencies.page_cache import purge_site


@shared_task
def purge_campaign_sites() -> int:
    """Retire the cached pages of every active site: a campaign they may show changed.
    Returns how many sites were purged."""
    sites = list(Constituency.objects.active())
    for constituency in sites:
        purge_site(constituency)
    return len(sites)
