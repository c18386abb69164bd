"""The Redis cache backend keeps one redis-py client per pool (labourhub.redis_cache)."""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache

from labourhub.redis_cache import RedisCache, ReusedClientRedisCacheClient
from tests.helpers import redis_url_or_skip


def test_django_still_builds_its_client_from_the_private_class_we_replace():
    cache = DjangoRedisCache("redis://127.0.0.1:1/0", {})
    assert cache._class.__name__ == "RedisCacheClient"
    assert callable(cache._cache.get_client)
    assert hasattr(cache._cache, "_get_connection_pool")


def test_every_operation_shares_one_client():
    cache = RedisCache("redis://127.0.0.1:1/0", {})
    assert isinstance(cache._cache, ReusedClientRedisCacheClient)
    assert cache._cache.get_client("a") is cache._cache.get_client("b", write=True)


def test_it_stores_and_reads_back():
    cache = RedisCache(redis_url_or_skip(), {"KEY_PREFIX": "test-redis-cache"})
    cache.set("greeting", {"hello": "world"}, 10)
    assert cache.get("greeting") == {"hello": "world"}
    cache.delete("greeting")
    assert cache.get("greeting") is None
