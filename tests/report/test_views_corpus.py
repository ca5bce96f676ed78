"""Views of notebook 00 (corpus) on the small tables of conftest.py."""
import pandas as pd

from analysis.report.views import corpus as vc
from analysis.report.views.context import UNKNOWN_OUTLET


def test_documents_view_and_not_analysed(documents):
    view = vc.documents_view(documents)
    assert len(view) == 4 and view.loc[0, "reason"] == "" and view.loc[3, "reason"] == "copy of d1"
    skipped = vc.not_analysed(documents)
    assert list(skipped["doc_id"]) == ["d4"] and list(skipped.columns) == ["doc_id", "path", "status", "reason"]


def test_publication_timeline_keeps_the_date_evidence(documents, metadata):
    tl = vc.publication_timeline(documents, metadata)
    assert list(tl["doc_id"]) == ["d1", "d2"] and tl.loc[0, "date_quote"] == "10 March 2024"
    assert tl.loc[1, "outlet"] == UNKNOWN_OUTLET and tl["published"].dtype.kind == "M"
    assert list(vc.undated(documents)["doc_id"]) == ["d3"]


def test_word_counts_and_boilerplate(documents, boilerplate):
    words = vc.word_counts(documents)
    assert list(words["doc_id"]) == ["d3", "d2", "d1"]  # shortest first, the duplicate left out
    removed = vc.boilerplate_by_document(boilerplate, documents)
    assert list(removed["rule"]) == ["newsletter", "share"] and removed.loc[0, "share_of_text"] == 0.05
    assert list(vc.boilerplate_lines(boilerplate).columns) == ["doc_id", "rule", "reason", "start", "end", "quote"]
    assert vc.boilerplate_by_document(boilerplate.iloc[0:0], documents).empty
