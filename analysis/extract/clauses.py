"""The clauses of a sentence, and the date of the event a clause tells.

Talent moves and model events are read clause by clause: a cue and the person, group or model it
is about must stand in one clause. Each extractor names its own clause boundaries (a regex: a
semicolon, a dash, ", who", " but " ...); `clauses` cuts a sentence after each boundary.

A fact's event date (`event_date`, `SentenceDates` for the facts of one sentence) is the date stated
in its cue's own clause, else in the clauses before it (so a future tense later in the sentence does
not move a past date); dates are resolved by `analysis.corpus.dates.resolved_dates`.

Of the cue hits of a sentence that overlap, the longer is read (`longest_hits`).
"""
from __future__ import annotations

import re

from analysis.corpus.dates import EventDate, nearest_date, resolved_dates
from analysis.corpus.doc import Doc, Sentence

Clause = tuple[int, int]  # (start, end) offsets in the document


def clauses(text: str, sent: Sentence, boundary: re.Pattern) -> list[Clause]:
    """The clauses of `sent`: cut after each match of `boundary`; empty pieces are dropped."""
    cuts = [sent.start] + [m.end() for m in boundary.finditer(text, sent.start, sent.end)] + [sent.end]
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a] or [(sent.start, sent.end)]


def clause_of(parts: list[Clause], pos: int) -> Clause:
    """The clause holding offset `pos` (the last one when none does)."""
    for a, b in parts:
        if a <= pos < b:
            return a, b
    return parts[-1]


class SentenceDates:
    """The dates of one sentence that its facts are dated from (`event_date`): the resolvable dates
    of each part asked for (a clause, the part before it, the whole sentence) are read once, however
    many facts of the sentence ask (asking per fact would make the cost grow with facts x sentence
    length). Made per sentence by the extractors; nothing is kept beyond it."""

    def __init__(self, doc: Doc, sent: Sentence):
        self.doc, self.sent = doc, sent
        self._parts: dict[Clause, tuple[EventDate, ...]] = {}

    def of(self, lo: int, hi: int) -> tuple[EventDate, ...]:
        """The resolvable dates of doc.text[lo:hi] (`analysis.corpus.dates.resolved_dates`)."""
        if (lo, hi) not in self._parts:
            self._parts[(lo, hi)] = resolved_dates(self.doc, lo, hi)
        return self._parts[(lo, hi)]

    def event_date(self, pos: int, clause: Clause | None = None) -> tuple[str | None, str | None]:
        """(date, precision) of the fact whose cue is at `pos` in `clause` of the sentence (the whole
        sentence when no clause is given): the date nearest the cue in its clause, else in the part
        of the sentence before the clause, else (None, None)."""
        sent = self.sent
        lo, hi = clause or (sent.start, sent.end)
        parts = [(lo, hi)]
        if lo > sent.start:
            parts.append((sent.start, lo))
        for lo, hi in parts:
            ed = nearest_date(self.of(lo, hi), min(max(pos, lo), hi - 1))
            if ed is not None:
                return ed.date, ed.precision
        return None, None


def event_date(doc: Doc, sent: Sentence, pos: int, clause: Clause | None = None) -> tuple[str | None, str | None]:
    """`SentenceDates(doc, sent).event_date(pos, clause)`, for one fact of a sentence."""
    return SentenceDates(doc, sent).event_date(pos, clause)


def longest_hits(hits: list[tuple], drop=None) -> list[tuple]:
    """Cue hits (label, start, end) of one sentence, left to right, of overlapping hits the longer
    (the first found on ties). `drop(previous, hit)`: a hit after the previous kept one that is
    not kept (an extractor's own rule)."""
    hits = sorted(hits, key=lambda h: (h[1], -(h[2] - h[1])))
    kept: list[tuple] = []
    for h in hits:
        if kept and h[1] < kept[-1][2]:
            if h[2] - h[1] > kept[-1][2] - kept[-1][1]:
                kept[-1] = h
            continue
        if kept and drop is not None and drop(kept[-1], h):
            continue
        kept.append(h)
    return kept


_WORDS = re.compile(r"[\w’']+")


def words_before(text: str, lo: int, hi: int, n: int) -> list[str]:
    """The last `n` words of text[lo:hi] (`_WORDS.findall(text, lo, hi)[-n:]`), read from a window
    before `hi` that grows until it holds a word more than asked (the first word of a window may be
    cut), not from `lo`: a cue late in a long clause costs no more than one early in it."""
    width = 64
    while True:
        start = max(lo, hi - width)
        words = _WORDS.findall(text, start, hi)
        if start == lo or len(words) > n:
            return words[-n:]
        width *= 4
