"""Exports: exactly the rows the list shows, as journalists' tools expect them."""

import csv
import io
import json
import zipfile
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from correspondence.exports import LETTERS
from directives.exports import DIRECTIVES
from grants.exports import AWARD_FIGURES
from litigation.exports import CASES, RULINGS
from litigation.models import Ruling
from review.dataset import TABLES
from review.exports import JURISDICTIONS
from review.jurisdictions import jurisdictions
from sanctuary_tracker.exports import among, csv_cell, write_csv
from tests.factories import (
    AwardFactory,
    AwardFigureFactory,
    CaseFactory,
    CitationFactory,
    DirectiveFactory,
    JurisdictionFactory,
    LetterFactory,
    ResponseFactory,
    RulingFactory,
    SourceFactory,
    add_parties,
)

pytestmark = pytest.mark.django_db

LISTS = {
    "jurisdictions": (JURISDICTIONS, "slug"),
    "correspondence": (LETTERS, "id"),
    "grants": (AWARD_FIGURES, "id"),
    "litigation": (CASES, "id"),
    "directives": (DIRECTIVES, "slug"),
}


@pytest.fixture
def data():
    source = SourceFactory(url="https://example.org/=cmd")
    places = [
        JurisdictionFactory(name="Peñasco", slug="penasco", state="NM"),
        JurisdictionFactory(name="Chicago", slug="chicago", state="IL"),
        JurisdictionFactory(name='=HYPERLINK("http://evil.example","x")', slug="evil",
                            state="CA"),
    ]  # fmt: skip
    for index, place in enumerate(places):
        CitationFactory(record=place, source=source)
        demand = LetterFactory(jurisdiction=place, threatens_subpoena=True,
                               summary="-2+3" if index == 0 else "")  # fmt: skip
        if index == 1:
            ResponseFactory(jurisdiction=place, in_reply_to=demand)
        award = AwardFactory(recipient=place, fiscal_year=2016 + index % 2)
        AwardFigureFactory(award=award, amount=Decimal("260499") + index)
        AwardFigureFactory(award=award, amount=None, as_reported="$2,080,04")
        case = CaseFactory(caption=f"{place.name} v. Sessions")
        add_parties(case, place)
        RulingFactory(case=case, decided_on=date(2017, 9, 15 + index))
    DirectiveFactory(slug="eo-14159", title="=Protecting", issued_on=date(2025, 1, 20))
    DirectiveFactory(slug="ag-memo", kind="ag_memo", number="", title="Directives",
                     issued_on=date(2025, 2, 5))  # fmt: skip
    return places


def read_csv(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.reader(io.StringIO(body)))


def read_json(response) -> list[dict]:
    return json.loads(b"".join(response.streaming_content).decode("utf-8"))


QUERIES = {
    "jurisdictions": [
        {},
        {"state": "NM"},
        {"sort": "-name"},
        {"subpoena_threatened": "true"},
    ],
    "correspondence": [
        {},
        {"answered": "true"},
        {"state": "IL"},
        {"sort": "jurisdiction"},
    ],
    "grants": [
        {},
        {"fiscal_year": "2016"},
        {"amount_min": "260500"},
        {"sort": "-amount"},
    ],
    "litigation": [{}, {"jurisdiction": "chicago"}, {"sort": "-ruling"}],
    "directives": [{}, {"kind": "ag_memo"}, {"sort": "-title"}],
}


@pytest.mark.parametrize(
    ("namespace", "query"),
    [(ns, q) for ns, queries in QUERIES.items() for q in queries],
)
def test_csv_and_json_hold_exactly_the_lists_rows_in_its_order(
    client, data, namespace, query
):
    export, key = LISTS[namespace]
    listed = client.get(reverse(f"{namespace}:list"), query)
    expected = [str(getattr(obj, "slug" if key == "slug" else "pk"))
                for obj in listed.context["paginator"].object_list]  # fmt: skip
    response = client.get(reverse(f"{namespace}:export", args=["csv"]), query)
    assert response.status_code == 200
    rows = read_csv(response)
    assert rows[0] == export.header
    column = export.header.index(key)
    assert [row[column] for row in rows[1:]] == expected
    as_json = read_json(
        client.get(reverse(f"{namespace}:export", args=["json"]), query)
    )
    assert [str(row[key]) for row in as_json] == expected


def test_every_matching_row_not_one_page(client):
    for index in range(120):
        JurisdictionFactory(name=f"Place {index:03d}", state="TX")
    rows = read_csv(
        client.get(reverse("jurisdictions:export", args=["csv"]), {"state": "TX"})
    )
    assert len(rows) == 121


def test_csv_headers_filename_and_excel_variant(client, data):
    response = client.get(reverse("correspondence:export", args=["csv"]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    filename = f"letters-{timezone.localdate():%Y-%m-%d}.csv"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert not b"".join(response.streaming_content).startswith(b"\xef\xbb\xbf")
    excel = client.get(reverse("correspondence:export", args=["csv"]), {"excel": "1"})
    assert b"".join(excel.streaming_content).startswith(b"\xef\xbb\xbfid,sent_on,")


def test_non_ascii_survives_and_formulas_are_inert(client, data):
    rows = read_csv(client.get(reverse("jurisdictions:export", args=["csv"])))
    header, body = rows[0], rows[1:]
    names = [row[header.index("name")] for row in body]
    assert "Peñasco" in names
    assert '\'=HYPERLINK("http://evil.example","x")' in names
    assert all(not name.startswith(("=", "+", "-", "@")) for name in names)
    letters = read_csv(client.get(reverse("correspondence:export", args=["csv"])))
    summaries = [row[letters[0].index("summary")] for row in letters[1:]]
    assert "'-2+3" in summaries


def test_unknown_amounts_are_empty_and_numbers_stay_numbers(client, data):
    rows = read_csv(client.get(reverse("grants:export", args=["csv"])))
    amounts = [row[rows[0].index("amount")] for row in rows[1:]]
    assert "" in amounts
    assert "0" not in amounts
    assert "260499" in amounts
    as_json = read_json(client.get(reverse("grants:export", args=["json"])))
    assert None in [row["amount"] for row in as_json]
    assert 260499 in [row["amount"] for row in as_json]


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"), ("\rx", "'\rx"), ("plain", "plain"), (Decimal("-5"), "-5"),
        (Decimal("260499.00"), "260499"), (Decimal("12.50"), "12.50"), (None, ""),
        (True, "true"), (date(2018, 1, 24), "2018-01-24"), (7, 7),
    ],
)  # fmt: skip
def test_csv_cell(value, cell):
    assert csv_cell(value) == cell


def test_write_csv_to_a_string_buffer(data):
    out = io.StringIO()

    write_csv(JURISDICTIONS, jurisdictions().with_status().with_flags(), out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert len(rows) == 4
    assert out.getvalue().endswith("\r\n")


def test_a_bad_filter_is_named_and_left_out(client, data):
    response = client.get(
        reverse("grants:export", args=["csv"]), {"fiscal_year": "abc"}
    )
    assert response["X-Filter-Errors"] == "fiscal_year: Enter a whole number."
    assert len(read_csv(response)) == 7


def test_unknown_format_is_a_404(client):
    assert client.get("/letters/export.xml").status_code == 404


def test_the_list_pages_link_their_exports(client, data):
    content = client.get(reverse("grants:list"), {"fiscal_year": "2016", "page": "1"})
    html = content.content.decode()
    assert 'href="/awards/export.csv?fiscal_year=2016"' in html
    assert 'href="/awards/export.csv?fiscal_year=2016&amp;excel=1"' in html


def test_data_dictionary_names_every_exported_column(client, data):
    html = client.get(reverse("data")).content.decode()
    for export, _ in TABLES:
        assert f"{export.name}.csv" in html
        for column in export.columns:
            assert f"<code>{column.name}</code>" in html
            assert column.description
    assert "data last changed" in html.lower() or "The data last changed on" in html


def test_whole_dataset_zip_with_datapackage(client, data):
    response = client.get(reverse("dataset"))
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    package = json.loads(archive.read("datapackage.json"))
    assert package["profile"] == "tabular-data-package"
    for resource in package["resources"]:
        rows = list(csv.reader(io.StringIO(archive.read(resource["path"]).decode())))
        assert rows[0] == [f["name"] for f in resource["schema"]["fields"]]
    names = {r["name"] for r in package["resources"]}
    assert {
        "jurisdictions",
        "letters",
        "awards",
        "cases",
        "rulings",
        "directives",
        "ruling_effects",
        "sources",
    } <= names


def test_feeds_list_new_and_changed_letters_and_rulings(client, data):
    site = client.get(reverse("changes_feed"))
    assert site.status_code == 200
    assert site["Content-Type"].startswith("application/atom+xml")
    body = site.content.decode()
    # three demands, one reply, three suits, three rulings, two directives, and the
    # two campaigns (the first review's, and the 2025 one the directives belong to)
    assert body.count("<entry>") == 3 + 1 + 3 + 3 + 2 + 2
    assert "New: Chicago v. Sessions" in body
    chicago = client.get(
        reverse("jurisdiction_feed", args=["chicago"])
    ).content.decode()
    assert chicago.count("<entry>") == 4  # its demand, its reply, its suit and ruling
    letter = data[1].letters.first()
    type(letter).objects.filter(pk=letter.pk).update(
        verified_at=datetime(2018, 1, 1, tzinfo=UTC)
    )
    letter.refresh_from_db()
    letter.summary = "Corrected summary"
    letter.save()
    changed = client.get(
        reverse("jurisdiction_feed", args=["chicago"])
    ).content.decode()
    assert "Changed: " in changed and "Corrected summary" in changed
    assert (
        client.get(reverse("jurisdiction_feed", args=["atlantis"])).status_code == 404
    )


def _column(rows: list[list[str]], name: str) -> dict[str, str]:
    """{id: cell} of one column of a parsed CSV."""
    header = rows[0]
    return {row[0]: row[header.index(name)] for row in rows[1:]}


def test_lists_of_related_records_are_each_rows_own_and_published_only(client):
    """Partners, plaintiffs, protected awards and source addresses are gathered per
    chunk of rows; each row gets its own, in order, and drafts stay out."""
    cook = JurisdictionFactory(name="Cook County", slug="cook-county")
    aurora = JurisdictionFactory(name="Aurora", slug="aurora")
    hidden = JurisdictionFactory(name="Draft Town", slug="draft-town", verified_at=None)
    joint = AwardFactory(recipient=JurisdictionFactory(slug="chicago", name="Chicago"))
    joint.partners.add(cook, aurora, hidden)
    alone = AwardFactory()
    joint_figure = AwardFigureFactory(award=joint, amount=Decimal("2000000"))
    alone_figure = AwardFigureFactory(award=alone, amount=Decimal("1"))
    figures = _column(read_csv(client.get("/awards/export.csv")), "partners")
    assert figures[str(joint_figure.pk)] == "aurora cook-county"
    assert figures[str(alone_figure.pk)] == ""

    case = CaseFactory()
    add_parties(case, cook, hidden)
    ruling = RulingFactory(case=case)
    ruling.protects_awards.add(joint, alone)
    rows = read_csv(client.get("/cases/export.csv"))
    assert _column(rows, "plaintiffs") == {str(case.pk): "cook-county"}
    out = io.StringIO()  # rulings are exported only in the whole-dataset zip
    write_csv(RULINGS, Ruling.objects.published().order_by("pk"), out)
    protected = _column(list(csv.reader(io.StringIO(out.getvalue()))),
                        "protects_award_ids")  # fmt: skip
    assert sorted(protected[str(ruling.pk)].split()) == sorted(
        [str(joint.pk), str(alone.pk)]
    )

    first, second = SourceFactory(url="https://a.example/1"), SourceFactory(url="")
    third = SourceFactory(url="https://a.example/3")
    letters = [LetterFactory() for _ in range(5)]
    CitationFactory(record=letters[1], source=first)
    CitationFactory(record=letters[1], source=second)  # no address: left out
    CitationFactory(record=letters[1], source=third)
    CitationFactory(record=letters[3], source=third)
    urls = _column(read_csv(client.get("/letters/export.csv")), "source_urls")
    assert urls[str(letters[1].pk)] == "https://a.example/1 https://a.example/3"
    assert urls[str(letters[3].pk)] == "https://a.example/3"
    assert urls[str(letters[0].pk)] == urls[str(letters[2].pk)] == ""


def test_a_chunk_of_ids_is_read_as_a_range_when_dense_and_a_list_when_sparse():
    assert among("object_id", [5, 3, 4, 6]).children == [("object_id__range", (3, 6))]
    sparse = among("object_id", [1, 500, 9000])
    assert sparse.children == [("object_id__in", {1, 500, 9000})]


def test_a_sparse_chunk_gets_the_same_source_addresses(client):
    """A filter that keeps ids far apart takes the IN branch; the cells are the same."""
    source = SourceFactory(url="https://b.example/")
    far = JurisdictionFactory(state="VT")
    kept = [LetterFactory(jurisdiction=far)]
    LetterFactory.create_batch(30)  # ids between the kept letters
    kept.append(LetterFactory(jurisdiction=far))
    for letter in kept:
        CitationFactory(record=letter, source=source)
    urls = _column(read_csv(client.get("/letters/export.csv", {"state": "VT"})),
                   "source_urls")  # fmt: skip
    assert urls == {str(letter.pk): "https://b.example/" for letter in kept}


def test_an_export_makes_the_same_queries_for_few_rows_and_many(client):
    def queries_for_export() -> int:
        with CaptureQueriesContext(connection) as captured:
            read_csv(client.get("/letters/export.csv"))
        return len(captured)

    for letter in LetterFactory.create_batch(5):
        CitationFactory(record=letter)
    few = queries_for_export()
    for letter in LetterFactory.create_batch(60):
        CitationFactory(record=letter)
    assert queries_for_export() == few


def test_an_export_of_one_column_writes_one_cell_a_row():
    from jurisdictions.models import Jurisdiction
    from sanctuary_tracker.exports import Column, Export

    JurisdictionFactory(slug="only")
    export = Export("slugs", "Slugs", [Column("slug", "Slug.")])
    out = io.StringIO()
    write_csv(export, Jurisdiction.objects.order_by("pk"), out)
    assert out.getvalue() == "slug\r\nonly\r\n"


def test_a_sparse_chunk_of_ids_is_one_parameter_and_finds_the_same_rows():
    """among_ids() passes a sparse chunk's ids as one parameter, not one each, and
    selects what among() selects; a dense run stays a range."""
    from sanctuary_tracker.exports import among_ids
    from sanctuary_tracker.models import Citation

    assert among_ids("object_id", [5, 3, 4, 6]) == among("object_id", [5, 3, 4, 6])
    citations = [CitationFactory(record=LetterFactory()) for _ in range(4)]
    ids = [citations[0].object_id, citations[3].object_id + 1000]
    found = Citation.objects.filter(among_ids("object_id", ids)).order_by("pk")
    expected = Citation.objects.filter(among("object_id", ids)).order_by("pk")
    assert list(found) == list(expected)
    assert citations[0] in found and citations[1] not in found
    _, params = found.query.sql_with_params()
    assert len(params) == 1
