"""An amount is shown as its source gives it: whole dollars, or with its cents, never
rounded, on the status page's totals and the dashboard's."""

from decimal import Decimal

import pytest
from django.test import override_settings

from tests.factories import AwardFactory, AwardFigureFactory, JurisdictionFactory

pytestmark = pytest.mark.django_db


@override_settings(PAGE_CACHE_SECONDS=0)
def test_cents_are_kept_on_the_status_page_and_the_dashboard(client):
    town = JurisdictionFactory(name="Centville", slug="centville")
    AwardFigureFactory(award=AwardFactory(recipient=town), amount=Decimal("1234.56"))
    status_page = client.get(town.get_absolute_url()).content.decode()
    assert "$1,234.56" in status_page
    assert "$1,235" not in status_page
    assert "$1,234.56" in client.get("/").content.decode()


@override_settings(PAGE_CACHE_SECONDS=0)
def test_whole_dollars_show_no_cents(client):
    town = JurisdictionFactory(name="Roundville", slug="roundville")
    AwardFigureFactory(award=AwardFactory(recipient=town), amount=Decimal("2333428"))
    assert "$2,333,428<" in client.get(town.get_absolute_url()).content.decode()
