from dataclasses import replace

from sanctuary_tracker.exports import (
    Column,
    Export,
    field_column,
    label_column,
    path_column,
    source_urls_column,
)

from .models import Designation, Listing

DESIGNATIONS = Export(
    name="designations",
    title="Published lists of jurisdictions",
    columns=[
        Column("id", "Tracker id of the list.", "integer"),
        field_column(Designation, "slug"),
        field_column(Designation, "campaign.slug", "campaign",
                     "The campaign it belongs to (its slug)."),
        field_column(Designation, "publisher"),
        field_column(Designation, "title"),
        field_column(Designation, "published_on"),
        field_column(Designation, "date_precision"),
        field_column(Designation, "withdrawn_on"),
        field_column(Designation, "withdrawal_precision"),
        field_column(Designation, "url"),
        field_column(Designation, "criteria"),
        field_column(Designation, "count_note"),
        # "url" is the list's own address here, so its page's path is named apart.
        replace(path_column("designations:detail", "slug", "Path of its page."),
                name="page_path"),
        source_urls_column(Designation),
    ],
)  # fmt: skip

LISTINGS = Export(
    name="listings",
    title="Names on published lists, as printed",
    columns=[
        Column("id", "Tracker id of the listing.", "integer"),
        field_column(Listing, "designation.slug", "designation",
                     "The list it is printed on (its slug)."),
        field_column(Listing, "designation.publisher", "publisher",
                     "Who published the list."),
        field_column(Listing, "designation.published_on", "published_on",
                     "When the list was published."),
        field_column(Listing, "position"),
        field_column(Listing, "category_as_printed"),
        label_column(Listing, "category_as_printed", "category_label",
                     "The heading it is printed under, in words."),
        field_column(Listing, "name_as_printed"),
        Column("jurisdiction",
               "The tracked jurisdiction it names (its slug); empty when none is "
               "tracked (or its record is still a draft).",
               compute=lambda row: row["jurisdiction__slug"]
               if row["jurisdiction__verified_at"] else None,
               reads=("jurisdiction__slug", "jurisdiction__verified_at")),
        field_column(Listing, "removed_on"),
        field_column(Listing, "removal_precision"),
        field_column(Listing, "removal_note"),
        source_urls_column(Listing),
    ],
)  # fmt: skip
