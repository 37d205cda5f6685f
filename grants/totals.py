"""The one rule for adding up money: each dollar once, approximations never as exact.

For a set of jurisdictions, a fiscal year and one kind of figure:
- each award counts once, however many of the jurisdictions share it; a subaward is
  skipped when its parent award is in the set (its money is inside the parent's);
- an award's whole figure is used; failing that, the shares of the jurisdictions in
  the set are added;
- when sources give one award several figures, an exact figure wins if every
  approximate figure agrees with it ("about" within 10%, "more than" below it, "at
  least" at or below it, "almost" at or up to 10% above it); otherwise the award is
  *disputed*: listed, never added;
- exact and approximate figures are added separately; a jurisdiction with no usable
  figure is counted as not recorded, never as zero.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet

from .models import Award, AwardFigure, Qualifier

ABOUT_TOLERANCE = Decimal("0.10")


@dataclass
class FigureTotal:
    kind: str
    fiscal_year: int
    exact: Decimal = Decimal(0)
    approximate: Decimal = Decimal(0)
    exact_count: int = 0
    approximate_count: int = 0
    disputed: list[Award] = field(default_factory=list)
    not_recorded: list[str] = field(default_factory=list)

    @property
    def not_recorded_count(self) -> int:
        return len(self.not_recorded)

    @property
    def counted(self) -> int:
        return self.exact_count + self.approximate_count


def agrees(exact: Decimal, figure: AwardFigure) -> bool:
    """Whether an approximate figure is consistent with an exact amount."""
    stated = figure.amount
    if figure.qualifier == Qualifier.ABOUT:
        return abs(exact - stated) <= stated * ABOUT_TOLERANCE
    if figure.qualifier == Qualifier.MORE_THAN:
        return exact > stated
    if figure.qualifier == Qualifier.AT_LEAST:
        return exact >= stated
    if figure.qualifier == Qualifier.ALMOST:
        return stated * (1 - ABOUT_TOLERANCE) <= exact <= stated
    return exact == stated


def resolve(figures: Iterable[AwardFigure]) -> AwardFigure | None | bool:
    """The figure that stands for the award: a figure, None (no usable amount) or
    False (sources disagree)."""
    known = [f for f in figures if f.amount is not None]
    if not known:
        return None
    exact = [f for f in known if f.qualifier == Qualifier.EXACT]
    if len({f.amount for f in exact}) > 1:
        return False
    if exact:
        others = [f for f in known if f.qualifier != Qualifier.EXACT]
        return exact[0] if all(agrees(exact[0].amount, f) for f in others) else False
    if len({(f.amount, f.qualifier) for f in known}) > 1:
        return False
    return known[0]


def awards_for_totals(jurisdictions: QuerySet | None = None) -> QuerySet:
    """The awards a total reads, with figures and partners in two extra queries."""
    awards = Award.objects.all()
    if jurisdictions is not None:
        awards = awards.for_jurisdictions(jurisdictions)
    return (
        awards.countable()
        .select_related("recipient", "program")
        .prefetch_related("partners", "figures")
    )


def total(
    *, kind: str, fiscal_year: int, jurisdictions: QuerySet | None = None
) -> FigureTotal:
    """Add up `kind` figures for `fiscal_year` over `jurisdictions` (all when None)."""
    awards = awards_for_totals(jurisdictions).filter(fiscal_year=fiscal_year)
    members = (
        None if jurisdictions is None else dict(jurisdictions.values_list("pk", "name"))
    )
    return summarize(awards, kind=kind, fiscal_year=fiscal_year, members=members)


def summarize(
    awards: Iterable[Award],
    *,
    kind: str,
    fiscal_year: int,
    members: dict[int, str] | None = None,
) -> FigureTotal:
    """Apply the rule to awards already fetched by `awards_for_totals()`.

    `members` maps the set's jurisdiction ids to names (None: every jurisdiction).
    """
    result = FigureTotal(kind=kind, fiscal_year=fiscal_year)
    covered: set[int] = set()
    for award in awards:
        if award.fiscal_year != fiscal_year:
            continue
        holders = {award.recipient_id, *(p.pk for p in award.partners.all())}
        if members is not None and not holders & members.keys():
            continue
        figures = [f for f in award.figures.all() if f.kind == kind]
        whole = [f for f in figures if f.share_of_id is None]
        shares: dict[int, list[AwardFigure]] = {}
        for figure in figures:
            if figure.share_of_id and (
                members is None or figure.share_of_id in members
            ):
                shares.setdefault(figure.share_of_id, []).append(figure)
        if whole:
            parts = [(holders, resolve(whole))]
        else:
            parts = [({who}, resolve(figs)) for who, figs in shares.items()]
        for who, figure in parts:
            if figure is None:
                continue
            covered |= who
            if figure is False:
                result.disputed.append(award)
            elif figure.qualifier == Qualifier.EXACT:
                result.exact += figure.amount
                result.exact_count += 1
            else:
                result.approximate += figure.amount
                result.approximate_count += 1
        if members is None and not any(figure is not None for _, figure in parts):
            result.not_recorded.append(str(award))
    if members is not None:
        result.not_recorded = sorted(
            name for pk, name in members.items() if pk not in covered
        )
    return result
