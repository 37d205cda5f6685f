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

from .models import Award, AwardFigure, ReportedFigure


def _partners(award_ids: list[int]):
    return (
        Jurisdiction.objects.published()
        .filter(among("shared_awards__id", award_ids))
        .order_by("name", "pk")
        .values_list("shared_awards", "slug")
    )


AWARD_FIGURES = Export(
    name="awards",
    title="Byrne JAG award figures",
    columns=[
        Column("id", "Tracker id of the figure.", "integer"),
        Column("award_id", "Tracker id of the award.", "integer"),
        field_column(AwardFigure, "award.fiscal_year", "fiscal_year"),
        field_column(AwardFigure, "award.program.short_name", "program",
                     "Grant program."),
        field_column(AwardFigure, "award.recipient.slug", "recipient_slug",
                     "Slug of the government the award is listed under."),
        field_column(AwardFigure, "award.recipient.name", "recipient_name",
                     "Name of that government."),
        field_column(AwardFigure, "award.recipient.state", "recipient_state",
                     "USPS code of its state."),
        field_column(AwardFigure, "award.recipient_is_fiscal_agent",
                     "recipient_is_fiscal_agent"),
        gathered_column("partners",
                        "Slugs of the other governments sharing a joint award, "
                        "separated by spaces.", _partners, key="award_id"),
        Column("parent_award_id", "For a subaward: id of the grant it sits under.",
               "integer", key="award__parent"),
        field_column(AwardFigure, "award.award_number", "award_number",
                     Award._meta.get_field("award_number").help_text),
        field_column(AwardFigure, "kind"),
        field_column(AwardFigure, "amount"),
        field_column(AwardFigure, "qualifier"),
        field_column(AwardFigure, "as_reported"),
        field_column(AwardFigure, "share_of.slug", "share_of_slug",
                     "When the figure is one partner's own share: that partner's slug."),
        field_column(AwardFigure, "dated_on"),
        field_column(AwardFigure, "date_precision"),
        field_column(AwardFigure, "note"),
        path_column("jurisdictions:detail", "award__recipient__slug",
                    "Path of the awards table on the recipient's status page.",
                    anchor="#awards"),
        source_urls_column(AwardFigure),
    ],
)  # fmt: skip


REPORTED_FIGURES = Export(
    name="reported_figures",
    title="Figures reported for groups or with an open year",
    columns=[
        Column("id", "Tracker id of the figure.", "integer"),
        field_column(ReportedFigure, "scope"),
        field_column(ReportedFigure, "round.slug", "round_slug",
                     "Slug of the round whose jurisdictions it covers, if any."),
        field_column(ReportedFigure, "jurisdiction.slug", "jurisdiction_slug",
                     "Slug of the jurisdiction it covers, if one."),
        field_column(ReportedFigure, "fiscal_year"),
        field_column(ReportedFigure, "kind"),
        field_column(ReportedFigure, "amount"),
        field_column(ReportedFigure, "qualifier"),
        field_column(ReportedFigure, "as_reported"),
        field_column(ReportedFigure, "dated_on"),
        field_column(ReportedFigure, "date_precision"),
        field_column(ReportedFigure, "note"),
        source_urls_column(ReportedFigure),
    ],
)  # fmt: skip
