"""The comparison page (/compare/), its downloads, and the money-over-time charts."""

import csv
import io
import json
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from grants.models import FigureKind, Qualifier
from jurisdictions.models import Jurisdiction
from review.models import JurisdictionStatus
from review.status import status_label
from tests.factories import (
    AwardFigureFactory,
    CaseFactory,
    JurisdictionFactory,
    LetterFactory,
    ListingFactory,
    ResponseFactory,
    ReviewRoundFactory,
    RulingFactory,
    add_parties,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]
PAGE = reverse("compare")
IL = "?j=chicago&j=cook-county&j=illinois"


@pytest.fixture
def no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def real_data():
    call_command("load_review_data", verbosity=0)


class Cells(HTMLParser):
    """The comparison tables as {(section, row key, column index): value text}."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: dict[tuple[str, str, int], str] = {}
        self.section = self.key = None
        self.column = -1
        self.in_value = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and "data-section" in attrs:
            self.section = attrs["data-section"]
        elif tag == "tr" and "data-key" in attrs:
            self.key, self.column = attrs["data-key"], -1
        elif tag == "td" and self.key:
            self.column += 1
        elif tag == "span" and attrs.get("class") == "value" and self.key:
            self.in_value = True
            self.cells[(self.section, self.key, self.column)] = ""

    def handle_endtag(self, tag):
        if tag == "span":
            self.in_value = False
        elif tag == "table":
            self.section = self.key = None

    def handle_data(self, data):
        if self.in_value:
            self.cells[(self.section, self.key, self.column)] += data


def page_cells(response) -> dict:
    parser = Cells()
    parser.feed(response.content.decode())
    return parser.cells


def test_real_data_columns_and_cells(client, real_data):
    """Chicago, Cook County and Illinois side by side: one column each in the order
    asked, each status the stored one, each money cell the total of its own page."""
    response = client.get(PAGE + IL)
    assert response.status_code == 200
    comparison = response.context["comparison"]
    assert [j.slug for j in comparison.jurisdictions] == [
        "chicago", "cook-county", "illinois"
    ]  # fmt: skip
    cells = page_cells(response)
    for index, slug in enumerate(["chicago", "cook-county", "illinois"]):
        for stored in JurisdictionStatus.objects.filter(
            jurisdiction__slug=slug, with_drafts=False
        ).select_related("campaign"):
            assert cells[("status", stored.campaign.slug, index)] == status_label(
                stored.status
            )
    # Chicago's FY2016 award (joint with Cook County): sources give $2,333,428 and
    # "about $2,300,000", which agree, so the exact figure stands, for both.
    assert cells[("money", "FY2016-award", 0)] == "$2,333,428"
    assert cells[("money", "FY2016-award", 1)] == "$2,333,428"
    assert cells[("money", "FY2016-award", 2)] == "approx. $6,700,000"
    assert cells[("money", "FY2017-allocation", 1)] == "$17,233"
    assert cells[("money", "FY2016-allocation", 1)] == "not recorded"
    assert cells[("cases", "us-v-illinois", 0)] == (
        "Defendant, sued by the United States"
    )
    assert cells[("cases", "chicago-v-sessions", 0)] == "Plaintiff"
    assert cells[("cases", "chicago-v-sessions", 1)] == "not recorded"
    assert cells[("letters", "2018-01-24", 0)] == "1 received, 1 answered"
    assert cells[("lists", "doj-2025-08-05", 0)] == "Listed as “Chicago, Illinois”"
    html = response.content.decode()
    assert 'href="/jurisdictions/chicago/#awards"' in html  # a figure's award page
    assert "https://cis.org/Huennekens/DOJ-Targets-23-Sanctuary-Jurisdictions" in html
    assert "http://testserver/compare/" + IL.replace("&", "&amp;") in html


def test_downloads_hold_the_pages_cells(client, real_data):
    """The CSV and the JSON have one row per jurisdiction and fact, each value the
    page's cell, with the sources' addresses."""
    cells = page_cells(client.get(PAGE + IL))
    text = client.get(reverse("compare_export", args=["csv"]) + IL).content.decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    slugs = ["chicago", "cook-county", "illinois"]
    from_csv = {
        (row["section"], row["fact"], slugs.index(row["jurisdiction"])): row["value"]
        for row in rows
    }
    assert len(rows) == len(cells) == len(from_csv)
    assert from_csv == cells
    data = json.loads(client.get(reverse("compare_export", args=["json"]) + IL).content)
    assert [(r["jurisdiction"], r["fact"]) for r in data] == [
        (r["jurisdiction"], r["fact"]) for r in rows
    ]
    assert [r["value"] for r in data] == [r["value"] for r in rows]
    award = next(
        r
        for r in data
        if r["jurisdiction"] == "chicago" and r["fact"] == "FY2016-award"
    )
    assert award["amount_exact"] == 2333428 and award["amount_approximate"] is None
    assert "capitolfax.com" in award["source_urls"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?" + "&".join(f"j=town-{n}" for n in range(7)),
         "Compare at most 6 jurisdictions at once; 7 were given."),
        ("?j=town-0&j=atlantis", "No published jurisdiction has the slug “atlantis”."),
        ("?j=draft-town", "No published jurisdiction has the slug “draft-town”."),
    ],
)  # fmt: skip
def test_bad_choices_are_form_errors(client, query, message):
    """Seven jurisdictions, an unknown slug or a draft's slug: a 400 with the error on
    the page (a draft is not told apart from an unknown slug), and in the exports."""
    for n in range(7):
        JurisdictionFactory(slug=f"town-{n}")
    JurisdictionFactory(slug="draft-town", name="Secret Draft", verified_at=None)
    response = client.get(PAGE + query)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "Secret Draft" not in html
    assert "comparison" not in response.context
    export = client.get(reverse("compare_export", args=["json"]) + query)
    assert export.status_code == 400
    assert export.json() == {"errors": [message]}


def test_no_choice_shows_the_picker(client):
    """With no jurisdiction asked for: six labelled boxes and no table."""
    JurisdictionFactory(slug="berkeley", name="Berkeley")
    response = client.get(PAGE)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('name="j"') == 6
    assert '<label for="id_j_1">Jurisdiction 1</label>' in html
    assert '<option value="berkeley">Berkeley, CA</option>' in html
    assert "compare-table" not in html


def test_empty_boxes_and_repeats_go_to_the_permalink(client):
    JurisdictionFactory(slug="berkeley")
    JurisdictionFactory(slug="oakland")
    response = client.get(PAGE + "?j=oakland&j=&j=berkeley&j=oakland")
    assert response.status_code == 302
    assert response["Location"] == PAGE + "?j=oakland&j=berkeley"


@pytest.fixture
def gap():
    """A jurisdiction with figures for FY2016 and FY2018 and none for FY2017, money
    withheld and released in FY2018."""
    town = JurisdictionFactory(slug="gap-town", name="Gap Town")
    AwardFigureFactory(award__recipient=town, award__fiscal_year=2016, amount=50000)
    later = AwardFigureFactory(award__recipient=town, award__fiscal_year=2018,
                               kind=FigureKind.WITHHELD, amount=30000,
                               dated_on=date(2018, 9, 1))  # fmt: skip
    AwardFigureFactory(award=later.award, kind=FigureKind.RELEASED, amount=30000,
                       qualifier=Qualifier.ABOUT, dated_on=date(2019, 2, 1))  # fmt: skip
    return town


def test_a_year_with_no_figure_is_a_labelled_gap(client, gap):
    """FY2017 is drawn as "not recorded", with no column; withheld and released money
    have their own marks; the table beside says the same."""
    other = JurisdictionFactory(slug="other-town", name="Other Town")
    response = client.get(PAGE + "?j=gap-town&j=other-town")
    chart, empty = response.context["comparison"].charts
    assert [slot["year"] for slot in chart["years"]] == [2016, 2017, 2018]
    assert [slot["gap"] for slot in chart["years"]] == [False, True, False]
    gap_x = chart["years"][1]["x"]
    assert {"x": gap_x, "text": "not recorded"} in chart["marks"]
    assert not [s for s in chart["segments"] if abs(s.x - gap_x) < 30]
    kinds = [(s.kind, s.approximate) for s in chart["segments"]]
    assert kinds == [("award", False), ("withheld", False), ("released", True)]
    assert [row["cells"] for row in chart["table"]] == [
        ["$50,000", "", ""], ["", "", ""], ["", "$30,000", "approx. $30,000"]
    ]  # fmt: skip
    html = response.content.decode()
    assert 'class="money kind-withheld"' in html
    assert 'class="money kind-released approx"' in html
    assert '<td class="num">not recorded</td>' in html
    # Other Town has no figure: its chart says so, its cells are "not recorded".
    assert empty["years"] == [] or all(slot["gap"] for slot in empty["years"])
    cells = page_cells(response)
    assert cells[("money", "FY2016-award", 1)] == "not recorded"
    assert other.name in html


def test_status_page_draws_the_chart_and_links_to_compare(client, gap):
    response = client.get(gap.get_absolute_url())
    chart = response.context["money_chart"]
    assert [slot["gap"] for slot in chart["years"]] == [False, True, False]
    html = response.content.decode()
    assert 'role="img" aria-labelledby="money-gap-town-title"' in html
    assert 'href="/compare/?j=gap-town"' in html


def test_list_rows_have_compare_checkboxes(client):
    JurisdictionFactory(slug="berkeley", name="Berkeley")
    html = client.get(reverse("jurisdictions:list")).content.decode()
    assert '<form method="get" action="/compare/" id="compare-form"' in html
    assert (
        '<input type="checkbox" name="j" value="berkeley" form="compare-form"' in html
    )


def busy(n: int) -> list[Jurisdiction]:
    """`n` jurisdictions, each with a letter answered, two figures, a case with a
    ruling, and a listing."""
    review_round = ReviewRoundFactory()
    made = []
    for _ in range(n):
        town = JurisdictionFactory()
        letter = LetterFactory(jurisdiction=town, round=review_round)
        ResponseFactory(jurisdiction=town, in_reply_to=letter, round=review_round)
        AwardFigureFactory(award__recipient=town, amount=Decimal("1000.50"))
        AwardFigureFactory(award__recipient=town, award__fiscal_year=2017,
                           kind=FigureKind.WITHHELD, dated_on=date(2018, 1, 1))  # fmt: skip
        case = CaseFactory()
        add_parties(case, town)
        RulingFactory(case=case)
        ListingFactory(jurisdiction=town)
        made.append(town)
    return made


def queries(client, towns: list[Jurisdiction]) -> int:
    url = PAGE + "?" + "&".join(f"j={t.slug}" for t in towns)
    client.get(url)  # content types and the record's date cached
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.context["comparison"].jurisdictions) == len(towns)
    return len(captured)


@override_settings(PAGE_CACHE_SECONDS=0)
def test_query_count_does_not_grow_with_the_jurisdictions(
    client, django_assert_max_num_queries
):
    """Two jurisdictions or six, each with every kind of record: the same queries."""
    towns = busy(6)
    two = queries(client, towns[:2])
    assert queries(client, towns) == two
    url = PAGE + "?" + "&".join(f"j={t.slug}" for t in towns)
    with django_assert_max_num_queries(30):
        client.get(url)
