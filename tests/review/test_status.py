from datetime import date

import pytest

from correspondence.models import Letter
from grants.models import FigureKind
from jurisdictions.models import Jurisdiction
from litigation.models import Party, Ruling
from review.jurisdictions import jurisdictions
from review.models import JurisdictionStatus, Status
from review.status import since_display, status_event
from tests.factories import (
    AwardFactory,
    AwardFigureFactory,
    CampaignFactory,
    CaseFactory,
    JurisdictionFactory,
    LetterFactory,
    ResponseFactory,
    RulingFactory,
    add_parties,
    first_review,
    sued_by_united_states,
)

pytestmark = pytest.mark.django_db
DAY = date(2018, 1, 24)


def status_of(jurisdiction: Jurisdiction) -> str:
    return jurisdictions().with_status().get(pk=jurisdiction.pk).status


def test_no_event_means_no_recorded_status():
    assert status_of(JurisdictionFactory()) == Status.NO_RECORDED_EVENT


@pytest.mark.parametrize(
    ("letter", "expected"),
    [
        ({"kind": Letter.Kind.CERTIFICATION_REQUEST}, Status.UNDER_REVIEW),
        ({"kind": Letter.Kind.PRELIMINARY_ASSESSMENT}, Status.PRELIMINARY_FINDING),
        ({"kind": Letter.Kind.DOCUMENT_DEMAND}, Status.DOCUMENTS_DEMANDED),
        (
            {"kind": Letter.Kind.DOCUMENT_DEMAND, "threatens_subpoena": True},
            Status.SUBPOENA_THREATENED,
        ),
        (
            {"kind": Letter.Kind.SUBPOENA_THREAT, "threatens_subpoena": True},
            Status.SUBPOENA_THREATENED,
        ),
        ({"kind": Letter.Kind.SUBPOENA, "due_on": None}, Status.SUBPOENAED),
        (
            {
                "kind": Letter.Kind.COMPLIANCE_FINDING,
                "finding": "compliant",
                "due_on": None,
            },
            Status.FOUND_COMPLIANT,
        ),
        (
            {
                "kind": Letter.Kind.COMPLIANCE_FINDING,
                "finding": "non_compliant",
                "due_on": None,
            },
            Status.FOUND_NONCOMPLIANT,
        ),
    ],
)
def test_each_kind_of_doj_letter_sets_its_status(letter, expected):
    assert status_of(LetterFactory(sent_on=DAY, **letter).jurisdiction) == expected


def test_a_response_sets_responded():
    response = ResponseFactory(sent_on=DAY)
    assert status_of(response.jurisdiction) == Status.RESPONDED


def test_a_lawsuit_and_a_ruling_set_in_litigation():
    case = CaseFactory(filed_on=DAY)
    plaintiff = JurisdictionFactory()
    add_parties(case, plaintiff)
    assert status_of(plaintiff) == Status.IN_LITIGATION
    LetterFactory(jurisdiction=plaintiff, sent_on=date(2018, 3, 1), due_on=None)
    assert status_of(plaintiff) == Status.DOCUMENTS_DEMANDED
    RulingFactory(case=case, decided_on=date(2018, 4, 19),
                  kind=Ruling.Kind.APPELLATE_DECISION)  # fmt: skip
    assert status_of(plaintiff) == Status.IN_LITIGATION


def test_an_injunction_for_a_plaintiff_sets_enjoined_but_not_for_other_sides():
    case = CaseFactory(filed_on=DAY)
    plaintiff, amicus = JurisdictionFactory(), JurisdictionFactory()
    add_parties(case, plaintiff)
    add_parties(case, amicus, side=Party.Side.AMICUS)
    RulingFactory(case=case, decided_on=date(2018, 4, 19),
                  kind=Ruling.Kind.PRELIMINARY_INJUNCTION)  # fmt: skip
    assert status_of(plaintiff) == Status.ENJOINED
    assert status_of(amicus) == Status.NO_RECORDED_EVENT
    RulingFactory(case=case, decided_on=date(2018, 5, 1),
                  kind=Ruling.Kind.TRO, outcome=Ruling.Outcome.AGAINST_JURISDICTION)  # fmt: skip
    assert status_of(plaintiff) == Status.IN_LITIGATION


def test_a_suit_by_the_united_states_sets_sued_by_doj_then_dismissed():
    defendant, suing = JurisdictionFactory(), JurisdictionFactory()
    case = sued_by_united_states(CaseFactory(filed_on=DAY), defendant)
    assert status_of(defendant) == Status.SUED_BY_DOJ
    # A jurisdiction that sues DOJ is not "sued by DOJ".
    add_parties(CaseFactory(filed_on=DAY), suing)
    assert status_of(suing) == Status.IN_LITIGATION
    RulingFactory(case=case, decided_on=date(2018, 4, 1), kind=Ruling.Kind.STAY_ORDER,
                  outcome=Ruling.Outcome.AGAINST_JURISDICTION)  # fmt: skip
    assert status_of(defendant) == Status.SUED_BY_DOJ
    RulingFactory(case=case, decided_on=date(2018, 7, 25),
                  kind=Ruling.Kind.DISMISSAL_WITHOUT_PREJUDICE)  # fmt: skip
    assert status_of(defendant) == Status.SUIT_DISMISSED
    # Without its federal plaintiff the case is no suit by the United States.
    case.parties.filter(federal=True).delete()
    assert status_of(defendant) == Status.NO_RECORDED_EVENT


def test_withheld_then_released_money_sets_the_funds_statuses():
    award = AwardFactory(fiscal_year=2017)
    AwardFigureFactory(
        award=award,
        kind=FigureKind.WITHHELD,
        amount=None,
        as_reported="withheld",
        dated_on=date(2018, 4, 1),
    )
    assert status_of(award.recipient) == Status.FUNDS_WITHHELD
    AwardFigureFactory(
        award=award, kind=FigureKind.RELEASED, dated_on=date(2018, 10, 10)
    )
    assert status_of(award.recipient) == Status.FUNDS_RELEASED


def test_money_on_a_shared_award_counts_for_every_partner():
    award = AwardFactory(fiscal_year=2017)
    partner = JurisdictionFactory()
    award.partners.add(partner)
    AwardFigureFactory(
        award=award, kind=FigureKind.RELEASED, dated_on=date(2019, 1, 28)
    )
    assert status_of(partner) == Status.FUNDS_RELEASED


def test_the_latest_event_wins():
    demand = LetterFactory(sent_on=DAY, threatens_subpoena=True)
    ResponseFactory(
        jurisdiction=demand.jurisdiction, in_reply_to=demand, sent_on=date(2018, 2, 23)
    )
    assert status_of(demand.jurisdiction) == Status.RESPONDED
    LetterFactory(
        jurisdiction=demand.jurisdiction,
        kind=Letter.Kind.COMPLIANCE_FINDING,
        finding="compliant",
        sent_on=date(2018, 3, 27),
        due_on=None,
    )
    assert status_of(demand.jurisdiction) == Status.FOUND_COMPLIANT


def test_same_day_lawsuit_outranks_a_response():
    """West Palm Beach replied and sued on 2018-02-06: it is in litigation."""
    response = ResponseFactory(sent_on=date(2018, 2, 6))
    add_parties(CaseFactory(filed_on=date(2018, 2, 6)), response.jurisdiction)
    assert status_of(response.jurisdiction) == Status.IN_LITIGATION


def test_threatened_but_never_subpoenaed_is_expressible():
    threat = LetterFactory(sent_on=DAY, threatens_subpoena=True)
    threatened = jurisdictions().subpoena_threatened()
    assert list(threatened) == [threat.jurisdiction]
    assert not threatened.subpoenaed().exists()


def test_status_event_names_the_event_that_set_it():
    early = LetterFactory(
        sent_on=date(2017, 11, 15), kind=Letter.Kind.PRELIMINARY_ASSESSMENT
    )
    threat = LetterFactory(
        jurisdiction=early.jurisdiction, sent_on=DAY, threatens_subpoena=True
    )
    row = JurisdictionStatus.objects.get(
        jurisdiction=threat.jurisdiction, campaign=first_review(), with_drafts=False
    )
    assert row.since_on == DAY
    assert status_event(row) == threat


def test_filter_by_status_uses_the_same_rule():
    threat = LetterFactory(threatens_subpoena=True)
    ResponseFactory(sent_on=DAY)
    assert list(jurisdictions().with_status_in(Status.SUBPOENA_THREATENED)) == [
        threat.jurisdiction
    ]


def test_a_partners_share_never_sets_the_other_partners_status():
    award = AwardFactory(fiscal_year=2017)
    partner = JurisdictionFactory()
    award.partners.add(partner)
    AwardFigureFactory(award=award, kind=FigureKind.RELEASED, share_of=partner,
                       dated_on=date(2019, 1, 28))  # fmt: skip
    assert status_of(partner) == Status.FUNDS_RELEASED
    assert status_of(award.recipient) == Status.NO_RECORDED_EVENT


def test_the_since_date_is_no_more_precise_than_its_source():
    letter = LetterFactory(sent_on=date(2017, 8, 1), date_precision="month",
                           kind=Letter.Kind.COMPLIANCE_FINDING, finding="compliant",
                           due_on=None)  # fmt: skip
    row = jurisdictions().with_status().get(pk=letter.jurisdiction_id)
    assert row.status == Status.FOUND_COMPLIANT
    assert since_display(row.status_since_on, row.status_precision) == "August 2017"


def test_filters_sorts_and_counts_read_the_stored_status_not_the_events():
    """A list by status joins the stored statuses: no letter, case or figure is read."""
    demand = LetterFactory(sent_on=DAY, threatens_subpoena=True)
    responded = ResponseFactory(sent_on=date(2018, 2, 23)).jurisdiction
    filtered = jurisdictions().with_status_in(Status.RESPONDED).order_by("-status")
    assert list(filtered) == [responded]
    sql = str(filtered.query)
    assert "review_jurisdictionstatus" in sql
    assert "correspondence_letter" not in sql
    counted = (
        jurisdictions()
        .with_status(include_drafts=True)
        .filter(pk=demand.jurisdiction_id)
        .values_list("status", flat=True)
    )
    assert list(counted) == [Status.SUBPOENA_THREATENED]


def test_a_draft_counts_only_in_the_status_staff_see():
    published = LetterFactory(sent_on=DAY, threatens_subpoena=True)
    ResponseFactory(jurisdiction=published.jurisdiction, sent_on=date(2018, 2, 23),
                    verified_at=None)  # fmt: skip
    public = jurisdictions().with_status().get(pk=published.jurisdiction_id)
    staff = (
        jurisdictions()
        .with_status(include_drafts=True)
        .get(pk=published.jurisdiction_id)
    )
    assert public.status == Status.SUBPOENA_THREATENED
    assert staff.status == Status.RESPONDED


def test_every_jurisdiction_has_a_status_in_every_campaign():
    """A jurisdiction with no event is listed, as "no recorded event"."""
    first_review()
    JurisdictionFactory()
    CampaignFactory()
    rows = jurisdictions().with_status(CampaignFactory())
    assert [row.status for row in rows] == [Status.NO_RECORDED_EVENT]
    assert JurisdictionStatus.objects.filter(with_drafts=False).count() == 3
