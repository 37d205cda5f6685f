"""Atom feeds of new and changed campaigns, letters, suits, rulings, published lists
and directives: site-wide, and per jurisdiction (what concerns it)."""

from __future__ import annotations

from datetime import datetime
from itertools import islice
from typing import Any

from django.contrib.syndication.views import Feed
from django.db import models
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from campaigns.models import Campaign
from correspondence.models import Letter
from designations.models import Designation
from directives.models import Directive
from jurisdictions.models import Jurisdiction
from litigation.models import Case, Ruling

ITEMS = 50


def _merge(*querysets: models.QuerySet) -> list[models.Model]:
    """The newest changes of every kind, newest first."""
    items = [item for rows in querysets for item in islice(rows, ITEMS)]
    items.sort(key=lambda item: item.updated_at, reverse=True)
    return items[:ITEMS]


class ChangesFeed(Feed):
    feed_type = Atom1Feed
    title = "Sanctuary Review Tracker: new and changed letters, suits, rulings, lists and directives"
    subtitle = "DOJ's campaigns against sanctuary jurisdictions: letters, replies, suits, court rulings, published lists and directives as they are recorded or corrected."

    def link(self) -> str:
        return reverse("home")

    def items(self) -> list[models.Model]:
        return _merge(
            Campaign.objects.published().recently_changed(),
            Letter.objects.published().recently_changed(),
            Case.objects.published().recently_changed(),
            Ruling.objects.published().recently_changed(),
            Designation.objects.published().recently_changed(),
            Directive.objects.published().recently_changed(),
        )

    def item_title(self, item: models.Model) -> str:
        # New until changed after it was published (verified, or loaded from sources).
        new = (item.updated_at - item.verified_at).total_seconds() < 1
        return f"{'New' if new else 'Changed'}: {item}"

    def item_description(self, item: models.Model) -> str:
        if isinstance(item, Letter):
            return item.summary or item.demanded or item.get_kind_display()
        if isinstance(item, Designation):
            return item.summary or f"Published by {item.publisher}"
        if isinstance(item, Directive | Campaign):
            return item.summary
        if isinstance(item, Case):
            return item.subject
        return (
            item.summary or f"{item.get_kind_display()}, {item.get_outcome_display()}"
        )

    def item_link(self, item: models.Model) -> str:
        return item.get_absolute_url()

    def item_guid(self, item: models.Model) -> str:
        # A correction is a new entry (a new id), so readers see that something changed.
        stamp = f"{item.updated_at:%Y%m%dT%H%M%S%f}"
        return f"tag:sanctuary-review-tracker,2018:{item._meta.model_name}-{item.pk}-{stamp}"

    item_guid_is_permalink = False

    def item_updateddate(self, item: models.Model) -> datetime:
        return item.updated_at

    def item_pubdate(self, item: models.Model) -> datetime:
        return item.verified_at


class JurisdictionChangesFeed(ChangesFeed):
    def get_object(self, request: Any, slug: str) -> Jurisdiction:
        return get_object_or_404(Jurisdiction.objects.published(), slug=slug)

    def title(self, jurisdiction: Jurisdiction) -> str:
        return f"Sanctuary Review Tracker: {jurisdiction.name}"

    def link(self, jurisdiction: Jurisdiction) -> str:
        return jurisdiction.get_absolute_url()

    def items(self, jurisdiction: Jurisdiction) -> list[models.Model]:
        return _merge(
            Letter.objects.published()
            .recently_changed()
            .filter(jurisdiction=jurisdiction),
            Case.objects.published().recently_changed().involving(jurisdiction),
            Ruling.objects.published()
            .recently_changed()
            .for_jurisdiction(jurisdiction),
            Designation.objects.published().recently_changed().naming(jurisdiction),
        )
