"""A list's word box (`q`) reads the site search's index: what it finds of a kind is
what the site search finds of that kind, with its stemming, phrases and prefixes, in
the list's own order; nothing typed fails the list."""

import csv
import io
from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import override_settings
from django.urls import reverse

from correspondence.models import Letter
from search.models import SearchEntry, entry_id, id_range
from search.query import ListIndex
from tests.factories import (
    AwardFactory,
    AwardFigureFactory,
    CaseFactory,
    DirectiveFactory,
    JurisdictionFactory,
    LetterFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]

# Each list, the kind of record its rows are in the site search, and the rows' field
# the search's results give back (SearchEntry.object_id).
LISTS = {
    "letters": (reverse("correspondence:list"), "letter"),
    "awards": (reverse("grants:list"), "figure"),
    "cases": (reverse("litigation:list"), "case"),
    "directives": (reverse("directives:list"), "directive"),
}
QUERIES = [
    "Leinenweber",
    "policies",  # stemmed: finds "policy" too
    "sanctu*",
    '"trust act"',
    "trust act",
    "Placid",
    "nowhere-to-be-found",
]


@pytest.fixture
def no_page_cache():
    with override_settings(PAGE_CACHE_SECONDS=0):
        yield


@pytest.fixture
def records():
    town = JurisdictionFactory(name="Placid", slug="placid")
    LetterFactory(jurisdiction=town, subject="On the Trust Act of Illinois")
    LetterFactory(
        jurisdiction=town, subject="Trust in the county and an act of the council"
    )
    LetterFactory(subject="Judge Leinenweber's injunction", sent_on=date(2018, 1, 25))
    LetterFactory(subject="A sanctuary policy, described")
    award = AwardFactory(recipient=town, award_number="2016-DJ-BX-0999")
    AwardFigureFactory(award=award, note="Withheld under the sanctuary policies")
    CaseFactory(caption="Placid v. Sessions", judge="Harry Leinenweber")
    CaseFactory(caption="Elsewhere v. Barr", subject="The Trust Act's conditions")
    DirectiveFactory(title="Sanctuary Jurisdiction Directives", summary="Policies")


def listed(client, url: str, q: str) -> list[int]:
    response = client.get(url, {"q": q})
    assert response.status_code == 200
    return [row.pk for row in response.context["object_list"]]


def searched(client, kind: str, q: str) -> set[int]:
    response = client.get(reverse("search:list"), {"q": q, "kind": kind})
    assert response.status_code == 200
    return {entry.object_id for entry in response.context["results"]}


@pytest.mark.parametrize("name", LISTS)
@pytest.mark.parametrize("q", QUERIES)
def test_a_lists_box_finds_what_the_site_search_finds_of_its_kind(
    client, records, name, q
):
    url, kind = LISTS[name]
    assert set(listed(client, url, q)) == searched(client, kind, q)


@pytest.mark.parametrize("name", LISTS)
def test_words_held_by_many_find_the_same_rows_in_the_same_order(
    client, records, monkeypatch, name
):
    """The two ways a list reads its box's matches (looked up, or tested on each row
    it walks) give the same page."""
    url, _ = LISTS[name]
    for q in QUERIES:
        few = listed(client, url, q)
        monkeypatch.setattr(ListIndex, "MANY", 0)
        assert listed(client, url, q) == few, q
        monkeypatch.setattr(ListIndex, "MANY", 1000)


def test_the_letters_box_stems_matches_phrases_and_prefixes(client, records):
    url = LISTS["letters"][0]

    def subjects(q):
        response = client.get(url, {"q": q})
        return sorted(row.subject for row in response.context["object_list"])

    assert subjects('"trust act"') == ["On the Trust Act of Illinois"]
    assert subjects("trust act") == [
        "On the Trust Act of Illinois",
        "Trust in the county and an act of the council",
    ]
    assert subjects("policies") == ["A sanctuary policy, described"]
    assert subjects("sanctu*") == ["A sanctuary policy, described"]
    assert subjects("sanctu") == []
    # The jurisdiction's name is in a letter's words, as it was in the old box.
    assert len(subjects("placid")) == 2


def test_the_box_keeps_the_lists_own_order(client, records):
    url = LISTS["letters"][0]
    plain = [row.pk for row in client.get(url).context["object_list"]]
    found = listed(client, url, "trust act")
    assert found == [pk for pk in plain if pk in found]
    newest = listed(client, url + "?sort=-sent", "trust act")
    assert newest == [
        pk
        for pk in [
            row.pk for row in client.get(url + "?sort=-sent").context["object_list"]
        ]
        if pk in found
    ]


def test_a_saved_change_is_found_at_once_and_the_old_words_are_not(client):
    letter = LetterFactory(subject="Leinenweber enjoined the conditions")
    url = LISTS["letters"][0]
    assert listed(client, url, "Leinenweber") == [letter.pk]
    letter.subject = "Manish Shah heard the case"
    letter.save()
    assert listed(client, url, "Leinenweber") == []
    assert listed(client, url, "Manish") == [letter.pk]


@pytest.mark.parametrize("name", LISTS)
@pytest.mark.parametrize(
    "q", ['"', "(", ")", "NEAR", "*", "-", "AND OR NOT", "a" * 5000, "x\x00y", "'; --"]
)
def test_nothing_typed_in_a_box_fails_its_list(client, records, name, q):
    url, _ = LISTS[name]
    response = client.get(url, {"q": q})
    assert response.status_code == 200
    assert client.get(url + "export.csv", {"q": q}).status_code == 200


@pytest.mark.parametrize("name", LISTS)
def test_a_box_with_no_word_is_a_form_error_and_the_other_filters_still_apply(
    client, records, name
):
    url, _ = LISTS[name]
    response = client.get(url, {"q": "* - ("})
    assert response.status_code == 200
    assert "There is no word to search for" in response.content.decode()
    assert "q" in response.context["filter"].form.errors
    # The box is dropped, not the list: every row is still shown.
    every = client.get(url).context["paginator"].count
    assert response.context["paginator"].count == every


def test_the_export_holds_the_rows_the_box_found(client, records):
    url = LISTS["letters"][0]
    response = client.get(url + "export.csv", {"q": "trust act"})
    rows = list(
        csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()))
    )
    assert sorted(row["subject"] for row in rows) == [
        "On the Trust Act of Illinois",
        "Trust in the county and an act of the council",
    ]


def test_a_docket_is_found_by_its_parts_on_either_database(client):
    """Words are what `query.parse` reads on both databases: PostgreSQL's own parser
    would keep "-05720" of "1:17-cv-05720" as one signed number."""
    case = CaseFactory(
        caption="City of Chicago v. Sessions", docket_number="1:17-cv-05720"
    )
    assert listed(client, LISTS["cases"][0], "17-cv-05720") == [case.pk]
    assert listed(client, LISTS["cases"][0], "05720") == [case.pk]
    assert searched(client, "case", "17-cv-05720") == {case.pk}


def test_an_entry_id_is_its_records_content_type_then_its_id():
    letter = LetterFactory(subject="Kept by kind")
    entry = SearchEntry.objects.get(object_id=letter.pk, kind="letter")
    content_type = ContentType.objects.get_for_model(Letter)
    assert entry.pk == entry_id(content_type.pk, letter.pk)
    first, last = id_range(content_type.pk)
    assert first <= entry.pk <= last
    assert entry.pk - first == letter.pk
    for other in SearchEntry.objects.exclude(content_type=content_type):
        assert not first <= other.pk <= last


@pytest.mark.sqlite_only
@pytest.mark.parametrize("many", [False, True])
def test_sqlite_reads_the_box_from_its_kinds_rows(client, records, monkeypatch, many):
    """The box's subquery reads FTS5 by the kind's range of rows, with no join to the
    entries. Words held by few records: the list looks them up. By many: the list
    walks its own index testing each row, with no sort."""
    monkeypatch.setattr(ListIndex, "MANY", 1 if many else 1000)
    LetterFactory(subject="Another sanctuary letter")
    listed = client.get(LISTS["letters"][0], {"q": "sanctuary"})
    page = listed.context["filter"].qs.values_list("pk", flat=True)[:50]
    sql = str(page.query)
    assert 'FROM "search_fts"' in sql and "search_searchentry" not in sql, sql
    assert '"rowid" >= ' in sql and '"rowid" <= ' in sql, sql
    walked = '+"correspondence_letter"."id" IN (SELECT' in sql
    assert walked == many, sql
    if many:
        plan = page.explain()
        assert "letter_sent_id_idx" in plan and "TEMP B-TREE" not in plan, plan
    assert len(list(page)) == 2
