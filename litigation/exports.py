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

from .models import Case, Party, Ruling, RulingEffect


def _tracked_on(side: Party.Side):
    """Slugs of the published tracked jurisdictions on `side` of each case."""

    def gather(case_ids: list[int]):
        return (
            Jurisdiction.objects.published()
            .filter(among("case_parties__case__id", case_ids), case_parties__side=side)
            .order_by("name", "pk")
            .values_list("case_parties__case", "slug")
        )

    return gather


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
                        "it, separated by spaces.", _tracked_on(Party.Side.PLAINTIFF)),
        gathered_column("defendants", "Slugs of the tracked jurisdictions it was "
                        "brought against, separated by spaces.",
                        _tracked_on(Party.Side.DEFENDANT)),
        Column("by_united_states", "The United States (or a federal agency or "
               "officer) brought it.", "boolean"),
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


PARTIES = Export(
    name="parties",
    title="Parties to the cases, each on its side",
    columns=[
        Column("id", "Tracker id of the party.", "integer"),
        Column("case_id", "Tracker id of its case.", "integer", key="case"),
        field_column(Party, "case.slug", "case_slug", "Slug of its case."),
        field_column(Party, "side"),
        field_column(Party, "jurisdiction.slug", "jurisdiction",
                     "Slug of the tracked jurisdiction, when the party is one."),
        field_column(Party, "name"),
        field_column(Party, "federal"),
        field_column(Party, "joined_on"),
        field_column(Party, "position"),
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
        field_column(Ruling, "date_precision"),
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
