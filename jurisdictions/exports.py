from sanctuary_tracker.exports import SOURCE_URLS, Column, Export, field_column

from .models import Jurisdiction, ReviewRound, Status
from .status import PRECISION_BY_LETTER

JURISDICTIONS = Export(
    name="jurisdictions",
    title="Jurisdictions",
    columns=[
        Column("id", lambda j: j.pk, "Tracker id of the jurisdiction.", "integer"),
        field_column(Jurisdiction, "slug"),
        field_column(Jurisdiction, "name"),
        field_column(Jurisdiction, "listed_name"),
        field_column(Jurisdiction, "kind"),
        Column("kind_label", lambda j: j.get_kind_display(), "Kind of government, in words."),
        field_column(Jurisdiction, "state"),
        field_column(Jurisdiction, "fips_code"),
        field_column(Jurisdiction, "population"),
        Column("status", lambda j: j.status, "Derived review status (code); see "
               "status_label.", "string"),
        Column("status_label", lambda j: Status(j.status).label,
               "Derived review status: that of the jurisdiction's latest dated event."),
        Column("status_since", lambda j: j.status_since,
               "Date of the event that set the status.", "date"),
        Column("status_since_precision",
               lambda j: PRECISION_BY_LETTER[j.status_key[14]] if j.status_key else None,
               "How much of that date the source gives: day, month, approximate or by "
               "(on or before)."),
        Column("subpoena_threatened", lambda j: j.is_threatened,
               "DOJ sent it at least one letter threatening a subpoena.", "boolean"),
        Column("subpoenaed", lambda j: j.is_subpoenaed,
               "DOJ actually issued it a subpoena (none of the 23 per the sources).",
               "boolean"),
        Column("in_litigation", lambda j: j.is_litigating,
               "It is a plaintiff in at least one recorded case.", "boolean"),
        Column("url", lambda j: j.get_absolute_url(), "Path of its status page."),
        SOURCE_URLS,
    ],
)  # fmt: skip


def jurisdiction_rows(queryset):
    """The list's queryset (which has the status) with what the columns read."""
    return queryset.with_flags().prefetch_related("citations__source")


ROUNDS = Export(
    name="review_rounds",
    title="DOJ review rounds",
    columns=[
        Column("id", lambda r: r.pk, "Tracker id of the round.", "integer"),
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
        SOURCE_URLS,
    ],
)
