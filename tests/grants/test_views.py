import pytest
from django.urls import reverse

from grants.models import AwardFigure, FigureKind, Qualifier
from tests.factories import AwardFactory, AwardFigureFactory, JurisdictionFactory
from tests.scale import count_queries, populate

pytestmark = pytest.mark.django_db
LIST = reverse("grants:list")


@pytest.fixture
def figures():
    chicago = JurisdictionFactory(name="Chicago", slug="chicago", state="IL")
    cook = JurisdictionFactory(name="Cook County", slug="cook-county", state="IL")
    oregon = JurisdictionFactory(name="State of Oregon", slug="oregon", state="OR")
    joint = AwardFactory(recipient=chicago, fiscal_year=2016)
    joint.partners.add(cook)
    return {
        "joint": AwardFigureFactory(award=joint, amount=2333428),
        "cis": AwardFigureFactory(award__recipient=oregon, award__fiscal_year=2017,
                                  kind=FigureKind.ALLOCATION, amount=18244126),
        "cut_off": AwardFigureFactory(award__recipient=oregon, award__fiscal_year=2016,
                                      amount=None, as_reported="$2,080,04"),
        "about": AwardFigureFactory(award__recipient=chicago, award__fiscal_year=2017,
                                    amount=3000000, qualifier=Qualifier.ABOUT),
    }  # fmt: skip


def pks(response) -> set[int]:
    return {figure.pk for figure in response.context["object_list"]}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"fiscal_year": "2016"}, {"joint", "cut_off"}),
        ({"kind": "allocation"}, {"cis"}),
        ({"jurisdiction": "cook-county"}, {"joint"}),
        ({"state": "IL"}, {"joint", "about"}),
        ({"amount_min": "2500000"}, {"cis", "about"}),
        ({"amount_max": "2500000"}, {"joint"}),
        ({"qualifier": "about"}, {"about"}),
        ({"q": "2,080"}, {"cut_off"}),
    ],
)
def test_award_filters(client, figures, query, expected):
    response = client.get(LIST, query)
    assert response.status_code == 200
    assert pks(response) == {figures[name].pk for name in expected}


def test_figures_keep_their_qualifier_and_unknowns_say_so(client, figures):
    content = client.get(LIST).content.decode()
    assert "about $3,000,000" in content
    assert "not recorded ($2,080,04)" in content
    assert "Chicago</a> with Cook County" in content


def test_sort_by_amount_puts_unknown_amounts_last_or_first_consistently(
    client, figures
):
    response = client.get(LIST, {"kind": "award", "sort": "-amount"})
    amounts = [
        f.amount for f in response.context["object_list"] if f.amount is not None
    ]
    assert amounts == sorted(amounts, reverse=True)


def test_award_list_query_count_does_not_grow(client):
    populate(10)
    small = count_queries(client, LIST)
    populate(190)
    assert AwardFigure.objects.count() == 400
    assert count_queries(client, LIST) == small
