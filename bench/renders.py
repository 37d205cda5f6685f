"""Renders pages in one process, as production settings serve them, for `make bench`'s
instruction counts (BENCH_BASELINE with valgrind installed; see bench/__main__.py).

    python bench/renders.py COUNT PATH WARM_PATH [WARM_PATH ...]

Run in a checkout (this one or a baseline's, with that checkout's Python and
environment): it clears the cache, renders each WARM_PATH WARM_RENDERS times so the
process and the cache are warm (templates compiled, URL patterns resolved, the
dashboard's totals kept), then renders PATH COUNT times, each at an address of its own
so the page cache misses. Run under callgrind with COUNT 0 and COUNT n, the
difference over n is the instructions one uncached render costs in a process that has
served a while, as a gunicorn worker in a spike has: what a process does once falls in
the warm renders, outside the difference. Unlike a time, that count barely moves with
the machine's load.

It stands alone, importing only the checkout's own project, so that a revision from
before it was written can be measured too.
"""

import os
import sys

import django

sys.path.insert(0, os.getcwd())
django.setup()

from django.core.cache import cache  # noqa: E402 (after django.setup())
from django.test import Client  # noqa: E402

WARM_RENDERS = 3


def get(client: Client, path: str) -> None:
    response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"{path}: {response.status_code}")
    if response.streaming:  # read through, as a server writes it out
        for _ in response:
            pass


def fresh(path: str, query: str) -> str:
    """`path` at an address the page cache has not seen."""
    return path + ("&" if "?" in path else "?") + query


def main() -> None:
    count, path, warm = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
    cache.clear()
    client = Client()
    for number in range(WARM_RENDERS):
        for warmed in warm:
            get(client, fresh(warmed, f"warm={number}"))
    for number in range(count):
        get(client, fresh(path, f"render={number}"))


main()
