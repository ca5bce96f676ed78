"""Charts of notebook 00 (corpus): publication dates, article lengths, boilerplate removed."""
from __future__ import annotations

import pandas as pd
import plotly.express as px

from analysis.report.charts import Chart
from analysis.report.charts.parts import MAX_CATEGORIES, lump_others, with_hover


def publication_timeline(timeline: pd.DataFrame) -> Chart:
    """Each dated document a point at its date on its outlet's row, the marker its date's
    precision; the hover shows the text the date was read from."""
    data = with_hover(timeline, hover_quote="date_quote")
    if data.empty:
        return Chart(None, data)
    data = lump_others(data.fillna({"outlet": "(outlet unknown)"}), "outlet", noun="other outlets")
    fig = px.scatter(
        data, x="published", y="outlet", symbol="published_precision", hover_name="title",
        hover_data={"date_source": True, "hover_quote": True, "doc_id": True, "published": "|%Y-%m-%d", "outlet": False},
        labels={"published": "publication date", "outlet": "outlet", "hover_quote": "evidence",
                "published_precision": "precision"},
        title="Publication dates of the analysed documents",
    )
    fig.update_traces(marker={"size": 14})
    return Chart(fig, data)


def words_per_document(lengths: pd.DataFrame) -> Chart:
    """A bar per analysed document: the words of its sentences; past `MAX_CATEGORIES` documents,
    how many documents have how many words (a histogram)."""
    data = with_hover(lengths, title_hover="title")
    if data.empty:
        return Chart(None, data)
    if len(data) > MAX_CATEGORIES:
        fig = px.histogram(data, x="n_words", nbins=30, labels={"n_words": "words in the article"},
                           title=f"Words per document ({len(data)} documents)")
        fig.update_layout(yaxis_title="documents", bargap=0.05)
        return Chart(fig, data.drop(columns="title_hover"))
    fig = px.bar(data, x="n_words", y="doc_id", orientation="h", hover_data={"title_hover": True, "n_sentences": True},
                 labels={"n_words": "words in the article", "doc_id": "document", "title_hover": "title"},
                 title="Words per document")
    return Chart(fig, data)


def boilerplate(removed: pd.DataFrame) -> Chart:
    """Characters removed per document, stacked by the rule that removed them; past
    `MAX_CATEGORIES` documents, the documents with the most removed and the others as one bar."""
    if removed.empty:
        return Chart(None, removed)
    removed = lump_others(removed, "doc_id", weight="n_chars", noun="other documents")
    fig = px.bar(removed, x="n_chars", y="doc_id", color="rule", orientation="h",
                 hover_data={"reason": True, "n_lines": True, "share_of_text": ":.1%"},
                 labels={"n_chars": "characters removed", "doc_id": "document"},
                 title="Boilerplate removed per document, by rule")
    return Chart(fig, removed)
