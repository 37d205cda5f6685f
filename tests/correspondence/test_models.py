from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from correspondence.models import Letter
from tests.factories import (
    CampaignFactory,
    JurisdictionFactory,
    LetterFactory,
    ResponseFactory,
)

pytestmark = pytest.mark.django_db


def errors_of(letter: Letter) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as exc:
        letter.full_clean()
    return exc.value.message_dict


def test_due_date_before_sent_date_is_refused_on_the_due_field():
    letter = LetterFactory.build(
        jurisdiction=JurisdictionFactory(),
        sent_on=date(2018, 1, 24),
        due_on=date(2018, 1, 2),
    )
    assert errors_of(letter)["due_on"] == [
        "The response cannot be due (2018-01-02) before the letter was sent (2018-01-24)."
    ]


def test_database_refuses_due_before_sent():
    with pytest.raises(IntegrityError):
        LetterFactory(sent_on=date(2018, 1, 24), due_on=date(2018, 1, 2))


def test_a_letter_from_the_jurisdiction_must_be_a_response():
    letter = LetterFactory.build(
        jurisdiction=JurisdictionFactory(), direction=Letter.Direction.FROM_JURISDICTION
    )
    assert errors_of(letter)["kind"] == [
        "A letter from the jurisdiction to DOJ is a response."
    ]


def test_database_refuses_a_response_sent_by_doj():
    with pytest.raises(IntegrityError):
        LetterFactory(kind=Letter.Kind.RESPONSE)


def test_compliance_finding_needs_a_finding():
    letter = LetterFactory.build(
        jurisdiction=JurisdictionFactory(),
        kind=Letter.Kind.COMPLIANCE_FINDING,
        due_on=None,
    )
    assert errors_of(letter)["finding"] == [
        "Say what DOJ found: compliant or not compliant."
    ]


def test_finding_only_on_compliance_findings():
    letter = LetterFactory.build(
        jurisdiction=JurisdictionFactory(), finding="compliant"
    )
    assert errors_of(letter)["finding"] == [
        "Only a compliance finding records a finding."
    ]


def test_database_refuses_unflagged_subpoena_threat():
    with pytest.raises(IntegrityError):
        LetterFactory(kind=Letter.Kind.SUBPOENA_THREAT, threatens_subpoena=False)


def test_a_response_cannot_threaten_a_subpoena():
    response = ResponseFactory.build(
        jurisdiction=JurisdictionFactory(), threatens_subpoena=True
    )
    assert "threatens_subpoena" in errors_of(response)


def test_reply_must_answer_a_letter_to_the_same_jurisdiction():
    demand = LetterFactory()
    reply = ResponseFactory.build(
        jurisdiction=JurisdictionFactory(), in_reply_to=demand
    )
    assert errors_of(reply)["in_reply_to"] == [
        "That letter went to another jurisdiction."
    ]


def test_reply_cannot_predate_the_letter():
    demand = LetterFactory(sent_on=date(2018, 1, 24))
    reply = ResponseFactory.build(
        jurisdiction=demand.jurisdiction, in_reply_to=demand, sent_on=date(2018, 1, 1)
    )
    assert errors_of(reply)["in_reply_to"] == [
        "A response cannot be dated before the letter it answers."
    ]


def test_overdue_answered_and_awaiting():
    """overdue() ignores answered letters and letters not yet due."""
    answered = LetterFactory(due_on=date(2018, 2, 23))
    ResponseFactory(jurisdiction=answered.jurisdiction, in_reply_to=answered)
    late = LetterFactory(due_on=date(2018, 2, 23))
    not_yet = LetterFactory(due_on=date(2018, 3, 30))
    LetterFactory(due_on=None)
    today = date(2018, 3, 1)
    assert list(Letter.objects.overdue(today)) == [late]
    assert list(Letter.objects.answered()) == [answered]
    assert set(Letter.objects.awaiting_response()) == {late, not_yet}


def test_overdue_states_one_condition_on_the_due_date():
    """overdue() says "due before today" and nothing else of the due date."""
    CampaignFactory()  # an open campaign, whose letters can be overdue
    where = str(Letter.objects.overdue(date(2018, 3, 1)).query).partition(" WHERE ")[2]
    assert '"due_on" <' in where
    assert '"due_on" IS NOT NULL' not in where


def test_subpoena_threats_are_not_subpoenas():
    threat = LetterFactory(threatens_subpoena=True)
    subpoena = LetterFactory(kind=Letter.Kind.SUBPOENA, due_on=None)
    assert list(Letter.objects.subpoena_threats()) == [threat]
    assert list(Letter.objects.subpoenas()) == [subpoena]


def test_a_deadline_of_an_ended_campaign_is_never_overdue():
    ended = CampaignFactory(started_on=date(2016, 5, 31), ended_on=date(2021, 3, 4))
    still_open = CampaignFactory()
    old = LetterFactory(campaign=ended, round=None, due_on=date(2018, 2, 23))
    new = LetterFactory(campaign=still_open, round=None, due_on=date(2025, 8, 19))
    assert list(Letter.objects.overdue(date(2026, 12, 1))) == [new]
    assert set(Letter.objects.no_reply_recorded()) == {old, new}


def test_no_reply_is_told_apart_from_no_reply_recorded():
    unknown = LetterFactory()
    ignored = LetterFactory(no_reply_reported=True)
    answered = LetterFactory()
    ResponseFactory(in_reply_to=answered, jurisdiction=answered.jurisdiction)
    assert list(Letter.objects.no_reply()) == [ignored]
    assert list(Letter.objects.no_reply_recorded()) == [unknown]
    answered.no_reply_reported = True
    with pytest.raises(ValidationError) as raised:
        answered.full_clean()
    assert "A response to this letter is recorded" in str(raised.value)
