import pytest
from django.core.management import CommandError, call_command

from correspondence.models import Letter
from grants.models import Award, AwardFigure, Program
from jurisdictions.models import Jurisdiction, ReviewRound
from litigation.models import Case, Court, Ruling
from sanctuary_tracker.models import Citation, Source
from tests.factories import JurisdictionFactory

pytestmark = pytest.mark.django_db
SIZES = {"jurisdictions": 30, "awards": 70, "letters": 50, "rulings": 6, "verbosity": 0}


def test_it_makes_the_counts_asked_for_with_synthetic_names():
    call_command("generate_synthetic", **SIZES)
    assert Jurisdiction.objects.count() == 30
    assert Award.objects.count() == AwardFigure.objects.count() == 70
    assert Letter.objects.count() == 50
    assert Ruling.objects.count() == 6
    assert not Jurisdiction.objects.exclude(name__startswith="Synthetic").exists()


def wipe() -> None:
    """Delete the synthetic records, children first (no flush: it cannot run inside
    the test's transaction on PostgreSQL)."""
    for model in [Citation, Ruling, Case, Court, AwardFigure, Award, Program, Letter,
                  ReviewRound, Jurisdiction, Source]:  # fmt: skip
        model.objects.all().delete()


def test_it_is_deterministic():
    call_command("generate_synthetic", **SIZES)
    first = list(
        Jurisdiction.objects.order_by("pk").values_list("name", "kind", "state")
    )
    amounts = list(AwardFigure.objects.order_by("pk").values_list("amount", flat=True))
    wipe()
    call_command("generate_synthetic", **SIZES)
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
        call_command("generate_synthetic", **SIZES)
    assert Jurisdiction.objects.count() == 1
