"""`make bench`: page times and query counts at two sizes, the letters' CSV download
at 1,000 and 1,000,000 rows, and a list page while four readers download 1,000,000
rows at once, against gunicorn. Prints the tables.

The download is timed as a reader makes it: an HTTP client asks the server for
/letters/export.csv (the list's own order, no filters) and streams the body to
nowhere. Beside it, the database's own CSV of the same rows in the same order
(sqlite3 -csv, or psql's COPY), and the server process's memory before and after.

Databases are SQLite files under .bench/ (kept between runs; delete the folder to
rebuild). With BENCH_POSTGRES set to a PostgreSQL server's address
(postgres://postgres@127.0.0.1:5432, no database name), they are databases
tracker_bench_small, _large, _thousand and _million there instead (kept too; drop them
to rebuild), as in production, and the download is compared with PostgreSQL's COPY.
Set BENCH_REQUESTS to change how many requests each page gets, BENCH_EXPORT_ONLY=1
to time the CSV download alone, BENCH_THROUGHPUT_ONLY=1 for the requests/s alone, and
BENCH_SWEEP_ONLY=1 for the large size's other filters and sorts and its site search
alone (that database is the only one built).

Requests/s: wrk (apt-get install wrk) with BENCH_CONNECTIONS (16) connections for
BENCH_SECONDS (5) per row, against gunicorn as production runs it (the project's own
settings, 2 workers x 4 threads, static files collected, a Redis of the bench's own
as the cache), on the real data: each page rendered afresh (every request a new
address, so the page cache misses), from a warm page cache, and a 304 to its own
ETag, beside a static file from the same server. wrk keeps its connections open, and
one gunicorn worker can take nearly all of them, halving the rate at random: a run in
which one worker did under half the other's work is made again (three times at most,
and the table says so). Without wrk that table is skipped
with a message and the rest is printed. With BENCH_BASELINE set to a git revision (a
tag, a commit), that revision is checked out beside the project (under .bench/, with
its own database of its own real data, built by its own code) and served the same way,
and each page's rendered rate there is measured in turn with this one's, three times
(the median of each side), so "no slower than then" is read off one machine at one time;
beside the rates, the CPU time the workers of each spent per request in those runs,
which a machine that slows under the run (another tenant's load) moves far less.
With valgrind installed (apt-get install valgrind), the baseline also gets a table of
the instructions one uncached render of each of those pages costs, now and then: one
process (bench/renders.py) renders a page BENCH_RENDERS (10) times under callgrind,
less a run that renders none, both after a few renders of each page that warm the
process. Unlike a rate or a CPU time, that count barely moves from one run to the
next, so it reads "no slower than then" without the machine's noise.
BENCH_INSTRUCTIONS_ONLY=1 (with BENCH_BASELINE) prints that table alone.

The two sizes are served at once and asked in turn, a request each, and the download
and the database's dump are run in turn too: a machine's speed drifts, and timed one
after the other the two sides of a ratio would meet different machines.
"""

from __future__ import annotations

import http.client
import json
import os
import secrets
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / ".bench"
PYTHON = sys.executable
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "20"))
PAGE_TIMEOUT = int(os.environ.get("BENCH_PAGE_TIMEOUT", "120"))
LARGE = {"jurisdictions": 20000, "awards": 300000, "letters": 200000, "rulings": 5000}
EXPORT_ONLY = os.environ.get("BENCH_EXPORT_ONLY") == "1"
THROUGHPUT_ONLY = os.environ.get("BENCH_THROUGHPUT_ONLY") == "1"
SWEEP_ONLY = os.environ.get("BENCH_SWEEP_ONLY") == "1"
INSTRUCTIONS_ONLY = os.environ.get("BENCH_INSTRUCTIONS_ONLY") == "1"
RENDERS = int(os.environ.get("BENCH_RENDERS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
BASELINE = os.environ.get("BENCH_BASELINE", "")
BASELINE_PAIRS = 3
UNBALANCED_RETRIES = 3
# The letters' download at two sizes, of databases alike but for their letters.
THOUSAND = {"jurisdictions": 1000, "awards": 1000, "letters": 1000, "rulings": 10}
MILLION = {"jurisdictions": 1000, "awards": 1000, "letters": 1_000_000, "rulings": 10}
# The database's own CSV dump of the same rows and columns as the letters export, in
# the same order: the published letters of published jurisdictions, the same joins,
# the "answered" test and the source addresses of each letter (the kind's label
# aside, which only the application knows), newest first as the list shows them
# (LetterListView's order, not the model's Meta.ordering, which the view replaces).
POSTGRES = os.environ.get("BENCH_POSTGRES", "").rstrip("/")
DATABASE_KIND = "PostgreSQL" if POSTGRES else "SQLite"
LETTERS_SQL = """
SELECT l.id, l.sent_on, l.date_precision, j.slug, j.name, j.state, l.direction, l.kind,
  l.kind, r.slug, l.signer, l.signer_title, l.office, l.addressee, l.subject,
  l.threatens_subpoena, l.finding, l.due_on,
  CASE WHEN l.direction = 'to_jurisdiction' THEN EXISTS(
    SELECT 1 FROM correspondence_letter x
    JOIN jurisdictions_jurisdiction xj ON xj.id = x.jurisdiction_id
    WHERE x.in_reply_to_id = l.id AND x.direction = 'from_jurisdiction'
      AND x.verified_at IS NOT NULL AND xj.verified_at IS NOT NULL) END,
  l.in_reply_to_id, l.demanded, l.summary, l.document_url, '/letters/' || l.id || '/',
  (SELECT group_concat(s.url, ' ') FROM sanctuary_tracker_citation c
   JOIN sanctuary_tracker_source s ON s.id = c.source_id
   WHERE c.content_type_id = (SELECT id FROM django_content_type
     WHERE app_label = 'correspondence' AND model = 'letter') AND c.object_id = l.id)
FROM correspondence_letter l
JOIN jurisdictions_jurisdiction j ON j.id = l.jurisdiction_id
LEFT JOIN correspondence_reviewround r ON r.id = l.round_id
WHERE l.verified_at IS NOT NULL AND j.verified_at IS NOT NULL
ORDER BY l.sent_on DESC, l.id DESC
"""
LETTERS_COUNT = """
SELECT count(*) FROM correspondence_letter l
JOIN jurisdictions_jurisdiction j ON j.id = l.jurisdiction_id
WHERE l.verified_at IS NOT NULL AND j.verified_at IS NOT NULL
"""
DOWNLOAD = "/letters/export.csv"
if POSTGRES:  # the same, in PostgreSQL's words
    LETTERS_SQL = LETTERS_SQL.replace(
        "group_concat(s.url, ' ')", "string_agg(s.url, ' ' ORDER BY c.id)"
    )


class Database:
    """A bench database: a file under .bench/, or one on the BENCH_POSTGRES server."""

    def __init__(self, name: str) -> None:
        self.name = name
        if POSTGRES:
            self.url = f"{POSTGRES}/tracker_bench_{name}"
        else:
            self.path = WORK / f"{name}.sqlite3"
            self.url = f"sqlite:///{self.path}"

    def exists(self) -> bool:
        if POSTGRES:
            return bool(_server("SELECT 1 FROM pg_database WHERE datname = %s",
                                f"tracker_bench_{self.name}"))  # fmt: skip
        return self.path.exists()

    def partial(self) -> Database:
        """Where it is built, so a build cut short is never taken for a database."""
        partial = Database(f"{self.name}_partial")
        if POSTGRES:
            _server(f"DROP DATABASE IF EXISTS tracker_bench_{partial.name}")
            _server(f"CREATE DATABASE tracker_bench_{partial.name}")
        else:
            partial.path.unlink(missing_ok=True)
        return partial

    def take(self, partial: Database) -> None:
        if POSTGRES:
            _server(f"ALTER DATABASE tracker_bench_{partial.name} "
                    f"RENAME TO tracker_bench_{self.name}")  # fmt: skip
        else:
            partial.path.rename(self.path)

    def first_row(self, sql: str) -> tuple:
        if POSTGRES:
            import psycopg2

            db = psycopg2.connect(self.url)
            try:
                with db.cursor() as cursor:
                    cursor.execute(sql)
                    return cursor.fetchone()
            finally:
                db.close()
        with sqlite3.connect(self.path) as db:
            return db.execute(sql).fetchone()

    def analyze(self) -> None:
        """The planner's statistics, for new indexes too."""
        if POSTGRES:
            import psycopg2

            db = psycopg2.connect(self.url)
            db.autocommit = True  # VACUUM runs outside a transaction
            try:
                with db.cursor() as cursor:
                    # The statistics, and the visibility map for reads from indexes alone.
                    cursor.execute("VACUUM ANALYZE")
            finally:
                db.close()
        else:
            with sqlite3.connect(self.path) as db:
                db.execute("ANALYZE")

    def dump(self, sql: str) -> str:
        """The database's own CSV of a query's rows, thrown away; how it was made."""
        if POSTGRES:  # psql comes with PostgreSQL
            subprocess.run(["psql", "-X", "-q", self.url, "-c",
                            f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)"],
                           check=True, stdout=subprocess.DEVNULL)  # fmt: skip
            return "PostgreSQL COPY"
        if shutil.which("sqlite3"):
            subprocess.run(["sqlite3", "-csv", str(self.path), sql], check=True,
                           stdout=subprocess.DEVNULL)  # fmt: skip
            return "sqlite3 -csv"
        import csv

        with sqlite3.connect(self.path) as db, open(os.devnull, "w") as out:
            csv.writer(out).writerows(db.execute(sql))
        return "python sqlite3 + csv (no sqlite3 CLI)"


def _server(sql: str, *params: object) -> list[tuple]:
    """A statement on the PostgreSQL server's maintenance database."""
    import psycopg2

    db = psycopg2.connect(f"{POSTGRES}/postgres")
    db.autocommit = True  # CREATE and DROP DATABASE run outside a transaction
    try:
        with db.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall() if cursor.description else []
    finally:
        db.close()


def environment(database: Database) -> dict[str, str]:
    return os.environ | {
        "DATABASE_URL": database.url,
        # Each server its own cache in memory: two sizes served at once must not read
        # each other's totals from one Redis.
        "DJANGO_CACHE_URL": "",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(40),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_STATIC_MANIFEST": "0",
        # The project's settings with the timing middleware and the synthetic data
        # command: production never loads either.
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_LOG_LEVEL": "WARNING",
        # Page times measure rendering; the page cache is measured in the requests/s
        # table.
        "DJANGO_PAGE_CACHE_SECONDS": "0",
        # The bench fetches pages, not their static files, so collects none.
        "PYTHONWARNINGS": "ignore:No directory at",
    }


def python_of(project: Path) -> str:
    """This checkout's Python, or a baseline's own (its .venv, with its packages)."""
    return PYTHON if project == ROOT else str(project / ".venv" / "bin" / "python")


def manage(database: Database, *args: str, project: Path = ROOT) -> None:
    env = environment(database)
    if project != ROOT:  # a baseline: its own settings (it may have no bench package)
        env["DJANGO_SETTINGS_MODULE"] = "sanctuary_tracker.settings"
    subprocess.run([python_of(project), "manage.py", *args], cwd=project, env=env,
                   check=True, stdout=subprocess.DEVNULL)  # fmt: skip


def build(name: str, setup: list[list[str]], project: Path = ROOT) -> Database:
    """A bench database of `project`'s code (this checkout, or a baseline's)."""
    database = Database(name)
    if not database.exists():
        print(f"building the {name} database ...", flush=True)
        partial = database.partial()
        manage(partial, "migrate", "--noinput", project=project)
        for args in setup:
            manage(partial, *args, project=project)
        database.take(partial)
    # A kept database gets new indexes too.
    manage(database, "migrate", "--noinput", project=project)
    database.analyze()  # ... and the planner's statistics for them
    return database


def synthetic(sizes: dict[str, int]) -> list[str]:
    return ["generate_synthetic", *[f"--{k}={v}" for k, v in sizes.items()]]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def started(server: subprocess.Popen, port: int) -> str:
    """The base address of a gunicorn just launched on `port`, once it answers."""
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{base}/data/datapackage.json", timeout=5)
            return base
        except OSError:
            time.sleep(0.2)
    server.terminate()
    server.wait()
    raise SystemExit("gunicorn did not start")


def serve(database: Database) -> tuple[subprocess.Popen, str]:
    port = free_port()
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "sanctuary_tracker.wsgi", "--bind", f"127.0.0.1:{port}",
         # Threaded workers: the main thread keeps beating, so a long CSV download is
         # not killed by gunicorn's worker timeout as a sync worker's would be.
         # One process, so its cache is warm after the first request (the requests
         # come one at a time anyway).
         "--workers", "1", "--worker-class", "gthread", "--threads", "4",
         "--timeout", str(PAGE_TIMEOUT + 30), "--log-level", "warning"],
        cwd=ROOT, env=environment(database),
    )  # fmt: skip
    return server, started(server, port)


TIMED_OUT = (float("inf"), "timeout", "-")


def fetch(base: str, path: str) -> tuple[float, str, str]:
    """One request: server time in ms (the whole download for an export), queries,
    and the rows a list page shows ("-" for other pages; a page of the real data often
    shows fewer rows than the large one's 50, which the ratio then includes). A page
    slower than BENCH_PAGE_TIMEOUT seconds is reported as such, not waited for."""
    started = time.perf_counter()
    try:
        response = urllib.request.urlopen(base + path, timeout=PAGE_TIMEOUT)
        kept = []  # a page's body (an export's is only counted through)
        with response:
            while chunk := response.read(1 << 16):
                if "export" not in path:
                    kept.append(chunk)
        body = b"".join(kept)
    except (OSError, http.client.HTTPException):
        # Too slow, or the worker was stopped mid-stream by gunicorn's timeout.
        return TIMED_OUT
    rows = "-"
    if b'<table class="results">' in body:
        tbody = body.split(b"<tbody>", 1)[-1].split(b"</tbody>", 1)[0]
        rows = str(tbody.count(b"<tr"))
    wall = (time.perf_counter() - started) * 1000
    if "export" in path:  # its queries run after the middleware has counted
        return wall, "-", rows
    header = response.headers.get("Server-Timing", "")
    server = float(header.split("dur=")[1]) if "dur=" in header else wall
    return server, response.headers.get("X-Query-Count", "?"), rows


def summary(samples: list[tuple[float, str, str]]) -> tuple[float, float, str, str]:
    """p50 and p95 of the samples' times, with the last one's queries and rows."""
    if any(sample == TIMED_OUT for sample in samples):
        return float("inf"), float("inf"), "timeout", "-"
    times = sorted(sample[0] for sample in samples)
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    _, queries, rows = samples[-1]
    return statistics.median(times), p95, queries, rows


def alternating(
    targets: dict[str, tuple[str, str]], repeat: int
) -> dict[str, tuple[tuple, tuple]]:
    """For each size, (base, path): the summary of `repeat` requests, and the first
    request's (which fills the caches), timed apart. The servers are asked in turn, a
    request each, so a slow spell of the machine touches every size alike rather
    than the one being timed during it."""
    first = {label: fetch(base, path) for label, (base, path) in targets.items()}
    samples: dict[str, list] = {label: [] for label in targets}
    for _ in range(repeat):
        for label, (base, path) in targets.items():
            # A size that timed out once is not asked again.
            if TIMED_OUT not in (first[label], *samples[label]):
                samples[label].append(fetch(base, path))
    return {
        label: (summary(samples[label] or [first[label]]), summary([first[label]]))
        for label in targets
    }


# A list filtered, sorted or counted by status, in either campaign (no campaign named:
# the first), compared with the unfiltered first page at the large size.
STATUS_PAGES = [
    ("jurisdictions by status", "/jurisdictions/?sort=status"),
    ("jurisdictions by status, desc", "/jurisdictions/?sort=-status"),
    ("jurisdictions, one status", "/jurisdictions/?status=review_ended"),
    ("2nd campaign, by status", "/jurisdictions/?campaign={second}&sort=status"),
    ("2nd campaign, one status",
     "/jurisdictions/?campaign={second}&status=documents_demanded"),
]  # fmt: skip


# The site search for a word in every synthetic record, a word in one record, and a
# phrase, compared with the letters' list at the large size (the real data, which
# holds none of these words, shows the page of no results beside it).
SEARCH_PAGES = [
    ("search, common word", "/search/?q=synthetic"),
    ("search, rare word", "/search/?q=199999"),
    ("search, phrase", "/search/?q=%22synthetic+letter%22"),
]


def pages(status_slug: str, second: str) -> list[tuple[str, str]]:
    listed = [
        ("dashboard", "/"),
        ("jurisdictions", "/jurisdictions/"),
        ("jurisdictions, filtered", "/jurisdictions/?state=CA&kind=city"),
        ("jurisdictions, last page", "/jurisdictions/?page=999999"),
        *STATUS_PAGES,
        ("letters", "/letters/"),
        ("letters, filtered", "/letters/?kind=response&state=CA"),
        ("letters, last page", "/letters/?page=999999"),
        ("awards", "/awards/"),
        ("awards, filtered", "/awards/?fiscal_year=2016&amount_min=100000"),
        ("awards, last page", "/awards/?page=999999"),
        ("cases", "/cases/"),
        ("cases, last page", "/cases/?page=999999"),
        ("status page", f"/jurisdictions/{status_slug}/"),
        *SEARCH_PAGES,
        ("jurisdictions.csv", "/jurisdictions/export.csv"),
        ("letters.csv", "/letters/export.csv"),
        ("awards.csv", "/awards/export.csv"),
        ("cases.csv", "/cases/export.csv"),
    ]
    return [(name, path.format(second=second)) for name, path in listed]


def sweep(jurisdiction: str, review_round: str) -> list[str]:
    """Each list's other filters and sorts, timed at the large size only: the targets'
    pages above try one filter and one order of each list, and a filter or sort the
    indexes do not serve shows here."""
    return [
        f"/letters/?round={review_round}", "/letters/?state=CA",
        "/letters/?kind=document_demand", "/letters/?direction=from_jurisdiction",
        f"/letters/?jurisdiction={jurisdiction}", "/letters/?overdue=true",
        "/letters/?answered=false", "/letters/?sent_after=2018-01-01&sent_before=2018-02-01",
        "/letters/?q=synthetic", "/letters/?q=199999", "/letters/?sort=jurisdiction",
        "/letters/?sort=-due", "/letters/?sort=kind", "/letters/?sort=round",
        "/awards/?state=CA", f"/awards/?jurisdiction={jurisdiction}",
        "/awards/?kind=allocation", "/awards/?fiscal_year=2017",
        "/awards/?amount_min=500000", "/awards/?qualifier=approximate",
        "/awards/?sort=-amount", "/awards/?sort=fiscal_year", "/awards/?sort=date",
        "/jurisdictions/?status=responded", "/jurisdictions/?state=TX",
        "/jurisdictions/?kind=county", f"/jurisdictions/?round={review_round}",
        "/jurisdictions/?reviewed=true", "/jurisdictions/?subpoena_threatened=true",
        "/jurisdictions/?in_litigation=true", "/jurisdictions/?fiscal_year=2017",
        "/jurisdictions/?sort=-state", "/jurisdictions/?sort=status",
        f"/cases/?jurisdiction={jurisdiction}", "/cases/?state=CA",
        "/cases/?sort=-filed", "/cases/?sort=ruling", "/cases/?status=for_jurisdiction",
    ]  # fmt: skip


def second_campaign(database: Database) -> str:
    """The slug of the later campaign (the real data's of 2025, the synthetic second)."""
    (slug,) = database.first_row(
        "SELECT slug FROM campaigns_campaign ORDER BY started_on DESC, id DESC LIMIT 1"
    )
    return slug


def first_round(database: Database) -> str:
    (slug,) = database.first_row(
        "SELECT slug FROM correspondence_reviewround ORDER BY id LIMIT 1"
    )
    return slug


def plaintiff(database: Database) -> str:
    """A synthetic jurisdiction with every kind of record (letters, a statement, awards
    and a share of a joint one, a lawsuit and rulings), as Chicago has in the real data."""
    (slug,) = database.first_row(
        "SELECT j.slug FROM litigation_party p JOIN jurisdictions_jurisdiction j"
        " ON j.id = p.jurisdiction_id WHERE p.side = 'plaintiff' ORDER BY p.case_id LIMIT 1"
    )
    return slug


def repeats(rows: int) -> int:
    """A short download is timed several times (the median counts): one takes ~20 ms."""
    return 5 if rows < 100_000 else 1


def download(base: str, path: str) -> tuple[float, int]:
    """Seconds and bytes of one download as a reader's client makes it: the request,
    and the body read as it streams in and thrown away."""
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=PAGE_TIMEOUT)
    buffer = bytearray(1 << 20)
    size = 0
    started = time.perf_counter()
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        if response.status != 200:
            raise SystemExit(f"{path}: {response.status} {response.reason}")
        while read := response.readinto(buffer):
            size += read
        return time.perf_counter() - started, size
    finally:
        connection.close()


def download_status(base: str, path: str) -> int:
    """One download read to its end, as `download` does; its status (429: refused)."""
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=PAGE_TIMEOUT)
    buffer = bytearray(1 << 20)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        while response.readinto(buffer):
            pass
        return response.status
    finally:
        connection.close()


def pages_beside_downloads(database: Database, page: str = "/letters/") -> tuple:
    """A list page's p50/p95 idle, then while four readers download every letter at
    once (1,000,000 rows), and how many of the four were served or told to retry."""
    server, base = serve(database)
    try:
        fetch(base, page)  # fills the caches
        idle = summary([fetch(base, page) for _ in range(REQUESTS)])
        statuses: list[int] = []
        readers = [
            threading.Thread(
                target=lambda: statuses.append(download_status(base, DOWNLOAD))
            )
            for _ in range(4)
        ]
        for reader in readers:
            reader.start()
        time.sleep(0.5)  # the downloads are under way
        busy = summary([fetch(base, page) for _ in range(REQUESTS)])
        for reader in readers:
            reader.join()
        return idle, busy, statuses.count(200), statuses.count(429)
    finally:
        server.terminate()
        server.wait()


def print_pages_beside_downloads(result: tuple) -> None:
    (i50, i95, _, _), (b50, b95, _, _), served, refused = result
    ratio = b95 / i95 if i95 else float("nan")
    flag = "" if ratio <= 3 else "  over target"
    print(f"{'/letters/ beside 4 downloads of 1,000,000 rows':48} {'p50/p95 ms':>18}")
    print(f"{'idle':48} {i50:8.1f} / {i95:7.1f}")
    print(
        f"{'while 4 download (served ' + str(served) + ', told to retry ' + str(refused) + ')':48} "
        f"{b50:8.1f} / {b95:7.1f}   p95 x{ratio:.2f}{flag}"
    )
    print(
        "(one gunicorn worker of 4 threads; DJANGO_EXPORTS_PER_PROCESS downloads stream "
        "at once, a further one is answered 429; target: p95 within 3x of idle)"
    )


def worker_memory(server: subprocess.Popen) -> tuple[float, float]:
    """The resident memory (MB) of the server's one worker now, and its peak so far
    (VmRSS, VmHWM)."""
    task = Path(f"/proc/{server.pid}/task/{server.pid}/children")
    (worker,) = task.read_text().split()
    status = Path(f"/proc/{worker}/status").read_text().splitlines()
    kb = {line.split(":")[0]: int(line.split()[1]) for line in status if ":" in line
          and line.startswith("Vm")}  # fmt: skip
    return kb["VmRSS"] / 1024, kb["VmHWM"] / 1024


def database_dump(database: Database, rows: int) -> tuple[float, str]:
    """Seconds of the database's own CSV dump of the same rows in the same order."""
    times = []
    for _ in range(repeats(rows)):
        started = time.perf_counter()
        how = database.dump(LETTERS_SQL)
        times.append(time.perf_counter() - started)
    return statistics.median(times), how


def downloads(databases: dict[str, Database]) -> list[tuple]:
    """For each database: its letters, the download's and the dump's rows per second,
    and its worker's memory before the download (after one export of a few rows, as a
    running server has served: the first export of a process also loads code) and its
    growth by the end. The sizes are served at once and timed in turn, three times,
    the medians compared."""
    servers = {label: serve(database) for label, database in databases.items()}
    try:
        counts, before = {}, {}
        for label, database in databases.items():
            (counts[label],) = database.first_row(LETTERS_COUNT)
            (slug,) = database.first_row(
                "SELECT slug FROM jurisdictions_jurisdiction ORDER BY id LIMIT 1"
            )
            _, base = servers[label]
            download(base, f"{DOWNLOAD}?jurisdiction={slug}")
            before[label] = worker_memory(servers[label][0])
        timed = {label: ([], []) for label in databases}
        for _ in range(3):
            for label, database in databases.items():
                _, base = servers[label]
                rows = counts[label]
                seconds = [download(base, DOWNLOAD)[0] for _ in range(repeats(rows))]
                dump, how = database_dump(database, rows)
                timed[label][0].append(rows / statistics.median(seconds))
                timed[label][1].append(rows / dump)
        results = []
        for label, (speeds, dumps) in timed.items():
            rss, peak = before[label]
            _, after = worker_memory(servers[label][0])
            results.append((counts[label], statistics.median(speeds),
                            statistics.median(dumps), how, rss, after - peak))  # fmt: skip
            print(f"CSV download of {counts[label]:,} letters: "
                  f"{statistics.median(speeds):.0f} rows/s, database dump "
                  f"{statistics.median(dumps):.0f} rows/s ({how}), worker memory "
                  f"{rss:.1f} MB, growth {after - peak:.1f} MB", flush=True)  # fmt: skip
        return results
    finally:
        for server, _ in servers.values():
            server.terminate()
            server.wait()


# wrk's script for a page rendered afresh: each request a new address (a query
# parameter no view reads), so the page cache always misses. The addresses carry the
# run's own token (wrk's argument after --): a later run of the same page, or the run
# after its warm-up, would otherwise ask the addresses the earlier one had kept.
FRESH_ADDRESSES = """
local counter = 0
local threads = 0
thread_id = 0
run = ""
function setup(thread)
  thread:set("thread_id", threads)
  threads = threads + 1
end
function init(args)
  run = args[1]
end
request = function()
  counter = counter + 1
  local sep = string.find(wrk.path, "?", 1, true) and "&" or "?"
  return wrk.format(
    "GET", wrk.path .. sep .. "bench=" .. run .. "-" .. thread_id .. "-" .. counter
  )
end
"""


def own_redis() -> tuple[subprocess.Popen | None, str]:
    """A redis-server of the bench's own on a free port, keeping nothing on disk, and
    its address; without redis-server, None and "" (each process's memory then)."""
    binary = shutil.which("redis-server")
    if binary is None:
        return None, ""
    port = free_port()
    server = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no"], stdout=subprocess.DEVNULL,
    )  # fmt: skip
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server, f"redis://127.0.0.1:{port}/0"
        except OSError:
            time.sleep(0.05)
    server.kill()
    return None, ""


def baseline_checkout(revision: str) -> tuple[str, Path]:
    """The short commit of `revision` and a checkout of it under .bench/ (kept)."""
    commit = subprocess.run(
        ["git", "rev-parse", "--short=12", f"{revision}^{{commit}}"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    folder = WORK / f"baseline-{commit}"
    if not folder.exists():
        subprocess.run(["git", "worktree", "add", "--detach", str(folder), commit],
                       cwd=ROOT, check=True, capture_output=True)  # fmt: skip
    # Its own .venv, as its README builds it: this checkout's editable install would
    # lend it this release's modules.
    subprocess.run(["make", "-C", str(folder), ".venv/.installed"], check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip
    return commit, folder


def baseline() -> tuple[str, Path, Database]:
    """BENCH_BASELINE's short commit, its checkout and its own real data."""
    commit, folder = baseline_checkout(BASELINE)
    return commit, folder, build(f"baseline_{commit}", [["load_review_data"]], folder)


def rated_pages(status_slug: str) -> list[tuple[str, str]]:
    """The pages of the requests/s table (and of the instruction counts)."""
    return [
        ("dashboard", "/"),
        ("list: /jurisdictions/", "/jurisdictions/"),
        ("filtered: /letters/?kind=document_demand", "/letters/?kind=document_demand"),
        ("status page", f"/jurisdictions/{status_slug}/"),
    ]


def serve_production(
    database: Database, cache_url: str, project: Path = ROOT
) -> tuple[subprocess.Popen, str]:
    """gunicorn as deployed: the project's own settings (no timing middleware), 2
    workers of 4 threads, static files collected under hashed names."""
    env = environment(database) | {
        "DJANGO_SETTINGS_MODULE": "sanctuary_tracker.settings",
        "DJANGO_CACHE_URL": cache_url,
        "DJANGO_STATIC_MANIFEST": "1",
    }
    # The page cache as the project sets it (the page-timing servers turn it off).
    env.pop("DJANGO_PAGE_CACHE_SECONDS")
    if "DJANGO_PAGE_CACHE_SECONDS" in os.environ:
        env["DJANGO_PAGE_CACHE_SECONDS"] = os.environ["DJANGO_PAGE_CACHE_SECONDS"]
    subprocess.run([python_of(project), "manage.py", "collectstatic", "--noinput",
                    "-v0"], cwd=project, env=env, check=True)  # fmt: skip
    port = free_port()
    server = subprocess.Popen(
        [python_of(project), "-m", "gunicorn", "sanctuary_tracker.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", "2", "--worker-class", "gthread", "--threads", "4",
         "--log-level", "warning"], cwd=project, env=env,
    )  # fmt: skip
    return server, started(server, port)


def workers_cpu(server: subprocess.Popen) -> dict[str, float]:
    """The user and system CPU seconds each of the gunicorn `server`'s workers has
    used, by process id, from /proc."""
    used = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # a process that ended meanwhile
            continue
        if int(fields[1]) == server.pid:
            ticks = int(fields[11]) + int(fields[12])
            used[stat.parent.name] = ticks / os.sysconf("SC_CLK_TCK")
    return used


def one_worker_took_most(used: dict[str, float]) -> bool:
    """Whether one worker did most of a run's work: wrk opens its connections at once
    and keeps them, and a gthread worker that wakes first may take nearly all of them,
    so one core serves the run while the other idles (the rate halves, at random)."""
    return len(used) > 1 and min(used.values()) < 0.5 * max(used.values())


def wrk(
    base: str,
    path: str,
    *,
    fresh: bool = False,
    etag: str = "",
    server: subprocess.Popen | None = None,
) -> tuple:
    """Requests/s of wrk on one address, how many answers were errors (status over
    399) or not the expected kind (a 304 run's 200s), the p50, and with `server`:
    its workers' CPU milliseconds per request of the run (what a render costs,
    whatever share of the machine the server got meanwhile), how many runs were made
    again because one worker took most of the connections (UNBALANCED_RETRIES at
    most), and whether the run counted was still so."""
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency"]
    script = None
    if fresh:
        script = WORK / "fresh.lua"
        script.write_text(FRESH_ADDRESSES)
        command += ["-s", str(script)]
    if etag:
        command += ["-H", f"If-None-Match: {etag}"]
    # One second of the same requests first, not counted: the server finishes what the
    # row before left in flight (16 slow renders) and warms to this row's path.
    warm_up = [arg if not arg.startswith("-d") else "-d1s" for arg in command]
    subprocess.run([*warm_up, base + path, "--", secrets.token_hex(4)],
                   capture_output=True, check=True)  # fmt: skip
    repeated = -1
    while repeated < UNBALANCED_RETRIES:
        repeated += 1
        before = workers_cpu(server) if server else {}
        output = subprocess.run([*command, base + path, "--", secrets.token_hex(4)],
                                capture_output=True, text=True, check=True).stdout  # fmt: skip
        after = workers_cpu(server) if server else {}
        used = {pid: after[pid] - before.get(pid, 0.0) for pid in after}
        if not one_worker_took_most(used):
            break
    rate = float(output.split("Requests/sec:")[1].split()[0])
    answered = int(output.split(" requests in ")[0].split()[-1])
    errors = 0
    if "Non-2xx or 3xx responses:" in output:
        errors = int(output.split("Non-2xx or 3xx responses:")[1].split()[0])
    distribution = output.split("Latency Distribution", 1)[-1].splitlines()
    p50 = next((line.split()[1] for line in distribution
                if line.strip().startswith("50%")), "?")  # fmt: skip
    cpu = sum(used.values()) * 1000 / answered if server and answered else float("nan")
    return rate, errors, p50, cpu, repeated, one_worker_took_most(used)


def against_baseline(
    now: tuple[subprocess.Popen, str], then: tuple[subprocess.Popen, str], path: str
) -> tuple[tuple, tuple]:
    """A page rendered afresh here and at the baseline (each a (server, base)), in
    turn, BASELINE_PAIRS times (a machine's speed drifts within seconds): each side's
    median run."""
    pairs = [
        (
            wrk(now[1], path, fresh=True, server=now[0]),
            wrk(then[1], path, fresh=True, server=then[0]),
        )
        for _ in range(BASELINE_PAIRS)
    ]
    now, before = zip(*pairs, strict=True)
    return median_run(now), median_run(before)


def median_run(runs: tuple) -> tuple:
    return sorted(runs, key=lambda run: run[0])[len(runs) // 2]


def throughput(database: Database, status_slug: str) -> list[tuple] | None:
    """Requests/s per page: rendered afresh, from the warm page cache, and a 304,
    beside a static file's; None without wrk."""
    if shutil.which("wrk") is None:
        return None
    redis_server, cache_url = own_redis()
    server, base = serve_production(database, cache_url)
    then = None
    if BASELINE:
        _, folder, built = baseline()
        # Its own Redis database: the two releases' keys must not meet.
        then = serve_production(
            built, cache_url[:-1] + "1" if cache_url else "", folder
        )
    try:
        manifest = json.loads((ROOT / "staticfiles" / "staticfiles.json").read_text())
        css = "/static/" + manifest["paths"]["css/site.css"]
        rows = [
            (
                "static file (" + css.rsplit("/", 1)[-1] + ")",
                wrk(base, css, server=server),
                None,
                None,
                None,
            )
        ]
        for name, path in rated_pages(status_slug):
            fresh = wrk(base, path, fresh=True, server=server)
            before = against_baseline((server, base), then, path) if then else None
            urllib.request.urlopen(base + path).read()  # kept in the page cache
            warm = wrk(base, path, server=server)
            etag = urllib.request.urlopen(base + path).headers["ETag"]
            revalidated = wrk(base, path, etag=etag, server=server)
            rows.append((name, fresh, warm, revalidated, before))
        rows.append(
            ("static file, again", wrk(base, css, server=server), None, None, None)
        )
        return rows
    finally:
        for running in (server, then[0] if then else None):
            if running is not None:
                running.terminate()
                running.wait()
        if redis_server is not None:
            redis_server.kill()
            redis_server.wait()


def print_throughput(rows: list[tuple] | None, cache_url_kind: str) -> None:
    if rows is None:
        print("requests/s: skipped, wrk is not installed (apt-get install wrk, or brew "
              "install wrk; https://github.com/wg/wrk)")  # fmt: skip
        return
    static = statistics.mean([rows[0][1][0], rows[-1][1][0]])
    print(f"{'requests/s, real data (' + DATABASE_KIND + ')':44} {'rendered':>9} "
          f"{'cached':>9} {'x static':>8} {'304':>9} {'x static':>8}  p50 ms r/c/304")  # fmt: skip
    for name, fresh, warm, revalidated, _ in rows:
        if warm is None:
            notes = ([f"{fresh[1]} errors"] if fresh[1] else []) + balance_flags(
                [fresh]
            )
            print(f"{name:44} {fresh[0]:9.0f}{'':>37}  {fresh[2]}  {'; '.join(notes)}")
            continue
        cached_x, revalidated_x = warm[0] / static, revalidated[0] / static
        flags = []
        if cached_x < 0.25:
            flags.append("cached under target")
        if revalidated_x < 0.40:
            flags.append("304 under target")
        errors = sum(result[1] for result in (fresh, warm, revalidated))
        if errors:
            flags.append(f"{errors} errors")
        flags += balance_flags((fresh, warm, revalidated))
        print(f"{name:44} {fresh[0]:9.0f} {warm[0]:9.0f} {cached_x:8.2f} "
              f"{revalidated[0]:9.0f} {revalidated_x:8.2f}  "
              f"{fresh[2]}/{warm[2]}/{revalidated[2]}  {'; '.join(flags)}")  # fmt: skip
    print(f"(wrk, {CONNECTIONS} connections, {SECONDS} s a row, against gunicorn with "
          f"production settings, 2 workers x 4 threads, cache: {cache_url_kind}; "
          "rendered: every request a new address, so the page cache misses; cached: the "
          "page cache warm; 304: If-None-Match with the page's ETag; x static: against "
          "the static file's mean rate; targets: cached 0.25, 304 0.40; a run in which "
          "one gunicorn worker did under half the other's work is made again, "
          f"{UNBALANCED_RETRIES} times at most: 'repeated' says how often, 'one worker' "
          "that the run counted was still so)")  # fmt: skip
    if any(row[4] for row in rows):
        print_baseline(rows)


def balance_flags(runs) -> list[str]:
    """What a row says of its runs' balance between the workers (see `wrk`)."""
    flags = []
    if repeated := sum(run[4] for run in runs):
        flags.append(f"repeated {repeated}")
    if any(run[5] for run in runs):
        flags.append("one worker")
    return flags


def print_baseline(rows: list[tuple]) -> None:
    """Each page rendered afresh here and at BENCH_BASELINE, measured one after the
    other. Target: no slower than then (a ratio of at least 1.00)."""
    print()
    print(f"{'rendered requests/s, against ' + BASELINE:44} {'now':>9} {'then':>9} "
          f"{'now/then':>9}  {'CPU ms/request now/then':>24}  p50 ms now/then")  # fmt: skip
    for name, _, _, _, pair in rows:
        if pair is None:
            continue
        fresh, before = pair
        ratio = fresh[0] / before[0] if before[0] else float("nan")
        flag = "  slower than then" if ratio < 1 else ""
        errors = fresh[1] + before[1]
        if errors:
            flag += f"  {errors} errors"
        if notes := balance_flags([fresh]) + [
            f"then {n}" for n in balance_flags([before])
        ]:
            flag += "  " + "; ".join(notes)
        cpu = f"{fresh[3]:.1f} / {before[3]:.1f}"
        print(f"{name:44} {fresh[0]:9.0f} {before[0]:9.0f} {ratio:9.2f}  {cpu:>24}  "
              f"{fresh[2]}/{before[2]}{flag}")  # fmt: skip
    print(
        f"(then: {BASELINE} checked out under .bench/, its own real data, served "
        f"the same way; each page measured in turn with this release's, "
        f"{BASELINE_PAIRS} times, the median run of each side; CPU ms/request: the "
        "gunicorn workers' user and system time over that run's requests, the database "
        "server's not counted)"
    )


def instructions(
    database: Database,
    project: Path,
    cache_url: str,
    count: int,
    path: str,
    warm: list[str],
) -> int:
    """The instructions callgrind counts in bench/renders.py rendering `path` `count`
    times in `project` (this checkout or the baseline's), after renders of each of
    `warm` that warm the process and the cache; production settings, and `cache_url`
    as the cache."""
    env = environment(database) | {
        "DJANGO_SETTINGS_MODULE": "sanctuary_tracker.settings",
        "DJANGO_CACHE_URL": cache_url,
        "DJANGO_ALLOWED_HOSTS": "testserver",  # the test client's host
        "PYTHONHASHSEED": "0",  # the same dictionaries' layout in every run
    }
    env.pop("DJANGO_PAGE_CACHE_SECONDS")  # the page cache as the project sets it
    result = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
         python_of(project), str(ROOT / "bench" / "renders.py"), str(count), path,
         *warm],
        cwd=project, env=env, capture_output=True, text=True,
    )  # fmt: skip
    collected = [line for line in result.stderr.splitlines() if "Collected" in line]
    if result.returncode or not collected:
        raise SystemExit(f"renders.py under callgrind failed:\n{result.stderr[-2000:]}")
    return int(collected[-1].split()[-1])


def instruction_counts(
    small: Database, status_slug: str
) -> list[tuple[str, float, float]] | None:
    """Instructions one uncached render of each of the requests/s table's pages costs
    here and at BENCH_BASELINE, on the real data: (page, now, then); None without
    valgrind. The runs are made one at a time, each clearing the bench's Redis as it
    starts."""
    if shutil.which("valgrind") is None:
        return None
    redis_server, cache_url = own_redis()
    _, folder, built = baseline()
    pages = rated_pages(status_slug)
    warm = [path for _, path in pages]
    runs = [
        (side, path, count)
        for side in ("now", "then")
        for path, count in [("/", 0)] + [(path, RENDERS) for path in warm]
    ]

    def counted(side: str, path: str, count: int) -> int:
        database, project = (small, ROOT) if side == "now" else (built, folder)
        return instructions(database, project, cache_url, count, path, warm)

    try:
        counts = {run: counted(*run) for run in runs}
    finally:
        if redis_server is not None:
            redis_server.kill()
            redis_server.wait()
    per_render = {
        (side, path): (counts[(side, path, RENDERS)] - counts[(side, "/", 0)]) / RENDERS
        for side, path, count in runs
        if count
    }
    return [
        (name, per_render[("now", path)], per_render[("then", path)])
        for name, path in pages
    ]


def print_instructions(rows: list[tuple[str, float, float]] | None) -> None:
    if rows is None:
        print("instructions a render: skipped, valgrind is not installed (apt-get "
              "install valgrind)")  # fmt: skip
        return
    print(f"{'instructions a render, against ' + BASELINE + ' (' + DATABASE_KIND + ')':54} "
          f"{'now':>8} {'then':>8} {'now/then':>9}")  # fmt: skip
    for name, now, then in rows:
        ratio = now / then
        flag = "  more than then" if ratio > 1 else ""
        print(f"{name:54} {now / 1e6:7.1f}M {then / 1e6:7.1f}M {ratio:9.3f}{flag}")
    database_part = (
        "SQLite runs in the process, so its work is counted"
        if not POSTGRES
        else "PostgreSQL's server is not counted, only the application's side of it"
    )
    print(f"(callgrind's instruction count of one process rendering each page "
          f"{RENDERS} time{'s' * (RENDERS != 1)} at new addresses, less the same process "
          "rendering none, over "
          f"{RENDERS}, both after renders of every page that warm it (renders.py's "
          "WARM_RENDERS), one run at a time; "
          "production settings, the page cache on and a redis-server of the bench's own "
          f"as the cache, the test client in place of gunicorn; {database_part})")  # fmt: skip


def swept_pages(large: Database) -> tuple[list[tuple[str, tuple]], dict, dict]:
    """The sweep's pages at the large size, on a server of their own, and the site
    search beside the letters' list (its results and first requests, as `main`'s)."""
    server, base = serve(large)
    try:
        swept = [
            (path, alternating({"large": (base, path)}, 5)["large"][0])
            for path in sweep(plaintiff(large), first_round(large))
        ]
        results, first = {}, {}
        for name, path in [("letters", "/letters/"), *SEARCH_PAGES]:
            steady, cold = alternating({"large": (base, path)}, REQUESTS)["large"]
            results[name], first[name] = {"large": steady}, {"large": cold[0]}
        return swept, results, first
    finally:
        server.terminate()
        server.wait()


def print_sweep(swept: list[tuple[str, tuple]]) -> None:
    print(
        f"{'other filters and sorts, large size':60} {'p50/p95 ms':>18} {'q':>4} rows"
    )
    for path, (p50, p95, queries, rows) in swept:
        slow = "  slow" if p50 > 100 else ""
        print(f"{path:60} {p50:8.1f} / {p95:7.1f} {queries:>4} {rows:>4}{slow}")
    print("(p50/p95 of 5 requests after one that fills the caches; slow: over 100 ms)")


def main() -> None:
    WORK.mkdir(exist_ok=True)
    if INSTRUCTIONS_ONLY and not BASELINE:
        raise SystemExit("BENCH_INSTRUCTIONS_ONLY=1 counts against a revision: set "
                         "BENCH_BASELINE too")  # fmt: skip
    if SWEEP_ONLY:
        swept, results, first = swept_pages(build("large", [synthetic(LARGE)]))
        print_sweep(swept)
        print()
        print_search_pages(results, first)
        return
    small = build("small", [["load_review_data"]])
    redis_kind = (
        "its own redis-server"
        if shutil.which("redis-server")
        else "memory of each process (no redis-server)"
    )
    counts = None
    if BASELINE and not EXPORT_ONLY:
        counts = instruction_counts(small, "chicago")
    if INSTRUCTIONS_ONLY:
        print_instructions(counts)
        return
    rates = None if EXPORT_ONLY else throughput(small, "chicago")
    if THROUGHPUT_ONLY:
        print_throughput(rates, redis_kind)
        if BASELINE:
            print()
            print_instructions(counts)
        return
    thousand = build("thousand", [synthetic(THOUSAND)])
    million = build("million", [synthetic(MILLION)])
    export_rows = downloads({"thousand": thousand, "million": million})
    beside = pages_beside_downloads(million)
    if EXPORT_ONLY:
        print_downloads(export_rows)
        print()
        print_pages_beside_downloads(beside)
        return
    large = build("large", [synthetic(LARGE)])
    results: dict[str, dict[str, tuple]] = {}
    first: dict[str, dict[str, float]] = {}
    swept: list[tuple[str, tuple]] = []
    sizes = {"real data": (small, "chicago"), "large": (large, plaintiff(large))}
    servers: dict[str, tuple[subprocess.Popen, str]] = {}
    try:
        for label, (database, _) in sizes.items():
            servers[label] = serve(database)
        listed = {
            label: pages(slug, second_campaign(database))
            for label, (database, slug) in sizes.items()
        }
        for index, (name, _) in enumerate(listed["large"]):
            targets = {
                label: (base, listed[label][index][1])
                for label, (_, base) in servers.items()
            }
            repeat = 3 if name.endswith(".csv") else REQUESTS
            for label, (timed, cold) in alternating(targets, repeat).items():
                if name == "dashboard":  # the first request computes the aggregates
                    results.setdefault("dashboard, cache empty", {})[label] = cold
                results.setdefault(name, {})[label] = timed
                # The first request also fills the caches (the dashboard's aggregates,
                # each list's total): its time is shown beside the steady state.
                first.setdefault(name, {})[label] = cold[0]
        _, base = servers["large"]
        for path in sweep(sizes["large"][1], first_round(large)):
            ((timed, _),) = alternating({"large": (base, path)}, 5).values()
            swept.append((path, timed))
    finally:
        for server, _ in servers.values():
            server.terminate()
            server.wait()
    print()
    print(
        f"{'page':28} {'real data p50/p95 ms':>22} {'q':>4} {'rows':>4} {'first':>7}   "
        f"{'large p50/p95 ms':>18} {'q':>4} {'rows':>4} {'first':>7}  ratio"
    )
    for name, by_size in results.items():
        (s50, s95, sq, sr), (l50, l95, lq, lr) = by_size["real data"], by_size["large"]
        s1, l1 = (
            first.get(name, {}).get("real data", s50),
            first.get(name, {}).get("large", l50),
        )
        ratio = l50 / s50 if s50 else float("nan")
        # The target (1.5x, same queries) is for list and status pages.
        targeted = not (name.endswith(".csv") or name.startswith("dashboard"))
        flag = "  over target" if targeted and (ratio > 1.5 or sq != lq) else ""
        print(
            f"{name:28} {s50:10.1f} / {s95:8.1f} {sq:>4} {sr:>4} {s1:7.1f}   "
            f"{l50:8.1f} / {l95:8.1f} {lq:>4} {lr:>4} {l1:7.1f}  {ratio:5.2f}{flag}"
        )
    print("(first: the first request of each page, which fills the caches; p50/p95 of "
          f"the {REQUESTS} after it; rows: the rows a list page shows)")  # fmt: skip
    print()
    print_status_pages(results, first)
    print()
    print_search_pages(results, first)
    print()
    print_sweep(swept)
    print()
    print_downloads(export_rows)
    print()
    print_pages_beside_downloads(beside)
    print()
    print_throughput(rates, redis_kind)
    if BASELINE:
        print()
        print_instructions(counts)


def print_status_pages(results: dict, first: dict) -> None:
    """At the large size, each list by status against the unfiltered first page: the
    first request (empty caches, as after a write) and the steady state, and queries.
    Target: within 1.5x, at the same query count."""
    (b50, _, bq, _) = results["jurisdictions"]["large"]
    b1 = first["jurisdictions"]["large"]
    print(f"{'by status, large size':30} {'first ms':>9} {'x':>5} {'p50 ms':>8} "
          f"{'x':>5} {'q':>4} (unfiltered: first {b1:.1f}, p50 {b50:.1f}, q {bq})")  # fmt: skip
    for name, _ in STATUS_PAGES:
        (l50, _, lq, _) = results[name]["large"]
        l1 = first[name]["large"]
        x1, x50 = l1 / b1 if b1 else float("nan"), l50 / b50 if b50 else float("nan")
        flag = "  over target" if max(x1, x50) > 1.5 or lq != bq else ""
        print(f"{name:30} {l1:9.1f} {x1:5.2f} {l50:8.1f} {x50:5.2f} {lq:>4}{flag}")


def print_search_pages(results: dict, first: dict) -> None:
    """At the large size, the site search against the letters' list (its first page):
    the first request (empty caches) and the steady state. Target: p50 within 1.5x."""
    (b50, _, bq, _) = results["letters"]["large"]
    b1 = first["letters"]["large"]
    print(f"{'site search, large size':30} {'first ms':>9} {'x':>5} {'p50 ms':>8} "
          f"{'x':>5} {'q':>4} (/letters/: first {b1:.1f}, p50 {b50:.1f}, q {bq})")  # fmt: skip
    for name, _ in SEARCH_PAGES:
        (l50, _, lq, _) = results[name]["large"]
        l1 = first[name]["large"]
        x1, x50 = l1 / b1 if b1 else float("nan"), l50 / b50 if b50 else float("nan")
        flag = "  over target" if x50 > 1.5 else ""
        print(f"{name:30} {l1:9.1f} {x1:5.2f} {l50:8.1f} {x50:5.2f} {lq:>4}{flag}")


def print_downloads(export_rows: list[tuple]) -> None:
    print(f"{'CSV download (letters)':28} {'rows/s':>10} {'database CSV rows/s':>21} "
          f"{'ratio':>6} {'worker MB':>10} {'growth MB':>10}")  # fmt: skip
    growth = {}
    for rows, speed, dump, how, rss, grown in export_rows:
        growth[rows] = grown
        flag = "  under target" if speed / dump < 0.5 else ""
        print(f"{rows:>28,} {speed:10.0f} {dump:21.0f} {speed / dump:6.2f} {rss:10.1f} "
              f"{grown:10.1f}  ({how}){flag}")  # fmt: skip
    (few, many) = sorted(growth)
    grown = growth[many] - growth[few]
    verdict = "flat" if grown <= 50 else "NOT flat"
    print("(the download of /letters/export.csv through gunicorn, the list's order, "
          "read by http.client, against the database's CSV of the same rows in the "
          "same order; target ratio 0.5. worker MB: the gunicorn worker's resident "
          "memory before; growth: its peak after, over its peak before)")  # fmt: skip
    print(f"memory growth from {few:,} to {many:,} rows: {grown:.1f} MB "
          f"({verdict}; target 50 MB)")  # fmt: skip


if __name__ == "__main__":
    main()
