"""A status per jurisdiction per campaign, stored, and never apart from the events."""

from datetime import date

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from correspondence.models import Letter
from grants.models import FigureKind
from review.jurisdictions import jurisdictions
from review.models import JurisdictionStatus, Status
from review.status import rebuild
from sanctuary_tracker.services import record_verify
from tests.admin_forms import form_data
from tests.factories import (
    AwardFactory,
    AwardFigureFactory,
    CampaignFactory,
    CaseFactory,
    DesignationFactory,
    GroupFindingFactory,
    JurisdictionFactory,
    LetterFactory,
    ListingFactory,
    ResponseFactory,
    ReviewRoundFactory,
    RulingFactory,
    SourceFactory,
    add_parties,
    first_review,
    sued_by_united_states,
)

pytestmark = pytest.mark.django_db
DAY = date(2018, 1, 24)


def status_in(campaign, jurisdiction) -> str:
    return jurisdictions().with_status(campaign).get(pk=jurisdiction.pk).status


def stored() -> list[tuple]:
    return sorted(
        JurisdictionStatus.objects.values_list(
            "jurisdiction", "campaign", "with_drafts", "status", "since_on",
            "since_precision", "rank", "event_type", "event_id",
        )
    )  # fmt: skip


def assert_stored_statuses_are_the_rules():
    """What is stored is what the rule derives from scratch, and what pages show."""
    kept = stored()
    rebuild()
    assert stored() == kept
    for campaign in JurisdictionStatus.objects.values_list("campaign__slug").distinct():
        page = Client().get(reverse("jurisdictions:list"), {"campaign": campaign[0]})
        shown = {row.pk: row.status for row in page.context["object_list"]}
        derived = dict(
            JurisdictionStatus.objects.filter(
                campaign__slug=campaign[0], with_drafts=False, jurisdiction__in=shown
            ).values_list("jurisdiction", "status")
        )
        assert shown == derived


def test_an_event_counts_only_in_its_own_campaign():
    second = CampaignFactory(slug="campaign-2025", started_on=date(2025, 1, 20))
    threat = LetterFactory(sent_on=DAY, threatens_subpoena=True)
    place = threat.jurisdiction
    LetterFactory(jurisdiction=place, campaign=second, sent_on=date(2025, 8, 13),
                  due_on=None, kind=Letter.Kind.DOCUMENT_DEMAND)  # fmt: skip
    assert status_in(first_review(), place) == Status.SUBPOENA_THREATENED
    assert status_in(second, place) == Status.DOCUMENTS_DEMANDED


def test_the_end_of_a_campaign_closes_what_was_still_open():
    campaign = first_review()
    suing = JurisdictionFactory()
    add_parties(CaseFactory(filed_on=date(2017, 8, 7)), suing)
    cleared = LetterFactory(kind=Letter.Kind.COMPLIANCE_FINDING, due_on=None,
                            finding=Letter.Finding.COMPLIANT).jurisdiction  # fmt: skip
    untouched = JurisdictionFactory()
    campaign.ended_on, campaign.end_precision = date(2021, 4, 1), "month"
    campaign.save()
    assert status_in(campaign, suing) == Status.REVIEW_ENDED
    assert status_in(campaign, cleared) == Status.FOUND_COMPLIANT
    assert status_in(campaign, untouched) == Status.NO_RECORDED_EVENT
    row = JurisdictionStatus.objects.get(
        jurisdiction=suing, campaign=campaign, with_drafts=False
    )
    assert (row.since_on, row.since_precision) == (date(2021, 4, 1), "month")


def test_an_event_after_the_end_does_not_reopen_the_campaign():
    campaign = first_review()
    campaign.ended_on, campaign.end_precision = date(2021, 4, 1), "month"
    campaign.save()
    case = CaseFactory(filed_on=date(2017, 8, 7))
    place = JurisdictionFactory()
    add_parties(case, place)
    RulingFactory(case=case, decided_on=date(2021, 4, 20))  # within April: before it
    assert status_in(campaign, place) == Status.REVIEW_ENDED
    RulingFactory(case=case, decided_on=date(2022, 3, 1))
    row = JurisdictionStatus.objects.get(
        jurisdiction=place, campaign=campaign, with_drafts=False
    )
    assert row.status == Status.REVIEW_ENDED
    assert row.since_on == date(2021, 4, 1)


def test_money_belongs_to_the_campaign_it_is_dated_in():
    first = first_review()
    first.ended_on = date(2021, 4, 1)
    first.save()
    second = CampaignFactory(started_on=date(2025, 1, 20))
    award = AwardFactory(fiscal_year=2025)
    AwardFigureFactory(award=award, kind=FigureKind.WITHHELD, amount=None,
                       as_reported="withheld", dated_on=date(2025, 3, 1))  # fmt: skip
    assert status_in(second, award.recipient) == Status.FUNDS_WITHHELD
    assert status_in(first_review(), award.recipient) == Status.NO_RECORDED_EVENT


def test_a_letter_of_a_round_is_of_the_rounds_campaign():
    second = CampaignFactory()
    letter = Letter(
        jurisdiction=JurisdictionFactory(),
        round=ReviewRoundFactory(campaign=second),
        kind=Letter.Kind.DOCUMENT_DEMAND,
        sent_on=date(2025, 8, 13),
    )
    letter.full_clean()
    assert letter.campaign == second
    letter.campaign = first_review()
    with pytest.raises(Exception, match="round belongs to another campaign"):
        letter.full_clean()


@pytest.fixture
def two_campaigns():
    """Events of both campaigns for a few jurisdictions."""
    second = CampaignFactory(slug="campaign-2025", started_on=date(2025, 1, 20))
    for index in range(3):
        demand = LetterFactory(sent_on=DAY, threatens_subpoena=index % 2 == 0)
        LetterFactory(jurisdiction=demand.jurisdiction, campaign=second,
                      sent_on=date(2025, 8, 13), due_on=None)  # fmt: skip
    return second


def test_statuses_follow_a_save_a_move_and_a_delete(two_campaigns):
    letter = Letter.objects.order_by("pk").first()
    other = JurisdictionFactory()
    letter.jurisdiction = other  # moved: both jurisdictions' statuses change
    letter.save()
    assert_stored_statuses_are_the_rules()
    ResponseFactory(jurisdiction=other, in_reply_to=letter, sent_on=date(2018, 2, 23))
    assert_stored_statuses_are_the_rules()
    letter.replies.all().delete()
    letter.delete()
    assert_stored_statuses_are_the_rules()
    assert status_in(first_review(), other) == Status.NO_RECORDED_EVENT


def test_statuses_follow_plaintiffs_partners_and_rulings(two_campaigns):
    place = Letter.objects.order_by("pk").first().jurisdiction
    case = CaseFactory(filed_on=date(2019, 1, 1))
    add_parties(case, place)
    assert status_in(first_review(), place) == Status.IN_LITIGATION
    assert_stored_statuses_are_the_rules()
    case.parties.all().delete()
    assert_stored_statuses_are_the_rules()
    # The United States as plaintiff: its defendant follows the federal party's writes.
    suit = sued_by_united_states(CaseFactory(filed_on=date(2019, 1, 1)), place)
    assert status_in(first_review(), place) == Status.SUED_BY_DOJ
    assert_stored_statuses_are_the_rules()
    federal = suit.parties.get(federal=True)
    federal.federal = False
    federal.save()
    assert status_in(first_review(), place) != Status.SUED_BY_DOJ
    assert_stored_statuses_are_the_rules()
    suit.delete()
    assert_stored_statuses_are_the_rules()
    award = AwardFactory(fiscal_year=2017)
    award.partners.add(place)
    AwardFigureFactory(award=award, kind=FigureKind.RELEASED, dated_on=date(2019, 2, 1))
    assert status_in(first_review(), place) == Status.FUNDS_RELEASED
    award.partners.remove(place)
    assert_stored_statuses_are_the_rules()


def test_statuses_follow_a_verification(two_campaigns):
    place = Letter.objects.order_by("pk").first().jurisdiction
    draft = LetterFactory(jurisdiction=place, kind=Letter.Kind.COMPLIANCE_FINDING,
                          finding=Letter.Finding.COMPLIANT, sent_on=date(2019, 3, 1),
                          due_on=None, verified_at=None)  # fmt: skip
    assert status_in(first_review(), place) != Status.FOUND_COMPLIANT
    record_verify(record=draft, user=User.objects.create_user("checker"))
    assert status_in(first_review(), place) == Status.FOUND_COMPLIANT
    assert_stored_statuses_are_the_rules()


def test_statuses_follow_an_admin_edit(two_campaigns, admin_client):
    letter = Letter.objects.order_by("pk").first()
    letter.citations.create(source=SourceFactory())
    url = reverse("admin:correspondence_letter_change", args=[letter.pk])
    data = form_data(admin_client, url, {
        "kind": Letter.Kind.COMPLIANCE_FINDING, "finding": Letter.Finding.COMPLIANT,
        "threatens_subpoena": False, "due_on": "", "sent_on": "2019-05-01",
        "change_reason": "The finding, not a demand",
    })  # fmt: skip
    response = admin_client.post(url, data)
    assert response.status_code == 302, (
        response.context["adminform"].form.errors,
        [f.formset.errors for f in response.context["inline_admin_formsets"]],
        response.context.get("errors"),
    )
    assert_stored_statuses_are_the_rules()
    # The admin's list shows the status with drafts, the public list without.
    assert status_in(first_review(), letter.jurisdiction) == Status.FOUND_COMPLIANT


def test_statuses_follow_a_published_list_and_its_names(two_campaigns, admin_client):
    place = Letter.objects.order_by("pk").first().jurisdiction
    designation = DesignationFactory(
        campaign=two_campaigns, published_on=date(2025, 8, 5)
    )
    listing = ListingFactory(designation=designation, jurisdiction=place)
    assert status_in(two_campaigns, place) == Status.DOCUMENTS_DEMANDED  # the later
    designation.published_on = date(2025, 8, 20)
    designation.save()
    assert status_in(two_campaigns, place) == Status.LISTED
    assert_stored_statuses_are_the_rules()
    listing.citations.create(source=SourceFactory())
    url = reverse("admin:designations_listing_change", args=[listing.pk])
    other = JurisdictionFactory()
    data = form_data(admin_client, url, {
        "jurisdiction": other.pk, "change_reason": "The other one was meant",
    })  # fmt: skip
    assert admin_client.post(url, data).status_code == 302
    assert status_in(two_campaigns, other) == Status.LISTED
    assert status_in(two_campaigns, place) == Status.DOCUMENTS_DEMANDED
    assert_stored_statuses_are_the_rules()
    designation.delete()
    assert status_in(two_campaigns, other) == Status.NO_RECORDED_EVENT
    assert_stored_statuses_are_the_rules()


def test_statuses_follow_the_loader():
    call_command("load_review_data", verbosity=0)
    assert_stored_statuses_are_the_rules()
    assert JurisdictionStatus.objects.filter(with_drafts=False).count() == (
        2 * jurisdictions().count()
    )


def test_the_list_filters_and_sorts_by_status_within_a_campaign(client, two_campaigns):
    listed = client.get(
        reverse("jurisdictions:list"),
        {"campaign": "campaign-2025", "status": "documents_demanded", "sort": "status"},
    )
    assert listed.status_code == 200
    assert listed.context["paginator"].count == 3
    first = client.get(reverse("jurisdictions:list"), {"status": "subpoena_threatened"})
    assert first.context["paginator"].count == 2


def test_an_unknown_campaign_is_a_form_error_not_a_server_error(client):
    first_review()
    response = client.get(reverse("jurisdictions:list"), {"campaign": "nope"})
    assert response.status_code == 200
    assert "campaign" in response.context["filter"].form.errors


def test_a_campaign_page_shows_its_statuses_rounds_and_cases(client, two_campaigns):
    ReviewRoundFactory(name="The January letters")
    CaseFactory(caption="Chicago v. Sessions")
    page = client.get(first_review().get_absolute_url())
    assert page.status_code == 200
    text = page.content.decode()
    assert "The January letters" in text and "Chicago v. Sessions" in text
    counts = {row["status"]: row["count"] for row in page.context["by_status"]}
    assert counts == {Status.DOCUMENTS_DEMANDED: 1, Status.SUBPOENA_THREATENED: 2}
    assert client.get(reverse("campaigns:list")).status_code == 200


def test_a_jurisdiction_page_has_a_status_block_per_campaign(client, two_campaigns):
    place = Letter.objects.order_by("pk").first().jurisdiction
    page = client.get(place.get_absolute_url())
    blocks = page.context["statuses"]
    assert [block["campaign"].slug for block in blocks] == [
        "doj-1373-review",
        "campaign-2025",
    ]
    assert [block["status"] for block in blocks] == [
        Status.SUBPOENA_THREATENED,
        Status.DOCUMENTS_DEMANDED,
    ]


def test_a_group_finding_applies_to_each_member_but_its_exceptions(client):
    review_round = ReviewRoundFactory(sent_on=date(2017, 11, 15))
    members = [
        LetterFactory(round=review_round, sent_on=date(2017, 11, 15)).jurisdiction
        for _ in range(3)
    ]
    finding = GroupFindingFactory(round=review_round, reported_on=date(2019, 3, 2))
    finding.exceptions.add(members[2])
    finding.citations.create(source=SourceFactory(), quote="only Oregon has yet")
    assert [status_in(first_review(), j) for j in members] == [
        Status.CLEARED, Status.CLEARED, Status.DOCUMENTS_DEMANDED
    ]  # fmt: skip
    assert_stored_statuses_are_the_rules()
    page = client.get(members[0].get_absolute_url())
    text = page.content.decode()
    assert "reported for the group" in text and "only Oregon has yet" in text
    kinds = [entry.kind for entry in page.context["timeline"]]
    assert "group_finding" in kinds
    excepted = client.get(members[2].get_absolute_url()).context["timeline"]
    assert "group_finding" not in [entry.kind for entry in excepted]
    finding.exceptions.clear()
    assert status_in(first_review(), members[2]) == Status.CLEARED
    finding.delete()
    assert status_in(first_review(), members[0]) == Status.DOCUMENTS_DEMANDED


@pytest.mark.parametrize("value", ["\x00", "nope", "a b", "x" * 300])
def test_a_campaign_no_slug_could_name_is_a_form_error(client, value):
    first_review()
    for url in (
        reverse("jurisdictions:list"),
        reverse("jurisdictions:export", args=["csv"]),
    ):
        assert client.get(url, {"campaign": value}).status_code == 200


def test_a_round_with_letters_keeps_its_campaign():
    letter = LetterFactory(round=ReviewRoundFactory())
    review_round = letter.round
    review_round.campaign = CampaignFactory()
    with pytest.raises(Exception, match="Its letters belong to its campaign"):
        review_round.full_clean()


def test_publishing_a_recipient_refreshes_its_partners_status():
    """A joint award's figures are published with its recipient: publishing the
    recipient changes the partner's public status too."""
    first_review()
    recipient = JurisdictionFactory(verified_at=None)
    partner = JurisdictionFactory()
    award = AwardFactory(recipient=recipient, fiscal_year=2017)
    award.partners.add(partner)
    AwardFigureFactory(award=award, kind=FigureKind.WITHHELD, amount=None,
                       as_reported="withheld", dated_on=date(2018, 4, 1))  # fmt: skip
    assert status_in(first_review(), partner) == Status.NO_RECORDED_EVENT
    record_verify(record=recipient, user=User.objects.create_user("checker"))
    assert status_in(first_review(), partner) == Status.FUNDS_WITHHELD
    assert_stored_statuses_are_the_rules()


def test_before_any_campaign_a_list_by_status_lists_every_jurisdiction(client):
    JurisdictionFactory()
    for query in ({"sort": "status"}, {"sort": "-status"}, {"status": "no_event"}):
        response = client.get(reverse("jurisdictions:list"), query)
        assert response.status_code == 200
        assert response.context["paginator"].count == 1


def test_the_public_sort_by_status_walks_the_status_index(client, two_campaigns):
    """Both ways, the list's own query reads its order from the status index (ties
    broken by the stored row's jurisdiction), sorting no rows: on SQLite no temporary
    B-tree, on PostgreSQL no Sort even when sorting is made the planner's last resort."""
    for sort in ("status", "-status"):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("jurisdictions:list"), {"sort": sort})
        statuses = [row.status for row in response.context["object_list"]]
        assert statuses == sorted(statuses, reverse=sort.startswith("-"))
        (ordered,) = [
            q["sql"] for q in queries.captured_queries
            if 'ORDER BY held_status."status"' in q["sql"] and " LIMIT " in q["sql"]
        ]  # fmt: skip
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute(f"EXPLAIN QUERY PLAN {ordered}")
                plan = " ".join(str(row[-1]) for row in cursor.fetchall())
                assert "TEMP B-TREE" not in plan, plan
            else:
                cursor.execute("SET LOCAL enable_sort = off")
                cursor.execute(f"EXPLAIN {ordered}")
                plan = "\n".join(row[0] for row in cursor.fetchall())
                assert "Sort" not in plan.replace("Sort Key", ""), plan
