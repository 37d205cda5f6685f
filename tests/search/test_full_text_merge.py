"""SQLite: a rebuild leaves the FTS5 index merged (search/index.py)."""

import pytest
from django.db import connection

from search import index
from tests.factories import LetterFactory

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_only]


def fts5_pages() -> list[tuple[int, bytes]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, block FROM search_fts_data ORDER BY id")
        return cursor.fetchall()


def merged_again() -> list[tuple[int, bytes]]:
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
    return fts5_pages()


def test_a_rebuild_leaves_the_full_text_index_in_one_merged_segment():
    for n in range(30):
        letter = LetterFactory(subject=f"Letter {n}", summary="sanctuary policy")
        letter.summary = "sanctuary policy, amended"
        letter.save()
    written_row_by_row = fts5_pages()
    assert merged_again() != written_row_by_row  # the writes left segments apart

    index.rebuild()
    rebuilt = fts5_pages()
    assert merged_again() == rebuilt
