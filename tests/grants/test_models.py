from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from grants.models import AwardFigure, FigureKind, Qualifier
from tests.factories import AwardFactory, AwardFigureFactory, JurisdictionFactory

pytestmark = pytest.mark.django_db


def test_negative_amount_is_refused_on_the_amount_field():
    figure = AwardFigureFactory.build(award=AwardFactory(), amount=Decimal("-5"))
    with pytest.raises(ValidationError) as exc:
        figure.full_clean()
    assert exc.value.message_dict["amount"] == ["An amount cannot be negative."]


def test_database_refuses_negative_amount():
    with pytest.raises(IntegrityError):
        AwardFigureFactory(amount=Decimal("-5"))


def test_duplicate_award_is_refused_in_plain_words():
    """One award per program, fiscal year and recipient."""
    first = AwardFactory()
    duplicate = AwardFactory.build(
        program=first.program, fiscal_year=first.fiscal_year, recipient=first.recipient
    )
    with pytest.raises(ValidationError) as exc:
        duplicate.full_clean()
    assert exc.value.messages == [
        "This recipient already has an award under this program for this fiscal year."
    ]


def test_database_refuses_duplicate_award():
    first = AwardFactory()
    with pytest.raises(IntegrityError):
        AwardFactory(program=first.program, fiscal_year=2016, recipient=first.recipient)


def test_subaward_may_share_year_with_a_direct_award_but_not_repeat():
    """A government can hold its own award and a subaward under another's grant."""
    denver = JurisdictionFactory(name="Denver")
    colorado = AwardFactory(fiscal_year=2017)
    AwardFactory(fiscal_year=2017, recipient=denver)
    subaward = AwardFactory(fiscal_year=2017, recipient=denver, parent=colorado)
    assert subaward.parent == colorado
    with pytest.raises(IntegrityError):
        AwardFactory(fiscal_year=2017, recipient=denver, parent=colorado)


def test_subaward_must_match_its_grants_year():
    parent = AwardFactory(fiscal_year=2016)
    child = AwardFactory.build(
        program=parent.program,
        fiscal_year=2017,
        recipient=JurisdictionFactory(),
        parent=parent,
    )
    with pytest.raises(ValidationError) as exc:
        child.full_clean()
    assert exc.value.message_dict["parent"] == [
        "A subaward belongs to the same fiscal year as its grant."
    ]


def test_unknown_amount_needs_the_sources_words():
    figure = AwardFigureFactory.build(award=AwardFactory(), amount=None, as_reported="")
    with pytest.raises(ValidationError) as exc:
        figure.full_clean()
    assert "as_reported" in exc.value.message_dict


@pytest.mark.parametrize(
    ("amount", "qualifier", "as_reported", "shown"),
    [
        (Decimal("260499"), Qualifier.EXACT, "", "$260,499"),
        (Decimal("72000"), Qualifier.ABOUT, "about $72,000", "about $72,000"),
        (Decimal("39000000"), Qualifier.MORE_THAN, "", "more than $39,000,000"),
        (Decimal("4300000"), Qualifier.ALMOST, "", "almost $4,300,000"),
        (None, Qualifier.EXACT, "$2,080,04", "not recorded ($2,080,04)"),
    ],
)
def test_amount_display_never_shows_an_approximation_as_exact(
    amount, qualifier, as_reported, shown
):
    figure = AwardFigure(
        kind=FigureKind.AWARD,
        amount=amount,
        qualifier=qualifier,
        as_reported=as_reported,
    )
    assert figure.amount_display == shown
