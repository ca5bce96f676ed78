"""Theme matching: word boundaries, case, hyphen/space/plural variants, negation, sides."""
from __future__ import annotations

import pickle

import pytest

from analysis.corpus.doc import make_doc
from analysis.extract.themes import (
    THEME_COLUMNS, cue_regex, extract_themes, lexicon_from_dict, load_lexicon, theme_names,
)

# A small lexicon of the same shape as data/lexicons/themes.yaml, so these tests do not depend on the
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


# ----------------------------------------------------------------------------- speed paths
# The fast paths (word-trigger prefilter, fast VADER, vectorised shares) must give exactly what
# the plain definitions give.
import random  # noqa: E402
import re  # noqa: E402

from analysis.extract import themes as T  # noqa: E402


def test_fold_maps_every_ignorecase_equivalent_of_ascii():
    chars = "".join(chr(i) for i in range(0x10000) if not 0xD800 <= i < 0xE000)
    odd = [c for c in re.findall("[a-z0-9_]", chars, re.IGNORECASE) if not c.isascii()]
    assert odd  # İ ı ſ K
    for c in odd:
        letter = next(x for x in "abcdefghijklmnopqrstuvwxyz" if re.fullmatch(x, c, re.IGNORECASE))
        assert T.fold(c) == letter
    s = "x".join(odd) + " İSTANBUL Straße"
    assert len(T.fold(s)) == len(s)


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
def test_prefilter_finds_what_a_full_scan_finds(lex):
    rng = random.Random(7)
    cues = [c.text for th in lex.themes for c in th.cues]
    filler = ["the", "said", "OpenAI", "models", "and", "open", "a", "—", ",", "AI", "no", "it's"]
    fast = T._fast(lex)
    for _ in range(1500):
        words = [_variants(rng, rng.choice(cues)) if rng.random() < 0.35 else rng.choice(filler)
                 for _ in range(rng.randint(1, 14))]
        text = "".join(w + rng.choice([" ", " ", ", ", "", "."]) for w in words)
        pos = fast.index.positions(T.fold(text))
        for ti, th in enumerate(lex.themes):
            subset = [(fast.cue_of[g], pos[g]) for g in sorted(pos) if fast.theme_of[g] == ti]
            assert T._theme_matches(th, text, subset) == T._theme_matches(th, text), (th.name, text)


def test_inner_wildcard_matches_any_ending_of_that_word():
    from analysis.extract.themes import cue_regex, cue_trigger
    rx = cue_regex("keep* closed")
    assert rx.search("The lab keeps closed its weights.")
    assert rx.search("They kept closed") is None
    assert rx.search("keeping closed") and not rx.search("keep* closed is literal")
    assert cue_trigger("keep* closed") == ("prefix", frozenset(["keep"]))
    assert cue_regex("move* away from").search("It moves away from open models")


def test_words_found_in_one_pass_equal_a_scan_of_each_sentence():
    """words_by_span (one regex pass per document) finds per span exactly what scanning each span's
    own text finds, including spans whose edges cut through words."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from analysis.extract.themes import _trie_regex, words_by_span

    rx = _trie_regex({"open", "ai", "model", "x_1"}, {"clos", "mo"})

    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet="openaiclosdmx_1 .,-é\n", max_size=60), st.lists(st.integers(0, 60), max_size=8))
    def check(text, cuts):
        points = sorted({c for c in cuts if c <= len(text)})
        spans = [(a, b) for a, b in zip(points[::2], points[1::2]) if a < b]
        expected = [[(m.start(), m.group()) for m in rx.finditer(text[a:b])] for a, b in spans]
        assert words_by_span(rx, text, spans) == expected

    check()


@pytest.mark.parametrize("lex", [LEX, load_lexicon()], ids=["test-lexicon", "shipped"])
def test_negation_prefilter_per_sentence_decides_like_per_cue(lex):
    """`first_negator_end` (once per sentence) gives `is_negated` the same answer at every cue
    position as its own prefix scan: negator words, "n't", words cut short at the position (a
    prefix that ends inside "nothing" ends with "not"), case-special letters and clause breaks."""
    rng = random.Random(13)
    words = ["not", "Not", "NOT", "nothing", "no", "no longer", "never", "nevertheless", "don't", "won’t",
             "without", "instead of", "rather than", "abandon", "abandoned", "none", "nor", "neither",
             "away from", "non-", "non", "open-source", "weights", "AI", "the", "and", "but", ",", ";",
             "—", "ſ", "İ", "n", "t", "'", "it", "models", "proprietary"]
    first = T.first_negator_end
    for _ in range(1200):
        text = "".join(rng.choice(words) + rng.choice([" ", " ", "", ", "]) for _ in range(rng.randint(1, 12)))
        end = first(text, lex)
        assert end is not None
        for s in range(len(text) + 1):
            assert T.is_negated(text, s, lex, end) == T.is_negated(text, s, lex), (text, s)


def test_fold_doc_is_fold_of_each_documents_own_text():
    from analysis.extract.themes import fold, fold_doc

    a = make_doc("İstanbul AI Lab said KELVIN chips ship.", doc_id="same")
    b = make_doc("Another text under the same id.", doc_id="same")
    for doc in (a, b, a, a, b):
        assert fold_doc(doc) == fold(doc.text)
    assert fold_doc(b) is fold_doc(b)  # computed once for the current document
