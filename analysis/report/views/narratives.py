"""Data prepared for notebook 05 (narratives): themes per document, tone, debate sides, quotes.

Every function takes the processed tables (`themes`, `theme_shares`, `attributions`, `documents`)
and returns a tidy DataFrame whose rows keep their evidence (doc_id, start, end, quote) so a chart
can show the quote it stands on. Nothing here knows about any company or corpus: themes and sides
come from the tables, documents are ordered by their publication date.
"""
from __future__ import annotations

from typing import Iterable

import pandas as pd

from analysis.extract.themes import THEME_COLUMNS  # noqa: F401 (the table's columns, for the notebook)
from analysis.pipeline.values import is_blank, text_or_empty
from analysis.report.views.context import DOC_COLUMNS, document_order

NO_SIDE = "(no side)"


def select_themes(available: Iterable[str], requested: Iterable[str] | None = None) -> tuple[list[str], list[str]]:
    """(themes to show, requested names that are not in the data). Empty request = all available,
    in their given order; otherwise the requested order."""
    avail = list(dict.fromkeys(str(t) for t in available if not is_blank(t)))
    req = [str(t) for t in (requested or []) if str(t).strip()]
    if not req:
        return avail, []
    return [t for t in req if t in avail], [t for t in req if t not in avail]


def theme_order(theme_shares: pd.DataFrame | None, themes_df: pd.DataFrame | None) -> list[str]:
    """Themes in lexicon order (as theme_shares lists them), then any others found in `themes`."""
    out: list[str] = []
    for df in (theme_shares, themes_df):
        if df is not None and len(df) and "theme" in df.columns:
            out += [t for t in dict.fromkeys(df["theme"].astype(str)) if t not in out]
    return out


def _sentences(themes_df: pd.DataFrame, themes: list[str]) -> pd.DataFrame:
    """One row per (theme, sentence), with the number of distinct cues and |tone|."""
    cols = ["doc_id", "sent_id", "start", "end", "quote", "theme", "side", "tone", "cues"]
    if themes_df is None or themes_df.empty:
        return pd.DataFrame(columns=cols + ["n_cues", "abs_tone"])
    t = themes_df[themes_df["theme"].astype(str).isin(themes)].copy()
    t = t.drop_duplicates(["doc_id", "sent_id", "theme"])
    t["doc_id"] = t["doc_id"].astype(str)
    t["side"] = t["side"].astype(object).where(t["side"].notna(), "").astype(str)
    t["cues"] = t["cues"].astype(object).where(t["cues"].notna(), "").astype(str)
    t["n_cues"] = [len({c.strip().lstrip("!").casefold() for c in s.split(";") if c.strip()}) for s in t["cues"]]
    t["tone"] = pd.to_numeric(t["tone"], errors="coerce")
    t["abs_tone"] = t["tone"].abs()
    return t[cols + ["n_cues", "abs_tone"]]


def _strongest_first(df: pd.DataFrame) -> pd.DataFrame:
    """Order rows strongest first: highest |tone|, then most cues, then reading order."""
    return df.sort_values(["abs_tone", "n_cues", "doc_order", "start"],
                          ascending=[False, False, True, True], kind="stable", na_position="last")


def theme_document_grid(themes_df: pd.DataFrame, theme_shares: pd.DataFrame | None,
                        documents: pd.DataFrame, themes: Iterable[str] | None = None) -> pd.DataFrame:
    """Heatmap data: every analysed document x theme (zeros included), documents in publication
    order. Per cell: n_sentences, share of the document's sentences, mean tone, dominant side and
    the cell's strongest sentence as evidence (doc_id, start, end, quote; empty when n is 0).
    """
    docs = document_order(documents)
    names = list(themes) if themes is not None else theme_order(theme_shares, themes_df)
    cols = ["theme", "theme_order"] + DOC_COLUMNS + ["n_sentences", "doc_sentences", "share", "mean_tone",
                                                     "dominant_side", "start", "end", "quote", "tone"]
    if docs.empty or not names:
        return pd.DataFrame(columns=cols)
    grid = docs.merge(pd.DataFrame({"theme": names, "theme_order": range(len(names))}), how="cross")
    sents = _sentences(themes_df, names).merge(docs[["doc_id", "doc_order"]], on="doc_id")
    counts = sents.groupby(["doc_id", "theme"]).agg(n_sentences=("sent_id", "nunique"),
                                                    mean_tone=("tone", "mean")).reset_index()
    best = _strongest_first(sents).drop_duplicates(["doc_id", "theme"])[["doc_id", "theme", "start", "end",
                                                                           "quote", "tone"]]
    grid = grid.merge(counts, on=["doc_id", "theme"], how="left").merge(best, on=["doc_id", "theme"], how="left")
    grid["n_sentences"] = grid["n_sentences"].fillna(0).astype(int)
    n_doc = {}
    if "n_sentences" in documents.columns:
        n_doc = dict(zip(documents["doc_id"].astype(str), pd.to_numeric(documents["n_sentences"], errors="coerce")))
    grid["doc_sentences"] = grid["doc_id"].map(n_doc).astype(float)
    grid["share"] = (grid["n_sentences"] / grid["doc_sentences"].where(grid["doc_sentences"] > 0)).round(4)
    side = {}
    if theme_shares is not None and len(theme_shares) and "dominant_side" in theme_shares.columns:
        ts = theme_shares.assign(doc_id=theme_shares["doc_id"].astype(str))
        side = {(d, t): text_or_empty(s) for d, t, s in zip(ts["doc_id"], ts["theme"], ts["dominant_side"])}
    grid["dominant_side"] = [side.get((d, t), "") for d, t in zip(grid["doc_id"], grid["theme"])]
    grid["quote"] = grid["quote"].astype(object).where(grid["quote"].notna(), "")
    grid["mean_tone"] = grid["mean_tone"].astype(float).round(4)
    return grid.sort_values(["theme_order", "doc_order"]).reset_index(drop=True)[cols]


def tone_by_theme(themes_df: pd.DataFrame, documents: pd.DataFrame,
                  themes: Iterable[str] | None = None) -> pd.DataFrame:
    """One row per (theme, sentence) with its tone, side and document (for a box / strip chart),
    in theme order then publication order."""
    docs = document_order(documents)
    names = list(themes) if themes is not None else theme_order(None, themes_df)
    s = _sentences(themes_df, names).merge(docs, on="doc_id")
    s["theme_order"] = s["theme"].map({t: i for i, t in enumerate(names)})
    s["side"] = s["side"].where(s["side"] != "", NO_SIDE)
    cols = ["theme", "theme_order", "doc_id", "sent_id", "start", "end", "quote", "tone", "side", "n_cues",
            "doc_order", "doc_label", "title", "outlet", "published_label"]
    if s.empty:
        return pd.DataFrame(columns=cols)
    return s.sort_values(["theme_order", "doc_order", "start"]).reset_index(drop=True)[cols]


def tone_summary(tones: pd.DataFrame) -> pd.DataFrame:
    """Per theme: sentences, median and mean tone, share of negative (< 0) sentences; most negative first."""
    cols = ["theme", "n_sentences", "median_tone", "mean_tone", "share_negative"]
    if tones.empty:
        return pd.DataFrame(columns=cols)
    g = tones.groupby("theme", sort=False).agg(n_sentences=("tone", "size"), median_tone=("tone", "median"),
                                                mean_tone=("tone", "mean"),
                                                share_negative=("tone", lambda x: float((x < 0).mean())))
    g = g.round(4).reset_index()
    return g.sort_values(["median_tone", "theme"], kind="stable").reset_index(drop=True)[cols]


def debate_themes(themes_df: pd.DataFrame, themes: Iterable[str] | None = None) -> list[str]:
    """Themes that are debates: at least one of their sentences leans to a side."""
    if themes_df is None or themes_df.empty:
        return []
    t = themes_df[themes_df["side"].notna() & (themes_df["side"].astype(str).str.strip() != "")]
    found = list(dict.fromkeys(t["theme"].astype(str)))
    if themes is None:
        return found
    return [x for x in themes if x in found]


def debate_sides(themes_df: pd.DataFrame, documents: pd.DataFrame,
                 themes: Iterable[str] | None = None) -> pd.DataFrame:
    """Per debate theme x document x side: sentences leaning to that side (sentences of the theme
    taking no side count as NO_SIDE), documents in publication order, side order as first seen in
    the theme. Evidence: the strongest sentence of each bar segment."""
    debates = debate_themes(themes_df, themes)
    docs = document_order(documents)
    cols = ["theme", "theme_order", "side", "side_order", "n_sentences", "share_of_theme"] + DOC_COLUMNS + \
           ["start", "end", "quote", "tone"]
    if not debates or docs.empty:
        return pd.DataFrame(columns=cols)
    s = _sentences(themes_df, debates).merge(docs, on="doc_id")
    s["side"] = s["side"].where(s["side"] != "", NO_SIDE)
    side_order = {}
    for th in debates:
        sides = [x for x in dict.fromkeys(s.loc[s["theme"] == th].sort_values(["doc_order", "start"])["side"])
                 if x != NO_SIDE]
        for i, x in enumerate(sorted(sides) + [NO_SIDE]):
            side_order[(th, x)] = i
    counts = s.groupby(["theme", "doc_id", "side"]).size().rename("n_sentences").reset_index()
    best = _strongest_first(s).drop_duplicates(["theme", "doc_id", "side"])[
        ["theme", "doc_id", "side", "start", "end", "quote", "tone"]]
    out = counts.merge(best, on=["theme", "doc_id", "side"]).merge(docs, on="doc_id")
    totals = out.groupby(["theme", "doc_id"])["n_sentences"].transform("sum")
    out["share_of_theme"] = (out["n_sentences"] / totals).round(4)
    out["theme_order"] = out["theme"].map({t: i for i, t in enumerate(debates)})
    out["side_order"] = [side_order[(t, x)] for t, x in zip(out["theme"], out["side"])]
    return out.sort_values(["theme_order", "doc_order", "side_order"]).reset_index(drop=True)[cols]


def strongest_quotes(themes_df: pd.DataFrame, documents: pd.DataFrame, attributions: pd.DataFrame | None = None,
                     themes: Iterable[str] | None = None, top: int = 3) -> pd.DataFrame:
    """The `top` strongest sentences per theme: highest |tone|, then most distinct cues, then
    earliest publication; each with its source (attribution kind and who, when the attributions
    table is given) and document title, outlet and date."""
    docs = document_order(documents)
    names = list(themes) if themes is not None else theme_order(None, themes_df)
    cols = ["theme", "rank", "quote", "tone", "n_cues", "cues", "side", "attribution", "attribution_source",
            "title", "outlet", "published_label", "doc_id", "sent_id", "start", "end"]
    s = _sentences(themes_df, names).merge(docs, on="doc_id")
    if s.empty or top <= 0:
        return pd.DataFrame(columns=cols)
    s["theme_order"] = s["theme"].map({t: i for i, t in enumerate(names)})
    s = _strongest_first(s)
    s["rank"] = s.groupby("theme").cumcount() + 1
    s = s[s["rank"] <= top]
    if attributions is not None and len(attributions):
        a = attributions[["doc_id", "sent_id", "attribution", "attribution_source"]].copy()
        a["doc_id"] = a["doc_id"].astype(str)
        s = s.merge(a, on=["doc_id", "sent_id"], how="left")
    else:
        s["attribution"] = None
        s["attribution_source"] = None
    s["attribution"] = s["attribution"].astype(object).where(s["attribution"].notna(), "")
    s["attribution_source"] = s["attribution_source"].astype(object).where(s["attribution_source"].notna(), "")
    return s.sort_values(["theme_order", "rank"]).reset_index(drop=True)[cols]


def focus_mentions(themes_df: pd.DataFrame, mentions: pd.DataFrame | None, focus: str,
                   themes: Iterable[str] | None = None) -> pd.DataFrame:
    """Per theme (of `themes`, default all): theme sentences, and how many of them name the focus
    organisation (mentions table). Empty without a company in focus."""
    cols = ["theme", "n_sentences", "n_with_focus", "share_with_focus"]
    if themes_df is not None and themes is not None:
        themes_df = themes_df[themes_df["theme"].isin(list(themes))]
    if themes_df is None or themes_df.empty or not focus:
        return pd.DataFrame(columns=cols)
    t = themes_df.drop_duplicates(["doc_id", "sent_id", "theme"])[["doc_id", "sent_id", "theme"]].copy()
    t["doc_id"] = t["doc_id"].astype(str)
    hit = set()
    if mentions is not None and len(mentions):
        m = mentions[mentions["entity"].astype(str).str.casefold() == focus.casefold()]
        hit = set(zip(m["doc_id"].astype(str), m["sent_id"].astype(int)))
    t["with_focus"] = [(d, int(s)) in hit for d, s in zip(t["doc_id"], t["sent_id"])]
    g = t.groupby("theme", sort=False).agg(n_sentences=("sent_id", "size"), n_with_focus=("with_focus", "sum"))
    g["share_with_focus"] = (g["n_with_focus"] / g["n_sentences"]).round(4)
    return g.reset_index()[cols]
