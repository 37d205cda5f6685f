from datetime import date

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone

from campaigns.models import Campaign
from sanctuary_tracker.admin import (
    SafeImportMixin,
    TrackedAdmin,
    TrackedForm,
)
from sanctuary_tracker.models import RECORD_KEEPING

from .models import GroupFinding, Letter, ReviewRound, Statement
from .resources import LetterResource

ROUND_DEFAULTS = {
    "sent_on": "sent_on",
    "date_precision": "date_precision",
    "signer": "signer",
    "signer_title": "signer_title",
    "office": "office",
    "demanded": "demand",
    "due_on": "due_on",
    "kind": "letter_kind",
    "threatens_subpoena": "threatens_subpoena",
}  # the letter's field: the round's field it starts from


def round_defaults(review_round: ReviewRound) -> dict:
    """What a letter of this round starts with."""
    values = {
        field: getattr(review_round, source) for field, source in ROUND_DEFAULTS.items()
    }
    values["direction"] = Letter.Direction.TO_JURISDICTION
    values["campaign"] = review_round.campaign_id
    return values


class DeadlineListFilter(admin.SimpleListFilter):
    """DOJ letters by deadline (LetterQuerySet methods)."""

    title = "deadline"
    parameter_name = "deadline"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list:
        return [
            ("overdue", "Overdue (no response)"),
            ("week", "Due in the next 7 days"),
            ("awaiting", "Awaiting a response"),
            ("answered", "Answered"),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        today = timezone.localdate()
        chosen = {
            "overdue": lambda: queryset.overdue(today),
            "week": lambda: queryset.due_within(7, today),
            "awaiting": queryset.awaiting_response,
            "answered": queryset.answered,
        }.get(self.value())
        return chosen() if chosen else queryset


class LetterForm(TrackedForm):
    """A chosen round fills in what the staff member left empty."""

    class Meta:
        model = Letter
        fields = "__all__"  # noqa: DJ007 - the admin's fieldsets choose the fields

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("sent_on", "kind"):
            if name in self.fields:
                self.fields[name].required = False
                self.fields[name].help_text += " Left empty, the round's is used."

    def clean(self) -> dict:
        review_round = self.cleaned_data.get("round")
        from_doj = (
            self.cleaned_data.get("direction") != Letter.Direction.FROM_JURISDICTION
        )
        if review_round and not self.instance.pk and from_doj:
            for field, value in round_defaults(review_round).items():
                if field in self.fields and self.cleaned_data.get(field) in (None, ""):
                    self.cleaned_data[field] = value
                    setattr(self.instance, field, value)
        for name, what in (("sent_on", "the date on the letter"), ("kind", "its kind")):
            missing = name in self.fields and not self.cleaned_data.get(name)
            if missing and name not in self.errors:
                self.add_error(name, f"Give {what}, or choose its round.")
        return super().clean()


@admin.register(Letter)
class LetterAdmin(SafeImportMixin, TrackedAdmin):
    form = LetterForm
    resource_classes = [LetterResource]
    list_display = [
        "sent_on", "jurisdiction", "kind", "direction", "round", "due_on",
        "threatens_subpoena",
    ]  # fmt: skip
    list_filter = [
        DeadlineListFilter, "campaign", "round", "kind", "direction",
        "threatens_subpoena",
        "jurisdiction__state",
    ]  # fmt: skip
    search_fields = ["jurisdiction__name", "signer", "addressee", "subject", "summary"]
    list_select_related = ["jurisdiction", "round"]
    autocomplete_fields = ["jurisdiction", "round", "in_reply_to"]
    date_hierarchy = "sent_on"
    fieldsets = [
        (None, {"fields": ["jurisdiction", "round", "campaign", "direction", "kind"]}),
        ("Dates", {"fields": ["sent_on", "date_precision", "due_on", "in_reply_to"]}),
        (
            "Content",
            {
                "fields": [
                    "signer", "signer_title", "office", "addressee", "subject",
                    "threatens_subpoena", "finding", "demanded", "summary",
                ]
            },
        ),
        ("Document", {"fields": ["document_url", "document_file"]}),
        ("This change", {"fields": ["change_reason", "loaded_version"]}),
        ("Record", {"fields": RECORD_KEEPING, "classes": ["collapse"]}),
    ]  # fmt: skip

    class Media:
        js = ["correspondence/letter_round.js"]

    def get_urls(self) -> list:
        extra = [
            path(
                "round-defaults/<int:pk>/",
                self.admin_site.admin_view(self.round_defaults_view),
                name="correspondence_letter_round_defaults",
            )
        ]
        return extra + super().get_urls()

    def round_defaults_view(self, request: HttpRequest, pk: int) -> JsonResponse:
        """What a letter of this round starts with, for the form's script."""
        if not self.has_add_permission(request):
            return JsonResponse({}, status=403)
        values = round_defaults(get_object_or_404(ReviewRound, pk=pk))
        return JsonResponse({k: v.isoformat() if isinstance(v, date) else v
                             for k, v in values.items()})  # fmt: skip

    def get_changeform_initial_data(self, request: HttpRequest) -> dict:
        """`?round=<id>` starts the letter from that round; otherwise the campaign
        shown chosen is the one still open, when only one is."""
        initial = super().get_changeform_initial_data(request)
        open_campaigns = list(Campaign.objects.open().values_list("pk", flat=True)[:2])
        if len(open_campaigns) == 1:
            initial.setdefault("campaign", open_campaigns[0])
        round_id = request.GET.get("round")
        if round_id and str(round_id).isdigit():
            review_round = ReviewRound.objects.filter(pk=round_id).first()
            if review_round:
                initial |= round_defaults(review_round)
        return initial

    def response_add(self, request: HttpRequest, obj: Letter, post_url_continue=None):
        """ "Save and add another" keeps the round, so a batch of letters is quick."""
        if "_addanother" in request.POST and obj.round_id:
            super().response_add(request, obj, post_url_continue)  # the message
            url = reverse("admin:correspondence_letter_add")
            return HttpResponseRedirect(f"{url}?round={obj.round_id}")
        return super().response_add(request, obj, post_url_continue)


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


@admin.register(ReviewRound)
class ReviewRoundAdmin(TrackedAdmin):
    list_display = [
        "sent_on",
        "name",
        "signer",
        "letter_kind",
        "due_on",
        "threatens_subpoena",
    ]
    list_filter = ["campaign", "letter_kind", "threatens_subpoena"]
    search_fields = ["name", "signer", "office", "demand"]
    prepopulated_fields = {"slug": ["name"]}
    date_hierarchy = "sent_on"


@admin.register(GroupFinding)
class GroupFindingAdmin(TrackedAdmin):
    list_display = ["reported_on", "kind", "round"]
    list_filter = ["kind", "round__campaign"]
    search_fields = ["summary", "round__name"]
    list_select_related = ["round"]
    autocomplete_fields = ["round", "exceptions"]
    date_hierarchy = "reported_on"
