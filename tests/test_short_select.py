"""The jurisdiction filter: a select while jurisdictions are few, a slug box when many."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sanctuary_tracker.listing import ShortSelect
from tests.factories import JurisdictionFactory, LetterFactory

pytestmark = pytest.mark.django_db


def _queries(client, path: str, query: dict) -> tuple[str, int]:
    cache.clear()  # each request counts its list's total afresh
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, query)
    assert response.status_code == 200
    return response.content.decode(), len(captured)


@pytest.mark.parametrize("path", ["/letters/", "/awards/", "/cases/"])
def test_many_jurisdictions_become_a_slug_box_with_the_same_queries(
    client, monkeypatch, path
):
    for index in range(4):
        JurisdictionFactory(slug=f"place-{index}", name=f"Place {index}")
    few_html, few_queries = _queries(client, path, {})
    assert '<select name="jurisdiction"' in few_html
    assert few_html.count('value="place-') == 4
    assert '<option value="place-2">Place 2, ' in few_html  # "name, state"
    picked, _ = _queries(client, path, {"jurisdiction": "place-2"})
    assert '<option value="place-2" selected>Place 2, ' in picked

    monkeypatch.setattr(ShortSelect, "limit", 3)
    many_html, many_queries = _queries(client, path, {})
    assert '<select name="jurisdiction"' not in many_html
    assert 'type="text" name="jurisdiction"' in many_html
    assert 'value="place-' not in many_html
    assert many_queries == few_queries
    chosen, _ = _queries(client, path, {"jurisdiction": "place-2"})
    assert 'type="text" name="jurisdiction" value="place-2"' in chosen


def test_a_slug_in_the_box_filters_and_an_unknown_one_is_a_form_error(
    client, monkeypatch
):
    monkeypatch.setattr(ShortSelect, "limit", 1)
    kept = LetterFactory(jurisdiction=JurisdictionFactory(slug="kept", name="Kept"))
    LetterFactory(jurisdiction=JurisdictionFactory(slug="other", name="Other"))
    response = client.get("/letters/", {"jurisdiction": " Kept "})  # as typed
    assert [letter.pk for letter in response.context["object_list"]] == [kept.pk]
    bad = client.get("/letters/", {"jurisdiction": "nowhere"})
    assert bad.status_code == 200
    assert "No jurisdiction has the slug &#x27;nowhere&#x27;." in bad.content.decode()
    assert len(bad.context["object_list"]) == 2  # the bad value is left out
