"""Exports read rows column by column (see sanctuary_tracker/exports.py); every cell
must still be what Django's values(), row by row, and `csv_cell` make of it."""

import csv
import io
import json
import random
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import F
from django.urls import clear_script_prefix, set_script_prefix

from correspondence.exports import LETTERS
from correspondence.models import Letter
from grants.models import AwardFigure
from review.dataset import TABLES
from review.exports import JURISDICTIONS
from review.jurisdictions import jurisdictions
from sanctuary_tracker import exports
from sanctuary_tracker.exports import (
    Column,
    Export,
    csv_cell,
    csv_fields,
    csv_lines,
    each,
    field_column,
    joined,
    json_value,
    stream_csv,
    stream_json,
    write_csv,
)
from tests.factories import (
    AwardFactory,
    AwardFigureFactory,
    CaseFactory,
    CitationFactory,
    DesignationFactory,
    DirectiveFactory,
    JurisdictionFactory,
    LetterFactory,
    ListingFactory,
    ReportedFigureFactory,
    ResponseFactory,
    ReviewRoundFactory,
    RulingEffectFactory,
    RulingFactory,
    SourceFactory,
    StatementFactory,
    add_parties,
)

pytestmark = pytest.mark.django_db


def rows_from_values(export: Export, queryset) -> list[dict]:
    """The rows as Django gives them, one dictionary a row, with the computed and
    gathered columns: what the exports read before they read columns."""
    rows = list(queryset.prefetch_related(None).values(*export.value_keys))
    for column in export.columns:
        if column.gather:
            found = column.gather([row[column.source_key] for row in rows])
            for row in rows:
                row[column.name] = found.get(row[column.source_key], "")
        elif column.compute:
            for row in rows:
                row[column.name] = column.compute(row)
    return rows


def expected_csv(export: Export, queryset) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(export.header)
    for row in rows_from_values(export, queryset):
        writer.writerow([csv_cell(row[column.row_key]) for column in export.columns])
    return out.getvalue()


def expected_json(export: Export, queryset) -> str:
    objects = [
        json.dumps(
            {c.name: json_value(row[c.row_key]) for c in export.columns},
            ensure_ascii=False,
        )
        for row in rows_from_values(export, queryset)
    ]
    return "[" + "".join(f"\n{text}," for text in objects).rstrip(",") + "\n]\n"


def written(export: Export, queryset) -> str:
    out = io.StringIO()
    write_csv(export, queryset, out)
    return out.getvalue()


def assert_every_export_as_expected() -> None:
    for export, rows in TABLES:
        text = written(export, rows())
        assert text == expected_csv(export, rows()), export.name
        assert "".join(stream_csv(export, rows())) == text, export.name
        assert "".join(stream_json(export, rows())) == expected_json(export, rows())
        assert text.count("\r\n") == rows().count() + 1, export.name


@pytest.fixture
def awkward():
    """A little of every kind of cell: text a spreadsheet would run, quotes and line
    breaks, unknown dates and amounts, amounts with cents, answered and unanswered
    letters, shared awards, cited sources."""
    source = SourceFactory(url="=cmd|' /C calc'!A0", title="-title", note="\tnote")
    round_ = ReviewRoundFactory(demand="+demand", due_note="@note")
    places = [
        JurisdictionFactory(name='=HYPERLINK("http://evil.example","x")', slug="evil"),
        JurisdictionFactory(name="Peñasco", slug="penasco", listed_name="-listed"),
        JurisdictionFactory(name='Quote "City", CA', slug="quote"),
    ]
    answered = LetterFactory(
        jurisdiction=places[0],
        round=round_,
        summary="-2+3",
        subject="@SUM(A1)",
        threatens_subpoena=True,
    )
    ResponseFactory(jurisdiction=places[0], in_reply_to=answered,
                    addressee="\rline\nbreak", summary="")  # fmt: skip
    LetterFactory(jurisdiction=places[1], due_on=None, office="\toffice",
                  signer='Say "no", twice', demanded="=1+1")  # fmt: skip
    StatementFactory(jurisdiction=places[2], quote="-quote")
    award = AwardFactory(recipient=places[0])
    award.partners.add(places[1], places[2])
    amounts = [Decimal("12.50"), Decimal("0.10"), Decimal("260499"), None]
    for amount in amounts:
        AwardFigureFactory(award=award, amount=amount, as_reported="=2", note="-n")
    AwardFigureFactory(award=AwardFactory(recipient=places[1]), dated_on=None)
    ReportedFigureFactory(amount=Decimal("3.25"), note="@n")
    ReportedFigureFactory(amount=None)
    case = CaseFactory(caption="@case", other_parties="+others")
    add_parties(case, places[0], places[2])
    ruling = RulingFactory(case=case, summary="-summary", protected_conditions="=c")
    ruling.protects_awards.add(award)
    CaseFactory()  # no ruling yet
    designation = DesignationFactory(criteria="=criteria", count_note="-14/4/19",
                                     withdrawn_on=None)  # fmt: skip
    listing = ListingFactory(designation=designation, jurisdiction=places[1],
                             name_as_printed='"Peñasco", NM', removal_note="")  # fmt: skip
    ListingFactory(designation=designation, jurisdiction=None, name_as_printed="+town")
    order = DirectiveFactory(title="=order", citation="+90 Fed. Reg.", summary="-does")
    order.programs.add(award.program)
    order.awards.add(award)
    memo = DirectiveFactory(kind="ag_memo", number="", issued_on=None, revokes=order,
                            issuer='Say "no"', summary="line\nbreak")  # fmt: skip
    RulingEffectFactory(ruling=ruling, directive=order, note="@parties")
    RulingEffectFactory(ruling=ruling, directive=memo, effect="declines_to_enjoin")
    for record in [
        *places,
        answered,
        round_,
        case,
        ruling,
        designation,
        listing,
        order,
    ]:
        CitationFactory(record=record, source=source)
    return places


def test_awkward_cells_are_those_of_values_and_csv_cell(awkward):
    assert_every_export_as_expected()
    text = written(LETTERS, Letter.objects.with_answered().order_by("pk"))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["answered"] for row in rows] == ["true", "", "false"]
    assert [row["summary"] for row in rows] == ["'-2+3", "", ""]
    assert rows[1]["addressee"] == "'\rline\nbreak"
    assert rows[2]["due_on"] == ""
    assert rows[0]["threatens_subpoena"] == "true"


def test_amounts_keep_their_cents_and_unknown_stays_empty(awkward):
    from grants.exports import AWARD_FIGURES

    text = written(AWARD_FIGURES, AwardFigure.objects.order_by("pk"))
    amounts = [row["amount"] for row in csv.DictReader(io.StringIO(text))]
    assert amounts == ["12.50", "0.10", "260499", "", "100000"]


def test_the_real_data_across_chunks(monkeypatch):
    call_command("load_review_data", verbosity=0)
    assert_every_export_as_expected()
    monkeypatch.setattr(exports, "CHUNK_SIZE", 7)  # chunks end mid-table
    assert_every_export_as_expected()


def test_datetimes_annotated_decimals_and_a_boolean_declared_as_text(awkward):
    """Columns no export has yet: converters that run on each value (a datetime, a
    computed decimal), and text columns whose values are not text."""
    Letter.objects.update(verified_at=datetime(2018, 1, 24, 15, 30, tzinfo=UTC))
    export = Export("checks", "Checks", [
        Column("id", "Id.", "integer"),
        field_column(Letter, "verified_at"),
        Column("answered_as_text", "Not declared boolean.", key="is_answered"),
        Column("kind_or_number", "Text or a number.", key="in_reply_to_id"),
    ])  # fmt: skip
    letters = Letter.objects.with_answered().order_by("pk")
    text = written(export, letters)
    assert text == expected_csv(export, letters)
    assert "2018-01-24T15:30:00+00:00,true," in text
    assert text.count(",false,") == 2
    doubled = Export("doubled", "Doubled", [Column("double", "Twice.", "number")])
    figures = AwardFigure.objects.annotate(double=F("amount") * 2).order_by("pk")
    assert written(doubled, figures) == expected_csv(doubled, figures)
    assert written(doubled, figures).split("\r\n")[1] == "25"  # 12.50 * 2


def test_page_paths_follow_the_script_prefix(awkward):
    letter = Letter.objects.order_by("pk").first()
    set_script_prefix("/tracker/")
    try:
        text = written(LETTERS, Letter.objects.with_answered().order_by("pk"))
    finally:
        clear_script_prefix()
    assert f",/tracker/letters/{letter.pk}/," in text
    rows = jurisdictions().with_status().with_flags().order_by("pk")

    assert ",/jurisdictions/evil/," in written(JURISDICTIONS, rows)


def test_each_works_once_per_distinct_value_where_that_is_exact():
    calls = []

    def upper(value):
        calls.append(value)
        return value.upper()

    assert each(upper, ("a", "b", "a", "a")) == ("A", "B", "A", "A")
    assert sorted(calls) == ["a", "b"]
    assert each(lambda a, b: f"{a}{b}", ["x", "x", "y"], [1, 1, 1]) == (
        "x1",
        "x1",
        "y1",
    )
    # Equal but written differently: never one result for both.
    assert each(csv_cell, [Decimal("1.50"), Decimal("1.5")]) == ("1.50", "1.5")
    assert each(csv_cell, [1, True, 1.0]) == (1, "true", 1.0)
    assert each(csv_cell, [date(2018, 1, 24), None]) == ("2018-01-24", "")


def test_joined_texts_in_order_with_empty_ones_left_out():
    # One text per key: the quick path gives the texts themselves.
    assert joined([(1, "a"), (2, ""), (3, None), (4, "d")]) == {1: "a", 4: "d"}
    # Several texts per key, in the order given, separated by spaces.
    assert joined([(1, "a"), (2, "b"), (1, "c"), (1, "")]) == {1: "a c", 2: "b"}
    # Texts that are not str are written as str, on either path.
    assert joined([(1, 2016), (2, "x")]) == {1: "2016", 2: "x"}
    assert joined([(1, 2016), (1, 2017)]) == {1: "2016 2017"}
    assert joined([]) == {}


@pytest.mark.sqlite_only  # SQLite stores any type in a date column
def test_a_date_sqlite_stores_as_a_number_reads_as_before(awkward):
    """Dates are read as text on SQLite (see `_dates_as_text`): the text the driver
    would have parsed, whatever SQLite holds."""
    letter = Letter.objects.order_by("pk").first()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE correspondence_letter SET sent_on = 20180124, due_on = 20180301 "
            "WHERE id = %s",
            [letter.pk],
        )
    letters = Letter.objects.with_answered().order_by("pk")
    assert written(LETTERS, letters) == expected_csv(LETTERS, letters)
    assert f"{letter.pk},2018-01-24," in written(LETTERS, letters)
    assert ",2018-03-01," in written(LETTERS, letters)


def test_fields_and_lines_are_what_csv_writer_writes():
    """`csv_fields` and `csv_lines` replace csv.writer; random values of every kind,
    with every character that needs quotes, must come out as it writes them."""
    pieces = ["", "a", " b ", ",", '"', "\r", "\n", "\r\n", "=", "-", "é", "\t", "'"]
    rng = random.Random(1373)

    def text():
        return "".join(rng.choice(pieces) for _ in range(rng.randrange(4)))

    makers = [
        text,
        lambda: rng.choice([None, text()]),
        lambda: rng.choice([None, 0, -5, 2**70]),
        lambda: rng.choice([None, True, False]),
        lambda: rng.choice([None, date(2018, 1, 24), datetime(2018, 1, 24, 9, 5)]),
        lambda: rng.choice([None, Decimal("12.50"), Decimal("-0"), 1.5, float("inf")]),
        lambda: rng.choice([None, text(), 7, ["a,b"]]),
    ]
    for kind in ["string", "integer", "date", "boolean", "number", "datetime"]:
        for columns in ([makers[0]], makers, makers[1:3], [makers[6]]):
            rows = [[make() for make in columns] for _ in range(50)]
            out = io.StringIO()
            csv.writer(out, lineterminator="\r\n").writerows(
                [[cell(kind, value) for value in row] for row in rows]
            )
            fields = [csv_fields(kind, values) for values in zip(*rows, strict=True)]
            assert csv_lines(fields) == out.getvalue()


def cell(kind: str, value):
    """What the CSV writer makes of a value (csv writes integers and dates as they are)."""
    return value if kind in {"integer", "date"} else csv_cell(value)
