"""Whose figure: the organisation or person a money or compute figure belongs to.

`SubjectFinder.find` takes the name before the figure in its sentence: a possessive right before
it first ("Zuckerberg's $10 billion bet"), else the nearest name before it that does not follow a
word like "from" or "such as" (`subject_skip_after` in `data/lexicons/money.yaml`). Names are
registry names (canonical, typed: organisations and people only) or, failing those, capitalised
runs split at stop words (`subject_stopwords`); a word opening the sentence counts only when the
document also capitalises it mid-sentence. Anything unknown is None, never guessed.
"""
from __future__ import annotations

import bisect
import re
from typing import Callable

from analysis.corpus.doc import Doc, Sentence
from analysis.lexicon.registry import registry


# a capitalised word after a lower-case word, comma or semicolon and a space
_MIDCAP = re.compile(r"(?<=[a-z,;] )((?:[A-Z]|[a-z]{1,2}[A-Z])[\w&\-]*)")


class SubjectFinder:
    """Whose amount: an org/person named in the sentence before the span (possessive first)."""

    _NAME = re.compile(
        r"(?:[A-Z]|[a-z]{1,2}[A-Z])[\w&\-]*(?:\.[A-Z][\w]*)*"
        r"(?:\s+(?:(?:[A-Z]|[a-z]{1,2}[A-Z])[\w&\-]*(?:\.[A-Z][\w]*)*))*")
    _POSS = re.compile(r"[’']s?$")
    _POSS_GAP = re.compile(r"[’']s?\s+(?:[a-z][\w-]*\s+){0,2}")  # "'s " and up to two words

    def __init__(self, doc: Doc, stopwords: frozenset[str], skip_after: re.Pattern | None):
        self.doc = doc
        self.stop, self.skip_rx = stopwords, skip_after
        self._midcaps = None
        self._names: dict[int, tuple[list, list, int]] = {}  # sent.start -> `_sentence_names`

    def midcaps(self) -> set[str]:
        """Capitalised words that occur after a lowercase word somewhere (so are names)."""
        if self._midcaps is None:
            self._midcaps = set(_MIDCAP.findall(self.doc.text))
        return self._midcaps

    def _sentence_names(self, sent: Sentence) -> tuple[list, list, int]:
        """(registered names, registered and unregistered names, end of the first registered
        one) of `sent`, each list sorted and disjoint; found once per sentence, however many
        figures it holds."""
        got = self._names.get(sent.start)
        if got is None:
            known, unknown = self._candidates(sent)
            first_end = min((k[1] for k in known), default=sent.end + 1)
            got = self._names[sent.start] = (sorted(known), sorted(known + unknown), first_end)
        return got

    def _candidates(self, sent: Sentence) -> tuple[list, list]:
        heur = self._heuristic(sent)
        # registry names (canonical, typed) found in the sentence override overlapping guesses;
        # registry models ("Llama 4") are never subjects
        reg = registry()
        known, blocked = [], []
        for m in reg.pattern.finditer(self.doc.text, sent.start, sent.end):
            ent = reg.get(m.group())
            if ent is None:
                continue
            (blocked if ent.type not in ("org", "person") else known).append((m.start(), m.end(), ent.name))
        out = list(known)
        unknown = []
        for c in heur:
            if any(c[0] < k[1] and k[0] < c[1] for k in known + blocked):
                continue
            ent = reg.get(c[2])
            if ent is not None and ent.type not in ("org", "person"):
                continue
            if ent is not None:
                out.append((c[0], c[1], ent.name))
            else:
                unknown.append(c)
        return out, unknown

    def _heuristic(self, sent: Sentence) -> list[tuple[int, int, str]]:
        """Capitalised-name runs split at stopwords and possessives (sentence-initial words only
        when the document also capitalises them mid-sentence)."""
        text = self.doc.text
        out = []
        for m in self._NAME.finditer(text, sent.start, sent.end):
            # split the capitalised run into names at stopwords / possessives
            pos = m.start()
            toks = [(t.start() + pos, t.end() + pos, t.group()) for t in re.finditer(r"\S+", m.group())]
            cur: list[tuple[int, int, str]] = []

            def flush():
                if cur:
                    out.append((cur[0][0], cur[-1][1], " ".join(t[2] for t in cur)))
                cur.clear()
            for s, e, w in toks:
                poss = self._POSS.search(w) is not None and len(w) > 2
                core = self._POSS.sub("", w) if poss else w
                if core.lower().rstrip(".") in self.stop or core.lower() in self.stop:
                    flush()
                    continue
                if s == sent.start and core not in self.midcaps():
                    flush()
                    continue
                cur.append((s, s + len(core), core))
                if poss:
                    flush()
            flush()
        return out

    def find(self, sent: Sentence, start: int, end: int, exclude: Callable[[str], bool] | None = None
             ) -> str | None:
        text = self.doc.text
        known, every, first_known_end = self._sentence_names(sent)
        # a registered org/person before the amount beats an unregistered capitalised word
        # (often a place: "Meta ... its Louisiana data center, a 2GW site")
        names = known if first_known_end <= start else every
        # the names ending before the amount, nearest first (a bisection: the names are disjoint)
        before = (names[j] for j in range(bisect.bisect_right(names, start, key=lambda c: c[1]) - 1, -1, -1))
        for i, (s, e, name) in enumerate(c for c in before if not (exclude and exclude(c[2]))):
            # possessive right before the amount: "Zuckerberg's $10 billion bet"
            if i == 0 and self._POSS_GAP.fullmatch(text, e, start):
                return name
            if self.skip_rx is not None and self.skip_rx.search(text[max(sent.start, s - 20):s]):
                continue
            return name
        return None
