import django_filters
from django.db.models import QuerySet

from campaigns.models import Campaign
from sanctuary_tracker.listing import SortFilter, WholeNumberFilter
from sanctuary_tracker.text_search import TextSearchFilter

from .models import Directive


class DirectiveFilterSet(django_filters.FilterSet):
    q = TextSearchFilter()
    # Its choices are the published campaigns, read once in __init__.
    campaign = django_filters.ChoiceFilter(
        field_name="campaign__slug", label="Campaign"
    )
    kind = django_filters.ChoiceFilter(choices=Directive.Kind.choices, label="Kind")
    issued_year = WholeNumberFilter(
        method="filter_issued_year",
        label="Issued in (year)",
        min_value=1900,
        max_value=2100,
    )
    sort = SortFilter(
        fields=[
            ("issued_on", "issued"),
            ("title", "title"),
            ("kind", "kind"),
            ("issuer", "issuer"),
        ],
        field_labels={
            "issued": "Date issued",
            "title": "Title",
            "kind": "Kind",
            "issuer": "Issued by",
        },
    )

    class Meta:
        model = Directive
        fields: list[str] = []

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.filters["campaign"].extra["choices"] = list(
            Campaign.objects.published()
            .order_by("started_on", "pk")
            .values_list("slug", "name")
        )

    def filter_issued_year(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset.issued_in(int(value))
