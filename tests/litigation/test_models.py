from datetime import date

import pytest
from django.core.exceptions import ValidationError

from litigation.models import Court
from tests.factories import CaseFactory, CourtFactory, RulingFactory

pytestmark = pytest.mark.django_db


def test_ruling_before_filing_is_refused():
    ruling = RulingFactory.build(
        case=CaseFactory(filed_on=date(2017, 8, 7)), decided_on=date(2017, 1, 1)
    )
    with pytest.raises(ValidationError) as exc:
        ruling.full_clean()
    assert exc.value.message_dict["decided_on"] == [
        "A ruling cannot come before the case was filed (2017-08-07)."
    ]


def test_an_appeal_is_heard_by_a_higher_court():
    ruling = RulingFactory()
    appeal = CaseFactory.build(court=CourtFactory(), appeal_of=ruling)
    with pytest.raises(ValidationError) as exc:
        appeal.full_clean()
    assert "appeal_of" in exc.value.message_dict


def test_appeal_links_to_the_ruling_it_reviews():
    ruling = RulingFactory()
    appeal = CaseFactory(
        court=CourtFactory(level=Court.Level.APPEALS), appeal_of=ruling
    )
    assert list(ruling.appeals.all()) == [appeal]


def test_page_count_must_be_positive():
    with pytest.raises(ValidationError) as exc:
        RulingFactory.build(case=CaseFactory(), page_count=0).full_clean()
    assert exc.value.message_dict["page_count"] == ["A document has at least one page."]
