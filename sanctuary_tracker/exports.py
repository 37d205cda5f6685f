"""CSV and JSON exports: columns defined once, rows streamed, spreadsheets kept safe.

Each app's `exports.py` declares an `Export`: a name and its columns. Rows are
dictionaries from `QuerySet.values()`, never model instances, so an export of a
million rows streams at close to the database's own speed. A column is one of:

- a field: `field_column(Letter, "jurisdiction.slug")` reads `jurisdiction__slug`,
  its meaning from the field's help_text;
- a value the queryset annotates: `Column("status", ..., key="status")`;
- computed from other values of its row: `compute=` with the keys it `reads`
  (`label_column`, `path_column`);
- gathered for a chunk of rows at once: `gather=` maps the chunk's keys to text, one
  query per chunk (`source_urls_column`, a case's plaintiffs, an award's partners).

The writers here know nothing of the models.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import cache, cached_property
from itertools import islice
from operator import itemgetter
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import get_script_prefix, reverse

# OWASP CSV injection: a cell starting with one of these may run as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CHUNK_SIZE = 2000


@dataclass(frozen=True)
class Column:
    name: str
    description: str
    type: str = "string"  # a Frictionless Table Schema type
    key: str | None = None  # the values() key it reads; None: its name
    compute: Callable[[dict], Any] | None = None  # or: computed from the row ...
    reads: tuple[str, ...] = ()  # ... whose values() keys these are
    gather: Callable[[list], dict] | None = None  # or: {row[key]: text} for a chunk

    @property
    def source_key(self) -> str:
        return self.key or self.name

    @property
    def value_keys(self) -> tuple[str, ...]:
        """What the column needs `values()` to read."""
        return self.reads if self.compute else (self.source_key,)

    @property
    def row_key(self) -> str:
        """Where a row holds the column's value (computed and gathered values are
        added to the row under the column's name)."""
        return self.name if self.compute or self.gather else self.source_key


@dataclass
class Export:
    name: str
    title: str
    columns: list[Column] = field(default_factory=list)
    primary_key: str = "id"

    @property
    def header(self) -> list[str]:
        return [column.name for column in self.columns]

    @cached_property
    def value_keys(self) -> list[str]:
        return list(dict.fromkeys(k for c in self.columns for k in c.value_keys))

    def __post_init__(self) -> None:
        for column in self.columns:
            if (column.compute or column.gather) and column.name in self.value_keys:
                raise ValueError(f"{self.name}.{column.name} would hide a value")

    @cached_property
    def read(self) -> Callable[[dict], tuple]:
        """A row's values in column order (one C-level call per row)."""
        keys = [column.row_key for column in self.columns]
        if len(keys) == 1:
            return lambda row: (row[keys[0]],)
        return itemgetter(*keys)

    def chunks(self, queryset: models.QuerySet) -> Iterator[list[dict]]:
        """The queryset's rows as dictionaries, in its order, a chunk at a time (so
        memory stays flat however many match), computed and gathered columns added."""
        values = queryset.prefetch_related(None).values(*self.value_keys)
        computed = [(c.name, c.compute) for c in self.columns if c.compute]
        gathered = [column for column in self.columns if column.gather]
        iterator = values.iterator(chunk_size=CHUNK_SIZE)
        while chunk := list(islice(iterator, CHUNK_SIZE)):
            for column in gathered:
                key = column.source_key
                found = column.gather([row[key] for row in chunk])
                for row in chunk:
                    row[column.name] = found.get(row[key], "")
            for row in chunk:
                for name, compute in computed:
                    row[name] = compute(row)
            yield chunk

    def rows(self, queryset: models.QuerySet) -> Iterator[dict]:
        for chunk in self.chunks(queryset):
            yield from chunk

    def values(self, row: dict) -> list[Any]:
        return list(self.read(row))


def field_column(
    model: type[models.Model], path: str, name: str | None = None, description: str = ""
) -> Column:
    """A column read from a model field (`path` may follow foreign keys: "round.slug"),
    its meaning from the field's help_text unless given."""
    parts = path.split(".")
    target = model
    for part in parts[:-1]:
        target = target._meta.get_field(part).related_model
    model_field = target._meta.get_field(parts[-1])
    text = (
        description
        or str(model_field.help_text)
        or str(model_field.verbose_name).capitalize()
    )
    return Column(
        name or parts[-1], text, _schema_type(model_field), key="__".join(parts)
    )


def label_column(
    model: type[models.Model], field_name: str, name: str, description: str
) -> Column:
    """The label of a field's choice ("document_demand" -> "Document demand")."""

    @cache
    def labels() -> dict[str, str]:
        return {k: str(v) for k, v in model._meta.get_field(field_name).flatchoices}

    def label(row: dict) -> str | None:
        value = row[field_name]
        return labels().get(value, value)

    return Column(name, description, compute=label, reads=(field_name,))


def path_column(viewname: str, key: str, description: str, anchor: str = "") -> Column:
    """The path of a record's page, `viewname` reversed with the row's `key` (reversed
    once: a million rows do not call reverse() a million times)."""
    placeholder = "1234567890"  # matches both <int:pk> and <slug:slug>

    @cache
    def around(script_prefix: str) -> tuple[str, str]:
        prefix, suffix = reverse(viewname, args=[placeholder]).split(placeholder)
        return prefix, suffix + anchor

    def path(row: dict) -> str:
        prefix, suffix = around(get_script_prefix())
        return f"{prefix}{row[key]}{suffix}"

    return Column("url", description, compute=path, reads=(key,))


def _schema_type(model_field: models.Field) -> str:
    if isinstance(model_field, models.BooleanField):
        return "boolean"
    if isinstance(model_field, models.DateTimeField):
        return "datetime"
    if isinstance(model_field, models.DateField):
        return "date"
    if isinstance(model_field, models.DecimalField):
        return "number"
    if isinstance(
        model_field, models.IntegerField | models.AutoField | models.ForeignKey
    ):
        return "integer"
    return "string"


def joined(pairs: Iterable[tuple[Any, Any]]) -> dict[Any, str]:
    """{key: its texts separated by spaces} from (key, text) pairs, empty texts left out."""
    texts: dict[Any, list[str]] = {}
    for key, text in pairs:
        if text:
            texts.setdefault(key, []).append(str(text))
    return {key: " ".join(values) for key, values in texts.items()}


def among(field: str, keys: list[int]) -> Q:
    """Rows whose `field` is one of a chunk's `keys`. A dense run of ids (an export in
    id order) becomes a range, which Django builds far faster than an IN list of
    thousands; rows the range adds are simply never looked up."""
    distinct = set(keys)
    low, high = min(distinct), max(distinct)
    if high - low < 2 * len(distinct):
        return Q(**{f"{field}__range": (low, high)})
    return Q(**{f"{field}__in": distinct})


def gathered_column(
    name: str,
    description: str,
    pairs: Callable[[list], Iterable[tuple[Any, Any]]],
    key: str = "pk",
) -> Column:
    """Texts related to each row, separated by spaces (a case's plaintiffs, say):
    `pairs(keys)` gives (key, text) for a chunk of rows' `key`s, in order."""
    return Column(name, description, key=key, gather=lambda keys: joined(pairs(keys)))


def source_urls_column(model: type[models.Model]) -> Column:
    """The record's source addresses, in citation order."""

    def pairs(ids: list[int]) -> Iterable[tuple[int, str]]:
        from .models import Citation

        content_type = ContentType.objects.get_for_model(model)
        return (
            Citation.objects.filter(among("object_id", ids), content_type=content_type)
            .order_by("pk")
            .values_list("object_id", "source__url")
        )

    return gathered_column(
        "source_urls", "Addresses of the sources, separated by spaces.", pairs
    )


def csv_cell(value: Any) -> Any:
    """A value as a CSV cell: dates in ISO 8601, unknown as empty, numbers as plain
    numbers, and text that a spreadsheet could run as a formula made inert."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return (
            format(value.normalize(), "f")
            if value == value.to_integral()
            else str(value)
        )
    if isinstance(value, int | float):
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral() else float(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def csv_rows(export: Export, rows: Iterable[dict]) -> Iterator[list[Any]]:
    """Rows as lists of CSV cells, as `csv_cell` makes them. A row is read as it is,
    then only its text, boolean, number and datetime cells are rewritten: csv writes
    None as empty, and a date or an integer as it should be."""
    text = [i for i, c in enumerate(export.columns) if c.type == "string"]
    other = [
        i
        for i, c in enumerate(export.columns)
        if c.type not in {"string", "integer", "date"}
    ]
    read = export.read
    for row in rows:
        cells = list(read(row))
        for i in text:  # inline, not csv_cell: most cells of most exports are text
            value = cells[i]
            if value.__class__ is str:
                if value[:1] in FORMULA_STARTS:
                    cells[i] = "'" + value
            elif value is not None:
                cells[i] = csv_cell(value)
        for i in other:
            cells[i] = csv_cell(cells[i])
        yield cells


class _Lines:
    """A file-like object that keeps what csv.writer writes until it is taken."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, text: str) -> None:
        self.parts.append(text)

    def take(self) -> str:
        text, self.parts = "".join(self.parts), []
        return text


def write_csv(export: Export, queryset: models.QuerySet, out: Any) -> None:
    """Write the header and one row per record to the text stream `out`."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(export.header)
    writer.writerows(csv_rows(export, export.rows(queryset)))


def stream_csv(
    export: Export, queryset: models.QuerySet, *, bom: bool = False
) -> Iterator[str]:
    """The CSV a chunk of rows at a time (RFC 4180: CRLF line ends, quotes doubled)."""
    lines = _Lines()
    writer = csv.writer(lines, lineterminator="\r\n")
    writer.writerow(export.header)
    yield ("\ufeff" if bom else "") + lines.take()
    for chunk in export.chunks(queryset):
        writer.writerows(csv_rows(export, chunk))
        yield lines.take()


def stream_json(export: Export, queryset: models.QuerySet) -> Iterator[str]:
    """A JSON array of objects keyed by the column names, a chunk of rows at a time."""
    yield "["
    separator = "\n"
    header = export.header
    for chunk in export.chunks(queryset):
        parts = []
        for row in chunk:
            values = zip(header, export.values(row), strict=True)
            parts.append(separator + json.dumps(
                {name: json_value(v) for name, v in values}, ensure_ascii=False
            ))  # fmt: skip
            separator = ",\n"
        yield "".join(parts)
    yield "\n]\n"


def table_schema(export: Export) -> dict:
    """The Frictionless Table Schema of an export."""
    return {
        "fields": [
            {"name": c.name, "type": c.type, "description": c.description}
            for c in export.columns
        ],
        "primaryKey": export.primary_key,
    }
