from grants.models import Award, Program
from sanctuary_tracker.exports import (
    Column,
    Export,
    among,
    field_column,
    gathered_column,
    label_column,
    path_column,
    source_urls_column,
)

from .models import Directive


def _programs(directive_ids: list[int]):
    return (
        Program.objects.published()
        .filter(among("directives__id", directive_ids))
        .order_by("slug")
        .values_list("directives", "slug")
    )


def _awards(directive_ids: list[int]):
    return (
        Award.objects.published()
        .filter(among("directives__id", directive_ids))
        .order_by("-fiscal_year", "recipient__name", "pk")
        .values_list("directives", "pk")
    )


DIRECTIVES = Export(
    name="directives",
    title="Directives: executive orders, memos and grant conditions",
    columns=[
        Column("id", "Tracker id of the directive.", "integer"),
        field_column(Directive, "slug"),
        field_column(Directive, "campaign.slug", "campaign",
                     "The campaign it belongs to (its slug)."),
        field_column(Directive, "kind"),
        label_column(Directive, "kind", "kind_label", "Kind of instrument, in words."),
        field_column(Directive, "title"),
        field_column(Directive, "issuer"),
        field_column(Directive, "issued_on"),
        field_column(Directive, "issued_precision"),
        field_column(Directive, "published_on"),
        field_column(Directive, "number"),
        field_column(Directive, "citation"),
        field_column(Directive, "document_url"),
        field_column(Directive, "summary"),
        Column("revokes_id", "Tracker id of the earlier directive it revokes.",
               "integer", key="revokes"),
        gathered_column("programs", "Slugs of the grant programs it conditions, "
                        "separated by spaces.", _programs),
        gathered_column("award_ids", "Ids of the awards it conditions, separated by "
                        "spaces.", _awards),
        path_column("directives:detail", "slug", "Path of its page."),
        source_urls_column(Directive),
    ],
)  # fmt: skip
