"""Published lists: a list a federal body publishes naming jurisdictions (DOJ's of
2025-08-05), and its members as printed, each mapped to the tracked jurisdiction it
names where there is one."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import BooleanField, Count, ExpressionWrapper, F, Q

from sanctuary_tracker.models import (
    DatePrecision,
    TrackedModel,
    TrackedQuerySet,
    describe_date,
)
from sanctuary_tracker.paths import page_path


class DesignationQuerySet(TrackedQuerySet):
    def with_listing_count(self) -> DesignationQuerySet:
        """Annotate `listing_count`: its published members."""
        return self.annotate(
            listing_count=Count(
                "listings", filter=Q(listings__verified_at__isnull=False)
            )
        )

    def with_list_related(self) -> DesignationQuerySet:
        return self.select_related("campaign").with_listing_count()

    def recently_changed(self) -> DesignationQuerySet:
        """Newest change first: what the feeds publish."""
        return self.order_by("-updated_at", "-pk")

    def naming(self, jurisdiction) -> DesignationQuerySet:
        """Lists with a published name that is this jurisdiction."""
        names = Listing.objects.published().filter(
            designation=models.OuterRef("pk"), jurisdiction=jurisdiction
        )
        return self.filter(models.Exists(names))


class Designation(TrackedModel):
    """A list of jurisdictions a federal body published, with its date and its test."""

    campaign = models.ForeignKey(
        "campaigns.Campaign",
        on_delete=models.PROTECT,
        related_name="designations",
        help_text="The DOJ campaign the list belongs to.",
    )
    publisher = models.CharField(
        max_length=200, help_text="Who published it, e.g. “U.S. Department of Justice”."
    )
    publisher_short = models.CharField(
        max_length=30,
        blank=True,
        help_text="Its publisher's short name, e.g. “DOJ”, for timelines.",
    )
    title = models.CharField(max_length=300, help_text="The list's title or a name.")
    slug = models.SlugField(
        max_length=120, unique=True, help_text="Permanent part of the page's address."
    )
    published_on = models.DateField(help_text="When it was published.")
    date_precision = models.CharField(
        max_length=12,
        choices=DatePrecision,
        default=DatePrecision.DAY,
        help_text="How much of the publication date the sources give.",
    )
    withdrawn_on = models.DateField(
        null=True,
        blank=True,
        help_text="When the publisher took the whole list down; empty while it stands "
        "or when no source says.",
    )
    withdrawal_precision = models.CharField(
        max_length=12,
        choices=DatePrecision,
        default=DatePrecision.DAY,
        help_text="How much of the withdrawal date the sources give.",
    )
    url = models.URLField(
        "URL", max_length=2000, blank=True, help_text="Where the list was published."
    )
    criteria = models.TextField(
        blank=True, help_text="The test for being listed, in the publisher's words."
    )
    summary = models.TextField(
        blank=True, help_text="What the list is, in a few lines."
    )
    count_note = models.TextField(
        blank=True,
        help_text="How the sources count its members where they disagree, each count "
        "with the source that gives it.",
    )

    objects = DesignationQuerySet.as_manager()

    class Meta:
        ordering = ["published_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True)
                | Q(withdrawn_on__gte=F("published_on")),
                name="designation_withdrawn_after_published",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return page_path("designations:detail", self.slug)

    def clean(self) -> None:
        if (
            self.withdrawn_on
            and self.published_on
            and self.withdrawn_on < self.published_on
        ):
            raise ValidationError(
                {"withdrawn_on": "A list cannot be withdrawn before it was published."}
            )

    @property
    def publisher_display(self) -> str:
        return self.publisher_short or self.publisher

    @property
    def published_on_display(self) -> str:
        return describe_date(self.published_on, self.date_precision)

    @property
    def withdrawn_on_display(self) -> str:
        return describe_date(self.withdrawn_on, self.withdrawal_precision)


class ListingQuerySet(TrackedQuerySet):
    def published(self) -> ListingQuerySet:
        """Listings verified on a verified list: a member of a draft list is a draft.
        A name mapped to a jurisdiction still a draft is shown as printed, untracked:
        `jurisdiction_shown` is the mapping the public may see."""
        return self.filter(
            verified_at__isnull=False, designation__verified_at__isnull=False
        ).annotate(
            jurisdiction_is_public=ExpressionWrapper(
                Q(jurisdiction__verified_at__isnull=False), output_field=BooleanField()
            )
        )

    def mapped(self) -> ListingQuerySet:
        """Listings whose name is a tracked jurisdiction."""
        return self.filter(jurisdiction__isnull=False)

    def tracked(self) -> ListingQuerySet:
        """Listings whose name is a tracked jurisdiction the public sees (what the
        public pages call tracked: `Listing.public_jurisdiction`)."""
        return self.mapped().filter(jurisdiction__verified_at__isnull=False)

    def in_campaign(self, campaign) -> ListingQuerySet:
        return self.filter(designation__campaign=campaign)

    def removed(self) -> ListingQuerySet:
        """Listings the publisher took off its list."""
        return self.filter(removed_on__isnull=False)

    def withdrawn(self) -> ListingQuerySet:
        """Listings of a list the publisher took down as a whole."""
        return self.filter(designation__withdrawn_on__isnull=False)

    def current(self) -> ListingQuerySet:
        """Listings still on their list: not taken off it, the list not withdrawn."""
        return self.filter(
            removed_on__isnull=True, designation__withdrawn_on__isnull=True
        )

    def with_list_related(self) -> ListingQuerySet:
        return self.select_related("designation", "jurisdiction")


class Listing(TrackedModel):
    """One name on a published list, as printed, and the tracked jurisdiction it names
    (the same jurisdiction may be printed twice: San Francisco as a county and as a
    city)."""

    class Category(models.TextChoices):
        STATE = "state", "State"
        COUNTY = "county", "County"
        CITY = "city", "City"

    designation = models.ForeignKey(
        Designation,
        on_delete=models.CASCADE,
        related_name="listings",
        help_text="The list it is printed on.",
    )
    position = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1)],
        help_text="Its place in the list as printed (1 for the first name).",
    )
    category_as_printed = models.CharField(
        max_length=10,
        choices=Category,
        help_text="The heading it is printed under (the District of Columbia is "
        "printed among the states).",
    )
    name_as_printed = models.CharField(
        max_length=200, help_text="The name exactly as the list prints it."
    )
    jurisdiction = models.ForeignKey(
        "jurisdictions.Jurisdiction",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="listings",
        help_text="The tracked jurisdiction the name means; empty when none is tracked.",
    )
    removed_on = models.DateField(
        null=True,
        blank=True,
        help_text="When the publisher took this name off the list, as a source dates "
        "it; empty when no source says it was removed.",
    )
    removal_precision = models.CharField(
        max_length=12,
        choices=DatePrecision,
        default=DatePrecision.DAY,
        help_text="How much of the removal date the sources give.",
    )
    removal_note = models.CharField(
        max_length=500,
        blank=True,
        help_text="Why or how it was removed, as its source says (the source among "
        "its citations).",
    )

    objects = ListingQuerySet.as_manager()

    class Meta:
        ordering = ["designation", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["designation", "name_as_printed"], name="listing_unique_name"
            ),
            models.CheckConstraint(
                condition=Q(position__gte=1), name="listing_position_from_one"
            ),
        ]
        indexes = [
            models.Index(
                fields=["jurisdiction", "designation"], name="listing_jurisdiction_idx"
            )
        ]

    def __str__(self) -> str:
        return f"“{self.name_as_printed}” ({self.get_category_as_printed_display()})"

    def get_absolute_url(self) -> str:
        """Its row on its list's page."""
        return f"{self.designation.get_absolute_url()}#listing-{self.position}"

    @property
    def public_jurisdiction(self):
        """The tracked jurisdiction it names, unless that record is still a draft (a
        public page then shows the name as printed, untracked)."""
        if self.jurisdiction_id is None:
            return None
        public = getattr(self, "jurisdiction_is_public", None)  # from published()
        if public is None:
            public = self.jurisdiction.is_published
        return self.jurisdiction if public else None

    def clean(self) -> None:
        published_on = self.designation.published_on if self.designation_id else None
        if self.removed_on and published_on and self.removed_on < published_on:
            raise ValidationError(
                {
                    "removed_on": "A name cannot be removed before its list was published."
                }
            )
        if self.removal_note and not self.removed_on:
            raise ValidationError(
                {"removed_on": "Give the date of the removal the note describes."}
            )

    @property
    def removed_on_display(self) -> str:
        return describe_date(self.removed_on, self.removal_precision)
