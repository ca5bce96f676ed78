"""Charts of notebook 01 (spending): amounts by label and subject, and dated amounts on a timeline.

Both draw one series per subject (whose money it is), in one colour each across the page; a hollow
marker is an approximate or order-of-magnitude figure, a bar runs from the low to the high figure of
a range. The CSV behind each chart is its table without the hover text.
"""
from __future__ import annotations

import pandas as pd
import plotly.colors
import plotly.graph_objects as go

from analysis.report.charts import Chart
from analysis.report.charts.parts import (GREY, INK, date_axis_range, figure_marker, how_legend, legend_entry,
                                          period_lines, range_bar, usd_axis)
from analysis.report.views import spending as views

EXACT_OR_APPROXIMATE = [("exact figure", "circle"), ("approximate or order of magnitude", "circle-open")]


SUBJECTS_SHOWN = 20  # past this many subjects, the smaller ones share one series (the legend stays short)
OTHERS_COLOUR = "#b8b8b8"


def subject_colours(amounts: pd.DataFrame, focus: str = "") -> dict[str, str]:
    """A colour per subject in `views.subject_order` (the company in focus first); grey for the
    unknown subject. Past `SUBJECTS_SHOWN` subjects, the first `SUBJECTS_SHOWN - 1` keep theirs
    and all others share one light grey series, `others_label(k)`."""
    palette = plotly.colors.qualitative.Plotly + plotly.colors.qualitative.Dark24
    order = views.subject_order(amounts, focus)
    named = [s for s in order if s != views.UNKNOWN_SUBJECT]
    shown = named if len(order) <= SUBJECTS_SHOWN else named[:SUBJECTS_SHOWN - 1]
    colours = {s: palette[i % len(palette)] for i, s in enumerate(shown)}
    if len(shown) < len(named):
        colours[others_label(len(named) - len(shown))] = OTHERS_COLOUR
    if views.UNKNOWN_SUBJECT in order:
        colours[views.UNKNOWN_SUBJECT] = GREY
    return colours


def others_label(k: int) -> str:
    return f"({k} other subjects)"


def _series(rows: pd.DataFrame, colours: dict[str, str]) -> pd.Series:
    """The series (legend entry) of each row: its subject, or the shared 'others' series."""
    others = next((s for s, c in colours.items() if c == OTHERS_COLOUR), None)
    subject = rows["subject_shown"]
    return subject if others is None else subject.where(subject.isin(colours), others)


def _subject_traces(fig: go.Figure, rows: pd.DataFrame, colours: dict[str, str], x: str, y: str,
                    labelled: bool) -> None:
    """Per subject (`subject_colours`): its points (hollow when approximate; a bar up to the high
    figure of a range, along y when `labelled`, i.e. on the timeline, whose points carry their
    label) and its legend entry."""
    groups = dict(list(rows.groupby(_series(rows, colours), sort=False)))
    for s, colour in colours.items():
        part = groups.get(s)
        if part is None:
            continue
        if labelled:
            style = {"mode": "markers+text", "text": part["label_shown"], "textposition": "middle left",
                     "textfont": {"size": 11, "color": colour}, "error_y": range_bar(part["error_plus"], colour, 6)}
        else:
            style = {"mode": "markers", "error_x": range_bar(part["error_plus"], colour, 0)}
        fig.add_trace(go.Scatter(
            x=part[x], y=part[y], name=s, legendgroup=s, showlegend=False,
            marker=figure_marker(colour, ["circle-open" if a else "circle" for a in part["approximate"]]),
            hovertext=part["hover"], hoverinfo="text", **style))
        fig.add_trace(legend_entry(s, s, marker={"size": 12, "color": colour}))


def amounts_by_label(amounts: pd.DataFrame, focus: str = "") -> Chart:
    """One point per amount on a log scale of dollars, a row per label (ordered by its largest
    figure), points of a row spread apart, coloured by subject."""
    dots, label_order = views.amounts_by_label(amounts)
    data = dots.drop(columns=["hover"]) if len(dots) else dots
    if dots.empty:
        return Chart(None, data)
    fig = go.Figure()
    _subject_traces(fig, dots, subject_colours(amounts, focus), "value_usd", "y", labelled=False)
    fig.add_traces(how_legend(EXACT_OR_APPROXIMATE))
    fig.add_trace(legend_entry("range, low to high", "how", mode="lines", line={"color": INK, "width": 2}))
    fig.update_layout(
        title="Amounts by label and subject (US dollars, log scale)",
        xaxis={**usd_axis(), "title": "amount in US dollars (log scale)"},
        yaxis={"tickmode": "array", "tickvals": list(range(len(label_order))), "ticktext": label_order,
               "range": [-0.6, len(label_order) - 0.4], "title": "label", "zeroline": False},
        legend={"title": {"text": "subject"}},
        height=max(380, 70 * len(label_order) + 160), hoverlabel={"align": "left"})
    return Chart(fig, data)


def commitments_timeline(amounts: pd.DataFrame, focus: str = "") -> Chart:
    """Amounts with an event date at that date on a log scale of dollars, labelled, coloured by
    subject; a date known only to a longer period is drawn as a line across it."""
    timeline = views.commitment_timeline(amounts)
    data = timeline.drop(columns=["hover"]) if len(timeline) else timeline
    if timeline.empty:
        return Chart(None, data)
    fig = go.Figure()
    fig.add_trace(period_lines(timeline, "event_date", "event_end", "value_usd"))
    _subject_traces(fig, timeline, subject_colours(amounts, focus), "event_date", "value_usd", labelled=True)
    fig.add_traces(how_legend(EXACT_OR_APPROXIMATE))
    fig.update_layout(
        title="Amounts by event date (US dollars, log scale); bars: low to high of a range",
        xaxis={"title": "event date (start of the period the article gives)", "type": "date",
               "range": date_axis_range(timeline["event_date"], timeline["event_end"], pad=0.15)},
        yaxis={**usd_axis(), "title": "amount in US dollars (log scale)"},
        legend={"title": {"text": "subject"}}, height=480, hoverlabel={"align": "left"})
    return Chart(fig, data)
