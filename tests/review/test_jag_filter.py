"""The jurisdictions list's Byrne JAG filter (`with_jag_figure`): a jurisdiction with
a money figure of the year by any of the three ways a figure reaches it (its award,
an award it shares, its own share of a joint award), tested on each row the list walks
(on PostgreSQL never as a hashed set of every match)."""

import pytest
from django.db import connection
from django.test import override_settings

from grants.models import FigureKind
from tests.factories import AwardFactory, AwardFigureFactory, JurisdictionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def places():
    holder, partner, sharer, other_year, withheld_only = (
        JurisdictionFactory(name=name)
        for name in ("Holder", "Partner", "Sharer", "Other Year", "Withheld Only")
    )
    AwardFigureFactory(award=AwardFactory(recipient=holder, fiscal_year=2017))
    joint = AwardFactory(fiscal_year=2017, recipient=JurisdictionFactory(name="Agent"))
    joint.partners.add(partner, sharer)
    AwardFigureFactory(award=joint, amount=900000)
    AwardFigureFactory(award=joint, share_of=sharer, amount=50000)
    AwardFigureFactory(award=AwardFactory(recipient=other_year, fiscal_year=2016))
    AwardFigureFactory(
        award=AwardFactory(recipient=withheld_only, fiscal_year=2017),
        kind=FigureKind.WITHHELD,
    )


def names(client, **query) -> list[str]:
    with override_settings(PAGE_CACHE_SECONDS=0):
        listed = client.get("/jurisdictions/", query)
    assert listed.status_code == 200
    return [row.name for row in listed.context["filter"].qs]


def test_each_way_a_figure_reaches_a_jurisdiction_counts(client, places):
    assert names(client, fiscal_year=2017) == ["Agent", "Holder", "Partner", "Sharer"]
    # The partner holds the whole joint figure, the sharer its own share as well.
    assert names(client, fiscal_year=2017, jag_min=800000) == [
        "Agent",
        "Partner",
        "Sharer",
    ]
    assert names(client, fiscal_year=2017, jag_max=60000) == ["Sharer"]
    assert names(client, fiscal_year=2016) == ["Other Year"]
    assert names(client, fiscal_year=2015) == []


@pytest.mark.postgresql_only
def test_postgresql_tests_each_row_instead_of_hashing_every_match(client, places):
    with override_settings(PAGE_CACHE_SECONDS=0):
        listed = client.get("/jurisdictions/", {"fiscal_year": 2017})
    page = listed.context["filter"].qs.values_list("pk", flat=True)[:50]
    assert str(page.query).count("OFFSET 0)") == 3
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = page.explain()
    assert "SubPlan" in plan and "hashed SubPlan" not in plan, plan
