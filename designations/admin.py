from django.contrib import admin

from sanctuary_tracker.admin import ReadOnlyInline, TrackedAdmin

from .models import Designation, Listing


class ListingInline(ReadOnlyInline):
    model = Listing
    fields = ["position", "category_as_printed", "name_as_printed", "jurisdiction",
              "removed_on"]  # fmt: skip


@admin.register(Designation)
class DesignationAdmin(TrackedAdmin):
    list_display = ["published_on", "title", "publisher", "withdrawn_on", "campaign"]
    list_filter = ["campaign", "publisher"]
    search_fields = ["title", "publisher", "criteria", "summary"]
    list_select_related = ["campaign"]
    autocomplete_fields = ["campaign"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [ListingInline, *TrackedAdmin.inlines]
    date_hierarchy = "published_on"


class MappedFilter(admin.SimpleListFilter):
    title = "tracked jurisdiction"
    parameter_name = "mapped"

    def lookups(self, request, model_admin) -> list:
        return [("yes", "Names a tracked jurisdiction"), ("no", "Not tracked")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.mapped()
        if self.value() == "no":
            return queryset.exclude(pk__in=queryset.mapped().values("pk"))
        return queryset


@admin.register(Listing)
class ListingAdmin(TrackedAdmin):
    list_display = ["designation", "position", "name_as_printed",
                    "category_as_printed", "jurisdiction", "removed_on"]  # fmt: skip
    list_filter = ["designation", "category_as_printed", MappedFilter]
    search_fields = ["name_as_printed", "jurisdiction__name", "designation__title"]
    list_select_related = ["designation", "jurisdiction"]
    autocomplete_fields = ["designation", "jurisdiction"]
    ordering = ["designation", "position"]
