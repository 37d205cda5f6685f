from django.contrib import admin
from django.forms.models import BaseInlineFormSet

from sanctuary_tracker.admin import ReadOnlyInline, TrackedAdmin

from .models import Case, Court, Party, Ruling, RulingEffect


@admin.register(Court)
class CourtAdmin(TrackedAdmin):
    list_display = ["abbreviation", "name", "level"]
    list_filter = ["level"]
    search_fields = ["name", "abbreviation"]


class RulingInline(ReadOnlyInline):
    model = Ruling
    fields = ["decided_on", "date_precision", "kind", "outcome", "scope", "page_count"]


class PartyFormSet(BaseInlineFormSet):
    """A jurisdiction once on each side of a case: a repeat among the rows entered
    together is an error on the repeated row (the database would refuse it)."""

    def clean(self) -> None:
        super().clean()
        seen = set()
        for form in self.forms:
            if not form.is_valid() or form.cleaned_data.get("DELETE"):
                continue
            jurisdiction = form.cleaned_data.get("jurisdiction")
            key = (jurisdiction, form.cleaned_data.get("side"))
            if jurisdiction is None:
                continue
            if key in seen:
                form.add_error(
                    "jurisdiction",
                    "This jurisdiction is already a party on this side of the case.",
                )
            seen.add(key)


class PartyInline(admin.StackedInline):
    """Each party on its side: a tracked jurisdiction, or a name (the United States
    and its officers marked federal). Stacked: six columns side by side made the
    case's form wider than a 1,280-pixel window."""

    model = Party
    formset = PartyFormSet
    fields = ["side", "jurisdiction", "name", "federal", "joined_on", "position"]
    autocomplete_fields = ["jurisdiction"]
    extra = 1


@admin.register(Case)
class CaseAdmin(TrackedAdmin):
    list_display = ["caption", "court", "docket_number", "judge", "filed_on"]
    list_filter = [
        "campaign",
        "court",
        "court__level",
        "parties__side",
        "rulings__kind",
    ]
    search_fields = [
        "caption", "docket_number", "judge", "parties__name", "parties__jurisdiction__name"
    ]  # fmt: skip
    list_select_related = ["court"]
    autocomplete_fields = ["court", "appeal_of"]
    prepopulated_fields = {"slug": ["caption"]}
    inlines = [PartyInline, RulingInline, *TrackedAdmin.inlines]
    date_hierarchy = "filed_on"


class RulingEffectInline(admin.TabularInline):
    """The directives a ruling enjoins, upholds or vacates, backed by its sources."""

    model = RulingEffect
    extra = 0
    autocomplete_fields = ["directive"]
    fields = ["directive", "effect", "note"]
    verbose_name = "effect on a directive"
    verbose_name_plural = "Effects on directives"


@admin.register(Ruling)
class RulingAdmin(TrackedAdmin):
    list_display = ["decided_on", "case", "kind", "outcome", "scope", "page_count"]
    list_filter = ["kind", "outcome", "scope", "case__court"]
    search_fields = ["case__caption", "summary", "reporter_citation"]
    list_select_related = ["case__court"]
    autocomplete_fields = ["case", "protects_awards"]
    date_hierarchy = "decided_on"
    inlines = [RulingEffectInline, *TrackedAdmin.inlines]
