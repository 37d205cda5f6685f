"""HTTP validators and caching headers for the public pages, exports and feeds.

A public response depends on the record (the data version), the address asked for
(path and query string) and the site's date (filters such as "overdue" read it), so
those make its ETag; Last-Modified is when the data version last moved. A reader or
CDN that sends either back gets a 304 without the view running, so an export's
stream never starts. Without a shared cache (DJANGO_CACHE_URL) each process has its
own version, blind to another process's writes: the validators then also change
every AGGREGATE_CACHE_SECONDS, the most the aggregates themselves may be stale.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from datetime import datetime
from functools import cached_property
from hashlib import sha256

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import http_date, quote_etag
from django.utils.timezone import get_current_timezone, localdate

from .cache import data_changed_at, data_version

PUBLIC = {"public": True, "max_age": 60, "stale_while_revalidate": 300}


class ConditionalGetMiddleware:
    """ETag, Last-Modified and `Cache-Control: public, max-age=60,
    stale-while-revalidate=300` on every successful GET or HEAD of a public page,
    and a 304 to a request whose If-None-Match or If-Modified-Since still holds
    (Django's own precondition rules, django.utils.cache).

    A request under /admin/ or carrying a session cookie (a signed-in user, who may
    see drafts) is `Cache-Control: private`, with no validators. So is a response that
    sets a cookie. The session cookie is looked at, not the user, so this reads
    nothing from the database; public responses say `Vary: Cookie` for the same
    reason.
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
        headers, changed_at = self.validators(request)
        response = get_conditional_response(
            request, etag=headers["ETag"], last_modified=changed_at, response=headers
        )
        if response is not headers:
            return response  # 304 Not Modified (or 412), with the headers
        response = self.get_response(request)
        if response.cookies:
            return self.private(response)
        if response.status_code == 200:
            for name, value in headers.items():
                response.headers.setdefault(name, value)
        return response

    def validators(self, request: HttpRequest) -> tuple[HttpResponse, int | None]:
        """A bare response holding the headers a public answer carries, and its
        Last-Modified as a Unix time (None while the cache is unreachable)."""
        version = data_version()  # first: what the view reads is at least as new
        changed_at = data_changed_at()
        # The site's date: date-relative filters ("overdue") read it.
        parts = [str(version), request.get_full_path(), localdate().isoformat()]
        if not settings.CACHE_URL:
            period = settings.AGGREGATE_CACHE_SECONDS
            parts.append(str(int(time.time() // period)))
            if changed_at is not None:
                changed_at = max(changed_at, time.time() // period * period)
        if changed_at is not None:
            # Date-relative pages ("overdue") change at the site's midnight too.
            midnight = datetime.combine(
                localdate(), datetime.min.time(), get_current_timezone()
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
        return headers, last_modified

    @staticmethod
    def private(response: HttpResponseBase) -> HttpResponseBase:
        patch_cache_control(response, private=True)
        return response
