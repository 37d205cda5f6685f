"""Caching of expensive aggregates, invalidated by any write to the record.

Every cached value's key carries a data version; any save, delete or relation change
of a domain record bumps the version (signals connected in apps.py), so the next read
recomputes. With Redis (DJANGO_CACHE_URL) every app server sees the same version.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache

VERSION_KEY = "tracker:data-version"
TIMEOUT = 60 * 60
T = TypeVar("T")


def data_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY) or 1
    return int(version)


def bump_data_version(**kwargs: Any) -> None:
    """Signal receiver: the record changed, so every cached aggregate is stale."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not set yet (or evicted): any new value invalidates
        cache.set(VERSION_KEY, data_version() + 1, timeout=None)


def cached(name: str, compute: Callable[[], T]) -> T:
    """`compute()`'s value, cached until the data next changes."""
    key = f"tracker:{name}:v{data_version()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=TIMEOUT)
    return value
