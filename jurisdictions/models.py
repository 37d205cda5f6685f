"""Jurisdictions: the governments every record of the review points at."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q

from sanctuary_tracker.models import TrackedModel, TrackedQuerySet
from sanctuary_tracker.paths import page_path

from .usps import STATE_CHOICES, STATES

INVALID_STATE = (
    "%(value)s is not a USPS state code. Use two capital letters such as CA, IL or DC."
)

fips_validator = RegexValidator(
    r"^(\d{2}|\d{5}|\d{7})$",
    "A FIPS code has 2 digits (state), 5 (county) or 7 (place), e.g. 17031.",
)


class JurisdictionQuerySet(TrackedQuerySet):
    """Reads of jurisdictions alone; the review's reads across their records (rounds,
    status, flags) are in review.jurisdictions."""


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
    listed_name_note = models.CharField(
        max_length=300,
        blank=True,
        help_text="When no copy of DOJ's list read gives the whole name: where it was "
        "completed from (shown beside it).",
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
