"""Tables as the pages show them: at most `MAX_ROWS` rows of plain HTML, each evidence row with an
anchor (`format.evidence_anchor`) other pages link to.

The HTML is a plain `<table class="nb-table">` inside a `mathjax_ignore` block (JupyterLab would
otherwise typeset the text between two dollar amounts as LaTeX). The exported pages add search, sort
and pages to it with the small script of the `offline` template (no library, no network); JupyterLab
shows the same rows as a plain table.
"""
from __future__ import annotations

import html
from collections.abc import Iterable

import pandas as pd

from analysis.pipeline.values import is_blank
from analysis.report.format import evidence_anchor

MAX_ROWS = 500
EVIDENCE_KEYS = ("doc_id", "start", "end")


def cell_text(v) -> str:
    """A cell as text: '' for blank, whole floats without '.0', other floats to 6 digits."""
    if is_blank(v):
        return ""
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else f"{v:.6g}"
    return str(v)


def row_anchors(df: pd.DataFrame) -> list[str]:
    """The anchor of each row ('' for a row without a span, or a span already anchored above)."""
    if not all(k in df.columns for k in EVIDENCE_KEYS):
        return [""] * len(df)
    out, seen = [], set()
    for d, s, e in df[list(EVIDENCE_KEYS)].itertuples(index=False):
        a = "" if is_blank(d) or is_blank(s) or is_blank(e) else evidence_anchor(d, s, e)
        out.append("" if a in seen else a)
        seen.add(a)
    return out


class Table:
    """A DataFrame shown as at most `max_rows` rows: the first ones, plus any row whose anchor is in
    `keep` (so a link from the front page always lands); a note says how many rows are left out.
    `anchored`: the rows carry their anchors as HTML ids (one evidence table per page)."""

    def __init__(self, df: pd.DataFrame, keep: Iterable[str] = (), max_rows: int = MAX_ROWS, anchored: bool = False):
        if not isinstance(df.index, pd.RangeIndex):
            df = df.reset_index()
        anchors = row_anchors(df) if anchored else [""] * len(df)
        keep = set(keep)
        chosen = [i for i, a in enumerate(anchors) if i < max_rows or (a and a in keep)]
        self.n_total = len(df)
        self.data = df.iloc[chosen].reset_index(drop=True)
        self.anchors = [anchors[i] for i in chosen]

    def __repr__(self) -> str:
        return f"<table of {len(self.data)} rows (of {self.n_total}) × {self.data.shape[1]} columns>"

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{html.escape(str(c))}</th>" for c in self.data.columns)
        rows = []
        for anchor, values in zip(self.anchors, self.data.itertuples(index=False)):
            rid = f' id="{anchor}"' if anchor else ""
            cells = "".join(f"<td>{html.escape(cell_text(v))}</td>" for v in values)
            rows.append(f"<tr{rid}>{cells}</tr>")
        note = ""
        if self.n_total > len(self.data):
            note = (f'<p class="nb-table-note">{len(self.data)} of {self.n_total} rows shown (the first '
                    f"{MAX_ROWS}, and any row another page links to).</p>")
        return (f'<div class="nb-table-wrap mathjax_ignore tex2jax_ignore">{note}<table class="nb-table">'
                f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>")
