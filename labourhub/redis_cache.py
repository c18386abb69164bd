"""Django's Redis cache, made cheaper per call and safe when Redis is down.

Cheaper: Django's `RedisCacheClient.get_client()` builds a new `redis.Redis` for every
cache operation, and each one fills a table of about 170 response callbacks: a page with
a dozen renditions and site-root lookups spent several milliseconds of CPU on that
alone. A `redis.Redis` is safe to share (the pool hands each command its own
connection), so this backend keeps one per pool. Django has no public hook for the
client class: `RedisCache._class` is private, so it is set in this one module, and
tests/platform/test_redis_cache.py fails if Django changes it.

Safe: the cache only ever saves work, so an unreachable Redis must not fail a request.
When a command cannot reach Redis the backend answers as a cache that holds nothing
(pages and lookups are computed afresh), except for rate-limit counters, which move to
a counter in this process so public forms and sign-in stay limited. It logs one
warning, stops asking Redis for RETRY_SECONDS, then tries again.
"""

import logging
import time

import redis
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient

logger = logging.getLogger(__name__)

UNREACHABLE = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)
# Keys of rate-limit counters (django-ratelimit's and allauth's): kept per process while
# Redis is down, rather than forgotten, which would lift the limits.
RATE_LIMIT_PREFIXES = ("rl:", "allauth:rl:")
RETRY_SECONDS = 5


class ReusedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


def _is_rate_limit(key) -> bool:
    return isinstance(key, str) and key.startswith(RATE_LIMIT_PREFIXES)


def _guarded(name: str, answer_when_down):
    """`name` of Django's RedisCache, answered by the per-process rate-limit counters or
    as a cache holding nothing while Redis cannot be reached."""
    redis_method = getattr(DjangoRedisCache, name)

    def method(self, key, *args, **kwargs):
        if _is_rate_limit(key if isinstance(key, str) else next(iter(key), None)):
            if self.is_unreachable:
                return getattr(self.rate_limits_here, name)(key, *args, **kwargs)
        elif self.is_unreachable:
            return answer_when_down(*args, **kwargs)
        try:
            return redis_method(self, key, *args, **kwargs)
        except UNREACHABLE as error:
            self.mark_unreachable(error)
            return method(self, key, *args, **kwargs)

    method.__name__ = name
    return method


def _default(default=None, *args, **kwargs):
    return default


def _not_found(*args, **kwargs):
    raise ValueError("Key not found: the cache is unreachable")


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
        self._unreachable_until = 0.0
        self.rate_limits_here = LocMemCache(
            f"rate-limits-while-redis-is-down-{id(self)}",
            {
                "KEY_FUNCTION": params.get("KEY_FUNCTION"),
                "OPTIONS": {"MAX_ENTRIES": 100_000, "CULL_FREQUENCY": 10},
            },
        )

    @property
    def is_unreachable(self) -> bool:
        return time.monotonic() < self._unreachable_until

    def mark_unreachable(self, error: Exception) -> None:
        if not self.is_unreachable:
            logger.warning(
                "the cache (Redis) is unreachable (%s): serving pages uncached and counting "
                "rate limits in this process; trying Redis again in %s s",
                type(error).__name__,
                RETRY_SECONDS,
            )
        self._unreachable_until = time.monotonic() + RETRY_SECONDS

    def ping(self) -> bool:
        """Ask Redis itself (for /healthz): raises if it cannot be reached."""
        return self._cache.get_client(write=True).ping()

    get = _guarded("get", _default)
    set = _guarded("set", lambda *args, **kwargs: None)
    add = _guarded("add", lambda *args, **kwargs: False)
    touch = _guarded("touch", lambda *args, **kwargs: False)
    delete = _guarded("delete", lambda *args, **kwargs: False)
    has_key = _guarded("has_key", lambda *args, **kwargs: False)
    get_many = _guarded("get_many", lambda *args, **kwargs: {})
    set_many = _guarded("set_many", lambda *args, **kwargs: [])
    delete_many = _guarded("delete_many", lambda *args, **kwargs: None)

    incr = _guarded("incr", _not_found)

    def clear(self):
        try:
            return super().clear()
        except UNREACHABLE as error:
            self.mark_unreachable(error)
        self.rate_limits_here.clear()
