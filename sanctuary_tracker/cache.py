"""Caching of expensive aggregates, invalidated by any write to the record.

Every cached value's key carries a data version; any save, delete or relation change
of a domain record bumps the version (signals connected in apps.py), and so does
`migrate` (a release), so the next read recomputes. With Redis (DJANGO_CACHE_URL)
every app server sees the same version.

A cache outage makes pages slower, never failed: `FallbackRedisCache` answers every
operation with a miss while Redis is unreachable, so each value is computed afresh.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.db import transaction
from redis.exceptions import ConnectionError, TimeoutError

VERSION_KEY = "tracker:data-version"
CHANGED_KEY = "tracker:data-changed-at"  # when the version last moved (a timestamp)
T = TypeVar("T")
logger = logging.getLogger(__name__)
# The version a request's validators read before its view ran (`pinned_data_version`).
_pinned_version: ContextVar[int | None] = ContextVar("pinned_version", default=None)


def data_version() -> int:
    """The current data version, or within `pinned_data_version` the one pinned. With
    the cache unreachable, a new number on every call, so nothing is found under it
    and every value is computed afresh."""
    if (pinned := _pinned_version.get()) is not None:
        return pinned
    version = cache.get(VERSION_KEY)
    if version is None:
        # A fresh start never reuses an old number (the key may have been evicted).
        if cache.add(VERSION_KEY, time.time_ns(), timeout=None):
            cache.set(CHANGED_KEY, time.time(), timeout=None)
        version = cache.get(VERSION_KEY) or time.time_ns()
    return int(version)


def data_changed_at() -> float | None:
    """When the data version last moved (a Unix time), at the latest: read after
    `data_version()`, a change between the two makes it later, never earlier. None
    while the cache is unreachable."""
    changed_at = cache.get(CHANGED_KEY)
    if changed_at is None and cache.add(CHANGED_KEY, time.time(), timeout=None):
        changed_at = cache.get(CHANGED_KEY)
    return changed_at


def data_state() -> tuple[int, float | None]:
    """`data_version()` and `data_changed_at()` read in one round trip to the cache
    (each page's validators need both). Redis reads the two keys at one instant, so
    the time is that of the version read or later, as when read one after the other;
    a key missing (a fresh start, an eviction) is made as those functions make it."""
    values = cache.get_many([VERSION_KEY, CHANGED_KEY])
    version, changed_at = values.get(VERSION_KEY), values.get(CHANGED_KEY)
    if version is None or changed_at is None:
        return data_version(), data_changed_at()
    return int(version), changed_at


@contextmanager
def pinned_data_version(version: int) -> Iterator[None]:
    """Within it, `data_version()` is `version` without asking the cache: a public
    page's validators read the version before its view runs (ConditionalGetMiddleware),
    and what the view then reads is at least as new, so its cached values may be keyed
    by that version as safely as by one read later, and a round trip each is saved."""
    token = _pinned_version.set(version)
    try:
        yield
    finally:
        _pinned_version.reset(token)


def _bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not set yet, or evicted (or the cache is unreachable)
        cache.set(VERSION_KEY, time.time_ns(), timeout=None)
    cache.set(CHANGED_KEY, time.time(), timeout=None)


def bump_data_version(**kwargs: Any) -> None:
    """Signal receiver: the record changed, so every cached aggregate is stale. Bumped
    now and again when the transaction commits, so a page computed in between from
    the old data is not kept."""
    _bump()
    transaction.on_commit(_bump)


def cached(name: str, compute: Callable[[], T], *, version: int | None = None) -> T:
    """`compute()`'s value, cached until the data next changes. `version`: the data
    version read before anything `compute` depends on was read, if that was earlier
    (by default it is read now)."""
    key = f"tracker:{name}:v{data_version() if version is None else version}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=settings.AGGREGATE_CACHE_SECONDS)
    return value


@dataclass
class _Health:
    """Whether this process reaches one Redis; shared by its threads' cache objects
    (Django gives each thread its own)."""

    down: bool = False
    retry_at: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)


_health: dict[str, _Health] = {}


class _ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's Redis client, keeping one redis-py client for each connection pool: it
    builds one for every operation, and building one (its table of some 200 response
    callbacks) cost a page more CPU than the round trip it served. A redis-py client
    may be shared; it takes a connection from the pool for each command."""

    def __init__(self, servers, **options) -> None:
        super().__init__(servers, **options)
        self._clients: dict[int, Any] = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class FallbackRedisCache(RedisCache):
    """Django's Redis cache, where Redis being unreachable is a miss, not an error.

    A backend rather than care in each caller: every use of the cache (this module's,
    and any later one, such as Django's own cache helpers) is covered in one place.
    While Redis fails to connect or answer in time, each operation returns what a miss
    returns (`get` its default, `add` False, `incr` ValueError as for a missing key)
    and Redis is tried again at most every `retry_seconds`, so a Redis that hangs
    costs one timeout a second, not one per call. The outage is logged once, at
    WARNING, and its end once, at INFO. Other Redis errors still raise.

    Back from an outage, the data version (and its time) is dropped before anything
    else is read (the next `data_version()` starts a new number): this server's
    writes made while Redis was unreachable could not bump it, and the values cached
    before them must not be served. A write on another server during the outage is
    seen once that server next reaches Redis, which it does on its next request.
    """

    retry_seconds = 1.0

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = _ReusedClientRedisCacheClient
        self._health = _health.setdefault(str(server), _Health())

    def _try(self, operation: Callable[..., Any], miss: Any, *args: Any) -> Any:
        health = self._health
        if health.down and time.monotonic() < health.retry_at:
            return miss
        try:
            if health.down:
                super().delete_many([VERSION_KEY, CHANGED_KEY])
            result = operation(*args)
        except (ConnectionError, TimeoutError) as error:
            with health.lock:
                if not health.down:
                    logger.warning(
                        "Cache unreachable, pages are computed without it: %s", error
                    )
                health.down = True
                health.retry_at = time.monotonic() + self.retry_seconds
            return miss
        if health.down:
            with health.lock:
                if health.down:
                    logger.info("Cache reachable again, caching resumes")
                health.down = False
        return result

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        return self._try(super().add, False, key, value, timeout, version)

    def get(self, key, default=None, version=None) -> Any:
        return self._try(super().get, default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> None:
        self._try(super().set, None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        return self._try(super().touch, False, key, timeout, version)

    def delete(self, key, version=None) -> bool:
        return self._try(super().delete, False, key, version)

    def get_many(self, keys, version=None) -> dict[str, Any]:
        return self._try(super().get_many, {}, keys, version)

    def has_key(self, key, version=None) -> bool:
        return self._try(super().has_key, False, key, version)

    def incr(self, key, delta=1, version=None) -> int:
        missing = object()
        value = self._try(super().incr, missing, key, delta, version)
        if value is missing:
            raise ValueError(f"Key '{key}' not found (the cache is unreachable).")
        return value

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None) -> list[str]:
        return self._try(super().set_many, list(data), data, timeout, version)

    def delete_many(self, keys, version=None) -> None:
        self._try(super().delete_many, None, keys, version)

    def clear(self) -> bool:
        return self._try(super().clear, False)
