"""Themes and debate sides per sentence, from the cue lexicon in `data/lexicons/themes.yaml`.

`extract_themes(doc)` returns one row per (sentence, theme) for every sentence of the article
proper (`doc.sentences`, boilerplate excluded) that contains at least one cue of the theme:

    doc_id, sent_id, start, end, quote      the sentence; doc.text[start:end] == quote
    theme                                   theme name from the lexicon
    cue, cue_start, cue_end                 the deciding cue as printed; doc.text[cue_start:cue_end] == cue
    side                                    debate side the sentence leans to, "" if none / tie / not a debate
    tone                                    VADER compound score of the sentence (-1 .. 1)
    negated                                 True when the deciding cue is negated
    cues                                    every cue matched for the theme, "; "-joined, negated ones as "!cue"

Matching rules (see the header of data/lexicons/themes.yaml for the cue syntax):

* case-insensitive, on word boundaries: a cue never matches inside a longer word ("open" is not
  found in "OpenAI", "AI" not in "said"); hyphens and spaces inside a cue are interchangeable;
  the last word also matches plural / possessive forms; `*` is a word-ending wildcard.
* overlapping cues of one theme: the longest wins ("open and closed" beats "closed models" in
  "a mix of open and closed models", so that sentence is about the debate but takes no side).
* negation: a cue preceded by a negator (data/lexicons/themes.yaml `negation`) within `window` words of the
  same clause, or written with a "non-" prefix, is *negated*. A negated side cue keeps the sentence
  in the theme but votes for no side: it never flips the sentence to the opposite side.
  Side = the side with strictly the most non-negated cues; a tie (or only negated cues) gives "".
* debates may declare `requires: [side, ...]`: then the sentence must contain a theme cue or a cue
  of a required side (the other sides' cues only vote). Used where one side's cues are ubiquitous
  (e.g. "generative AI" must not, on its own, put a sentence into the metaverse-vs-AI debate).

The shares of each theme per document are computed across documents in
`analysis/pipeline/shares.py`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping

import pandas as pd

from analysis import config
from analysis.corpus.doc import Doc
from analysis.corpus.text import is_word_char as _isw
from analysis.extract.tone import tone

THEMES_LEXICON = config.THEME_CUES

THEME_COLUMNS = [
    "doc_id", "sent_id", "start", "end", "quote", "theme", "cue", "cue_start", "cue_end",
    "side", "tone", "negated", "cues",
]

_SEP = r"[\s\-\u2010\u2011\u2012\u2013]+"
_APOS = "['\u2019]"


# ----------------------------------------------------------------------------- cue compiling
def cue_regex(cue: str, case: bool = False) -> re.Pattern:
    """Compile one lexicon cue (syntax in data/lexicons/themes.yaml) to a word-bounded regex."""
    cue = cue.strip()
    wild = cue.endswith("*")
    core = cue.rstrip("*").strip()
    tokens = [t for t in re.split(r"[\s\-\u2010\u2011]+", core) if t]
    parts = []
    for t in tokens:
        if t == "*":
            parts.append(r"[\w'\u2019]+")
            continue
        stem_wild = t.endswith("*")  # "keep* closed": any ending on an inner word
        t = t.rstrip("*")
        t_esc = re.escape(t).replace("'", _APOS).replace("\u2019", _APOS)
        parts.append(t_esc + (r"\w*" if stem_wild else ""))
    body = _SEP.join(parts)
    if wild:
        body += r"[\w]*"
    elif tokens and re.search(r"\w$", tokens[-1]):
        body += r"(?:e?s)?(?:" + _APOS + r"s?)?"
    lead = r"(?<![\w])" if re.match(r"\w", core) else ""
    trail = r"(?![\w])" if re.search(r"\w$", core) else ""
    flags = 0 if case else re.IGNORECASE
    return re.compile(lead + "(?:" + body + ")" + trail, flags)


def _cue_entries(items) -> list[tuple[str, bool]]:
    out = []
    for it in items or []:
        if isinstance(it, Mapping):
            out.append((str(it["cue"]), bool(it.get("case", False))))
        else:
            out.append((str(it), False))
    return out


@dataclass(frozen=True)
class Cue:
    text: str            # lexicon entry
    side: str            # "" for a theme (no-side) cue
    regex: re.Pattern


@dataclass(frozen=True)
class Theme:
    name: str
    description: str
    cues: tuple[Cue, ...]
    sides: tuple[str, ...]
    requires: tuple[str, ...]


@dataclass(frozen=True)
class Lexicon:
    themes: tuple[Theme, ...]
    negators: tuple[re.Pattern, ...]
    scope_breakers: frozenset[str]
    window: int
    negator_cues: tuple | None = None   # the lexicon entries behind `negators`
    # derived, for speed (built on first use): cue prefilter and all negators in one regex
    _fast: object = field(default=None, compare=False, hash=False, repr=False)


def _build_lexicon(raw: Mapping) -> Lexicon:
    themes = []
    for t in raw.get("themes", []) or []:
        cues = [Cue(c, "", cue_regex(c, case)) for c, case in _cue_entries(t.get("cues"))]
        sides = []
        for side, spec in (t.get("sides") or {}).items():
            sides.append(str(side))
            items = spec.get("cues") if isinstance(spec, Mapping) else spec
            cues += [Cue(c, str(side), cue_regex(c, case)) for c, case in _cue_entries(items)]
        themes.append(Theme(str(t["name"]), str(t.get("description", "")), tuple(cues),
                            tuple(sides), tuple(str(s) for s in (t.get("requires") or []))))
    neg = raw.get("negation", {}) or {}
    negators = tuple(cue_regex(n, False) for n, _ in _cue_entries(neg.get("negators")))
    breakers = frozenset(str(w).lower() for w in neg.get("scope_breakers", []) or [])
    return Lexicon(tuple(themes), negators, breakers, int(neg.get("window", 4)),
                   tuple(n for n, _ in _cue_entries(neg.get("negators"))))


@lru_cache(maxsize=8)
def _load_cached(path: str, mtime: float) -> Lexicon:
    from analysis.lexicon import yamlfile as yamlio

    with open(path, encoding="utf-8") as f:
        return _build_lexicon(yamlio.safe_load(f) or {})


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    """Load (and cache until the file changes) a theme lexicon; default data/lexicons/themes.yaml."""
    p = Path(path) if path else THEMES_LEXICON
    return _load_cached(str(p), p.stat().st_mtime)


def lexicon_from_dict(raw: Mapping) -> Lexicon:
    """Build a lexicon from an in-memory mapping shaped like data/lexicons/themes.yaml (tests, notebooks)."""
    return _build_lexicon(raw)


def theme_names(lexicon: Lexicon | None = None) -> list[str]:
    return [t.name for t in (lexicon or load_lexicon()).themes]


# ----------------------------------------------------------------------------- negation
_CLAUSE_PUNCT = re.compile(r"[,;:()\[\]\u2014\u2013\"\u201c\u201d!?]|\s-\s")
_TOKEN = re.compile(r"[\w'\u2019]+")
_NON = re.compile(r"(?<![\w])non[\-\u2010\u2011 ]?$", re.IGNORECASE)
_NT = re.compile(r"n['\u2019]t$", re.IGNORECASE)


def first_negator_end(sentence: str, lexicon: Lexicon) -> int | None:
    """Where the first negator trigger word or "n't" of `sentence` (folded) ends, len + 1 when it
    has none; None when the lexicon's negators cannot be prefiltered. Computed once per sentence,
    it answers `is_negated`'s prefilter for every cue of the sentence (see there)."""
    fast = _fast(lexicon)
    if fast.negator_index is None or fast.negator_index.always:
        return None
    low = fold(sentence)
    ends = [i + 3 for i in (low.find("n't"), low.find("n\u2019t")) if i != -1]
    rx = fast.negator_index.trigger_re
    m = rx.search(low) if rx is not None else None
    if m is not None:
        ends.append(m.end())
    return min(ends, default=len(sentence) + 1)


def is_negated(sentence: str, cue_rel_start: int, lexicon: Lexicon, first_end: int | None = None) -> bool:
    """True if a negator precedes position `cue_rel_start` of `sentence` in the same clause.
    `first_end`: `first_negator_end(sentence, lexicon)`, when already known."""
    prefix = sentence[:cue_rel_start]
    # "non" + optional hyphen/space (+ the newline `$` tolerates) ends within the last 5 characters
    if "non" in prefix[-5:].lower() and _NON.search(prefix):
        return True
    fast = _fast(lexicon)
    if fast.negator_index is not None and not fast.negator_index.always:
        # the clause window's words are words of the prefix: no negator word and no "n't" in the
        # prefix means no negation (the common case, decided without tokenising). The sentence's
        # trigger words and "n't"s ending by `cue_rel_start` are exactly the prefix's, unless the
        # prefix ends inside a word (a word cut short there may be a trigger word of its own).
        n = len(sentence)
        cut = 0 < cue_rel_start < n and _isw(sentence[cue_rel_start - 1]) and _isw(sentence[cue_rel_start])
        if first_end is not None and not cut:
            if cue_rel_start < first_end:
                return False
        else:
            low = fold(prefix)
            if "n't" not in low and "n\u2019t" not in low and not fast.negator_index.candidates(low):
                return False
    cuts = list(_CLAUSE_PUNCT.finditer(prefix))
    if cuts:
        prefix = prefix[cuts[-1].end():]
    tokens = _TOKEN.findall(prefix)
    breakers = lexicon.scope_breakers
    for i in range(len(tokens) - 1, -1, -1):
        if tokens[i].lower() in breakers:
            tokens = tokens[i + 1:]
            break
    tokens = tokens[-lexicon.window:] if lexicon.window > 0 else []
    if not tokens:
        return False
    if any(_NT.search(t) for t in tokens):
        return True
    window = " ".join(tokens)
    if fast.negator_index is not None and not fast.negator_index.candidates(fold(window)):
        return False
    neg_any = fast.negator_any
    if neg_any is not None:
        return neg_any.search(window) is not None
    return any(n.search(window) for n in lexicon.negators)


# ----------------------------------------------------------------------------- fast cue prefilter
# Every cue regex that starts with a word character starts at the beginning of a word of the
# sentence, and that word is (case-insensitively) the cue's first word, or for a one-word cue that
# word plus a plural ending, or for a one-word `*` cue any word it begins. So a sentence can only
# match the cues that its words select, and only those regexes need to run (exactly as before).
# re.IGNORECASE lets these non-ASCII letters match ASCII ones where str.lower() does not map them
# ("İ".lower() is even two characters): fold them first (length-preserving).
_FOLD = {0x130: "i", 0x131: "i", 0x17F: "s", 0x212A: "k"}
_ODD = re.compile("[\u0130\u0131\u017f\u212a]")
WORD_RUN = re.compile(r"\w+")


def fold(text: str) -> str:
    """Lower-cased `text`, same length, in which every ASCII cue word that matches under
    re.IGNORECASE appears as a lower-case substring."""
    if not text.isascii() and _ODD.search(text):  # (isascii() reads a flag: no scan)
        text = text.translate(_FOLD)
    return text.lower()


# the last document folded: themes and attribution both scan the folded text of each document
_FOLDED: tuple = (None, "")  # (doc, fold(doc.text)), replaced as a whole (safe with threads)


def fold_doc(doc: Doc) -> str:
    """`fold(doc.text)`, computed once for the current document (keyed on the document object
    itself, like `entities.sentence_indexes`, so another document is always folded afresh)."""
    global _FOLDED
    memo = _FOLDED
    if memo[0] is not doc:
        memo = _FOLDED = (doc, fold(doc.text))
    return memo[1]


def cue_trigger(cue: str) -> tuple[str, frozenset[str]] | None:
    """The sentence words (folded) a match of `cue_regex(cue)` must start at:
    ("exact", words) or ("prefix", {prefix}); None when the cue cannot be prefiltered."""
    cue = cue.strip()
    wild = cue.endswith("*")
    core = cue.rstrip("*").strip()
    tokens = [t for t in re.split(r"[\s\-\u2010\u2011]+", core) if t]
    if not tokens or not re.match(r"\w", core) or tokens[0] == "*":
        return None
    m = re.match(r"\w+", tokens[0])
    if not m or not m.group(0).isascii():
        return None
    first = m.group(0).lower()
    if len(tokens) > 1 and tokens[0].endswith("*") and len(first) == len(tokens[0]) - 1:
        return ("prefix", frozenset([first]))
    if len(tokens) == 1 and len(first) == len(tokens[0]):
        if wild:
            return ("prefix", frozenset([first]))
        return ("exact", frozenset([first, first + "s", first + "es"]))
    return ("exact", frozenset([first]))


def _trie_regex(exact: Iterable[str], prefix: Iterable[str]) -> re.Pattern | None:
    """A regex whose matches in a folded text are exactly the whole words that are in `exact` or
    begin with a member of `prefix` (one trie-shaped alternation, so one pass at C speed)."""
    root: dict = {}
    for words, mark in ((exact, "$E"), (prefix, "$P")):
        for w in words:
            node = root
            for ch in w:
                node = node.setdefault(ch, {})
            node[mark] = True
    if not root:
        return None

    def emit(node: dict) -> str:
        alts = [re.escape(ch) + emit(node[ch]) for ch in sorted(k for k in node if len(k) == 1)]
        if "$P" in node:
            alts.append(r"\w*")
        if "$E" in node:
            alts.append(r"(?![\w])")
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return re.compile(r"(?<![\w])" + emit(root))


def words_by_span(rx: re.Pattern, folded: str, spans) -> list[list[tuple[int, str]]]:
    """For each (start, end) of `spans` (sorted, not overlapping): the matches of the word regex
    `rx` (`_trie_regex`) in folded[start:end], as (offset in the span, text), found in one pass
    over the whole text. A span whose edge has word characters on both sides is scanned on its
    own, since the look-arounds at its edges would see different neighbours."""
    out: list[list[tuple[int, str]]] = [[] for _ in spans]
    n = len(folded)
    alone = {k for k, (s, e) in enumerate(spans)
             if (s > 0 and _isw(folded[s - 1]) and s < n and _isw(folded[s]))
             or (0 < e < n and _isw(folded[e]) and _isw(folded[e - 1]))}
    k, last = 0, len(spans)
    if last:
        for m in rx.finditer(folded, 0, spans[-1][1]):
            p = m.start()
            while k < last and spans[k][1] <= p:
                k += 1
            if k == last:
                break
            s = spans[k][0]
            if p >= s and k not in alone:
                out[k].append((p - s, m.group()))
    for k in alone:
        s, e = spans[k]
        out[k] = [(m.start(), m.group()) for m in rx.finditer(folded[s:e])]
    return out


class CueIndex:
    """Maps the words of a sentence to the ids of the cues that may match it (`cue_trigger`)."""

    def __init__(self, cues: Iterable[str]):
        self.exact: dict[str, list[int]] = {}
        self.prefix: dict[str, list[int]] = {}
        self.always: list[int] = []
        for gid, cue in enumerate(cues):
            trig = cue_trigger(cue)
            if trig is None:
                self.always.append(gid)
                continue
            target = self.exact if trig[0] == "exact" else self.prefix
            for w in trig[1]:
                target.setdefault(w, []).append(gid)
        self.prefix_lens = sorted({len(p) for p in self.prefix})
        self.trigger_re = _trie_regex(self.exact, self.prefix)
        self._memo: dict[str, tuple[int, ...]] = {}

    def lookup(self, w: str) -> tuple[int, ...]:
        """Ids of the cues whose trigger is the (folded) word `w`."""
        r = self._memo.get(w)
        if r is not None:
            return r
        out = list(self.exact.get(w, ()))
        for n in self.prefix_lens:
            if n > len(w):
                break
            out += self.prefix.get(w[:n], ())
        r = tuple(out)
        if len(self._memo) > 200_000:
            self._memo.clear()
        self._memo[w] = r
        return r

    def candidates(self, folded: str) -> set[int]:
        """Ids of the cues that may match the text whose `fold()` is `folded`."""
        out = set(self.always)
        if self.trigger_re is not None:
            for w in self.trigger_re.findall(folded):
                out.update(self.lookup(w))
        return out

    def positions(self, folded: str) -> dict[int, list[int] | None]:
        """Cue id -> the offsets (ascending) where a match of that cue may start in the text whose
        `fold()` is `folded`; None for the cues that cannot be prefiltered (anywhere)."""
        if self.trigger_re is None:
            return dict.fromkeys(self.always)
        return self.positions_of([(m.start(), m.group()) for m in self.trigger_re.finditer(folded)])

    def trigger_words(self, folded: str, spans) -> list[list[tuple[int, str]]]:
        """`words_by_span` of the trigger regex (no words when no cue can be prefiltered)."""
        if self.trigger_re is None:
            return [[] for _ in spans]
        return words_by_span(self.trigger_re, folded, spans)

    def positions_of(self, found: list[tuple[int, str]]) -> dict[int, list[int] | None]:
        """`positions` from the trigger words already found in the text (`words_by_span`)."""
        out: dict[int, list[int] | None] = dict.fromkeys(self.always)
        lookup = self.lookup
        for p, w in found:
            for gid in lookup(w):
                lst = out.get(gid, 0)
                if lst == 0:
                    out[gid] = [p]
                elif lst is not None:
                    lst.append(p)
        return out


class _Fast:
    def __init__(self, lex: Lexicon):
        self.cue_of: list[Cue] = []
        self.theme_of: list[int] = []
        for ti, th in enumerate(lex.themes):
            for c in th.cues:
                self.cue_of.append(c)
                self.theme_of.append(ti)
        self.index = CueIndex(c.text for c in self.cue_of)
        self.negator_index = CueIndex(lex.negator_cues) if lex.negator_cues is not None else None
        self.negator_any = None
        if lex.negators and all(n.flags & re.IGNORECASE for n in lex.negators):
            self.negator_any = re.compile("|".join(f"(?:{n.pattern})" for n in lex.negators),
                                          re.IGNORECASE)


def _fast(lex: Lexicon) -> _Fast:
    f = lex._fast
    if f is None:
        f = _Fast(lex)
        object.__setattr__(lex, "_fast", f)
    return f


# ----------------------------------------------------------------------------- extraction
def _theme_matches(theme: Theme, text: str,
                   cues: Iterable[tuple[Cue, list[int] | None]] | None = None) -> list[tuple[int, int, Cue]]:
    """Accepted cue matches of `theme` in `text`. `cues`, if given: the only cues that can match
    (lexicon order), each with the offsets where its matches can start (None: anywhere)."""
    found = []
    for cue, starts in (((c, None) for c in theme.cues) if cues is None else cues):
        if starts is None:
            for m in cue.regex.finditer(text):
                if m.end() > m.start():
                    found.append((m.start(), m.end(), cue))
            continue
        # what finditer yields when matches can only start at `starts`
        last, match = 0, cue.regex.match
        for p in starts:
            if p < last:
                continue
            m = match(text, p)
            if m is not None:
                if m.end() > m.start():
                    found.append((p, m.end(), cue))
                    last = m.end()
                else:
                    last = p + 1
    if len(found) <= 1:
        return found
    # longest first, then leftmost; drop anything overlapping an accepted match
    found.sort(key=lambda x: (-(x[1] - x[0]), x[0]))
    accepted: list[tuple[int, int, Cue]] = []
    for s, e, c in found:
        if all(e <= a or s >= b for a, b, _ in accepted):
            accepted.append((s, e, c))
    accepted.sort(key=lambda x: x[0])
    return accepted


def extract_themes(doc: Doc, lexicon: Lexicon | None = None) -> list[dict]:
    """One row per (sentence, theme) match; columns THEME_COLUMNS (see module docstring)."""
    lex = lexicon or load_lexicon()
    fast = _fast(lex)
    index, cue_of, theme_of = fast.index, fast.cue_of, fast.theme_of
    themes = lex.themes
    folded_doc = fold_doc(doc)
    rows: list[dict] = []
    found = index.trigger_words(folded_doc, [(s.start, s.end) for s in doc.sentences])
    for sent, words in zip(doc.sentences, found):
        cands = index.positions_of(words)
        if not cands:
            continue
        by_theme: dict[int, list[tuple[Cue, list[int] | None]]] = {}
        for g in sorted(cands):
            by_theme.setdefault(theme_of[g], []).append((cue_of[g], cands[g]))
        # = doc.text[sent.start:sent.end] (a Doc's sentences are cut from its text; the build checks
        # every quote); the sentence's own string, so the rows going back from a worker refer to it
        # instead of carrying a copy of each sentence
        text = sent.text
        sent_tone = None
        neg_end = -1  # first_negator_end(text, lex), computed when a theme first matches
        for ti in sorted(by_theme):
            theme = themes[ti]
            matches = _theme_matches(theme, text, by_theme[ti])
            if not matches:
                continue
            if theme.requires and not any(c.side == "" or c.side in theme.requires
                                          for _, _, c in matches):
                continue
            if neg_end == -1:
                neg_end = first_negator_end(text, lex)
            marked = [(s, e, c, is_negated(text, s, lex, neg_end)) for s, e, c in matches]
            votes: dict[str, int] = {}
            for _, _, c, neg in marked:
                if c.side and not neg:
                    votes[c.side] = votes.get(c.side, 0) + 1
            side = ""
            if votes:
                best = max(votes.values())
                winners = [k for k, v in votes.items() if v == best]
                if len(winners) == 1:
                    side = winners[0]
            if side:
                chosen = next(m for m in marked if m[2].side == side and not m[3])
            else:
                chosen = next((m for m in marked if not m[3]), marked[0])
            s, e, _, neg = chosen
            if sent_tone is None:
                sent_tone = tone(text)
            rows.append({
                "doc_id": doc.doc_id,
                "sent_id": sent.sent_id,
                "start": sent.start,
                "end": sent.end,
                "quote": text,
                "theme": theme.name,
                "cue": text[s:e],
                "cue_start": sent.start + s,
                "cue_end": sent.start + e,
                "side": side,
                "tone": sent_tone,
                "negated": bool(neg),
                "cues": "; ".join(("!" if n else "") + text[a:b] for a, b, _, n in marked),
            })
    return rows


def themes_frame(docs: Iterable[Doc], lexicon: Lexicon | None = None) -> pd.DataFrame:
    """`extract_themes` over many documents, as a DataFrame with THEME_COLUMNS."""
    rows = [r for d in docs for r in extract_themes(d, lexicon)]
    return pd.DataFrame(rows, columns=THEME_COLUMNS)
