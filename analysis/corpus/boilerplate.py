"""Recognise boilerplate lines (not the article) with the rules in `data/lexicons/boilerplate.yaml`.

Boilerplate is *marked*, not cut out of the text: the document text stays whole so every offset
(including metadata evidence such as a dateline or a URL line) points into one string, and the
article's sentences are taken only from the regions between boilerplate spans.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

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
class Rule:
    """One rule of `data/lexicons/boilerplate.yaml` (see the comment at its top)."""
    id: str
    reason: str
    where: str  # head | tail | any
    pattern: re.Pattern | None  # compiled case-insensitive; None for a dateline rule
    unless_named_elsewhere: bool
    dateline: bool


WHERE = ("head", "tail", "any")


@lru_cache(maxsize=4)
def load_rules(path: str | None = None) -> tuple[int, int, tuple[Rule, ...]]:
    """(head_lines, tail_lines, rules) of the rules file (default `config.BOILERPLATE_RULES`),
    each rule's pattern compiled once; a bad rule is a ValueError naming it."""
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
        where = r.get("where", "any")
        if where not in WHERE:
            raise ValueError(f"{p}: rule {r.get('id')!r}: where must be one of {', '.join(WHERE)}, not {where!r}")
        rules.append(Rule(r["id"], r["reason"], where, pat, bool(r.get("unless_named_elsewhere")),
                          bool(r.get("dateline"))))
    return int(spec.get("head_lines", 4)), int(spec.get("tail_lines", 10)), tuple(rules)


def _lines(text: str):
    """(start, end, stripped line) of every non-empty line of `text`."""
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


def _applies(rule: Rule, line: str, text: str, s: int, e: int) -> bool:
    """Whether `rule` marks the stripped line `line` (at text[s:e]) as boilerplate."""
    if rule.dateline:
        return is_dateline(line)
    m = rule.pattern.search(line)
    if m is None:
        return False
    if rule.unless_named_elsewhere:  # a promo only if its name appears nowhere else
        name = m.groupdict().get("name")
        return bool(name) and (text[:s] + text[e:]).count(name) == 0
    return True


def find_boilerplate(text: str, rules_path: str | None = None) -> list[Removal]:
    """The boilerplate lines of `text`: each non-empty line, in order, is marked by the first rule
    (in file order) whose position (`where`) includes it and whose pattern it matches."""
    head_n, tail_n, rules = load_rules(rules_path)
    lines = list(_lines(text))
    out: list[Removal] = []
    for i, (s, e, line) in enumerate(lines):
        position = {"any", "head"} if i < head_n else {"any"}
        if i >= len(lines) - tail_n:
            position.add("tail")
        for rule in rules:
            if rule.where in position and _applies(rule, line, text, s, e):
                out.append(Removal(s, e, rule.id, rule.reason))
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
