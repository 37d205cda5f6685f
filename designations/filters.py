import django_filters
from django.db.models import QuerySet

from jurisdictions.filters import jurisdiction_filter
from sanctuary_tracker.listing import SortFilter, YesNoFilter

from .models import Designation, Listing


class ListingFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        field_name="name_as_printed", lookup_expr="icontains", label="Name contains"
    )
    designation = django_filters.ModelChoiceFilter(
        queryset=Designation.objects.published(),
        to_field_name="slug",
        label="List",
        error_messages={
            "invalid_choice": "No published list has the slug '%(value)s'."
        },
    )
    category = django_filters.ChoiceFilter(
        field_name="category_as_printed",
        choices=Listing.Category.choices,
        label="Printed as",
    )
    jurisdiction = jurisdiction_filter()
    tracked = YesNoFilter(method="filter_tracked", label="Names a tracked jurisdiction")
    sort = SortFilter(
        fields=[
            ("position", "position"),
            ("name_as_printed", "name"),
            ("category_as_printed", "category"),
            ("designation__published_on", "published"),
        ],
        field_labels={
            "position": "Order as printed",
            "name": "Name as printed",
            "category": "Printed as",
            "published": "List published",
        },
    )

    class Meta:
        model = Listing
        fields: list[str] = []

    def filter_tracked(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        mapped = queryset.tracked().values("pk")
        return (
            queryset.filter(pk__in=mapped) if value else queryset.exclude(pk__in=mapped)
        )
