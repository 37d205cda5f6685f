"""Keeps the search's entries in step with the records, in the same transaction as each
write: a save or delete writes again the entries of the record and of those whose
entry reads it (a letter's reads its jurisdiction's name and publication, a case's its
parties, a list's its names, a quote its source and the record it backs). Bulk writers
(the data loader) wrap their work in `deferred()`, which writes every entry once at the
end. Writes that bypass signals (`QuerySet.update`, `bulk_create`) must call
`index.rebuild()` (or `manage.py rebuild_search`) themselves.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from correspondence.models import Letter, ReviewRound, Statement
from designations.models import Designation, Listing
from grants.models import Award, AwardFigure, Program
from jurisdictions.models import Jurisdiction
from litigation.models import Case, Court, Party, Ruling
from sanctuary_tracker.models import Citation, Source, TrackedModel

from . import index

_pending = threading.local()

Writes = dict[type[models.Model], set[int]]


def concerned(record: models.Model) -> Writes:
    """The entries a write of `record` can change, by model."""
    found: Writes = {}

    def add(model: type[models.Model], ids) -> None:
        found.setdefault(model, set()).update(pk for pk in ids if pk is not None)

    if type(record) in index.KINDS or isinstance(record, Citation | Source):
        add(type(record), [record.pk])
    if isinstance(record, TrackedModel):  # its quotes are public as it is
        citations = Citation.objects.filter(
            content_type__app_label=record._meta.app_label,
            content_type__model=record._meta.model_name,
            object_id=record.pk,
        )
        add(Citation, citations.values_list("pk", flat=True))
        add(Source, citations.values_list("source_id", flat=True))
    if isinstance(record, Citation):
        add(Source, [record.source_id, getattr(record, "_search_source_before", None)])
    if isinstance(record, Source):
        add(Citation, record.citations.values_list("pk", flat=True))
    if isinstance(record, Jurisdiction):
        add(Letter, record.letters.values_list("pk", flat=True))
        add(
            Statement,
            Statement.objects.filter(jurisdiction=record.pk).values_list(
                "pk", flat=True
            ),
        )
        figures = AwardFigure.objects.filter(award__recipient=record.pk)
        add(AwardFigure, figures.values_list("pk", flat=True))
    if isinstance(record, ReviewRound):
        add(
            Statement,
            Statement.objects.filter(round=record.pk).values_list("pk", flat=True),
        )
    if isinstance(record, Case):
        add(Ruling, Ruling.objects.filter(case=record.pk).values_list("pk", flat=True))
    if isinstance(record, Court):
        add(Case, Case.objects.filter(court=record.pk).values_list("pk", flat=True))
    if isinstance(record, Party):
        add(Case, [record.case_id])
    if isinstance(record, Listing):
        add(Designation, [record.designation_id])
    if isinstance(record, Award):
        add(
            AwardFigure,
            AwardFigure.objects.filter(award=record.pk).values_list("pk", flat=True),
        )
    if isinstance(record, Program):
        figures = AwardFigure.objects.filter(award__program=record.pk)
        add(AwardFigure, figures.values_list("pk", flat=True))
    return found


def refresh(writes: Writes) -> None:
    """Write these entries again, or, inside `deferred()`, every entry at its end.
    Citations go before sources: a source is public when a public record cites it."""
    if getattr(_pending, "active", False):
        return
    order = [*index.KINDS, Citation, Source]
    for model in order:
        ids = writes.get(model)
        if ids:
            index.write(model, sorted(ids))


@contextmanager
def deferred() -> Iterator[None]:
    """Write every entry once, at the end, instead of after each write inside."""
    if getattr(_pending, "active", False):  # already deferred further out
        yield
        return
    _pending.active = True
    try:
        yield
    finally:
        _pending.active = False
    index.rebuild()


# Signal receivers
def _before(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if kwargs.get("raw") or instance.pk is None:
        return
    if isinstance(instance, Citation):
        old = Citation.objects.filter(pk=instance.pk).values_list(
            "source_id", flat=True
        )
        instance._search_source_before = next(iter(old), None)


def _after(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    """A fixture's raw rows (`loaddata`, a restore) are left alone: `rebuild_search`
    follows them."""
    if kwargs.get("raw"):
        return
    refresh(concerned(instance))


def _members_changed(
    sender: type[models.Model], instance: models.Model, action: str, **kwargs: Any
) -> None:
    if action in {"post_add", "post_remove", "post_clear"}:
        refresh(concerned(instance))


WATCHED = (
    *index.KINDS, Citation, Source, ReviewRound, Court, Party, Listing, Award, Program,
)  # fmt: skip


def connect() -> None:
    for model in WATCHED:
        uid = f"search-{model._meta.label}"
        pre_save.connect(_before, sender=model, dispatch_uid=f"{uid}-pre-save")
        post_save.connect(_after, sender=model, dispatch_uid=f"{uid}-post-save")
        post_delete.connect(_after, sender=model, dispatch_uid=f"{uid}-post-delete")
    m2m_changed.connect(
        _members_changed, sender=Award.partners.through, dispatch_uid="search-partners"
    )
