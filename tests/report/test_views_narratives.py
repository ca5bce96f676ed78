"""views_narratives: document order, heatmap grid, tone, debate sides, strongest quotes (synthetic tables)."""
from __future__ import annotations

import pandas as pd

from analysis.report.views import narratives as vn
from analysis.report.views.context import UNKNOWN_OUTLET

DOCS = pd.DataFrame({
    "doc_id": ["u", "late", "early", "rej"],
    "title": ["Undated piece", "Later story", "Earlier story", "Rejected"],
    "outlet": [None, "Outlet B", "Outlet A", None],
    "published": [None, "2024-03-10", "2024-01", None],
    "published_precision": ["unknown", "day", "month", "unknown"],
    "n_sentences": [10, 4, 5, 3],
    "status": ["ok", "ok", "ok", "rejected"],
})


def row(doc, sent, theme, tone, side="", cues="c", start=None):
    start = sent * 100 if start is None else start
    return {"doc_id": doc, "sent_id": sent, "start": start, "end": start + 5, "quote": f"{doc}-{sent}",
            "theme": theme, "cue": "c", "cue_start": start, "cue_end": start + 1, "side": side,
            "tone": tone, "negated": False, "cues": cues}


THEMES = pd.DataFrame([
    row("late", 0, "debate", 0.2, "left"),
    row("late", 1, "debate", -0.9, "right", cues="a; b; !c"),
    row("late", 1, "plain", -0.9),
    row("early", 0, "debate", 0.5, "left"),
    row("early", 1, "debate", 0.1, ""),
    row("u", 2, "plain", 0.3),
    row("u", 3, "plain", -0.3, cues="x; y"),
])


def test_document_order_dated_first_undated_last_and_rejected_dropped():
    d = vn.document_order(DOCS)
    assert list(d["doc_id"]) == ["early", "late", "u"]
    assert list(d["published_label"]) == ["2024-01", "2024-03-10", "undated"]
    assert d["doc_label"].iloc[2].startswith("undated · ")
    assert d["outlet"].iloc[2] == UNKNOWN_OUTLET
    assert d["doc_label"].is_unique


def test_document_labels_disambiguated_when_they_collide():
    docs = pd.DataFrame({"doc_id": ["a", "b"], "title": ["Same", "Same"], "published": [None, None],
                         "published_precision": [None, None], "status": ["ok", "ok"]})
    labels = vn.document_order(docs)["doc_label"]
    assert labels.is_unique and labels.str.contains(r"\(a\)").any()


def test_select_themes_keeps_requested_order_and_reports_unknown():
    assert vn.select_themes(["a", "b", "c"], []) == (["a", "b", "c"], [])
    assert vn.select_themes(["a", "b", "c"], ["c", "zzz", "a"]) == (["c", "a"], ["zzz"])


def test_grid_is_complete_with_zero_cells_and_strongest_quote():
    g = vn.theme_document_grid(THEMES, None, DOCS, ["debate", "plain"])
    assert len(g) == 3 * 2
    cell = g[(g["doc_id"] == "late") & (g["theme"] == "debate")].iloc[0]
    assert cell["n_sentences"] == 2 and cell["share"] == 0.5
    assert cell["quote"] == "late-1"  # |tone| 0.9 beats 0.2
    empty = g[(g["doc_id"] == "u") & (g["theme"] == "debate")].iloc[0]
    assert empty["n_sentences"] == 0 and empty["quote"] == ""
    assert list(g.loc[g["theme"] == "debate", "doc_id"]) == ["early", "late", "u"]


def test_grid_empty_when_no_themes():
    g = vn.theme_document_grid(pd.DataFrame(columns=THEMES.columns), None, DOCS, [])
    assert g.empty


def test_tone_summary_orders_most_negative_first():
    tones = vn.tone_by_theme(THEMES, DOCS, ["debate", "plain"])
    assert len(tones) == len(THEMES)
    assert (tones.loc[tones["side"] == vn.NO_SIDE, "theme"] == "plain").sum() == 3
    s = vn.tone_summary(tones)
    assert list(s["theme"]) == ["plain", "debate"]
    assert s.loc[s["theme"] == "plain", "share_negative"].iloc[0] == round(2 / 3, 4)


def test_debate_sides_counts_per_document_and_no_side():
    assert vn.debate_themes(THEMES) == ["debate"]
    s = vn.debate_sides(THEMES, DOCS)
    late = s[s["doc_id"] == "late"].set_index("side")["n_sentences"].to_dict()
    assert late == {"left": 1, "right": 1}
    early = s[s["doc_id"] == "early"].set_index("side")["share_of_theme"].to_dict()
    assert early == {"left": 0.5, vn.NO_SIDE: 0.5}
    assert s.groupby("doc_id")["side_order"].apply(lambda x: x.is_monotonic_increasing).all()
    assert s.loc[s["side"] == vn.NO_SIDE, "side_order"].min() > s.loc[s["side"] != vn.NO_SIDE, "side_order"].max()
    assert list(dict.fromkeys(s["doc_id"])) == ["early", "late"]


def test_strongest_quotes_rank_by_abs_tone_then_cues_and_join_attribution():
    att = pd.DataFrame({"doc_id": ["u", "late"], "sent_id": [3, 1], "attribution": ["anonymous", "analyst"],
                        "attribution_source": ["people familiar", "Some Bank"]})
    q = vn.strongest_quotes(THEMES, DOCS, att, ["plain"], top=2)
    assert list(q["quote"]) == ["late-1", "u-3"]  # 0.9, then 0.3 with 2 cues beats 0.3 with 1
    assert list(q["rank"]) == [1, 2]
    assert list(q["attribution"]) == ["analyst", "anonymous"]
    assert q["title"].iloc[0] == "Later story"
    assert vn.strongest_quotes(THEMES, DOCS, None, ["plain"], top=0).empty


def test_focus_mentions_counts_sentences_naming_the_focus():
    m = pd.DataFrame({"doc_id": ["late", "u"], "sent_id": [1, 9], "entity": ["Acme", "Acme"], "type": ["org", "org"]})
    f = vn.focus_mentions(THEMES, m, "acme").set_index("theme")
    assert f.loc["plain", "n_with_focus"] == 1 and f.loc["debate", "n_with_focus"] == 1
    assert vn.focus_mentions(THEMES, m, "").empty  # no company in focus: nothing to count
    only = vn.focus_mentions(THEMES, m, "acme", themes=["plain"])
    assert list(only["theme"]) == ["plain"]
