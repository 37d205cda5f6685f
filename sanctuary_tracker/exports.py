"""CSV and JSON exports: columns defined once, rows streamed, spreadsheets kept safe.

Each app's `exports.py` declares an `Export`: a name and its columns, each a
snake_case header, an accessor and a meaning (taken from the model field's help_text
when the column is a field). The writers here know nothing of the models.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models

# OWASP CSV injection: a cell starting with one of these may run as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CHUNK_SIZE = 2000


@dataclass(frozen=True)
class Column:
    name: str
    value: Callable[[Any], Any]
    description: str
    type: str = "string"  # a Frictionless Table Schema type


@dataclass
class Export:
    name: str
    title: str
    columns: list[Column] = field(default_factory=list)
    primary_key: str = "id"

    @property
    def header(self) -> list[str]:
        return [column.name for column in self.columns]

    def values(self, obj: Any) -> list[Any]:
        return [column.value(obj) for column in self.columns]


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

    def read(obj: Any) -> Any:
        for part in parts:
            obj = getattr(obj, part, None) if obj is not None else None
        return obj

    return Column(name or parts[-1], read, text, _schema_type(model_field))


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


def source_urls(obj: Any) -> str:
    """The record's source addresses, in citation order, separated by spaces."""
    return " ".join(c.source.url for c in obj.citations.all() if c.source.url)


SOURCE_URLS = Column(
    "source_urls", source_urls, "Addresses of the sources, separated by spaces."
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


class _Line:
    """A file-like object whose write() returns the line, for streaming csv.writer."""

    def write(self, text: str) -> str:
        return text


def iterate(queryset: models.QuerySet | Iterable) -> Iterator[Any]:
    """Rows from the database in chunks, so memory stays flat however many match."""
    if isinstance(queryset, models.QuerySet):
        return queryset.iterator(chunk_size=CHUNK_SIZE)
    return iter(queryset)


def write_csv(export: Export, objects: Iterable[Any], out: Any) -> None:
    """Write the header and one row per object to the text stream `out`."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(export.header)
    for obj in iterate(objects):
        writer.writerow([csv_cell(value) for value in export.values(obj)])


def stream_csv(
    export: Export, objects: Iterable[Any], *, bom: bool = False
) -> Iterator[str]:
    """The CSV a line at a time (RFC 4180: CRLF line ends, quotes doubled)."""
    writer = csv.writer(_Line(), lineterminator="\r\n")
    yield ("\ufeff" if bom else "") + writer.writerow(export.header)
    for obj in iterate(objects):
        yield writer.writerow([csv_cell(value) for value in export.values(obj)])


def stream_json(export: Export, objects: Iterable[Any]) -> Iterator[str]:
    """A JSON array of objects keyed by the column names, a row at a time."""
    yield "["
    separator = "\n"
    for obj in iterate(objects):
        row = {
            name: json_value(v)
            for name, v in zip(export.header, export.values(obj), strict=True)
        }
        yield separator + json.dumps(row, ensure_ascii=False)
        separator = ",\n"
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
