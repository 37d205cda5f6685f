"""Keeps the stored statuses in step with the events, in the same transaction as each
write: a save, delete or change of parties or partners of a record the status rule
reads refreshes the statuses of the jurisdictions it concerns, before and after the
write. Bulk writers (the data loader) wrap their work in `deferred()` and refresh once.
Writes that bypass signals (`QuerySet.update`, `bulk_create`) must call
`status.store()` or `status.rebuild()` themselves.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import models
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_save,
    pre_delete,
    pre_save,
)

from campaigns.models import Campaign
from correspondence.models import GroupFinding, Letter, ReviewRound
from designations.models import Designation, Listing
from grants.models import Award, AwardFigure
from jurisdictions.models import Jurisdiction
from litigation.models import Case, Party, Ruling

from . import status

_pending = threading.local()


def holders(record: models.Model) -> set[int]:
    """The jurisdictions whose status `record` can move."""
    if isinstance(record, Jurisdiction):
        # Its own, and those its publication reaches: the partners and shares of the
        # awards it receives (their figures are published with their recipient).
        awards = Award.objects.filter(recipient=record.pk)
        partners = Award.partners.through.objects.filter(award__in=awards)
        shares = AwardFigure.objects.filter(award__in=awards, share_of__isnull=False)
        return {
            record.pk,
            *partners.values_list("jurisdiction_id", flat=True),
            *shares.values_list("share_of_id", flat=True),
        }
    if isinstance(record, Letter):
        return {record.jurisdiction_id}
    if isinstance(record, GroupFinding | ReviewRound):
        round_id = record.pk if isinstance(record, ReviewRound) else record.round_id
        written = Letter.objects.filter(round_id=round_id)
        return set(written.values_list("jurisdiction_id", flat=True))
    if isinstance(record, Listing):
        return {record.jurisdiction_id}
    if isinstance(record, Designation):
        listed = Listing.objects.filter(designation=record.pk)
        return set(listed.values_list("jurisdiction_id", flat=True))
    if isinstance(record, Case):
        return set(_parties(record.pk))
    if isinstance(record, Ruling):
        return set(_parties(record.case_id))
    if isinstance(record, Party):
        # A federal plaintiff makes every defendant of the case "sued by DOJ".
        return {record.jurisdiction_id, *_parties(record.case_id)} - {None}
    if isinstance(record, Award):
        shares = AwardFigure.objects.filter(award=record.pk, share_of__isnull=False)
        return {
            record.recipient_id,
            *_partners(record.pk),
            *shares.values_list("share_of_id", flat=True),
        }
    if isinstance(record, AwardFigure):
        award = Award.objects.filter(pk=record.award_id).first()
        found = {record.share_of_id, *(holders(award) if award else ())}
        return found - {None}
    return set()


def campaigns_of(record: models.Model) -> set[int] | None:
    """The campaigns whose statuses `record` can move (None: every campaign)."""
    if isinstance(record, Letter | Case | ReviewRound | Designation):
        return {record.campaign_id}
    if isinstance(record, Listing):
        lists = Designation.objects.filter(pk=record.designation_id)
        return set(lists.values_list("campaign", flat=True))
    if isinstance(record, GroupFinding):
        rounds = ReviewRound.objects.filter(pk=record.round_id)
        return set(rounds.values_list("campaign", flat=True))
    if isinstance(record, Ruling | Party):
        return set(
            Case.objects.filter(pk=record.case_id).values_list("campaign", flat=True)
        )
    return None  # a jurisdiction, or money (a campaign's by its date)


def _parties(case_id: int | None) -> list[int]:
    parties = Party.objects.filter(case_id=case_id, jurisdiction__isnull=False)
    return list(parties.values_list("jurisdiction_id", flat=True))


def _partners(award_id: int | None) -> list[int]:
    through = Award.partners.through.objects.filter(award_id=award_id)
    return list(through.values_list("jurisdiction_id", flat=True))


def refresh(jurisdiction_ids: set[int], campaign_ids: set[int] | None = None) -> None:
    """Store the statuses of these jurisdictions in these campaigns (None: all) again,
    or, inside `deferred()`, in every campaign when it ends."""
    jurisdiction_ids = jurisdiction_ids - {None}
    if not jurisdiction_ids:
        return
    pending = getattr(_pending, "ids", None)
    if pending is not None:
        pending |= jurisdiction_ids
        return
    existing = list(
        Jurisdiction.objects.filter(pk__in=jurisdiction_ids).values_list(
            "pk", flat=True
        )
    )
    campaigns = Campaign.objects.all()
    if campaign_ids is not None:
        campaigns = campaigns.filter(pk__in=campaign_ids - {None})
    for campaign in campaigns:
        status.store(campaign, existing)


@contextmanager
def deferred() -> Iterator[None]:
    """Refresh once at the end, for all that the writes inside concerned."""
    if getattr(_pending, "ids", None) is not None:  # already deferred further out
        yield
        return
    _pending.ids = set()
    try:
        yield
        ids = _pending.ids
    finally:
        _pending.ids = None
    refresh(ids)


# Signal receivers
def _before(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    """Who the record concerned before this write (a letter moved to another
    jurisdiction leaves the first one's status to refresh too). A fixture's raw rows
    (`loaddata`, a restore) are left alone: `rebuild_statuses` follows them."""
    if kwargs.get("raw"):
        return
    old = None
    if instance.pk is not None:
        old = sender._default_manager.filter(pk=instance.pk).first()
    instance._status_before = (
        (holders(old), campaigns_of(old)) if old is not None else (set(), set())
    )


def _after(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    before, campaigns = getattr(instance, "_status_before", (set(), None))
    now = holders(instance) if kwargs.get("signal") is post_save else set()
    also = campaigns_of(instance)
    refresh(
        before | now, None if campaigns is None or also is None else campaigns | also
    )


def _members_changed(
    sender: type[models.Model],
    instance: models.Model,
    action: str,
    pk_set: set[int] | None,
    **kwargs: Any,
) -> None:
    if action == "pre_clear":
        instance._status_holders = holders(instance)
    elif action in {"post_add", "post_remove"}:
        refresh(holders(instance) | set(pk_set or ()), campaigns_of(instance))
    elif action == "post_clear":
        refresh(getattr(instance, "_status_holders", set()), campaigns_of(instance))


def _campaign_saved(instance: Campaign, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    if getattr(_pending, "ids", None) is not None:
        _pending.ids |= set(Jurisdiction.objects.values_list("pk", flat=True))
        return
    status.store(instance)


def connect() -> None:
    for model in (
        Jurisdiction, ReviewRound, Letter, GroupFinding, Designation, Listing, Case,
        Party, Ruling, Award, AwardFigure,
    ):  # fmt: skip
        uid = f"status-{model._meta.label}"
        pre_save.connect(_before, sender=model, dispatch_uid=f"{uid}-pre-save")
        pre_delete.connect(_before, sender=model, dispatch_uid=f"{uid}-pre-delete")
        post_save.connect(_after, sender=model, dispatch_uid=f"{uid}-post-save")
        post_delete.connect(_after, sender=model, dispatch_uid=f"{uid}-post-delete")
    for through in (
        Award.partners.through,
        GroupFinding.exceptions.through,
    ):
        m2m_changed.connect(
            _members_changed, sender=through, dispatch_uid=f"status-{through}"
        )
    post_save.connect(_campaign_saved, sender=Campaign, dispatch_uid="status-campaign")
