"""The database unreachable answers 503 "temporarily unavailable", not 500.

A database that is down or restarting is an outage to wait out, not a bug: the
reader is told to try again shortly (Retry-After), and a proxy or monitor sees a 503.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.template import loader

RETRY_AFTER_SECONDS = 30
logger = logging.getLogger(__name__)


class DatabaseUnavailableMiddleware:
    """A view (or its template) failing with OperationalError or InterfaceError, the
    errors of a database that cannot be reached or lost its connection, gets the
    plain page `503.html` with a Retry-After header, and so does a streamed export
    whose database does not answer before the stream starts (one that fails later
    ends early). Any other error propagates as before; with DEBUG on, so do these,
    for the developer's traceback.

    The page is rendered without the request's context, so it reads nothing from the
    database (no user, no session). The next request connects afresh: Django closes
    a connection that failed, and health checks (CONN_HEALTH_CHECKS) replace a kept
    one that the database closed.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if response.streaming and not isinstance(response, FileResponse):
            # An export reads the database only as it streams, after the status has
            # been sent: make sure the database answers while a 503 can be sent.
            try:
                connection.close_if_health_check_failed()
                connection.ensure_connection()
            except (OperationalError, InterfaceError) as error:
                if settings.DEBUG:
                    raise
                return self.unavailable(request, error)
        return response

    def process_exception(
        self, request: HttpRequest, exception: Exception
    ) -> HttpResponse | None:
        if settings.DEBUG or not isinstance(
            exception, OperationalError | InterfaceError
        ):
            return None
        return self.unavailable(request, exception)

    def unavailable(self, request: HttpRequest, error: Exception) -> HttpResponse:
        logger.warning("Database unavailable for %s: %s", request.path, error)
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
