"""Caching of expensive aggregates, invalidated by any write to the record.

Every cached value's key carries a data version; any save, delete or relation change
of a domain record bumps the version (signals connected in apps.py), and so does
`migrate` (a release), so the next read recomputes. With Redis (DJANGO_CACHE_URL) every app server sees the same version.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "tracker:data-version"
T = TypeVar("T")


def data_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        # A fresh start never reuses an old number (the key may have been evicted).
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(VERSION_KEY) or time.time_ns()
    return int(version)


def _bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not set yet, or evicted
        cache.set(VERSION_KEY, time.time_ns(), timeout=None)


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
