"""Sentence splitting with character offsets.

Units are sentences, bullets and headings. The splitter is rule-based (abbreviations in
`data/lexicons/abbreviations.txt`) because it must return exact spans and run over tens of megabytes a
second; `(start, end)` always satisfies `text[start:end] == text[start:end].strip()` and is non-empty.

A "sentence" longer than `MAX_SENTENCE_CHARS` (a table pasted as text, a page without full stops) is
cut into pieces of at most that length, at the last space before the cap (or at the cap when there is
none): every later step reads sentence by sentence, and this keeps its cost per sentence bounded.
Real sentences are far shorter (the longest in the seeds: under 400 characters).
"""
from __future__ import annotations

import re
from functools import lru_cache

from analysis import config

_BULLET = re.compile(r"[ \t]*(?:#{1,6}|[-*•·▪‣◦–—]|\d{1,2}[.)]|\(\w\))[ \t]+")
_TERMINAL = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)")
_LINE_END_PUNCT = tuple(".!?:;\"'”’)…")
_CAMEL = re.compile(r"[a-z]{1,3}[A-Z]\w*")  # xAI, iPhone, eBay start sentences in lower case
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
MAX_SENTENCE_CHARS = 2000


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    words = set()
    if config.ABBREVIATIONS.exists():
        for line in config.ABBREVIATIONS.read_text(encoding="utf-8").splitlines():
            line = line.strip().lower()
            if line and not line.startswith("#"):
                words.add(line.rstrip("."))
    return frozenset(words)


def _is_titleish(line: str) -> bool:
    words = re.findall(r"[A-Za-z][\w'’-]*", line)
    if not words:
        return False
    caps = sum(1 for w in words if w[0].isupper())
    return caps >= 0.6 * len(words)


def _units(text: str, start: int, end: int):
    """Yield (start, end) of paragraph-level units (lines joined when a sentence wraps)."""
    pos = start
    cur_s = cur_e = None
    prev_line = ""
    while pos < end:
        nl = text.find("\n", pos, end)
        line_end = end if nl == -1 else nl
        raw = text[pos:line_end]
        stripped = raw.strip()
        if not stripped:
            if cur_s is not None:
                yield cur_s, cur_e
                cur_s = None
            prev_line = ""
        else:
            ls = pos + (len(raw) - len(raw.lstrip()))
            le = ls + len(stripped)
            bullet = _BULLET.match(text, ls, le)
            if bullet and bullet.end() < le:
                ls = bullet.end()
            joins = (
                cur_s is not None
                and not bullet
                and not prev_line.endswith(_LINE_END_PUNCT)
                and (stripped[0].islower() or (len(prev_line) >= 55 and not _is_titleish(prev_line)))
            )
            if joins:
                cur_e = le
            else:
                if cur_s is not None:
                    yield cur_s, cur_e
                cur_s, cur_e = ls, le
            prev_line = stripped
        pos = line_end + 1
    if cur_s is not None:
        yield cur_s, cur_e


def _split_unit(text: str, s: int, e: int):
    abbrev = _abbreviations()
    cur = s
    for m in _TERMINAL.finditer(text, s, e):
        cut = m.end()
        nxt = cut
        while nxt < e and text[nxt].isspace():
            nxt += 1
        if nxt >= e:
            break
        ch = text[nxt]
        if not (ch.isupper() or ch.isdigit() or ch in "\"'“‘([" or _CAMEL.match(text, nxt)):
            continue
        if text[m.start()] == ".":
            w = _WORD_BEFORE.search(text, max(cur, m.start() - 20), m.start())
            if w:
                token = w.group(1).lower().rstrip(".")
                if token in abbrev or (len(token) == 1 and token.isalpha()):
                    continue
        if cut > cur:
            yield cur, cut
        cur = nxt
    if cur < e:
        yield cur, e


def split_sentences(text: str, regions: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """Sentence spans in `text`, only inside `regions` (default: the whole text)."""
    if regions is None:
        regions = [(0, len(text))]
    spans = []
    for rs, re_ in regions:
        for us, ue in _units(text, rs, re_):
            for ss, se in _split_unit(text, us, ue):
                chunk = text[ss:se]
                lead = len(chunk) - len(chunk.lstrip())
                trail = len(chunk) - len(chunk.rstrip())
                ss, se = ss + lead, se - trail
                if se > ss:
                    spans.extend(_capped(text, ss, se))
    return spans


def _capped(text: str, s: int, e: int, cap: int = MAX_SENTENCE_CHARS):
    """(start, end) pieces of the stripped span text[s:e], none longer than `cap`: each cut at the
    last white space before the cap, else at the cap."""
    while e - s > cap:
        cut = max(text.rfind(" ", s + 1, s + cap + 1), text.rfind("\n", s + 1, s + cap + 1))
        cut = cut if cut > s else s + cap
        piece_end = cut
        while piece_end > s and text[piece_end - 1].isspace():
            piece_end -= 1
        yield s, piece_end
        s = cut
        while s < e and text[s].isspace():
            s += 1
    if e > s:
        yield s, e
