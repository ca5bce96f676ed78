"""Charts of notebook 05 (narratives): themes per document, tone per theme, debate sides."""
from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from analysis.report.charts import Chart
from analysis.report.charts.parts import with_hover
from analysis.report.format import wrap
from analysis.report.views import narratives as views

NO_SIDE_COLOUR = "#bbbbbb"


def theme_heatmap(grid: pd.DataFrame) -> Chart:
    """Themes x documents (publication order): colour the share of the document's sentences on
    the theme, the number the sentences; the hover gives the cell's strongest sentence."""
    if grid.empty or grid["n_sentences"].sum() == 0:
        return Chart(None, grid)
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
