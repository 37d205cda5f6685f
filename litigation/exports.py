from sanctuary_tracker.exports import SOURCE_URLS, Column, Export, field_column

from .models import Case, Ruling

CASES = Export(
    name="cases",
    title="Court cases, each with its latest ruling",
    columns=[
        Column("id", lambda c: c.pk, "Tracker id of the case.", "integer"),
        field_column(Case, "slug"),
        field_column(Case, "caption"),
        field_column(Case, "court.abbreviation", "court", "Court, as in a citation."),
        field_column(Case, "court.name", "court_name", "Court, in full."),
        field_column(Case, "docket_number"),
        field_column(Case, "judge"),
        field_column(Case, "filed_on"),
        Column("plaintiffs", lambda c: " ".join(j.slug for j in c.plaintiffs.all()),
               "Slugs of the tracked jurisdictions that brought it, separated by spaces."),
        field_column(Case, "other_parties"),
        field_column(Case, "subject"),
        Column("appeal_of_ruling_id", lambda c: c.appeal_of_id,
               "For an appeal: id of the ruling it reviews.", "integer"),
        Column("latest_ruling_on", lambda c: c.latest_ruling_on,
               "Date of its latest ruling.", "date"),
        Column("latest_ruling_kind", lambda c: c.latest_ruling_kind,
               "Kind of its latest ruling."),
        Column("status", lambda c: c.status,
               "Outcome of its latest ruling for the jurisdiction, or no_ruling."),
        Column("url", lambda c: c.get_absolute_url(), "Path of its page."),
        SOURCE_URLS,
    ],
)  # fmt: skip


def case_rows(queryset):
    """The list's queryset (which has the latest ruling) with what the columns read."""
    return queryset.prefetch_related("citations__source")  # plaintiffs: the list's


RULINGS = Export(
    name="rulings",
    title="Rulings",
    columns=[
        Column("id", lambda r: r.pk, "Tracker id of the ruling.", "integer"),
        Column("case_id", lambda r: r.case_id, "Tracker id of its case.", "integer"),
        field_column(Ruling, "case.slug", "case_slug", "Slug of its case."),
        field_column(Ruling, "decided_on"),
        field_column(Ruling, "kind"),
        field_column(Ruling, "outcome"),
        field_column(Ruling, "scope"),
        field_column(Ruling, "summary"),
        field_column(Ruling, "opinion_url"),
        field_column(Ruling, "page_count"),
        field_column(Ruling, "reporter_citation"),
        field_column(Ruling, "document_number"),
        Column("protects_award_ids",
               lambda r: " ".join(str(a.pk) for a in r.protects_awards.all()),
               "Ids of the awards it protects, separated by spaces."),
        field_column(Ruling, "protected_conditions"),
        SOURCE_URLS,
    ],
)  # fmt: skip
