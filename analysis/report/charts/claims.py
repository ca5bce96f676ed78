"""Charts of notebook 06 (claims): corroboration by kind, who each document's sentences are
attributed to, conflicting values, and each model's reported steps."""
from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from analysis.report.charts import Chart
from analysis.report.charts.parts import MAX_CATEGORIES, period_of, period_order, top_values, with_hover
from analysis.report.format import wrap
from analysis.report.views import claims as views

SEGMENTS_UP_TO = 600  # the corroboration chart draws one segment per claim up to this many claims
DOCUMENT_COLOURS_UP_TO = 10  # the conflicts chart gives each document a colour up to this many (plotly's palette)
STATUS_COLOURS = {views.CORROBORATED: "#1f77b4", views.SINGLE: "#c7c7c7"}
ATTRIBUTION_COLOURS = {"on_record": "#2ca02c", "company": "#1f77b4", "analyst": "#9467bd", "report": "#17becf",
                       "anonymous": "#d62728", "unattributed": "#d3d3d3"}


def corroboration(view: pd.DataFrame) -> Chart:
    """A bar per kind of claim, a segment per claim: corroborated (two or more documents) or
    single-source; the hover gives the claim, its value, the documents and the first quote."""
    if view.empty:
        return Chart(None, view)
    if len(view) > SEGMENTS_UP_TO:
        return corroboration_counted(view)
    data = with_hover(view, hover_quote="quote", hover_titles="titles")
    fig = px.bar(data.assign(claims=1), x="kind", y="claims", color="status",
                 category_orders={"kind": list(dict.fromkeys(data["kind"])),
                                  "status": [views.CORROBORATED, views.SINGLE]},
                 color_discrete_map=STATUS_COLOURS,
                 hover_data={"claim": True, "value_text": True, "n_sources": True, "hover_titles": True,
                             "published_label": True, "hover_quote": True, "claims": False, "kind": False},
                 labels={"kind": "kind of claim", "claims": "claims", "value_text": "value",
                         "n_sources": "documents", "hover_titles": "reported in", "published_label": "first published",
                         "hover_quote": "first quote", "status": ""},
                 title="Claims by kind: corroborated by two or more documents, or single-source")
    fig.update_traces(marker_line_width=0.5, marker_line_color="white")
    return Chart(fig, data)


def attribution_mix(mix: pd.DataFrame, docs: pd.DataFrame) -> Chart:
    """Per document (`docs`, publication order) the share of its sentences by who they are
    attributed to; the hover names the sources and the first such sentence."""
    if mix.empty:
        return Chart(None, mix)
    if mix["doc_id"].nunique() > MAX_CATEGORIES:
        return attribution_by_period(mix)
    data = with_hover(mix, hover_quote="quote", hover_title="title", hover_sources="sources")
    fig = px.bar(data, x="share", y="doc_label", color="attribution", orientation="h",
                 category_orders={"doc_label": list(docs["doc_label"]),
                                  "attribution": list(dict.fromkeys(data.sort_values("attribution_order")["attribution"]))},
                 color_discrete_map=ATTRIBUTION_COLOURS,
                 hover_data={"n_sentences": True, "hover_sources": True, "hover_title": True, "published_label": True,
                             "hover_quote": True, "share": ":.1%", "doc_label": False},
                 labels={"share": "share of the document's sentences", "doc_label": "", "attribution": "attributed to",
                         "n_sentences": "sentences", "hover_sources": "sources named", "hover_title": "document",
                         "published_label": "published", "hover_quote": "first such sentence"},
                 title="Who each document's sentences are attributed to (documents by publication date)")
    fig.update_layout(xaxis={"tickformat": ".0%", "range": [0, 1]}, height=200 + 60 * data["doc_id"].nunique(),
                      yaxis={"ticktext": [wrap(label, 32) for label in docs["doc_label"]],
                             "tickvals": list(docs["doc_label"])})
    return Chart(fig, data)


def corroboration_counted(view: pd.DataFrame) -> Chart:
    """Past `SEGMENTS_UP_TO` claims: per kind, the number of corroborated and single-source claims
    (one bar segment each rather than one per claim; the claims are in the tables below)."""
    data = view.groupby(["kind", "status"], sort=False).size().rename("claims").reset_index()
    fig = px.bar(data, x="kind", y="claims", color="status",
                 category_orders={"kind": list(dict.fromkeys(view["kind"])),
                                  "status": [views.CORROBORATED, views.SINGLE]},
                 color_discrete_map=STATUS_COLOURS, labels={"kind": "kind of claim", "status": ""},
                 title=f"Claims by kind: corroborated by two or more documents, or single-source ({len(view)} claims)")
    return Chart(fig, data)


def attribution_by_period(mix: pd.DataFrame) -> Chart:
    """Past `MAX_CATEGORIES` documents: per publication month (year when less precise, 'undated'
    last) the share of the sentences by who they are attributed to."""
    d = mix.assign(period=mix["published_label"].map(period_of))
    data = (d.groupby(["period", "attribution_order", "attribution"], sort=False)
            .agg(n_sentences=("n_sentences", "sum"), n_documents=("doc_id", "nunique")).reset_index())
    data["share"] = (data["n_sentences"] / data.groupby("period")["n_sentences"].transform("sum")).round(4)
    periods = period_order(data["period"])
    fig = px.bar(data, x="share", y="period", color="attribution", orientation="h",
                 category_orders={"period": periods,
                                  "attribution": list(dict.fromkeys(data.sort_values("attribution_order")["attribution"]))},
                 color_discrete_map=ATTRIBUTION_COLOURS, hover_data={"n_sentences": True, "n_documents": True},
                 labels={"share": "share of the sentences", "period": "published", "attribution": "attributed to",
                         "n_sentences": "sentences", "n_documents": "documents"},
                 title=f"Who the sentences are attributed to, by month of publication ({mix['doc_id'].nunique()} documents)")
    fig.update_layout(xaxis={"tickformat": ".0%", "range": [0, 1]}, height=200 + 28 * len(periods),
                      yaxis={"type": "category"})
    return Chart(fig, data)


def conflicts(conflicting: pd.DataFrame, docs: pd.DataFrame) -> Chart:
    """Each conflicting claim with a numeric value on a row, a point per document's value (log
    scale; a bar spans a range), coloured by document up to `DOCUMENT_COLOURS_UP_TO` documents,
    past that by who the value is attributed to (the document is in the hover). The CSV holds
    every conflicting row, model-event dates included."""
    numeric = conflicting[conflicting["value"].notna()]
    if numeric.empty:
        return Chart(None, conflicting)
    n_claims = numeric["claim_id"].nunique()
    numeric = numeric[numeric["claim_id"].isin(top_values(numeric, "claim_id"))]  # the most reported
    numeric = with_hover(numeric, hover_quote="quote", hover_title="title")
    numeric["above"] = (numeric["value_high"] - numeric["value"]).fillna(0)
    if numeric["doc_id"].nunique() <= DOCUMENT_COLOURS_UP_TO:
        colour = {"color": "doc_label", "category_orders": {"doc_label": list(docs["doc_label"])}}
    else:
        numeric["attribution"] = numeric["attribution"].replace("", "unattributed")
        kinds = [k for k in views.ATTRIBUTION_ORDER if k in set(numeric["attribution"])]
        colour = {"color": "attribution", "color_discrete_map": ATTRIBUTION_COLOURS,
                  "category_orders": {"attribution": kinds + sorted(set(numeric["attribution"]) - set(kinds))}}
    fig = px.scatter(numeric, x="value", y="claim", error_x="above", log_x=True, **colour,
                     hover_data={"value_text": True, "hover_title": True, "outlet": True, "attribution": True,
                                 "published_label": True, "hover_quote": True, "value": False, "above": False,
                                 "doc_label": False},
                     labels={"value": "value (log scale; a bar spans a range)", "claim": "", "value_text": "value",
                             "hover_title": "document", "hover_quote": "quote", "doc_label": "document"},
                     title="Conflicting claims: each document's value" + (
                         f" (the {numeric['claim_id'].nunique()} most reported of {n_claims})"
                         if numeric["claim_id"].nunique() < n_claims else ""))
    fig.update_traces(marker={"size": 12})
    fig.update_layout(height=200 + 50 * numeric["claim_id"].nunique())
    return Chart(fig, conflicting)


def model_histories(timeline: pd.DataFrame) -> Chart:
    """Each model's dated steps on its row, joined by a grey line: a circle when placed at the
    event's date, a diamond at the first report; colour the event. The CSV holds every step,
    undated ones included."""
    dated = timeline[timeline["date"].notna()]
    if dated.empty:
        return Chart(None, timeline)
    n_models = dated["model"].nunique()
    dated = dated[dated["model"].isin(top_values(dated, "model"))]  # the models with the most steps
    dated = with_hover(dated, hover_quote="quote", hover_titles="titles")
    dated["placed_by"] = dated["date_basis"].map({"event": "event date", "published": "first report"})
    models = list(dict.fromkeys(timeline["model"]))
    if len(models) > MAX_CATEGORIES:
        models = [m for m in models if m in set(dated["model"])]
    fig = go.Figure()
    for _, g in dated.groupby("model_order"):
        fig.add_trace(go.Scatter(x=g["date"], y=g["model"], mode="lines", line={"color": "#cccccc", "width": 2},
                                 hoverinfo="skip", showlegend=False))
    points = px.scatter(dated, x="date", y="model", color="event", symbol="placed_by",
                        symbol_map={"event date": "circle", "first report": "diamond"},
                        hover_data={"step": True, "date_text": True, "n_sources": True, "hover_titles": True,
                                    "hover_quote": True, "org": True, "date": False, "placed_by": False},
                        labels={"date_text": "date", "n_sources": "documents", "hover_titles": "reported in",
                                "hover_quote": "first quote"})
    fig.add_traces(points.data)
    fig.update_traces(marker={"size": 13, "line": {"width": 1, "color": "white"}}, selector={"mode": "markers"})
    shown = f" (the {dated['model'].nunique()} with the most steps of {n_models})" if dated["model"].nunique() < n_models else ""
    fig.update_layout(title="Reported steps per model" + shown, height=200 + 45 * len(models),
                      yaxis={"categoryorder": "array", "categoryarray": models[::-1], "title": ""},
                      xaxis={"title": "date"}, legend={"title": {"text": "event, placed by"}})
    return Chart(fig, timeline)
