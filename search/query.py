"""What a reader types, made into a query the database's full-text search cannot
misread, and the ranked, public entries it finds.

`parse()` keeps words and "quoted phrases" and nothing else: every character that
is not part of a word (quotes unpaired, parentheses, `-`, `:`, `^`, NUL) separates
words, operator words (`NEAR`, `OR`, `NOT`) are plain words, and a `*` at the end of
a word asks for the words it begins. Each word or phrase must be found (AND). The
terms are then written for each database: on SQLite as an FTS5 expression of quoted
strings (`"sanctuary" "48 hours"*`), on PostgreSQL as a tsquery of quoted lexemes
(`'sanctuary' & '48' <-> 'hours':*`) given to `to_tsquery('english', ...)`, which
stems them as the index was. Neither can then fail on what was typed.

Ranking: an entry holding the words as typed, side by side, comes before one holding
them apart; then the database's relevance (FTS5's bm25, PostgreSQL's ts_rank), the
title weighing more than the body; then the newest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    F,
    FloatField,
    Model,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .models import SearchEntry, SearchText, id_range

MAX_LENGTH = 500  # characters of a query read; the rest is left out, with a note
MAX_TERMS = 12
# Highlight marks around a matched word in a snippet: control characters, which the
# index never holds (index._CONTROL), so only the database's marks become <mark>.
MARK_START, MARK_END = "\x02", "\x03"
_WORD = re.compile(r"\w+", re.UNICODE)
_PIECE = re.compile(r'"([^"]*)"?|([^\s"]+)')


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]  # one word, or a phrase's words in order
    prefix: bool = False  # the last word is a beginning (`sanctu*`)


@dataclass
class Parsed:
    terms: list[Term] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.terms)

    @property
    def side_by_side(self) -> Term | None:
        """All the words as one phrase, when there are several (for the ranking)."""
        words = tuple(word for term in self.terms for word in term.words)
        if len(words) < 2:
            return None
        return Term(words, self.terms[-1].prefix)


def parse(text: str) -> Parsed:
    parsed = Parsed()
    text = (text or "").replace("\x00", " ")
    if len(text) > MAX_LENGTH:
        text = text[:MAX_LENGTH]
        parsed.notes.append(
            f"The search reads the first {MAX_LENGTH} characters; the rest was left out."
        )
    for match in _PIECE.finditer(text):
        phrase, bare = match.groups()
        piece = phrase if phrase is not None else bare
        words = tuple(word.lower() for word in _WORD.findall(piece))
        if not words:
            continue
        prefix = phrase is None and piece.rstrip().endswith("*")
        parsed.terms.append(Term(words, prefix))
    if len(parsed.terms) > MAX_TERMS:
        parsed.terms = parsed.terms[:MAX_TERMS]
        parsed.notes.append(f"The search reads the first {MAX_TERMS} words or phrases.")
    return parsed


# SQLite: FTS5
def fts5_term(term: Term) -> str:
    # Words are \w+ only: no double quote can occur inside the string.
    text = '"' + " ".join(term.words) + '"'
    return f"{text}*" if term.prefix else text


def fts5_expression(parsed: Parsed) -> str:
    return " ".join(fts5_term(term) for term in parsed.terms)


# PostgreSQL: tsquery
def tsquery_term(term: Term) -> str:
    lexemes = [f"'{word}'" for word in term.words]  # \w+ only: no quote inside
    if term.prefix:
        lexemes[-1] += ":*"
    return " <-> ".join(lexemes)


def tsquery_expression(parsed: Parsed) -> str:
    return " & ".join(f"({tsquery_term(term)})" for term in parsed.terms)


def _tsquery(text: str) -> SearchQuery:
    return SearchQuery(text, search_type="raw", config="english")


def terms(text: str) -> Parsed:
    """What was typed, parsed; a ValidationError (the form's message beside the box)
    when it holds no word to look for."""
    parsed = parse(text)
    if not parsed:
        raise ValidationError(
            "There is no word to search for in “%(value)s”: type a word or a "
            "“quoted phrase” (a * after a word finds the words it begins).",
            code="no_words",
            params={"value": unmarked(text)[:80]},
        )
    return parsed


def found(parsed: Parsed, entries: QuerySet) -> QuerySet:
    """The entries holding every term, unordered."""
    if connection.vendor == "postgresql":
        return entries.filter(vector=_tsquery(tsquery_expression(parsed)))
    return entries.filter(text__search_fts__match=fts5_expression(parsed))


class ListIndex:
    """The index as a list's word box reads it (`sanctuary_tracker.text_search`): the
    same parse and the same match as the site search, for one kind of record."""

    # More records than this holding the words, and a list walks its own order
    # testing each row rather than looking the matches up and sorting them.
    MANY = 1000

    def parse(self, text: str) -> Parsed:
        return terms(text)

    def matching(self, model: type[Model], parsed: Parsed) -> QuerySet:
        content_type = ContentType.objects.get_for_model(model)
        if connection.vendor == "postgresql":
            entries = SearchEntry.objects.filter(content_type=content_type)
            return found(parsed, entries).values("object_id")
        # FTS5 reads only this kind's range of its rows, and a row's id gives the
        # record's: joined to the entries, a word held by every record was matched
        # in every kind and each match looked up to learn its kind.
        first, _ = id_range(content_type.pk)
        return (
            _kind_rows(content_type, parsed)
            .annotate(object_id=F("pk") - first)
            .values("object_id")
        )

    def held_by_many(self, model: type[Model], parsed: Parsed) -> bool:
        if connection.vendor == "postgresql":
            return False  # its planner weighs the matches itself
        content_type = ContentType.objects.get_for_model(model)
        return _kind_rows(content_type, parsed)[self.MANY : self.MANY + 1].exists()


def _kind_rows(content_type: ContentType, parsed: Parsed) -> QuerySet:
    """SQLite: the FTS5 rows of this kind of record that hold every term."""
    first, last = id_range(content_type.pk)
    return SearchText.objects.filter(
        pk__gte=first, pk__lte=last, search_fts__match=fts5_expression(parsed)
    )


def matching(parsed: Parsed, entries: QuerySet | None = None) -> QuerySet:
    """The public entries holding every term, with `rank` (higher is better) and
    `together` (the words side by side), in the order of the results."""
    entries = SearchEntry.objects.filter(is_public=True) if entries is None else entries
    entries = found(parsed, entries)
    together = parsed.side_by_side
    if connection.vendor == "postgresql":
        query = _tsquery(tsquery_expression(parsed))
        entries = entries.annotate(rank=SearchRank(F("vector"), query))
        if together is not None:
            side = _tsquery(tsquery_term(together))
            entries = entries.annotate(
                together=Case(
                    When(Q(vector=side), then=Value(True)),
                    default=Value(False),
                    output_field=BooleanField(),
                )
            )
    else:
        # bm25 is lower for a better match; the title counts five times the body.
        entries = entries.annotate(
            rank=RawSQL('-bm25("search_fts", 5.0, 1.0)', [], output_field=FloatField())
        )
        if together is not None:
            side = SearchEntry.objects.filter(
                text__search_fts__match=fts5_term(together)
            ).values("pk")
            entries = entries.annotate(
                together=Case(
                    When(pk__in=side, then=Value(True)),
                    default=Value(False),
                    output_field=BooleanField(),
                )
            )
    order = [F("rank").desc(), F("dated_on").desc(nulls_last=True), "pk"]
    if together is not None:
        order.insert(0, F("together").desc())
    return entries.order_by(*order)


def snippets(parsed: Parsed, ids: list[int]) -> dict[int, tuple[str, str]]:
    """{entry id: (title, snippet of the body)} with the matched words between
    MARK_START and MARK_END, for these entries (one page of results)."""
    if not ids:
        return {}
    if connection.vendor == "postgresql":
        query = _tsquery(tsquery_expression(parsed))
        options = {
            "config": "english",
            "start_sel": MARK_START,
            "stop_sel": MARK_END,
        }
        rows = SearchEntry.objects.filter(pk__in=ids).annotate(
            marked_title=SearchHeadline("title", query, highlight_all=True, **options),
            marked_body=SearchHeadline(
                "body", query, max_words=30, min_words=12, max_fragments=2, **options
            ),
        )
        return {
            row.pk: (row.marked_title, row.marked_body)
            for row in rows.only("pk", "title", "body")
        }
    # Read from the FTS5 table by rowid: joined from the entries, SQLite would walk
    # every match of the words to find these few.
    rows = SearchText.objects.filter(
        entry_id__in=ids, search_fts__match=fts5_expression(parsed)
    ).annotate(
        marked_title=RawSQL('highlight("search_fts", 0, char(2), char(3))', []),
        marked_body=RawSQL("snippet(\"search_fts\", 1, char(2), char(3), '…', 30)", []),
    )
    return {
        pk: (title, body)
        for pk, title, body in rows.values_list(
            "entry_id", "marked_title", "marked_body"
        )
    }


def marked(text: str) -> SafeString:
    """The text escaped, then its highlight marks made <mark> elements: nothing a
    record holds is ever read as HTML."""
    escaped = escape(text or "")
    return mark_safe(escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))


def unmarked(text: str) -> str:
    return (text or "").replace(MARK_START, "").replace(MARK_END, "")
