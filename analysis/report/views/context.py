"""The context every view shows a fact in: its document (title, dates, order of publication) and
whether its organisation is the company in focus."""
from __future__ import annotations

import pandas as pd

from analysis.pipeline.values import is_blank, text_or_empty
from analysis.report.format import UNDATED, date_label, shorten

EVIDENCE = ["doc_id", "start", "end", "quote"]
UNKNOWN_OUTLET = "(outlet unknown)"
DOC_COLUMNS = ["doc_id", "doc_order", "doc_label", "title", "outlet", "published", "published_label", "dated"]


def document_order(documents: pd.DataFrame, title_width: int = 40) -> pd.DataFrame:
    """Analysed documents in publication order, undated ones last (by doc_id), with a unique label.

    Columns DOC_COLUMNS; `doc_label` is "<date or 'undated'> · <short title>" (the doc_id is added
    when two labels would collide), `doc_order` 0..n-1.
    """
    docs = documents
    if "status" in docs.columns:
        docs = docs[docs["status"] == "ok"]
    docs = docs.drop_duplicates("doc_id").copy()
    if docs.empty:
        return pd.DataFrame(columns=DOC_COLUMNS)
    for c in ("title", "outlet", "published", "published_precision"):
        if c not in docs.columns:
            docs[c] = None
    docs["doc_id"] = docs["doc_id"].astype(str)
    docs["_pub"] = pd.to_datetime(docs["published"].astype(object).where(docs["published"].notna(), None),
                                  errors="coerce", format="ISO8601")
    docs["dated"] = docs["_pub"].notna()
    docs = docs.sort_values(["dated", "_pub", "doc_id"], ascending=[False, True, True], kind="stable")
    docs["published_label"] = [date_label(p, q) if d else UNDATED
                               for p, q, d in zip(docs["published"], docs["published_precision"], docs["dated"])]
    titles = [shorten(t, title_width) or d for t, d in zip(docs["title"], docs["doc_id"])]
    labels = [f"{p} · {t}" for p, t in zip(docs["published_label"], titles)]
    seen = pd.Series(labels).duplicated(keep=False).tolist()
    docs["doc_label"] = [f"{lab} ({d})" if dup else lab for lab, d, dup in zip(labels, docs["doc_id"], seen)]
    docs["doc_order"] = range(len(docs))
    docs["title"] = docs["title"].astype(object).where(docs["title"].notna(), "")
    docs["outlet"] = docs["outlet"].astype(object).where(docs["outlet"].notna(), UNKNOWN_OUTLET)
    docs["published"] = docs["published"].astype(object).where(docs["dated"], "")
    return docs[DOC_COLUMNS].reset_index(drop=True)


def with_document_fields(facts: pd.DataFrame, documents: pd.DataFrame | None, columns) -> pd.DataFrame:
    """A copy of a fact table with every column in `columns` (None where absent) and its document's
    title ('' if unknown), published and published_precision."""
    df = facts.copy()
    for c in columns:
        if c not in df.columns:
            df[c] = None
    if documents is not None and len(documents):
        docs = documents.drop_duplicates("doc_id")
        cols = [c for c in ("doc_id", "title", "published", "published_precision") if c in docs.columns]
        df = df.drop(columns=[c for c in cols if c != "doc_id" and c in df.columns]).merge(
            docs[cols], on="doc_id", how="left")
    for c in ("title", "published", "published_precision"):
        if c not in df.columns:
            df[c] = None
    df["title"] = df["title"].map(text_or_empty)
    return df


def belongs_to(org, company: str) -> bool:
    """True when `org` is the company or one of its units named after it ("Acme" -> "Acme Labs").
    Case-insensitive; a blank company matches nothing."""
    o, c = text_or_empty(org).strip().lower(), (company or "").strip().lower()
    return bool(o and c) and (o == c or o.startswith(c + " "))


def day_dates(values: pd.Series) -> pd.Series:
    """The day of each ISO date cell (its first ten characters) as a Timestamp; NaT when blank or
    not a date."""
    return pd.to_datetime(values.map(lambda v: None if is_blank(v) else str(v)[:10]), errors="coerce")
