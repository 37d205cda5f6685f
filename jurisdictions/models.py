"""Jurisdictions under review and the rounds of DOJ letters sent to them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q

from correspondence.choices import LetterKind
from sanctuary_tracker.models import (
    DatePrecision,
    TrackedModel,
    TrackedQuerySet,
    describe_date,
)
from sanctuary_tracker.paths import page_path

from .usps import STATE_CHOICES, STATES

INVALID_STATE = (
    "%(value)s is not a USPS state code. Use two capital letters such as CA, IL or DC."
)

fips_validator = RegexValidator(
    r"^(\d{2}|\d{5}|\d{7})$",
    "A FIPS code has 2 digits (state), 5 (county) or 7 (place), e.g. 17031.",
)


class Status(models.TextChoices):
    """Where a jurisdiction stands; derived by jurisdictions.status, never stored."""

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


class JurisdictionQuerySet(TrackedQuerySet):
    def with_status(self, include_drafts: bool = False) -> JurisdictionQuerySet:
        """Annotate `status_key` and `status` by the one status rule (see status.py);
        staff views may count draft records too."""
        from .status import annotate_status

        return annotate_status(self, include_drafts)

    def with_status_in(self, *statuses: str) -> JurisdictionQuerySet:
        """Jurisdictions whose derived status is one of `statuses`."""
        return self.with_status().filter(status__in=statuses)

    def with_flags(self) -> JurisdictionQuerySet:
        """Annotate `is_threatened`, `is_subpoenaed` and `is_litigating` (one query)."""
        return self.annotate(
            is_threatened=_threatened(),
            is_subpoenaed=_subpoenaed(),
            is_litigating=_litigating(),
        )

    def in_round(self, review_round: ReviewRound | int) -> JurisdictionQuerySet:
        """Jurisdictions that DOJ wrote to in that round."""
        from correspondence.models import Letter

        letters = Letter.objects.published().filter(
            round=review_round, jurisdiction=OuterRef("pk")
        )
        return self.filter(Exists(letters))

    def reviewed(self) -> JurisdictionQuerySet:
        """Jurisdictions DOJ wrote to about 1373 compliance (in a round or not)."""
        from correspondence.models import Letter

        letters = (
            Letter.objects.published().from_doj().filter(jurisdiction=OuterRef("pk"))
        )
        return self.filter(Exists(letters))

    def subpoena_threatened(self) -> JurisdictionQuerySet:
        """Jurisdictions that received at least one letter threatening a subpoena."""
        return self.filter(_threatened())

    def subpoenaed(self) -> JurisdictionQuerySet:
        """Jurisdictions DOJ actually subpoenaed (none of the 23, per the sources)."""
        return self.filter(_subpoenaed())

    def in_litigation(self) -> JurisdictionQuerySet:
        """Jurisdictions that are plaintiffs in at least one recorded case."""
        return self.filter(_litigating())

    def with_jag_figure(
        self,
        *,
        fiscal_year: int | None = None,
        at_least: Decimal | None = None,
        at_most: Decimal | None = None,
    ) -> JurisdictionQuerySet:
        """Jurisdictions with a Byrne JAG money figure (allocation, award or received)
        for `fiscal_year` whose amount lies in the range; unknown amounts never match a
        range."""
        from grants.models import AwardFigure

        figures = AwardFigure.objects.published().money()
        if fiscal_year is not None:
            figures = figures.filter(award__fiscal_year=fiscal_year)
        if at_least is not None:
            figures = figures.filter(amount__gte=at_least)
        if at_most is not None:
            figures = figures.filter(amount__lte=at_most)
        paths = figures.paths_for_ref(OuterRef("pk"))
        return self.filter(Exists(paths[0]) | Exists(paths[1]) | Exists(paths[2]))


def _threatened() -> Exists:
    from correspondence.models import Letter

    letters = Letter.objects.published().subpoena_threats()
    return Exists(letters.filter(jurisdiction=OuterRef("pk")))


def _subpoenaed() -> Exists:
    from correspondence.models import Letter

    return Exists(
        Letter.objects.published().subpoenas().filter(jurisdiction=OuterRef("pk"))
    )


def _litigating() -> Exists:
    from litigation.models import Case

    return Exists(Case.objects.published().filter(plaintiffs=OuterRef("pk")))


class Jurisdiction(TrackedModel):
    """A state, county, city or other government that DOJ reviewed."""

    class Kind(models.TextChoices):
        STATE = "state", "State"
        COUNTY = "county", "County"
        CITY = "city", "City"
        CITY_COUNTY = "city_county", "Consolidated city-county"
        METRO = "metro", "Metro government"
        FEDERAL_DISTRICT = "federal_district", "Federal district"

    name = models.CharField(
        max_length=200, unique=True, help_text="Common name, e.g. “Cook County”."
    )
    slug = models.SlugField(
        max_length=120, unique=True, help_text="Permanent part of the page's address."
    )
    listed_name = models.CharField(
        max_length=200,
        blank=True,
        help_text="The name exactly as DOJ's list of 2018-01-24 gives it, when on it.",
    )
    kind = models.CharField(
        max_length=20, choices=Kind, help_text="Kind of government."
    )
    state = models.CharField(
        "state",
        max_length=2,
        choices=STATE_CHOICES,
        error_messages={"invalid_choice": INVALID_STATE},
        help_text="USPS code of the state it is in (DC for Washington, D.C.).",
    )
    fips_code = models.CharField(
        "FIPS code",
        max_length=7,
        blank=True,
        validators=[fips_validator],
        help_text="Census FIPS code, when a source gives it.",
    )
    population = models.PositiveIntegerField(
        null=True, blank=True, help_text="Population, when a source gives it."
    )
    population_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Year the population figure refers to."
    )

    objects = JurisdictionQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [
            models.Index(fields=["state", "name"]),
            models.Index(fields=["kind"]),
            # What a list of letters or awards checks of each row's jurisdiction (its
            # state, whether it is published), read by PostgreSQL from the index alone:
            # letters of one kind in one state found in 3 ms instead of 9.
            models.Index(
                fields=["id", "state", "verified_at"], name="jurisdiction_state_pub_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=list(STATES)), name="jurisdiction_state_is_usps"
            ),
            models.CheckConstraint(
                condition=Q(population_year__isnull=True) | Q(population__isnull=False),
                name="jurisdiction_population_year_needs_population",
            ),
        ]

    def __str__(self) -> str:
        return self.label(self.name, self.state)

    @staticmethod
    def label(name: str, state: str) -> str:
        """How a jurisdiction is named in a choice or a title: "Chicago, IL"."""
        return f"{name}, {state}"

    def get_absolute_url(self) -> str:
        return page_path("jurisdictions:detail", self.slug)

    def clean(self) -> None:
        if self.population_year and self.population is None:
            raise ValidationError(
                {"population_year": "Give the population before the year it refers to."}
            )

    @property
    def state_name(self) -> str:
        return STATES.get(self.state, self.state)

    @property
    def status(self) -> str:
        """The derived status (a Status value), from the key `with_status()` reads,
        or read for this one row."""
        from .status import status_of

        if not hasattr(self, "status_key"):
            self.status_key = (
                Jurisdiction.objects.with_status()
                .values_list("status_key", flat=True)
                .get(pk=self.pk)
            )
        return status_of(self.status_key)

    @property
    def status_label(self) -> str:
        return Status(self.status).label

    @property
    def status_since(self) -> date | None:
        """Date of the event that set the status (needs `with_status()`)."""
        from .status import status_since

        return status_since(getattr(self, "status_key", ""))

    @property
    def status_since_display(self) -> str:
        """That date in words, as precise as its source (needs `with_status()`)."""
        from .status import status_since_display

        return status_since_display(getattr(self, "status_key", ""))


class ReviewRound(TrackedModel):
    """One batch of DOJ letters sent on one date with one demand and one deadline."""

    name = models.CharField(max_length=200, help_text="A short name for the round.")
    slug = models.SlugField(max_length=60, unique=True)
    sent_on = models.DateField(help_text="Date the letters were sent (the first day).")
    sent_through = models.DateField(
        null=True,
        blank=True,
        help_text="Last day of sending, when the letters went out over several days.",
    )
    date_precision = models.CharField(
        max_length=12,
        choices=DatePrecision,
        default=DatePrecision.DAY,
        help_text="How much of the date the sources give.",
    )
    signer = models.CharField(max_length=200, blank=True, help_text="Who signed.")
    signer_title = models.CharField(max_length=200, blank=True)
    office = models.CharField(
        max_length=200, blank=True, help_text="DOJ office that sent the letters."
    )
    letter_kind = models.CharField(
        max_length=30,
        choices=LetterKind,
        help_text="Kind of the letters in this round.",
    )
    threatens_subpoena = models.BooleanField(
        default=False, help_text="The letters warn of a subpoena if not answered."
    )
    demand = models.TextField(blank=True, help_text="What the letters demanded.")
    due_on = models.DateField(
        null=True, blank=True, help_text="Deadline for the reply, when one was set."
    )
    due_note = models.CharField(
        max_length=300, blank=True, help_text="Caveat on the deadline's source."
    )
    reported_recipient_count = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="How many recipients the sources report (the letters themselves "
        "are recorded one by one).",
    )

    class Meta:
        ordering = ["sent_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_on__isnull=True) | Q(due_on__gte=models.F("sent_on")),
                name="round_due_not_before_sent",
            ),
            models.CheckConstraint(
                condition=Q(sent_through__isnull=True)
                | Q(sent_through__gte=models.F("sent_on")),
                name="round_sent_through_not_before_sent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sent_on:%Y-%m-%d}: {self.name}"

    def clean(self) -> None:
        errors = {}
        if self.due_on and self.sent_on and self.due_on < self.sent_on:
            errors["due_on"] = "The reply cannot be due before the letters were sent."
        if self.sent_through and self.sent_on and self.sent_through < self.sent_on:
            errors["sent_through"] = (
                "The last day of sending cannot be before the first."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def sent_on_display(self) -> str:
        text = describe_date(self.sent_on, self.date_precision)
        if self.sent_through:
            text += f" to {describe_date(self.sent_through)}"
        return text

    def is_overdue(self, today: date) -> bool:
        return self.due_on is not None and self.due_on < today
