import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.test import override_settings

from bench.management.commands.generate_synthetic import Command
from campaigns.models import Campaign
from correspondence.models import Letter, ReviewRound, Statement
from grants.models import Award, AwardFigure, Program, ReportedFigure
from jurisdictions.models import Jurisdiction
from litigation.models import Case, Court, Ruling
from sanctuary_tracker.models import Citation, Source
from tests.factories import JurisdictionFactory

pytestmark = pytest.mark.django_db
SIZES = {"jurisdictions": 30, "awards": 70, "letters": 50, "rulings": 6, "verbosity": 0}


def test_it_makes_the_counts_asked_for_with_synthetic_names():
    call_command(Command(), **SIZES)
    assert Jurisdiction.objects.count() == 30
    assert Award.objects.count() == 70
    assert AwardFigure.objects.filter(share_of__isnull=True).count() == 70
    assert Letter.objects.count() == 50
    assert Ruling.objects.count() == 6
    assert not Jurisdiction.objects.exclude(name__startswith="Synthetic").exists()


def test_every_record_cites_a_source_and_a_plaintiff_has_every_kind_of_record():
    call_command(Command(), **SIZES)
    for model in (Jurisdiction, Letter, Statement, Award, AwardFigure, ReportedFigure,
                  Case, Ruling):  # fmt: skip
        cited = Citation.objects.filter(
            content_type=ContentType.objects.get_for_model(model)
        ).values("object_id")
        assert model.objects.exists()
        assert not model.objects.exclude(pk__in=cited).exists(), model
    plaintiff = Case.objects.order_by("pk").first().parties.get().jurisdiction
    assert plaintiff.letters.exists() and plaintiff.statements.exists()
    assert plaintiff.reported_figures.exists() and plaintiff.award_shares.exists()
    assert Award.objects.filter(partners=plaintiff).exists()


def wipe() -> None:
    """Delete the synthetic records, children first (no flush: it cannot run inside
    the test's transaction on PostgreSQL)."""
    for model in [Citation, Ruling, Case, Court, AwardFigure, ReportedFigure, Award,
                  Program, Statement, Letter, ReviewRound, Campaign, Jurisdiction,
                  Source]:  # fmt: skip
        model.objects.all().delete()


def test_it_is_deterministic():
    call_command(Command(), **SIZES)
    first = list(
        Jurisdiction.objects.order_by("pk").values_list("name", "kind", "state")
    )
    amounts = list(AwardFigure.objects.order_by("pk").values_list("amount", flat=True))
    wipe()
    call_command(Command(), **SIZES)
    assert (
        list(Jurisdiction.objects.order_by("pk").values_list("name", "kind", "state"))
        == first
    )
    assert (
        list(AwardFigure.objects.order_by("pk").values_list("amount", flat=True))
        == amounts
    )


def test_it_refuses_a_database_with_real_data():
    JurisdictionFactory(name="Chicago")
    with pytest.raises(CommandError, match="holds real data"):
        call_command(Command(), **SIZES)
    assert Jurisdiction.objects.count() == 1


@override_settings(PAGE_CACHE_SECONDS=0)  # the view's context, not a kept copy
def test_the_search_finds_the_synthetic_records_and_the_benchs_words(client):
    from bench.__main__ import SEARCH_PAGES
    from search.models import SearchEntry

    call_command(Command(), **SIZES)
    letters = SearchEntry.objects.filter(kind="letter", is_public=True)
    assert letters.count() == Letter.objects.published().count() > 0
    for _, path in SEARCH_PAGES:
        response = client.get(path)
        assert response.status_code == 200
    common = client.get("/search/?q=synthetic")
    assert (
        common.context["paginator"].count
        == SearchEntry.objects.filter(is_public=True).count()
        - SearchEntry.objects.filter(is_public=True)
        .exclude(title__icontains="synthetic")
        .exclude(body__icontains="synthetic")
        .count()
    )
