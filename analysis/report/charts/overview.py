"""The front page's chart: one timeline of every dated event (money, compute, talent moves, model
events), a row per kind, the evidence on hover. Past `AGGREGATE_AT` events the points become one
marker per kind and month, sized by the number of events, with the largest as examples on hover."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analysis import config
from analysis.report.charts import Chart
from analysis.report.format import plural, wrap
from analysis.report.views import overview as views

AGGREGATE_AT = 600
ROW_TITLES = {views.MONEY: "money", views.COMPUTE: "compute", views.TALENT: "talent moves",
              views.MODELS: "model events"}


def _colour(kind: str) -> str:
    return config.PALETTE[views.KINDS.index(kind) % len(config.PALETTE)]


def timeline(ev: pd.DataFrame, aggregate_at: int = AGGREGATE_AT) -> Chart:
    """Each dated event on its kind's row, or (more than `aggregate_at` dated events) one marker per
    kind and month; None when nothing is dated."""
    dated = ev[ev["date"].notna()]
    if dated.empty:
        return Chart(None, dated)
    kinds = [k for k in views.KINDS if k in set(dated["kind"])]
    fig = go.Figure()
    if len(dated) > aggregate_at:
        data = views.by_period(dated)
        biggest = max(int(data["n_events"].max()), 1)
        for kind in kinds:
            d = data[data["kind"] == kind]
            hover = [f"<b>{ROW_TITLES[kind]}, {p:%Y-%m}</b>: {plural(n, 'event')}<br>largest:<br>"
                     + "<br>".join(wrap(x, 70) for x in ex) for p, n, ex in zip(d["period"], d["n_events"], d["examples"])]
            fig.add_trace(go.Scatter(
                x=d["period"], y=[ROW_TITLES[kind]] * len(d), mode="markers", name=ROW_TITLES[kind],
                marker={"size": [8 + 30 * (n / biggest) ** 0.5 for n in d["n_events"]], "color": _colour(kind),
                        "opacity": 0.7}, hovertext=hover, hoverinfo="text"))
        title = f"Every dated event, counted by month ({len(dated)} events)"
        data = data.assign(examples=data["examples"].map(" | ".join))
    else:
        data = dated
        for kind in kinds:
            d = dated[dated["kind"] == kind]
            hover = [f"<b>{wrap(w, 70)}</b> {v}<br>{dl}{' (article date)' if b == 'publication' else ''}<br>"
                     f"“{wrap(q, 70)}”<br><i>{wrap(t, 70)}</i> · {doc}[{s}:{e}]"
                     for w, v, dl, b, q, t, doc, s, e in zip(d["what"], d["value_text"], d["date_label"], d["date_basis"],
                                                             d["quote"], d["title"], d["doc_id"], d["start"], d["end"])]
            fig.add_trace(go.Scatter(
                x=d["date"], y=[ROW_TITLES[kind]] * len(d), mode="markers", name=ROW_TITLES[kind],
                marker={"size": 11, "color": _colour(kind), "opacity": 0.75,
                        "symbol": ["circle" if b == "event" else "circle-open" for b in d["date_basis"]]},
                hovertext=hover, hoverinfo="text"))
        title = "Every dated event (hollow: dated by its article's publication date)"
    fig.update_layout(title=title, height=200 + 60 * len(kinds), showlegend=False,
                      yaxis={"categoryorder": "array", "categoryarray": [ROW_TITLES[k] for k in reversed(kinds)]},
                      xaxis={"title": "date"}, margin={"l": 110})
    return Chart(fig, data.drop(columns=[c for c in ("hover",) if c in data.columns]))
