"""HTTP validators and caching headers for the public pages, exports and feeds.

A public response depends on the record (the data version), the address asked for
(path and query string) and the site's date (filters such as "overdue" read it), so
those make its ETag; Last-Modified is when the data version last moved. A reader or
CDN that sends either back gets a 304 without the view running, so an export's
stream never starts. Without a shared cache (DJANGO_CACHE_URL) each process has its
own version, blind to another process's writes: the validators then also change
every AGGREGATE_CACHE_SECONDS, the most the aggregates themselves may be stale.

The same parts key the page cache: a public page rendered once is kept in the cache
(Redis when DJANGO_CACHE_URL is set) under its ETag, so a spike of readers costs one
cache read each, and any write, on any server sharing that Redis, moves the data
version and so every key at once. Without Redis the key, like the ETag, also moves
every AGGREGATE_CACHE_SECONDS, so a process's copy is at most that stale.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from datetime import datetime
from functools import cached_property
from hashlib import sha256

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import http_date, quote_etag

from .cache import data_state, pinned_data_version

PUBLIC = {"public": True, "max_age": 60, "stale_while_revalidate": 300}
# A larger body is rendered each time rather than kept (no public page comes near).
PAGE_CACHE_MAX_BYTES = 2 * 1024 * 1024


class ConditionalGetMiddleware:
    """ETag, Last-Modified and `Cache-Control: public, max-age=60,
    stale-while-revalidate=300` on every successful GET or HEAD of a public page,
    and a 304 to a request whose If-None-Match or If-Modified-Since still holds
    (Django's own precondition rules, django.utils.cache).

    The whole response to such a request is kept in the cache under its ETag and
    served from there to the next reader asking for the same address: one cache read,
    no view, no query. Only a 200 that is not streamed (exports stream: they get
    their 304s but are rendered each time) and sets no cookie is kept.

    A request under /admin/ or carrying a session cookie (a signed-in user, who may
    see drafts) is `Cache-Control: private`, with no validators, and is neither
    served from nor kept in the page cache. So is a response that sets a cookie.
    The session cookie is looked at, not the user, so this reads nothing from the
    database; public responses say `Vary: Cookie` for the same reason.

    It runs before the session, CSRF and authentication middleware (settings), so a
    304 or a cached page costs none of their work, and it sees the cookies they set
    on a response (the CSRF cookie of a page holding a form) and so never keeps one.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    @cached_property
    def admin_prefix(self) -> str:
        return reverse("admin:index")

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.method not in {"GET", "HEAD"}:
            return self.get_response(request)
        if (
            request.path.startswith(self.admin_prefix)
            or settings.SESSION_COOKIE_NAME in request.COOKIES
        ):
            return self.private(self.get_response(request))
        headers, changed_at, version = self.validators(request)
        response = get_conditional_response(
            request, etag=headers["ETag"], last_modified=changed_at, response=headers
        )
        if response is not headers:
            return response  # 304 Not Modified (or 412), with the headers
        key = self.page_key(headers["ETag"])
        response = cache.get(key) if settings.PAGE_CACHE_SECONDS else None
        if response is not None:
            for name, value in headers.items():
                response.headers[name] = value
            return response
        with pinned_data_version(version):
            response = self.get_response(request)
        if response.cookies:
            return self.private(response)
        if response.status_code == 200:
            if (
                settings.PAGE_CACHE_SECONDS
                and not response.streaming
                and len(response.content) <= PAGE_CACHE_MAX_BYTES
            ):
                cache.set(key, response, timeout=settings.PAGE_CACHE_SECONDS)
            for name, value in headers.items():
                response.headers.setdefault(name, value)
        return response

    @staticmethod
    def page_key(etag: str) -> str:
        """The page cache's key of a response: its ETag (the data version, the
        address and the date, hashed)."""
        return f"tracker:page:{etag.strip(chr(34))}"

    def validators(self, request: HttpRequest) -> tuple[HttpResponse, int | None, int]:
        """A bare response holding the headers a public answer carries, its
        Last-Modified as a Unix time (None while the cache is unreachable), and the
        data version they were made from (the view's cached values are keyed by it)."""
        # Read before the view runs: what it reads is at least as new.
        version, changed_at = data_state()
        # The site's date: date-relative filters ("overdue") read it.
        today = timezone.localdate()
        parts = [str(version), request.get_full_path(), today.isoformat()]
        if not settings.CACHE_URL:
            period = settings.AGGREGATE_CACHE_SECONDS
            parts.append(str(int(time.time() // period)))
            if changed_at is not None:
                changed_at = max(changed_at, time.time() // period * period)
        if changed_at is not None:
            # Date-relative pages ("overdue") change at the site's midnight too.
            midnight = datetime.combine(
                today, datetime.min.time(), timezone.get_current_timezone()
            )
            changed_at = max(changed_at, midnight.timestamp())
        headers = HttpResponse()
        headers["ETag"] = quote_etag(sha256("|".join(parts).encode()).hexdigest()[:32])
        # HTTP dates are whole seconds: rounded up, and left out while that second
        # lasts, so a later change always has a later date than the one given.
        last_modified = None if changed_at is None else math.ceil(changed_at)
        if last_modified is not None and last_modified <= time.time():
            headers["Last-Modified"] = http_date(last_modified)
        else:
            last_modified = None
        patch_cache_control(headers, **PUBLIC)
        patch_vary_headers(headers, ["Cookie"])
        del headers["Content-Type"]
        return headers, last_modified, version

    @staticmethod
    def private(response: HttpResponseBase) -> HttpResponseBase:
        patch_cache_control(response, private=True)
        return response
