"""Recognise boilerplate lines (not the article) with the rules in `data/lexicons/boilerplate.yaml`.

Boilerplate is *marked*, not cut out of the text: the document text stays whole so every offset
(including metadata evidence such as a dateline or a URL line) points into one string, and the
article's sentences are taken only from the regions between boilerplate spans.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache


try:
    from re import _constants as _c, _parser
except ImportError:  # Python < 3.11
    import sre_constants as _c
    import sre_parse as _parser

from analysis import config
from analysis.lexicon import yamlfile as yamlio
from analysis.corpus.dates import find_dates


@dataclass(frozen=True)
class Removal:
    start: int
    end: int
    rule: str
    reason: str


@dataclass(frozen=True)
class _Rule:
    id: str
    reason: str
    where: str
    pattern: re.Pattern | None
    unless_named_elsewhere: bool
    dateline: bool


def _required_literals(node) -> frozenset[str] | None:
    """Lower-case ASCII strings one of which every match of the parsed (sub)pattern `node`
    contains, or None when no such set is known. Only runs of plain literals count; a group
    or an alternation counts when all its branches do."""
    best: frozenset[str] | None = None

    def better(cand):
        nonlocal best
        if cand and (best is None or min(map(len, cand)) > min(map(len, best))):
            best = cand

    run: list[str] = []
    for op, av in list(node) + [(None, None)]:
        if op is _c.LITERAL and av < 128:
            run.append(chr(av).lower())
            continue
        if run:
            better(frozenset(["".join(run)]))
            run = []
        if op is _c.SUBPATTERN:
            better(_required_literals(av[-1]))
        elif op is _c.BRANCH:
            alts = [_required_literals(b) for b in av[1]]
            if all(alts):
                better(frozenset().union(*alts))
    return best


def _prefilter(pattern: re.Pattern) -> frozenset[str] | None:
    """`_required_literals` of a case-insensitive pattern (None: none, or not a safe case)."""
    try:
        lits = _required_literals(_parser.parse(pattern.pattern, pattern.flags))
    except Exception:  # an unusual pattern: no prefilter
        return None
    if not lits or not all(x.isascii() and x.strip() for x in lits):
        return None
    return lits


# the only non-ASCII characters that match an ASCII letter case-insensitively (re.I, Unicode):
# without them, an ASCII literal matched in a line is in `line.lower()` as written
_CASE_SPECIAL = re.compile("[\u0130\u0131\u017f\u212a]")


@dataclass(frozen=True)
class _Compiled:
    """A rule with its prefilter: a line without `_CASE_SPECIAL` characters whose lower case
    holds none of `lits` cannot match (`lits_rx`: their alternation, one search per line)."""
    rule: _Rule
    lits: frozenset[str] | None
    lits_rx: re.Pattern | None = None


def _with_prefilter(rule: _Rule) -> _Compiled:
    lits = _prefilter(rule.pattern) if rule.pattern is not None else None
    rx = re.compile("|".join(re.escape(x) for x in sorted(lits))) if lits else None
    return _Compiled(rule, lits, rx)


@lru_cache(maxsize=4)
def _compiled(path: str | None = None):
    head_n, tail_n, rules = load_rules(path)
    return head_n, tail_n, tuple(_with_prefilter(r) for r in rules)


@lru_cache(maxsize=4)
def load_rules(path: str | None = None):
    p = config.BOILERPLATE_RULES if path is None else path
    with open(p, encoding="utf-8") as fh:
        spec = yamlio.safe_load(fh)
    rules = []
    for r in spec["rules"]:
        try:
            pat = re.compile(r["pattern"], re.I) if r.get("pattern") else None
        except re.error as e:
            raise ValueError(f"{p}: rule {r.get('id')!r}: bad regex: {e}") from e
        if pat is None and not r.get("dateline"):
            raise ValueError(f"{p}: rule {r.get('id')!r} has neither pattern nor dateline")
        rules.append(_Rule(r["id"], r["reason"], r.get("where", "any"), pat,
                           bool(r.get("unless_named_elsewhere")), bool(r.get("dateline"))))
    return int(spec.get("head_lines", 4)), int(spec.get("tail_lines", 10)), tuple(rules)


def _lines(text: str):
    pos = 0
    for raw in text.split("\n"):
        s = raw.strip()
        if s:
            start = pos + (len(raw) - len(raw.lstrip()))
            yield start, start + len(s), s
        pos += len(raw) + 1


def is_dateline(line: str) -> bool:
    """A short line that is a date and little else ("07/23 2025 535", "Wednesday, July 30",
    "Published: July 29, 2025")."""
    if len(line) > 60:
        return False
    dates = [m for m in find_dates(line) if m.precision in ("day", "month") or m.kind == "absolute" and m.month]
    if not dates:
        return False
    rest = line
    for m in dates:
        rest = rest.replace(m.quote, " ")
    rest = re.sub(r"\b(published|updated|posted|last updated|date|on|at|am|pm|[ap]\.m\.|et|pt|gmt|utc|by)\b|[\d:|,.·•/\-–—]", " ", rest, flags=re.I)
    return len(rest.strip()) == 0


def _literal_lines(text: str, lines: list, rules, head_n: int, tail_n: int) -> list[set | None]:
    """Per rule, the numbers of the lines (`_lines`) whose lower case holds one of the rule's
    prefilter literals, found with one `str.find` pass per literal over the document's lower case
    (not one regex search per rule and line); None for a rule without literals, and for every rule
    when the text has a `_CASE_SPECIAL` character (then lines are prefiltered one by one).
    Without those characters `text.lower()` keeps every offset and lower-cases to ASCII only what
    `line.lower()` does, so a literal lies inside a line's span exactly when it is in the line."""
    out: list[set | None] = [None] * len(rules)
    if not lines or _CASE_SPECIAL.search(text) is not None:
        return out
    low = text.lower()
    if len(low) != len(text):
        return out
    starts = [s for s, _e, _l in lines]
    n = len(lines)
    for k, c in enumerate(rules):
        if c.lits is None or c.rule.pattern is None:
            continue
        where = c.rule.where
        first, last = (0, min(head_n, n)) if where == "head" else (max(0, n - tail_n), n) if where == "tail" else (0, n)
        hit: set[int] = set()
        if first < last:
            lo, hi = lines[first][0], lines[last - 1][1]
            for lit in c.lits:
                i = low.find(lit, lo, hi)
                while i != -1:
                    j = bisect_right(starts, i) - 1
                    if i + len(lit) <= lines[j][1]:
                        hit.add(j)
                    i = low.find(lit, i + 1, hi)
        out[k] = hit
    return out


def find_boilerplate(text: str, rules_path: str | None = None, whole_text: bool = True) -> list[Removal]:
    """The boilerplate lines of `text` (`whole_text=False`: prefilter line by line, the reference
    the whole-text prefilter `_literal_lines` is tested against)."""
    head_n, tail_n, rules = _compiled(rules_path)
    lines = list(_lines(text))
    found = _literal_lines(text, lines, rules, head_n, tail_n) if whole_text else [None] * len(rules)
    out: list[Removal] = []
    for i, (s, e, line) in enumerate(lines):
        in_head = i < head_n
        in_tail = i >= len(lines) - tail_n
        low = None
        for k, c in enumerate(rules):
            r = c.rule
            if r.where == "head" and not in_head or r.where == "tail" and not in_tail:
                continue
            if r.dateline:
                if not is_dateline(line):
                    continue
            else:
                hit = found[k]
                if hit is not None:
                    if i not in hit:
                        continue
                elif c.lits_rx is not None:
                    if low is None:  # ("": a line with a case-special letter is not prefiltered)
                        low = line.lower() if line.isascii() or _CASE_SPECIAL.search(line) is None else ""
                    if low and c.lits_rx.search(low) is None:
                        continue
                m = r.pattern.search(line)
                if not m:
                    continue
                if r.unless_named_elsewhere:
                    name = m.groupdict().get("name")
                    if not name or (text[:s] + text[e:]).count(name) > 0:
                        continue
            out.append(Removal(s, e, r.id, r.reason))
            break
    return out


def article_regions(length: int, removals: list[Removal]) -> list[tuple[int, int]]:
    """The complement of the removed spans within [0, length)."""
    regions, pos = [], 0
    for r in sorted(removals, key=lambda r: r.start):
        if r.start > pos:
            regions.append((pos, r.start))
        pos = max(pos, r.end)
    if pos < length:
        regions.append((pos, length))
    return regions
