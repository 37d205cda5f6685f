"""A letter keeps a copy of its round's date (`round_sent_on`, the list's sort by
round): right after the letter's save, the round's, an import and the loader; the
list's order by round is the order by the round's own date, its order by due date is
unchanged, and each is read from an index, not sorted."""

from datetime import date

import pytest
import tablib
from django.core.management import call_command
from django.db import connection
from django.db.models import F

from correspondence.models import Letter
from correspondence.resources import LetterResource
from tests.factories import JurisdictionFactory, LetterFactory, ReviewRoundFactory

pytestmark = pytest.mark.django_db


def copies() -> dict[int, date | None]:
    return dict(Letter.objects.values_list("pk", "round_sent_on"))


def test_a_letter_takes_its_rounds_date_and_none_without_a_round():
    first = ReviewRoundFactory(sent_on=date(2017, 11, 15))
    later = ReviewRoundFactory(sent_on=date(2018, 1, 24))
    letter = LetterFactory(round=first, sent_on=date(2017, 11, 15), due_on=None)
    alone = LetterFactory(round=None)
    assert copies() == {letter.pk: date(2017, 11, 15), alone.pk: None}
    letter.round = later
    letter.sent_on = date(2018, 1, 24)
    letter.save()
    assert copies()[letter.pk] == date(2018, 1, 24)
    letter.round = None
    letter.save()
    assert copies()[letter.pk] is None


def test_a_rounds_new_date_reaches_its_letters_and_no_others():
    edited = ReviewRoundFactory(sent_on=date(2017, 11, 15))
    other = ReviewRoundFactory(sent_on=date(2018, 1, 24))
    mine = [LetterFactory(round=edited, sent_on=date(2018, 1, 30)) for _ in range(2)]
    theirs = LetterFactory(round=other, sent_on=date(2018, 1, 30))
    edited.sent_on = date(2017, 11, 16)
    edited.save()
    assert copies() == {
        mine[0].pk: date(2017, 11, 16),
        mine[1].pk: date(2017, 11, 16),
        theirs.pk: date(2018, 1, 24),
    }
    # The letters' own history and edit bookkeeping are not touched by the copy.
    assert {letter.version for letter in Letter.objects.all()} == {1}


def test_an_imported_letter_takes_its_rounds_date():
    review_round = ReviewRoundFactory(sent_on=date(2018, 1, 24), slug="2018-01-24")
    place = JurisdictionFactory(slug="somewhere")
    data = tablib.Dataset(
        headers=["jurisdiction", "round", "direction", "kind", "sent_on", "due_on",
                 "source_url", "source_publisher", "source_title"]
    )  # fmt: skip
    data.append([place.slug, review_round.slug, "to_jurisdiction", "document_demand",
                 "2018-01-24", "", "https://example.org/l", "Example", "A letter"])  # fmt: skip
    result = LetterResource().import_data(data, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    (imported,) = Letter.objects.filter(jurisdiction=place)
    assert imported.round_sent_on == date(2018, 1, 24)


def test_the_loaded_letters_carry_their_rounds_dates():
    call_command("load_review_data", verbosity=0)
    with_round = Letter.objects.filter(round__isnull=False)
    assert with_round.count() > 20
    assert not with_round.exclude(round_sent_on=F("round__sent_on")).exists()
    assert not Letter.objects.filter(round=None, round_sent_on__isnull=False).exists()


JOIN_ORDERS = {
    "round": [F("round__sent_on").asc(nulls_last=True), "pk"],
    "-round": [F("round__sent_on").desc(nulls_last=True), "-pk"],
    "due": [F("due_on").asc(nulls_last=True), "pk"],
    "-due": [F("due_on").desc(nulls_last=True), "-pk"],
}


def test_the_list_by_round_is_the_order_by_the_rounds_own_date(client):
    """Same letters in the same order as sorted through the join, or by the due date
    with the database's own "empty last" (the real data, with letters of no round and
    of no due date): empty values last either way, ties by id in the sort's
    direction."""
    call_command("load_review_data", verbosity=0)
    assert Letter.objects.filter(round=None).exists()
    assert Letter.objects.filter(due_on=None).exists()
    for sort, order in JOIN_ORDERS.items():
        listed = client.get(f"/letters/?sort={sort}")
        found = list(listed.context["filter"].qs.values_list("pk", flat=True))
        by_join = Letter.objects.published().order_by(*order)
        assert found == list(by_join.values_list("pk", flat=True)), sort


INDEXES = {
    "round": "letter_round_sent_asc_idx",
    "-round": "letter_round_sent_desc_idx",
    "due": "letter_due_asc_idx",
    "-due": "letter_due_desc_idx",
    # Columns that are never empty: one index each, read backwards for the reverse.
    "kind": "letter_kind_id_idx",
    "-kind": "letter_kind_id_idx",
    "direction": "letter_direction_id_idx",
    "-direction": "letter_direction_id_idx",
}


@pytest.mark.parametrize("sort", INDEXES)
def test_the_list_sorted_is_read_from_an_index_without_a_sort(client, sort):
    LetterFactory.create_batch(3, round=ReviewRoundFactory())
    LetterFactory.create_batch(2, round=None, due_on=None)
    listed = client.get(f"/letters/?sort={sort}")
    page = listed.context["filter"].qs.values_list("pk", flat=True)[:50]
    if connection.vendor == "postgresql":
        # A few rows: allowed to sort, the planner would; forbidden, it must find
        # an index that gives the order.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_sort = off")
        found = page.explain()
        assert "Sort" not in found.replace("Sort Key", ""), found
    else:
        found = page.explain()
        assert "TEMP B-TREE" not in found, found
    assert INDEXES[sort] in found, found
