import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

from tests.factories import JurisdictionFactory, LetterFactory
from tests.scale import count_queries, populate

pytestmark = pytest.mark.django_db


@pytest.fixture
def real_data():
    call_command("load_review_data", verbosity=0)


def test_dashboard_with_the_real_data(client, real_data):
    response = client.get(reverse("home"))
    content = response.content.decode()
    assert response.status_code == 200
    assert (
        "Byrne JAG money at stake for the 23 jurisdictions of January 24, 2018"
        in content
    )
    assert "more than $39,000,000" in content
    assert "The Washington Post" in content
    money = response.context["money"]
    fy2016, fy2017 = money["rows"]
    assert fy2016.not_recorded_count + fy2016.counted <= 23
    # The Oregon delegation's $3 million is a group figure: Oregon's award is undisputed.
    assert fy2017.disputed == []
    assert "?state=CA&amp;reviewed=true" in content
    bars = {bar.label: bar.shown for bar in money["chart"]["bars"]}
    assert bars["Chicago"] == "$2,019,194"
    assert bars["State of Oregon"] == "$18,244,126"


def test_map_counts_link_to_the_filtered_list(client, real_data):
    response = client.get(reverse("home"))
    tiles = {tile.code: tile.count for tile in response.context["map"]["tiles"]}
    listed = client.get(
        reverse("jurisdictions:list"), {"state": "CA", "reviewed": "true"}
    )
    assert tiles["CA"] == listed.context["paginator"].count
    assert tiles["TX"] == 0


def test_dashboard_query_count_does_not_grow(client):
    populate(10)
    cache.clear()
    small = count_queries(client, reverse("home"), between=cache.clear)
    populate(190)
    cache.clear()
    assert count_queries(client, reverse("home"), between=cache.clear) == small


def test_dashboard_aggregates_are_cached_until_a_write(client):
    populate(3)
    first = count_queries(client, reverse("home"), between=cache.clear)
    cached = count_queries(client, reverse("home"))
    assert cached < first / 3
    place = JurisdictionFactory(name="Newcomer", state="TX")
    response = client.get(reverse("home"))
    assert response.context["campaigns"][0]["count"] == 3
    LetterFactory(jurisdiction=place, threatens_subpoena=True)
    response = client.get(reverse("home"))
    assert response.context["campaigns"][0]["count"] == 4
    assert "TX" in dict(response.context["state_rows"])
