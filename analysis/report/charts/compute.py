"""Chart of notebook 02 (compute): GPU counts and power capacity over time, a panel per unit."""
from __future__ import annotations

import pandas as pd
import plotly.colors
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analysis.report.charts import Chart
from analysis.report.charts.parts import (GREY, date_axis_range, figure_marker, how_legend, legend_entry,
                                          period_lines, range_bar, unit_axis)
from analysis.report.views import compute as views

STATUS_COLOURS = {"target": plotly.colors.qualitative.Plotly[1], "existing": plotly.colors.qualitative.Plotly[0],
                  views.UNKNOWN_STATUS: GREY}
DATED_BY = [("dated by the event", "circle"), ("dated by publication", "square"),
            ("approximate or order of magnitude", "circle-open")]


def _status_traces(fig: go.Figure, part_u: pd.DataFrame, row: int) -> None:
    """The figures of one unit's panel, a trace per status: circle when dated by the event, square
    when by publication, hollow when approximate; named clusters' labels in bold."""
    for s in [s for s in views.STATUS_ORDER if s in set(part_u["status_shown"])]:
        part = part_u[part_u["status_shown"] == s]
        colour = STATUS_COLOURS[s]
        symbols = [("circle" if b == "event" else "square") + ("-open" if a else "")
                   for b, a in zip(part["date_basis"], part["approximate"])]
        text = [f"<b>{label}</b>" if named else label for label, named in zip(part["label_shown"], part["named"])]
        fig.add_trace(go.Scatter(
            x=part["x"], y=part["quantity"], mode="markers+text", name=s, legendgroup=s, showlegend=False,
            text=text, textposition="middle right", textfont={"size": 11, "color": colour},
            marker=figure_marker(colour, symbols), error_y=range_bar(part["error_plus"], colour, 6),
            hovertext=part["hover"], hoverinfo="text"), row=row, col=1)


def compute_over_time(facts: pd.DataFrame, units: list[str]) -> Chart:
    """One panel per unit with figures that can be placed in time, each on its own log scale: a
    figure at its event date (its period drawn as a line), else at its article's publication date;
    coloured by status (target, existing, not stated)."""
    timeline = views.compute_timeline(facts)
    data = timeline.drop(columns=["hover"]) if len(timeline) else timeline
    shown = [u for u in units if (timeline["unit"] == u).any()] if len(timeline) else []
    if not shown:
        return Chart(None, data)
    fig = make_subplots(rows=len(shown), cols=1, shared_xaxes=True, vertical_spacing=0.12,
                        subplot_titles=[views.UNIT_TITLES[u] for u in shown])
    for row, u in enumerate(shown, 1):
        part_u = timeline[timeline["unit"] == u]
        fig.add_trace(period_lines(part_u[part_u["date_basis"] == "event"], "x", "x_end", "quantity",
                                   legendgroup="period", showlegend=row == 1), row=row, col=1)
        _status_traces(fig, part_u, row)
        fig.update_yaxes(title_text=u, row=row, col=1,
                         **unit_axis(u, pd.concat([part_u["quantity"], part_u["quantity_high"]])))
    for s in [s for s in views.STATUS_ORDER if s in set(timeline["status_shown"])]:
        fig.add_trace(legend_entry(s, s, marker={"size": 12, "color": STATUS_COLOURS[s], "symbol": "diamond"}))
    fig.add_traces(how_legend(DATED_BY))
    fig.update_xaxes(type="date", range=date_axis_range(timeline["x"], timeline["x_end"], pad=0.25))
    fig.update_xaxes(title_text="event date, else publication date", row=len(shown), col=1)
    fig.update_layout(title="Compute figures over time, by unit", legend={"title": {"text": "status"}},
                      height=300 + 260 * len(shown), hoverlabel={"align": "left"})
    return Chart(fig, data)
