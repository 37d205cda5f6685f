"""The jurisdictions list's export: each row with its derived status and flags; and
the comparison's, one row per jurisdiction and fact."""

import csv
import json

from campaigns.models import Campaign
from jurisdictions.models import Jurisdiction
from sanctuary_tracker.exports import (
    Column,
    Export,
    csv_cell,
    field_column,
    json_value,
    label_column,
    path_column,
    source_urls_column,
)

from .models import JurisdictionStatus
from .status import event_description, status_label

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
        Column("campaign", "The DOJ campaign the status is of (its slug): the list's "
               "campaign filter, by default the first, DOJ's 1373 review.",
               key="status_campaign"),
        Column("status", "Derived status in that campaign (code); see status_label."),
        Column("status_label",
               "Derived status in that campaign: that of the jurisdiction's latest dated "
               "event there.",
               compute=lambda row: status_label(row["status"]), reads=("status",)),
        Column("status_since", "Date of the event that set the status.", "date",
               key="status_since_on"),
        Column("status_since_precision",
               "How much of that date the source gives: day, month, approximate or by "
               "(on or before).",
               compute=lambda row: row["status_precision"] if row["status_since_on"]
               else None,
               reads=("status_precision", "status_since_on")),
        Column("subpoena_threatened",
               "DOJ sent it at least one letter threatening a subpoena.", "boolean",
               key="is_threatened"),
        Column("subpoenaed",
               "DOJ actually issued it a subpoena (none of the 23 per the sources).",
               "boolean", key="is_subpoenaed"),
        Column("in_litigation", "It is a plaintiff in at least one recorded case.",
               "boolean", key="is_litigating"),
        Column("sued_by_doj",
               "It is a defendant in at least one case the United States brought.",
               "boolean", key="is_sued_by_doj"),
        Column("listed",
               "It is named on a published list of that campaign and still on it (not "
               "removed, the list not withdrawn).",
               "boolean", key="is_listed"),
        path_column("jurisdictions:detail", "slug", "Path of its status page."),
        source_urls_column(Jurisdiction),
    ],
)  # fmt: skip


def jurisdiction_rows(queryset):
    """The list's queryset (which has the status) with what the columns read."""
    return queryset.with_flags()


CAMPAIGNS = Export(
    name="campaigns",
    title="DOJ's campaigns",
    columns=[
        Column("id", "Tracker id of the campaign.", "integer"),
        field_column(Campaign, "slug"),
        field_column(Campaign, "name"),
        field_column(Campaign, "started_on"),
        field_column(Campaign, "start_precision"),
        field_column(Campaign, "ended_on"),
        field_column(Campaign, "end_precision"),
        field_column(Campaign, "end_description"),
        field_column(Campaign, "led_by"),
        field_column(Campaign, "legal_basis"),
        field_column(Campaign, "money_at_stake"),
        path_column("campaigns:detail", "slug", "Path of its page."),
        source_urls_column(Campaign),
    ],
)

STATUSES = Export(
    name="jurisdiction_statuses",
    title="Each jurisdiction's status in each campaign",
    columns=[
        Column("id", "Tracker id of the row (derived again after each change).",
               "integer"),
        field_column(JurisdictionStatus, "jurisdiction.slug", "jurisdiction",
                     "The jurisdiction (its slug)."),
        field_column(JurisdictionStatus, "campaign.slug", "campaign",
                     "The campaign (its slug)."),
        Column("status", "Derived status in that campaign (code); see status_label."),
        Column("status_label", "Derived status, in words: that of the jurisdiction's "
               "latest dated event in the campaign, or the campaign's end.",
               compute=lambda row: status_label(row["status"]), reads=("status",)),
        field_column(JurisdictionStatus, "since_on"),
        Column("since_precision", "How much of that date the source gives.",
               key="since_precision"),
        Column("set_by", "The kind of event that set it.",
               compute=lambda row: event_description(row["rank"]), reads=("rank",)),
    ],
)  # fmt: skip


COMPARISON = Export(
    name="comparison",
    title="Jurisdictions compared (/compare/)",
    primary_key="",
    columns=[
        Column("jurisdiction", "The jurisdiction (its slug), in the order asked for."),
        Column("jurisdiction_name", "Its name."),
        Column("section", "The group of facts: status, money, letters, cases or lists."),
        Column("fact", "Which fact (a campaign's, round's, case's or list's slug; "
               "FY<year>-<kind> for money), the comparison table's row."),
        Column("fact_label", "The fact in words, as the row's heading."),
        Column("value", "The cell as the page shows it; “not recorded” when no record "
               "gives it."),
        Column("detail", "What the page shows under it (since when, joined when, a "
               "joint award counted whole)."),
        Column("date", "The date of the event or record behind the value.", "date"),
        Column("amount_exact", "Money: the sum of exact figures (each award once).",
               "number"),
        Column("amount_approximate",
               "Money: the sum of approximate figures (about, more than, at least, "
               "almost), never added to the exact sum.", "number"),
        Column("records", "The records behind the value, as the page lists them, "
               "separated by “ | ”."),
        Column("page", "Path of the page of the record behind the value."),
        Column("source_urls", "Addresses of the sources, separated by spaces."),
    ],
)  # fmt: skip


def comparison_rows(comparison) -> list[dict]:
    """The comparison's cells, one row per jurisdiction and fact, keyed by column."""
    return [
        {
            "jurisdiction": fact["jurisdiction"].slug,
            "jurisdiction_name": fact["jurisdiction"].name,
            "section": fact["section"].key,
            "fact": fact["row"].key,
            "fact_label": fact["row"].label,
            "value": fact["cell"].text,
            "detail": fact["cell"].detail,
            "date": fact["cell"].on,
            "amount_exact": fact["cell"].exact,
            "amount_approximate": fact["cell"].approximate,
            "records": " | ".join(text for text, _ in fact["cell"].links),
            "page": fact["cell"].url,
            "source_urls": fact["cell"].source_urls,
        }
        for fact in comparison.facts()
    ]


def comparison_csv(comparison, out) -> None:
    """Write the comparison as CSV to the text stream `out` (cells as every export's:
    `csv_cell`)."""
    writer = csv.writer(out)
    writer.writerow(COMPARISON.header)
    for row in comparison_rows(comparison):
        writer.writerow([csv_cell(row[name]) for name in COMPARISON.header])


def comparison_json(comparison) -> str:
    """The comparison as a JSON array of objects keyed by the column names."""
    rows = [
        {name: json_value(row[name]) for name in COMPARISON.header}
        for row in comparison_rows(comparison)
    ]
    return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
