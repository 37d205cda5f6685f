from datetime import date

import pytest
from django.urls import reverse

from litigation.models import Case, Court, Ruling
from tests.factories import (
    CaseFactory,
    CourtFactory,
    JurisdictionFactory,
    RulingFactory,
    add_parties,
)
from tests.scale import count_queries, populate

pytestmark = pytest.mark.django_db
LIST = reverse("litigation:list")


@pytest.fixture
def cases():
    chicago = JurisdictionFactory(name="Chicago", slug="chicago")
    district = CourtFactory(abbreviation="N.D. Ill.")
    appeals = CourtFactory(abbreviation="7th Cir.", level=Court.Level.APPEALS)
    suit = CaseFactory(caption="City of Chicago v. Sessions", court=district,
                       filed_on=date(2017, 8, 7), docket_number="1:17-cv-05720")  # fmt: skip
    add_parties(suit, chicago)
    pi = RulingFactory(case=suit, decided_on=date(2017, 9, 15), page_count=41)
    appeal = CaseFactory(caption="City of Chicago v. Sessions (appeal)", court=appeals,
                         filed_on=date(2017, 10, 1), appeal_of=pi)  # fmt: skip
    RulingFactory(case=appeal, decided_on=date(2018, 4, 19),
                  kind=Ruling.Kind.APPELLATE_DECISION)  # fmt: skip
    pending = CaseFactory(caption="Quiet v. Sessions", filed_on=date(2018, 10, 12))
    return {"suit": suit, "appeal": appeal, "pending": pending}


def captions(response) -> list[str]:
    return [case.caption for case in response.context["object_list"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"court": "7th Cir."}, ["City of Chicago v. Sessions (appeal)"]),
        ({"status": Case.Status.NO_RULING}, ["Quiet v. Sessions"]),
        ({"status": Case.Status.FOR_JURISDICTION},
         ["City of Chicago v. Sessions", "City of Chicago v. Sessions (appeal)"]),
        ({"jurisdiction": "chicago"}, ["City of Chicago v. Sessions"]),
        ({"ruling_kind": "appellate_decision"}, ["City of Chicago v. Sessions (appeal)"]),
        ({"filed_after": "2018-01-01"}, ["Quiet v. Sessions"]),
        ({"q": "17-cv-05720"}, ["City of Chicago v. Sessions"]),
        ({"sort": "-filed"}, ["Quiet v. Sessions", "City of Chicago v. Sessions (appeal)",
                              "City of Chicago v. Sessions"]),
    ],
)  # fmt: skip
def test_case_filters(client, cases, query, expected):
    response = client.get(LIST, query)
    assert response.status_code == 200
    assert captions(response) == expected


def test_case_detail_shows_rulings_and_the_appeal(client, cases):
    response = client.get(cases["suit"].get_absolute_url())
    content = response.content.decode()
    assert "Pages: 41." in content
    assert cases["appeal"].get_absolute_url() in content
    appeal_page = client.get(cases["appeal"].get_absolute_url()).content.decode()
    assert "Appeal of" in appeal_page


def test_case_pages_query_counts_do_not_grow(client):
    populate(10)
    case = Case.objects.order_by("pk").first()
    small = (
        count_queries(client, LIST),
        count_queries(client, case.get_absolute_url()),
    )
    populate(190)
    large = (
        count_queries(client, LIST),
        count_queries(client, case.get_absolute_url()),
    )
    assert large == small
