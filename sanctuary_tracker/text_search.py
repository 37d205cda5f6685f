"""The lists' word box (`q`), answered by the site search's index.

A list of records (letters, award figures, cases, directives, jurisdictions) has a box
for words, and what it finds must be what the site search finds of that kind: the
same words, stemming, "phrases" and `prefix*`, read from the same index. That index
is the `search` app's, which sits above the records (it reads every kind of record,
docs/architecture.md), so a record's list cannot import it. Instead the search app
installs its index here when Django has loaded the apps (`search/apps.py`), as
Django's admin collects each app's `ModelAdmin`s, and a list's filterset names the
box `TextSearchFilter`.

The index does two things for a list:

- `parse(text)`: what was typed, made into terms, or a `ValidationError` (no word to
  look for) that the form shows beside the box;
- `matching(model, terms)`: the primary keys of that model's records whose entries hold
  every term, a subquery the list filters its own rows by (`pk__in`), so the list
  keeps its own order, columns and public rows;
- `held_by_many(model, terms)`: whether the terms are common in that kind, which says
  how the list reads the matches (looked up and sorted, or tested row by row).
"""

from __future__ import annotations

from typing import Any, Protocol

import django_filters
from django import forms
from django.core.exceptions import ImproperlyConfigured
from django.db import models

from .expressions import NotFromIndex


class TextIndex(Protocol):
    def parse(self, text: str) -> Any:
        """The terms of `text`; raises forms.ValidationError when there are none."""

    def matching(self, model: type[models.Model], terms: Any) -> models.QuerySet:
        """The pks of `model`'s records whose index entries hold every term."""

    def held_by_many(self, model: type[models.Model], terms: Any) -> bool:
        """Whether many of `model`'s records hold every term (a word in most of
        them, say), read cheaply: without reading them all."""


_installed: TextIndex | None = None


def install(index: TextIndex) -> None:
    global _installed
    _installed = index


def installed() -> TextIndex:
    if _installed is None:
        raise ImproperlyConfigured(
            "No text index is installed: the `search` app installs it when ready; "
            "add it to INSTALLED_APPS."
        )
    return _installed


class TextSearchField(forms.CharField):
    """The words typed, parsed by the index: nothing to look for is an error."""

    def clean(self, value: str | None) -> Any:
        text = super().clean(value)
        if not text:
            return None
        return installed().parse(text)


class TextSearchFilter(django_filters.CharFilter):
    """A list's rows whose index entries hold every word, phrase and prefix typed."""

    field_class = TextSearchField

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", "Words")
        kwargs.setdefault(
            "help_text",
            "As the site search reads them: every word, a \u201cphrase\u201d, "
            "or word* for the words it begins.",
        )
        kwargs.setdefault("strip", True)
        super().__init__(**kwargs)

    def filter(self, qs: models.QuerySet, value: Any) -> models.QuerySet:
        if value in (None, ""):
            return qs
        index = installed()
        matching = index.matching(qs.model, value)
        if not index.held_by_many(qs.model, value):
            return qs.filter(pk__in=matching)  # the few are looked up, then sorted
        # Many: the list walks its own order and tests each row, stopping at a page.
        # Looked up instead, SQLite read every record holding a common word and
        # sorted them all for a page.
        return qs.alias(pk_tested=NotFromIndex("pk")).filter(pk_tested__in=matching)
