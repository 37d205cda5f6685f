"""A total over a queryset of jurisdictions, as the pages compute one."""

from django.db.models import QuerySet

from grants.totals import FigureTotal, awards_for_totals, summarize


def total(
    *, kind: str, fiscal_year: int, jurisdictions: QuerySet | None = None
) -> FigureTotal:
    """Add up `kind` figures for `fiscal_year` over `jurisdictions` (all when None)."""
    awards = awards_for_totals(jurisdictions).filter(fiscal_year=fiscal_year)
    members = (
        None if jurisdictions is None else dict(jurisdictions.values_list("pk", "name"))
    )
    return summarize(awards, kind=kind, fiscal_year=fiscal_year, members=members)
