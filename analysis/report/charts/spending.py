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
from analysis.report.format import plural
from analysis.report.views import spending as views

EXACT_OR_APPROXIMATE = [("exact figure", "circle"), ("approximate or order of magnitude", "circle-open")]


POINTS_UP_TO = 600  # each chart draws one point per amount up to this many amounts, then aggregates
SUBJECTS_SHOWN = 20  # past this many subjects, the smaller ones share one series (the legend stays short)
OTHERS_COLOUR = "#b8b8b8"


def subject_colours(amounts: pd.DataFrame, focus: str = "") -> dict[str, str]:
    """A colour per subject in `views.subject_order` (the company in focus first); grey for the
    unknown subject. Past `SUBJECTS_SHOWN` subjects, the first ones keep theirs and all others
    share one light grey series, `others_label(k)`, so there are at most `SUBJECTS_SHOWN` series."""
    palette = plotly.colors.qualitative.Plotly + plotly.colors.qualitative.Dark24
    order = views.subject_order(amounts, focus)
    named = [s for s in order if s != views.UNKNOWN_SUBJECT]
    shown = named if len(order) <= SUBJECTS_SHOWN else named[:SUBJECTS_SHOWN - 1 - (len(named) < len(order))]
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


def amounts_by_label(amounts: pd.DataFrame, focus: str = "", points_up_to: int = POINTS_UP_TO) -> Chart:
    """One point per amount on a log scale of dollars, a row per label (ordered by its largest
    figure), points of a row spread apart, coloured by subject; past `points_up_to` amounts, a box
    per label (`label_boxes`)."""
    dots, label_order = views.amounts_by_label(amounts)
    data = dots.drop(columns=["hover"]) if len(dots) else dots
    if dots.empty:
        return Chart(None, data)
    if len(dots) > points_up_to:
        return label_boxes(dots, label_order)
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


def commitments_timeline(amounts: pd.DataFrame, focus: str = "", points_up_to: int = POINTS_UP_TO) -> Chart:
    """Amounts with an event date at that date on a log scale of dollars, labelled, coloured by
    subject; a date known only to a longer period is drawn as a line across it. Past
    `points_up_to` dated amounts, one marker per subject and month (`commitments_by_month`)."""
    timeline = views.commitment_timeline(amounts)
    data = timeline.drop(columns=["hover"]) if len(timeline) else timeline
    if timeline.empty:
        return Chart(None, data)
    if len(timeline) > points_up_to:
        return commitments_by_month(timeline, subject_colours(amounts, focus))
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


def label_boxes(dots: pd.DataFrame, label_order: list[str]) -> Chart:
    """Past `POINTS_UP_TO` amounts: per label a box from its smallest to its largest figure
    (quartiles computed here: the page carries five numbers per label, not every amount), and its
    largest amount as a point with its evidence on hover."""
    data = views.label_quartiles(dots, label_order)
    y = list(range(len(data)))
    fig = go.Figure(go.Box(
        y=y, q1=data["q1"], median=data["median"], q3=data["q3"], lowerfence=data["min"], upperfence=data["max"],
        orientation="h", boxpoints=False, name="amounts (smallest, quartiles, largest)", marker={"color": INK},
        hovertext=[f"{plural(int(n), 'amount')}" for n in data["n_amounts"]], hoverinfo="text+x"))
    fig.add_trace(go.Scatter(x=data["max"], y=y, mode="markers", name="largest amount (hover: its quote)",
                             marker={"size": 11, "color": "#d62728"}, hovertext=data["hover"], hoverinfo="text"))
    fig.update_layout(
        title=f"Amounts by label (US dollars, log scale): {len(dots)} amounts, a box per label",
        xaxis={**usd_axis(), "title": "amount in US dollars (log scale)"},
        yaxis={"tickmode": "array", "tickvals": y, "ticktext": list(data["label_shown"]),
               "range": [-0.6, len(y) - 0.4], "title": "label", "zeroline": False},
        height=max(380, 40 * len(y) + 160), hoverlabel={"align": "left"}, legend={"orientation": "h", "y": -0.15})
    return Chart(fig, data.drop(columns=["hover"]))


def commitments_by_month(timeline: pd.DataFrame, colours: dict[str, str]) -> Chart:
    """Past `POINTS_UP_TO` dated amounts: per subject (`subject_colours`) and month of the event
    date, one marker at the month's largest amount, sized by the number of amounts, the largest
    listed on hover."""
    data = views.commitments_by_month(timeline, _series(timeline, colours))
    biggest = max(int(data["n_amounts"].max()), 1)
    fig = go.Figure()
    for s, colour in colours.items():
        d = data[data["series"] == s]
        if d.empty:
            continue
        hover = [f"<b>{s}, {m:%Y-%m}</b>: {plural(int(n), 'amount')}<br>largest:<br>" + "<br>".join(ex)
                 for m, n, ex in zip(d["month"], d["n_amounts"], d["examples"])]
        fig.add_trace(go.Scatter(
            x=d["month"], y=d["value_usd"], mode="markers", name=s,
            marker={"size": [8 + 30 * (n / biggest) ** 0.5 for n in d["n_amounts"]], "color": colour, "opacity": 0.7},
            hovertext=hover, hoverinfo="text"))
    fig.update_layout(
        title=f"Largest amount per subject and month of its event date ({len(timeline)} dated amounts; "
              "marker size: how many)",
        xaxis={"title": "month of the event date", "type": "date"},
        yaxis={**usd_axis(), "title": "largest amount in US dollars (log scale)"},
        legend={"title": {"text": "subject"}}, height=480, hoverlabel={"align": "left"})
    return Chart(fig, data.assign(examples=data["examples"].map(" | ".join)))
