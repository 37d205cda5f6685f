from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html_join

from sanctuary_tracker.admin import TrackedAdmin
from sanctuary_tracker.models import RECORD_KEEPING

from .models import Directive


@admin.register(Directive)
class DirectiveAdmin(TrackedAdmin):
    list_display = ["issued_on", "title", "kind", "number", "issuer", "campaign"]
    list_filter = ["campaign", "kind"]
    search_fields = ["title", "number", "issuer", "citation", "summary"]
    list_select_related = ["campaign"]
    autocomplete_fields = ["campaign", "revokes", "programs", "awards"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "issued_on"
    fieldsets = [
        (None, {"fields": ["campaign", "kind", "title", "slug", "summary"]}),
        (
            "Issue",
            {
                "fields": [
                    "issuer", "issued_on", "issued_precision", "published_on",
                    "number", "citation", "document_url", "revokes",
                ]
            },
        ),
        ("Money it conditions", {"fields": ["programs", "awards"]}),
        ("Rulings", {"fields": ["rulings_acting_on_it"]}),
        ("This change", {"fields": ["change_reason", "loaded_version"]}),
        ("Record", {"fields": RECORD_KEEPING, "classes": ["collapse"]}),
    ]  # fmt: skip

    def get_readonly_fields(self, request, obj=None) -> list[str]:
        return [*super().get_readonly_fields(request, obj), "rulings_acting_on_it"]

    @admin.display(description="Rulings acting on it")
    def rulings_acting_on_it(self, obj: Directive) -> str:
        # The rulings' side is the one staff edit (on each ruling's page).
        if obj.pk is None:
            return "—"
        effects = obj.ruling_effects.select_related("ruling__case").order_by(
            "ruling__decided_on", "pk"
        )
        rows = [
            (
                reverse("admin:litigation_ruling_change", args=[effect.ruling_id]),
                effect.ruling,
                effect.get_effect_display().lower(),
                f" ({effect.note})" if effect.note else "",
            )
            for effect in effects
        ]
        if not rows:
            return "None recorded. Add one on the ruling's page."
        return format_html_join("", '<p><a href="{}">{}</a>: {}{}</p>', rows)
