from datetime import date

import pytest
from django.db.models import F

from correspondence.models import Letter
from grants.models import FigureKind
from jurisdictions.models import Jurisdiction
from review.jurisdictions import jurisdictions, status_key
from review.status import Status, status_event, status_since, status_since_display
from review.status import status_of as status_named
from tests.factories import (
    AwardFactory,
    AwardFigureFactory,
    CaseFactory,
    JurisdictionFactory,
    LetterFactory,
    ResponseFactory,
    RulingFactory,
)

pytestmark = pytest.mark.django_db
DAY = date(2018, 1, 24)


def status_of(jurisdiction: Jurisdiction) -> str:
    return status_named(
        jurisdictions().with_status().get(pk=jurisdiction.pk).status_key
    )


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
    case.plaintiffs.add(plaintiff)
    assert status_of(plaintiff) == Status.IN_LITIGATION
    LetterFactory(jurisdiction=plaintiff, sent_on=date(2018, 3, 1), due_on=None)
    assert status_of(plaintiff) == Status.DOCUMENTS_DEMANDED
    RulingFactory(case=case, decided_on=date(2018, 4, 19))
    assert status_of(plaintiff) == Status.IN_LITIGATION


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
    CaseFactory(filed_on=date(2018, 2, 6)).plaintiffs.add(response.jurisdiction)
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
    row = jurisdictions().with_status().get(pk=threat.jurisdiction_id)
    assert status_since(row.status_key) == DAY
    assert status_event(row, row.status_key) == threat


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
    assert status_named(row.status_key) == Status.FOUND_COMPLIANT
    assert status_since_display(row.status_key) == "August 2017"


def test_the_rule_built_once_is_not_changed_by_the_queries_that_use_it():
    """The status expression is built once per process and shared by every query."""
    before = str(jurisdictions().with_status().query)
    demand = LetterFactory(sent_on=DAY, threatens_subpoena=True)
    responded = ResponseFactory(sent_on=date(2018, 2, 23)).jurisdiction
    filtered = jurisdictions().with_status_in(Status.RESPONDED).order_by("-status")
    assert list(filtered) == [responded]
    counted = (
        jurisdictions()
        .with_status(include_drafts=True)
        .filter(pk=demand.jurisdiction_id)
        .annotate(status=F("status"))
        .values_list("status", flat=True)
    )
    assert list(counted) == [Status.SUBPOENA_THREATENED]
    assert status_of(demand.jurisdiction) == Status.SUBPOENA_THREATENED
    assert str(jurisdictions().with_status().query) == before


def test_a_rows_status_read_from_its_key_is_the_databases_status():
    """`status` in the database (filters, orders, counts) and `status_of()` of a row's
    key name the same status, "no recorded event" included."""
    LetterFactory(sent_on=DAY, threatens_subpoena=True)
    ResponseFactory(sent_on=date(2018, 2, 23))
    JurisdictionFactory()  # no event
    rows = jurisdictions().with_status().annotate(in_database=F("status"))
    assert {status_named(row.status_key) for row in rows} == {
        Status.SUBPOENA_THREATENED,
        Status.RESPONDED,
        Status.NO_RECORDED_EVENT,
    }
    assert all(status_named(row.status_key) == row.in_database for row in rows)
    # A row read without `with_status()` reads its key when asked.
    plain = jurisdictions().get(pk=rows[0].pk)
    assert status_named(status_key(plain)) == status_named(rows[0].status_key)
