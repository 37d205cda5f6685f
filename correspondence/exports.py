from sanctuary_tracker.exports import (
    Column,
    Export,
    field_column,
    label_column,
    path_column,
    source_urls_column,
)

from .models import Letter, ReviewRound, Statement


def _answered(row: dict) -> bool | None:
    if row["direction"] != Letter.Direction.TO_JURISDICTION:
        return None
    return row["is_answered"]


def _reply(row: dict) -> str | None:
    if row["direction"] != Letter.Direction.TO_JURISDICTION:
        return None
    if row["is_answered"]:
        return "answered"
    return "none" if row["no_reply_reported"] else "not_recorded"


LETTERS = Export(
    name="letters",
    title="Letters",
    columns=[
        Column("id", "Tracker id of the letter.", "integer"),
        field_column(Letter, "sent_on"),
        field_column(Letter, "date_precision"),
        field_column(Letter, "jurisdiction.slug", "jurisdiction_slug",
                     "Slug of the jurisdiction it went to or came from."),
        field_column(Letter, "jurisdiction.name", "jurisdiction_name",
                     "Name of the jurisdiction."),
        field_column(Letter, "jurisdiction.state", "state", "USPS code of its state."),
        field_column(Letter, "direction"),
        field_column(Letter, "kind"),
        label_column(Letter, "kind", "kind_label", "Kind of letter, in words."),
        field_column(Letter, "round.slug", "round_slug",
                     "Slug of its review round (the round's date), if any."),
        field_column(Letter, "signer"),
        field_column(Letter, "signer_title"),
        field_column(Letter, "office"),
        field_column(Letter, "addressee"),
        field_column(Letter, "subject"),
        field_column(Letter, "threatens_subpoena"),
        field_column(Letter, "finding"),
        field_column(Letter, "due_on"),
        Column("answered",
               "For a DOJ letter: a response is recorded (empty for responses).",
               "boolean", compute=_answered, reads=("direction", "is_answered")),
        Column("reply",
               "For a DOJ letter: answered (a response is recorded), not_recorded (no "
               "response recorded, and no source says whether one came) or none (a "
               "source says no reply came); empty for responses.",
               "string", compute=_reply,
               reads=("direction", "is_answered", "no_reply_reported")),
        Column("in_reply_to_id", "For a response: id of the DOJ letter it answers.",
               "integer"),
        field_column(Letter, "demanded"),
        field_column(Letter, "summary"),
        field_column(Letter, "document_url"),
        path_column("correspondence:detail", "id", "Path of its page."),
        source_urls_column(Letter),
    ],
)  # fmt: skip


def letter_rows(queryset):
    """The list's queryset with what the columns read (`is_answered`)."""
    return queryset.with_answered()


STATEMENTS = Export(
    name="statements",
    title="Public statements",
    columns=[
        Column("id", "Tracker id of the statement.", "integer"),
        field_column(Statement, "made_on"),
        field_column(Statement, "date_precision"),
        field_column(Statement, "jurisdiction.slug", "jurisdiction_slug",
                     "Slug of the jurisdiction the speaker speaks for, if any."),
        field_column(Statement, "speaker"),
        field_column(Statement, "speaker_title"),
        field_column(Statement, "kind"),
        field_column(Statement, "round.slug", "round_slug",
                     "Slug of the round of letters it reacts to, if any."),
        field_column(Statement, "summary"),
        field_column(Statement, "quote"),
        source_urls_column(Statement),
    ],
)  # fmt: skip


ROUNDS = Export(
    name="review_rounds",
    title="DOJ review rounds",
    columns=[
        Column("id", "Tracker id of the round.", "integer"),
        field_column(ReviewRound, "slug"),
        field_column(ReviewRound, "name"),
        field_column(ReviewRound, "sent_on"),
        field_column(ReviewRound, "sent_through"),
        field_column(ReviewRound, "date_precision"),
        field_column(ReviewRound, "signer"),
        field_column(ReviewRound, "signer_title"),
        field_column(ReviewRound, "office"),
        field_column(ReviewRound, "letter_kind"),
        field_column(ReviewRound, "threatens_subpoena"),
        field_column(ReviewRound, "demand"),
        field_column(ReviewRound, "due_on"),
        field_column(ReviewRound, "due_note"),
        field_column(ReviewRound, "reported_recipient_count"),
        source_urls_column(ReviewRound),
    ],
)
