from datetime import date

import pytest
from django.urls import reverse

from correspondence.models import Letter
from jurisdictions.models import Jurisdiction
from review.models import Status
from tests.factories import (
    AwardFigureFactory,
    CaseFactory,
    JurisdictionFactory,
    LetterFactory,
    ResponseFactory,
    ReviewRoundFactory,
    StatementFactory,
    add_parties,
)
from tests.scale import count_queries, populate

pytestmark = pytest.mark.django_db
LIST = reverse("jurisdictions:list")


def names(response) -> list[str]:
    return [j.name for j in response.context["object_list"]]


@pytest.fixture
def three():
    ca = JurisdictionFactory(name="Berkeley", state="CA")
    il = JurisdictionFactory(name="Chicago", state="IL", kind="city")
    state = JurisdictionFactory(name="State of Oregon", state="OR", kind="state")
    review_round = ReviewRoundFactory(slug="2018-01-24")
    LetterFactory(jurisdiction=ca, round=review_round, threatens_subpoena=True)
    add_parties(CaseFactory(), il)
    AwardFigureFactory(award__recipient=state, award__fiscal_year=2017, amount=18244126)
    return ca, il, state


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"state": "CA"}, ["Berkeley"]),
        ({"kind": "state"}, ["State of Oregon"]),
        ({"status": Status.SUBPOENA_THREATENED}, ["Berkeley"]),
        ({"status": Status.IN_LITIGATION}, ["Chicago"]),
        ({"round": "2018-01-24"}, ["Berkeley"]),
        ({"subpoena_threatened": "true"}, ["Berkeley"]),
        ({"subpoena_threatened": "false"}, ["Chicago", "State of Oregon"]),
        ({"in_litigation": "true"}, ["Chicago"]),
        ({"reviewed": "true"}, ["Berkeley"]),
        ({"fiscal_year": "2017", "jag_min": "1000000"}, ["State of Oregon"]),
        ({"fiscal_year": "2016"}, []),
        ({"jag_max": "100"}, []),
        ({"q": "chic"}, ["Chicago"]),
        ({"sort": "-name"}, ["State of Oregon", "Chicago", "Berkeley"]),
        ({"sort": "state"}, ["Berkeley", "Chicago", "State of Oregon"]),
    ],
)
def test_filters_and_sorting(client, three, query, expected):
    response = client.get(LIST, query)
    assert response.status_code == 200
    assert names(response) == expected


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"fiscal_year": "abc"}, "fiscal_year", "Enter a whole number."),
        ({"state": "ZZ"}, "state", "Select a valid choice. ZZ is not one of the available choices."),
        ({"sort": "nope"}, "sort", "“nope” is not a sort order this list offers."),
        ({"round": "1999-01-01"}, "round", "Select a valid choice. That choice is not one of the available choices."),
        ({"jag_min": "-5"}, "jag_min", "Ensure this value is greater than or equal to 0."),
    ],
)  # fmt: skip
def test_bad_filter_values_are_form_errors_on_a_working_page(
    client, three, query, field, message
):
    response = client.get(LIST, query | {"state": "IL"} if field != "state" else query)
    assert response.status_code == 200
    assert response.context["filter"].form.errors[field] == [message]
    content = response.content.decode()
    assert f'id="id_{field}-error"' in content
    if field != "state":
        assert names(response) == ["Chicago"], "the valid filter still applies"


def test_a_page_past_the_end_shows_the_last_page_with_a_note(client, three):
    response = client.get(LIST, {"page": "999"})
    assert response.status_code == 200
    assert "There is no page 999; showing page 1 of 1." in response.content.decode()
    response = client.get(LIST, {"page": "abc"})
    assert response.status_code == 200
    assert "“abc” is not a page number; showing page 1." in response.content.decode()


def test_pagination_shows_the_total_and_keeps_the_filters(client):
    for index in range(55):
        JurisdictionFactory(name=f"Place {index:02d}", state="CA")
    response = client.get(LIST, {"state": "CA", "page": "2"})
    content = response.content.decode()
    assert "Showing 51–55 of 55 jurisdictions." in content
    assert 'href="?state=CA&amp;page=1"' in content
    assert len(response.context["object_list"]) == 5


def test_list_query_count_does_not_grow_with_the_data(client):
    populate(10)
    small = count_queries(client, LIST)
    populate(190)
    assert Jurisdiction.objects.count() == 200
    assert count_queries(client, LIST) == small


def test_status_page_query_count_does_not_grow_with_the_data(client):
    populate(10)
    first = Jurisdiction.objects.order_by("pk").first()
    small = count_queries(client, first.get_absolute_url())
    populate(190)
    assert count_queries(client, first.get_absolute_url()) == small


def test_status_page_shows_status_why_and_a_timeline_in_date_order(client):
    berkeley = JurisdictionFactory(name="Berkeley", state="CA")
    demand = LetterFactory(jurisdiction=berkeley, sent_on=date(2018, 1, 24),
                           threatens_subpoena=True, signer="Jon Adler")  # fmt: skip
    LetterFactory(jurisdiction=berkeley, kind=Letter.Kind.PRELIMINARY_ASSESSMENT,
                  sent_on=date(2017, 11, 15), due_on=date(2017, 12, 8))  # fmt: skip
    StatementFactory(jurisdiction=berkeley, made_on=date(2018, 1, 25), speaker="The Mayor",
                     quote="We will answer.")  # fmt: skip
    ResponseFactory(
        jurisdiction=berkeley, in_reply_to=demand, sent_on=date(2018, 2, 23)
    )
    response = client.get(berkeley.get_absolute_url())
    assert response.status_code == 200
    entries = response.context["timeline"]
    assert [e.on for e in entries] == sorted(e.on for e in entries)
    assert [e.kind for e in entries] == [
        "letter",
        "subpoena_threat",
        "statement",
        "response",
    ]
    content = response.content.decode()
    assert "Status: Responded, awaiting DOJ" in content
    assert "threatened; none issued" in content
    assert "Response due February 23, 2018: answered." in content
    assert "Response due December 8, 2017: no response recorded." in content
    assert f"http://testserver{berkeley.get_absolute_url()}" in content
    assert "data last changed" in content


def test_unknown_jurisdiction_is_a_404(client):
    assert (
        client.get(reverse("jurisdictions:detail", args=["atlantis"])).status_code
        == 404
    )
