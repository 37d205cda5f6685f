"""Directives: the executive orders, Attorney General memos, grant conditions and
solicitations a campaign rests on, and the money they condition."""

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


class DirectiveQuerySet(TrackedQuerySet):
    def issued_in(self, year: int) -> DirectiveQuerySet:
        """Directives dated in this calendar year."""
        return self.filter(issued_on__year=year)

    def chronological(self) -> DirectiveQuerySet:
        """Oldest first, undated ones last; the primary key breaks ties."""
        return self.order_by(models.F("issued_on").asc(nulls_last=True), "pk")

    def recently_changed(self) -> DirectiveQuerySet:
        """Newest change first: what the feeds publish."""
        return self.order_by("-updated_at", "-pk")

    def with_list_related(self) -> DirectiveQuerySet:
        return self.select_related("campaign")


class Directive(TrackedModel):
    """An order, memo, grant condition or solicitation: who issued it, when, and what
    it does."""

    class Kind(models.TextChoices):
        EXECUTIVE_ORDER = "executive_order", "Executive order"
        AG_MEMO = "ag_memo", "Attorney General memo"
        GRANT_CONDITION = "grant_condition", "Grant condition"
        SOLICITATION = "solicitation", "Grant solicitation"
        AGENCY_ORDER = "agency_order", "Agency order"
        OTHER = "other", "Other"

    campaign = models.ForeignKey(
        "campaigns.Campaign",
        on_delete=models.PROTECT,
        related_name="directives",
        help_text="The DOJ campaign it belongs to.",
    )
    kind = models.CharField(
        max_length=20, choices=Kind, help_text="What kind of instrument it is."
    )
    title = models.CharField(
        max_length=300,
        help_text="Its title as issued, e.g. “Protecting the American People Against "
        "Invasion”.",
    )
    slug = models.SlugField(
        max_length=120, unique=True, help_text="Permanent part of the page's address."
    )
    issuer = models.CharField(
        max_length=200,
        help_text="Who issued it, as the sources name them, e.g. “President Donald "
        "Trump”.",
    )
    issued_on = models.DateField(
        null=True,
        blank=True,
        help_text="When it was signed or issued; empty when no source dates it.",
    )
    issued_precision = models.CharField(
        max_length=12,
        choices=DatePrecision,
        default=DatePrecision.DAY,
        help_text="How much of the date of issue the sources give.",
    )
    published_on = models.DateField(
        null=True,
        blank=True,
        help_text="When it was published (an executive order: in the Federal Register), "
        "when a source gives it.",
    )
    number = models.CharField(
        max_length=50,
        blank=True,
        help_text="Its number, e.g. “14159” for an executive order.",
    )
    citation = models.CharField(
        max_length=100,
        blank=True,
        help_text="Where it is printed, e.g. “90 Fed. Reg. 8443”.",
    )
    document_url = models.URLField(
        "document link",
        max_length=2000,
        blank=True,
        help_text="A copy of the directive itself.",
    )
    summary = models.TextField(help_text="What it does, in a few lines.")
    revokes = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revoked_by",
        help_text="An earlier directive this one revokes.",
    )
    programs = models.ManyToManyField(
        "grants.Program",
        blank=True,
        related_name="directives",
        help_text="Grant programs it conditions.",
    )
    awards = models.ManyToManyField(
        "grants.Award",
        blank=True,
        related_name="directives",
        help_text="Awards it conditions.",
    )

    objects = DirectiveQuerySet.as_manager()

    class Meta:
        ordering = ["issued_on", "pk"]
        indexes = [models.Index(fields=["issued_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(published_on__isnull=True)
                | Q(issued_on__isnull=True)
                | Q(published_on__gte=models.F("issued_on")),
                name="directive_published_after_issued",
                violation_error_message="A directive cannot be published before it "
                "is issued.",
            ),
            models.CheckConstraint(
                condition=~Q(number="") | ~Q(kind="executive_order"),
                name="directive_executive_order_numbered",
                violation_error_message="An executive order has a number.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return page_path("directives:detail", self.slug)

    def clean(self) -> None:
        errors = {}
        if self.kind == Directive.Kind.EXECUTIVE_ORDER and not self.number:
            errors["number"] = "Give the executive order's number, e.g. 14159."
        if self.published_on and self.issued_on and self.published_on < self.issued_on:
            errors["published_on"] = (
                f"It cannot be published before it was issued "
                f"({self.issued_on:%Y-%m-%d})."
            )
        if self.revokes_id:
            revoked = self.revokes
            if self.pk and revoked.pk == self.pk:
                errors["revokes"] = "A directive cannot revoke itself."
            elif (
                revoked.issued_on
                and self.issued_on
                and revoked.issued_on > self.issued_on
            ):
                errors["revokes"] = (
                    "It can only revoke a directive issued before it "
                    f"({revoked} was issued on {revoked.issued_on:%Y-%m-%d})."
                )
        if errors:
            raise ValidationError(errors)

    @property
    def issued_on_display(self) -> str:
        return describe_date(self.issued_on, self.issued_precision)

    @property
    def label(self) -> str:
        """Its kind and number, e.g. “Executive order 14159”."""
        kind = self.get_kind_display()
        return f"{kind} {self.number}" if self.number else kind
