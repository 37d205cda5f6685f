"""Being named on a published list, and taken off it, as status events and on the
timeline; the stored statuses follow every write of a list or a name."""

from datetime import date

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from designations.models import Designation
from review.jurisdictions import jurisdictions
from review.models import Status
from sanctuary_tracker.services import record_verify
from tests.factories import (
    CampaignFactory,
    CitationFactory,
    DesignationFactory,
    JurisdictionFactory,
    LetterFactory,
    ListingFactory,
    ResponseFactory,
    first_review,
)
from tests.review.test_campaign_status import assert_stored_statuses_are_the_rules

pytestmark = pytest.mark.django_db
LISTED_ON = date(2025, 8, 5)


@pytest.fixture
def campaign():
    first_review()
    return CampaignFactory(slug="campaign-2025", started_on=date(2025, 1, 20))


def status_in(campaign, jurisdiction) -> str:
    return jurisdictions().with_status(campaign).get(pk=jurisdiction.pk).status


def test_a_name_on_a_list_is_listed_in_the_lists_campaign_only(campaign):
    listing = ListingFactory(designation__campaign=campaign)
    unmapped = ListingFactory(designation=listing.designation, jurisdiction=None)
    assert status_in(campaign, listing.jurisdiction) == Status.LISTED
    assert status_in(first_review(), listing.jurisdiction) == Status.NO_RECORDED_EVENT
    assert unmapped.jurisdiction is None
    assert_stored_statuses_are_the_rules()


def test_a_listing_outranks_a_demand_of_its_day_and_yields_to_a_reply(campaign):
    place = JurisdictionFactory()
    demand = LetterFactory(jurisdiction=place, campaign=campaign, sent_on=LISTED_ON,
                           due_on=None, threatens_subpoena=True)  # fmt: skip
    ListingFactory(designation__campaign=campaign, jurisdiction=place)
    assert status_in(campaign, place) == Status.LISTED
    ResponseFactory(
        jurisdiction=place, in_reply_to=demand, sent_on=LISTED_ON, campaign=campaign
    )
    assert status_in(campaign, place) == Status.RESPONDED


def test_a_removal_or_a_withdrawal_takes_it_off(campaign):
    listing = ListingFactory(designation__campaign=campaign)
    listing.removed_on, listing.removal_note = date(2025, 9, 1), "Taken off"
    listing.save()
    assert status_in(campaign, listing.jurisdiction) == Status.DELISTED
    assert_stored_statuses_are_the_rules()
    other = ListingFactory(designation__campaign=campaign)
    designation = other.designation
    designation.withdrawn_on = date(2025, 8, 7)
    designation.save()
    assert status_in(campaign, other.jurisdiction) == Status.DELISTED
    assert not jurisdictions().listed(campaign).exists()
    assert_stored_statuses_are_the_rules()


def test_statuses_follow_a_move_a_verification_and_a_delete(campaign):
    listing = ListingFactory(designation__campaign=campaign)
    first, second = listing.jurisdiction, JurisdictionFactory()
    listing.jurisdiction = second
    listing.save()
    assert status_in(campaign, first) == Status.NO_RECORDED_EVENT
    assert status_in(campaign, second) == Status.LISTED
    assert_stored_statuses_are_the_rules()
    # The whole list moved to another campaign.
    designation = listing.designation
    designation.campaign = first_review()
    designation.save()
    assert status_in(campaign, second) == Status.NO_RECORDED_EVENT
    assert status_in(first_review(), second) == Status.LISTED
    assert_stored_statuses_are_the_rules()
    draft = ListingFactory(designation=designation, verified_at=None)
    assert status_in(first_review(), draft.jurisdiction) == Status.NO_RECORDED_EVENT
    record_verify(record=draft, user=User.objects.create_user("checker"))
    assert status_in(first_review(), draft.jurisdiction) == Status.LISTED
    assert_stored_statuses_are_the_rules()
    draft.delete()
    assert status_in(first_review(), draft.jurisdiction) == Status.NO_RECORDED_EVENT
    designation.delete()  # its names go with it
    assert status_in(first_review(), second) == Status.NO_RECORDED_EVENT
    assert_stored_statuses_are_the_rules()


def test_a_draft_list_lists_no_one_until_verified(campaign):
    listing = ListingFactory(designation__campaign=campaign,
                             designation__verified_at=None)  # fmt: skip
    assert status_in(campaign, listing.jurisdiction) == Status.NO_RECORDED_EVENT
    record_verify(record=listing.designation, user=User.objects.create_user("checker"))
    assert status_in(campaign, listing.jurisdiction) == Status.LISTED
    assert_stored_statuses_are_the_rules()


def test_the_timeline_shows_the_listing_and_the_removal_with_sources(client, campaign):
    designation = DesignationFactory(campaign=campaign)
    CitationFactory(record=designation, quote="published a list of 35")
    chicago = JurisdictionFactory(name="Chicago", slug="chicago")
    listing = ListingFactory(designation=designation, jurisdiction=chicago,
                             name_as_printed="Chicago, Illinois",
                             removed_on=date(2025, 9, 2), removal_note="Taken off",
                             removal_precision="by")  # fmt: skip
    CitationFactory(record=listing, quote="removed Chicago")
    page = client.get(reverse("jurisdictions:detail", args=["chicago"]))
    entries = {entry.kind: entry for entry in page.context["timeline"]}
    listed = entries["listed"]
    assert listed.label == (
        "Listed by DOJ on its list of August 5, 2025 as “Chicago, Illinois” (City)"
    )
    assert listed.url == designation.get_absolute_url()
    assert "published a list of 35" in [c.quote for c in listed.citations]
    removed = entries["delisted"]
    assert removed.on_display == "by September 2, 2025"
    assert removed.text == "Taken off"
    assert [c.quote for c in removed.citations] == ["removed Chicago"]
    text = page.content.decode()
    assert "Listed by DOJ on its list of August 5, 2025" in text
    block = page.context["statuses"][1]
    assert block["status"] == Status.DELISTED


def test_the_list_filter_and_export_of_jurisdictions(client, campaign):
    listing = ListingFactory(designation__campaign=campaign)
    other = JurisdictionFactory()
    url = reverse("jurisdictions:list")
    listed = client.get(url, {"campaign": "campaign-2025", "listed": "true"})
    assert [row.pk for row in listed.context["object_list"]] == [
        listing.jurisdiction_id
    ]
    unlisted = client.get(url, {"campaign": "campaign-2025", "listed": "false"})
    assert other.pk in [row.pk for row in unlisted.context["object_list"]]
    # In the first campaign no list names it.
    assert client.get(url, {"listed": "true"}).context["paginator"].count == 0
    export = client.get(reverse("jurisdictions:export", args=["json"]),
                        {"campaign": "campaign-2025"})  # fmt: skip
    body = b"".join(export.streaming_content).decode()
    assert body.count('"listed": true') == 1


def test_the_list_admin_verifies_and_refreshes(admin_client, campaign):
    listing = ListingFactory(designation__campaign=campaign,
                             designation__verified_at=None)  # fmt: skip
    admin_client.post(
        reverse("admin:designations_designation_changelist"),
        {"action": "verify_selected", "_selected_action": [listing.designation_id]},
    )
    # The admin user made no recorded change, so they may verify it.
    assert Designation.objects.get().verified_at is not None
    assert status_in(campaign, listing.jurisdiction) == Status.LISTED
    assert_stored_statuses_are_the_rules()
