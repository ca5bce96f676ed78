"""Theme matching: word boundaries, case, hyphen/space/plural variants, negation, sides, shares."""
from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

from analysis.doc import make_doc
from analysis.themes import (
    SHARE_COLUMNS, THEME_COLUMNS, cue_regex, extract_themes, lexicon_from_dict, load_lexicon,
    theme_names, theme_shares, themes_frame,
)

# A small lexicon of the same shape as data/themes.yaml, so these tests do not depend on the
# curated cue lists (which users edit); one test below checks the shipped file too.
LEX = lexicon_from_dict({
    "negation": {"window": 4,
                 "negators": ["not", "no", "never", "no longer", "without", "abandon*",
                              "instead of", "rather than"],
                 "scope_breakers": ["but", "and", "while", "which"]},
    "themes": [
        {"name": "open_vs_closed", "description": "d", "cues": ["weights"],
         "sides": {"open": {"cues": ["open-source", "open weights"]},
                   "closed": {"cues": ["proprietary", "closed-source", "closed model"]}}},
        {"name": "ai_general", "description": "d", "cues": ["AI", {"cue": "MoE", "case": True}]},
        {"name": "talent", "description": "d", "cues": ["poach*", "talent war"]},
        {"name": "meta_vs_ai", "description": "d", "requires": ["metaverse"], "cues": ["pivot"],
         "sides": {"metaverse": {"cues": ["metaverse"]}, "ai": {"cues": ["generative AI"]}}},
    ],
})


def rows(text, lex=LEX, **kw):
    return extract_themes(make_doc(text, doc_id="t", **kw), lex)


def by_theme(text, theme, lex=LEX):
    return [r for r in rows(text, lex) if r["theme"] == theme]


def test_row_shape_and_offsets():
    text = "Intro line here.\n\nThe lab released an open-source model. It was praised widely."
    doc = make_doc(text, doc_id="d1")
    out = extract_themes(doc, LEX)
    assert out, "expected at least one match"
    for r in out:
        assert list(r) == THEME_COLUMNS
        assert doc.text[r["start"]:r["end"]] == r["quote"]
        assert doc.text[r["cue_start"]:r["cue_end"]] == r["cue"]
        assert r["start"] <= r["cue_start"] < r["cue_end"] <= r["end"]
        assert -1.0 <= r["tone"] <= 1.0
    oc = [r for r in out if r["theme"] == "open_vs_closed"]
    assert len(oc) == 1 and oc[0]["side"] == "open" and oc[0]["cue"] == "open-source"


def test_word_boundaries():
    # "open" inside OpenAI, "AI" inside "said" / "OpenAI" must not match
    assert by_theme("OpenAI said the company is growing.", "ai_general") == []
    assert by_theme("OpenAI said the open models are fine.", "open_vs_closed") == []
    assert len(by_theme("He said AI is growing.", "ai_general")) == 1
    # a cue must not match inside a longer word
    assert by_theme("The proprietaryness index rose.", "open_vs_closed") == []
    assert by_theme("Unpoached eggs were served.", "talent") == []


def test_case_insensitive_and_case_sensitive_cues():
    assert by_theme("OPEN-SOURCE models are popular.", "open_vs_closed")[0]["side"] == "open"
    assert by_theme("Proprietary systems dominate.", "open_vs_closed")[0]["side"] == "closed"
    # MoE is declared case-sensitive: "moe" (a name) must not match, "MoE" must
    assert by_theme("The lab chose a MoE design.", "ai_general")[0]["cue"] == "MoE"
    assert by_theme("My friend moe is here.", "ai_general") == []


@pytest.mark.parametrize("variant", ["open-source", "open source", "Open Source", "open‑source",
                                     "open - source"])
def test_hyphen_and_space_variants(variant):
    r = by_theme(f"The firm kept its {variant} approach.", "open_vs_closed")
    assert len(r) == 1 and r[0]["side"] == "open"


def test_plural_possessive_and_wildcard():
    assert by_theme("Closed models are catching up.", "open_vs_closed")[0]["side"] == "closed"
    assert by_theme("The closed model's weights leaked.", "open_vs_closed")[0]["side"] == "closed"
    assert by_theme("Rivals poached three researchers.", "talent")[0]["cue"] == "poached"
    assert by_theme("The poaching continued.", "talent")[0]["cue"] == "poaching"
    # the wildcard still needs a word start
    assert by_theme("Ripoaching is not a word.", "talent") == []


def test_cue_regex_does_not_bridge_words():
    assert cue_regex("open AI").search("OpenAI is a lab") is None
    assert cue_regex("open AI").search("an open AI model") is not None


@pytest.mark.parametrize("text", [
    "The new model is not open-source.",
    "The model is no longer open-source.",
    "The lab released it without open weights.",
    "The model isn't open-source anymore.",
    "The lab will never be open-source.",
])
def test_negated_side_cue_votes_for_no_side(text):
    r = by_theme(text, "open_vs_closed")
    assert len(r) == 1, "a negated cue still puts the sentence in the debate"
    assert r[0]["side"] == "", "a negated cue must not flip or keep a side"
    assert r[0]["negated"] is True
    assert r[0]["cues"].startswith("!")


def test_negation_does_not_flip_to_other_side():
    # negated closed cue must not become "open"
    r = by_theme("The system is not proprietary.", "open_vs_closed")
    assert r[0]["side"] == ""
    # but a non-negated cue of the other side decides
    r = by_theme("The lab is abandoning open-source work for a proprietary model.", "open_vs_closed")
    assert r[0]["side"] == "closed" and r[0]["cue"] == "proprietary" and r[0]["negated"] is False


def test_negation_scope_is_limited():
    # negator too far away (more than 4 words) or in another clause: cue is not negated
    r = by_theme("It did not matter, the model was open-source.", "open_vs_closed")
    assert r[0]["side"] == "open" and r[0]["negated"] is False
    r = by_theme("No one expected that a very large lab would go open-source.", "open_vs_closed")
    assert r[0]["side"] == "open"
    r = by_theme("This is not cheap but it is open-source.", "open_vs_closed")
    assert r[0]["side"] == "open"
    r = by_theme("The non-open-source rival gained users.", "open_vs_closed")
    assert r[0]["side"] == ""


def test_tie_gives_no_side_and_majority_wins():
    r = by_theme("It wavers between open-source and proprietary releases.", "open_vs_closed")
    assert r[0]["side"] == ""
    r = by_theme("Open weights and open-source tools beat one proprietary model.", "open_vs_closed")
    assert r[0]["side"] == "open"


def test_requires_side():
    # an AI-side cue alone does not put the sentence into the metaverse-vs-AI debate
    assert by_theme("The firm bets on generative AI.", "meta_vs_ai") == []
    r = by_theme("The firm moved from the metaverse to generative AI, then more generative AI.",
                 "meta_vs_ai")
    assert len(r) == 1 and r[0]["side"] == "ai"
    r = by_theme("A pivot toward generative AI.", "meta_vs_ai")
    assert len(r) == 1 and r[0]["side"] == "ai"


def test_one_row_per_sentence_and_theme():
    r = by_theme("Open-source, open-source and more open-source.", "open_vs_closed")
    assert len(r) == 1
    assert r[0]["cues"].count("open-source") == 2 and r[0]["cues"].lower().count("open-source") == 3


def test_tone_sign():
    pos = by_theme("The open-source model is a wonderful, brilliant success.", "open_vs_closed")
    neg = by_theme("The open-source model is a terrible, awful failure.", "open_vs_closed")
    assert pos[0]["tone"] > 0.3 and neg[0]["tone"] < -0.3


def test_shipped_lexicon_loads_and_has_debates():
    lex = load_lexicon()
    names = theme_names(lex)
    assert len(names) == len(set(names)) >= 8
    debates = [t for t in lex.themes if len(t.sides) == 2]
    assert len(debates) >= 4
    for t in lex.themes:
        assert t.description and t.cues
    # the shipped cue lists respect the same rules
    r = extract_themes(make_doc("They are not open-source anymore, said staff.", doc_id="x"), lex)
    oc = [x for x in r if x["theme"] == "open_vs_closed"]
    assert oc and oc[0]["side"] == ""
    r = extract_themes(make_doc("The company keeps a proprietary model.", doc_id="x"), lex)
    assert [x["side"] for x in r if x["theme"] == "open_vs_closed"] == ["closed"]


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
