"""Django's Redis cache, keeping one redis-py client per connection pool.

Django's `RedisCacheClient.get_client()` builds a new `redis.Redis` for every cache
operation, and each one fills a table of about 170 response callbacks: a page with a
dozen renditions and site-root lookups spent several milliseconds of CPU on that alone.
A `redis.Redis` is safe to share (the pool hands each command its own connection), so
this backend keeps one per pool.

Django has no public hook for the client class: `RedisCache._class` is private, so it is
set in this one module, and tests/platform/test_redis_cache.py fails if Django changes it.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


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


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
