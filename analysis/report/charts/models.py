"""Charts of notebook 04 (models): dated model events on a timeline, and every model against every
kind of event. Colour is the organisation (the company in focus first), marker the kind of event."""
from __future__ import annotations

import pandas as pd
import plotly.express as px

from analysis import config
from analysis.report.charts import Chart
from analysis.report.charts.parts import MAX_CATEGORIES, padded_range, top_values, with_hover
from analysis.report.views import models as views


def org_colours(rows: pd.DataFrame) -> dict[str, str]:
    """A palette colour per organisation label, in `views.org_order`."""
    return {o: config.PALETTE[i % len(config.PALETTE)] for i, o in enumerate(views.org_order(rows))}


def event_symbols(events: list[str]) -> dict[str, str]:
    return {e: views.EVENT_SYMBOLS.get(e, "square") for e in events}


def most_reported(df: pd.DataFrame, weight: str, n: int = MAX_CATEGORIES) -> pd.DataFrame:
    """The rows of the `n` models with the most statements (all rows when there are no more)."""
    return df[df["model"].isin(top_values(df, "model", n, weight))]


def models_left_out(before: pd.DataFrame, after: pd.DataFrame) -> str:
    n, k = before["model"].nunique(), after["model"].nunique()
    return f" (the {k} most reported of {n} models)" if k < n else ""


def timeline(line: pd.DataFrame, rows: pd.DataFrame, events: list[str]) -> Chart:
    """Each dated event (`views.timeline`) on its model's row, labelled with the event and what is
    known of the architecture and access."""
    if line.empty:
        return Chart(None, line)
    data = with_hover(most_reported(line, "n_statements"), hover_quote="quote", hover_title="title")
    data["label"] = views.event_labels(data)
    order = [m for m in views.model_order(rows) if m in set(data["model"])]
    orgs = views.org_order(rows)
    fig = px.scatter(
        data, x="date", y="model", color="org_label", symbol="event", text="label",
        category_orders={"model": order, "org_label": [o for o in orgs if o in set(data["org_label"])],
                         "event": events},
        color_discrete_map=org_colours(rows), symbol_map=event_symbols(events),
        hover_data={"hover_quote": True, "hover_title": True, "date_label": True, "architecture": True,
                    "access": True, "n_statements": True, "date": False, "model": False, "org_label": False,
                    "event": True, "label": False},
        labels={"date": "event date", "model": "", "org_label": "organisation", "event": "event",
                "hover_quote": "evidence", "hover_title": "article", "date_label": "date",
                "n_statements": "statements"},
        title="Model events with a stated date" + models_left_out(line, data),
    )
    fig.update_traces(marker={"size": 14, "line": {"width": 1}}, textposition="top center", textfont={"size": 11})
    fig.update_layout(height=260 + 50 * len(order), legend={"orientation": "h", "y": -0.25},
                      xaxis={"range": padded_range(data["date"], 0.2, 0.2, pd.Timedelta(days=60))},
                      yaxis={"range": [-0.6, len(order) - 0.4]})
    return Chart(fig, data)


def event_map(matrix: pd.DataFrame, rows: pd.DataFrame, events: list[str]) -> Chart:
    """One mark per model and kind of event stated (`views.event_matrix`), dated or not, sized by
    the statements."""
    if matrix.empty:
        return Chart(None, matrix)
    data = with_hover(most_reported(matrix, "n_statements"), hover_quote="quote", hover_title="title")
    order = [m for m in views.model_order(rows) if m in set(data["model"])]
    fig = px.scatter(
        data, x="event", y="model", color="org_label", symbol="event", size="n_statements", size_max=22,
        category_orders={"model": order, "event": events, "org_label": views.org_order(rows)},
        color_discrete_map=org_colours(rows), symbol_map=event_symbols(events),
        hover_data={"dates": True, "hover_quote": True, "hover_title": True, "architecture": True, "access": True,
                    "n_statements": True, "n_documents": True, "model": False, "event": False,
                    "org_label": False},
        labels={"event": "event", "model": "", "org_label": "organisation", "dates": "dates stated",
                "hover_quote": "first evidence", "hover_title": "article", "n_statements": "statements",
                "n_documents": "documents"},
        title="Which models had which events (all statements, dated or not)" + models_left_out(matrix, data),
    )
    fig.update_traces(marker={"sizemin": 7, "line": {"width": 1}})
    fig.update_layout(height=220 + 40 * len(order), legend={"orientation": "h", "y": -0.2},
                      xaxis={"categoryorder": "array", "categoryarray": events})
    return Chart(fig, data)
