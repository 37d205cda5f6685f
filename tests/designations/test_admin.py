"""The lists in the admin: the review gate, sources inline, errors on their fields."""

from datetime import date

import pytest
from django.urls import reverse

from designations.models import Designation, Listing
from tests.admin_forms import CITATIONS, post_data
from tests.factories import (
    CampaignFactory,
    DesignationFactory,
    JurisdictionFactory,
    ListingFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


def test_staff_add_a_list_as_a_draft_with_its_source(staff_client):  # noqa: F811
    campaign = CampaignFactory()
    source = SourceFactory()
    url = reverse("admin:designations_designation_add")
    data = post_data(staff_client, url, {
        "campaign": campaign.pk, "publisher": "U.S. Department of Justice",
        "title": "DOJ list", "slug": "doj-list", "published_on": "2025-08-05",
        "date_precision": "day", "withdrawal_precision": "day",
    }, {CITATIONS: [{"source": source.pk, "quote": "a list of 35"}]})  # fmt: skip
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    designation = Designation.objects.get()
    assert designation.verified_at is None
    assert designation.citations.get().quote == "a list of 35"


def test_a_withdrawal_before_publication_shows_on_its_field(staff_client):  # noqa: F811
    url = reverse("admin:designations_designation_add")
    data = post_data(staff_client, url, {
        "campaign": CampaignFactory().pk, "publisher": "DHS", "title": "DHS list",
        "slug": "dhs-list", "published_on": "2025-05-29", "date_precision": "day",
        "withdrawn_on": "2025-05-01", "withdrawal_precision": "day",
    }, {CITATIONS: [{"source": SourceFactory().pk}]})  # fmt: skip
    response = staff_client.post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["withdrawn_on"] == [
        "A list cannot be withdrawn before it was published."
    ]


def test_a_removal_before_the_list_shows_on_its_field(staff_client):  # noqa: F811
    designation = DesignationFactory(published_on=date(2025, 8, 5))
    url = reverse("admin:designations_listing_add")
    data = post_data(staff_client, url, {
        "designation": designation.pk, "position": 1, "category_as_printed": "city",
        "name_as_printed": "Chicago, Illinois", "jurisdiction": JurisdictionFactory().pk,
        "removed_on": "2025-07-01", "removal_precision": "day",
    }, {CITATIONS: [{"source": SourceFactory().pk}]})  # fmt: skip
    response = staff_client.post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["removed_on"] == [
        "A name cannot be removed before its list was published."
    ]
    assert not Listing.objects.exists()


@pytest.mark.parametrize("name", ["designations_designation", "designations_listing"])
def test_list_history_and_add_pages(staff_client, name):  # noqa: F811
    designation = DesignationFactory()
    assert staff_client.get(reverse(f"admin:{name}_changelist")).status_code == 200
    assert staff_client.get(reverse(f"admin:{name}_add")).status_code == 200
    if name == "designations_designation":
        change = reverse(f"admin:{name}_change", args=[designation.pk])
        assert staff_client.get(change).status_code == 200
        history = reverse(f"admin:{name}_history", args=[designation.pk])
        assert staff_client.get(history).status_code == 200
    filtered = staff_client.get(reverse("admin:designations_listing_changelist"),
                                {"mapped": "no"})  # fmt: skip
    assert filtered.status_code == 200


def test_a_jurisdictions_admin_page_lists_its_names_on_lists(staff_client):  # noqa: F811
    listing = ListingFactory(name_as_printed="Chicago, Illinois")
    url = reverse("admin:jurisdictions_jurisdiction_change",
                  args=[listing.jurisdiction_id])  # fmt: skip
    page = staff_client.get(url)
    assert page.status_code == 200
    assert "names on published lists" in page.content.decode().lower()
    assert "Chicago, Illinois" in page.content.decode()
