"""A figure keeps a copy of its award's fiscal year (`award_fiscal_year`, the list's
sort by year) and of its amount (`amount_sort`, the sort by amount): right after the
figure's save, the award's, an import and the loader;
the list's orders by year and by amount are those through the join and of the column
with unknown amounts last; and each is read from an index, not sorted."""

from decimal import Decimal

import pytest
import tablib
from django.core.management import call_command
from django.db import IntegrityError, connection
from django.db.models import F

from grants.models import AwardFigure, FigureKind
from grants.resources import AwardFigureResource
from tests.factories import (
    AwardFactory,
    AwardFigureFactory,
    JurisdictionFactory,
    ProgramFactory,
)

pytestmark = pytest.mark.django_db


def copies() -> dict[int, int]:
    return dict(AwardFigure.objects.values_list("pk", "award_fiscal_year"))


def test_a_figure_takes_its_awards_year_and_follows_a_move():
    award = AwardFactory(fiscal_year=2016)
    later = AwardFactory(fiscal_year=2017, recipient=award.recipient)
    figure = AwardFigureFactory(award=award, amount=Decimal("72000.50"))
    assert copies() == {figure.pk: 2016}
    figure.award = later
    figure.amount = None
    figure.as_reported = "not given"
    figure.save()
    assert copies() == {figure.pk: 2017}
    assert AwardFigure.objects.get().amount_sort is None
    figure.amount = Decimal("39000000")
    figure.save()
    assert AwardFigure.objects.get().amount_sort == Decimal("39000000")


def test_an_awards_new_year_reaches_its_figures_and_no_others():
    edited = AwardFactory(fiscal_year=2016)
    other = AwardFactory(fiscal_year=2016)
    mine = AwardFigureFactory.create_batch(
        2, award=edited, amount=None, as_reported="x"
    )
    theirs = AwardFigureFactory(award=other)
    edited.fiscal_year = 2018
    edited.save()
    assert copies() == {mine[0].pk: 2018, mine[1].pk: 2018, theirs.pk: 2016}
    assert {figure.version for figure in AwardFigure.objects.all()} == {1}


def test_the_database_refuses_a_figure_without_the_copy():
    figure = AwardFigureFactory()
    with pytest.raises(IntegrityError):
        AwardFigure.objects.filter(pk=figure.pk).update(award_fiscal_year=None)


def test_an_imported_figure_takes_its_awards_year():
    ProgramFactory()
    place = JurisdictionFactory(slug="somewhere")
    data = tablib.Dataset(
        headers=["recipient", "fiscal_year", "program", "kind", "amount",
                 "source_url", "source_publisher", "source_title"]
    )  # fmt: skip
    data.append([place.slug, "2017", "byrne-jag", FigureKind.ALLOCATION, "12345",
                 "https://example.org/f", "Example", "A figure"])  # fmt: skip
    result = AwardFigureResource().import_data(data, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    (imported,) = AwardFigure.objects.filter(award__recipient=place)
    assert imported.award_fiscal_year == 2017
    assert imported.amount_sort == Decimal("12345")


def test_the_loaded_figures_carry_their_awards_years():
    call_command("load_review_data", verbosity=0)
    assert AwardFigure.objects.count() > 20
    assert not AwardFigure.objects.exclude(
        award_fiscal_year=F("award__fiscal_year")
    ).exists()
    with_amount = AwardFigure.objects.filter(amount__isnull=False)
    assert not with_amount.exclude(amount_sort=F("amount")).exists()
    assert not AwardFigure.objects.filter(
        amount=None, amount_sort__isnull=False
    ).exists()


JOIN_ORDERS = {
    "fiscal_year": [F("award__fiscal_year").asc(), "pk"],
    "-fiscal_year": [F("award__fiscal_year").desc(), "-pk"],
    "amount": [F("amount").asc(nulls_last=True), "pk"],
    "-amount": [F("amount").desc(nulls_last=True), "-pk"],
}


def test_the_list_sorted_is_in_the_order_it_was_through_the_join(client):
    """Same figures in the same order as sorted through the join and with unknown
    amounts last (the real data, which has figures of no amount)."""
    call_command("load_review_data", verbosity=0)
    assert AwardFigure.objects.filter(amount=None).exists()
    for sort, order in JOIN_ORDERS.items():
        listed = client.get(f"/awards/?sort={sort}")
        found = list(listed.context["filter"].qs.values_list("pk", flat=True))
        by_join = AwardFigure.objects.published().order_by(*order)
        assert found == list(by_join.values_list("pk", flat=True)), sort


INDEXES = {
    "fiscal_year": "awardfigure_year_id_idx",
    "-fiscal_year": "awardfigure_year_id_idx",
    "amount": "awardfigure_amount_asc_idx",
    "-amount": "awardfigure_amount_desc_idx",
}


@pytest.mark.parametrize("sort", INDEXES)
def test_the_list_sorted_is_read_from_an_index_without_a_sort(client, sort):
    for year in (2016, 2017):
        AwardFigureFactory(award=AwardFactory(fiscal_year=year))
    AwardFigureFactory(amount=None, as_reported="not given")
    listed = client.get(f"/awards/?sort={sort}")
    page = listed.context["filter"].qs.values_list("pk", flat=True)[:50]
    if connection.vendor == "postgresql":
        # A few rows: allowed to sort, the planner would; forbidden, it must find
        # an index that gives the order.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_sort = off")
        found = page.explain()
        assert "Sort" not in found.replace("Sort Key", ""), found
    else:
        found = page.explain()
        assert "TEMP B-TREE" not in found, found
    assert INDEXES[sort] in found, found
