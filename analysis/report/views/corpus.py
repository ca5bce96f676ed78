"""Data prepared for notebook 00 (corpus): the documents read, their dates, lengths and boilerplate."""
from __future__ import annotations

import pandas as pd

from analysis.report.views.context import UNKNOWN_OUTLET


def documents_view(documents: pd.DataFrame) -> pd.DataFrame:
    cols = ["doc_id", "title", "outlet", "published", "published_precision", "date_source", "n_words",
            "n_boilerplate", "status", "reason"]
    return documents[cols].fillna({"reason": ""}).reset_index(drop=True)


def publication_timeline(documents: pd.DataFrame, metadata: pd.DataFrame) -> pd.DataFrame:
    """One row per dated accepted document with the evidence of its date (quote and span when the
    date was read from the text)."""
    ok = documents[(documents["status"] == "ok") & documents["published"].notna()].copy()
    chosen = metadata[(metadata["field"] == "published") & (metadata["chosen"].astype(str) == "True")]
    chosen = chosen[["doc_id", "quote", "start", "end"]].rename(columns={"quote": "date_quote"})
    out = ok.merge(chosen, on="doc_id", how="left")
    out["outlet"] = out["outlet"].fillna(UNKNOWN_OUTLET)
    out["published"] = pd.to_datetime(out["published"])
    cols = ["doc_id", "title", "outlet", "published", "published_precision", "date_source", "date_quote",
            "start", "end", "n_words"]
    return out[cols].sort_values(["published", "doc_id"]).reset_index(drop=True)


def undated(documents: pd.DataFrame) -> pd.DataFrame:
    d = documents[(documents["status"] == "ok") & documents["published"].isna()]
    return d[["doc_id", "title", "outlet"]].reset_index(drop=True)


def boilerplate_by_document(boilerplate: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Characters removed per document and rule (long form, ready for a stacked bar)."""
    ok = documents.loc[documents["status"] == "ok", ["doc_id", "n_chars"]]
    if boilerplate.empty:
        return pd.DataFrame(columns=["doc_id", "rule", "reason", "n_chars", "n_lines", "share_of_text"])
    g = (boilerplate.groupby(["doc_id", "rule", "reason"], as_index=False)
         .agg(n_chars=("n_chars", "sum"), n_lines=("rule", "size")))
    g = g.merge(ok.rename(columns={"n_chars": "doc_chars"}), on="doc_id", how="left")
    g["share_of_text"] = (g["n_chars"] / g["doc_chars"]).round(4)
    return g.drop(columns="doc_chars").sort_values(["doc_id", "rule"]).reset_index(drop=True)


def not_analysed(documents: pd.DataFrame) -> pd.DataFrame:
    return documents.loc[documents["status"] != "ok", ["doc_id", "path", "status", "reason"]].reset_index(drop=True)


def word_counts(documents: pd.DataFrame) -> pd.DataFrame:
    """Words and sentences of each analysed document, shortest first."""
    ok = documents[documents["status"] == "ok"]
    return ok[["doc_id", "title", "n_words", "n_sentences"]].sort_values("n_words")


def boilerplate_lines(boilerplate: pd.DataFrame) -> pd.DataFrame:
    """Every line removed as boilerplate, with the rule that removed it and its evidence."""
    return boilerplate[["doc_id", "rule", "reason", "start", "end", "quote"]]
