"""The one rule for adding up money: each dollar once, approximations never as exact.

For a set of jurisdictions, a fiscal year and one kind of figure:
- each award counts once, however many of the jurisdictions share it; a subaward is
  skipped when its parent award is in the set with a figure (its money is inside it);
- an award's whole figure is used; failing that, the shares of the jurisdictions in
  the set are added; a joint award shared with governments outside the set is
  counted whole and listed as `shared`, so a page can say so;
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

from django.db.models import Prefetch, QuerySet

from jurisdictions.models import Jurisdiction

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
    shared: list[Award] = field(default_factory=list)  # joint awards partly outside
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
    awards = Award.objects.published()
    if jurisdictions is not None:
        awards = awards.for_jurisdictions(jurisdictions)
    return awards.select_related("recipient", "program").prefetch_related(
        Prefetch("partners", Jurisdiction.objects.published()),
        Prefetch("figures", AwardFigure.objects.published()),
    )


def _parts(award: Award, kind: str, members: dict[int, str] | None) -> list[tuple]:
    """What an award contributes: [(jurisdiction ids, figure | None | False)]."""
    holders = {award.recipient_id, *(p.pk for p in award.partners.all())}
    figures = [f for f in award.figures.all() if f.kind == kind]
    whole = resolve(f for f in figures if f.share_of_id is None)
    if whole is not None:
        return [(holders, whole)]
    shares: dict[int, list[AwardFigure]] = {}
    for figure in figures:
        if figure.share_of_id and (members is None or figure.share_of_id in members):
            shares.setdefault(figure.share_of_id, []).append(figure)
    return [({who}, resolve(figs)) for who, figs in shares.items()] or [(holders, None)]


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
    in_year = []
    for award in awards:
        holders = {award.recipient_id, *(p.pk for p in award.partners.all())}
        if award.fiscal_year == fiscal_year and (
            members is None or holders & members.keys()
        ):
            in_year.append(award)
    parts = {award.pk: _parts(award, kind, members) for award in in_year}
    # A subaward's money is inside its parent's figure, when the parent has one here.
    counted_parents = {
        pk for pk, award_parts in parts.items() if any(f for _, f in award_parts)
    }
    covered: set[int] = set()
    for award in in_year:
        if award.parent_id in counted_parents:
            covered |= {award.recipient_id}
            continue
        holders = {award.recipient_id, *(p.pk for p in award.partners.all())}
        for who, figure in parts[award.pk]:
            if figure is None:
                if members is None:
                    result.not_recorded.append(str(award))
                continue
            covered |= who
            if members is not None and who == holders and not holders <= members.keys():
                result.shared.append(award)
            if figure is False:
                result.disputed.append(award)
            elif figure.qualifier == Qualifier.EXACT:
                result.exact += figure.amount
                result.exact_count += 1
            else:
                result.approximate += figure.amount
                result.approximate_count += 1
    if members is not None:
        result.not_recorded = sorted(
            name for pk, name in members.items() if pk not in covered
        )
    return result


def dollars(amount: Decimal) -> str:
    """An amount as the sources give it: whole dollars, or with cents; never rounded."""
    whole = amount == amount.to_integral_value()
    return f"${amount:,.0f}" if whole else f"${amount:,.2f}"


def describe(total: FigureTotal) -> str:
    """A total in words that keep its parts apart: the exact sum, the approximate sum
    ("approx."), and the awards whose sources disagree; empty when nothing counted."""
    parts = []
    if total.exact_count:
        parts.append(dollars(total.exact))
    if total.approximate_count:
        parts.append(f"approx. {dollars(total.approximate)}")
    if total.disputed:
        n = len(total.disputed)
        parts.append(f"sources disagree ({n} award{'s' if n > 1 else ''}, not added)")
    return "; ".join(parts)
