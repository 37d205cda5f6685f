"""The admin of jurisdictions: here, with the review, because its list shows each
one's derived status and its page lists its letters, awards and the names on published
lists that are it."""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from correspondence.models import Letter, ReviewRound
from designations.models import Listing
from grants.models import Award
from jurisdictions.models import INVALID_STATE, Jurisdiction
from sanctuary_tracker.admin import (
    CitationInline,
    ReadOnlyInline,
    TrackedAdmin,
    TrackedForm,
)

from .jurisdictions import jurisdictions
from .models import Status
from .status import status_label


class StatusListFilter(admin.SimpleListFilter):
    """Filter by the derived status (review.status)."""

    title = "status"
    parameter_name = "status"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list:
        return list(Status.choices)

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() in Status.values:
            return queryset.filter(status=self.value())
        return queryset


class RoundListFilter(admin.SimpleListFilter):
    """Jurisdictions DOJ wrote to in a review round."""

    title = "review round"
    parameter_name = "round"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list:
        return [(str(r.pk), str(r)) for r in ReviewRound.objects.all()]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() and self.value().isdigit():
            return queryset.in_round(int(self.value()))
        return queryset


class LetterInline(ReadOnlyInline):
    model = Letter
    fk_name = "jurisdiction"
    fields = ["sent_on", "kind", "direction", "round", "due_on", "threatens_subpoena"]
    ordering = ["sent_on"]


class AwardInline(ReadOnlyInline):
    model = Award
    fk_name = "recipient"
    fields = ["program", "fiscal_year", "award_number", "parent"]


class ListingInline(ReadOnlyInline):
    model = Listing
    fields = ["designation", "name_as_printed", "category_as_printed", "removed_on"]
    verbose_name_plural = "names on published lists"


class JurisdictionForm(TrackedForm):
    class Meta:
        model = Jurisdiction
        fields = [
            "name", "slug", "listed_name", "kind", "state", "fips_code", "population",
            "population_year",
        ]  # fmt: skip
        error_messages = {"state": {"invalid_choice": INVALID_STATE}}


@admin.register(Jurisdiction)
class JurisdictionAdmin(TrackedAdmin):
    form = JurisdictionForm
    list_display = ["name", "kind", "state", "status_display", "listed_name"]
    list_filter = [StatusListFilter, RoundListFilter, "kind", "state"]
    search_fields = ["name", "listed_name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [LetterInline, AwardInline, ListingInline, CitationInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        # Staff see the status their drafts would give; the public sees published only.
        queryset = jurisdictions(super().get_queryset(request))
        return queryset.with_status(include_drafts=True)

    @admin.display(description="status (with drafts)", ordering="status")
    def status_display(self, obj: Jurisdiction) -> str:
        return status_label(obj.status)
