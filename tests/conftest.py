import os

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission, User
from django.test import Client

from tests.redis_server import serving


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """In CI a skipped test is a failure: browser and PostgreSQL tests must run there."""
    if os.environ.get("CI", "").lower() != "true":
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if skipped:
        reporter.write_line(
            f"CI=true: {skipped} test(s) skipped; skips fail the CI run.", red=True
        )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_collection_modifyitems(
    config: pytest.Config, items: list[pytest.Item]
) -> None:
    """A test of a path only one database has (marked `sqlite_only` or
    `postgresql_only`) is left out on the other: deselected, as by -k, not skipped,
    since there is nothing there to test."""
    from django.db import connection

    other = "postgresql_only" if connection.vendor == "sqlite" else "sqlite_only"
    left_out = [item for item in items if item.get_closest_marker(other)]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = [item for item in items if item not in left_out]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--record-filter-rows",
        action="store_true",
        help="Write tests/data/filter_rows.json from this run (after a data change).",
    )


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Each test starts with an empty cache: the database is rolled back between tests
    without the signals that would invalidate cached aggregates."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import cache

    cache.clear()
    # Tests that flush the database re-create content types under new ids.
    ContentType.objects.clear_cache()


@pytest.fixture(autouse=True)
def _free_export_slots(monkeypatch) -> None:
    """Each test starts with the process's export slots free: the test client never
    closes a download whose body a test did not read, as a server would."""
    import threading

    from django.conf import settings

    from sanctuary_tracker import listing

    slots = threading.BoundedSemaphore(settings.EXPORTS_PER_PROCESS)
    monkeypatch.setattr(listing, "_export_slots", slots)


@pytest.fixture
def own_redis():
    """A redis-server of this test's own as the default cache (tests/redis_server.py)."""
    with serving() as server:
        yield server


@pytest.fixture
def staff_client() -> Client:
    """A logged-in staff member with add/change/view rights on the domain apps."""
    user = User.objects.create_user(
        "editor", password="pw-for-tests-only", is_staff=True
    )
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=settings.DOMAIN_APPS
        ).exclude(codename__startswith="delete_")
    )
    client = Client()
    client.force_login(user)
    return client
