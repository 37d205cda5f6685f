"""CSV and JSON exports: columns defined once, rows streamed, spreadsheets kept safe.

Each app's `exports.py` declares an `Export`: a name and its columns. A column is one of:

- a field: `field_column(Letter, "jurisdiction.slug")` reads `jurisdiction__slug`,
  its meaning from the field's help_text;
- a value the queryset annotates: `Column("status", ..., key="status")`;
- computed from other values of its row: `compute=` with the keys it `reads`
  (`label_column`);
- gathered for a chunk of rows at once: `gather=` maps the chunk's keys to text
  (`source_urls_column`, a case's plaintiffs, an award's partners: one query per chunk;
  `path_column`: each row's page).

Rows are read a chunk at a time, so memory stays flat however many match, and worked on
a column at a time: Python code run for every cell costs more than the database's own
work, so a million-row export spends its time in calls that loop in C (see "Column by
column" below):

- `fetch_columns`: the SQL is Django's own (`values()` of the columns' keys), the rows
  the driver's tuples, taken apart into columns; Django's converters (SQLite's dates,
  booleans and decimals) run on the columns that have them, once per distinct value
  (`each`);
- a computed column is computed once per distinct combination of what it reads;
- `csv_fields`: a column's cells are what `csv_cell` makes of its values, written as
  csv.writer would write them; one pass over a column finds whether any cell could
  run as a formula or needs quotes, and only such a column is rewritten cell by cell;
- `csv_lines` joins the fields into lines.

The writers here know nothing of the models. Views and the dataset call `stream_csv`,
`write_csv` and `stream_json`; the rest is how they work. `fetch_columns` is the one
function that runs on Django's SQL compiler (not a public API): a plain csv.writer over
`values_list().iterator()` wrote the same bytes at less than half the speed as
downloaded (docs/deploy.md).
"""

from __future__ import annotations

import gc
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import cache, cached_property, partial
from itertools import repeat
from operator import itemgetter
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import connections, models
from django.db.models import F, Func, Q
from django.db.models.expressions import RawSQL
from django.db.models.sql.constants import MULTI

from .paths import path_parts

# OWASP CSV injection: a cell starting with one of these may run as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMULA_CHARACTERS = frozenset("".join(FORMULA_STARTS))
CHUNK_SIZE = 2000
# Types whose equal values are written alike (unlike 1 and 1.0, Decimal("1.5") and
# Decimal("1.50"), or one instant in two time zones), so equal values can share one
# conversion: see `each`.
SAME_WHEN_EQUAL = frozenset({bool, int, str, date})
# csv.writer (delimiter ",", line ends "\r\n") quotes a field holding one of these.
NEEDS_QUOTES = (",", '"', "\r", "\n")


@dataclass(frozen=True)
class Column:
    name: str
    description: str
    type: str = "string"  # a Frictionless Table Schema type
    key: str | None = None  # the values() key it reads; None: its name
    # or: computed from the row (a function of the values it reads, called once for
    # rows that read the same values) ...
    compute: Callable[[dict], Any] | None = None
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

    def column_chunks(self, queryset: models.QuerySet) -> Iterator[dict[str, Sequence]]:
        """The queryset's rows in its order, a chunk at a time, column by column:
        {values() key or column name: its values, a row's at the same index}, computed
        and gathered columns added."""
        for chunk in fetch_columns(queryset.prefetch_related(None), self.value_keys):
            for column in self.columns:
                if column.gather:
                    keys = chunk[column.source_key]
                    found = column.gather(list(keys))
                    chunk[column.name] = tuple(map(found.get, keys, repeat("")))
                elif column.compute:
                    chunk[column.name] = _computed(column, chunk)
            yield chunk

    def chunks(self, queryset: models.QuerySet) -> Iterator[list[dict]]:
        """The queryset's rows as dictionaries, in its order, a chunk at a time,
        computed and gathered columns added."""
        for chunk in self.column_chunks(queryset):
            names = list(chunk)
            yield [
                dict(zip(names, row, strict=True))
                for row in zip(*chunk.values(), strict=True)
            ]

    def csv_chunks(self, queryset: models.QuerySet) -> Iterator[str]:
        """The queryset's rows as CSV lines (no header), a chunk of rows at a time."""
        for chunk in self.column_chunks(queryset):
            fields = [csv_fields(c.type, chunk[c.row_key]) for c in self.columns]
            yield csv_lines(fields)

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
    """The path of a record's page, `viewname` reversed with the row's `key` (see
    paths.py: a million rows do not call reverse() a million times)."""

    def paths(keys: list) -> dict[Any, str]:
        prefix, suffix = path_parts(viewname)
        suffix += anchor
        return {value: prefix + str(value) + suffix for value in keys}

    return Column("url", description, key=key, gather=paths)


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
    pairs = [pair for pair in pairs if pair[1]]
    single = dict(pairs)
    if len(single) == len(pairs) and all(type(t) is str for t in single.values()):
        return single  # one text per key (a letter's one source, say): built in C
    texts: dict[Any, list[str]] = {}
    for key, text in pairs:
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


def among_ids(field: str, keys: list[int], using: str = "default") -> Q:
    """`among()` for the primary keys of the rows exported, a sparse chunk's ids passed
    as one parameter (a JSON list on SQLite, an array on PostgreSQL) instead of one
    parameter each, which Django prepares one by one in Python: the letters in the
    list's order, newest first, are sparse in id."""
    condition = among(field, keys)
    ((lookup, value),) = condition.children
    if lookup.endswith("__range"):
        return condition
    ids = sorted(value)
    vendor = connections[using].vendor
    if vendor == "postgresql":
        chunk = RawSQL("SELECT unnest(%s::bigint[])", (ids,))
    elif vendor == "sqlite":
        chunk = RawSQL("SELECT value FROM json_each(%s)", (json.dumps(ids),))
    else:
        return condition
    return Q(**{f"{field}__in": chunk})


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
        citations = Citation.objects.all()
        return (
            citations.filter(
                among_ids("object_id", ids, citations.db), content_type=content_type
            )
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


def write_csv(export: Export, queryset: models.QuerySet, out: Any) -> None:
    """Write the header and one row per record to the text stream `out`."""
    for text in stream_csv(export, queryset):
        out.write(text)


def stream_csv(
    export: Export, queryset: models.QuerySet, *, bom: bool = False
) -> Iterator[str]:
    """The CSV a chunk of rows at a time (RFC 4180: CRLF line ends, quotes doubled)."""
    yield ("\ufeff" if bom else "") + csv_lines([[name] for name in export.header])
    yield from export.csv_chunks(queryset)


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


# Column by column -----------------------------------------------------------------
# A chunk of rows is a dictionary of columns, {key: its values, a row's at the same
# index}. Python code run once per cell costs more than the database's own work, so a
# column is worked on with calls that loop in C (map, join, set, zip), and a cell on
# its own only where such a pass found one that needs it.


def fetch_columns(
    queryset: models.QuerySet, keys: Iterable[str]
) -> Iterator[dict[str, Sequence]]:
    """The `values(*keys)` of the queryset's rows, a chunk of rows at a time, column by
    column. The values are those `values()` gives, without its Python work per row:
    the rows are the driver's tuples, and Django's converters for a column run on that
    column, once per distinct value (`each`)."""
    keys = list(keys)
    connection = connections[queryset.db]
    pk_name = queryset.model._meta.pk.name
    same_as_pk = "pk" in keys and pk_name in keys  # one column, read once
    if same_as_pk:
        keys.remove("pk")
    as_text = {}
    if connection.vendor == "sqlite" and not queryset.query.combinator:
        as_text = _dates_as_text(queryset.model, keys)
    aliases = {f"as_text__{key}": key for key in as_text}
    values = queryset.values(
        *[key for key in keys if key not in as_text],
        **{alias: as_text[key] for alias, key in aliases.items()},
    )
    query = values.query
    names = list(query.selected or [])  # as Django's ValuesIterable names them
    if not names:
        names = [*query.extra_select, *query.values_select, *query.annotation_select]
    names = [aliases.get(name, name) for name in names]
    compiler = query.get_compiler(connection=connection)
    # As QuerySet.iterator(): a server-side cursor where the database allows one.
    chunked = not connection.settings_dict.get("DISABLE_SERVER_SIDE_CURSORS")
    results = iter(
        compiler.execute_sql(MULTI, chunked_fetch=chunked, chunk_size=CHUNK_SIZE)
    )
    converters = None
    while columns := _next_columns(results):
        if converters is None:  # known once the query is compiled, as in results_iter()
            selected = [expression for expression, _, _ in compiler.select]
            found = compiler.get_converters(selected[: compiler.col_count])
            converters = [
                (names[i], partial(_converted, functions, expression, connection))
                for i, (functions, expression) in found.items()
            ]
        chunk = dict(zip(names, columns, strict=True))
        for name, convert in converters:
            chunk[name] = each(convert, chunk[name])
        if same_as_pk:
            chunk["pk"] = chunk[pk_name]
        yield chunk


def _next_columns(results: Iterator[list[tuple]]) -> list[tuple]:
    """The next chunk of rows from the driver, as columns (none left: empty). Python's
    cyclic garbage collector is paused meanwhile: a chunk is thousands of new row
    tuples, and the collector would look through every one of them for reference
    cycles (tuples of strings and numbers never are), costing more than all the other
    work done with them. Taken apart into columns, they are gone before it resumes."""
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        rows = next(results, [])
        columns = list(zip(*rows, strict=True))
        del rows
        return columns
    finally:
        if paused:
            gc.enable()


def _dates_as_text(model: type[models.Model], keys: Iterable[str]) -> dict[str, Func]:
    """SQLite's driver turns the text of every value it reads from a date column into
    a date with a Python function, one call per cell. Read as `CAST(... AS TEXT)`,
    which it does not convert, a date comes as that same text, and Django's converter
    (the same parse_date) turns it into a date once per distinct date (`each`)."""
    dates = {}
    for key in keys:
        target, parts = model, key.split("__")
        try:
            for part in parts[:-1]:
                target = target._meta.get_field(part).related_model
            model_field = target._meta.get_field(parts[-1])
        except (AttributeError, FieldDoesNotExist):  # an annotation, "pk", ...
            continue
        if model_field.get_internal_type() == "DateField":
            dates[key] = Func(
                F(key),
                template="CAST(%(expressions)s AS TEXT)",
                output_field=model_field,
            )
    return dates


def _converted(functions: list, expression: Any, connection: Any, value: Any) -> Any:
    for function in functions:
        value = function(value, expression, connection)
    return value


def each(function: Callable[..., Any], *columns: Sequence) -> tuple:
    """`tuple(map(function, *columns))`, calling `function` once per distinct value (or
    combination of values) of the columns where that cannot change the result: in a
    chunk, dates, booleans and kinds repeat. `function` must depend on its arguments
    only."""
    for values in columns:
        kinds = set(map(type, values)) - {type(None)}
        if len(kinds) > 1 or not kinds <= SAME_WHEN_EQUAL:
            return tuple(map(function, *columns))
    if len(columns) == 1:
        results = {key: function(key) for key in set(columns[0])}
        return tuple(map(results.__getitem__, columns[0]))
    results = {key: function(*key) for key in set(zip(*columns, strict=True))}
    return tuple(map(results.__getitem__, zip(*columns, strict=True)))


def _computed(column: Column, chunk: dict[str, Sequence]) -> tuple:
    """A computed column's values for a chunk."""

    def compute(*values: Any) -> Any:
        return column.compute(dict(zip(column.reads, values, strict=True)))

    return each(compute, *[chunk[key] for key in column.reads])


def csv_fields(kind: str, values: Sequence) -> Sequence[str]:
    """A column of values of Table Schema type `kind` as CSV fields: each the `csv_cell`
    of its value, as csv.writer writes it (quoted if need be)."""
    plain = kind in {"integer", "date"}  # csv_cell() leaves these as csv writes them
    try:
        text = "".join(values)  # in one pass: whether all are text, and what they hold
    except TypeError:  # None, numbers, dates, ...
        fields = _csv_texts(values if plain else each(csv_cell, values))
        text = "".join(fields)
    else:
        if plain or (kind == "string" and _inert(values, text)):
            fields = values
        else:
            fields = each(csv_cell, values)
            text = "".join(fields)
    if any(character in text for character in NEEDS_QUOTES):
        return tuple(map(_csv_quoted, fields))
    return fields


def _inert(texts: Sequence[str], text: str) -> bool:
    """Whether none of `texts` (joined: `text`) starts like a formula. Most columns
    hold none of those characters at all; only one that does is looked at more
    closely, at the first character of each text."""
    if not any(character in text for character in FORMULA_STARTS):
        return True
    firsts = "".join(map(itemgetter(0), filter(None, texts)))
    return FORMULA_CHARACTERS.isdisjoint(firsts)


def _csv_texts(cells: Sequence) -> Sequence[str]:
    """Cells as the text csv.writer writes for them, before quoting."""
    types = set(map(type, cells))
    if types <= {str}:
        return cells
    if types <= {int}:  # ids, all different
        return tuple(map(str, cells))
    return each(_csv_field, cells)  # dates, booleans, None, ... repeat


def _csv_field(value: Any) -> str:
    """A value as csv.writer writes it, before quoting (None as empty)."""
    if value is None:
        return ""
    return repr(value) if isinstance(value, float) else str(value)


def _csv_quoted(text: str) -> str:
    if any(character in text for character in NEEDS_QUOTES):
        return '"' + text.replace('"', '""') + '"'
    return text


def csv_lines(columns: list[Sequence[str]]) -> str:
    """Rows of CSV fields, given column by column, as CSV lines ending in CRLF: what
    csv.writer(out, lineterminator="\r\n").writerows() writes for them."""
    if len(columns) == 1:  # a line of one empty field would be an empty line
        columns = [[text or '""' for text in columns[0]]]
    return "\r\n".join(map(",".join, zip(*columns, strict=True))) + "\r\n"
