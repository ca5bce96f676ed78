"""Themes and debate sides per sentence, from the cue lexicon in `data/lexicons/themes.yaml`.

`extract_themes(doc)` returns one row per (sentence, theme) for every sentence of the article
proper (`doc.sentences`, boilerplate excluded) that contains at least one cue of the theme:

    doc_id, sent_id, start, end, quote      the sentence; doc.text[start:end] == quote
    theme                                   theme name from the lexicon
    cue, cue_start, cue_end                 the deciding cue as printed; doc.text[cue_start:cue_end] == cue
    side                                    debate side the sentence leans to, "" if none / tie / not a debate
    tone                                    VADER compound score of the sentence (-1 .. 1, `tone.py`)
    negated                                 True when the deciding cue is negated
    cues                                    every cue matched for the theme, "; "-joined, negated ones as "!cue"

Matching rules:

* cues are written in the one cue syntax of data/lexicons/README.md (case-insensitive, whole
  words, space == hyphen, `*` wildcards); themes.yaml sets `plurals: true`, so the last word of a
  cue also matches its plural / possessive forms.
* each theme is matched on its own (a word may count for two themes); within a theme the sentence
  is scanned left to right and at a position the longest cue as written wins (theme cues first,
  then the sides in lexicon order, on a tie), so in "a mix of open and closed models" the theme
  cue "open and closed" takes "closed" away from the side cue "closed models": the sentence is
  about the debate but takes no side.
* negation: a cue preceded by a negator (themes.yaml `negation`) within `window` words of the
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

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping

import pandas as pd

from analysis import config
from analysis.corpus.doc import Doc
from analysis.extract.tone import tone
from analysis.lexicon import yamlfile
from analysis.lexicon.cues import CueFinder, CueLists, Hit, compile_cues, cues

THEMES_LEXICON = config.THEME_CUES

THEME_COLUMNS = [
    "doc_id", "sent_id", "start", "end", "quote", "theme", "cue", "cue_start", "cue_end",
    "side", "tone", "negated", "cues",
]


# ----------------------------------------------------------------------------- lexicon
@dataclass(frozen=True)
class Theme:
    name: str
    description: str
    sides: tuple[str, ...]
    requires: tuple[str, ...]
    finder: CueFinder        # labels: "" for the theme's own cues, then each side

    @property
    def cues(self) -> list[tuple[str, str]]:
        """(side, cue as written) of every cue, "" as the side of the theme's own cues."""
        return [(side, c.text) for side, c in self.finder.cues]


@dataclass(frozen=True)
class Lexicon:
    themes: tuple[Theme, ...]
    negators: re.Pattern
    scope_breakers: frozenset[str]
    window: int
    scan: CueLists           # every theme's finder, matched from one scan of a sentence


def lexicon_from_dict(raw: Mapping) -> Lexicon:
    """Build a lexicon from a mapping shaped like data/lexicons/themes.yaml (tests, notebooks)."""
    plural = bool(raw.get("plurals", False))
    themes = []
    for t in raw.get("themes", []) or []:
        labelled = {"": cues(t.get("cues"), plural)}
        for side, spec in (t.get("sides") or {}).items():
            labelled[str(side)] = cues(spec.get("cues") if isinstance(spec, Mapping) else spec, plural)
        themes.append(Theme(str(t["name"]), str(t.get("description", "")), tuple(list(labelled)[1:]),
                            tuple(str(s) for s in t.get("requires") or []), CueFinder(labelled)))
    neg = raw.get("negation", {}) or {}
    return Lexicon(tuple(themes), compile_cues(cues(neg.get("negators"), plural)),
                   frozenset(str(w).lower() for w in neg.get("scope_breakers", []) or []),
                   int(neg.get("window", 4)), CueLists(t.finder for t in themes))


@lru_cache(maxsize=8)
def _load(path: str, mtime: float) -> Lexicon:
    return lexicon_from_dict(yamlfile.load(path))


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    """The theme lexicon (default data/lexicons/themes.yaml), read again when the file changes."""
    p = Path(path) if path else THEMES_LEXICON
    return _load(str(p), p.stat().st_mtime)


def theme_names(lexicon: Lexicon | None = None) -> list[str]:
    return [t.name for t in (lexicon or load_lexicon()).themes]


# ----------------------------------------------------------------------------- negation
_CLAUSE_PUNCT = re.compile(r"[,;:()\[\]\u2014\u2013\"\u201c\u201d!?]|\s-\s")
_TOKEN = re.compile(r"[\w'\u2019]+")
_NON = re.compile(r"(?<![\w])non[\-\u2010\u2011 ]?$", re.IGNORECASE)
_NT = re.compile(r"n['\u2019]t$", re.IGNORECASE)


def is_negated(sentence: str, cue_start: int, lexicon: Lexicon) -> bool:
    """Whether the cue at `cue_start` of `sentence` is negated: written with a "non-" prefix, or
    a negator (or a word ending in "n't") among the last `window` words before it in its clause
    (the clause starts after the last clause punctuation or scope breaker)."""
    return Negation(sentence).is_negated(cue_start, lexicon)


class Negation:
    """The clause cuts and words of one sentence, found once: each cue's negation test then looks
    at its last few words only (bisection), so a sentence with many cues costs no more than linear."""

    def __init__(self, sentence: str):
        self.sentence = sentence
        self.cuts = [m.end() for m in _CLAUSE_PUNCT.finditer(sentence)]
        self.tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(sentence)]
        self.token_ends = [e for _s, e in self.tokens]

    def words_before(self, cue_start: int, n: int) -> list[str]:
        """The last `n` words of the clause before `cue_start` (a word the cue cuts is cut too)."""
        i = bisect.bisect_right(self.cuts, cue_start)  # punctuation ending at or before the cue
        clause = self.cuts[i - 1] if i else 0
        j = bisect.bisect_left(self.token_ends, cue_start + 1)  # tokens[:j] end at or before the cue
        words = [self.sentence[s:e] for s, e in self.tokens[max(0, j - n):j] if s >= clause]
        if j < len(self.tokens) and self.tokens[j][0] < cue_start and self.tokens[j][0] >= clause:
            words = (words + [self.sentence[self.tokens[j][0]:cue_start]])[-n:]
        return words

    def is_negated(self, cue_start: int, lexicon: Lexicon) -> bool:
        if _NON.search(self.sentence, max(0, cue_start - 5), cue_start):  # "non-" right before the cue
            return True
        if lexicon.window <= 0:
            return False
        # the last `window` words after the last scope breaker: only the last `window` words matter
        tokens = self.words_before(cue_start, lexicon.window)
        for i in range(len(tokens) - 1, -1, -1):
            if tokens[i].lower() in lexicon.scope_breakers:
                tokens = tokens[i + 1:]
                break
        if any(_NT.search(t) for t in tokens):
            return True
        return bool(tokens) and lexicon.negators.search(" ".join(tokens)) is not None


# ----------------------------------------------------------------------------- extraction
def _side(marked: list[tuple[Hit, bool]]) -> str:
    """The side with strictly the most non-negated cues, "" on a tie or without side cues."""
    votes: dict[str, int] = {}
    for hit, negated in marked:
        if hit.label and not negated:
            votes[hit.label] = votes.get(hit.label, 0) + 1
    if not votes:
        return ""
    best = max(votes.values())
    winners = [side for side, n in votes.items() if n == best]
    return winners[0] if len(winners) == 1 else ""


def extract_themes(doc: Doc, lexicon: Lexicon | None = None) -> list[dict]:
    """One row per (sentence, theme) match; columns THEME_COLUMNS (see module docstring)."""
    lex = lexicon or load_lexicon()
    rows: list[dict] = []
    for sent in doc.sentences:
        # = doc.text[sent.start:sent.end]; the sentence's own string, so the rows going back from
        # a worker refer to it instead of carrying a copy of each sentence
        text = sent.text
        sent_tone = negation = None
        for theme, hits in zip(lex.themes, lex.scan.find(text)):
            if not hits:
                continue
            if theme.requires and not any(h.label == "" or h.label in theme.requires for h in hits):
                continue
            negation = negation or Negation(text)
            marked = [(h, negation.is_negated(h.start, lex)) for h in hits]
            side = _side(marked)
            if side:
                chosen = next(m for m in marked if m[0].label == side and not m[1])
            else:
                chosen = next((m for m in marked if not m[1]), marked[0])
            (_, s, e), negated = chosen
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
                "negated": negated,
                "cues": "; ".join(("!" if n else "") + text[h.start:h.end] for h, n in marked),
            })
    return rows


def themes_frame(docs: Iterable[Doc], lexicon: Lexicon | None = None) -> pd.DataFrame:
    """`extract_themes` over many documents, as a DataFrame with THEME_COLUMNS."""
    rows = [r for d in docs for r in extract_themes(d, lexicon)]
    return pd.DataFrame(rows, columns=THEME_COLUMNS)
