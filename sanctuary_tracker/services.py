"""Writes that carry a rule: verifying a record, and refusing a stale edit."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from .models import TrackedModel

# Bookkeeping, and copies kept for sorting (a letter's round's date, a figure's award's
# year and its own amount): no one edits them, so no one is told of their change.
HIDDEN_FIELDS = {
    "version", "updated_at", "created_at", "loaded_at", "data_key",
    "round_sent_on", "award_fiscal_year", "amount_sort",
}  # fmt: skip


def last_editor(record: TrackedModel) -> AbstractBaseUser | None:
    """Who made the latest recorded change (None for the data loader)."""
    latest = record.history.order_by("-history_date", "-history_id").first()
    return latest.history_user if latest else None


@transaction.atomic
def record_verify(*, record: TrackedModel, user: AbstractBaseUser) -> None:
    """Publish a draft: a second staff member, not its last editor, confirms it."""
    # Lock the row and read it afresh: publish exactly what is stored, not a copy an
    # edit may have overtaken since the list was shown.
    record = type(record)._default_manager.select_for_update().get(pk=record.pk)
    if record.verified_at is not None:
        raise ValidationError(f"“{record}” is already verified.")
    editor = last_editor(record)
    if editor is not None and editor.pk == user.pk:
        raise ValidationError(
            f"You made the last change to “{record}”: another staff member must verify it."
        )
    record.verified_at = timezone.now()
    record.verified_by = user
    record._change_reason = "Verified"
    record.save()


def describe_changes_since(record: TrackedModel, version: int) -> str:
    """What others changed since `version`, in words, from the record's history."""
    history = record.history.order_by("history_date", "history_id")
    then = history.filter(version__lte=version).last()
    now = history.last()
    if then is None or now is None or then.pk == now.pk:
        return ""
    delta = now.diff_against(then)
    changes = [
        f"{_label(record, change.field)}: “{change.old}” → “{change.new}”"
        for change in delta.changes
        if change.field not in HIDDEN_FIELDS
    ]
    who = f" by {now.history_user}" if now.history_user else ""
    when = timezone.localtime(now.history_date).strftime("%Y-%m-%d %H:%M")
    listed = "; ".join(changes) if changes else "no visible field changed"
    return f"Saved{who} at {when}. Their changes: {listed}."


def _label(record: models.Model, name: str) -> str:
    try:
        return str(record._meta.get_field(name).verbose_name)
    except Exception:  # a field removed since: show its name
        return name
