"""What each kind of record gives the search, and writing its entries.

`KINDS` says, for each model the search finds, the rows it reads and the entry a row
makes (`Document`). `refresh(model, ids)` writes those records' entries again (made,
changed, or removed when the record is gone) and `rebuild()` writes every entry; both
go through `write()`, so one write and a rebuild make the same rows. Whether an entry
is public is the model's own `published()` queryset, the rule every public page reads.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import islice

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVector
from django.db import connection, models, transaction
from django.urls import reverse

from campaigns.models import Campaign
from correspondence.models import Letter, Statement
from designations.models import Designation
from directives.models import Directive
from grants.models import AwardFigure
from jurisdictions.models import Jurisdiction
from litigation.models import Case, Party, Ruling
from sanctuary_tracker.models import Citation, Source

from .models import Kind, SearchEntry, entry_id

CHUNK = 2000
# Control characters never reach the index: the highlight marks of a snippet are two
# of them (query.MARK_START, MARK_END), so a record's text can never forge one.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass
class Document:
    title: str
    body: str = ""
    dated_on: date | None = None
    jurisdiction_id: int | None = None
    campaign_id: int | None = None
    url: str = ""


def _text(*parts: object) -> str:
    return _CONTROL.sub(" ", " · ".join(str(part) for part in parts if part))


@dataclass(frozen=True)
class KindSpec:
    kind: str
    model: type[models.Model]
    document: Callable[[models.Model], Document]
    related: tuple[str, ...] = ()
    prefetch: tuple[str | models.Prefetch, ...] = ()

    def rows(self) -> models.QuerySet:
        rows = self.model._default_manager.select_related(*self.related)
        return rows.prefetch_related(*self.prefetch).order_by("pk")

    def public_ids(self, ids: list[int]) -> set[int]:
        published = self.model._default_manager.published().filter(pk__in=ids)
        return set(published.values_list("pk", flat=True))


def _jurisdiction(j: Jurisdiction) -> Document:
    return Document(
        title=j.name,
        body=_text(j.listed_name, j.get_kind_display(), j.state),
        jurisdiction_id=j.pk,
        url=j.get_absolute_url(),
    )


def _campaign(c: Campaign) -> Document:
    return Document(
        title=c.name,
        body=_text(
            c.led_by, c.summary, c.legal_basis, c.money_at_stake, c.end_description
        ),
        dated_on=c.started_on,
        campaign_id=c.pk,
        url=c.get_absolute_url(),
    )


def _letter(letter: Letter) -> Document:
    way = "to" if letter.direction == Letter.Direction.TO_JURISDICTION else "from"
    return Document(
        title=f"{letter.get_kind_display()} {way} {letter.jurisdiction.name}",
        body=_text(
            letter.subject,
            letter.signer,
            letter.signer_title,
            letter.office,
            letter.addressee,
            letter.get_finding_display() if letter.finding else "",
            letter.demanded,
            letter.summary,
        ),
        dated_on=letter.sent_on,
        jurisdiction_id=letter.jurisdiction_id,
        campaign_id=letter.campaign_id,
        url=letter.get_absolute_url(),
    )


def _statement(s: Statement) -> Document:
    # Shown in its jurisdiction's timeline, or (one said of no jurisdiction) in its
    # campaign's.
    if s.jurisdiction_id:
        url = s.jurisdiction.get_absolute_url()
    elif s.round_id:
        url = s.round.campaign.get_absolute_url()
    else:
        url = reverse("campaigns:list")
    return Document(
        title=f"{s.get_kind_display()} by {s.speaker}",
        body=_text(s.speaker_title, s.summary, s.quote),
        dated_on=s.made_on,
        jurisdiction_id=s.jurisdiction_id,
        campaign_id=s.round.campaign_id if s.round_id else None,
        url=url,
    )


def _directive(d: Directive) -> Document:
    return Document(
        title=d.title,
        body=_text(d.get_kind_display(), d.number, d.issuer, d.citation, d.summary),
        dated_on=d.issued_on,
        campaign_id=d.campaign_id,
        url=d.get_absolute_url(),
    )


def _designation(d: Designation) -> Document:
    names = [listing.name_as_printed for listing in d.listings.all()]
    return Document(
        title=d.title,
        body=_text(d.publisher, d.criteria, d.summary, d.count_note, *names),
        dated_on=d.published_on,
        campaign_id=d.campaign_id,
        url=d.get_absolute_url(),
    )


def _case(c: Case) -> Document:
    parties = [party.display_name for party in c.parties.all()]
    return Document(
        title=c.caption,
        body=_text(
            c.docket_number,
            c.court.name if c.court else "",
            c.judge,
            c.subject,
            c.other_parties,
            *parties,
        ),
        dated_on=c.filed_on,
        campaign_id=c.campaign_id,
        url=c.get_absolute_url(),
    )


def _ruling(r: Ruling) -> Document:
    return Document(
        title=f"{r.get_kind_display()}: {r.case.caption}",
        body=_text(
            r.get_outcome_display() if r.outcome else "",
            r.summary,
            r.reporter_citation,
            r.document_number,
            r.protected_conditions,
        ),
        dated_on=r.decided_on,
        campaign_id=r.case.campaign_id,
        url=r.get_absolute_url(),
    )


def _figure(f: AwardFigure) -> Document:
    award = f.award
    return Document(
        title=f"{f.get_kind_display()}: FY{award.fiscal_year} "
        f"{award.program.short_name}, {award.recipient.name}",
        body=_text(f.as_reported, f.note, award.award_number, award.note),
        dated_on=f.dated_on,
        jurisdiction_id=award.recipient_id,
        url=award.get_absolute_url(),
    )


KINDS: dict[type[models.Model], KindSpec] = {
    spec.model: spec
    for spec in [
        KindSpec(Kind.JURISDICTION, Jurisdiction, _jurisdiction),
        KindSpec(Kind.CAMPAIGN, Campaign, _campaign),
        KindSpec(Kind.LETTER, Letter, _letter, ("jurisdiction",)),
        KindSpec(
            Kind.STATEMENT, Statement, _statement, ("jurisdiction", "round__campaign")
        ),
        KindSpec(Kind.DIRECTIVE, Directive, _directive),
        KindSpec(Kind.LIST, Designation, _designation, (), ("listings",)),
        # The parties' jurisdictions joined, not prefetched: Django prefetches a
        # foreign key on SQLite with one "id = x OR ..." per row, which past 1,000
        # jurisdictions (a chunk of the bench's cases) SQLite refuses as too deep.
        KindSpec(
            Kind.CASE,
            Case,
            _case,
            ("court",),
            (models.Prefetch("parties", Party.objects.select_related("jurisdiction")),),
        ),
        KindSpec(Kind.RULING, Ruling, _ruling, ("case",)),
        KindSpec(
            Kind.FIGURE, AwardFigure, _figure, ("award__program", "award__recipient")
        ),
    ]
}


def _documents(
    spec: KindSpec, ids: Iterable[int] | None
) -> Iterator[tuple[models.Model, Document, bool]]:
    """(record, document, public) for these records of a kind (None: every one)."""
    rows = spec.rows()
    if ids is not None:
        rows = rows.filter(pk__in=list(ids))
    iterator = rows.iterator(chunk_size=CHUNK)
    while chunk := list(islice(iterator, CHUNK)):
        public = spec.public_ids([row.pk for row in chunk])
        for row in chunk:
            yield row, spec.document(row), row.pk in public


def _entry(kind: str, ct: ContentType, pk: int, doc: Document, public: bool):
    return SearchEntry(
        id=entry_id(ct.pk, pk),
        content_type=ct,
        object_id=pk,
        kind=kind,
        title=doc.title[:600],
        body=doc.body,
        dated_on=doc.dated_on,
        year=doc.dated_on.year if doc.dated_on else None,
        jurisdiction_id=doc.jurisdiction_id,
        campaign_id=doc.campaign_id,
        url=doc.url,
        is_public=public,
    )


def _record_entries(model: type[models.Model], ids: list[int] | None):
    spec = KINDS[model]
    ct = ContentType.objects.get_for_model(model)
    for row, doc, public in _documents(spec, ids):
        yield _entry(spec.kind, ct, row.pk, doc, public)


def _citation_entries(ids: list[int] | None, public_sources: set[int]):
    """A quote is public when the record it backs is; its entry takes that record's
    page, date, jurisdiction and campaign (the source's date when the record has none),
    or the source's address for a record with no page of its own. Each source cited
    by a public record goes in `public_sources`."""
    ct = ContentType.objects.get_for_model(Citation)
    citations = Citation.objects.select_related("source", "content_type")
    citations = citations.order_by("pk")
    if ids is not None:
        citations = citations.filter(pk__in=ids)
    iterator = citations.iterator(chunk_size=CHUNK)
    while chunk := list(islice(iterator, CHUNK)):
        records: dict[tuple[int, int], tuple[Document | None, bool]] = {}
        by_type: dict[ContentType, set[int]] = {}
        for citation in chunk:
            by_type.setdefault(citation.content_type, set()).add(citation.object_id)
        for content_type, object_ids in by_type.items():
            model = content_type.model_class()
            if model is None:
                continue
            if model in KINDS:
                for row, doc, public in _documents(KINDS[model], object_ids):
                    records[content_type.pk, row.pk] = (doc, public)
            else:
                manager = model._default_manager
                found = set(
                    manager.filter(pk__in=object_ids).values_list("pk", flat=True)
                )
                public = (
                    set(
                        manager.published()
                        .filter(pk__in=found)
                        .values_list("pk", flat=True)
                    )
                    if hasattr(manager, "published")
                    else found
                )
                for pk in found:
                    records[content_type.pk, pk] = (None, pk in public)
        for citation in chunk:
            found = records.get((citation.content_type_id, citation.object_id))
            if found is None:  # the record is gone
                continue
            doc, public = found
            source = citation.source
            if public:
                public_sources.add(source.pk)
            if not citation.quote.strip():
                continue
            yield _entry(
                Kind.QUOTE,
                ct,
                citation.pk,
                Document(
                    title=_text(source.publisher, source.title),
                    body=_text(citation.quote, citation.pinpoint),
                    dated_on=(doc.dated_on if doc else None) or source.published_on,
                    jurisdiction_id=doc.jurisdiction_id if doc else None,
                    campaign_id=doc.campaign_id if doc else None,
                    url=(doc.url if doc else "") or source.url,
                ),
                public,
            )


def _source_entries(ids: list[int] | None, public: set[int]):
    ct = ContentType.objects.get_for_model(Source)
    sources = Source.objects.order_by("pk")
    if ids is not None:
        sources = sources.filter(pk__in=ids)
    for source in sources.iterator(chunk_size=CHUNK):
        yield _entry(
            Kind.SOURCE,
            ct,
            source.pk,
            Document(
                title=_text(source.title),
                body=_text(source.publisher, source.note),
                dated_on=source.published_on,
                url=source.url,
            ),
            source.pk in public,
        )


def _sources_cited_publicly(source_ids: list[int] | None) -> set[int]:
    """Of these sources (None: all), those a public record cites."""
    public: set[int] = set()
    citations = Citation.objects.all()
    if source_ids is not None:
        citations = citations.filter(source__in=source_ids)
    for _ in _citation_entries(list(citations.values_list("pk", flat=True)), public):
        pass
    return public


def write(
    model: type[models.Model],
    ids: list[int] | None,
    *,
    public_sources: set[int] | None = None,
) -> None:
    """Write the entries of these records of `model` (None: all of them) again. For
    citations, the sources a public record cites are added to `public_sources`; for
    sources, it says which are (found afresh when not given)."""
    ct = ContentType.objects.get_for_model(model)
    with transaction.atomic():
        old = SearchEntry.objects.filter(content_type=ct)
        if ids is not None:
            old = old.filter(object_id__in=ids)
        old.delete()
        if model is Citation:
            entries: Iterable[SearchEntry] = _citation_entries(
                ids, set() if public_sources is None else public_sources
            )
        elif model is Source:
            if public_sources is None:
                public_sources = _sources_cited_publicly(ids)
            entries = _source_entries(ids, public_sources)
        else:
            entries = _record_entries(model, ids)
        iterator = iter(entries)
        while batch := list(islice(iterator, CHUNK)):
            SearchEntry.objects.bulk_create(batch)
        if connection.vendor == "postgresql":
            written = SearchEntry.objects.filter(content_type=ct)
            if ids is not None:
                written = written.filter(object_id__in=ids)
            _vectorise(written)


def _words(column: str) -> models.Func:
    """A column's text with every run of characters that are not part of a word made a
    space, as `query.parse` and SQLite's FTS5 read words: PostgreSQL's own parser
    keeps "-05720" of "1:17-cv-05720" as one signed number, which the typed docket
    "17-cv-05720" (the words 17, cv and 05720) would then never find."""
    return models.Func(
        models.F(column),
        models.Value(r"\W+"),
        models.Value(" "),
        models.Value("g"),
        function="regexp_replace",
        output_field=models.TextField(),
    )


def _vectorise(entries: models.QuerySet) -> None:
    """PostgreSQL: the entries' words, the title weighing more than the body."""
    entries.update(
        vector=SearchVector(_words("title"), weight="A", config="english")
        + SearchVector(_words("body"), weight="B", config="english")
    )


def rebuild() -> None:
    """Every entry again, from scratch (after bulk writes, a restore, a release)."""
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        for model in KINDS:
            write(model, None)
        cited: set[int] = set()
        write(Citation, None, public_sources=cited)
        write(Source, None, public_sources=cited)
        if connection.vendor == "sqlite":
            _merge_full_text()


def _merge_full_text() -> None:
    """SQLite: the FTS5 index merged into one segment. Written row by row (the
    triggers), it holds many segments and the deleted rows' markers, and FTS5 then
    reads a word's every match to find one row (a page's snippets by rowid, a list's
    word box); merged, a row is found by its rowid at once (docs/deploy.md). The
    small writes after it are merged by FTS5 itself as they come."""
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
