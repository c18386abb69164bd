"""The platform's own background work."""

from celery import shared_task

from labourhub.http_cache import ban_everywhere


@shared_task(
    bind=True,
    autoretry_for=(OSError,),
    retry_backoff=2,
    retry_backoff_max=300,
    max_retries=12,
    ignore_result=True,
)
def ban_later(self, hosts: list[str], pattern: str, cache_urls: list[str]) -> None:
    """A ban a cache missed (it was restarting, say), tried again with back-off."""
    failed = ban_everywhere(hosts, pattern, cache_urls)
    if failed:
        raise OSError(f"HTTP caches did not take a ban: {', '.join(failed)}")
