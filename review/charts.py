"""Server-drawn SVG: a tile-grid map of the states and simple bar charts.

Only geometry is computed here; templates draw it, so every label is escaped and
every chart has a data table beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from grants.models import FigureKind
from grants.totals import describe, dollars
from jurisdictions.usps import STATES

# Tile-grid positions (column, row): each state one square, roughly where it lies.
TILES: dict[str, tuple[int, int]] = {
    "AK": (0, 0), "ME": (11, 0), "VT": (10, 1), "NH": (11, 1),
    "WA": (1, 2), "ID": (2, 2), "MT": (3, 2), "ND": (4, 2), "MN": (5, 2), "IL": (6, 2),
    "WI": (7, 2), "MI": (8, 2), "NY": (9, 2), "RI": (10, 2), "MA": (11, 2),
    "OR": (1, 3), "NV": (2, 3), "WY": (3, 3), "SD": (4, 3), "IA": (5, 3), "IN": (6, 3),
    "OH": (7, 3), "PA": (8, 3), "NJ": (9, 3), "CT": (10, 3),
    "CA": (1, 4), "UT": (2, 4), "CO": (3, 4), "NE": (4, 4), "MO": (5, 4), "KY": (6, 4),
    "WV": (7, 4), "VA": (8, 4), "MD": (9, 4), "DE": (10, 4),
    "AZ": (2, 5), "NM": (3, 5), "KS": (4, 5), "AR": (5, 5), "TN": (6, 5), "NC": (7, 5),
    "SC": (8, 5), "DC": (9, 5),
    "OK": (4, 6), "LA": (5, 6), "MS": (6, 6), "AL": (7, 6), "GA": (8, 6),
    "HI": (0, 7), "TX": (4, 7), "FL": (9, 7),
}  # fmt: skip
TILE = 44
GAP = 4

# (lowest count, fill, text colour): text contrast meets WCAG AA on each fill.
BANDS = [
    (0, "#eeeeee", "#1b1b1b"),
    (1, "#c6dbef", "#1b1b1b"),
    (2, "#6baed6", "#1b1b1b"),
    (4, "#08519c", "#ffffff"),
]


@dataclass(frozen=True)
class Tile:
    code: str
    name: str
    count: int
    x: int
    y: int
    fill: str
    ink: str

    @property
    def text_x(self) -> int:
        return self.x + TILE // 2

    @property
    def text_y(self) -> int:
        return self.y + TILE // 2 + 5


def band(count: int) -> tuple[str, str]:
    fill, ink = BANDS[0][1:]
    for lowest, band_fill, band_ink in BANDS:
        if count >= lowest:
            fill, ink = band_fill, band_ink
    return fill, ink


def tile_map(counts: dict[str, int]) -> dict:
    """Tiles for every state in the grid, coloured by `counts` (state code -> count)."""
    tiles = []
    for code, (col, row) in TILES.items():
        count = counts.get(code, 0)
        tiles.append(Tile(code, STATES[code], count, col * (TILE + GAP), row * (TILE + GAP),
                          *band(count)))  # fmt: skip
    legend = [
        {"label": label, "fill": fill}
        for label, (_, fill, _) in zip(
            ["none", "1", "2–3", "4 or more"], BANDS, strict=True
        )
    ]
    return {
        "tiles": tiles,
        "width": 12 * (TILE + GAP),
        "height": 8 * (TILE + GAP),
        "legend": legend,
    }


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal | int
    shown: str
    y: int
    width: float
    url: str = ""


def bar_chart(
    rows: list[tuple[str, Decimal | int, str, str]], *, width: int = 420
) -> dict:
    """Horizontal bars: rows of (label, value, value as text, link)."""
    largest = max((value for _, value, _, _ in rows), default=0) or 1
    height = 22
    bars = [
        Bar(
            label,
            value,
            shown,
            index * height,
            float(value) / float(largest) * width,
            url,
        )
        for index, (label, value, shown, url) in enumerate(rows)
    ]
    return {
        "bars": bars,
        "width": width,
        "height": max(len(bars), 1) * height,
        "row": height,
    }


def column_chart(rows: list[tuple[str, int]], *, height: int = 120) -> dict:
    """Vertical columns: rows of (label, count), e.g. letters per month."""
    largest = max((count for _, count in rows), default=0) or 1
    step = 18
    columns = [
        {
            "label": label,
            "count": count,
            "x": index * step,
            "height": count / largest * height,
            "y": height - count / largest * height,
        }
        for index, (label, count) in enumerate(rows)
    ]
    return {"columns": columns, "width": max(len(columns), 1) * step, "height": height,
            "bar": step - 4}  # fmt: skip


# Money over time: columns by fiscal year, one per kind of figure. Withheld and
# released money are drawn in their own colours and patterns (the template's <defs>),
# approximate amounts as an outlined segment of their own, never merged with exact.
MONEY_PLOT = 150  # height of the columns' area
MONEY_COLUMN = 14
MONEY_YEAR_GAP = 14
MONEY_LEFT = 4


@dataclass(frozen=True)
class MoneySegment:
    kind: str
    x: float
    y: float
    width: int
    height: float
    approximate: bool
    title: str


def money_chart(
    totals: dict,
    *,
    years: list[int],
    kinds: list[str],
    largest: Decimal,
    chart_id: str,
    name: str,
) -> dict:
    """Columns of `totals` ((fiscal year, kind) -> FigureTotal) for every year from the
    first to the last of `years`. A year with no figure of any kind is a gap labelled
    "not recorded", a kind whose sources disagree is labelled so: neither gets a
    column. `largest` sets the scale, so several charts can share one."""
    from_year, to_year = (years[0], years[-1]) if years else (0, -1)
    scale = float(largest) or 1.0
    group = max(len(kinds), 1) * MONEY_COLUMN
    slots, segments, marks, table = [], [], [], []
    for index, year in enumerate(range(from_year, to_year + 1)):
        x = MONEY_LEFT + index * (group + MONEY_YEAR_GAP)
        cells = []
        for position, kind in enumerate(kinds):
            total = totals.get((year, kind))
            left = x + position * MONEY_COLUMN
            shown = total is not None and bool(total.counted or total.disputed)
            cells.append(describe(total) if shown else "")
            if total is None or not (total.counted or total.disputed):
                continue
            if total.disputed and not total.counted:
                marks.append({"x": left + MONEY_COLUMN / 2, "text": "sources disagree"})
                continue
            bottom = float(MONEY_PLOT)
            for amount, approximate, count in (
                (total.exact, False, total.exact_count),
                (total.approximate, True, total.approximate_count),
            ):
                if not count:
                    continue
                height = max(float(amount) / scale * MONEY_PLOT, 1.0)
                bottom -= height
                words = "approx. " if approximate else ""
                label = FigureKind(kind).label
                segments.append(MoneySegment(kind, left, bottom, MONEY_COLUMN - 2,
                                             height, approximate,
                                             f"FY{year} {label}: {words}{dollars(amount)}"))  # fmt: skip
        gap = not any(cells)
        if gap:
            marks.append({"x": x + group / 2, "text": "not recorded"})
        slots.append({"year": year, "x": x + group / 2, "gap": gap})
        table.append({"year": year, "cells": cells, "gap": gap})
    width = MONEY_LEFT + len(slots) * (group + MONEY_YEAR_GAP)
    return {
        "id": chart_id,
        "name": name,
        "kinds": [{"kind": kind, "label": FigureKind(kind).label} for kind in kinds],
        "years": slots,
        "segments": segments,
        "marks": marks,
        "table": table,
        "width": max(width, 120),
        "plot": MONEY_PLOT,
        "height": MONEY_PLOT + 20,
        "empty": not years,
        "first": from_year,
        "last": to_year,
    }
