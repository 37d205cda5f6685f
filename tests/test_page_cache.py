"""The page cache: a public page rendered once is served from the cache (Redis, as in
production, a server of the test's own) until the data changes."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from correspondence.models import Letter
from sanctuary_tracker.cache import VERSION_KEY
from tests.factories import JurisdictionFactory, LetterFactory, ResponseFactory
from tests.redis_server import free_port

pytestmark = pytest.mark.django_db
SUBPOENA = b"subpoena threatened"  # the letters list's tag on such a letter
PAGES = [
    "/",
    "/jurisdictions/",
    "/letters/",
    "/letters/?kind=document_demand",
    "/feeds/changes.atom",
]


@pytest.fixture
def letter() -> Letter:
    chicago = JurisdictionFactory(name="Chicago", slug="chicago", state="IL")
    return LetterFactory(jurisdiction=chicago)


def queries_of(client, url: str) -> int:
    """How many queries answering `url` ran."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def page_keys(server) -> list[bytes]:
    return [key for key in server.stored_keys() if b"tracker:page:" in key]


@pytest.mark.parametrize("url", [*PAGES, "/jurisdictions/chicago/"])
def test_a_second_reader_is_served_from_the_cache(
    client, own_redis, letter, url, django_assert_num_queries
):
    """The first reader's page is kept in Redis; the next GET or HEAD of the same
    address is that page, with the same validators, and runs no query."""
    first = client.get(url)
    assert first.status_code == 200
    assert len(page_keys(own_redis)) == 1

    with django_assert_num_queries(0):
        again = client.get(url)
        head = client.head(url)
    assert again.status_code == head.status_code == 200
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]
    assert again["ETag"] == head["ETag"] == first["ETag"]
    assert again["Cache-Control"] == first["Cache-Control"]


def redis_calls(redis) -> dict[str, int]:
    """Redis's count of each command since its last CONFIG RESETSTAT, the test's own
    CONFIG and INFO left out."""
    return {
        name: stat["calls"]
        for name, stat in redis.info("commandstats").items()
        if not name.startswith(("cmdstat_config", "cmdstat_info"))
    }


def test_a_kept_page_costs_two_round_trips_to_redis(client, own_redis, letter):
    """A reader served from the cache costs Redis one MGET (the data version and when
    it moved, for the validators) and one GET (the page), nothing more."""
    assert client.get("/letters/").status_code == 200
    redis = own_redis.client()
    redis.config_resetstat()
    assert client.get("/letters/").status_code == 200
    assert redis_calls(redis) == {"cmdstat_mget": 1, "cmdstat_get": 1}


@pytest.mark.parametrize(
    "url, reads",
    [
        # The page, the record's date (every page's footer), the dashboard's figures.
        ("/", 3),
        # The page, the record's date, the list's count.
        ("/letters/?kind=document_demand", 3),
    ],
)
def test_a_page_rendered_afresh_reads_the_data_version_once(
    client, own_redis, letter, url, reads
):
    """A new address misses the page cache, and its view reads its cached values
    under the version the validators read (one MGET), not asking for it again: one
    GET for the page and one for each value, one SET to keep the page."""
    assert client.get(url).status_code == 200  # the values cached
    redis = own_redis.client()
    redis.config_resetstat()
    assert client.get(url + ("&" if "?" in url else "?") + "page=1").status_code == 200
    assert redis_calls(redis) == {
        "cmdstat_mget": 1,
        "cmdstat_get": reads,
        "cmdstat_set": 1,
    }


def test_the_cache_keeps_one_redis_client(own_redis):
    """Django's Redis backend builds a client for every operation; ours keeps one for
    each connection pool (FallbackRedisCache)."""
    cache.set("a", 1)
    assert cache.get("a") == 1
    assert cache._cache.get_client() is cache._cache.get_client(write=True)


def test_another_address_is_another_page(client, own_redis, letter):
    """The query string is part of the key: a filter is never served another
    filter's page."""
    reply = ResponseFactory(jurisdiction=letter.jurisdiction).get_absolute_url()
    demands = client.get("/letters/?kind=document_demand").content
    client.get("/letters/?kind=response")
    assert len(page_keys(own_redis)) == 2
    assert f'href="{reply}"'.encode() not in demands
    assert f'href="{reply}"'.encode() in client.get("/letters/?kind=response").content


def test_a_write_shows_at_once(client, own_redis, letter):
    """Saving a record (as the admin does) moves the data version: the next reader
    gets the page rendered afresh."""
    assert SUBPOENA not in client.get("/letters/").content
    letter.threatens_subpoena = True
    letter.save()
    assert SUBPOENA in client.get("/letters/").content


def test_a_write_on_another_server_shows_at_once(
    client, own_redis, letter, django_assert_num_queries
):
    """Two app servers share Redis: a write on the other one moves the version
    there (its signal's increment, done here on the shared Redis itself), and this
    server's next reader gets the changed page, not its kept copy."""
    client.get("/letters/")
    # The other server's write: the row, then the version its signal moves.
    Letter.objects.filter(pk=letter.pk).update(threatens_subpoena=True)
    own_redis.client().incr(f":1:{VERSION_KEY}")
    page = client.get("/letters/").content
    assert SUBPOENA in page
    with django_assert_num_queries(0):  # and that page is kept in turn
        assert client.get("/letters/").content == page


def test_with_redis_unreachable_pages_are_rendered_each_time(client, letter):
    """A cache on a closed port: every page is 200, rendered afresh each time (so
    always current), never an error."""
    caches = {
        "default": {
            "BACKEND": "sanctuary_tracker.cache.FallbackRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0},
        }
    }
    with override_settings(CACHES=caches):
        for url in PAGES:
            for _ in range(2):
                response = client.get(url)
                assert response.status_code == 200, url
        assert queries_of(client, "/letters/") > 0  # rendered again
        letter.threatens_subpoena = True
        letter.save()
        assert SUBPOENA in client.get("/letters/").content


def test_redis_stopped_after_a_page_was_kept(client, own_redis, letter):
    """Redis stops with pages kept in it: the same pages, rendered, still 200."""
    first = client.get("/letters/")
    own_redis.kill()
    again = client.get("/letters/")
    assert again.status_code == 200
    assert again.content == first.content


def test_a_staff_page_is_never_kept_nor_served_a_kept_one(
    client, staff_client, own_redis, letter
):
    """A signed-in staff member's pages (which may show drafts) are rendered for
    them: not kept for the public, and not served the public's kept copy."""
    staff_page = staff_client.get("/letters/")
    assert staff_page.status_code == 200
    assert "private" in staff_page["Cache-Control"]
    assert page_keys(own_redis) == []

    client.get("/letters/")  # the public's copy, kept
    assert len(page_keys(own_redis)) == 1
    assert queries_of(staff_client, "/letters/") > 0  # rendered for staff
    assert len(page_keys(own_redis)) == 1


def test_admin_pages_and_drafts_are_never_kept(staff_client, own_redis, letter):
    """The admin, where drafts are listed, is never kept."""
    LetterFactory(verified_at=None, jurisdiction=JurisdictionFactory(name="Draftville"))
    page = staff_client.get("/admin/correspondence/letter/")
    assert page.status_code == 200
    assert b"Draftville" in page.content
    assert page_keys(own_redis) == []


def test_exports_are_not_kept(client, own_redis, letter):
    """An export streams, however large: it gets its validators (and 304s) but is
    not kept in the cache."""
    response = client.get("/letters/export.csv")
    assert response.status_code == 200
    assert b"chicago" in b"".join(response.streaming_content)
    assert "ETag" in response
    assert page_keys(own_redis) == []


def test_errors_are_not_kept(client, own_redis, letter):
    assert client.get("/jurisdictions/no-such-place/").status_code == 404
    assert page_keys(own_redis) == []


def test_without_redis_a_process_keeps_a_page_one_period(
    client, letter, monkeypatch, django_assert_num_queries
):
    """Without DJANGO_CACHE_URL each process keeps pages in its own memory, blind to
    other processes' writes: the key moves with the period of AGGREGATE_CACHE_SECONDS
    as the ETag does, so a page is kept at most that long."""
    from sanctuary_tracker import http_cache

    assert settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")
    now = 1_900_000_000.0
    monkeypatch.setattr(http_cache.time, "time", lambda: now)
    first = client.get("/letters/")
    with django_assert_num_queries(0):
        assert client.get("/letters/")["ETag"] == first["ETag"]
    # Another process's write, which this one's version cannot see.
    Letter.objects.filter(pk=letter.pk).update(threatens_subpoena=True)
    with django_assert_num_queries(0):
        assert SUBPOENA not in client.get("/letters/").content  # kept, stale
    now += 60
    later = client.get("/letters/")
    assert later["ETag"] != first["ETag"]
    assert SUBPOENA in later.content
