"""Jurisdictions as the review sees them: the reads that reach their letters, awards,
cases and the published lists that name them. The jurisdictions app below knows none
of those records; every page, filter, admin list and export that asks "which
jurisdictions were in this round?" or "which were threatened with a subpoena?" starts
from `jurisdictions()` here.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import (
    DateField,
    Exists,
    F,
    FilteredRelation,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
)

from campaigns.models import Campaign
from correspondence.models import Letter, ReviewRound
from designations.models import Listing
from grants.models import AwardFigure
from jurisdictions.models import Jurisdiction, JurisdictionQuerySet
from litigation.models import Party
from sanctuary_tracker.expressions import ExistsPerRow

from .models import Status


class JurisdictionReviewQuerySet(JurisdictionQuerySet):
    def with_status(
        self, campaign: Campaign | None = None, include_drafts: bool = False
    ) -> JurisdictionReviewQuerySet:
        """Annotate each row with its stored status in `campaign` (by default the
        first: the 1373 review): `status`, `status_since_on`, `status_precision`,
        `status_rank` and `status_campaign` (its slug). A join on an indexed table:
        filter, sort and count by `status` as by a column. Staff views may count draft
        records too."""
        campaign = campaign or default_campaign()
        if campaign is None:  # no campaign recorded yet: nothing has a status
            nothing = Q(statuses__campaign_id__isnull=True)  # joins no row
            return self.annotate(
                held_status=FilteredRelation("statuses", condition=nothing),
                status=Value(Status.NO_RECORDED_EVENT.value),
                status_since_on=Value(None, output_field=DateField()),
                status_precision=Value(""),
                status_rank=Value(None, output_field=IntegerField()),
                status_campaign=Value(""),
            )
        held = FilteredRelation(
            "statuses",
            condition=Q(
                statuses__campaign=campaign, statuses__with_drafts=include_drafts
            ),
        )
        # Every jurisdiction has its row in every campaign (review.keeping): an inner
        # join, which a sort by status walks in the order of status_public_idx (or,
        # for staff's view, status_campaign_status_idx).
        return (
            self.annotate(held_status=held)
            .filter(held_status__isnull=False)
            .annotate(
                status=F("held_status__status"),
                status_since_on=F("held_status__since_on"),
                status_precision=F("held_status__since_precision"),
                status_rank=F("held_status__rank"),
                status_campaign=Value(campaign.slug),
            )
        )

    def with_status_in(
        self, *statuses: str, campaign: Campaign | None = None
    ) -> JurisdictionReviewQuerySet:
        """Jurisdictions whose status in `campaign` is one of `statuses`."""
        return self.with_status(campaign).filter(status__in=statuses)

    def with_flags(self) -> JurisdictionReviewQuerySet:
        """Annotate `is_threatened`, `is_subpoenaed`, `is_litigating`,
        `is_sued_by_doj`, and, after `with_status()`, `is_listed` in its campaign (one
        query)."""
        return self.annotate(
            is_threatened=_threatened(),
            is_subpoenaed=_subpoenaed(),
            is_litigating=_litigating(),
            is_sued_by_doj=_sued_by_doj(),
            is_listed=_listed(designation__campaign__slug=OuterRef("status_campaign")),
        )

    def listed(self, campaign: Campaign | None) -> JurisdictionReviewQuerySet:
        """Jurisdictions named on a published list of `campaign` and still on it: not
        taken off it, and the list not withdrawn."""
        if campaign is None:
            return self.none()
        return self.filter(_listed(designation__campaign=campaign))

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

    def with_subpoena_flags(self) -> JurisdictionReviewQuerySet:
        """Each jurisdiction with `subpoena_was_threatened` and `was_subpoenaed`: whether
        `subpoena_threatened()` and `subpoenaed()` hold it, read with the row."""
        return self.annotate(
            subpoena_was_threatened=_threatened(), was_subpoenaed=_subpoenaed()
        )

    def in_litigation(self) -> JurisdictionReviewQuerySet:
        """Jurisdictions suing: plaintiffs in at least one recorded case."""
        return self.filter(_litigating())

    def sued_by_doj(self) -> JurisdictionReviewQuerySet:
        """Jurisdictions the United States sued: defendants in a case it brought."""
        return self.filter(_sued_by_doj())

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
        return self.filter(
            ExistsPerRow(paths[0]) | ExistsPerRow(paths[1]) | ExistsPerRow(paths[2])
        )


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


def _listed(**campaign: object) -> Exists:
    listings = (
        Listing.objects.published()
        .current()
        .filter(jurisdiction=OuterRef("pk"), **campaign)
    )
    return Exists(listings)


def _litigating() -> Exists:
    parties = Party.objects.plaintiffs().filter(case__verified_at__isnull=False)
    return Exists(parties.filter(jurisdiction=OuterRef("pk")))


def _sued_by_doj() -> Exists:
    parties = Party.objects.sued_by_united_states().filter(
        case__verified_at__isnull=False
    )
    return Exists(parties.filter(jurisdiction=OuterRef("pk")))


def default_campaign() -> Campaign | None:
    """The campaign a status means when none is named: the first (DOJ's 1373 review),
    so the addresses of the lists from before campaigns keep their meaning."""
    return Campaign.objects.published().order_by("started_on", "pk").first()
