"""Theme matching: word boundaries, case, hyphen/space/plural variants, overlaps, negation, sides."""
from __future__ import annotations

import pickle
import random
import re

import pytest

from analysis.corpus.doc import make_doc
from analysis.extract.themes import THEME_COLUMNS, extract_themes, is_negated, lexicon_from_dict, load_lexicon, theme_names
from analysis.lexicon.cues import cue_pattern

# one test below checks the shipped file too
from theme_lexicon import LEX  # noqa: E402


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


def test_quote_is_the_sentence_string_itself():
    # a worker sends the Doc and its rows back in one pickle: a quote that is the sentence's own
    # string object is sent once (a back-reference), a copy of it would be sent again per row
    doc = make_doc("The lab released an open-source model. Rivals kept theirs proprietary.", doc_id="d1")
    out = extract_themes(doc, LEX)
    by_id = {s.sent_id: s for s in doc.sentences}
    assert len(out) >= 2
    assert all(r["quote"] is by_id[r["sent_id"]].text for r in out)
    first = next(r for r in out if r["sent_id"] == doc.sentences[0].sent_id)["quote"].encode()
    # in the pickle: inside the document's text and as the sentence's string, not a third time
    assert pickle.dumps((doc, out)).count(first) == 2


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


def test_cue_does_not_bridge_words():
    assert re.search(cue_pattern("open AI"), "OpenAI is a lab") is None
    assert re.search(cue_pattern("open AI"), "an open AI model") is not None
    assert re.search(cue_pattern("move* away from"), "It moves away from open models")


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


# ----------------------------------------------------------------------------- overlapping cues
# Deliberate changes of the one cue matcher (analysis/lexicon/cues.py), each seen in the tables:
def test_apostrophe_cues_match_both_apostrophes():
    # "China's" (rival_lab_shock) never matched before: the old builder turned "'" into a broken
    # character class; now it matches both "China's" and "China’s"
    lex = load_lexicon()
    for text in ("Isuzu and China's Tier IV build buses.", "China’s regulator tests them."):
        r = [x for x in extract_themes(make_doc(text, doc_id="x"), lex) if x["theme"] == "rival_lab_shock"]
        assert r and r[0]["cue"].startswith("China")


def test_within_a_theme_the_leftmost_cue_wins_then_the_longest_as_written():
    lex = lexicon_from_dict({"plurals": True, "themes": [
        {"name": "bench", "description": "d", "cues": ["performance fell short", "fell short of expectations"]},
        {"name": "rnp", "description": "d", "cues": ["commercializ*"],
         "sides": {"research": {"cues": ["academic*"]}, "product": {"cues": ["commercialization"]}}}]})
    # overlapping cues: the scan takes the one starting first (before: the longest match overall)
    r = by_theme("The model's performance fell short of expectations.", "bench", lex)
    assert r[0]["cue"] == "performance fell short" and r[0]["cues"] == "performance fell short"
    # same match, two cues: the longer as written ("commercialization", a product cue) wins over
    # the theme's wildcard "commercializ*", so it votes (before: the first listed won, and the
    # product cue never counted)
    assert by_theme("It ties pay to the commercialization of AI.", "rnp", lex)[0]["side"] == "product"
    assert by_theme("Academics over products hindered commercialization.", "rnp", lex)[0]["side"] == ""
    assert by_theme("They commercialized it.", "rnp", lex)[0]["side"] == ""


def test_themes_are_matched_independently():
    # a word counts for every theme that lists it; within a theme matches do not overlap
    lex = lexicon_from_dict({"plurals": True, "themes": [
        {"name": "spend", "description": "d", "cues": ["invest*", "capex"]},
        {"name": "ai", "description": "d", "cues": ["AI investment", "capex"]}]})
    r = rows("AI investment and capex rose.", lex)
    assert [(x["theme"], x["cues"]) for x in r] == [("spend", "investment; capex"), ("ai", "AI investment; capex")]


def _variants(rng: random.Random, cue: str) -> str:
    core = cue.rstrip("*")
    w = core.replace(" ", rng.choice([" ", "-", " - ", "  "]))
    if cue.endswith("*"):
        w += rng.choice(["", "ed", "ing", "er"])
    else:
        w += rng.choice(["", "", "s", "es", "'s", "’s", "x"])
    r = rng.random()
    w = w.upper() if r < 0.2 else w.title() if r < 0.4 else w
    if rng.random() < 0.1:
        w = w.replace("i", "ı").replace("s", "ſ").replace("I", "İ")
    return rng.choice(["", "re", "(", "\"", "non-", "not "]) + w


@pytest.mark.parametrize("lex", [LEX, load_lexicon()], ids=["test-lexicon", "shipped"])
def test_one_scan_finds_per_theme_what_each_theme_alone_finds(lex):
    rng = random.Random(7)
    cues = [text for th in lex.themes for _, text in th.cues]
    filler = ["the", "said", "OpenAI", "models", "and", "open", "a", "—", ",", "AI", "no", "it's"]
    for _ in range(1500):
        words = [_variants(rng, rng.choice(cues)) if rng.random() < 0.35 else rng.choice(filler)
                 for _ in range(rng.randint(1, 14))]
        text = "".join(w + rng.choice([" ", " ", ", ", "", "."]) for w in words)
        assert lex.scan.find(text) == [th.finder.find(text) for th in lex.themes], text


@pytest.mark.parametrize("text, cue, negated", [
    ("The model is not open-source.", "open-source", True),
    ("It is nothing like open-source.", "open-source", False),       # "nothing" is no negator
    ("The model isn't open-source.", "open-source", True),           # n't
    ("The model isn’t open-source.", "open-source", True),
    ("A NON-open-source rival.", "open-source", True),                # non- prefix
    ("A non open-source rival.", "open-source", True),
    ("A canon open-source rival.", "open-source", False),
    ("It is not cheap, but open-source.", "open-source", False),      # clause punctuation
    ("It is not cheap but it is open-source.", "open-source", False),  # scope breaker
    ("No one expected that a very large lab would go open-source.", "open-source", False),  # window
    ("They abandoned open-source.", "open-source", True),             # wildcard negator
    ("They are no longer open-source.", "open-source", True),
    ("They went İNSTEAD of open-source.", "open-source", True),       # İ matches i, as re.IGNORECASE does
])
def test_negation(text, cue, negated):
    assert is_negated(text, text.index(cue), LEX) is negated
    assert by_theme(text, "open_vs_closed")[0]["negated"] is negated
