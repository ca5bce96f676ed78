"""Theme matching: word boundaries, case, hyphen/space/plural variants, negation, sides, shares."""
from __future__ import annotations

import datetime as dt
import math
import pickle

import pandas as pd
import pytest

from analysis.corpus.doc import make_doc
from analysis.extract.themes import (
    SHARE_COLUMNS, THEME_COLUMNS, cue_regex, extract_themes, lexicon_from_dict, load_lexicon,
    theme_names, theme_shares, themes_frame,
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


# ----------------------------------------------------------------------------- speed paths
# The fast paths (word-trigger prefilter, fast VADER, vectorised shares) must give exactly what
# the plain definitions give.
import random  # noqa: E402
import re  # noqa: E402

import numpy as np  # noqa: E402

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


def test_fast_vader_equals_the_analyzer():
    from vaderSentiment import vaderSentiment as v

    an = T._analyzer()
    rng = random.Random(3)
    vocab = (rng.sample(sorted(an.lexicon), 300) + list(v.BOOSTER_DICT) + v.NEGATE
             + ["no", "or", "nor", "least", "at", "very", "but", "BUT", "kind", "of", "so", "this",
                "the", "shit", "bomb", "to", "die", "for", "GOOD", "NOT", "😁", ":)", "!", "?", "(bad)"])
    texts = ["", "  ", "Not bad at all", "At least it isn't a horrible book.",
             "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!", "Catch 💘 and 😁"]
    for _ in range(3000):
        ws = [rng.choice(vocab) for _ in range(rng.randint(0, 20))]
        ws = [w.upper() if rng.random() < 0.1 else w for w in ws]
        texts.append(" ".join(ws) + rng.choice(["", ".", "!", "!!", "??", "???"]))
    for t in texts:
        a, b = float(an.polarity_scores(t)["compound"]), T._vader_compound(t)
        assert a == b and math.copysign(1, a) == math.copysign(1, b), t


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


def test_theme_shares_read_only_the_declared_columns():
    """The build sends only SHARE_INPUT_COLUMNS of the themes table to the worker computing shares."""
    import pandas as pd

    from analysis import config
    from analysis.pipeline.build import build
    from analysis.extract.themes import SHARE_INPUT_COLUMNS, theme_shares

    r = build(config.SEEDS_DIR, None, jobs=1)
    themes, docs = r.tables["themes"], r.corpus.documents
    assert len(themes)
    pd.testing.assert_frame_equal(theme_shares(themes[SHARE_INPUT_COLUMNS], docs), theme_shares(themes, docs))
    pd.testing.assert_frame_equal(r.tables["theme_shares"], theme_shares(themes, docs))


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
