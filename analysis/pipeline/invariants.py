"""What every build must satisfy before anything is written: unique ids, and every row's span lies in
its document's text and cuts out exactly its quote (`text[start:end] == quote`).

The build (`analysis.pipeline.build`) checks each document's rows in the worker that made them
(`span_problems`) and the whole corpus's ids once the tables are assembled (`check_invariants`,
which can also check every span of finished tables); a broken invariant is a `BuildError` and
nothing is written.
"""
from __future__ import annotations

import pandas as pd

from analysis.corpus.load import Corpus


class BuildError(Exception):
    """An invariant does not hold; nothing was written."""


# (start, end, quote) columns of the tables that name them differently, or whose rows may have no
# span (an unattributed sentence has no attributing phrase, a boilerplate row from the HTML
# extraction covers no text); every other table has "start", "end", "quote" on every row
SPAN_COLUMNS = {"attributions": ("attr_start", "attr_end", "attr_quote"), "mentions": ("start", "end", "surface"),
                "boilerplate": ("start", "end", "quote"), "metadata": ("start", "end", "quote"),
                "sentences": ("start", "end", "text")}
DEFAULT_SPAN = ("start", "end", "quote")
MAX_REPORTED = 20  # problems listed in a BuildError


def span_problems(doc, table: str, rows: list[dict]) -> list[str]:
    """What is wrong with the spans of one document's `rows` of `table` (empty: nothing): each
    row must carry the document's id and a span inside its text that cuts out exactly its quote."""
    s_col, e_col, q_col = SPAN_COLUMNS.get(table, DEFAULT_SPAN)
    optional = table in SPAN_COLUMNS
    text, doc_id, out = doc.text, doc.doc_id, []
    for r in rows:
        s, e, q = r.get(s_col), r.get(e_col), r.get(q_col)
        if s is None or q is None or (isinstance(s, float) and s != s):
            if not optional:
                out.append(f"{table}: row without a span in {doc_id}")
            elif r.get("doc_id") != doc_id:
                out.append(f"{table}: row of {r.get('doc_id')!r} among the rows of {doc_id}")
            continue
        if r.get("doc_id") != doc_id or type(s) is not int or type(e) is not int or not 0 <= s < e <= len(text) \
                or text[s:e] != q:
            out.append(f"{table}: span {r.get('doc_id')}[{s}:{e}] does not match quote {str(q)[:60]!r}")
    return out


def raise_if(problems: list[str]) -> None:
    """A BuildError listing the first problems, if there are any."""
    if problems:
        raise BuildError("invariants broken, nothing written:\n  " + "\n  ".join(problems[:MAX_REPORTED]))


def check_invariants(corpus: Corpus, tables: dict[str, pd.DataFrame], spans: bool = True) -> None:
    """Unique document ids and (doc_id, sent_id) pairs; with `spans`, also every span of every
    table (the build checks spans per document in its workers, `span_problems`, and calls this
    with spans=False)."""
    docs = corpus.documents
    problems = []
    if docs["doc_id"].duplicated().any():
        problems.append(f"duplicate doc_id: {sorted(docs.loc[docs['doc_id'].duplicated(), 'doc_id'])}")
    if corpus.sentences.duplicated(["doc_id", "sent_id"]).any():
        problems.append("duplicate (doc_id, sent_id) in sentences")
    if spans:
        problems += _table_span_problems(corpus, tables)
    raise_if(problems)


def _table_span_problems(corpus: Corpus, tables: dict[str, pd.DataFrame]) -> list[str]:
    texts = {d.doc_id: d.text for d in corpus.docs}
    named = {"sentences": corpus.sentences.rename(columns={"text": "quote"}),
             "boilerplate": corpus.boilerplate.dropna(subset=["start"]),
             "metadata": corpus.metadata.dropna(subset=["start"]), **tables}
    if "attributions" in tables and not tables["attributions"].empty:
        a = tables["attributions"].dropna(subset=["attr_start"])
        named["attributions (source phrase)"] = a.rename(columns={"start": "_s", "end": "_e"}).rename(
            columns={"attr_start": "start", "attr_end": "end", "attr_quote": "quote"})
    if "mentions" in tables and "quote" not in tables["mentions"].columns:
        named["mentions"] = tables["mentions"].rename(columns={"surface": "quote"})
    problems = []
    for name, df in named.items():
        if df.empty or not {"doc_id", "start", "end", "quote"} <= set(df.columns):
            continue
        for row in df[["doc_id", "start", "end", "quote"]].itertuples(index=False):
            t = texts.get(row.doc_id)
            if t is None:
                problems.append(f"{name}: doc_id {row.doc_id!r} is not an accepted document")
                break
            s, e = int(row.start), int(row.end)
            if not (0 <= s < e <= len(t)) or t[s:e] != row.quote:
                problems.append(f"{name}: span {row.doc_id}[{s}:{e}] does not match quote {str(row.quote)[:60]!r}")
                if len(problems) > MAX_REPORTED:
                    return problems
    return problems
