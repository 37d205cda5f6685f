from sanctuary_tracker.exports import Column, Export, field_column, label_column

from .models import SearchEntry

RESULTS = Export(
    name="search-results",
    title="Search results",
    columns=[
        field_column(SearchEntry, "kind", description="Kind of record."),
        label_column(SearchEntry, "kind", "kind_label", "Kind of record, in words."),
        field_column(SearchEntry, "title"),
        field_column(SearchEntry, "dated_on", "date", "The record's date."),
        field_column(SearchEntry, "jurisdiction.slug", "jurisdiction_slug",
                     "Slug of the jurisdiction the record is about, if one."),
        field_column(SearchEntry, "jurisdiction.name", "jurisdiction_name",
                     "Name of that jurisdiction."),
        field_column(SearchEntry, "campaign.slug", "campaign_slug",
                     "Slug of the campaign the record belongs to, if one."),
        Column("url", "Path of the record's page (or the source's address).", key="url"),
    ],
)  # fmt: skip
