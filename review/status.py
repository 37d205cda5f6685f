"""The status rule: a jurisdiction's status is that of its latest dated event.

Each kind of event below sets one status. The latest event wins; on the same day the
one further along the list wins (a lawsuit filed the day a reply was sent puts the
jurisdiction "in litigation"). A jurisdiction with no event has no recorded status.

The rule runs in the database, so lists can filter and sort by it: every kind of event
yields a text key "YYYY-MM-DD|NN|p|status" for the jurisdiction's latest such event (NN
its rank below, p the first letter of the date's precision), and the greatest key is
the status. Nothing is stored, so the status cannot disagree with
the events.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache

from django.db import models
from django.db.models import CharField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Concat, Greatest, NullIf, Substr

from correspondence.choices import Finding, LetterKind
from correspondence.models import Letter
from grants.models import AwardFigure
from litigation.models import Case, Ruling
from sanctuary_tracker.models import DatePrecision, describe_date


class Status(models.TextChoices):
    """Where a jurisdiction stands; derived by the rule below, never stored."""

    NO_RECORDED_EVENT = "no_event", "No review event recorded"
    UNDER_REVIEW = "under_review", "Under review"
    PRELIMINARY_FINDING = "preliminary_finding", "Preliminarily found non-compliant"
    DOCUMENTS_DEMANDED = "documents_demanded", "Documents demanded"
    SUBPOENA_THREATENED = "subpoena_threatened", "Subpoena threatened"
    RESPONDED = "responded", "Responded, awaiting DOJ"
    SUBPOENAED = "subpoenaed", "Subpoenaed"
    IN_LITIGATION = "in_litigation", "In litigation"
    FOUND_NONCOMPLIANT = "found_noncompliant", "Found non-compliant"
    FUNDS_WITHHELD = "funds_withheld", "Funds withheld"
    FOUND_COMPLIANT = "found_compliant", "Found compliant"
    FUNDS_RELEASED = "funds_released", "Funds released"


PRECISION_BY_LETTER = {precision.value[0]: precision for precision in DatePrecision}


@dataclass(frozen=True)
class StatusEvent:
    status: Status
    description: str
    events: Callable[..., QuerySet]  # (jurisdiction ref, include drafts) -> its events
    date_field: str
    precision_field: str | None = "date_precision"  # None: always an exact day


def _base(model: type, drafts: bool) -> QuerySet:
    """Published records only, unless staff asked to see drafts too."""
    return model.objects.all() if drafts else model.objects.published()


def _letters(method: str, **filters: object) -> Callable[..., QuerySet]:
    def events(ref: OuterRef, drafts: bool = False) -> QuerySet:
        letters = getattr(_base(Letter, drafts), method)()
        return letters.filter(jurisdiction=ref, **filters)

    return events


def _cases(ref: OuterRef, drafts: bool = False) -> QuerySet:
    return _base(Case, drafts).filter(plaintiffs=ref, filed_on__isnull=False)


def _rulings(ref: OuterRef, drafts: bool = False) -> QuerySet:
    return _base(Ruling, drafts).filter(case__plaintiffs=ref)


def _figures(method: str, path: int) -> Callable[..., QuerySet]:
    def events(ref: OuterRef, drafts: bool = False) -> QuerySet:
        figures = getattr(_base(AwardFigure, drafts), method)()
        return figures.paths_for_ref(ref)[path]

    return events


# In order of precedence for events on the same day (later wins).
STATUS_EVENTS: list[StatusEvent] = [
    StatusEvent(
        Status.UNDER_REVIEW,
        "DOJ asked for proof of compliance",
        _letters(
            "from_doj", kind=LetterKind.CERTIFICATION_REQUEST, threatens_subpoena=False
        ),
        "sent_on",
    ),
    StatusEvent(
        Status.PRELIMINARY_FINDING,
        "DOJ's preliminary assessment",
        _letters(
            "from_doj", kind=LetterKind.PRELIMINARY_ASSESSMENT, threatens_subpoena=False
        ),
        "sent_on",
    ),
    StatusEvent(
        Status.DOCUMENTS_DEMANDED,
        "DOJ demanded documents",
        _letters("from_doj", kind=LetterKind.DOCUMENT_DEMAND, threatens_subpoena=False),
        "sent_on",
    ),
    StatusEvent(
        Status.SUBPOENA_THREATENED,
        "DOJ threatened a subpoena",
        _letters("subpoena_threats"),
        "sent_on",
    ),
    StatusEvent(
        Status.RESPONDED, "The jurisdiction responded", _letters("responses"), "sent_on"
    ),
    StatusEvent(
        Status.SUBPOENAED, "DOJ issued a subpoena", _letters("subpoenas"), "sent_on"
    ),
    StatusEvent(
        Status.IN_LITIGATION, "The jurisdiction sued", _cases, "filed_on", None
    ),
    StatusEvent(
        Status.IN_LITIGATION, "A court ruled in its case", _rulings, "decided_on", None
    ),
    StatusEvent(
        Status.FOUND_NONCOMPLIANT,
        "DOJ found it not compliant",
        _letters("compliance_findings", finding=Finding.NON_COMPLIANT),
        "sent_on",
    ),
    StatusEvent(
        Status.FUNDS_WITHHELD,
        "Grant money was withheld",
        _figures("withheld", 0),
        "dated_on",
    ),
    StatusEvent(
        Status.FUNDS_WITHHELD,
        "Grant money was withheld",
        _figures("withheld", 1),
        "dated_on",
    ),
    StatusEvent(
        Status.FUNDS_WITHHELD,
        "Grant money was withheld",
        _figures("withheld", 2),
        "dated_on",
    ),
    StatusEvent(
        Status.FOUND_COMPLIANT,
        "DOJ found it compliant",
        _letters("compliance_findings", finding=Finding.COMPLIANT),
        "sent_on",
    ),
    StatusEvent(
        Status.FUNDS_RELEASED,
        "Withheld money was released",
        _figures("released", 0),
        "dated_on",
    ),
    StatusEvent(
        Status.FUNDS_RELEASED,
        "Withheld money was released",
        _figures("released", 1),
        "dated_on",
    ),
    StatusEvent(
        Status.FUNDS_RELEASED,
        "Withheld money was released",
        _figures("released", 2),
        "dated_on",
    ),
]


def _event_key(rank: int, event: StatusEvent, drafts: bool) -> Coalesce:
    precision = (
        Substr(event.precision_field, 1, 1)
        if event.precision_field
        else Value(DatePrecision.DAY.value[0])
    )
    latest = (
        event.events(OuterRef("pk"), drafts)
        .order_by(f"-{event.date_field}")
        .annotate(
            status_key=Concat(
                Cast(event.date_field, CharField()),
                Value(f"|{rank:02d}|"),
                precision,
                Value(f"|{event.status.value}"),
                output_field=CharField(),
            )
        )
        .values("status_key")[:1]
    )
    return Coalesce(Subquery(latest), Value(""), output_field=CharField())


@cache
def _latest_key(include_drafts: bool) -> Greatest:
    """The greatest event key, built once per process: its sixteen subqueries take
    longer to build than to run for a page. Django copies an expression when a query
    takes it, so the one built here is never changed."""
    keys = [
        _event_key(rank, event, include_drafts)
        for rank, event in enumerate(STATUS_EVENTS)
    ]
    return Greatest(*keys)


def annotate_status(jurisdictions: QuerySet, include_drafts: bool = False) -> QuerySet:
    """Add `status_key` ("" when no event) to each row, and `status` (a Status value)
    for filters, orders and counts. The public status reads published records; staff
    may ask for drafts to count too.

    Django writes `status_key` out in full, sixteen subqueries, wherever `status` names
    it. So `status` is an alias, not read with each row: a row's status is
    `status_of(status_key)`, and a row runs the subqueries once.
    A count by status selects it for values(): `.annotate(status=F("status"))
    .values_list("status")` (not for rows read as models, where `status` is a
    read-only property).
    """
    return jurisdictions.annotate(status_key=_latest_key(include_drafts)).alias(
        status=Coalesce(
            NullIf(Substr("status_key", 17), Value("")),
            Value(Status.NO_RECORDED_EVENT.value),
            output_field=CharField(),
        )
    )


def status_of(status_key: str) -> str:
    """The status a key names: `status` above, for a row already read."""
    return status_key[16:] or Status.NO_RECORDED_EVENT.value


def status_label(status_key: str) -> str:
    """The status a key names, in words."""
    return Status(status_of(status_key)).label


def status_since(status_key: str) -> date | None:
    """The date of the event that set the status, from its key."""
    return date.fromisoformat(status_key[:10]) if status_key else None


def status_since_display(status_key: str) -> str:
    """That date in words, no more precise than its source."""
    if not status_key:
        return "not recorded"
    precision = PRECISION_BY_LETTER[status_key[14]]
    return describe_date(status_since(status_key), precision)


def status_event(
    jurisdiction: models.Model, status_key: str, include_drafts: bool = False
) -> models.Model | None:
    """The event that set the status (for "why" on the status page)."""
    if not status_key:
        return None
    rank = int(status_key[11:13])
    event = STATUS_EVENTS[rank]
    when = status_since(status_key)
    return (
        event.events(jurisdiction.pk, include_drafts)
        .filter(**{event.date_field: when})
        .order_by("-pk")
        .first()
    )
