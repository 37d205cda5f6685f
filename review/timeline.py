"""Chronological timelines: of everything that happened to a jurisdiction, and of a
campaign's own acts.

Letters (with due dates and whether answered), replies, public statements, names on
published lists (and their removal), lawsuits, rulings, and dated grant figures
(decisions, money withheld and released) are merged by date. Each kind of record is read
in a fixed number of queries, whatever its size, and the citations of them all in one.
"""

from __future__ import annotations

from calendar import monthrange
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import reduce
from operator import or_

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.urls import reverse

from campaigns.models import Campaign
from correspondence.models import GroupFinding, Letter, ReviewRound, Statement
from designations.models import Listing
from grants.models import AwardFigure
from jurisdictions.models import Jurisdiction
from litigation.models import Case, Party, Ruling
from sanctuary_tracker.models import Citation, DatePrecision, describe_date


@dataclass
class Entry:
    on: date
    precision: str
    kind: str  # a short machine name, used for styling and tests
    label: str
    text: str
    url: str = ""
    records: tuple = ()  # the records whose sources back it; see `_cite`
    citations: list[Citation] = field(default_factory=list)
    due_on: date | None = None
    answered: bool | None = None
    updated_at: datetime | None = None
    order: int = 0

    @property
    def on_display(self) -> str:
        return describe_date(self.on, self.precision)

    @property
    def machine_date(self) -> str:
        """Its `<time datetime>` value: a month's "2017-11", otherwise the day's date
        (as the `date` filter wrote it, without its cost for each entry)."""
        if self.precision == DatePrecision.MONTH:
            return self.on.strftime("%Y-%m")
        return self.on.isoformat()

    @property
    def sort_date(self) -> date:
        """A month-only date sorts at the month's end: "late January" follows the 24th."""
        if self.precision == DatePrecision.MONTH:
            return self.on.replace(day=monthrange(self.on.year, self.on.month)[1])
        return self.on


def _cite(entries: list[Entry]) -> list[Entry]:
    """Give each entry the citations of its records, with their sources: the citations
    of every entry are read in one query (a prefetch of each kind of record took one
    query and its Python for each), in the order cited."""
    wanted: dict[int, set[int]] = defaultdict(set)
    for entry in entries:
        for record in entry.records:
            wanted[ContentType.objects.get_for_model(record).pk].add(record.pk)
    if not wanted:
        return entries
    cited: dict[tuple[int, int], list[Citation]] = defaultdict(list)
    of_records = reduce(
        or_,
        (Q(content_type=kind, object_id__in=ids) for kind, ids in wanted.items()),
    )
    for citation in Citation.objects.filter(of_records).select_related("source"):
        cited[citation.content_type_id, citation.object_id].append(citation)
    for entry in entries:
        entry.citations = [
            citation
            for record in entry.records
            for citation in cited[
                ContentType.objects.get_for_model(record).pk, record.pk
            ]
        ]
    return entries


def _ruling_entry(ruling: Ruling) -> Entry:
    """A ruling on either timeline (its case's court selected)."""
    return Entry(
        on=ruling.decided_on,
        precision=ruling.date_precision,
        kind="ruling",
        label=f"{ruling.get_kind_display()}: {ruling.get_outcome_display().lower()}",
        text=f"{ruling.case}. {ruling.summary}".strip(),
        url=ruling.get_absolute_url(),
        records=(ruling,),
        updated_at=ruling.updated_at,
        order=5,
    )


def jurisdiction_listings(jurisdiction: Jurisdiction) -> QuerySet[Listing]:
    """The jurisdiction's places on published lists, with their lists, in the order
    the lists came out (and each list's own order)."""
    return (
        Listing.objects.published()
        .filter(jurisdiction=jurisdiction)
        .select_related("designation")
        .order_by("designation__published_on", "designation", "position")
    )


def _listing_entries(listings: Iterable[Listing]) -> list[Entry]:
    """Being named on a published list, and taken off it (or the list withdrawn)."""
    entries = []
    for listing in listings:
        designation = listing.designation
        publisher = designation.publisher_display
        entries.append(
            Entry(
                on=designation.published_on,
                precision=designation.date_precision,
                kind="listed",
                label=f"Listed by {publisher} on its list of "
                f"{designation.published_on_display} as “{listing.name_as_printed}” "
                f"({listing.get_category_as_printed_display()})",
                text=designation.title,
                url=designation.get_absolute_url(),
                records=(designation, listing),
                updated_at=max(listing.updated_at, designation.updated_at),
                order=1,
            )
        )
        if listing.removed_on:
            entries.append(
                Entry(
                    on=listing.removed_on,
                    precision=listing.removal_precision,
                    kind="delisted",
                    label=f"Removed by {publisher} from its list of "
                    f"{designation.published_on_display} "
                    f"(“{listing.name_as_printed}”)",
                    text=listing.removal_note,
                    url=designation.get_absolute_url(),
                    records=(listing,),
                    updated_at=listing.updated_at,
                    order=2,
                )
            )
        if designation.withdrawn_on:
            entries.append(
                Entry(
                    on=designation.withdrawn_on,
                    precision=designation.withdrawal_precision,
                    kind="list_withdrawn",
                    label=f"{publisher} withdrew its list of "
                    f"{designation.published_on_display}",
                    text=designation.title,
                    url=designation.get_absolute_url(),
                    records=(designation,),
                    updated_at=designation.updated_at,
                    order=2,
                )
            )
    return entries


def timeline(
    jurisdiction: Jurisdiction, listings: Iterable[Listing] | None = None
) -> list[Entry]:
    """Every dated event of `jurisdiction`, oldest first. `listings`: its
    `jurisdiction_listings()`, when the caller has read them already."""
    entries: list[Entry] = []
    letters = (
        Letter.objects.published()
        .filter(jurisdiction=jurisdiction)
        .select_related("round")
        .prefetch_related(Prefetch("replies", Letter.objects.published()))
    )
    for letter in letters:
        from_doj = letter.direction == Letter.Direction.TO_JURISDICTION
        text = (
            letter.summary
            or letter.demanded
            or (str(letter.round) if letter.round else "")
        )
        if letter.signer:
            text = f"Signed by {letter.signer}. {text}".strip()
        entries.append(
            Entry(
                on=letter.sent_on,
                precision=letter.date_precision,
                kind="subpoena_threat"
                if letter.threatens_subpoena
                else ("letter" if from_doj else "response"),
                label=(
                    f"{letter.get_kind_display()} from DOJ"
                    + (", threatening a subpoena" if letter.threatens_subpoena else "")
                    if from_doj
                    else "Response to DOJ"
                ),
                text=text,
                url=letter.get_absolute_url(),
                records=(letter,),
                due_on=letter.due_on if from_doj else None,
                answered=bool(letter.replies.all())
                if from_doj and letter.due_on
                else None,
                updated_at=letter.updated_at,
                order=1 if from_doj else 2,
            )
        )
    findings = (
        GroupFinding.objects.published()
        .filter(round__letters__jurisdiction=jurisdiction)
        .distinct()
        .select_related("round")
    )
    members = findings.members()
    for finding in findings:
        if jurisdiction.pk not in members[finding.pk]:
            continue  # one of its exceptions
        entries.append(
            Entry(
                on=finding.reported_on,
                precision=finding.date_precision,
                kind="group_finding",
                label=f"{finding.get_kind_display()}: reported for the group "
                f"({finding.round.name})",
                text=finding.summary,
                records=(finding,),
                updated_at=finding.updated_at,
                order=7,
            )
        )
    if listings is None:
        listings = jurisdiction_listings(jurisdiction)
    entries += _listing_entries(listings)
    for statement in Statement.objects.published().filter(jurisdiction=jurisdiction):
        speaker = statement.speaker + (
            f", {statement.speaker_title}" if statement.speaker_title else ""
        )
        entries.append(
            Entry(
                on=statement.made_on,
                precision=statement.date_precision,
                kind="statement",
                label=f"{statement.get_kind_display()} by {speaker}",
                text=statement.quote or statement.summary,
                records=(statement,),
                updated_at=statement.updated_at,
                order=3,
            )
        )
    sides = Party.objects.filter(case=OuterRef("pk"), jurisdiction=jurisdiction)
    cases = (
        Case.objects.published()
        .filter(Exists(sides))
        .annotate(
            # On two sides of one case (rare): plaintiff, then intervenor, defendant.
            its_side=Subquery(sides.order_by("-side", "pk").values("side")[:1]),
            its_joined_on=Subquery(
                sides.order_by("-side", "pk").values("joined_on")[:1]
            ),
        )
        .with_direction()
        .select_related("court")
    )
    for case in cases:
        if case.its_joined_on or case.filed_on:
            side = Party.Side(case.its_side).label.lower()
            if case.by_united_states and case.its_side == Party.Side.DEFENDANT:
                label = "Sued by the United States"
            elif case.its_joined_on:
                label = f"Joined the lawsuit ({side})"
            else:
                label = f"Lawsuit filed ({side})"
            entries.append(
                Entry(
                    on=case.its_joined_on or case.filed_on,
                    precision=DatePrecision.DAY,
                    kind="lawsuit",
                    label=label,
                    text=str(case),
                    url=case.get_absolute_url(),
                    records=(case,),
                    updated_at=case.updated_at,
                    order=4,
                )
            )
    rulings = (
        Ruling.objects.published()
        .for_jurisdiction(jurisdiction)
        .select_related("case__court")
    )
    entries += [_ruling_entry(ruling) for ruling in rulings]
    figures = (
        AwardFigure.objects.published()
        .filter(dated_on__isnull=False)
        .for_jurisdiction(jurisdiction)
        .select_related("award__program", "award__recipient")
    )
    for figure in figures:
        entries.append(
            Entry(
                on=figure.dated_on,
                precision=figure.date_precision,
                kind=f"money_{figure.kind}",
                label=f"FY{figure.award.fiscal_year} {figure.award.program.short_name}: "
                f"{figure.get_kind_display().lower()}",
                text=f"{figure.amount_display}. {figure.note}".strip(),
                url=figure.award.get_absolute_url(),
                records=(figure,),
                updated_at=figure.updated_at,
                order=6,
            )
        )
    entries.sort(key=lambda entry: (entry.sort_date, entry.order))
    return _cite(entries)


def campaign_timeline(campaign: Campaign) -> list[Entry]:
    """The campaign's own dated acts, oldest first: its start, its rounds of letters,
    what sources report for a whole round, the cases and their rulings, and its end."""
    entries = [
        Entry(on=campaign.started_on, precision=campaign.start_precision,
              kind="campaign_start", label="The campaign began", text=campaign.summary,
              records=(campaign,), order=0),
    ]  # fmt: skip
    rounds = ReviewRound.objects.published().filter(campaign=campaign)
    for review_round in rounds:
        entries.append(
            Entry(
                on=review_round.sent_on,
                precision=review_round.date_precision,
                kind="round",
                label=f"Round of letters: {review_round.name}",
                text=review_round.demand,
                url=f"{reverse('correspondence:list')}?round={review_round.slug}",
                records=(review_round,),
                order=1,
            )
        )
    findings = GroupFinding.objects.published().filter(round__campaign=campaign)
    for finding in findings.select_related("round"):
        entries.append(
            Entry(
                on=finding.reported_on,
                precision=finding.date_precision,
                kind="group_finding",
                label=f"{finding.get_kind_display()}, reported for the group "
                f"({finding.round.name})",
                text=finding.summary,
                records=(finding,),
                order=2,
            )
        )
    cases = (
        Case.objects.published()
        .filter(campaign=campaign, filed_on__isnull=False)
        .with_direction()
        .select_related("court")
    )
    for case in cases:
        entries.append(
            Entry(
                on=case.filed_on,
                precision=DatePrecision.DAY,
                kind="lawsuit",
                label="The United States sued"
                if case.by_united_states
                else "Lawsuit filed against the federal government",
                text=str(case),
                url=case.get_absolute_url(),
                records=(case,),
                order=4,
            )
        )
    rulings = (
        Ruling.objects.published()
        .filter(case__campaign=campaign)
        .select_related("case__court")
    )
    entries += [_ruling_entry(ruling) for ruling in rulings]
    if campaign.ended_on:
        entries.append(
            Entry(on=campaign.ended_on, precision=campaign.end_precision,
                  kind="campaign_end", label="The campaign ended",
                  text=campaign.end_description, order=9)
        )  # fmt: skip
    entries.sort(key=lambda entry: (entry.sort_date, entry.order))
    return _cite(entries)
