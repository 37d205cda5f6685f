"""Long downloads cannot take every thread: past the process's limit an export
answers 429 "try again shortly", and a slot is free again when a download ends or
its reader leaves."""

import gc
import threading

import pytest
from django.urls import reverse

from sanctuary_tracker import listing
from tests.factories import LetterFactory

pytestmark = pytest.mark.django_db
EXPORT = reverse("correspondence:export", args=["csv"])


@pytest.fixture
def one_slot(monkeypatch):
    monkeypatch.setattr(listing, "_export_slots", threading.BoundedSemaphore(1))


def test_a_second_download_at_once_is_told_to_retry(client, one_slot):
    LetterFactory()
    first = client.get(EXPORT)
    assert first.status_code == 200
    busy = client.get(EXPORT)
    assert busy.status_code == 429
    assert busy["Retry-After"] == "30"
    assert busy["Cache-Control"] == "no-store"
    assert "Too many downloads at once" in busy.content.decode()
    # A page is never refused.
    assert client.get(reverse("correspondence:list")).status_code == 200
    # The first download read to its end frees its slot.
    assert b"".join(first.streaming_content)
    assert client.get(EXPORT).status_code == 200


def test_a_reader_who_leaves_frees_the_slot(client, one_slot):
    LetterFactory()
    left = client.get(EXPORT)
    next(iter(left.streaming_content))  # the header row, then the reader goes
    left.close()
    again = client.get(EXPORT, {"kind": "document_demand"})
    assert again.status_code == 200
    again.close()
    assert client.get(EXPORT).status_code == 200


def test_a_bad_format_holds_no_slot(client, one_slot):
    assert client.get(reverse("correspondence:export", args=["xml"])).status_code == 404
    assert client.get(EXPORT).status_code == 200


def test_a_download_dropped_unsent_frees_its_slot(client, one_slot):
    # A 503 put in place of an export (the database down) drops the export unsent.
    LetterFactory()
    dropped = client.get(EXPORT)
    assert client.get(EXPORT).status_code == 429
    del dropped
    gc.collect()
    assert client.get(EXPORT).status_code == 200
