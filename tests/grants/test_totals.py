from decimal import Decimal

import pytest

from grants.models import FigureKind, Qualifier
from jurisdictions.models import Jurisdiction
from tests.factories import AwardFactory, AwardFigureFactory, JurisdictionFactory
from tests.totals import total

pytestmark = pytest.mark.django_db


def test_joint_award_counts_once_for_all_its_partners():
    """Chicago and Cook County share one award: the total counts it once."""
    chicago = JurisdictionFactory(name="Chicago")
    cook = JurisdictionFactory(name="Cook County")
    joint = AwardFactory(recipient=chicago)
    joint.partners.add(cook)
    AwardFigureFactory(award=joint, amount=Decimal("2333428"))
    result = total(
        kind=FigureKind.AWARD,
        fiscal_year=2016,
        jurisdictions=Jurisdiction.objects.filter(pk__in=[chicago.pk, cook.pk]),
    )
    assert result.exact == Decimal("2333428")
    assert result.exact_count == 1
    assert result.not_recorded == []


def test_unknown_amounts_are_skipped_and_counted():
    known = AwardFigureFactory(amount=Decimal("260499")).award.recipient
    blank = AwardFigureFactory(amount=None, as_reported="$2,080,04").award.recipient
    no_award = JurisdictionFactory(name="Albany")
    result = total(
        kind=FigureKind.AWARD,
        fiscal_year=2016,
        jurisdictions=Jurisdiction.objects.filter(
            pk__in=[known.pk, blank.pk, no_award.pk]
        ),
    )
    assert result.exact == Decimal("260499")
    assert result.not_recorded_count == 2
    assert sorted(result.not_recorded) == sorted([blank.name, "Albany"])


def test_approximate_figures_are_added_apart_from_exact_ones():
    AwardFigureFactory(amount=Decimal("260499"))
    AwardFigureFactory(amount=Decimal("4300000"), qualifier=Qualifier.ALMOST)
    result = total(kind=FigureKind.AWARD, fiscal_year=2016)
    assert (result.exact, result.approximate) == (Decimal("260499"), Decimal("4300000"))
    assert (result.exact_count, result.approximate_count) == (1, 1)


def test_other_kinds_and_years_are_not_added():
    AwardFigureFactory(amount=Decimal("100"), kind=FigureKind.ALLOCATION)
    AwardFigureFactory(amount=Decimal("100"), award__fiscal_year=2017)
    result = total(kind=FigureKind.AWARD, fiscal_year=2016)
    assert result.exact == 0
    assert result.counted == 0


def test_subaward_is_skipped_when_its_parent_is_counted():
    parent = AwardFactory()
    AwardFigureFactory(award=parent, amount=Decimal("1000"))
    child = AwardFactory(parent=parent)
    AwardFigureFactory(award=child, amount=Decimal("400"))
    assert total(kind=FigureKind.AWARD, fiscal_year=2016).exact == Decimal("1000")
    alone = total(
        kind=FigureKind.AWARD,
        fiscal_year=2016,
        jurisdictions=Jurisdiction.objects.filter(pk=child.recipient_id),
    )
    assert alone.exact == Decimal("400")


def test_agreeing_figures_count_once_and_conflicting_ones_are_disputed():
    """An exact figure wins over an approximation that fits it; a conflict is not added."""
    lawrence = AwardFactory()
    AwardFigureFactory(
        award=lawrence, amount=Decimal("72000"), qualifier=Qualifier.ABOUT
    )
    AwardFigureFactory(award=lawrence, amount=Decimal("71811"))
    oregon = AwardFactory()
    AwardFigureFactory(award=oregon, amount=Decimal("18244126"))
    AwardFigureFactory(
        award=oregon, amount=Decimal("3000000"), qualifier=Qualifier.ABOUT
    )
    result = total(kind=FigureKind.AWARD, fiscal_year=2016)
    assert result.exact == Decimal("71811")
    assert result.disputed == [oregon]
    assert result.not_recorded == []


def test_partner_shares_are_added_when_the_whole_is_unknown():
    salinas = JurisdictionFactory(name="Salinas")
    monterey = JurisdictionFactory(name="Monterey County")
    joint = AwardFactory(recipient=salinas)
    joint.partners.add(monterey)
    AwardFigureFactory(award=joint, amount=Decimal("17607"), share_of=monterey)
    result = total(
        kind=FigureKind.AWARD,
        fiscal_year=2016,
        jurisdictions=Jurisdiction.objects.filter(pk=monterey.pk),
    )
    assert result.exact == Decimal("17607")
    assert result.not_recorded == []


def test_subaward_counts_when_its_parent_has_no_figure():
    """Denver's subaward under Colorado's grant is not lost when Colorado has no figure."""
    colorado = AwardFactory(fiscal_year=2017)
    denver = AwardFactory(fiscal_year=2017, parent=colorado)
    AwardFigureFactory(award=denver, amount=Decimal("270674"))
    both = Jurisdiction.objects.filter(
        pk__in=[colorado.recipient_id, denver.recipient_id]
    )
    result = total(kind=FigureKind.AWARD, fiscal_year=2017, jurisdictions=both)
    assert result.exact == Decimal("270674")
    assert result.not_recorded == [colorado.recipient.name]


def test_shares_count_when_the_whole_figure_has_no_amount():
    joint = AwardFactory()
    partner = JurisdictionFactory()
    joint.partners.add(partner)
    AwardFigureFactory(award=joint, amount=None, as_reported="cut off")
    AwardFigureFactory(award=joint, amount=Decimal("17607"), share_of=partner)
    result = total(
        kind=FigureKind.AWARD,
        fiscal_year=2016,
        jurisdictions=Jurisdiction.objects.filter(pk=partner.pk),
    )
    assert result.exact == Decimal("17607")


def test_a_joint_award_counted_for_one_partner_is_flagged_shared():
    joint = AwardFactory()
    cook = JurisdictionFactory(name="Cook County")
    joint.partners.add(cook)
    AwardFigureFactory(award=joint, amount=Decimal("2333428"))
    alone = total(
        kind=FigureKind.AWARD,
        fiscal_year=2016,
        jurisdictions=Jurisdiction.objects.filter(pk=cook.pk),
    )
    assert alone.shared == [joint]
    both = total(
        kind=FigureKind.AWARD,
        fiscal_year=2016,
        jurisdictions=Jurisdiction.objects.filter(pk__in=[cook.pk, joint.recipient_id]),
    )
    assert both.shared == []
