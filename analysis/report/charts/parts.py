"""Pieces several charts share: wrapped hover columns, legend-only entries, markers and range bars,
axes for dollars, units and dates, and the lines that draw a dated period."""
from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go

from analysis.report.format import wrap

GREY = "#7f7f7f"
INK = "#444"


def with_hover(df: pd.DataFrame, width: int = 60, **columns: str) -> pd.DataFrame:
    """A copy of `df` with each `new=source` column added: the source text wrapped for a tooltip."""
    out = df.copy()
    for new, source in columns.items():
        out[new] = out[source].map(lambda v: wrap(v, width))
    return out


def legend_entry(name: str, group: str, mode: str = "markers", **style) -> go.Scatter:
    """A trace drawing nothing, only a legend entry (`style`: marker=, line=, legendgrouptitle_text=)."""
    return go.Scatter(x=[None], y=[None], mode=mode, name=name, legendgroup=group, hoverinfo="skip", **style)


def how_legend(entries: list[tuple[str, str]]) -> list[go.Scatter]:
    """The 'marker' legend group: one grey entry per (meaning, marker symbol)."""
    return [legend_entry(name, "how", legendgrouptitle_text="marker",
                         marker={"size": 12, "color": INK, "symbol": symbol, "line": {"width": 2, "color": INK}})
            for name, symbol in entries]


def figure_marker(colour: str, symbols: list[str]) -> dict:
    """Markers of one series of figures: coloured, outlined (so open symbols stay visible)."""
    return {"size": 13, "color": colour, "line": {"width": 2, "color": colour}, "symbol": symbols}


def range_bar(plus: pd.Series, colour: str, width: int) -> dict:
    """Error-bar settings drawing a range from its low figure (the point) up by `plus`."""
    return {"type": "data", "symmetric": False, "array": plus, "arrayminus": [0] * len(plus), "thickness": 2,
            "width": width, "color": colour}


def usd_axis() -> dict:
    """A log scale of US dollars ('B' for billion rather than SI 'G')."""
    return {"type": "log", "tickprefix": "$", "exponentformat": "B", "showexponent": "all"}


def unit_axis(unit: str, values=None) -> dict:
    """A log axis per unit, every tick label a full number (not a bare mantissa): GPU counts as
    200k, 1M; megawatts with thousands separators. Over a decade or more the ticks are 1, 2, 5 per
    decade; within less, plotly's own ticks."""
    out = {"type": "log", "tickformat": "~s" if unit == "GPU" else ",~r"}
    v = pd.Series(values, dtype=float).dropna() if values is not None else pd.Series(dtype=float)
    v = v[v > 0]
    if len(v) and v.max() >= 10 * v.min():
        out["dtick"] = "D2"
    return out


def date_axis_range(starts: pd.Series, ends: pd.Series | None = None, pad: float = 0.08,
                    min_pad_days: int = 45) -> list[str]:
    """[first, last] ISO dates for a date axis, padded on both sides (room for text left of the
    first marker and for the period lines after the last); [] when there is no date."""
    s = pd.to_datetime(pd.Series(starts)).dropna()
    if s.empty:
        return []
    e = pd.to_datetime(pd.Series(ends)).dropna() if ends is not None else s
    lo, hi = s.min(), max(s.max(), e.max() if len(e) else s.max())
    margin = max((hi - lo) * pad, pd.Timedelta(days=min_pad_days))
    return [(lo - margin).strftime("%Y-%m-%d"), (hi + margin).strftime("%Y-%m-%d")]


def padded_range(dates: pd.Series, before: float, after: float, minimum: pd.Timedelta) -> list:
    """[first - before*span, last + after*span] of the dates (span at least `minimum`)."""
    span = (dates.max() - dates.min()) or minimum
    return [dates.min() - span * before, dates.max() + span * after]


def period_lines(df: pd.DataFrame, x: str, x_end: str, y: str, **kw) -> go.Scatter:
    """One grey trace drawing each dated period as a horizontal line at its value, from `x` to
    `x_end`; a period without length (a day, or no known precision) draws nothing."""
    xs, ys = period_segments(df, x, x_end, y)
    return go.Scatter(x=xs, y=ys, mode="lines", name="period of the date", line={"color": "#bbb", "width": 3},
                      hoverinfo="skip", **kw)


def period_segments(df: pd.DataFrame, x: str, x_end: str, y: str) -> tuple[list, list]:
    """x/y lists (None-separated) of the segments `period_lines` draws."""
    xs, ys = [], []
    d = df[df[x].notna() & df[x_end].notna() & df[y].notna()]
    for a, b, v in zip(d[x], d[x_end], d[y]):
        if b > a:
            xs += [a, b, None]
            ys += [v, v, None]
    return xs, ys


# ----------------------------------------------------------------------------- charts at any corpus size

MAX_CATEGORIES = 40  # at most this many categories on a categorical axis (tick labels stay readable)


def top_values(df: pd.DataFrame, col: str, n: int = MAX_CATEGORIES, weight: str | None = None) -> list:
    """The `n` values of `col` with the most rows (or the largest sum of `weight`), ties in first
    appearance order."""
    w = df.groupby(col, sort=False)[weight].sum() if weight else df.groupby(col, sort=False).size()
    return list(w.sort_values(ascending=False, kind="stable").index[:n])


def lump_others(df: pd.DataFrame, col: str, n: int = MAX_CATEGORIES, weight: str | None = None,
                noun: str = "others") -> pd.DataFrame:
    """`df` with every value of `col` outside its `n - 1` largest (`top_values`) written as one
    'others (k <noun>)' category, so an axis shows at most `n` categories; unchanged when it has
    `n` or fewer."""
    values = df[col].drop_duplicates()
    if len(values) <= n:
        return df
    top = set(top_values(df, col, n - 1, weight))
    other = f"({len(values) - len(top)} {noun})"
    return df.assign(**{col: df[col].where(df[col].isin(top), other)})


def period_of(label) -> str:
    """The month ('2025-07') of a date label written by `format.date_label`; its year for a label
    less precise than a month ('2025-Q3', '2025'); 'undated' otherwise."""
    s = str(label) if isinstance(label, str) else ""
    m = re.search(r"\d{4}-\d\d(?!\d)", s) if not re.search(r"-[QH]\d", s) else None
    if m:
        return m.group(0)
    y = re.match(r"\d{4}", s)
    return y.group(0) if y else "undated"


def period_order(periods) -> list[str]:
    """Periods in time order (a year before its months), 'undated' last."""
    return sorted(dict.fromkeys(periods), key=lambda p: (p == "undated", p))
