"""The awards list's kind filter (`AwardFigureQuerySet.of_kind`): the same figures as
the kind itself, every kind; a common kind is never looked up in the index of kinds
(SQLite read every allocation from it and sorted them for a page)."""

import pytest
from django.core.management import call_command
from django.db import connection

from grants.models import COMMON_KINDS, AwardFigure, FigureKind
from tests.factories import AwardFigureFactory

pytestmark = pytest.mark.django_db

KIND_INDEX = "grants_awar_kind_e8f95a_idx"


def test_the_filter_lists_the_figures_of_each_kind(client):
    call_command("load_review_data", verbosity=0)
    for kind in FigureKind.values:
        listed = client.get("/awards/", {"kind": kind})
        assert listed.status_code == 200
        found = set(listed.context["filter"].qs.values_list("pk", flat=True))
        of_kind = AwardFigure.objects.published().filter(kind=kind)
        assert found == set(of_kind.values_list("pk", flat=True)), kind
        if kind in (FigureKind.ALLOCATION, FigureKind.AWARD, FigureKind.WITHHELD):
            assert found, kind  # the real data has these: not two nothings compared


@pytest.mark.parametrize("kind", COMMON_KINDS)
def test_a_common_kind_is_tested_on_the_rows_not_read_from_the_kind_index(client, kind):
    for each in FigureKind.values:
        AwardFigureFactory(kind=each)
    listed = client.get("/awards/", {"kind": kind})
    page = listed.context["filter"].qs.values_list("pk", flat=True)[:50]
    sql = str(page.query)
    if connection.vendor == "sqlite":
        assert '+"grants_awardfigure"."kind" = ' in sql, sql
        assert KIND_INDEX not in page.explain()
    else:
        assert '"grants_awardfigure"."kind" = ' in sql and "+" not in sql, sql
    assert list(page) == list(
        listed.context["filter"].qs.filter(kind=kind).values_list("pk", flat=True)
    )
