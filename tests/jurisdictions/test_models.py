from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from correspondence.models import ReviewRound
from jurisdictions.models import Jurisdiction
from review.jurisdictions import jurisdictions
from tests.factories import JurisdictionFactory, ReviewRoundFactory

pytestmark = pytest.mark.django_db


def test_unknown_state_code_is_a_field_error_in_plain_words():
    """A state code that does not exist is refused on the state field."""
    jurisdiction = JurisdictionFactory.build(state="ZZ")
    with pytest.raises(ValidationError) as exc:
        jurisdiction.full_clean()
    assert exc.value.message_dict["state"] == [
        "ZZ is not a USPS state code. Use two capital letters such as CA, IL or DC."
    ]


def test_database_refuses_unknown_state_code():
    """The state check lives in the database too, not only in forms."""
    with pytest.raises(IntegrityError):
        Jurisdiction.objects.create(
            name="Nowhere", slug="nowhere", kind="city", state="ZZ"
        )


def test_washington_dc_is_a_federal_district_with_code_dc():
    """D.C. (in the 2017-11-15 round) is representable."""
    dc = JurisdictionFactory.build(
        name="Washington, D.C.", kind="federal_district", state="DC"
    )
    dc.full_clean()


@pytest.mark.parametrize("code", ["1", "123", "17031x", "12345678"])
def test_bad_fips_code_is_refused(code):
    """A FIPS code has 2, 5 or 7 digits."""
    with pytest.raises(ValidationError) as exc:
        JurisdictionFactory.build(fips_code=code).full_clean()
    assert "FIPS code has 2 digits" in exc.value.message_dict["fips_code"][0]


def test_population_year_without_population_is_refused():
    with pytest.raises(ValidationError) as exc:
        JurisdictionFactory.build(population_year=2017).full_clean()
    assert "population_year" in exc.value.message_dict


def test_round_due_before_sent_is_a_field_error():
    """A round's deadline cannot precede its letters."""
    review_round = ReviewRoundFactory.build(
        sent_on=date(2018, 1, 24), due_on=date(2018, 1, 1)
    )
    with pytest.raises(ValidationError) as exc:
        review_round.full_clean()
    assert exc.value.message_dict["due_on"] == [
        "The reply cannot be due before the letters were sent."
    ]


def test_database_refuses_round_due_before_sent():
    with pytest.raises(IntegrityError):
        ReviewRound.objects.create(
            name="x",
            slug="x",
            sent_on=date(2018, 1, 24),
            due_on=date(2018, 1, 1),
            letter_kind="document_demand",
        )


def test_in_round_lists_the_jurisdictions_written_to():
    from tests.factories import LetterFactory

    review_round = ReviewRoundFactory()
    inside = LetterFactory(round=review_round).jurisdiction
    JurisdictionFactory()
    assert list(jurisdictions().in_round(review_round)) == [inside]
