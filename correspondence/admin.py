from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from sanctuary_tracker.admin import TrackedAdmin

from .models import Letter, Statement


class ResponseListFilter(admin.SimpleListFilter):
    """DOJ letters by whether a response is recorded (LetterQuerySet methods)."""

    title = "response"
    parameter_name = "response"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list:
        return [
            ("answered", "Answered"),
            ("awaiting", "Awaiting"),
            ("overdue", "Overdue"),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "answered":
            return queryset.answered()
        if self.value() == "awaiting":
            return queryset.awaiting_response()
        if self.value() == "overdue":
            return queryset.overdue()
        return queryset


@admin.register(Letter)
class LetterAdmin(TrackedAdmin):
    list_display = [
        "sent_on",
        "jurisdiction",
        "kind",
        "direction",
        "round",
        "due_on",
        "threatens_subpoena",
    ]
    list_filter = [
        ResponseListFilter,
        "round",
        "kind",
        "direction",
        "threatens_subpoena",
        "jurisdiction__state",
    ]
    search_fields = ["jurisdiction__name", "signer", "addressee", "subject", "summary"]
    list_select_related = ["jurisdiction", "round"]
    autocomplete_fields = ["jurisdiction", "round", "in_reply_to"]
    date_hierarchy = "sent_on"
    fieldsets = [
        (None, {"fields": ["jurisdiction", "round", "direction", "kind"]}),
        ("Dates", {"fields": ["sent_on", "date_precision", "due_on", "in_reply_to"]}),
        (
            "Content",
            {
                "fields": [
                    "signer",
                    "signer_title",
                    "office",
                    "addressee",
                    "subject",
                    "threatens_subpoena",
                    "finding",
                    "demanded",
                    "summary",
                ]
            },
        ),
        ("Document", {"fields": ["document_url", "document_file"]}),
        ("Record", {"fields": ["created_at", "updated_at", "data_key", "loaded_at"]}),
    ]


@admin.register(Statement)
class StatementAdmin(TrackedAdmin):
    list_display = ["made_on", "speaker", "speaker_title", "jurisdiction", "kind"]
    list_filter = ["kind", "round", "jurisdiction__state"]
    search_fields = [
        "speaker",
        "speaker_title",
        "quote",
        "summary",
        "jurisdiction__name",
    ]
    list_select_related = ["jurisdiction"]
    autocomplete_fields = ["jurisdiction", "round"]
    date_hierarchy = "made_on"
