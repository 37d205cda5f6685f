"""A published list and its names: the rules the forms and the database both keep."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from designations.models import Listing
from tests.factories import DesignationFactory, ListingFactory

pytestmark = pytest.mark.django_db


def test_a_list_cannot_be_withdrawn_before_it_was_published():
    designation = DesignationFactory.build(
        published_on=date(2025, 5, 29), withdrawn_on=date(2025, 5, 1)
    )
    with pytest.raises(ValidationError) as error:
        designation.clean()
    assert "withdrawn_on" in error.value.message_dict


def test_the_database_refuses_a_withdrawal_before_publication():
    designation = DesignationFactory()
    designation.withdrawn_on = date(2025, 8, 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        designation.save()


def test_a_name_cannot_be_removed_before_its_list_was_published():
    listing = ListingFactory.build(
        designation=DesignationFactory(), removed_on=date(2025, 8, 4)
    )
    with pytest.raises(ValidationError) as error:
        listing.clean()
    assert "removed_on" in error.value.message_dict


def test_a_removal_note_needs_its_date():
    listing = ListingFactory.build(
        designation=DesignationFactory(), removal_note="Taken off"
    )
    with pytest.raises(ValidationError) as error:
        listing.clean()
    assert "removed_on" in error.value.message_dict


def test_a_name_is_printed_once_on_a_list():
    first = ListingFactory(position=1, name_as_printed="Chicago, Illinois")
    with pytest.raises(IntegrityError), transaction.atomic():
        ListingFactory(designation=first.designation, position=2,
                       name_as_printed="Chicago, Illinois")  # fmt: skip


def test_one_jurisdiction_may_be_printed_twice():
    county = ListingFactory(name_as_printed="San Francisco County, California",
                            category_as_printed=Listing.Category.COUNTY)  # fmt: skip
    ListingFactory(designation=county.designation, jurisdiction=county.jurisdiction,
                   name_as_printed="San Francisco, California")  # fmt: skip
    assert county.jurisdiction.listings.count() == 2


def test_a_name_on_a_draft_list_is_not_published():
    draft = ListingFactory(designation__verified_at=None)
    ListingFactory()
    assert draft not in Listing.objects.published()
    assert Listing.objects.published().count() == 1
