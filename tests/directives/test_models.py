from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from directives.models import Directive
from litigation.models import RulingEffect
from sanctuary_tracker.models import DatePrecision
from tests.factories import DirectiveFactory, RulingEffectFactory, RulingFactory

pytestmark = pytest.mark.django_db


def errors_of(directive: Directive) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        directive.full_clean()
    return caught.value.message_dict


def test_an_executive_order_needs_its_number():
    """clean() names the number field when an executive order has none."""
    directive = DirectiveFactory.build(number="", slug="no-number")
    assert errors_of(directive)["number"] == [
        "Give the executive order's number, e.g. 14159."
    ]
    memo = DirectiveFactory.build(kind=Directive.Kind.AG_MEMO, number="", slug="memo")
    memo.full_clean()


def test_publication_cannot_come_before_issue():
    """A Federal Register date before the signing is refused on published_on."""
    directive = DirectiveFactory.build(
        issued_on=date(2025, 2, 19), published_on=date(2025, 2, 1), slug="early"
    )
    assert errors_of(directive)["published_on"] == [
        "It cannot be published before it was issued (2025-02-19)."
    ]


def test_a_directive_revokes_only_an_earlier_one_and_never_itself():
    """revokes: not itself, not a later directive."""
    later = DirectiveFactory(issued_on=date(2025, 4, 28), title="Later order")
    earlier = DirectiveFactory(issued_on=date(2025, 1, 20))
    earlier.revokes = later
    assert "issued before it" in errors_of(earlier)["revokes"][0]
    earlier.revokes = earlier
    assert errors_of(earlier)["revokes"] == ["A directive cannot revoke itself."]
    later.revokes = earlier
    later.full_clean()


def test_the_database_refuses_an_executive_order_without_a_number():
    with pytest.raises(IntegrityError), transaction.atomic():
        DirectiveFactory(number="")


def test_date_in_words_keeps_its_precision():
    directive = DirectiveFactory.build(
        issued_on=date(2025, 2, 1), issued_precision=DatePrecision.MONTH
    )
    assert directive.issued_on_display == "February 2025"
    assert DirectiveFactory.build(issued_on=None).issued_on_display == "not recorded"


def test_label_and_page_path():
    directive = DirectiveFactory(number="14159", slug="eo-14159")
    assert directive.label == "Executive order 14159"
    assert directive.get_absolute_url() == "/directives/eo-14159/"


def test_issued_in_and_published():
    """issued_in() reads the year; published() leaves drafts out."""
    old = DirectiveFactory(issued_on=date(2021, 1, 20))
    new = DirectiveFactory(issued_on=date(2025, 1, 20))
    DirectiveFactory(issued_on=date(2025, 2, 5), verified_at=None)
    assert list(Directive.objects.published().issued_in(2025)) == [new]
    assert list(Directive.objects.published().chronological()) == [old, new]


def test_one_effect_per_ruling_and_directive():
    effect = RulingEffectFactory()
    duplicate = RulingEffect(
        ruling=effect.ruling, directive=effect.directive, effect="upholds"
    )
    with pytest.raises(ValidationError) as caught:
        duplicate.full_clean()
    assert caught.value.messages == [
        "This ruling already has an effect on this directive."
    ]


def test_published_effects_need_a_published_ruling_and_directive():
    shown = RulingEffectFactory()
    RulingEffectFactory(directive=DirectiveFactory(verified_at=None))
    RulingEffectFactory(ruling=RulingFactory(verified_at=None))
    RulingEffectFactory(ruling=RulingFactory(case__verified_at=None))
    assert list(RulingEffect.objects.published()) == [shown]
