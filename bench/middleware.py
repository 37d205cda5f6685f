"""Server-Timing and query counts on every response, for the benchmark only
(bench.settings adds it; production never loads it)."""

import time
from collections.abc import Callable

from django.db import connection
from django.http import HttpRequest, HttpResponse


class BenchTimingMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        queries = 0

        def count(execute, sql, params, many, context):
            nonlocal queries
            queries += 1
            return execute(sql, params, many, context)

        started = time.perf_counter()
        with connection.execute_wrapper(count):
            response = self.get_response(request)
        elapsed = (time.perf_counter() - started) * 1000
        response["Server-Timing"] = f"app;dur={elapsed:.1f}"
        response["X-Query-Count"] = str(queries)
        return response
