"""The cache that holds dashboard aggregates, on Redis as production runs it."""

import os
import socket
from urllib.parse import urlparse

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.test import override_settings

from sanctuary_tracker.cache import bump_data_version, cached, data_version
from tests.factories import JurisdictionFactory

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_reachable() -> bool:
    url = urlparse(REDIS_URL)
    try:
        with socket.create_connection((url.hostname, url.port or 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture
def redis_cache():
    if not redis_reachable():
        pytest.skip(f"Redis not reachable at {REDIS_URL}: start redis-server")
    settings = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                            "LOCATION": REDIS_URL}}  # fmt: skip
    with override_settings(CACHES=settings):
        caches["default"].clear()
        yield caches["default"]
        caches["default"].clear()


@pytest.mark.django_db
def test_cached_values_live_in_redis_until_a_write(redis_cache):
    calls = []

    def compute() -> list[int]:
        calls.append(1)
        return [len(calls)]

    assert cached("answer", compute) == [1]
    assert cached("answer", compute) == [1]
    assert len(calls) == 1
    assert any(
        key.startswith(b":1:tracker:answer")
        for key in redis_cache._cache.get_client().scan_iter()
    )
    before = data_version()
    JurisdictionFactory()
    assert data_version() > before
    assert cached("answer", compute) == [2]


@pytest.mark.django_db
def test_bump_recovers_when_the_version_was_evicted(redis_cache):
    before = data_version()
    redis_cache.delete("tracker:data-version")
    bump_data_version()
    assert data_version() > before, (
        "an evicted version never comes back to an old number"
    )


@pytest.mark.django_db
def test_a_release_migrate_makes_what_the_old_code_cached_stale():
    before = data_version()
    call_command("migrate", verbosity=0)
    assert data_version() > before
