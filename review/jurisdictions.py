"""Jurisdictions as the review sees them: the reads that reach their letters, awards
and cases. The jurisdictions app below knows none of those records; every page, filter,
admin list and export that asks "which jurisdictions were in this round?" or "which
were threatened with a subpoena?" starts from `jurisdictions()` here.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Exists, OuterRef, QuerySet

from correspondence.models import Letter, ReviewRound
from grants.models import AwardFigure
from jurisdictions.models import Jurisdiction, JurisdictionQuerySet
from litigation.models import Case

from .status import annotate_status


class JurisdictionReviewQuerySet(JurisdictionQuerySet):
    def with_status(self, include_drafts: bool = False) -> JurisdictionReviewQuerySet:
        """Annotate `status_key` and `status` by the one status rule (status.py);
        staff views may count draft records too."""
        return annotate_status(self, include_drafts)

    def with_status_in(self, *statuses: str) -> JurisdictionReviewQuerySet:
        """Jurisdictions whose derived status is one of `statuses`."""
        return self.with_status().filter(status__in=statuses)

    def with_flags(self) -> JurisdictionReviewQuerySet:
        """Annotate `is_threatened`, `is_subpoenaed` and `is_litigating` (one query)."""
        return self.annotate(
            is_threatened=_threatened(),
            is_subpoenaed=_subpoenaed(),
            is_litigating=_litigating(),
        )

    def in_round(self, review_round: ReviewRound | int) -> JurisdictionReviewQuerySet:
        """Jurisdictions that DOJ wrote to in that round."""
        letters = Letter.objects.published().filter(
            round=review_round, jurisdiction=OuterRef("pk")
        )
        return self.filter(Exists(letters))

    def reviewed(self) -> JurisdictionReviewQuerySet:
        """Jurisdictions DOJ wrote to about 1373 compliance (in a round or not)."""
        letters = (
            Letter.objects.published().from_doj().filter(jurisdiction=OuterRef("pk"))
        )
        return self.filter(Exists(letters))

    def subpoena_threatened(self) -> JurisdictionReviewQuerySet:
        """Jurisdictions that received at least one letter threatening a subpoena."""
        return self.filter(_threatened())

    def subpoenaed(self) -> JurisdictionReviewQuerySet:
        """Jurisdictions DOJ actually subpoenaed (none of the 23, per the sources)."""
        return self.filter(_subpoenaed())

    def in_litigation(self) -> JurisdictionReviewQuerySet:
        """Jurisdictions that are plaintiffs in at least one recorded case."""
        return self.filter(_litigating())

    def with_jag_figure(
        self,
        *,
        fiscal_year: int | None = None,
        at_least: Decimal | None = None,
        at_most: Decimal | None = None,
    ) -> JurisdictionReviewQuerySet:
        """Jurisdictions with a Byrne JAG money figure (allocation, award or received)
        for `fiscal_year` whose amount lies in the range; unknown amounts never match a
        range."""
        figures = AwardFigure.objects.published().money()
        if fiscal_year is not None:
            figures = figures.filter(award__fiscal_year=fiscal_year)
        if at_least is not None:
            figures = figures.filter(amount__gte=at_least)
        if at_most is not None:
            figures = figures.filter(amount__lte=at_most)
        paths = figures.paths_for_ref(OuterRef("pk"))
        return self.filter(Exists(paths[0]) | Exists(paths[1]) | Exists(paths[2]))


def jurisdictions(
    queryset: QuerySet[Jurisdiction] | None = None,
) -> JurisdictionReviewQuerySet:
    """Every jurisdiction (or those of `queryset`, e.g. the admin's), with the review's
    reads: `jurisdictions().published().in_round(r)`. Rows are plain `Jurisdiction`
    instances."""
    if queryset is None:
        return JurisdictionReviewQuerySet(Jurisdiction)
    return JurisdictionReviewQuerySet(Jurisdiction, query=queryset.query.chain())


def _threatened() -> Exists:
    letters = Letter.objects.published().subpoena_threats()
    return Exists(letters.filter(jurisdiction=OuterRef("pk")))


def _subpoenaed() -> Exists:
    return Exists(
        Letter.objects.published().subpoenas().filter(jurisdiction=OuterRef("pk"))
    )


def _litigating() -> Exists:
    return Exists(Case.objects.published().filter(plaintiffs=OuterRef("pk")))


def status_key(jurisdiction: Jurisdiction) -> str:
    """A row's status key: the one `with_status()` read with it, or read now."""
    if not hasattr(jurisdiction, "status_key"):
        jurisdiction.status_key = (
            jurisdictions()
            .with_status()
            .values_list("status_key", flat=True)
            .get(pk=jurisdiction.pk)
        )
    return jurisdiction.status_key
