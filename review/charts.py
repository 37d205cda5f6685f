"""Server-drawn SVG: a tile-grid map of the states and simple bar charts.

Only geometry is computed here; templates draw it, so every label is escaped and
every chart has a data table beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

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
