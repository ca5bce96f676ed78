"""Theme shares per document (analysis/pipeline/shares.py) from the themes table."""
from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest

from analysis.corpus.doc import make_doc
from analysis.extract.themes import themes_frame
from analysis.pipeline.shares import SHARE_COLUMNS, SHARE_INPUT_COLUMNS, theme_shares

from theme_lexicon import LEX



def test_theme_shares():
    d1 = make_doc("Open-source wins. Proprietary loses. Open weights rule. Nothing here.",
                  doc_id="a", published=dt.date(2025, 1, 2))
    d2 = make_doc("Rivals poached staff. Nothing else.", doc_id="b")
    tdf = themes_frame([d1, d2], LEX)
    documents = pd.DataFrame({"doc_id": ["a", "b"], "title": ["A", "B"], "outlet": ["X", "Y"],
                              "published": ["2025-01-02", ""], "published_precision": ["day", "unknown"],
                              "status": ["ok", "ok"]})
    out = theme_shares(tdf, documents, n_sentences={"a": len(d1.sentences), "b": len(d2.sentences)},
                       themes=["open_vs_closed", "talent"])
    assert list(out.columns) == SHARE_COLUMNS
    assert len(out) == 4  # complete grid, zero rows included
    a = out[(out.doc_id == "a") & (out.theme == "open_vs_closed")].iloc[0]
    assert a.n_sentences == 3 and a.doc_sentences == 4 and a.share == pytest.approx(0.75)
    assert a.dominant_side == "open" and a.side_counts == "open:2; closed:1"
    assert a.published_date == pd.Timestamp("2025-01-02")
    z = out[(out.doc_id == "b") & (out.theme == "open_vs_closed")].iloc[0]
    assert z.n_sentences == 0 and z.share == 0 and math.isnan(z.mean_tone) and pd.isna(z.published_date)
    t = out[(out.doc_id == "b") & (out.theme == "talent")].iloc[0]
    assert t.share == pytest.approx(0.5)
    # without sentence counts the share is unknown, not invented
    out2 = theme_shares(tdf, documents, themes=["talent"])
    assert out2["share"].isna().all() and list(out2["n_sentences"]) == [0, 1]


def test_theme_shares_tie_is_mixed():
    d = make_doc("Open-source is good. Proprietary is good.", doc_id="m")
    tdf = themes_frame([d], LEX)
    documents = pd.DataFrame({"doc_id": ["m"], "published": [""], "n_sentences": [2]})
    out = theme_shares(tdf, documents, themes=["open_vs_closed"])
    assert out.iloc[0].dominant_side == "mixed" and out.iloc[0].share == 1.0


def _shares_reference(themes_df, documents_df, names):
    """theme_shares by its definition: pandas work per (document, theme) group."""
    docs = documents_df
    doc_ids = list(dict.fromkeys(docs["doc_id"].astype(str)))
    tdf = themes_df.copy()
    tdf["doc_id"] = tdf["doc_id"].astype(str)
    counts = dict(zip(docs["doc_id"].astype(str), docs["n_sentences"]))
    meta = docs.drop_duplicates("doc_id").set_index(docs.drop_duplicates("doc_id")["doc_id"].astype(str))
    grouped = {k: g for k, g in tdf.groupby(["doc_id", "theme"])}
    rows = []
    for d in doc_ids:
        for th in names:
            g = grouped.get((d, th))
            if g is not None:
                per_sent = g.drop_duplicates("sent_id")
                n, mean_tone = int(per_sent["sent_id"].nunique()), float(per_sent["tone"].mean())
                sides = per_sent["side"].fillna("").astype(str)
                vc = sides[sides != ""].value_counts()
                dominant = "" if len(vc) == 0 else "mixed" if len(vc) > 1 and vc.iloc[0] == vc.iloc[1] \
                    else str(vc.index[0])
                side_counts = "; ".join(f"{k}:{int(v)}" for k, v in vc.items())
            else:
                n, mean_tone, dominant, side_counts = 0, float("nan"), "", ""
            total = counts.get(d)
            total = float(total) if total is not None and pd.notna(total) and total > 0 else float("nan")
            m = meta.loc[d]
            published = m.get("published", "")
            published = "" if published is None or (isinstance(published, float) and pd.isna(published)) else published
            rows.append({
                "doc_id": d, "theme": th, "n_sentences": n, "doc_sentences": total,
                "share": n / total if total == total else float("nan"), "mean_tone": mean_tone,
                "dominant_side": dominant, "side_counts": side_counts, "published": str(published),
                "published_date": pd.to_datetime(str(published), errors="coerce") if published else pd.NaT,
                "published_precision": m.get("published_precision", ""), "title": m.get("title", ""),
                "outlet": m.get("outlet", ""),
            })
    out = pd.DataFrame(rows, columns=SHARE_COLUMNS)
    out["published_date"] = pd.to_datetime(out["published_date"], errors="coerce")
    return out


def test_vectorised_shares_equal_the_per_group_definition():
    rng = np.random.default_rng(5)
    n_docs, n_rows = 40, 900
    docs = pd.DataFrame({
        "doc_id": [f"d{i}" for i in range(n_docs)],
        "n_sentences": rng.integers(0, 30, n_docs),
        "published": rng.choice(["", "2024-05-01", "2024-02-30", "2024-06", "May 3, 2024", "2025"], n_docs),
        "published_precision": rng.choice(["day", "month", "unknown"], n_docs),
        "title": [f"T{i}" for i in range(n_docs)], "outlet": rng.choice(["X", "Y"], n_docs),
    })
    tone = np.round(rng.uniform(-1, 1, n_rows), 4)
    tone[rng.integers(0, n_rows, 40)] = np.nan
    themes_df = pd.DataFrame({
        "doc_id": rng.choice(docs["doc_id"][:30], n_rows), "sent_id": rng.integers(0, 25, n_rows),
        "theme": rng.choice(["a", "b", "c"], n_rows), "tone": tone,
        "side": rng.choice(["open", "closed", "", None], n_rows),
    })
    names = ["a", "b", "c", "zz"]
    got = theme_shares(themes_df, docs, themes=names)
    pd.testing.assert_frame_equal(got, _shares_reference(themes_df, docs, names), check_exact=True)


def test_theme_shares_read_only_the_declared_columns():
    """The build sends only SHARE_INPUT_COLUMNS of the themes table to the worker computing shares."""
    from analysis import config
    from analysis.pipeline.build import build

    r = build(config.SEEDS_DIR, None, jobs=1)
    themes, docs = r.tables["themes"], r.corpus.documents
    assert len(themes)
    pd.testing.assert_frame_equal(theme_shares(themes[SHARE_INPUT_COLUMNS], docs), theme_shares(themes, docs))
    pd.testing.assert_frame_equal(r.tables["theme_shares"], theme_shares(themes, docs))
