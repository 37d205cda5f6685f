"""The lists' pages, their filters and exports, and where listings show elsewhere."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from designations.models import Listing
from tests.factories import (
    CampaignFactory,
    CitationFactory,
    DesignationFactory,
    JurisdictionFactory,
    ListingFactory,
)
from tests.scale import count_queries

pytestmark = pytest.mark.django_db
LIST = reverse("designations:list")


@pytest.fixture
def doj_list():
    campaign = CampaignFactory(slug="campaign-2025", started_on=date(2025, 1, 20))
    designation = DesignationFactory(
        campaign=campaign, slug="doj-2025-08-05", title="DOJ list (August 2025)",
        count_note="One page counts 14/4/19.",
    )  # fmt: skip
    CitationFactory(record=designation, quote="a list of 35")
    san_francisco = JurisdictionFactory(name="San Francisco", slug="san-francisco")
    rows = [
        ("state", "California", JurisdictionFactory(name="State of California",
                                                    slug="california")),
        ("county", "San Francisco County, California", san_francisco),
        ("city", "Boston, Massachusetts", None),
        ("city", "San Francisco, California", san_francisco),
    ]  # fmt: skip
    for position, (category, name, place) in enumerate(rows, start=1):
        ListingFactory(designation=designation, position=position,
                       category_as_printed=category, name_as_printed=name,
                       jurisdiction=place)  # fmt: skip
    return designation


def names(response) -> list[str]:
    return [listing.name_as_printed for listing in response.context["object_list"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["California", "San Francisco County, California", "Boston, Massachusetts",
              "San Francisco, California"]),
        ({"category": "city"}, ["Boston, Massachusetts", "San Francisco, California"]),
        ({"tracked": "false"}, ["Boston, Massachusetts"]),
        ({"jurisdiction": "san-francisco"},
         ["San Francisco County, California", "San Francisco, California"]),
        ({"q": "boston"}, ["Boston, Massachusetts"]),
        ({"designation": "doj-2025-08-05", "sort": "-name"},
         ["San Francisco, California", "San Francisco County, California", "California",
          "Boston, Massachusetts"]),
    ],
)  # fmt: skip
def test_listing_filters(client, doj_list, query, expected):
    response = client.get(LIST, query)
    assert response.status_code == 200
    assert names(response) == expected


@pytest.mark.parametrize(
    ("key", "value"),
    [("designation", "nope"), ("category", "town"),
     ("sort", "nope"), ("jurisdiction", "\x00")],
)  # fmt: skip
def test_a_bad_filter_value_is_a_form_error(client, doj_list, key, value):
    response = client.get(LIST, {key: value})
    assert response.status_code == 200
    assert key in response.context["filter"].form.errors


def test_the_detail_page_shows_names_as_printed_counts_and_the_count_note(
    client, doj_list
):
    page = client.get(doj_list.get_absolute_url())
    assert page.status_code == 200
    assert page.context["by_category"] == [("State", 1), ("County", 1), ("City", 2)]
    assert (page.context["tracked_count"], page.context["tracked_jurisdictions"]) == (
        3,
        2,
    )
    text = page.content.decode()
    assert "Boston, Massachusetts" in text and "not tracked" in text
    assert reverse("jurisdictions:detail", args=["san-francisco"]) in text
    assert "One page counts 14/4/19." in text and "a list of 35" in text


def test_a_draft_list_has_no_page(client):
    draft = DesignationFactory(verified_at=None)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_the_campaign_and_jurisdiction_pages_name_the_list(client, doj_list):
    campaign_page = client.get(doj_list.campaign.get_absolute_url()).content.decode()
    assert doj_list.get_absolute_url() in campaign_page
    page = client.get(reverse("jurisdictions:detail", args=["san-francisco"]))
    assert [listing.name_as_printed for listing in page.context["listings"]] == [
        "San Francisco County, California",
        "San Francisco, California",
    ]
    assert "printed as “San Francisco, California” (City)" in page.content.decode()


def test_the_export_holds_every_name_with_its_cells(client, doj_list):
    response = client.get(reverse("designations:export", args=["csv"]),
                          {"category": "city"})  # fmt: skip
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content)
                                           .decode())))  # fmt: skip
    assert [(row["position"], row["name_as_printed"], row["jurisdiction"],
             row["category_label"]) for row in rows] == [
        ("3", "Boston, Massachusetts", "", "City"),
        ("4", "San Francisco, California", "san-francisco", "City"),
    ]  # fmt: skip
    assert rows[0]["designation"] == "doj-2025-08-05"
    assert rows[0]["published_on"] == "2025-08-05"
    assert rows[0]["removed_on"] == ""
    data = client.get(reverse("designations:export", args=["json"]))
    assert len(b"".join(data.streaming_content).decode().split('"position"')) == 5


def test_the_pages_make_the_same_queries_for_few_names_and_many(
    client, doj_list, django_assert_num_queries
):
    urls = [LIST, doj_list.get_absolute_url()]
    few = [count_queries(client, url) for url in urls]
    for position in range(5, 45):
        ListingFactory(designation=doj_list, position=position)
    for url, expected in zip(urls, few, strict=True):
        client.get(url)  # warms the caches, as the first count did
        with django_assert_num_queries(expected):
            assert client.get(url).status_code == 200


def test_the_list_page_names_each_list(client, doj_list):
    DesignationFactory(title="DHS list", withdrawn_on=date(2025, 8, 6),
                       published_on=date(2025, 5, 29))  # fmt: skip
    page = client.get(LIST)
    titles = [d.title for d in page.context["designations"]]
    assert titles == ["DHS list", "DOJ list (August 2025)"]
    counts = {d.title: d.listing_count for d in page.context["designations"]}
    assert counts == {"DHS list": 0, "DOJ list (August 2025)": 4}
    assert Listing.objects.published().count() == 4


def test_the_feeds_carry_a_list_and_the_lists_naming_a_jurisdiction(client, doj_list):
    DesignationFactory(title="Another list")
    site = client.get(reverse("changes_feed")).content.decode()
    assert "DOJ list (August 2025)" in site and "Another list" in site
    feed = client.get(reverse("jurisdiction_feed", args=["san-francisco"]))
    body = feed.content.decode()
    assert body.count("<entry>") == 1
    assert doj_list.get_absolute_url() in body


def test_a_name_mapped_to_a_draft_jurisdiction_shows_as_printed_untracked(
    client, doj_list
):
    draft = JurisdictionFactory(
        name="Hidden Draft", slug="hidden-draft", verified_at=None
    )
    ListingFactory(designation=doj_list, position=5, category_as_printed="city",
                   name_as_printed="Hidden, Nowhere", jurisdiction=draft)  # fmt: skip
    page = client.get(doj_list.get_absolute_url()).content.decode()
    assert "Hidden, Nowhere" in page and "hidden-draft" not in page
    listed = client.get(LIST).content.decode()
    assert "Hidden, Nowhere" in listed and "hidden-draft" not in listed
    response = client.get(reverse("designations:export", args=["csv"]))
    rows = list(
        csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()))
    )
    hidden = next(row for row in rows if row["name_as_printed"] == "Hidden, Nowhere")
    assert hidden["jurisdiction"] == ""
    assert names(client.get(LIST, {"tracked": "true"})) == [
        "California", "San Francisco County, California", "San Francisco, California"
    ]  # fmt: skip


@pytest.mark.parametrize("url, name", [(LIST, "tracked"),
                                       (reverse("jurisdictions:list"), "listed")])  # fmt: skip
def test_a_bad_yes_no_value_is_a_form_error(client, doj_list, url, name):
    response = client.get(url, {name: "maybe"})
    assert response.status_code == 200
    assert response.context["filter"].form.errors[name] == [
        "Choose yes or no (true or false), not “maybe”."
    ]
