from django.contrib import admin

from sanctuary_tracker.admin import (
    CitationInline,
    ReadOnlyInline,
    SafeImportMixin,
    TrackedAdmin,
)

from .models import Award, AwardFigure, Program, ReportedFigure
from .resources import AwardFigureResource


@admin.register(Program)
class ProgramAdmin(TrackedAdmin):
    list_display = ["short_name", "name", "agency"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["short_name"]}


class AwardFigureInline(ReadOnlyInline):
    model = AwardFigure
    fk_name = "award"
    fields = ["kind", "amount", "qualifier", "as_reported", "share_of", "dated_on"]


@admin.register(Award)
class AwardAdmin(TrackedAdmin):
    list_display = [
        "__str__",
        "fiscal_year",
        "program",
        "recipient",
        "award_number",
        "parent",
    ]
    list_filter = ["fiscal_year", "program", "recipient__state", "recipient__kind"]
    search_fields = ["recipient__name", "partners__name", "award_number"]
    list_select_related = [
        "program",
        "recipient",
        "parent__recipient",
        "parent__program",
    ]
    autocomplete_fields = ["program", "recipient", "partners", "parent"]
    inlines = [AwardFigureInline, CitationInline]


@admin.register(AwardFigure)
class AwardFigureAdmin(SafeImportMixin, TrackedAdmin):
    resource_classes = [AwardFigureResource]
    list_display = ["award", "kind", "amount", "qualifier", "as_reported", "dated_on"]
    list_filter = ["kind", "qualifier", "award__fiscal_year"]
    search_fields = ["award__recipient__name", "as_reported", "note"]
    list_select_related = ["award__recipient", "award__program"]
    autocomplete_fields = ["award", "share_of"]


@admin.register(ReportedFigure)
class ReportedFigureAdmin(TrackedAdmin):
    list_display = [
        "scope",
        "fiscal_year",
        "kind",
        "amount",
        "qualifier",
        "as_reported",
    ]
    list_filter = ["kind", "qualifier", "fiscal_year", "round"]
    search_fields = ["scope", "as_reported", "note", "jurisdiction__name"]
    list_select_related = ["round", "jurisdiction"]
    autocomplete_fields = ["round", "jurisdiction", "program"]
