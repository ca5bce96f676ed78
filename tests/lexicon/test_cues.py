"""The one cue syntax (data/lexicons/README.md) and its matcher (analysis/lexicon/cues.py)."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.lexicon.cues import (Cue, CueFinder, CueLists, compile_cues, cue_list_pattern, cue_pattern, cues, fold,
                                   literal_trie)


def _finds(cue, text: str) -> list[str]:
    return [m.group() for m in re.finditer(cue_pattern(cue), text)]


# ----------------------------------------------------------------------------- the syntax, rule by rule
def test_case_does_not_matter_unless_the_mapping_says_so():
    assert _finds("open model", "An Open Model and an OPEN MODEL") == ["Open Model", "OPEN MODEL"]
    moe = Cue.parse({"cue": "MoE", "case": True})
    assert _finds(moe, "MoE, moe, MOE") == ["MoE"]


def test_whole_words_only():
    assert _finds("open", "OpenAI reopened the open, 'open' (open) model") == ["open", "open", "open"]
    assert _finds("AI", "said AI, (AI) AIs") == ["AI", "AI"]
    # punctuation at an edge of the cue: no word boundary asked on that side
    assert _finds("source:", "Source: Reuters; opensource: no") == ["Source:"]
    assert _finds("'s release", "Meta’s release, Meta's releases") == ["’s release"]


@pytest.mark.parametrize("printed", ["open source", "open-source", "open - source", "open\u2013source",
                                     "open  source", "open\u2011source"])
def test_space_and_hyphen_are_any_run_of_spaces_hyphens_and_dashes(printed):
    for cue in ("open source", "open-source"):
        assert _finds(cue, f"an {printed} model") == [printed]
    assert _finds("open source", "opensource") == []


def test_apostrophes_are_one_character():
    # (this cue never matched before: the old builder turned "'" into a broken character class)
    assert _finds("China's", "China's and China’s") == ["China's", "China’s"]
    assert _finds("China’s", "China's") == ["China's"]


def test_wildcards():
    assert _finds("poach*", "poach poached poaching poacher poach-ready") == [
        "poach", "poached", "poaching", "poacher", "poach"]
    assert _finds("keep* closed", "keeps closed, keeping closed, keep it closed") == ["keeps closed", "keeping closed"]
    assert _finds("caught * off guard", "caught Meta off guard; caught off guard") == ["caught Meta off guard"]
    assert _finds("by 20*", "by 2026, by 20") == ["by 2026", "by 20"]


def test_plural_and_possessive_only_when_asked():
    text = "closed models, closed model's, closed models' and closed modelx"
    assert _finds(Cue("closed model", plural=True), text) == ["closed models", "closed model's", "closed models'"]
    assert _finds("closed model", text) == ["closed model"]  # the one before "'s"
    assert _finds("closed model", "a closed model.") == ["closed model"]
    # a wildcard's word takes no plural ending of its own
    assert _finds(Cue("poach*", plural=True), "poachers's") == ["poachers"]


def test_entries_are_strings_or_mappings():
    assert cues(["a", {"cue": "B", "case": True}, {"cue": "c", "plural": False}], plural=True) == [
        Cue("a", False, True), Cue("B", True, True), Cue("c", False, False)]
    assert cues(None) == []
    for bad in ({"cue": "x", "regex": True}, {"case": True}, "*", "* off guard", "a*b", "a**", "  "):
        with pytest.raises(ValueError):
            Cue.parse(bad)


def test_cue_pattern_can_be_embedded():
    rx = re.compile(r"(?P<verb>" + cue_pattern("said") + r")\s+" + cue_pattern({"cue": "MoE", "case": True}))
    assert rx.search("he SAID MoE").group("verb") == "SAID"
    assert rx.search("he said moe") is None


def test_a_cue_list_pattern_can_be_embedded():
    roles = ["ceo", "chief executive", {"cue": "CTO", "case": True}]
    rx = re.compile(rf"(?P<role>{cue_list_pattern(roles)})\s+(?P<name>[A-Z]\w+)")
    assert [m.group("role", "name") for m in rx.finditer("CHIEF EXECUTIVE Ann, cto Bob, CTO Cy, CEO dan")] == [
        ("CHIEF EXECUTIVE", "Ann"), ("CTO", "Cy")]
    assert re.search(cue_list_pattern([]), "anything") is None


# ----------------------------------------------------------------------------- several cues
def test_the_longest_cue_as_written_wins_then_the_first_listed():
    pat = compile_cues(["open", "open source", "open source community", "monetiz*", "monetization"])
    assert [m.group() for m in pat.finditer("the open-source community; open sources; monetizations")] == [
        "open-source community", "open", "monetizations"]  # "open sources" is not "open source"
    assert [Cue(c).length for c in ("open-source", "open  source", "invest*", "caught * off guard")] == [11, 11, 6, 17]
    tie = CueFinder({"a": ["invest*"], "b": ["invests"], "c": ["investe*"]})
    assert tie.find("invests, invested") == [("b", 0, 7), ("c", 9, 17)]
    f = CueFinder({"theme": ["monetiz*", "capex"], "product": ["monetization"], "compute": ["capex"]})
    assert f.find("monetization, monetizing and capex") == [
        ("product", 0, 12), ("theme", 14, 24), ("theme", 29, 34)]


def test_finder_offsets_and_range():
    f = CueFinder({"a": ["buy"], "b": ["buy back"]})
    text = "we buy back and buy"
    assert f.find(text) == [("b", 3, 11), ("a", 16, 19)]
    assert f.find(text, 4) == [("a", 16, 19)]  # "uy back" is not a word start
    assert f.find(text, 0, 6) == [("a", 3, 6)]
    assert f.find_at(text, [3, 4, 16]) == f.find(text) and f.find_at(text, [16]) == [("a", 16, 19)]
    assert CueFinder({}).find(text) == [] and compile_cues([]).search(text) is None
    # several lists from one scan, within a range: each as if found on its own
    lists = CueLists([f, CueFinder({"c": ["back and"]})])
    assert lists.find(text) == [f.find(text), [("c", 7, 15)]]
    assert lists.find(text, 4, 19) == [f.find(text, 4, 19), [("c", 7, 15)]]
    assert lists.find(text, 0, 14) == [f.find(text, 0, 14), []]


# ----------------------------------------------------------------------------- properties
# a small alphabet, so that cues share prefixes, overlap and are prefixes of one another
_WORDS = st.sampled_from(["a", "b", "ab", "ba", "A", "s", "es", "a'b", "x1"])
_TEXT = st.lists(st.sampled_from(list("abAsSex1'’- ") + ["\u2013", "\u212a", "\u017f", "é"]),
                 max_size=30).map("".join)


@st.composite
def _cue(draw, wildcards=True):
    words = draw(st.lists(_WORDS, min_size=1, max_size=3))
    if wildcards:
        words = [w + "*" if draw(st.booleans()) and draw(st.booleans()) else w for w in words]
        if len(words) > 1 and draw(st.integers(0, 4)) == 0:
            words[1] = "*"
    text = "".join(w + (draw(st.sampled_from([" ", "-"])) if i < len(words) - 1 else "")
                   for i, w in enumerate(words))
    return Cue(text, case=draw(st.integers(0, 4)) == 0, plural=draw(st.booleans()))


def _plain(cue_list: list[Cue]) -> re.Pattern:
    """The definition: every cue's own pattern, longest as written first, ties in list order."""
    ordered = sorted(cue_list, key=lambda c: -c.length)
    return re.compile("|".join(cue_pattern(c) for c in ordered) or "(?!)")


@settings(max_examples=400, deadline=None)
@given(st.lists(_cue(), max_size=8), _TEXT)
def test_the_compiled_trie_matches_like_the_plain_alternation(cue_list, text):
    a, b = _plain(cue_list), compile_cues(cue_list)
    assert [m.span() for m in a.finditer(text)] == [m.span() for m in b.finditer(text)]
    for p in range(len(text) + 1):
        ma, mb = a.match(text, p), b.match(text, p)
        assert (ma and ma.span()) == (mb and mb.span())


@settings(max_examples=300, deadline=None)
@given(st.lists(_cue(wildcards=False), max_size=8), st.booleans(), _TEXT)
def test_without_wildcards_the_longest_match_wins(cue_list, plural, text):
    # (plural set for the whole list, as a lexicon file does: of "a" and a plural "a", equally
    # long as written, the first listed wins even where the other would match "a's")
    cue_list = [Cue(c.text, c.case, plural) for c in cue_list]
    pat = compile_cues(cue_list)
    singles = [re.compile(cue_pattern(c)) for c in cue_list]
    for p in range(len(text) + 1):
        ends = [m.end() for m in (s.match(text, p) for s in singles) if m]
        m = pat.match(text, p)
        assert (m and m.end()) == (max(ends) if ends else None)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(["x", "y", "z"]), st.lists(_cue(), max_size=4), max_size=3), _TEXT)
def test_finder_labels_the_first_cue_in_priority_order(labelled, text):
    f = CueFinder(labelled)
    items = [(c, label) for label, cs in labelled.items() for c in cs]
    ordered = sorted(items, key=lambda it: -it[0].length)
    expected, done = [], 0
    for m in _plain([c for c, _ in items]).finditer(text):
        label = next(lab for c, lab in ordered if (mm := re.compile(cue_pattern(c)).match(text, m.start()))
                     and mm.end() == m.end())
        expected.append((label, m.start(), m.end()))
    assert f.find(text) == expected
    assert CueLists([f, CueFinder({"w": ["b"]})]).find(text) == [f.find(text), CueFinder({"w": ["b"]}).find(text)]


def test_literal_trie_matches_like_the_longest_first_alternation():
    # literal_trie must find exactly what the plain alternation (longest first) finds, whatever
    # follows it, at every position
    chars = st.sampled_from(list("ab .-’(") + ["Me", "ta", "AI", "1", "é"])
    word = st.lists(chars, min_size=1, max_size=6).map("".join)
    tails = ["", r"(?![\w]|[.\-]\w)", r"\b", r"(?:\s+(?P<v>\d))?", "b"]

    @settings(max_examples=300, deadline=None)
    @given(st.lists(word, max_size=12), st.lists(chars, max_size=40).map("".join), st.sampled_from(tails))
    def check(strings, text, tail):
        plain = "|".join(re.escape(s) for s in sorted(set(strings), key=len, reverse=True)) or "(?!)"
        a = re.compile(rf"(?<![\w])(?:{plain}){tail}")
        b = re.compile(rf"(?<![\w])(?:{literal_trie(strings)}){tail}")
        assert [m.span() for m in a.finditer(text)] == [m.span() for m in b.finditer(text)]
        for p in range(len(text) + 1):
            ma, mb = a.match(text, p), b.match(text, p)
            assert (ma and ma.span()) == (mb and mb.span())

    check()
    assert literal_trie(["ab", "a"]) == "a(?:b|)"


def test_fold_maps_every_ignorecase_equivalent_of_ascii():
    chars = "".join(chr(i) for i in range(0x10000) if not 0xD800 <= i < 0xE000)
    odd = [c for c in re.findall("[a-z0-9_]", chars, re.IGNORECASE) if not c.isascii()]
    assert odd  # İ ı ſ K
    for c in odd:
        letter = next(x for x in "abcdefghijklmnopqrstuvwxyz" if re.fullmatch(x, c, re.IGNORECASE))
        assert fold(c) == letter
    s = "x".join(odd) + " İSTANBUL Straße"
    assert len(fold(s)) == len(s)
