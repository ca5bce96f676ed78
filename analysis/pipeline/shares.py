"""How much of each document is about each theme: `theme_shares`, across documents.

Reads the themes table (`analysis/extract/themes.py`, one row per sentence x theme) and the
documents table, and returns one row per document x theme (columns SHARE_COLUMNS) for charting
themes over publication date.
"""
from __future__ import annotations

import re
from typing import Iterable, Mapping

import numpy as np
import pandas as pd

from analysis.extract.themes import THEME_COLUMNS, theme_names

SHARE_COLUMNS = [
    "doc_id", "theme", "n_sentences", "doc_sentences", "share", "mean_tone", "dominant_side",
    "side_counts", "published", "published_date", "published_precision", "title", "outlet",
]

# the columns of the themes table `theme_shares` reads
SHARE_INPUT_COLUMNS = ["doc_id", "sent_id", "theme", "side", "tone"]


def theme_shares(themes_df: pd.DataFrame, documents_df: pd.DataFrame,
                 n_sentences: Mapping[str, int] | None = None,
                 themes: Iterable[str] | None = None,
                 statuses: Iterable[str] | None = None) -> pd.DataFrame:
    """Per document x theme: how much of the document is about the theme, its tone and side.

    Columns SHARE_COLUMNS. The grid is complete (every document x every theme, zero rows
    included, so a chart over publication date shows absences as 0):

    * n_sentences     distinct sentences of the document matching the theme
    * doc_sentences   article sentences in the document: `n_sentences` mapping (doc_id -> count,
                      e.g. {d.doc_id: len(d.sentences)}), else a `n_sentences` column of
                      documents_df, else NaN (share is then NaN too)
    * share           n_sentences / doc_sentences
    * mean_tone       mean VADER compound of the matching sentences (NaN when none)
    * dominant_side   side with the most side-labelled sentences; "mixed" on a tie; "" when none
    * side_counts     e.g. "open:3; closed:1"
    * published_date  `published` parsed to a Timestamp (NaT when empty) for plotting

    `themes` restricts / orders the theme axis (default: lexicon order plus any extra themes found).
    `statuses`, if given, keeps only documents whose `status` is in it.
    """
    docs = documents_df.copy()
    if statuses is not None and "status" in docs.columns:
        docs = docs[docs["status"].isin(list(statuses))]
    doc_ids = list(dict.fromkeys(docs["doc_id"].astype(str)))
    tdf = themes_df.copy() if themes_df is not None else pd.DataFrame(columns=THEME_COLUMNS)
    if len(tdf):
        tdf["doc_id"] = tdf["doc_id"].astype(str)
    if themes is None:
        try:
            names = theme_names()
        except FileNotFoundError:
            names = []
        names += [t for t in dict.fromkeys(tdf.get("theme", pd.Series(dtype=str)).tolist()) if t not in names]
    else:
        names = list(themes)

    counts: dict[str, float] = {}
    if n_sentences is not None:
        counts = {str(k): v for k, v in n_sentences.items()}
    elif "n_sentences" in docs.columns:
        counts = dict(zip(docs["doc_id"].astype(str), docs["n_sentences"]))
    meta = docs.drop_duplicates("doc_id")
    meta = meta.set_index(meta["doc_id"].astype(str))

    stats = _share_stats(tdf) if len(tdf) else {}
    if not doc_ids or not names:
        out = pd.DataFrame([], columns=SHARE_COLUMNS)
        out["published_date"] = pd.to_datetime(out["published_date"], errors="coerce")
        return out

    # per document (once, not once per theme): size and metadata
    parsed: dict[str, object] = {}
    per_doc = {}
    cols = [c for c in ("published", "published_precision", "title", "outlet") if c in meta.columns]
    if meta.index.is_unique:
        # column values as lists once (a .loc per document is slow); same values as meta.loc[d][c]
        values = {c: dict(zip(meta.index, meta[c].tolist())) for c in cols}
        row_of = {d: True for d in meta.index}
        get_row = lambda d: {c: values[c][d] for c in cols}  # noqa: E731
    else:
        row_of = {d: True for d in meta.index}
        get_row = lambda d: meta.loc[d]  # noqa: E731
    for d in doc_ids:
        total = counts.get(d)
        total = float(total) if total is not None and pd.notna(total) and total > 0 else float("nan")
        if d in row_of and len(meta.columns):
            m = get_row(d)
            published = m.get("published", "")
            published = "" if published is None or (isinstance(published, float) and pd.isna(published)) else published
            extra = tuple(m.get(c, "") for c in ("published_precision", "title", "outlet"))
        else:
            published, extra = "", ("", "", "")
        pub_s = str(published)
        per_doc[d] = (total, pub_s, bool(published)) + extra
    # `pd.to_datetime(str, errors="coerce")` once per distinct string; plain ISO days in one call
    # (same Timestamps: the scalar call infers exactly this format for them)
    todo = {p for _, p, has, *_ in per_doc.values() if has}
    iso = [p for p in todo if _ISO_DAY.match(p)]
    if iso:
        parsed.update(zip(iso, pd.to_datetime(iso, format="%Y-%m-%d", errors="coerce")))
    for p in todo:
        if p not in parsed:
            parsed[p] = pd.to_datetime(p, errors="coerce")

    nan = float("nan")
    k = len(names)
    empty = (0, nan, "", "")
    cells = [stats.get((d, th), empty) for d in doc_ids for th in names]
    docs_meta = [per_doc[d] for d in doc_ids]
    rep = lambda i: [m[i] for m in docs_meta for _ in range(k)]  # noqa: E731
    totals = rep(0)
    out = pd.DataFrame({
        "doc_id": [d for d in doc_ids for _ in range(k)], "theme": list(names) * len(doc_ids),
        "n_sentences": [c[0] for c in cells], "doc_sentences": totals,
        "share": [c[0] / t if t == t else nan for c, t in zip(cells, totals)],
        "mean_tone": [c[1] for c in cells], "dominant_side": [c[2] for c in cells],
        "side_counts": [c[3] for c in cells], "published": rep(1),
        "published_date": [parsed[m[1]] if m[2] else pd.NaT for m in docs_meta for _ in range(k)],
        "published_precision": rep(3), "title": rep(4), "outlet": rep(5),
    }, columns=SHARE_COLUMNS)
    out["published_date"] = pd.to_datetime(out["published_date"], errors="coerce")
    return out


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}$")


def _share_stats(tdf: pd.DataFrame) -> dict[tuple, tuple]:
    """(doc_id, theme) -> (n_sentences, mean_tone, dominant_side, side_counts), in O(rows).

    Same numbers as per-group pandas: distinct sentences (first row of each), `Series.mean` of
    their tones (pairwise float sum over the group's values in row order, NaN skipped), side
    counts ordered by count, ties by first appearance (as `value_counts`)."""
    t = tdf[tdf["doc_id"].notna() & tdf["theme"].notna()]
    per_sent = t.drop_duplicates(["doc_id", "theme", "sent_id"])
    if not len(per_sent):
        return {}
    # group ids in order of first appearance; stable sort keeps row order inside a group
    gids = per_sent.groupby(["doc_id", "theme"], sort=False).ngroup().to_numpy().astype(np.int64)
    order = np.argsort(gids, kind="stable")
    sorted_g = gids[order]
    bounds = np.flatnonzero(np.diff(sorted_g)) + 1
    starts = np.concatenate(([0], bounds)).astype(np.int64)
    ends = np.concatenate((bounds, [len(sorted_g)])).astype(np.int64)
    first_rows = order[starts]
    keys_by_g = list(zip(per_sent["doc_id"].take(first_rows).tolist(),
                         per_sent["theme"].take(first_rows).tolist()))

    # rows are distinct per (doc, theme, sent_id): distinct sentences = rows with a sent_id
    has_sent = per_sent["sent_id"].notna().to_numpy()[order].astype(np.int64)
    n_by_g = np.add.reduceat(has_sent, starts).tolist()

    tone_s = per_sent["tone"]
    float_tones = tone_s.dtype == np.float64
    if float_tones:
        # Series.mean == (NaN -> 0).sum() / non-NaN count; numpy sums 2..7 values left to right
        # (one value: v + 0.0), more values pairwise: vectorise the short groups, slice the rest
        tv = tone_s.to_numpy()[order]
        ok = ~np.isnan(tv)
        tv = np.where(ok, tv, 0.0)
        cnt = np.add.reduceat(ok.astype(np.int64), starts)
        sizes = ends - starts
        sums = tv[starts] + 0.0
        acc = tv[starts].copy()
        for k in range(1, 7):
            m = sizes > k
            if not m.any():
                break
            acc[m] = acc[m] + tv[starts[m] + k]
        short = (sizes >= 2) & (sizes <= 7)
        sums[short] = acc[short]
        for g in np.flatnonzero(sizes >= 8).tolist():
            sums[g] = tv[starts[g]:ends[g]].copy().sum()
        means = [float(x / c) if c else float("nan") for x, c in zip(sums.tolist(), cnt.tolist())]
    else:
        tv_obj = tone_s.to_numpy()[order]

    sides_all = per_sent["side"].fillna("").astype(str).tolist()
    sides = [sides_all[i] for i in order.tolist()]
    out: dict[tuple, tuple] = {}
    for g, (s, e) in enumerate(zip(starts.tolist(), ends.tolist())):
        if float_tones:
            mean_tone = means[g]
        else:
            mean_tone = float(pd.Series(tv_obj[s:e], dtype=tone_s.dtype).mean())
        if e - s == 1:
            v = sides[s]
            out[keys_by_g[g]] = (n_by_g[g], mean_tone, v, f"{v}:1" if v else "")
            continue
        vc: dict[str, int] = {}
        for v in sides[s:e]:
            if v != "":
                vc[v] = vc.get(v, 0) + 1
        if not vc:
            dominant, side_counts = "", ""
        else:
            ranked = sorted(vc.items(), key=lambda kv: -kv[1])   # stable: ties keep first appearance
            if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
                dominant = "mixed"
            else:
                dominant = str(ranked[0][0])
            side_counts = "; ".join(f"{k}:{int(v)}" for k, v in ranked)
        out[keys_by_g[g]] = (n_by_g[g], mean_tone, dominant, side_counts)
    return out
