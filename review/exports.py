"""The jurisdictions list's export: each row with its derived status and flags."""

from jurisdictions.models import Jurisdiction
from sanctuary_tracker.exports import (
    Column,
    Export,
    field_column,
    label_column,
    path_column,
    source_urls_column,
)

from .status import PRECISION_BY_LETTER, status_label, status_of, status_since


def _precision(row: dict) -> str | None:
    key = row["status_key"]
    return PRECISION_BY_LETTER[key[14]] if key else None


JURISDICTIONS = Export(
    name="jurisdictions",
    title="Jurisdictions",
    columns=[
        Column("id", "Tracker id of the jurisdiction.", "integer"),
        field_column(Jurisdiction, "slug"),
        field_column(Jurisdiction, "name"),
        field_column(Jurisdiction, "listed_name"),
        field_column(Jurisdiction, "kind"),
        label_column(Jurisdiction, "kind", "kind_label", "Kind of government, in words."),
        field_column(Jurisdiction, "state"),
        field_column(Jurisdiction, "fips_code"),
        field_column(Jurisdiction, "population"),
        Column("status", "Derived review status (code); see status_label.",
               compute=lambda row: status_of(row["status_key"]), reads=("status_key",)),
        Column("status_label",
               "Derived review status: that of the jurisdiction's latest dated event.",
               compute=lambda row: status_label(row["status_key"]),
               reads=("status_key",)),
        Column("status_since", "Date of the event that set the status.", "date",
               compute=lambda row: status_since(row["status_key"]),
               reads=("status_key",)),
        Column("status_since_precision",
               "How much of that date the source gives: day, month, approximate or by "
               "(on or before).", compute=_precision, reads=("status_key",)),
        Column("subpoena_threatened",
               "DOJ sent it at least one letter threatening a subpoena.", "boolean",
               key="is_threatened"),
        Column("subpoenaed",
               "DOJ actually issued it a subpoena (none of the 23 per the sources).",
               "boolean", key="is_subpoenaed"),
        Column("in_litigation", "It is a plaintiff in at least one recorded case.",
               "boolean", key="is_litigating"),
        path_column("jurisdictions:detail", "slug", "Path of its status page."),
        source_urls_column(Jurisdiction),
    ],
)  # fmt: skip


def jurisdiction_rows(queryset):
    """The list's queryset (which has the status) with what the columns read."""
    return queryset.with_flags()
