import django_filters
from django.db.models import QuerySet

from jurisdictions.filters import jurisdiction_filter
from sanctuary_tracker.listing import SortFilter
from sanctuary_tracker.text_search import TextSearchFilter

from .models import Case, Court, Ruling


class CaseFilterSet(django_filters.FilterSet):
    q = TextSearchFilter()
    court = django_filters.ModelChoiceFilter(
        queryset=Court.objects.published(), to_field_name="abbreviation", label="Court"
    )
    status = django_filters.ChoiceFilter(
        choices=Case.Status.choices, method="filter_status", label="Latest ruling"
    )
    jurisdiction = jurisdiction_filter(method="filter_jurisdiction")
    brought_by = django_filters.ChoiceFilter(
        choices=[
            ("jurisdiction", "A jurisdiction (suing DOJ or the administration)"),
            ("united_states", "The United States (suing a jurisdiction)"),
        ],
        method="filter_brought_by",
        label="Brought by",
    )
    ruling_kind = django_filters.ChoiceFilter(
        choices=Ruling.Kind.choices,
        method="filter_ruling_kind",
        label="Has a ruling of kind",
    )
    filed_after = django_filters.DateFilter(
        field_name="filed_on", lookup_expr="gte", label="Filed on or after"
    )
    filed_before = django_filters.DateFilter(
        field_name="filed_on", lookup_expr="lte", label="Filed on or before"
    )
    sort = SortFilter(
        fields=[
            ("caption", "caption"),
            ("court__abbreviation", "court"),
            ("filed_on", "filed"),
            ("latest_ruling_on", "ruling"),
        ],
        field_labels={
            "caption": "Caption",
            "court": "Court",
            "filed": "Filed",
            "ruling": "Latest ruling",
        },
    )

    class Meta:
        model = Case
        fields: list[str] = []

    def filter_jurisdiction(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset.involving(value)

    def filter_brought_by(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        federal = queryset.by_united_states().values("pk")
        if value == "united_states":
            return queryset.filter(pk__in=federal)
        return queryset.exclude(pk__in=federal)

    def filter_status(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.with_status_in(value)

    def filter_ruling_kind(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.with_ruling_of_kind(value)
