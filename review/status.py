"""The status rule: in each campaign, a jurisdiction's status is that of its latest
dated event in that campaign.

Each kind of event below sets one status. The latest event wins; on the same day the
one further down the list wins (a lawsuit filed the day a reply was sent puts the
jurisdiction "in litigation"). A jurisdiction with no event in a campaign has no
recorded status there. An event belongs to a campaign by its record: a letter or a case
names its campaign (a ruling is its case's), and money withheld or released is the
campaign's when it is dated within the campaign.

Cases count by the jurisdiction's side: a plaintiff is "in litigation" from the filing
and from each decisive ruling, and "enjoined for it" from an injunction, restraining
order or summary judgment in its favour; a defendant in a case the United States
brought is "sued by DOJ" from the filing and each decisive ruling, and "DOJ's suit
dismissed" from a dismissal in its favour. A procedural ruling (clarifying or enforcing
relief already given, leave to amend, a motion to dismiss denied) changes no status:
an injunction clarified is still an injunction.
A DOJ letter demanding that a jurisdiction comply (2025) makes it "told to comply".
Intervenors and amici take no status from a case.
A name on a published list (DOJ's of 2025-08-05) that maps to a tracked jurisdiction
is an event of the list's campaign on the list's date: "listed". It ranks after DOJ's
letters that open or press a review (a list published the day a demand went out says
more than the demand) and before a reply, a suit or a finding, which answer the list.
Taken off the list (the listing's removal date), or the whole list withdrawn (its
withdrawal date), the jurisdiction is "off a published list" from that day, until a
later event; on the day it was listed, the removal wins.

When a campaign has ended, a jurisdiction whose status was still open at its end
(anything but found compliant or funds released) is "campaign ended" from the end's
date: what happened later is on its timeline, but does not reopen the campaign for it.

The statuses are stored (`JurisdictionStatus`) so lists filter, sort and count by them
as by any indexed column; `review.keeping` refreshes them in the same transaction as
every write of an event, and `manage.py rebuild_statuses` derives them all again.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import CharField, F, IntegerField, Q, QuerySet, Value

from campaigns.models import Campaign
from correspondence.choices import Finding, LetterKind
from correspondence.models import GroupFinding, Letter
from designations.models import Listing
from grants.models import HOLDER_PATHS, AwardFigure
from jurisdictions.models import Jurisdiction
from litigation.models import Case, Party, Ruling
from sanctuary_tracker.models import DatePrecision, describe_date

from .models import JurisdictionStatus, Status

# Statuses that close a jurisdiction's part in a campaign: its end changes nothing.
FINAL = frozenset({Status.FOUND_COMPLIANT, Status.CLEARED, Status.FUNDS_RELEASED})


@dataclass(frozen=True)
class StatusEvent:
    status: Status
    description: str
    # (campaign, include drafts) -> the campaign's events of this kind
    events: Callable[[Campaign, bool], QuerySet]
    holder: str  # the lookup from an event to the jurisdiction it concerns
    date_field: str
    precision_field: str | None = "date_precision"  # None: always an exact day


def _base(model: type[models.Model], drafts: bool) -> QuerySet:
    """Published records only, unless staff asked to see drafts too."""
    return model.objects.all() if drafts else model.objects.published()


def _letters(method: str, **filters: object) -> Callable[[Campaign, bool], QuerySet]:
    def events(campaign: Campaign, drafts: bool) -> QuerySet:
        letters = getattr(_base(Letter, drafts), method)()
        return letters.filter(campaign=campaign, **filters)

    return events


def _parties(method: str) -> Callable[[Campaign, bool], QuerySet]:
    """Tracked jurisdictions that are parties to a campaign's cases, as `method`
    (a `PartyQuerySet` method) chooses them; a party is published with its case."""

    def events(campaign: Campaign, drafts: bool) -> QuerySet:
        parties = getattr(Party.objects.with_since(), method)().filter(
            case__campaign=campaign, jurisdiction__isnull=False
        )
        return parties if drafts else parties.filter(case__verified_at__isnull=False)

    return events


def _rulings(
    side: Party.Side, *, by_united_states: bool = False, **filters: object
) -> Callable[[Campaign, bool], QuerySet]:
    """Rulings of a campaign's cases, each read once for each tracked jurisdiction on
    `side` of its case (the holder lookup below names that party)."""

    def events(campaign: Campaign, drafts: bool) -> QuerySet:
        # One join of the parties for the side, the party's joining date and the
        # holder lookup below (Django reuses the join of one filter() call).
        rulings = _base(Ruling, drafts).filter(
            Q(case__parties__joined_on__isnull=True)
            | Q(case__parties__joined_on__lte=F("decided_on")),
            case__campaign=campaign,
            case__parties__side=side,
            case__parties__jurisdiction__isnull=False,
            **filters,
        )
        if by_united_states:
            rulings = rulings.filter(case__in=Case.objects.by_united_states())
        return rulings

    return events


RULING_PARTY = "case__parties__jurisdiction"
# Rulings that leave a party where the last decisive ruling put it: an order clarifying
# or enforcing relief already given, leave to amend, a motion to dismiss denied.
PROCEDURAL = [Ruling.Kind.CLARIFICATION, Ruling.Kind.ENFORCEMENT,
              Ruling.Kind.LEAVE_TO_AMEND, Ruling.Kind.MOTION_TO_DISMISS_DENIED]  # fmt: skip
DECISIVE = [kind for kind in Ruling.Kind if kind not in PROCEDURAL]
# Rulings that give a plaintiff jurisdiction relief from what it challenged.
RELIEF = [Ruling.Kind.TRO, Ruling.Kind.PRELIMINARY_INJUNCTION,
          Ruling.Kind.PERMANENT_INJUNCTION, Ruling.Kind.SUMMARY_JUDGMENT]  # fmt: skip
DISMISSALS = [Ruling.Kind.DISMISSAL_WITHOUT_PREJUDICE,
              Ruling.Kind.DISMISSAL_WITH_PREJUDICE, Ruling.Kind.DISMISSAL_MOOT,
              Ruling.Kind.DISMISSAL]  # fmt: skip


def _listings(method: str = "all") -> Callable[[Campaign, bool], QuerySet]:
    def events(campaign: Campaign, drafts: bool) -> QuerySet:
        listings = getattr(_base(Listing, drafts), method)()
        return listings.mapped().in_campaign(campaign)

    return events


def _figures(method: str, path: int) -> Callable[[Campaign, bool], QuerySet]:
    def events(campaign: Campaign, drafts: bool) -> QuerySet:
        figures = getattr(_base(AwardFigure, drafts), method)()
        figures = figures.filter(dated_on__gte=campaign.started_on)
        if campaign.ended_on:
            figures = figures.filter(dated_on__lte=end_bound(campaign))
        if path < 2:  # a whole figure of an award, not one partner's share
            figures = figures.filter(share_of__isnull=True)
        return figures

    return events


def _letter(status: Status, text: str, method: str, **filters: object) -> StatusEvent:
    return StatusEvent(
        status, text, _letters(method, **filters), "jurisdiction", "sent_on"
    )


def _money(status: Status, text: str, method: str) -> list[StatusEvent]:
    return [
        StatusEvent(status, text, _figures(method, path), holder, "dated_on")
        for path, holder in enumerate(HOLDER_PATHS)
    ]


# In order of precedence for events on the same day (later wins).
STATUS_EVENTS: list[StatusEvent] = [
    _letter(Status.UNDER_REVIEW, "DOJ asked for proof of compliance", "from_doj",
            kind=LetterKind.CERTIFICATION_REQUEST, threatens_subpoena=False),
    _letter(Status.PRELIMINARY_FINDING, "DOJ's preliminary assessment", "from_doj",
            kind=LetterKind.PRELIMINARY_ASSESSMENT, threatens_subpoena=False),
    _letter(Status.DOCUMENTS_DEMANDED, "DOJ demanded documents", "from_doj",
            kind=LetterKind.DOCUMENT_DEMAND, threatens_subpoena=False),
    _letter(Status.SUBPOENA_THREATENED, "DOJ threatened a subpoena",
            "subpoena_threats"),
    _letter(Status.COMPLIANCE_DEMANDED, "DOJ demanded that it comply", "from_doj",
            kind=LetterKind.COMPLIANCE_DEMAND),
    StatusEvent(Status.LISTED, "Named on a published list", _listings(),
                "jurisdiction", "designation__published_on",
                "designation__date_precision"),
    StatusEvent(Status.DELISTED, "Taken off a published list", _listings("removed"),
                "jurisdiction", "removed_on", "removal_precision"),
    StatusEvent(Status.DELISTED, "Its published list was withdrawn",
                _listings("withdrawn"), "jurisdiction", "designation__withdrawn_on",
                "designation__withdrawal_precision"),
    _letter(Status.RESPONDED, "The jurisdiction responded", "responses"),
    _letter(Status.SUBPOENAED, "DOJ issued a subpoena", "subpoenas"),
    StatusEvent(Status.SUED_BY_DOJ, "The United States sued it",
                _parties("sued_by_united_states"), "jurisdiction", "since", None),
    StatusEvent(Status.SUED_BY_DOJ, "A court ruled in the United States' suit against it",
                _rulings(Party.Side.DEFENDANT, by_united_states=True, kind__in=DECISIVE),
                RULING_PARTY,
                "decided_on"),
    StatusEvent(Status.SUIT_DISMISSED, "A court dismissed the United States' suit against it",
                _rulings(Party.Side.DEFENDANT, by_united_states=True, kind__in=DISMISSALS,
                         outcome=Ruling.Outcome.FOR_JURISDICTION),
                RULING_PARTY, "decided_on"),
    StatusEvent(Status.IN_LITIGATION, "The jurisdiction sued", _parties("plaintiffs"),
                "jurisdiction", "since", None),
    StatusEvent(Status.IN_LITIGATION, "A court ruled in its case",
                _rulings(Party.Side.PLAINTIFF, kind__in=DECISIVE), RULING_PARTY,
                "decided_on"),
    StatusEvent(Status.ENJOINED, "A court barred what it challenged, for it",
                _rulings(Party.Side.PLAINTIFF, kind__in=RELIEF,
                         outcome=Ruling.Outcome.FOR_JURISDICTION),
                RULING_PARTY, "decided_on"),
    _letter(Status.FOUND_NONCOMPLIANT, "DOJ found it not compliant",
            "compliance_findings", finding=Finding.NON_COMPLIANT),
    *_money(Status.FUNDS_WITHHELD, "Grant money was withheld", "withheld"),
    _letter(Status.FOUND_COMPLIANT, "DOJ found it compliant", "compliance_findings",
            finding=Finding.COMPLIANT),
    *_money(Status.FUNDS_RELEASED, "Withheld money was released", "released"),
]  # fmt: skip
# What a source reports for a whole round (a GroupFinding) sets for each member; on
# its day it follows every event above.
GROUP_EVENTS = {GroupFinding.Kind.CLEARED: Status.CLEARED}
GROUP_RANKS = {kind: len(STATUS_EVENTS) + i for i, kind in enumerate(GROUP_EVENTS)}
GROUP_DESCRIPTION = "Reported for the group"
END_RANK = len(STATUS_EVENTS) + len(GROUP_EVENTS)  # the campaign's end, after all
END_DESCRIPTION = "The campaign ended"


def end_bound(campaign: Campaign) -> date:
    """The last day the campaign's end date may mean (the month's last, for a month)."""
    ended = campaign.ended_on
    if campaign.end_precision == DatePrecision.MONTH:
        return ended.replace(day=monthrange(ended.year, ended.month)[1])
    return ended


@dataclass(frozen=True)
class Reading:
    """A jurisdiction's status in a campaign, and the event that set it."""

    status: Status
    since_on: date | None = None
    precision: str = DatePrecision.DAY
    rank: int | None = None
    event_model: type[models.Model] | None = None
    event_id: int | None = None


NO_EVENT = Reading(Status.NO_RECORDED_EVENT)


@lru_cache(maxsize=64)
def _event_rows(
    campaign_id: int, started_on: date, end: date | None, drafts: bool
) -> list[QuerySet]:
    """Each kind of event of a campaign as rows of (holder, date, id, precision,
    rank), before they are narrowed to some jurisdictions. Built once per
    campaign and its dates: building twenty querysets costs more than running them
    for one jurisdiction. (Django copies a queryset before changing it, so the ones
    kept here are never changed.)"""
    campaign = Campaign(pk=campaign_id, started_on=started_on, ended_on=end,
                        end_precision=DatePrecision.DAY)  # fmt: skip
    kinds = []
    for rank, event in enumerate(STATUS_EVENTS):
        events = event.events(campaign, drafts).filter(
            **{f"{event.date_field}__isnull": False}
        )
        if end:
            events = events.filter(**{f"{event.date_field}__lte": end})
        precision = (
            F(event.precision_field)
            if event.precision_field
            else Value(DatePrecision.DAY.value, output_field=CharField())
        )
        # The holder as a column of its own: narrowing by it later reuses the event's
        # join instead of opening another (a ruling's parties).
        rows = events.order_by().annotate(holder_id=F(event.holder)).values_list(
            "holder_id", event.date_field, "pk", precision,
            Value(rank, output_field=IntegerField()),
        )  # fmt: skip
        kinds.append(rows)
    return kinds


def derive(
    campaign: Campaign, jurisdictions: Iterable[int] | QuerySet, drafts: bool
) -> dict[int, Reading]:
    """The status in `campaign` of each of `jurisdictions` (ids, or a queryset of
    them) that has an event there, by the rule above."""
    end = campaign.ended_on
    rows = _event_rows(
        campaign.pk, campaign.started_on, end and end_bound(campaign), drafts
    )
    kinds = [events.filter(holder_id__in=jurisdictions) for events in rows]
    # Every kind of event in one query; the latest event (then the highest rank, then
    # the latest entered) of each jurisdiction wins.
    latest: dict[int, tuple] = {}
    events = list(kinds[0].union(*kinds[1:], all=True))
    events += _group_events(campaign, jurisdictions, drafts, end)
    for holder, when, pk, precision, rank in events:
        key = (when, rank, pk)
        if holder not in latest or key > latest[holder][0]:
            latest[holder] = (key, precision)
    readings = {}
    for holder, ((when, rank, pk), precision) in latest.items():
        if rank < len(STATUS_EVENTS):
            status, model = STATUS_EVENTS[rank].status, rows[rank].model
        else:
            status, model = Status.CLEARED, GroupFinding
        readings[holder] = Reading(status, when, precision, rank, model, pk)
        if end and status not in FINAL:
            readings[holder] = Reading(
                Status.REVIEW_ENDED, campaign.ended_on, campaign.end_precision,
                END_RANK, Campaign, campaign.pk,
            )  # fmt: skip
    return readings


def _group_events(
    campaign: Campaign,
    jurisdictions: Iterable[int] | QuerySet,
    drafts: bool,
    end: date | None,
) -> list[tuple]:
    """Rows as the event kinds give them, for each member of each group finding of the
    campaign (they are few: read whole, narrowed here)."""
    findings = _base(GroupFinding, drafts).filter(
        round__campaign=campaign, kind__in=list(GROUP_EVENTS)
    )
    if end:
        findings = findings.filter(reported_on__lte=end_bound(campaign))
    rows = list(findings.values_list("pk", "kind", "reported_on", "date_precision"))
    if not rows:
        return []
    members = findings.members()
    scope = None if isinstance(jurisdictions, QuerySet) else set(jurisdictions)
    return [
        (holder, reported_on, pk, precision, GROUP_RANKS[kind])
        for pk, kind, reported_on, precision in rows
        for holder in members[pk]
        if scope is None or holder in scope
    ]


def store(
    campaign: Campaign, jurisdictions: Iterable[int] | QuerySet | None = None
) -> None:
    """Derive and store the statuses in `campaign` of `jurisdictions` (all when None),
    as the public sees them and with drafts, replacing what was stored."""
    scope = Jurisdiction.objects.all() if jurisdictions is None else jurisdictions
    ids = (
        list(scope.values_list("pk", flat=True))
        if isinstance(scope, QuerySet)
        else list(scope)
    )
    with transaction.atomic():
        kept = JurisdictionStatus.objects.filter(campaign=campaign)
        if jurisdictions is not None:
            # Two writes for one jurisdiction at once: the second waits for the
            # first's rows instead of inserting beside them.
            list(
                Jurisdiction.objects.select_for_update()
                .filter(pk__in=ids)
                .order_by("pk")
                .values_list("pk", flat=True)
            )
            kept = kept.filter(jurisdiction__in=ids)
        kept.delete()
        rows = []
        for drafts in (False, True):
            readings = derive(campaign, scope if jurisdictions is None else ids, drafts)
            rows += [
                _row(campaign, pk, drafts, readings.get(pk, NO_EVENT)) for pk in ids
            ]
        JurisdictionStatus.objects.bulk_create(rows, batch_size=2000)


def _row(
    campaign: Campaign, jurisdiction_id: int, drafts: bool, reading: Reading
) -> JurisdictionStatus:
    return JurisdictionStatus(
        jurisdiction_id=jurisdiction_id,
        campaign=campaign,
        with_drafts=drafts,
        status=reading.status,
        since_on=reading.since_on,
        since_precision=reading.precision,
        rank=reading.rank,
        event_type=(
            ContentType.objects.get_for_model(reading.event_model)
            if reading.event_model
            else None
        ),
        event_id=reading.event_id,
    )


def rebuild() -> None:
    """Derive every stored status again, from scratch."""
    with transaction.atomic():
        JurisdictionStatus.objects.exclude(campaign__in=Campaign.objects.all()).delete()
        for campaign in Campaign.objects.all():
            store(campaign)


# Reading a stored status
def status_of(value: str | None) -> str:
    """The status a stored value names (none stored: no recorded event)."""
    return value or Status.NO_RECORDED_EVENT.value


def status_label(value: str | None) -> str:
    return Status(status_of(value)).label


def since_display(since_on: date | None, precision: str | None) -> str:
    """The date of the event that set the status, no more precise than its source."""
    return describe_date(since_on, precision or DatePrecision.DAY)


def event_description(rank: int | None) -> str:
    if rank is None:
        return ""
    if rank == END_RANK:
        return END_DESCRIPTION
    if rank >= len(STATUS_EVENTS):
        return GROUP_DESCRIPTION
    return STATUS_EVENTS[rank].description


def status_event(row: JurisdictionStatus | None) -> models.Model | None:
    """The record of the event that set a stored status (a letter, a ruling, ...)."""
    if row is None or row.event_type_id is None:
        return None
    model = row.event_type.model_class()
    return model._default_manager.filter(pk=row.event_id).first()


# What an event's text, page and sources read, fetched with it when several are read.
EVENT_RELATED: dict[type[models.Model], tuple[str, ...]] = {
    Letter: ("jurisdiction",),
    Ruling: ("case",),
    Party: ("case", "jurisdiction"),
    Listing: ("designation",),
    AwardFigure: ("award__recipient", "award__program"),
    GroupFinding: ("round",),
}


def status_events(
    rows: Iterable[JurisdictionStatus],
) -> dict[tuple[int, int], models.Model]:
    """The records of the events that set stored statuses (rows read with their
    `event_type`), keyed by (content type id, id): one query for each kind of record,
    however many rows, where `status_event` reads one row's."""
    wanted: dict[int, tuple[type[models.Model], set[int]]] = {}
    for row in rows:
        if row.event_type_id is not None:
            model = row.event_type.model_class()
            wanted.setdefault(row.event_type_id, (model, set()))[1].add(row.event_id)
    found: dict[tuple[int, int], models.Model] = {}
    for type_id, (model, ids) in wanted.items():
        records = model._default_manager.filter(pk__in=ids).select_related(
            *EVENT_RELATED.get(model, ())
        )
        if model is GroupFinding:  # shown with the words of its sources
            records = records.prefetch_related("citations__source")
        found |= {(type_id, record.pk): record for record in records}
    return found


def statuses_by_jurisdiction(jurisdiction_ids: Iterable[int]) -> dict[int, list[dict]]:
    """Each jurisdiction's status in each published campaign, as the public sees it,
    with the event that set it: what a status page shows, for several at once, in a
    number of queries that does not grow with them."""
    ids = list(jurisdiction_ids)
    campaigns = list(Campaign.objects.published())
    stored = list(
        JurisdictionStatus.objects.filter(
            jurisdiction__in=ids, with_drafts=False
        ).select_related("event_type")
    )
    events = status_events(stored)
    rows = {(row.jurisdiction_id, row.campaign_id): row for row in stored}
    blocks: dict[int, list[dict]] = {}
    for pk in ids:
        blocks[pk] = []
        for campaign in campaigns:
            row = rows.get((pk, campaign.pk))
            event = row and events.get((row.event_type_id, row.event_id))
            blocks[pk].append(
                {
                    "campaign": campaign,
                    "status": Status(row.status if row else Status.NO_RECORDED_EVENT),
                    "label": status_label(row.status if row else None),
                    "since_on": row.since_on if row else None,
                    "since": since_display(row.since_on, row.since_precision)
                    if row and row.since_on
                    else "",
                    "description": event_description(row.rank if row else None),
                    "event": event or None,
                    "group": isinstance(event, GroupFinding),
                }
            )
    return blocks
