"""Byrne JAG awards and the figures sources give for them."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse

from jurisdictions.models import Jurisdiction
from sanctuary_tracker.expressions import NotFromIndex
from sanctuary_tracker.models import (
    Citation,
    DatePrecision,
    TrackedModel,
    TrackedQuerySet,
    describe_date,
    empty_last_indexes,
)


class Program(TrackedModel):
    """A federal grant program (here, Byrne JAG)."""

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=50, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    agency = models.CharField(max_length=300, blank=True, help_text="Who runs it.")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.short_name


class AwardQuerySet(TrackedQuerySet):
    def published(self) -> AwardQuerySet:
        """Verified awards of verified recipients."""
        return super().published().filter(recipient__verified_at__isnull=False)

    def for_jurisdictions(self, jurisdictions: models.QuerySet) -> AwardQuerySet:
        """Awards that any of `jurisdictions` holds or shares, each listed once. (Two
        indexed lookups in a union: one OR across the join would scan every award.)"""
        held = Award.objects.filter(recipient__in=jurisdictions).order_by()
        shared = Award.objects.filter(partners__in=jurisdictions).order_by()
        return self.filter(pk__in=held.values("pk").union(shared.values("pk")))

    def with_list_related(self) -> AwardQuerySet:
        return self.select_related(
            "program", "recipient", "parent__recipient"
        ).prefetch_related("partners", "figures__share_of")


class Award(TrackedModel):
    """One fiscal year's grant under a program, held by one government or shared.

    A joint ("disparate") award is one record with several governments: it is listed
    under `recipient` and shared with `partners`, so a total counts it once. A subaward
    (money passed down under another government's grant) points to that grant as
    `parent`, and totals skip it whenever the parent is counted.
    """

    program = models.ForeignKey(
        Program, on_delete=models.PROTECT, related_name="awards"
    )
    fiscal_year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(2005), MaxValueValidator(2100)],
        help_text="Federal fiscal year of the award, e.g. 2016.",
    )
    recipient = models.ForeignKey(
        "jurisdictions.Jurisdiction",
        on_delete=models.PROTECT,
        related_name="awards",
        help_text="The government the award is listed under: the sole recipient, or "
        "for a joint award its fiscal agent when sources name one.",
    )
    recipient_is_fiscal_agent = models.BooleanField(
        default=False,
        help_text="Tick only when a source says the recipient is the fiscal agent of a "
        "joint award.",
    )
    partners = models.ManyToManyField(
        "jurisdictions.Jurisdiction",
        blank=True,
        related_name="shared_awards",
        help_text="Other governments sharing this joint award.",
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="subawards",
        db_index=False,  # the partial index below
        help_text="For a subaward: the grant it was passed down under.",
    )
    award_number = models.CharField(
        max_length=40, blank=True, help_text="BJA award number, e.g. 2016-DJ-BX-0217."
    )
    note = models.TextField(blank=True, help_text="What the sources say about it.")

    objects = AwardQuerySet.as_manager()

    class Meta:
        ordering = ["-fiscal_year", "recipient__name"]
        indexes = [
            # A recipient's award for a year. No index leads with the year alone: with
            # one, a list filtered to a year sorted that year's 20,000 figures by
            # recipient; without, the planner walks recipients in name order (the
            # list's order) and looks up each one's year here, so a page reads 50 rows.
            models.Index(
                fields=["recipient", "fiscal_year"], name="award_recipient_year_idx"
            ),
            # Subawards are few (see AwardFigure's index of shares).
            models.Index(
                fields=["parent"],
                condition=Q(parent__isnull=False),
                name="award_parent_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "fiscal_year", "recipient"],
                condition=Q(parent__isnull=True),
                name="award_unique_per_program_year_recipient",
                violation_error_message="This recipient already has an award under this "
                "program for this fiscal year.",
            ),
            models.UniqueConstraint(
                fields=["parent", "recipient"],
                condition=Q(parent__isnull=False),
                name="subaward_unique_per_parent_recipient",
                violation_error_message="This recipient already has a subaward under "
                "that grant.",
            ),
            models.UniqueConstraint(
                fields=["award_number"],
                condition=~Q(award_number=""),
                name="award_unique_number",
                violation_error_message="Another award already has this award number.",
            ),
        ]

    def __str__(self) -> str:
        label = f"FY{self.fiscal_year} {self.program.short_name}, {self.recipient.name}"
        return f"{label} (subaward)" if self.parent_id else label

    def save(self, *args, **kwargs) -> None:
        adding = self._state.adding  # then it has no children yet
        super().save(*args, **kwargs)
        if adding:
            return
        # Its figures' copy of the year (their sort by year), as the round's date is
        # kept on its letters; a figure's own save sets it for itself.
        self.figures.exclude(award_fiscal_year=self.fiscal_year).update(
            award_fiscal_year=self.fiscal_year
        )

    def get_absolute_url(self) -> str:
        return f"{self.recipient.get_absolute_url()}#awards"

    def clean(self) -> None:
        if self.parent_id:
            if self.parent_id == self.pk:
                raise ValidationError({"parent": "An award cannot sit under itself."})
            if self.fiscal_year and self.parent.fiscal_year != self.fiscal_year:
                raise ValidationError(
                    {
                        "parent": "A subaward belongs to the same fiscal year as its grant."
                    }
                )


class FigureKind(models.TextChoices):
    """Kinds of money figure: never added across kinds."""

    ALLOCATION = "allocation", "Allocation (formula amount)"
    APPLICATION = "application", "Amount applied for"
    AWARD = "award", "Award (granted)"
    RECEIVED = "received", "Received (kind not stated)"
    AT_RISK = "at_risk", "At risk (stood to be lost)"
    WITHHELD = "withheld", "Withheld"
    RELEASED = "released", "Released"


# The kinds most figures are of; the others (applied for, at risk, withheld,
# released) are few, and read from the index of kinds.
COMMON_KINDS = (FigureKind.ALLOCATION, FigureKind.AWARD, FigureKind.RECEIVED)


class Qualifier(models.TextChoices):
    """How exact the source's figure is; only EXACT figures are summed as exact."""

    EXACT = "exact", "exactly"
    ABOUT = "about", "about"
    MORE_THAN = "more_than", "more than"
    AT_LEAST = "at_least", "at least"
    ALMOST = "almost", "almost"


class Figure(TrackedModel):
    """A dollar figure as one or more sources give it."""

    kind = models.CharField(
        max_length=20, choices=FigureKind, help_text="What the figure measures."
    )
    amount = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, "An amount cannot be negative.")],
        help_text="Dollars as the source gives them. Leave empty when the source gives "
        "no usable number (never enter 0 for unknown).",
    )
    qualifier = models.CharField(
        max_length=12,
        choices=Qualifier,
        default=Qualifier.EXACT,
        help_text="“about $72,000” is ABOUT; “more than $39 million” is MORE THAN.",
    )
    as_reported = models.CharField(
        max_length=200, blank=True, help_text="The source's own words for the figure."
    )
    dated_on = models.DateField(
        null=True,
        blank=True,
        help_text="When the money moved or the figure held (e.g. the release date).",
    )
    date_precision = models.CharField(
        max_length=12, choices=DatePrecision, default=DatePrecision.DAY
    )
    note = models.TextField(blank=True, help_text="Caveats from the sources.")

    class Meta:
        abstract = True

    def clean(self) -> None:
        if self.amount is None and not self.as_reported:
            raise ValidationError(
                {"as_reported": "With no amount, say what the source reports instead."}
            )

    @property
    def amount_display(self) -> str:
        """The figure in words that keep its qualifier: never an approximation as exact."""
        if self.amount is None:
            return (
                f"not recorded ({self.as_reported})"
                if self.as_reported
                else "not recorded"
            )
        whole = self.amount == self.amount.to_integral_value()
        number = f"${self.amount:,.0f}" if whole else f"${self.amount:,.2f}"
        if self.qualifier == Qualifier.EXACT:
            return number
        return f"{Qualifier(self.qualifier).label} {number}"

    @property
    def dated_on_display(self) -> str:
        return describe_date(self.dated_on, self.date_precision)


# How a figure reaches a jurisdiction, in the order of `paths_for_ref`: the award it
# holds, an award it shares, its own share of a joint award.
HOLDER_PATHS = ("award__recipient", "award__partners", "share_of")
# A state holding one jurisdiction in this many, or more, has its figures found by
# walking the list (`AwardFigureQuerySet.in_state`).
SPREAD = 100


class AwardFigureQuerySet(TrackedQuerySet):
    def published(self) -> AwardFigureQuerySet:
        """Verified figures of published awards."""
        return (
            super()
            .published()
            .filter(
                award__verified_at__isnull=False,
                award__recipient__verified_at__isnull=False,
            )
        )

    def money(self) -> AwardFigureQuerySet:
        """Figures of money granted or set aside: allocations, awards, money received."""
        return self.filter(kind__in=COMMON_KINDS)

    def of_kind(self, kind: str) -> AwardFigureQuerySet:
        """Figures of one kind (the list's filter). A common kind is tested on each
        row the list walks in its own order, never read from the index of kinds: from
        it, SQLite read every allocation and sorted them all for a page."""
        if kind not in COMMON_KINDS:
            return self.filter(kind=kind)
        return self.alias(kind_tested=NotFromIndex("kind")).filter(kind_tested=kind)

    def withheld(self) -> AwardFigureQuerySet:
        """Figures recording money withheld, with the date it was known withheld."""
        return self.filter(kind=FigureKind.WITHHELD, dated_on__isnull=False)

    def released(self) -> AwardFigureQuerySet:
        """Figures recording withheld money released, with the release date."""
        return self.filter(kind=FigureKind.RELEASED, dated_on__isnull=False)

    def for_jurisdiction(self, jurisdictions) -> AwardFigureQuerySet:
        """Figures of a jurisdiction (or of any in a queryset), each listed once."""
        first, *rest = [
            path.order_by().values("pk")
            for path in AwardFigure.objects.paths_for_ref(jurisdictions)
        ]
        return self.filter(pk__in=first.union(*rest))

    def in_state(self, state: str) -> AwardFigureQuerySet:
        """Figures of the jurisdictions of a state (its USPS code), each listed once.

        A state of many jurisdictions (one in `SPREAD` or more) is tested on each row
        the list walks: its recipients are spread through the list's order, so a page
        is found within a few hundred figures, where gathering its every figure first
        and sorting them (`for_jurisdiction`) took PostgreSQL through every figure. A
        state of few is gathered: walked, the list would pass nearly every figure."""
        counts = Jurisdiction.objects.aggregate(
            every=models.Count("pk"), here=models.Count("pk", filter=Q(state=state))
        )
        places = Jurisdiction.objects.filter(state=state)
        if counts["here"] * SPREAD < counts["every"]:
            return self.for_jurisdiction(places)
        whole, shared, own = HOLDER_PATHS
        held = Q(share_of__isnull=True, **{f"{whole}__state": state})
        others = [
            path.order_by().values("pk")
            for path in AwardFigure.objects.paths_for_ref(places)[1:]
        ]
        return self.filter(held | Q(pk__in=others[0].union(*others[1:])))

    def paths_for_ref(self, ref) -> list[AwardFigureQuerySet]:
        """A jurisdiction's figures: its own share of a joint award, or a whole figure
        of an award it holds or shares; never another partner's share.

        `ref` is a jurisdiction, its id, a queryset of them, or the outer query's
        (`OuterRef`). The figures come as three querysets that each use an index: whole
        figures of awards it holds, of awards it shares, and its own shares. One OR
        across the joins would scan every figure."""
        lookup = "__in" if isinstance(ref, models.QuerySet | list) else ""
        whole, shared, own = HOLDER_PATHS
        return [
            self.filter(share_of__isnull=True, **{f"{whole}{lookup}": ref}),
            self.filter(share_of__isnull=True, **{f"{shared}{lookup}": ref}),
            self.filter(**{f"{own}{lookup}": ref}),
        ]

    def with_list_related(self) -> AwardFigureQuerySet:
        """What a list row shows, as plain lists: `figure.award.published_partners`
        and `figure.cited` (its citations with their sources). A prefetch kept as a
        list costs nothing per row; one kept in the manager builds a filtered
        queryset for every row."""
        return self.select_related(
            "award__program", "award__recipient", "award__parent__recipient", "share_of"
        ).prefetch_related(
            Prefetch(
                "award__partners",
                Jurisdiction.objects.published(),
                to_attr="published_partners",
            ),
            Prefetch(
                "citations", Citation.objects.select_related("source"), to_attr="cited"
            ),
        )


class AwardFigure(Figure):
    """A figure for one award, e.g. CIS's FY2017 allocation for the State of Oregon."""

    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="figures")
    share_of = models.ForeignKey(
        "jurisdictions.Jurisdiction",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="award_shares",
        db_index=False,  # the partial index below
        help_text="When the figure is one partner's own share of a joint award. Shares "
        "are shown, never added to the award's total.",
    )
    amount_sort = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        editable=False,
        help_text="The amount again, for the list's sort by amount alone: its indexes "
        "are of this copy, so a filter on the amount is never read from them. Set by "
        "the figure's save; bulk writers set it themselves.",
    )
    award_fiscal_year = models.PositiveSmallIntegerField(
        null=True,  # never empty (the constraint below); empty in older history rows
        editable=False,
        help_text="Its award's fiscal year, copied from the award: the list's sort by "
        "year reads it from an index instead of sorting every figure through the "
        "join. Set by the figure's save and the award's; bulk writers set it "
        "themselves.",
    )

    objects = AwardFigureQuerySet.as_manager()

    class Meta:
        ordering = ["award", "kind", "id"]
        indexes = [
            models.Index(fields=["kind", "dated_on"]),
            # Sorting the list by date, either way, with the id that breaks ties (see
            # the letters' indexes).
            models.Index(fields=["dated_on", "id"], name="awardfigure_dated_id_idx"),
            models.Index(fields=["award", "kind", "dated_on"]),
            # The list by fiscal year, either way (never empty: no "empty last").
            models.Index(
                fields=["award_fiscal_year", "id"], name="awardfigure_year_id_idx"
            ),
            # No index of the amount: "at least $X" matches most figures, and with one
            # the planner read them all in amount order to sort them by recipient
            # (SQLite did so from the sort's indexes below too, skipping through their
            # "is empty"). The list by amount, either way, unknown amounts last, from
            # the copy no filter reads:
            *empty_last_indexes("amount_sort", "awardfigure_amount"),
            models.Index(fields=["updated_at"]),
            # Shares are few: an index of them alone is never taken for the many
            # figures whose share_of is empty (SQLite would scan them all).
            models.Index(
                fields=["share_of"],
                condition=Q(share_of__isnull=False),
                name="awardfigure_share_of_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="award_figure_amount_not_negative",
            ),
            # Nullable only for the history's rows from before the copy existed.
            models.CheckConstraint(
                condition=Q(award_fiscal_year__isnull=False),
                name="awardfigure_award_fiscal_year_set",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.amount_display}"

    def save(self, *args, **kwargs) -> None:
        self.award_fiscal_year = self.award.fiscal_year
        self.amount_sort = self.amount
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        if not self.award_id:
            return
        self.award_fiscal_year = self.award.fiscal_year  # before its constraint's check
        same = AwardFigure.objects.filter(
            award_id=self.award_id,
            kind=self.kind,
            share_of_id=self.share_of_id,
            amount=self.amount,
            qualifier=self.qualifier,
            dated_on=self.dated_on,
        ).exclude(pk=self.pk)
        if same.exists():
            raise ValidationError(
                "This figure is already recorded for this award (same kind, amount, "
                "precision and date). Add a second source to it instead."
            )


class ReportedFigure(Figure):
    """A figure that belongs to no single award: a group total, or a year left open.

    The seed articles' "more than $39 million" for the 23 jurisdictions is one.
    """

    scope = models.CharField(
        max_length=300, help_text="What the figure covers, in words."
    )
    round = models.ForeignKey(
        "correspondence.ReviewRound",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reported_figures",
        help_text="The round whose jurisdictions it covers, if it covers one.",
    )
    jurisdiction = models.ForeignKey(
        "jurisdictions.Jurisdiction",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reported_figures",
        help_text="The jurisdiction it covers, if one.",
    )
    program = models.ForeignKey(
        Program, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    fiscal_year = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(2005), MaxValueValidator(2100)],
        help_text="Fiscal year, when the source states it.",
    )

    class Meta:
        ordering = ["fiscal_year", "scope"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="reported_figure_amount_not_negative",
            )
        ]

    def __str__(self) -> str:
        return f"{self.scope}: {self.amount_display}"

    def get_absolute_url(self) -> str:
        if self.jurisdiction_id:
            return self.jurisdiction.get_absolute_url()
        return reverse("home")
