"""The site search's index: one entry per record (or per quote from a source), with the
text the search reads, kept current on every write (`search/keeping.py`).

The words are indexed by the database itself: on PostgreSQL `vector` (a tsvector of
the title and body with English stemming, under a GIN index), on SQLite an FTS5 table,
`search_fts` (porter stemming), whose rows SQLite's triggers keep equal to the
entries' title and body in the same transaction. Both are made by migration 0002; the
model `SearchText` lets the ORM join the FTS5 table.

An entry's id is its record's: the content type's id, then the record's id in the
low 40 bits (`entry_id`). The entries of one kind of record are then one range of ids,
which FTS5 reads as a range of its own rows (`id_range`): a list's word box reads only
its kind's matches, and each one's record id, without a join.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Lookup


class Kind(models.TextChoices):
    """The kinds of record the search finds, in the order the facets list them."""

    JURISDICTION = "jurisdiction", "Jurisdiction"
    CAMPAIGN = "campaign", "Campaign"
    LETTER = "letter", "Letter"
    STATEMENT = "statement", "Statement"
    DIRECTIVE = "directive", "Directive"
    LIST = "list", "Published list"
    CASE = "case", "Case"
    RULING = "ruling", "Ruling"
    FIGURE = "figure", "Award figure"
    SOURCE = "source", "Source"
    QUOTE = "quote", "Quote from a source"


RECORD_ID_BITS = 40


def entry_id(content_type_id: int, object_id: int) -> int:
    """The id of a record's entry: its content type's id, then its own."""
    if not 0 < object_id < 1 << RECORD_ID_BITS:
        raise ValueError(f"A record id the search cannot index: {object_id}")
    return content_type_id << RECORD_ID_BITS | object_id


def id_range(content_type_id: int) -> tuple[int, int]:
    """The first and last entry id a record of this content type can have."""
    first = content_type_id << RECORD_ID_BITS
    return first, first + (1 << RECORD_ID_BITS) - 1


class SearchEntryQuerySet(models.QuerySet):
    def without_record_keeping(self) -> SearchEntryQuerySet:
        """A page of results, as a list page reads its rows (`FilteredListView`): an
        entry keeps no record-keeping columns, so only the joins a result shows."""
        return self.select_related("jurisdiction", "campaign").defer("vector", "body")


class SearchEntry(models.Model):
    """What the search knows of one record: its words, and what a result shows. Its
    id is given, never drawn from the sequence: `entry_id(content type, record)`."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=20, choices=Kind)
    title = models.CharField(max_length=600, help_text="The result's heading.")
    body = models.TextField(blank=True, help_text="The rest of the record's words.")
    dated_on = models.DateField(null=True, blank=True, help_text="The record's date.")
    year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Year of `dated_on` (the year facet)."
    )
    jurisdiction = models.ForeignKey(
        "jurisdictions.Jurisdiction",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text="The jurisdiction the record is about, if one.",
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text="The campaign the record belongs to, if one.",
    )
    url = models.CharField(max_length=2000, blank=True, help_text="Its page.")
    is_public = models.BooleanField(
        help_text="The record is published (its queryset's `published()`)."
    )
    vector = SearchVectorField(
        null=True, editable=False, help_text="PostgreSQL's words of title and body."
    )

    objects = SearchEntryQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="search_entry_unique_record"
            )
        ]
        indexes = [
            models.Index(fields=["kind", "is_public"], name="search_kind_public_idx")
        ]
        verbose_name_plural = "search entries"

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"


class FullTextMatch(Lookup):
    """`text__match=...`: FTS5's MATCH on the table's own hidden column."""

    lookup_name = "match"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} MATCH {rhs}", [*lhs_params, *rhs_params]


class FullTextField(models.TextField):
    """The FTS5 table's hidden column named as the table, which MATCH takes."""


FullTextField.register_lookup(FullTextMatch)


class SearchText(models.Model):
    """SQLite's FTS5 table of the entries' title and body (external content: the words
    are indexed, the text stays in `SearchEntry`). Not a table on PostgreSQL."""

    entry = models.OneToOneField(
        SearchEntry,
        on_delete=models.DO_NOTHING,
        primary_key=True,
        db_column="rowid",
        db_constraint=False,
        related_name="text",
    )
    title = models.TextField()
    body = models.TextField()
    search_fts = FullTextField(db_column="search_fts")

    class Meta:
        managed = False
        db_table = "search_fts"

    def __str__(self) -> str:
        return self.title
