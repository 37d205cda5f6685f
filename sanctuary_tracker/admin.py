"""Sources in the admin, and the base every domain admin shares."""

from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline

from .models import Citation, Source

admin.site.site_header = "Sanctuary Review Tracker: staff"
admin.site.site_title = "Sanctuary Review Tracker"
admin.site.index_title = "Records"


class CitationInline(GenericTabularInline):
    """The sources of a record, editable on the record's own page."""

    model = Citation
    extra = 1
    autocomplete_fields = ["source"]
    fields = ["source", "quote", "pinpoint"]
    verbose_name = "source"
    verbose_name_plural = "Sources (every fact needs at least one)"


class TrackedAdmin(admin.ModelAdmin):
    """Timestamps read-only, sources inline."""

    inlines = [CitationInline]
    readonly_fields = ["created_at", "updated_at", "data_key", "loaded_at"]
    list_per_page = 50


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["publisher", "title", "published_on", "url", "note"]
    list_filter = ["publisher"]
    search_fields = ["publisher", "title", "url"]
    readonly_fields = ["created_at", "updated_at", "data_key"]
    date_hierarchy = "published_on"


@admin.register(Citation)
class CitationAdmin(admin.ModelAdmin):
    list_display = ["source", "content_type", "object_id", "quote"]
    list_filter = ["content_type"]
    search_fields = ["quote", "source__title", "source__publisher"]
    list_select_related = ["source", "content_type"]
    autocomplete_fields = ["source"]
    readonly_fields = ["created_at"]
