"""Charts of notebook 00 (corpus): publication dates, article lengths, boilerplate removed."""
from __future__ import annotations

import pandas as pd
import plotly.express as px

from analysis.report.charts import Chart
from analysis.report.charts.parts import with_hover


def publication_timeline(timeline: pd.DataFrame) -> Chart:
    """Each dated document a point at its date on its outlet's row, the marker its date's
    precision; the hover shows the text the date was read from."""
    data = with_hover(timeline, hover_quote="date_quote")
    if data.empty:
        return Chart(None, data)
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
    """A bar per analysed document: the words of its sentences."""
    data = with_hover(lengths, title_hover="title")
    if data.empty:
        return Chart(None, data)
    fig = px.bar(data, x="n_words", y="doc_id", orientation="h", hover_data={"title_hover": True, "n_sentences": True},
                 labels={"n_words": "words in the article", "doc_id": "document", "title_hover": "title"},
                 title="Words per document")
    return Chart(fig, data)


def boilerplate(removed: pd.DataFrame) -> Chart:
    """Characters removed per document, stacked by the rule that removed them."""
    if removed.empty:
        return Chart(None, removed)
    fig = px.bar(removed, x="n_chars", y="doc_id", color="rule", orientation="h",
                 hover_data={"reason": True, "n_lines": True, "share_of_text": ":.1%"},
                 labels={"n_chars": "characters removed", "doc_id": "document"},
                 title="Boilerplate removed per document, by rule")
    return Chart(fig, removed)
