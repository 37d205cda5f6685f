from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from correspondence.models import Letter
from tests.factories import (
    JurisdictionFactory,
    LetterFactory,
    ResponseFactory,
    ReviewRoundFactory,
)
from tests.scale import count_queries, populate

pytestmark = pytest.mark.django_db
LIST = reverse("correspondence:list")


@pytest.fixture
def letters():
    review_round = ReviewRoundFactory(slug="2018-01-24")
    chicago = JurisdictionFactory(name="Chicago", slug="chicago", state="IL")
    denver = JurisdictionFactory(name="Denver", slug="denver", state="CO")
    demand = LetterFactory(
        jurisdiction=chicago, round=review_round, threatens_subpoena=True
    )
    reply = ResponseFactory(
        jurisdiction=chicago, in_reply_to=demand, sent_on=date(2018, 2, 23)
    )
    unanswered = LetterFactory(
        jurisdiction=denver, round=review_round, threatens_subpoena=True
    )
    early = LetterFactory(jurisdiction=denver, kind=Letter.Kind.PRELIMINARY_ASSESSMENT,
                          sent_on=date(2017, 11, 15), due_on=date(2017, 12, 8))  # fmt: skip
    return {"demand": demand, "reply": reply, "unanswered": unanswered, "early": early}


def pks(response) -> set[int]:
    return {letter.pk for letter in response.context["object_list"]}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"round": "2018-01-24"}, {"demand", "reply", "unanswered"} - {"reply"}),
        ({"kind": "response"}, {"reply"}),
        ({"direction": "from_jurisdiction"}, {"reply"}),
        ({"jurisdiction": "denver"}, {"unanswered", "early"}),
        ({"state": "IL"}, {"demand", "reply"}),
        ({"sent_after": "2018-01-01"}, {"demand", "reply", "unanswered"}),
        ({"sent_before": "2017-12-31"}, {"early"}),
        (
            {"due_after": "2018-01-01", "due_before": "2018-03-01"},
            {"demand", "unanswered"},
        ),
        ({"overdue": "true"}, {"unanswered", "early"}),
        ({"overdue": "false"}, {"demand", "reply"}),
        ({"answered": "true"}, {"demand"}),
        ({"answered": "false"}, {"unanswered", "early"}),
        ({"q": "denver"}, {"unanswered", "early"}),
    ],
)
def test_letter_filters(client, letters, query, expected):
    response = client.get(LIST, query)
    assert response.status_code == 200
    assert pks(response) == {letters[name].pk for name in expected}


def test_a_states_letters_are_matched_by_its_jurisdictions_ids(client, letters):
    """The state's jurisdictions are read on their own; the letters query holds their
    ids, with no condition on the state."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(LIST, {"kind": "response", "state": "IL"})
    assert pks(response) == {letters["reply"].pk}
    on_state = [q["sql"] for q in captured if '"state" =' in q["sql"]]
    assert on_state, "the state's jurisdictions were looked up"
    assert not any("correspondence_letter" in sql for sql in on_state)


def test_a_state_with_no_jurisdictions_lists_and_exports_no_letter(client, letters):
    page = client.get(LIST, {"state": "WY"})
    assert page.status_code == 200
    assert pks(page) == set()
    assert page.context["paginator"].count == 0
    export = client.get(reverse("correspondence:export", args=["csv"]), {"state": "WY"})
    assert export.status_code == 200
    lines = b"".join(export.streaming_content).decode("utf-8-sig").splitlines()
    assert len(lines) == 1 and lines[0].startswith("id,")


def test_sort_by_due_date(client, letters):
    response = client.get(LIST, {"sort": "due"})
    dates = [
        letter.due_on for letter in response.context["object_list"] if letter.due_on
    ]
    assert dates == sorted(dates)


def test_a_bad_date_is_a_form_error_and_other_filters_still_apply(client, letters):
    response = client.get(LIST, {"sent_after": "2018-13-45", "jurisdiction": "denver"})
    assert response.status_code == 200
    assert response.context["filter"].form.errors["sent_after"] == [
        "Enter a valid date."
    ]
    assert pks(response) == {letters["unanswered"].pk, letters["early"].pk}
    assert "Enter a valid date." in response.content.decode()


def test_letter_detail_shows_reply_and_sources(client, letters):
    response = client.get(letters["demand"].get_absolute_url())
    content = response.content.decode()
    assert response.status_code == 200
    assert "threatened" in content
    assert letters["reply"].get_absolute_url() in content


def test_a_response_names_the_letter_it_answers_only_if_that_is_published(
    client, letters
):
    reply = letters["reply"]
    page = client.get(reply.get_absolute_url()).content.decode()
    assert "<dt>Answers</dt>" in page
    assert letters["demand"].get_absolute_url() in page
    letters["demand"].verified_at = None  # back to a draft, as an editor saves it
    letters["demand"].save()
    page = client.get(reply.get_absolute_url()).content.decode()
    assert "<dt>Answers</dt>" not in page
    assert letters["demand"].get_absolute_url() not in page


def test_letter_list_and_detail_query_counts_do_not_grow(client):
    populate(10)
    letter = Letter.objects.order_by("pk").first()
    small = (
        count_queries(client, LIST),
        count_queries(client, letter.get_absolute_url()),
    )
    populate(190)
    large = (
        count_queries(client, LIST),
        count_queries(client, letter.get_absolute_url()),
    )
    assert large == small
