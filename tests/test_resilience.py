"""Outages of the cache and the database: a slower page or a 503, never a 500.

The Redis tests run their own redis-server on a free local port and stop it
(`own_redis`, tests/redis_server.py); the machine's shared Redis is never touched.
"""

from __future__ import annotations

import logging
import signal
import time
from unittest import mock

import pytest
import redis
from django.core.handlers.wsgi import WSGIHandler
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.test import RequestFactory, override_settings

from sanctuary_tracker.cache import FallbackRedisCache, cached
from tests.factories import JurisdictionFactory, LetterFactory, ReviewRoundFactory

PAGES = ["/", "/jurisdictions/", "/letters/", "/letters/?kind=document_demand"]


@pytest.fixture
def records() -> list[str]:
    """The pages of a few jurisdictions and letters, the detail page last."""
    review_round = ReviewRoundFactory(slug="2018-01-24")
    chicago = JurisdictionFactory(name="Chicago", slug="chicago", state="IL")
    denver = JurisdictionFactory(name="Denver", slug="denver", state="CO")
    LetterFactory(jurisdiction=chicago, round=review_round)
    LetterFactory(jurisdiction=denver, round=review_round)
    return [*PAGES, chicago.get_absolute_url()]


def wait_for_retry() -> None:
    time.sleep(FallbackRedisCache.retry_seconds + 0.1)


@pytest.mark.django_db
def test_pages_answer_without_redis_and_caching_resumes(
    client, own_redis, records, caplog
):
    """Redis stopped: every page still answers 200 with the same rows, a write is
    seen at once, the outage is logged once; Redis back: values are cached again."""
    before = {}
    for url in records:
        response = client.get(url)
        assert response.status_code == 200, url
        before[url] = response.content
    assert any(key.startswith(b":1:tracker:") for key in own_redis.stored_keys())

    own_redis.kill()
    caplog.set_level(logging.INFO, logger="sanctuary_tracker.cache")
    for _attempt in range(2):
        for url in records:
            response = client.get(url)
            assert response.status_code == 200, url
            assert response.content == before[url], url
        wait_for_retry()  # the second round tries Redis again
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1

    JurisdictionFactory(name="Boulder", slug="boulder", state="CO")
    assert b"Boulder" in client.get("/jurisdictions/").content

    own_redis.start()  # the same port, empty
    assert own_redis.stored_keys() == []
    wait_for_retry()
    for url in records:
        assert client.get(url).status_code == 200, url
    assert any(key.startswith(b":1:tracker:count:") for key in own_redis.stored_keys())
    assert b"Boulder" in client.get("/jurisdictions/").content
    infos = [r for r in caplog.records if r.levelno == logging.INFO]
    assert [r.getMessage() for r in infos] == ["Cache reachable again, caching resumes"]


@pytest.mark.django_db
def test_a_write_while_redis_was_unreachable_makes_its_values_stale(own_redis):
    """Redis paused (unreachable, its data kept): a write then cannot bump the data
    version, so once Redis answers again the values cached before it are not served."""
    assert cached("probe", lambda: "before") == "before"
    assert cached("probe", lambda: "again") == "before"

    own_redis.process.send_signal(signal.SIGSTOP)
    try:
        started = time.monotonic()
        assert cached("probe", lambda: "during") == "during"  # one read timeout
        JurisdictionFactory()  # its bumps of the version are lost
        assert cached("probe", lambda: "during") == "during"
        assert time.monotonic() - started < 3, "Redis is tried at most once a second"
    finally:
        own_redis.process.send_signal(signal.SIGCONT)
    wait_for_retry()
    assert cached("probe", lambda: "after") == "after"
    assert cached("probe", lambda: "later") == "after"


def test_other_redis_errors_still_raise(own_redis):
    """Only an unreachable Redis is a miss: a command Redis refuses still raises."""
    from django.core.cache import cache

    own_redis.client().set(":1:text", "not a number")
    with pytest.raises(redis.ResponseError):
        cache.incr("text")


class Served:
    """Requests through Django's WSGI handler, as gunicorn makes them: unlike the
    test client, each one runs the request signals that close or check a kept
    database connection."""

    def __init__(self) -> None:
        self.handler = WSGIHandler()

    def get(self, path: str) -> int:
        environ = RequestFactory().get(path).environ
        statuses: list[str] = []
        response = self.handler(
            environ, lambda status, headers: statuses.append(status)
        )
        try:
            b"".join(response)
        finally:
            response.close()
        return int(statuses[0].split()[0])


def backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


@pytest.mark.postgresql_only
def test_a_connection_closed_under_the_app_is_replaced(transactional_db, records):
    """PostgreSQL ends the app's kept connection (as a restart does): the next
    request is served on a new connection, not answered 500 or 503."""
    served = Served()
    assert served.get("/jurisdictions/") == 200
    pid = backend_pid()

    other = connection.get_new_connection(connection.get_connection_params())
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
            for _attempt in range(100):
                cursor.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid])
                if cursor.fetchone() is None:
                    break
                time.sleep(0.05)
    finally:
        other.close()

    assert served.get("/jurisdictions/") == 200
    assert served.get("/letters/") == 200
    assert backend_pid() != pid


def database_down(error: Exception | None = None) -> mock._patch:
    """Every query fails as when the database cannot be reached (or with `error`)."""
    error = error or OperationalError("could not connect to server: refused")
    return mock.patch.object(connection, "ensure_connection", side_effect=error)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [*PAGES, "/jurisdictions/chicago/", "/letters/export.csv", "/feeds/changes.atom"],
)
def test_the_database_down_is_a_503_page(client, records, url):
    """While the database is down a page, an export or a feed is 503 "temporarily
    unavailable" with Retry-After, rendered without the database; once it is back,
    200."""
    with database_down():
        response = client.get(url)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert b"Temporarily unavailable" in response.content
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_a_lost_connection_is_a_503_page(client, records):
    """InterfaceError (a connection already closed) is an outage too."""
    with database_down(InterfaceError("connection already closed")):
        assert client.get("/letters/").status_code == 503


@pytest.mark.django_db
@pytest.mark.parametrize(
    "error", [RuntimeError("a bug"), DatabaseError("another database error")]
)
def test_other_errors_still_propagate(client, records, error):
    """Only an unreachable database is a 503: any other error is raised as before
    (a 500 for the reader, a traceback in the log)."""
    with (
        database_down(error),
        pytest.raises(type(error)),
    ):
        client.get("/letters/")


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_with_debug_on_the_developer_gets_the_traceback(client, records):
    """DEBUG on: the database error is raised, for Django's technical page."""
    with (
        database_down(),
        pytest.raises(OperationalError),
    ):
        client.get("/letters/")
