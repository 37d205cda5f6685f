import django_filters
from django.db.models import QuerySet

from campaigns.models import Campaign
from jurisdictions.filters import jurisdiction_filter
from sanctuary_tracker.listing import WholeNumberFilter
from sanctuary_tracker.text_search import TextSearchField

from . import query
from .models import Kind


class SearchFilter(django_filters.CharFilter):
    """The words asked for, parsed as a list's word box parses them."""

    field_class = TextSearchField


class SearchFilterSet(django_filters.FilterSet):
    """The site search: its words, and the facets that narrow the results."""

    q = SearchFilter(method="search", label="Search for", strip=True)
    kind = django_filters.ChoiceFilter(choices=Kind.choices, label="Kind of record")
    campaign = django_filters.ModelChoiceFilter(
        queryset=Campaign.objects.published(), to_field_name="slug", label="Campaign"
    )
    jurisdiction = jurisdiction_filter()
    year = WholeNumberFilter(field_name="year", label="Year")

    def search(self, queryset: QuerySet, name: str, value: query.Parsed) -> QuerySet:
        return query.matching(value, queryset)

    @property
    def parsed(self) -> query.Parsed | None:
        # Unbound (the bare page, where a blank query is sent) there is no query.
        if not self.is_bound or (not self.form.is_valid() and "q" in self.form.errors):
            return None
        return self.form.cleaned_data.get("q")

    @property
    def qs(self) -> QuerySet:
        # Without words to look for there are no results (not every record).
        if not self.is_bound or self.parsed is None:
            return self.queryset.none()
        return super().qs
