from grants.models import Award
from jurisdictions.models import Jurisdiction
from sanctuary_tracker.exports import (
    Column,
    Export,
    among,
    field_column,
    gathered_column,
    path_column,
    source_urls_column,
)

from .models import Case, Ruling, RulingEffect


def _plaintiffs(case_ids: list[int]):
    return (
        Jurisdiction.objects.published()
        .filter(among("cases__id", case_ids))
        .order_by("name", "pk")
        .values_list("cases", "slug")
    )


def _protected_awards(ruling_ids: list[int]):
    return (
        Award.objects.published()
        .filter(among("protecting_rulings__id", ruling_ids))
        .order_by("-fiscal_year", "recipient__name", "pk")
        .values_list("protecting_rulings", "pk")
    )


CASES = Export(
    name="cases",
    title="Court cases, each with its latest ruling",
    columns=[
        Column("id", "Tracker id of the case.", "integer"),
        field_column(Case, "slug"),
        field_column(Case, "caption"),
        field_column(Case, "court.abbreviation", "court", "Court, as in a citation."),
        field_column(Case, "court.name", "court_name", "Court, in full."),
        field_column(Case, "docket_number"),
        field_column(Case, "judge"),
        field_column(Case, "filed_on"),
        gathered_column("plaintiffs", "Slugs of the tracked jurisdictions that brought "
                        "it, separated by spaces.", _plaintiffs),
        field_column(Case, "other_parties"),
        field_column(Case, "subject"),
        Column("appeal_of_ruling_id", "For an appeal: id of the ruling it reviews.",
               "integer", key="appeal_of"),
        Column("latest_ruling_on", "Date of its latest ruling.", "date"),
        Column("latest_ruling_kind", "Kind of its latest ruling."),
        Column("status",
               "Outcome of its latest ruling for the jurisdiction, or no_ruling."),
        path_column("litigation:detail", "slug", "Path of its page."),
        source_urls_column(Case),
    ],
)  # fmt: skip


RULINGS = Export(
    name="rulings",
    title="Rulings",
    columns=[
        Column("id", "Tracker id of the ruling.", "integer"),
        Column("case_id", "Tracker id of its case.", "integer", key="case"),
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
        gathered_column("protects_award_ids",
                        "Ids of the awards it protects, separated by spaces.",
                        _protected_awards),
        field_column(Ruling, "protected_conditions"),
        source_urls_column(Ruling),
    ],
)  # fmt: skip


RULING_EFFECTS = Export(
    name="ruling_effects",
    title="What rulings do to directives",
    columns=[
        Column("id", "Tracker id of the row.", "integer"),
        Column("ruling_id", "Tracker id of the ruling.", "integer", key="ruling"),
        field_column(RulingEffect, "ruling.case.slug", "case_slug",
                     "Slug of the ruling's case."),
        field_column(RulingEffect, "ruling.decided_on", "ruling_decided_on",
                     "Date of the ruling."),
        Column("directive_id", "Tracker id of the directive.", "integer",
               key="directive"),
        field_column(RulingEffect, "directive.slug", "directive_slug",
                     "Slug of the directive."),
        field_column(RulingEffect, "effect"),
        field_column(RulingEffect, "note"),
    ],
)  # fmt: skip
