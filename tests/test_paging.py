"""Pagination on every list: pages in the second half are read in reverse order and the
total is cached, so both must be proven to give exactly what plain paging would."""

import json
from datetime import date

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from correspondence.models import Letter, LetterQuerySet
from jurisdictions.models import Jurisdiction
from sanctuary_tracker.listing import FilteredListView
from tests.factories import JurisdictionFactory, LetterFactory, ResponseFactory
from tests.scale import populate

pytestmark = pytest.mark.django_db
PAGE = 3


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(FilteredListView, "paginate_by", PAGE)


@pytest.fixture
def data():
    # Many ties (same dates, same fiscal years) and empty values (due dates, amounts):
    # the orders where a reversed read could go wrong.
    populate(7)


def every_page(client, url: str, query: dict) -> list[int]:
    first = client.get(url, query)
    assert first.status_code == 200
    pages = first.context["paginator"].num_pages
    ids = []
    for number in range(1, pages + 1):
        response = client.get(url, query | {"page": number})
        assert response.context["page_obj"].number == number
        ids += [row.pk for row in response.context["object_list"]]
    return ids


def exported(client, url: str, query: dict) -> list[int]:
    export = url + "export.json"
    response = client.get(export, query)
    return [row["id"] for row in json.loads(b"".join(response.streaming_content))]


@pytest.mark.parametrize(
    ("url", "query"),
    [
        ("/letters/", {}),
        ("/letters/", {"sort": "due"}),
        ("/letters/", {"sort": "-due"}),
        ("/letters/", {"sort": "jurisdiction"}),
        ("/letters/", {"kind": "document_demand"}),
        ("/awards/", {}),
        ("/awards/", {"sort": "-fiscal_year"}),
        ("/awards/", {"sort": "date"}),
        ("/awards/", {"sort": "-amount"}),
        ("/cases/", {}),
        ("/cases/", {"sort": "-ruling"}),
        ("/jurisdictions/", {}),
        ("/jurisdictions/", {"sort": "-status"}),
        ("/jurisdictions/", {"sort": "status"}),
    ],
)
def test_pages_read_from_either_end_give_every_row_once_in_the_lists_order(
    client, small_pages, data, url, query
):
    ids = every_page(client, url, query)
    assert len(ids) > 2 * PAGE  # a second half exists, read in reverse
    assert ids == exported(client, url, query)


def test_the_last_page_is_right_when_it_is_short(client, monkeypatch, data):
    monkeypatch.setattr(FilteredListView, "paginate_by", 4)
    count = client.get("/letters/").context["paginator"].count
    assert count == 21  # 7 jurisdictions x 3 letters: the last page holds one
    last = client.get("/letters/", {"page": 999})
    rows = [letter.pk for letter in last.context["object_list"]]
    assert rows == exported(client, "/letters/", {})[-1:]
    assert "There is no page 999" in last.content.decode()


def test_the_cached_total_follows_a_write_at_once(client):
    berkeley = JurisdictionFactory(name="Berkeley", state="CA")
    LetterFactory(jurisdiction=berkeley)
    assert client.get("/letters/", {"state": "CA"}).context["paginator"].count == 1
    ResponseFactory(jurisdiction=berkeley)
    assert client.get("/letters/", {"state": "CA"}).context["paginator"].count == 2
    Letter.objects.filter(jurisdiction=berkeley).first().delete()
    assert client.get("/letters/", {"state": "CA"}).context["paginator"].count == 1


# The view's own caching and rows: the page cache, which answers a repeat of the same
# address before the view runs, is off.
@override_settings(PAGE_CACHE_SECONDS=0)
def test_a_total_is_cached_per_filter(client):
    berkeley = JurisdictionFactory(name="Berkeley", state="CA")
    LetterFactory(jurisdiction=berkeley)
    LetterFactory(jurisdiction=JurisdictionFactory(name="Portland", state="OR"))
    client.get("/letters/", {"state": "CA"})
    with CaptureQueriesContext(connection) as first_time:
        client.get("/letters/", {"state": "OR"})
    with CaptureQueriesContext(connection) as second_time:
        client.get("/letters/", {"state": "OR"})
    assert any("COUNT(" in q["sql"] for q in first_time.captured_queries)
    assert len(second_time.captured_queries) == len(first_time.captured_queries) - 1
    assert not any("COUNT(" in q["sql"] for q in second_time.captured_queries)


def test_a_total_is_not_kept_past_a_write_made_while_the_filters_ran(
    client, monkeypatch
):
    """The letters' state filter reads the state's jurisdictions before the total is
    counted: a jurisdiction moved into the state in between must not leave the old
    total cached as the new one."""
    LetterFactory(jurisdiction=JurisdictionFactory(name="Berkeley", state="CA"))
    portland = JurisdictionFactory(name="Portland", state="OR")
    LetterFactory(jurisdiction=portland)
    in_state = LetterQuerySet.in_state

    def moving_portland(letters, state):
        found = in_state(letters, state)  # Berkeley's letters only
        portland.state = "CA"  # a correction saved meanwhile
        portland.save()
        return found

    with monkeypatch.context() as patched:
        patched.setattr(LetterQuerySet, "in_state", moving_portland)
        first = client.get("/letters/", {"state": "CA"})
    assert first.context["paginator"].count == 1
    assert client.get("/letters/", {"state": "CA"}).context["paginator"].count == 2


def test_every_page_by_status_matches_the_export_before_and_after_a_write(
    client, small_pages, data
):
    """Jurisdictions by status: a join on the stored statuses, whose pages give every
    row once, in the export's order, and follow a write at once."""
    by_status = {"sort": "status"}
    assert every_page(client, "/jurisdictions/", by_status) == exported(
        client, "/jurisdictions/", by_status
    )
    # A letter that changes a jurisdiction's status moves it in the order.
    last = Jurisdiction.objects.order_by("pk").last()
    LetterFactory(
        jurisdiction=last,
        kind=Letter.Kind.COMPLIANCE_FINDING,
        finding=Letter.Finding.COMPLIANT,
        sent_on=date(2019, 1, 1),
        due_on=None,
    )
    rows = every_page(client, "/jurisdictions/", by_status)
    assert rows == exported(client, "/jurisdictions/", by_status)
    assert last.pk in rows
    # Status, then name backwards: another order.
    then_by_name = {"sort": "status,-name"}
    assert every_page(client, "/jurisdictions/", then_by_name) == exported(
        client, "/jurisdictions/", then_by_name
    )


def test_a_total_is_shared_by_pages_and_orders_but_not_by_lists(client):
    berkeley = JurisdictionFactory(name="Berkeley", state="CA")
    LetterFactory(jurisdiction=berkeley)
    ResponseFactory(jurisdiction=berkeley)
    client.get("/letters/", {"state": "CA"})
    with CaptureQueriesContext(connection) as other_page_and_order:
        response = client.get("/letters/", {"state": "CA", "sort": "-due", "page": 2})
    assert response.context["paginator"].count == 2
    assert not any("COUNT(" in q["sql"] for q in other_page_and_order.captured_queries)
    # Another list with the same query string counts its own rows.
    jurisdictions = client.get("/jurisdictions/", {"state": "CA"})
    assert jurisdictions.context["paginator"].count == 1
    with CaptureQueriesContext(connection) as other_filter:
        client.get("/letters/", {"kind": "response", "state": "CA"})
    assert any("COUNT(" in q["sql"] for q in other_filter.captured_queries)


def test_a_total_that_depends_on_the_day_is_counted_again_the_next_day(
    client, monkeypatch
):
    """ "Overdue" reads today's date: yesterday's cached total must not serve today."""
    today = [date(2018, 3, 1)]
    # The site's date, as every list and filter reads it.
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: today[0])
    LetterFactory(sent_on=date(2018, 1, 24), due_on=date(2018, 3, 5))
    overdue = {"overdue": "true"}
    assert client.get("/letters/", overdue).context["paginator"].count == 0
    today[0] = date(2018, 3, 6)  # no write in between
    assert client.get("/letters/", overdue).context["paginator"].count == 1


def test_a_pages_rows_are_read_by_id_without_running_the_filters_again(client):
    """The filters find the page's ids; its rows are then read by id alone."""
    late = LetterFactory(sent_on=date(2018, 1, 24), due_on=date(2018, 2, 23))
    LetterFactory(sent_on=date(2018, 1, 24), due_on=None)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(
            "/letters/", {"state": late.jurisdiction.state, "overdue": "true"}
        )
    assert [letter.pk for letter in response.context["object_list"]] == [late.pk]
    row_reads = [
        q["sql"] for q in captured if '"correspondence_letter"."summary"' in q["sql"]
    ]
    assert row_reads, "the page's rows were read"
    assert not any('"due_on" <' in sql or '"state" =' in sql for sql in row_reads)


@override_settings(PAGE_CACHE_SECONDS=0)
def test_ties_are_broken_by_id_in_the_sorts_own_direction(client):
    """So one index of a column (which holds the id after it) serves both ways."""
    same_day = [
        LetterFactory(sent_on=date(2018, 1, 24), due_on=date(2018, 2, 23))
        for _ in range(3)
    ]
    ids = [letter.pk for letter in same_day]

    def listed(sort: str) -> list[int]:
        rows = client.get("/letters/", {"sort": sort}).context["object_list"]
        return [letter.pk for letter in rows]

    assert listed("due") == sorted(ids)
    assert listed("-due") == sorted(ids, reverse=True)
    # The default order is ?sort=-sent: newest first, then latest entered.
    assert listed("-sent") == sorted(ids, reverse=True)
    assert [r.pk for r in client.get("/letters/").context["object_list"]] == listed(
        "-sent"
    )


def test_a_pages_rows_leave_out_the_record_keeping_columns(client):
    """No list row shows a record's key, load, verification or timestamps: they are
    not read for it, nor for the records the row shows beside it."""
    LetterFactory(sent_on=date(2018, 1, 24))
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/letters/")
    (letter,) = response.context["object_list"]
    # The row read, with its jurisdiction (the prefetch of replies follows it).
    row_read = next(
        q["sql"] for q in captured if '"correspondence_letter"."summary"' in q["sql"]
    )
    assert '"correspondence_letter"."created_at"' not in row_read
    assert '"jurisdictions_jurisdiction"."created_at"' not in row_read
    assert '"jurisdictions_jurisdiction"."name"' in row_read
    assert "created_at" in letter.get_deferred_fields()
    assert "created_at" in letter.jurisdiction.get_deferred_fields()
    # The export of the same list still has every column it names.
    assert "created_at" not in Letter.objects.get(pk=letter.pk).get_deferred_fields()
