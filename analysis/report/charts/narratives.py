"""Charts of notebook 05 (narratives): themes per document, tone per theme, debate sides."""
from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from analysis.report.charts import Chart
from analysis.report.charts.parts import MAX_CATEGORIES, period_of, period_order, with_hover
from analysis.report.format import wrap
from analysis.report.views import narratives as views

NO_SIDE_COLOUR = "#bbbbbb"
POINTS_UP_TO = 600  # tone boxes draw every sentence as a point up to this many sentences


def heatmap_by_period(grid: pd.DataFrame) -> Chart:
    """Past `MAX_CATEGORIES` documents: themes x publication months (year when less precise,
    'undated' last), colour the share of the period's sentences on the theme."""
    g = grid.assign(period=grid["published_label"].map(period_of))
    data = (g.groupby(["theme_order", "theme", "period"], sort=False)
            .agg(n_sentences=("n_sentences", "sum"), doc_sentences=("doc_sentences", "sum"),
                 n_documents=("doc_id", "nunique")).reset_index())
    data["share"] = (data["n_sentences"] / data["doc_sentences"].where(data["doc_sentences"] > 0)).round(4)
    periods = period_order(data["period"])
    z = data.pivot(index="theme_order", columns="period", values="share").sort_index()[periods]
    n = data.pivot(index="theme_order", columns="period", values="n_sentences").sort_index()[periods]
    docs = data.pivot(index="theme_order", columns="period", values="n_documents").sort_index()[periods]
    fig = go.Figure(go.Heatmap(
        z=z.to_numpy(), x=periods, y=list(dict.fromkeys(data.sort_values("theme_order")["theme"])),
        text=n.to_numpy(), customdata=docs.to_numpy(), colorscale="Blues", zmin=0,
        colorbar={"title": {"text": "share of<br>sentences"}, "tickformat": ".0%"},
        hovertemplate=("<b>%{y}</b>, published %{x}<br>%{text} sentences in %{customdata} documents"
                       " (%{z:.1%} of their sentences)<extra></extra>")))
    fig.update_layout(title=f"How much of the articles of each month is about each theme ({grid['doc_id'].nunique()} documents)",
                      height=140 + 38 * z.shape[0], yaxis={"autorange": "reversed"}, xaxis={"type": "category"})
    return Chart(fig, data)


def theme_heatmap(grid: pd.DataFrame) -> Chart:
    """Themes x documents (publication order): colour the share of the document's sentences on
    the theme, the number the sentences; the hover gives the cell's strongest sentence."""
    if grid.empty or grid["n_sentences"].sum() == 0:
        return Chart(None, grid)
    if grid["doc_id"].nunique() > MAX_CATEGORIES:
        return heatmap_by_period(grid)
    data = with_hover(grid, hover_quote="quote", hover_title="title")
    x_labels = [wrap(label, 24) for label in dict.fromkeys(data["doc_label"])]
    z = data.pivot(index="theme_order", columns="doc_order", values="share").sort_index().sort_index(axis=1)
    n = data.pivot(index="theme_order", columns="doc_order", values="n_sentences").sort_index().sort_index(axis=1)
    custom = (data.sort_values(["theme_order", "doc_order"])
              [["hover_title", "published_label", "hover_quote", "dominant_side"]]
              .to_numpy().reshape(z.shape[0], z.shape[1], 4))
    fig = go.Figure(go.Heatmap(
        z=z.to_numpy(), x=x_labels, y=list(dict.fromkeys(data["theme"])), text=n.to_numpy(),
        texttemplate="%{text}", customdata=custom, colorscale="Blues", zmin=0,
        colorbar={"title": {"text": "share of<br>sentences"}, "tickformat": ".0%"},
        hovertemplate=("<b>%{y}</b> in %{customdata[0]}<br>published: %{customdata[1]}<br>"
                       "sentences: %{text} (%{z:.1%} of the document)<br>side: %{customdata[3]}<br>"
                       "strongest sentence:<br>%{customdata[2]}<extra></extra>"),
    ))
    fig.update_layout(title="How much of each document is about each theme", height=140 + 38 * z.shape[0],
                      yaxis={"autorange": "reversed"}, xaxis={"tickangle": 0})
    return Chart(fig, data)


def tone_by_theme(tones: pd.DataFrame, summary: pd.DataFrame) -> Chart:
    """A box of sentence tones per theme with every sentence as a point, themes from the most
    negative median (`summary`, from `views.tone_summary`) to the most positive."""
    if tones.empty:
        return Chart(None, tones)
    if len(tones) > POINTS_UP_TO:
        return tone_boxes(tones, summary)
    data = with_hover(tones, hover_quote="quote", hover_title="title")
    fig = px.box(data, x="tone", y="theme", points="all",
                 category_orders={"theme": list(summary["theme"])},
                 hover_data={"hover_quote": True, "hover_title": True, "published_label": True, "side": True,
                             "theme": False},
                 labels={"tone": "sentence tone (VADER compound, −1 to +1)", "theme": "theme",
                         "hover_quote": "sentence", "hover_title": "document", "published_label": "published"},
                 title="Tone of the sentences on each theme")
    fig.update_traces(marker={"size": 6, "opacity": 0.6}, jitter=0.5)
    fig.update_layout(height=160 + 40 * data["theme"].nunique(), xaxis={"range": [-1.05, 1.05]})
    return Chart(fig, data)


def tone_boxes(tones: pd.DataFrame, summary: pd.DataFrame) -> Chart:
    """Past `POINTS_UP_TO` sentences: a box per theme drawn from its quartiles, computed here (the
    page carries five numbers per theme, not every sentence)."""
    order = [t for t in summary["theme"] if t in set(tones["theme"])]
    q = tones.groupby("theme")["tone"].describe(percentiles=[0.25, 0.5, 0.75]).reindex(order)
    data = q.rename(columns={"25%": "q1", "50%": "median", "75%": "q3", "count": "n_sentences"}).reset_index()
    fig = go.Figure(go.Box(y=data["theme"], q1=data["q1"], median=data["median"], q3=data["q3"],
                           lowerfence=data["min"], upperfence=data["max"], orientation="h", boxpoints=False,
                           hovertext=[f"{int(k)} sentences" for k in data["n_sentences"]]))
    fig.update_layout(title=f"Tone of the sentences on each theme ({len(tones)} sentences)",
                      height=160 + 40 * len(order), xaxis={"range": [-1.05, 1.05],
                                                           "title": "sentence tone (VADER compound, −1 to +1)"},
                      yaxis={"categoryorder": "array", "categoryarray": order[::-1]})
    return Chart(fig, data)


def side_colours(sides: pd.DataFrame) -> dict[str, str]:
    """A colour per debate side in the order the themes list them; grey for NO_SIDE (last)."""
    names = [s for s in dict.fromkeys(sides.sort_values(["theme_order", "side_order"])["side"]) if s != views.NO_SIDE]
    palette = px.colors.qualitative.Safe
    colours = {s: palette[i % len(palette)] for i, s in enumerate(names)}
    colours[views.NO_SIDE] = NO_SIDE_COLOUR
    return colours


def debate_sides(sides: pd.DataFrame, docs: pd.DataFrame) -> Chart:
    """A panel per debate theme: per document (`docs`, publication order) the sentences leaning
    to each side, stacked; the hover gives each segment's strongest sentence."""
    if sides.empty:
        return Chart(None, sides)
    if docs["doc_id"].nunique() > MAX_CATEGORIES:
        return debate_sides_by_period(sides)
    data = with_hover(sides, hover_quote="quote", hover_title="title")
    debates = list(dict.fromkeys(data["theme"]))
    colours = side_colours(data)
    fig = px.bar(data, x="doc_label", y="n_sentences", color="side", facet_row="theme",
                 category_orders={"doc_label": list(docs["doc_label"]), "theme": debates, "side": list(colours)},
                 color_discrete_map=colours,
                 hover_data={"hover_quote": True, "hover_title": True, "published_label": True,
                             "share_of_theme": ":.0%", "doc_label": False, "theme": False},
                 labels={"n_sentences": "sentences", "doc_label": "document (by publication date)",
                         "hover_quote": "strongest sentence", "hover_title": "document",
                         "published_label": "published", "share_of_theme": "share of the debate's sentences"},
                 title="Which side each document's sentences lean to, per debate")
    fig.for_each_annotation(lambda a: a.update(text=a.text.split("=", 1)[-1]))
    fig.update_yaxes(title_text="", matches=None, rangemode="tozero")
    fig.update_xaxes(tickvals=list(docs["doc_label"]), ticktext=[wrap(label, 24) for label in docs["doc_label"]])
    fig.update_layout(height=220 + 190 * len(debates), bargap=0.35)
    return Chart(fig, data)


def debate_sides_by_period(sides: pd.DataFrame) -> Chart:
    """Past `MAX_CATEGORIES` documents: per debate, the sentences leaning to each side per
    publication month (year when less precise, 'undated' last), stacked."""
    d = sides.assign(period=sides["published_label"].map(period_of))
    data = (d.groupby(["theme_order", "theme", "side_order", "side", "period"], sort=False)
            .agg(n_sentences=("n_sentences", "sum"), n_documents=("doc_id", "nunique")).reset_index())
    debates = list(dict.fromkeys(data.sort_values("theme_order")["theme"]))
    colours = side_colours(data)
    fig = px.bar(data, x="period", y="n_sentences", color="side", facet_row="theme",
                 category_orders={"period": period_order(data["period"]), "theme": debates, "side": list(colours)},
                 color_discrete_map=colours, hover_data={"n_documents": True, "theme": False},
                 labels={"n_sentences": "sentences", "period": "publication month", "n_documents": "documents"},
                 title="Which side the sentences lean to, per debate and month of publication")
    fig.for_each_annotation(lambda a: a.update(text=a.text.split("=", 1)[-1]))
    fig.update_yaxes(title_text="", matches=None, rangemode="tozero")
    fig.update_xaxes(type="category")
    fig.update_layout(height=220 + 190 * len(debates), bargap=0.2)
    return Chart(fig, data)
