"""The site search on the database the suite runs on (SQLite's FTS5, or PostgreSQL's
full-text search when DATABASE_URL names one): what it finds, in what order, and
what it never shows."""

import csv
import io
import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from search import index, query
from search.models import Kind, SearchEntry
from tests.factories import (
    CaseFactory,
    CitationFactory,
    DirectiveFactory,
    JurisdictionFactory,
    LetterFactory,
    RulingFactory,
    SourceFactory,
    StatementFactory,
)

pytestmark = pytest.mark.django_db
URL = "/search/"


def found(client, q: str, **params) -> list[str]:
    response = client.get(URL, {"q": q, **params})
    assert response.status_code == 200
    return [row.title for row in response.context["results"]]


def test_the_header_box_is_on_every_page_and_leads_here(client):
    page = client.get(reverse("home")).content.decode()
    assert f'action="{reverse("search:list")}"' in page
    assert 'name="q"' in page


def test_an_exact_phrase_ranks_above_the_same_words_apart(client):
    town = JurisdictionFactory(name="Placid")
    apart = LetterFactory(
        jurisdiction=town,
        subject="Trust in the county and an act of the council",
    )
    together = LetterFactory(jurisdiction=town, subject="On the Trust Act of Illinois")
    response = client.get(URL, {"q": "trust act"})
    rows = [row.object_id for row in response.context["results"]]
    assert rows == [together.pk, apart.pk]
    # As a quoted phrase only the letter that holds it side by side is found.
    response = client.get(URL, {"q": '"trust act"'})
    assert [row.object_id for row in response.context["results"]] == [together.pk]


def test_words_are_stemmed_and_a_star_finds_the_words_it_begins(client):
    LetterFactory(subject="Sanctuary policies of the county")
    assert found(client, "policy") and found(client, "policies")
    assert found(client, "sanctu*")
    assert not found(client, "sanctu")


def test_new_text_is_found_right_after_a_save_and_the_old_no_longer(client):
    letter = LetterFactory(subject="Leinenweber enjoined the conditions")
    assert len(found(client, "Leinenweber")) == 1
    letter.subject = "Manish Shah heard the case"
    letter.save()
    assert found(client, "Leinenweber") == []
    assert len(found(client, "Manish")) == 1
    letter.delete()
    assert found(client, "Manish") == []


def test_a_jurisdictions_new_name_reaches_its_letters(client):
    town = JurisdictionFactory(name="Oldtown")
    LetterFactory(jurisdiction=town)
    assert len(found(client, "Oldtown", kind="letter")) == 1
    town.name = "Newtown"
    town.save()
    assert found(client, "Oldtown") == []
    assert len(found(client, "Newtown", kind="letter")) == 1


def test_drafts_are_never_found_and_are_once_verified(client):
    LetterFactory(subject="Becerra wrote back", verified_at=None)
    draft_town = JurisdictionFactory(name="Hiddenville", verified_at=None)
    LetterFactory(jurisdiction=draft_town, subject="Becerra again")
    DirectiveFactory(title="Becerra directive", verified_at=None)
    assert found(client, "Becerra") == []
    assert found(client, "Hiddenville") == []
    # Staff's drafts are in the index, not public.
    assert SearchEntry.objects.filter(is_public=False).count() >= 4
    draft_town.verified_at = draft_town.created_at
    draft_town.save()
    assert found(client, "Becerra") == ["Document demand to Hiddenville"]


def test_a_quote_is_public_with_the_record_it_backs(client):
    source = SourceFactory(title="Report on the hearing")
    letter = LetterFactory(verified_at=None)
    CitationFactory(source=source, record=letter, quote="forty-eight hours notice")
    assert found(client, '"48 hours"') == []
    assert found(client, '"hours notice"') == []
    assert found(client, "hearing") == [], "a source cited by drafts alone"
    letter.verified_at = letter.created_at
    letter.save()
    quote = client.get(URL, {"q": '"hours notice"'}).context["results"]
    assert [(row.kind, row.url) for row in quote] == [
        (Kind.QUOTE, letter.get_absolute_url())
    ]
    hearing = client.get(URL, {"q": "hearing"}).context["results"]
    assert sorted(row.kind for row in hearing) == [Kind.QUOTE, Kind.SOURCE]


@pytest.mark.parametrize(
    "q",
    [
        '"', '""', '"unclosed phrase', "(", ")", "(sanctuary", "NEAR(a b)", "a NEAR b",
        "*", "**", "-", "--", "-sanctuary", "sanctuary -city", "a OR b", "NOT",
        "title:sanctuary", "^start", "'", "a'b", "x" * 5000, "sanctuary " * 1000,
        "a\x00b", "\x00", "<script>", "%", "_", "\\", "😀", "   ",
    ],
)  # fmt: skip
def test_hostile_queries_give_a_page_never_an_error(client, q):
    LetterFactory(subject="Sanctuary city")
    # A blank query is moved to the bare page (its clean address), and shown there.
    response = client.get(URL, {"q": q}, follow=True)
    assert response.status_code == 200
    assert client.get("/search/export.csv", {"q": q}).status_code == 200


def test_a_query_with_no_word_is_explained_on_the_page(client):
    response = client.get(URL, {"q": "* ( -"})
    assert response.status_code == 200
    assert "There is no word to search for" in response.content.decode()
    assert response.context["results"] == []


def test_a_long_query_is_cut_with_a_note(client):
    LetterFactory(subject="Sanctuary city")
    response = client.get(URL, {"q": "sanctuary " + "x" * 5000})
    assert "reads the first 500 characters" in response.content.decode()


def test_text_holding_markup_is_escaped_in_the_title_and_snippet(client):
    LetterFactory(
        subject="<script>alert('x')</script> Sanctuary <b>bold</b>",
        summary="<img src=x onerror=alert(1)> sanctuary",
    )
    page = client.get(URL, {"q": "sanctuary"}).content.decode()
    assert "<script>alert" not in page
    assert "<img src=x" not in page and "<b>bold" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<mark>Sanctuary</mark>" in page or "<mark>sanctuary</mark>" in page


def test_facets_count_the_results_and_narrow_them(client):
    chicago = JurisdictionFactory(name="Chicago", slug="chicago", state="IL")
    LetterFactory(jurisdiction=chicago, subject="Zanzibar grant conditions")
    LetterFactory(subject="Zanzibar grant conditions elsewhere")
    case = CaseFactory(caption="City of Chicago v. Sessions", subject="Zanzibar grant")
    RulingFactory(case=case, summary="Enjoined the Zanzibar grant conditions")
    response = client.get(URL, {"q": "zanzibar"})
    facets = {facet["name"]: facet for facet in response.context["facets"]}
    kinds = {option["label"]: option["count"] for option in facets["kind"]["options"]}
    assert kinds == {"Letter": 2, "Case": 1, "Ruling": 1}
    letter_link = next(
        o["href"] for o in facets["kind"]["options"] if o["label"] == "Letter"
    )
    narrowed = client.get(URL + letter_link)
    assert [row.kind for row in narrowed.context["results"]] == ["letter", "letter"]
    places = facets["jurisdiction"]["options"]
    assert ("Chicago, IL", 1) in [(o["label"], o["count"]) for o in places]
    only = client.get(URL, {"q": "zanzibar", "jurisdiction": "chicago"})
    assert [row.jurisdiction_id for row in only.context["results"]] == [chicago.pk]
    years = client.get(URL, {"q": "zanzibar", "year": "2017"}).context["results"]
    assert {row.kind for row in years} == {"case", "ruling"}
    bad = client.get(URL, {"q": "zanzibar", "year": "soon", "kind": "nonsense"})
    assert bad.status_code == 200
    assert set(bad.context["filter"].form.errors) == {"year", "kind"}


def test_results_download_as_csv_and_json_in_the_pages_order(client):
    town = JurisdictionFactory(name="Placid", slug="placid")
    LetterFactory(jurisdiction=town, subject="The Trust Act")
    LetterFactory(jurisdiction=town, subject="Trust, and then an act")
    shown = [
        row.title for row in client.get(URL, {"q": "trust act"}).context["results"]
    ]
    response = client.get("/search/export.csv", {"q": "trust act"})
    rows = list(
        csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()))
    )
    assert [row["title"] for row in rows] == shown
    assert {row["jurisdiction_slug"] for row in rows} == {"placid"}
    response = client.get("/search/export.json", {"q": "trust act", "kind": "letter"})
    data = json.loads(b"".join(response.streaming_content))
    assert [row["title"] for row in data] == shown
    assert data[0]["kind_label"] == "Letter"
    assert data[0]["url"].startswith("/letters/")


def test_a_page_of_results_reads_a_bounded_number_of_queries(
    client, django_assert_max_num_queries
):
    for n in range(60):
        LetterFactory(subject=f"Sanctuary letter {n}", summary="sanctuary " * (n % 5))
    client.get(URL, {"q": "sanctuary"})  # the cached totals aside, a cold page
    with django_assert_max_num_queries(12):
        response = client.get(URL, {"q": "sanctuary", "page": "2"})
    assert len(response.context["results"]) == 10
    assert "Showing 51–60 of 60 results" in response.content.decode()


@override_settings(PAGE_CACHE_SECONDS=0)
def test_a_ranked_page_is_kept_until_the_next_write(client):
    """The second reader of a query is not ranked again (the ranked ids are kept
    under the data version); a write ranks afresh at once, so a new best match is
    first on the next request."""
    for n in range(3):
        LetterFactory(subject=f"Letter {n}", summary="a word on sanctuary policy")
    first = client.get(URL, {"q": "sanctuary"})
    ranking = [row.pk for row in first.context["results"]]
    with CaptureQueriesContext(connection) as again:
        second = client.get(URL, {"q": "sanctuary"})
    assert [row.pk for row in second.context["results"]] == ranking
    assert not any("bm25" in q["sql"] or "ts_rank" in q["sql"] for q in again)
    best = LetterFactory(subject="Sanctuary", summary="sanctuary sanctuary")
    entry = SearchEntry.objects.get(object_id=best.pk, kind="letter")
    after = client.get(URL, {"q": "sanctuary"})
    assert after.context["results"][0].pk == entry.pk


def test_rebuild_writes_what_the_writes_wrote(client):
    town = JurisdictionFactory(name="Rebuilt")
    letter = LetterFactory(jurisdiction=town, subject="Subpoena threatened")
    StatementFactory(jurisdiction=town, quote="We will not comply")
    CitationFactory(record=letter, quote="a subpoena")

    def entries():
        return sorted(
            SearchEntry.objects.values_list(
                "content_type", "object_id", "kind", "title", "body", "dated_on",
                "jurisdiction", "campaign", "url", "is_public",
            )
        )  # fmt: skip

    before = entries()
    index.rebuild()
    assert entries() == before
    assert found(client, "comply") and found(client, "subpoena")


def test_parse_keeps_words_phrases_and_prefixes_only():
    parsed = query.parse('  "Trust Act" sanctu* NEAR( -city "" * DOJ\'s ')
    assert [(t.words, t.prefix) for t in parsed.terms] == [
        (("trust", "act"), False),
        (("sanctu",), True),
        (("near",), False),
        (("city",), False),
        (("doj", "s"), False),
    ]
    assert (
        query.fts5_expression(parsed) == '"trust act" "sanctu"* "near" "city" "doj s"'
    )
    assert query.tsquery_expression(parsed) == (
        "('trust' <-> 'act') & ('sanctu':*) & ('near') & ('city') & ('doj' <-> 's')"
    )
    assert not query.parse("* ( ) - \" '")


def test_every_kind_has_its_entries():
    letter = LetterFactory()
    ruling = RulingFactory()
    DirectiveFactory()
    CitationFactory(record=letter, quote="quoted words")
    kinds = set(SearchEntry.objects.values_list("kind", flat=True))
    assert {"jurisdiction", "letter", "case", "ruling", "directive", "campaign",
            "quote", "source"} <= kinds  # fmt: skip
    entry = SearchEntry.objects.get(
        content_type=ContentType.objects.get_for_model(ruling), object_id=ruling.pk
    )
    assert entry.url == ruling.get_absolute_url()
    assert entry.campaign_id == ruling.case.campaign_id


def test_the_bare_page_asks_for_words(client):
    """/search/ with no query (where a blank one is sent) is the empty form."""
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["results"] == []
    assert 'name="q"' in response.content.decode()
