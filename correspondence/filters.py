import django_filters
from django.db.models import QuerySet
from django.utils import timezone

from jurisdictions.filters import jurisdiction_filter
from jurisdictions.usps import STATE_CHOICES
from sanctuary_tracker.listing import SortFilter, YesNoFilter
from sanctuary_tracker.text_search import TextSearchFilter

from .models import Letter, ReviewRound


class LetterFilterSet(django_filters.FilterSet):
    q = TextSearchFilter()
    round = django_filters.ModelChoiceFilter(
        queryset=ReviewRound.objects.published(),
        to_field_name="slug",
        label="Review round",
    )
    kind = django_filters.ChoiceFilter(choices=Letter.Kind.choices, label="Kind")
    direction = django_filters.ChoiceFilter(
        choices=Letter.Direction.choices, label="Direction"
    )
    jurisdiction = jurisdiction_filter()
    state = django_filters.ChoiceFilter(
        choices=STATE_CHOICES, method="filter_state", label="State"
    )
    sent_after = django_filters.DateFilter(
        field_name="sent_on", lookup_expr="gte", label="Sent on or after"
    )
    sent_before = django_filters.DateFilter(
        field_name="sent_on", lookup_expr="lte", label="Sent on or before"
    )
    due_after = django_filters.DateFilter(
        field_name="due_on", lookup_expr="gte", label="Due on or after"
    )
    due_before = django_filters.DateFilter(
        field_name="due_on", lookup_expr="lte", label="Due on or before"
    )
    overdue = YesNoFilter(
        method="filter_overdue",
        label="Past due in a campaign still open, no response recorded",
    )
    answered = YesNoFilter(method="filter_answered", label="Answered")
    reply = django_filters.ChoiceFilter(
        choices=[
            ("answered", "A response is recorded"),
            ("not_recorded", "No reply recorded (not known)"),
            ("none", "No reply (a source says none came)"),
        ],
        method="filter_reply",
        label="Reply to a DOJ letter",
    )
    sort = SortFilter(
        fields=[
            ("sent_on", "sent"),
            ("jurisdiction__name", "jurisdiction"),
            ("kind", "kind"),
            ("direction", "direction"),
            # The round's date as the letter keeps it, read from its own index.
            ("round_sent_on", "round"),
            ("due_on", "due"),
        ],
        field_labels={
            "sent": "Date sent",
            "jurisdiction": "Jurisdiction",
            "kind": "Kind",
            "direction": "Direction",
            "round": "Round",
            "due": "Due",
        },
        never_empty=("kind", "direction"),
        indexed_empty=("round_sent_on", "due_on"),
    )

    class Meta:
        model = Letter
        fields: list[str] = []

    def filter_state(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.in_state(value)

    # The conditions go on the list's own rows (not "pk IN (every such letter)"), so the
    # database can walk the list's order and stop at a page.
    def filter_overdue(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        if value:
            return queryset.overdue(timezone.localdate())
        overdue = Letter.objects.published().overdue(timezone.localdate()).values("pk")
        return queryset.exclude(pk__in=overdue)

    def filter_answered(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        return queryset.answered() if value else queryset.unanswered()

    def filter_reply(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return {
            "answered": queryset.answered,
            "not_recorded": queryset.no_reply_recorded,
            "none": queryset.no_reply,
        }[value]()
