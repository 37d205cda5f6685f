"""Production settings, login lockout, escaping and hostile query strings."""

import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grants.models import FigureKind
from tests.factories import (
    AwardFigureFactory,
    CaseFactory,
    CitationFactory,
    DesignationFactory,
    DirectiveFactory,
    JurisdictionFactory,
    LetterFactory,
    ListingFactory,
    ReportedFigureFactory,
    ReviewRoundFactory,
    RulingEffectFactory,
    RulingFactory,
    SourceFactory,
    StatementFactory,
    add_parties,
)

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = "<script>alert(1)</script>"


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT, env=clean | env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_check_deploy_passes_with_production_settings():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING",
        DJANGO_SECRET_KEY="a-long-random-production-secret-" + "x7Q!" * 10,
        DJANGO_ALLOWED_HOSTS="tracker.example.org",
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_postgresql_connections_run_without_jit_compilation():
    """A status filter's query ran in 3 ms after 1.6 s of PostgreSQL compiling it."""
    code = "from django.conf import settings; print(settings.DATABASES['default'])"
    postgresql = manage(
        "shell", "-c", code, DJANGO_DEBUG="1",
        DATABASE_URL="postgres://tracker@db.example.org:5432/tracker",
    )  # fmt: skip
    assert postgresql.returncode == 0, postgresql.stderr
    assert "'OPTIONS': {'options': '-c jit=off'}" in postgresql.stdout
    # Options the address gives are kept.
    schema = manage(
        "shell", "-c", code, DJANGO_DEBUG="1",
        DATABASE_URL="postgres://tracker@db.example.org:5432/tracker?currentSchema=s",
    )  # fmt: skip
    assert "'options': '-c search_path=s -c jit=off'" in schema.stdout
    sqlite = manage("shell", "-c", code, DJANGO_DEBUG="1", DATABASE_URL="sqlite:///x")
    assert sqlite.returncode == 0, sqlite.stderr
    assert "sqlite3" in sqlite.stdout
    assert "jit" not in sqlite.stdout


@pytest.mark.postgresql_only
@pytest.mark.django_db
def test_the_database_connection_has_jit_off():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)


def test_development_key_is_flagged_by_check_deploy():
    result = manage("check", "--deploy", "--fail-level", "WARNING", DJANGO_DEBUG="1")
    assert result.returncode != 0


@pytest.mark.django_db
def test_security_headers_on_public_pages(client):
    response = client.get(reverse("home"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_admin_login_locks_out_after_repeated_failures():
    User.objects.create_superuser("staff", "staff@example.org", "right-password-1")
    client = Client()
    url = reverse("admin:login")
    for _ in range(4):
        response = client.post(url, {"username": "staff", "password": "wrong"})
        assert response.status_code == 200
    fifth = client.post(url, {"username": "staff", "password": "wrong"})
    assert fifth.status_code == 429
    locked = client.post(url, {"username": "staff", "password": "right-password-1"})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    other = Client()
    assert (
        other.post(
            url,
            {"username": "staff", "password": "right-password-1", "next": "/admin/"},
            REMOTE_ADDR="10.0.0.2",
        ).status_code
        == 302
    )


@pytest.fixture
def hostile_records(db):
    """Records whose every text field holds a script tag, as a careless entry might."""
    source = SourceFactory(title=SCRIPT, publisher=SCRIPT, url="https://example.org/x")
    place = JurisdictionFactory(name=f"Town {SCRIPT}", slug="town", listed_name=SCRIPT)
    CitationFactory(record=place, source=source, quote=SCRIPT)
    review_round = ReviewRoundFactory(name=SCRIPT, slug="2018-01-24")
    letter = LetterFactory(jurisdiction=place, round=review_round, summary=SCRIPT,
                           signer=SCRIPT, demanded=SCRIPT, threatens_subpoena=True)  # fmt: skip
    CitationFactory(record=letter, source=source, quote=SCRIPT)
    StatementFactory(jurisdiction=place, speaker=SCRIPT, quote=SCRIPT)
    AwardFigureFactory(award__recipient=place, note=SCRIPT, as_reported=SCRIPT)
    AwardFigureFactory(award__recipient=place, award__fiscal_year=2017,
                       kind=FigureKind.ALLOCATION, note=SCRIPT)  # fmt: skip
    ReportedFigureFactory(scope=SCRIPT, round=review_round, note=SCRIPT)
    case = CaseFactory(caption=SCRIPT, slug="case", judge=SCRIPT, subject=SCRIPT)
    add_parties(case, place)
    ruling = RulingFactory(case=case, summary=SCRIPT)
    designation = DesignationFactory(title=SCRIPT, slug="list", criteria=SCRIPT,
                                     count_note=SCRIPT, summary=SCRIPT)  # fmt: skip
    ListingFactory(designation=designation, jurisdiction=place, name_as_printed=SCRIPT,
                   removed_on=date(2025, 9, 1), removal_note=SCRIPT)  # fmt: skip
    ListingFactory(designation=designation, jurisdiction=None)
    directive = DirectiveFactory(title=SCRIPT, slug="directive", issuer=SCRIPT,
                                 number=SCRIPT, citation=SCRIPT, summary=SCRIPT)  # fmt: skip
    CitationFactory(record=directive, source=source, quote=SCRIPT)
    RulingEffectFactory(ruling=ruling, directive=directive, note=SCRIPT)
    return place, letter, case


PUBLIC_PATHS = [
    "/", "/jurisdictions/", "/jurisdictions/town/", "/letters/", "/awards/", "/cases/",
    "/cases/case/", "/data/", "/feeds/changes.atom", "/jurisdictions/town/feed.atom",
    "/jurisdictions/export.csv", "/letters/export.json", "/lists/", "/lists/list/",
    "/lists/export.csv", "/directives/", "/directives/directive/",
    "/campaigns/sanctuary-campaign-2025/",
]  # fmt: skip


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_staff_entered_script_renders_inert(client, hostile_records, path):
    if path == "/letters/export.json":
        path = f"/letters/{hostile_records[1].pk}/"
    response = client.get(path)
    assert response.status_code == 200
    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    ).decode()
    if path.endswith((".csv", ".json")):
        return
    assert SCRIPT not in body
    assert "&lt;script&gt;" in body


LIST_URLS = [
    "/jurisdictions/",
    "/letters/",
    "/awards/",
    "/cases/",
    "/lists/",
    "/directives/",
]
EXPORT_URLS = [f"{url}export.csv" for url in LIST_URLS] + ["/letters/export.json"]
OTHER_URLS = [
    "/",
    "/jurisdictions/town/",
    "/cases/case/",
    "/lists/list/",
    "/directives/directive/",
    "/data/",
    "/feeds/changes.atom",
]
KEYS = [
    "q", "state", "kind", "status", "round", "subpoena_threatened", "in_litigation",
    "reviewed", "fiscal_year", "jag_min", "jag_max", "sort", "page", "direction",
    "jurisdiction", "sent_after", "sent_before", "due_after", "due_before", "overdue",
    "answered", "amount_min", "amount_max", "qualifier", "court", "ruling_kind",
    "filed_after", "filed_before", "excel", "campaign", "listed", "designation",
    "category", "tracked", "issued_year",
]  # fmt: skip
NASTY = [
    "' OR 1=1 --", "1; DROP TABLE jurisdictions_jurisdiction", "99999999999999999999999",
    "-1", "0", "1e309", "NaN", "-Infinity", "2018-13-45", "0000-01-01", "9999-12-31",
    "\x00", "%00", "☃", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "a" * 5000, "<script>", "name,name", "-",
    "true", "false", "unknown", "CA", "ca",
]  # fmt: skip
values = st.one_of(st.sampled_from(NASTY), st.text(max_size=200))
pairs = st.lists(
    st.tuples(st.one_of(st.sampled_from(KEYS), st.text(max_size=20)), values),
    max_size=6,
)


@pytest.mark.django_db
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(url=st.sampled_from(LIST_URLS + EXPORT_URLS + OTHER_URLS), query=pairs)
def test_hostile_query_strings_never_cause_a_server_error(
    client, hostile_records, url, query
):
    response = client.get(f"{url}?{urlencode(query)}")
    assert response.status_code < 500
    if response.streaming:
        b"".join(response.streaming_content)


@pytest.mark.django_db
@pytest.mark.parametrize("url", LIST_URLS)
@pytest.mark.parametrize(
    ("key", "value"),
    [("fiscal_year", "abc"), ("sort", "nope"), ("state", "ZZ"), ("sent_after", "2018-13-45"),
     ("amount_min", "1e309"), ("round", "\x00"), ("designation", "\x00"),
     ("category", "town")],
)  # fmt: skip
def test_bad_values_are_reported_by_the_filter(
    client, hostile_records, url, key, value
):
    response = client.get(url, {key: value})
    assert response.status_code == 200
    form = response.context["filter"].form
    if key in form.fields:
        assert key in form.errors
