"""The jurisdiction filter every list of records offers."""

import django_filters
from django.forms.models import ModelChoiceIterator

from sanctuary_tracker.listing import ShortSelect

from .models import Jurisdiction


class JurisdictionChoices(ModelChoiceIterator):
    """The options as (slug, label) pairs read as plain values: no model is built per
    option (the slug box reads 301 jurisdictions to know it is needed)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for slug, name, state in self.queryset.values_list("slug", "name", "state"):
            yield (slug, Jurisdiction.label(name, state))


class SlugChoiceField(django_filters.fields.ModelChoiceField):
    """A slug as typed: surrounding spaces and capitals do not matter."""

    iterator = JurisdictionChoices

    def to_python(self, value):
        return super().to_python(
            value.strip().lower() if isinstance(value, str) else value
        )


class SlugChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = SlugChoiceField


def jurisdiction_filter(**kwargs) -> django_filters.ModelChoiceFilter:
    """`?jurisdiction=<slug>` on the lists of letters, awards and cases: a select of the
    published jurisdictions while they are few, a box for the slug when there are many."""
    return SlugChoiceFilter(
        queryset=Jurisdiction.objects.published(),
        to_field_name="slug",
        label="Jurisdiction",
        widget=ShortSelect(hint="its slug, e.g. chicago"),
        error_messages={"invalid_choice": "No jurisdiction has the slug '%(value)s'."},
        **kwargs,
    )
