"""How current the record is: the date of the latest dated event or source.

Every page says it ("record as of ..."), so a reader knows what the page cannot yet
know. The whole record's date is in every page's footer (cached until the data
changes); a page built from a timeline (a jurisdiction's, a campaign's) also gives the
date of the latest event or source on it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import IntegerField, Max, QuerySet, Value
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from campaigns.models import Campaign
from correspondence.models import Letter, Statement
from designations.models import Designation
from directives.models import Directive
from grants.models import AwardFigure, ReportedFigure
from litigation.models import Case, Ruling
from sanctuary_tracker.cache import cached
from sanctuary_tracker.models import Source, describe_date

# (published records, their date field) that make up the record.
DATED = [
    (Letter.objects.published(), "sent_on"),
    (Statement.objects.published(), "made_on"),
    (Case.objects.published(), "filed_on"),
    (Ruling.objects.published(), "decided_on"),
    (Designation.objects.published(), "published_on"),
    (Directive.objects.published(), "issued_on"),
    (AwardFigure.objects.published(), "dated_on"),
    (ReportedFigure.objects.published(), "dated_on"),
    (Campaign.objects.published(), "started_on"),
]


def _latest(queryset: QuerySet, field: str) -> QuerySet:
    """One row (or none): the latest `field` of `queryset`."""
    return (
        queryset.order_by()
        .values(one=Value(1, output_field=IntegerField()))
        .annotate(latest=Max(field))
        .values("latest")
    )


def latest_date() -> date | None:
    """The latest date of any published event, or of any source's publication: one
    query, the union of each kind's latest date."""
    parts = [_latest(queryset, field) for queryset, field in DATED]
    union = _latest(Source.objects.all(), "published_on").union(*parts, all=True)
    return max((d for d in union.values_list("latest", flat=True) if d), default=None)


def record_as_of() -> date | None:
    return cached("record-as-of", latest_date)


def entries_as_of(entries: Iterable) -> date | None:
    """The latest date among timeline entries and the sources they cite."""
    dates = []
    for entry in entries:
        dates.append(entry.on)
        dates.extend(c.source.published_on for c in entry.citations)
    return max((d for d in dates if d), default=None)


def context(request: HttpRequest) -> dict:
    """`record_as_of` in every template, read only if the page shows it."""
    return {
        "record_as_of": SimpleLazyObject(lambda: describe_date(record_as_of())),
    }
