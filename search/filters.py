import django_filters
from django import forms
from django.db.models import QuerySet

from campaigns.models import Campaign
from jurisdictions.filters import jurisdiction_filter
from sanctuary_tracker.listing import WholeNumberFilter

from . import query
from .models import Kind


class SearchField(forms.CharField):
    """The words asked for, parsed (`query.parse`); no word at all is an error."""

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        parsed = query.parse(text)
        if not parsed:
            raise forms.ValidationError(
                "There is no word to search for in “%(value)s”: type a word or a "
                "\u201cquoted phrase\u201d (a * after a word finds the words it begins).",
                code="no_words",
                params={"value": query.unmarked(text)[:80]},
            )
        return parsed


class SearchFilter(django_filters.CharFilter):
    field_class = SearchField


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
