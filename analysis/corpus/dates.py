"""Dates in text: find date expressions, resolve relative ones against a publication date.

`find_dates(text)` finds expressions with spans; `resolve(mention, published, precision, future)`
turns them into an ISO date (first day of the period) plus a precision. `find_event_date(doc,
sentence, near)` is what extractors call for the date a fact refers to (`resolved_dates` and
`nearest_date` when a sentence holds many facts: its dates are read once).

Precision values: day, week, month, quarter, half, year. Nothing is guessed: an expression that
needs a publication date ("in June", "earlier this month") resolves only when the document has one
at least as precise as the expression needs; otherwise it is left out (unknown stays unknown).
"""
from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?P<year>(?:19[89]\d|20\d\d))(?![\d,.]\d|\s*%)"
_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}

_TIME_PREP = re.compile(r"\b(?:in|since|by|until|till|from|through|early|late|mid|last|next|this|before|after|during)[\s-]+$", re.I)
PRECISIONS = ("day", "week", "month", "quarter", "half", "year")
_FUTURE = re.compile(r"\b(will|would|'ll|plans? to|planning to|aims? to|expects? to|expected to|targets?|targeting|is set to|are set to|going to|upcoming)\b", re.I)


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    quote: str
    kind: str  # absolute | month | weekday | relative
    year: int | None = None
    month: int | None = None
    day: int | None = None
    precision: str = "year"
    offset: int = 0  # for relative kinds: units relative to the publication date
    weekday: int | None = None


@dataclass(frozen=True)
class EventDate:
    date: str
    precision: str
    start: int
    end: int
    quote: str


def _m(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


_PATTERNS: list[tuple[re.Pattern, str]] = [
    # 2025-07-29
    (re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b"), "iso"),
    # 07/23/2025, 07/23 2025
    (re.compile(r"\b(?P<mnum>[01]?\d)/(?P<day>[0-3]?\d)[/ ](?P<year>(?:19|20)\d\d)\b"), "mdy_num"),
    # Wednesday, July 30, 2025 | July 30, 2025 | July 30 2025
    (re.compile(r"\b(?:" + _WEEKDAY + r",?\s+)?" + _MONTH + r"\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?:,?\s+" + _YEAR + r")?\b"), "month_day"),
    # 30 July 2025
    (re.compile(r"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+" + _MONTH + r"(?:,?\s+" + _YEAR + r")?\b"), "day_month"),
    # Q1 2025, Q1, first quarter of 2025, second-quarter
    (re.compile(r"\b(?:Q(?P<q>[1-4])|(?P<qword>first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter)(?:\s+(?:of\s+)?(?:fiscal\s+)?" + _YEAR + r")?\b", re.I), "quarter"),
    # first half of 2025, H2 2025, mid-2025
    (re.compile(r"\b(?:(?P<hword>first|second)\s+half\s+of\s+|H(?P<h>[12])\s+|(?P<mid>mid)-?\s?)" + _YEAR), "half"),
    # July 2024 | in June
    (re.compile(r"\b" + _MONTH + r"(?:,?\s+" + _YEAR + r")?(?!\w)"), "month"),
    # earlier this month, last week, a week ago, this year, last year, next year
    (re.compile(r"\b(?P<rel>(?:earlier|later)\s+this\s+(?:month|year|week)|this\s+(?:month|year|week)|last\s+(?:month|year|week)|next\s+(?:month|year|week)|a\s+(?:week|month|year)\s+ago|(?:\d+|two|three|four|five|six)\s+(?:days|weeks|months)\s+ago|yesterday|today|a\s+year\s+earlier)\b", re.I), "relative"),
    # on Wednesday
    (re.compile(r"\b(?:on|last|this|next)\s+" + _WEEKDAY + r"\b"), "weekday"),
    # bare year: in 2024, for 2025, 2025's (not an amount: "$2025", "1.2025", "2025%", "2025-26")
    (re.compile(r"(?<![$€£\d.,])\b" + _YEAR + r"\b(?!-\d)"), "year"),
]
_NUM_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}


def _valid_day(y: int, m: int, d: int) -> bool:
    try:
        dt.date(y, m, d)
        return True
    except ValueError:
        return False


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateMention]:
    """All date expressions in text[start:end], longest first where they overlap."""
    end = len(text) if end is None else end
    found: list[DateMention] = []
    # the disjoint spans taken so far, sorted: an overlap test is two bisections, not a scan
    taken_starts: list[int] = []
    taken_ends: list[int] = []

    def free(s: int, e: int) -> bool:
        i = bisect.bisect_right(taken_starts, s)
        return not (i and taken_ends[i - 1] > s) and not (i < len(taken_starts) and taken_starts[i] < e)

    for rx, kind in _PATTERNS:
        for m in rx.finditer(text, start, end):
            s, e = m.span()
            if not free(s, e):
                continue
            g = m.groupdict()
            mention = None
            year = int(g["year"]) if g.get("year") else None
            if kind in ("iso", "mdy_num"):
                mo, d = int(g["mnum"]), int(g["day"])
                if year and 1 <= mo <= 12 and _valid_day(year, mo, d):
                    mention = DateMention(s, e, text[s:e], "absolute", year, mo, d, "day")
            elif kind in ("month_day", "day_month"):
                mo, d = _m(g["month"]), int(g["day"])
                if not 1 <= d <= 31:
                    continue
                wd = _WEEKDAYS[g["weekday"].lower()] if g.get("weekday") else None
                if year:
                    if _valid_day(year, mo, d):
                        mention = DateMention(s, e, text[s:e], "absolute", year, mo, d, "day", weekday=wd)
                else:
                    mention = DateMention(s, e, text[s:e], "month_day", None, mo, d, "day", weekday=wd)
            elif kind == "quarter":
                q = int(g["q"]) if g.get("q") else _ORD[g["qword"].lower()]
                mention = DateMention(s, e, text[s:e], "absolute" if year else "quarter", year, 3 * (q - 1) + 1, None, "quarter")
            elif kind == "half":
                if g.get("mid"):
                    mo = 7
                else:
                    h = int(g["h"]) if g.get("h") else (1 if g["hword"].lower() == "first" else 2)
                    mo = 1 if h == 1 else 7
                mention = DateMention(s, e, text[s:e], "absolute", year, mo, None, "half")
            elif kind == "month":
                word = g["month"].rstrip(".")
                # "May" and abbreviations alone are ambiguous without a year, unless a preposition
                # makes them a time ("in May", "since Sept.")
                if not year and (word in ("May", "Mar", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Apr", "Sept")):
                    if not _TIME_PREP.search(text, max(0, s - 12), s):
                        continue
                if year:
                    mention = DateMention(s, e, text[s:e], "absolute", year, _m(word), None, "month")
                else:
                    mention = DateMention(s, e, text[s:e], "month", None, _m(word), None, "month")
            elif kind == "relative":
                rel = g["rel"].lower()
                unit = "month" if "month" in rel else "year" if "year" in rel else "week" if "week" in rel else "day"
                off = 0
                if rel.startswith("last") or " ago" in rel or rel == "a year earlier":
                    n = re.match(r"(\d+|two|three|four|five|six)\s", rel)
                    off = -(int(n.group(1)) if n and n.group(1).isdigit() else _NUM_WORDS.get(n.group(1), 1) if n else 1)
                elif rel.startswith("next"):
                    off = 1
                elif rel == "yesterday":
                    off = -1
                if rel == "a year earlier":
                    continue  # relative to another event, not to the publication date
                prec = {"day": "day", "week": "week", "month": "month", "year": "year"}[unit]
                mention = DateMention(s, e, text[s:e], "relative", None, None, None, prec, off)
            elif kind == "weekday":
                rel = text[s:e].split()[0].lower()
                off = {"on": 0, "last": -1, "this": 0, "next": 1}[rel]
                mention = DateMention(s, e, text[s:e], "weekday", None, None, None, "day", off,
                                      _WEEKDAYS[g["weekday"].lower()])
            elif kind == "year":
                mention = DateMention(s, e, text[s:e], "absolute", year, None, None, "year")
            if mention is not None:
                found.append(mention)
                i = bisect.bisect_right(taken_starts, s)
                taken_starts.insert(i, s)
                taken_ends.insert(i, e)
    found.sort(key=lambda x: x.start)
    return found


def _iso(y: int, m: int = 1, d: int = 1) -> str:
    return f"{y:04d}-{m:02d}-{d:02d}"


_NEEDS = {"day": 0, "week": 0, "month": 1, "quarter": 1, "half": 1, "year": 2}
_HAS = {"day": 0, "month": 1, "year": 2, "unknown": 9}


def resolve(m: DateMention, published: dt.date | None = None, published_precision: str = "unknown",
            future: bool = False) -> tuple[str, str] | None:
    """(ISO date, precision) for a mention, or None when it cannot be resolved without guessing."""
    if m.kind == "absolute":
        return _iso(m.year, m.month or 1, m.day or 1), m.precision
    if published is None or published_precision == "unknown":
        return None
    have = _HAS.get(published_precision, 9)
    if m.kind in ("month", "month_day", "quarter"):
        if have > 1:  # only a year known: a month-of-year can still be placed in that year
            return None
        y = published.year
        if future and m.month < published.month - (2 if m.kind == "quarter" else 0):
            y += 1
        elif not future and m.month > published.month:
            y -= 1
        if m.kind == "month_day":
            if not _valid_day(y, m.month, m.day):
                return None
            return _iso(y, m.month, m.day), "day"
        return _iso(y, m.month), m.precision
    if m.kind == "relative":
        if m.precision == "year":
            return _iso(published.year + m.offset), "year"
        if m.precision == "month":
            if have > 1:
                return None
            idx = published.year * 12 + published.month - 1 + m.offset
            return _iso(idx // 12, idx % 12 + 1), "month"
        if have > 0:
            return None
        days = {"day": 1, "week": 7}[m.precision] * m.offset
        d = published + dt.timedelta(days=days)
        if m.precision == "week":
            d = d - dt.timedelta(days=d.weekday())
        return d.isoformat(), m.precision
    if m.kind == "weekday":
        if have > 0:
            return None
        delta = (m.weekday - published.weekday()) % 7
        if m.offset < 0 or (m.offset == 0 and not future and delta != 0):
            delta = delta - 7 if delta else -7 if m.offset < 0 else 0
        elif m.offset > 0 and delta == 0:
            delta = 7
        return (published + dt.timedelta(days=delta)).isoformat(), "day"
    return None


def is_future(text: str) -> bool:
    return bool(_FUTURE.search(text))


def find_event_date(doc, sentence, near: int | None = None) -> EventDate | None:
    """The date a fact in `sentence` refers to: the resolvable date expression nearest to `near`
    (a character offset in doc.text; default: the sentence start), or None."""
    return nearest_date(resolved_dates(doc, sentence.start, sentence.end),
                        sentence.start if near is None else near)


def nearest_date(dates: tuple[EventDate, ...], pos: int) -> EventDate | None:
    """Of `dates`, the one holding offset `pos`, else the nearest to it (the first on a tie)."""
    best = None
    for ed in dates:
        dist = 0 if ed.start <= pos < ed.end else min(abs(ed.start - pos), abs(ed.end - pos))
        if best is None or dist < best[0]:
            best = (dist, ed)
    return best[1] if best else None


def resolved_dates(doc, start: int, end: int) -> tuple[EventDate, ...]:
    """The resolvable dates of doc.text[start:end], left to right. A caller with many facts in one
    sentence reads them once for the sentence and picks each fact's with `nearest_date` (asking per
    fact would make the cost grow with facts × sentence length)."""
    text = doc.text
    mentions = find_dates(text, start, end)
    if not mentions:
        return ()
    future = is_future(text[start:end])
    out = []
    for m in mentions:
        r = resolve(m, doc.published, doc.published_precision, future)
        if r is not None:
            out.append(EventDate(r[0], r[1], m.start, m.end, m.quote))
    return tuple(out)
