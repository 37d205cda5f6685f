"""DOJ's campaigns against sanctuary jurisdictions: the efforts that rounds, letters
and cases belong to (reference data, as jurisdictions are)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from sanctuary_tracker.models import (
    DatePrecision,
    TrackedModel,
    TrackedQuerySet,
    describe_date,
)
from sanctuary_tracker.paths import page_path


class CampaignQuerySet(TrackedQuerySet):
    def recently_changed(self) -> CampaignQuerySet:
        """Newest change first: what the feeds publish."""
        return self.order_by("-updated_at", "-pk")

    def open(self) -> CampaignQuerySet:
        """Campaigns no source says have ended."""
        return self.filter(ended_on__isnull=True)


class Campaign(TrackedModel):
    """One DOJ effort against sanctuary jurisdictions, from its start to its end."""

    name = models.CharField(max_length=200, unique=True, help_text="Its usual name.")
    slug = models.SlugField(
        max_length=80, unique=True, help_text="Permanent part of the page's address."
    )
    started_on = models.DateField(help_text="When the first act of it is dated.")
    start_precision = models.CharField(
        max_length=12,
        choices=DatePrecision,
        default=DatePrecision.DAY,
        help_text="How much of the start date the sources give.",
    )
    ended_on = models.DateField(
        null=True,
        blank=True,
        help_text="When it ended, as its sources date the end; empty while it goes on.",
    )
    end_precision = models.CharField(
        max_length=12,
        choices=DatePrecision,
        default=DatePrecision.DAY,
        help_text="How much of the end date the sources give.",
    )
    end_description = models.CharField(
        max_length=300,
        blank=True,
        help_text="What ended it, e.g. “DOJ withdrew the grant conditions”.",
    )
    led_by = models.CharField(
        max_length=300, blank=True, help_text="Who led it, as the sources name them."
    )
    legal_basis = models.TextField(
        blank=True, help_text="The law, order or memo it rested on."
    )
    money_at_stake = models.TextField(
        blank=True,
        help_text="The money it put at stake, in words: no figure a source does not give.",
    )
    summary = models.TextField(blank=True, help_text="What it was, in a few lines.")

    objects = CampaignQuerySet.as_manager()

    class Meta:
        ordering = ["started_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(ended_on__gte=models.F("started_on")),
                name="campaign_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return page_path("campaigns:detail", self.slug)

    def clean(self) -> None:
        if self.ended_on and self.started_on and self.ended_on < self.started_on:
            raise ValidationError(
                {"ended_on": "A campaign cannot end before it starts."}
            )

    @property
    def is_open(self) -> bool:
        return self.ended_on is None

    @property
    def started_on_display(self) -> str:
        return describe_date(self.started_on, self.start_precision)

    @property
    def ended_on_display(self) -> str:
        return describe_date(self.ended_on, self.end_precision)
