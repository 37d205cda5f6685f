import django_filters
from django.db.models import QuerySet

from jurisdictions.filters import jurisdiction_filter
from jurisdictions.usps import STATE_CHOICES
from sanctuary_tracker.listing import SortFilter, WholeNumberFilter
from sanctuary_tracker.text_search import TextSearchFilter

from .models import AwardFigure, FigureKind, Qualifier


class AwardFigureFilterSet(django_filters.FilterSet):
    q = TextSearchFilter()
    fiscal_year = WholeNumberFilter(
        field_name="award__fiscal_year",
        label="Fiscal year",
        min_value=2005,
        max_value=2100,
    )
    kind = django_filters.ChoiceFilter(
        choices=FigureKind.choices, method="filter_kind", label="Kind of figure"
    )
    qualifier = django_filters.ChoiceFilter(
        choices=Qualifier.choices, label="Precision"
    )
    jurisdiction = jurisdiction_filter(method="filter_jurisdiction")
    state = django_filters.ChoiceFilter(
        choices=STATE_CHOICES, method="filter_state", label="State"
    )
    amount_min = django_filters.NumberFilter(
        field_name="amount", lookup_expr="gte", label="Amount at least ($)", min_value=0
    )
    amount_max = django_filters.NumberFilter(
        field_name="amount", lookup_expr="lte", label="Amount at most ($)", min_value=0
    )
    sort = SortFilter(
        fields=[
            # The award's year as the figure keeps it, read from its own index.
            ("award_fiscal_year", "fiscal_year"),
            ("award__recipient__name", "recipient"),
            ("kind", "kind"),
            ("amount_sort", "amount"),  # the amount's copy, with the sort's indexes
            ("dated_on", "date"),
        ],
        field_labels={
            "fiscal_year": "Fiscal year",
            "recipient": "Recipient",
            "kind": "Kind",
            "amount": "Amount",
            "date": "Date",
        },
        never_empty=("award_fiscal_year",),
        indexed_empty=("amount_sort",),
    )

    class Meta:
        model = AwardFigure
        fields: list[str] = []

    def filter_kind(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.of_kind(value)

    def filter_jurisdiction(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset.for_jurisdiction(value)

    def filter_state(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.in_state(value)
