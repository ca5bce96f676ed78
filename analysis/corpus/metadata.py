"""Infer a document's title, outlet, URL and publication date, each with its evidence.

Every inferred value becomes a row of the `metadata` table: `field, value, source, start, end, quote`
(`quote == text[start:end]` when the value was read from the text; empty span when it came from
front matter, HTML metadata or the manifest). Dates are never invented: a date without a year is
completed only when its weekday pins the year among the years the document itself gives.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urlparse


from analysis import config
from analysis.lexicon import yamlfile as yamlio
from analysis.corpus.boilerplate import Removal, is_dateline
from analysis.corpus.dates import find_dates

URL_RX = re.compile(r"https?://[^\s<>\"'”’)\]]+[^\s<>\"'”’)\].,;:!?]")
_URL_DAY = re.compile(r"/(?P<y>20\d\d|19\d\d)[/-](?P<m>[01]?\d)[/-](?P<d>[0-3]?\d)(?:/|\b)")
_URL_MONTH = re.compile(r"/(?P<y>20\d\d|19\d\d)/(?P<m>[01]?\d)/")
_FOOTER_OUTLET = re.compile(r"^(?i:subscribe to|sign up for|©\s*(?:\d{4}\s+)?|copyright\s+(?:\d{4}\s+)?)\s*(?P<name>[A-Z][\w&.' -]{1,60}?)\s*(?:newsletter)?[.!]?$", re.M)
_CREDIT = re.compile(r"^(?:source|via|originally published (?:by|in|at)|credit)\s*:\s*(?P<name>[^\n]{2,80}?)\s*$", re.I | re.M)


@dataclass
class Meta:
    rows: list[dict] = field(default_factory=list)
    values: dict = field(default_factory=dict)

    def add(self, fld, value, source, start=None, end=None, quote=None, chosen=False):
        self.rows.append({"field": fld, "value": value, "source": source, "start": start, "end": end,
                          "quote": quote, "chosen": chosen})
        if chosen:
            self.values[fld] = value
            self.values[fld + "_source"] = source


@lru_cache(maxsize=4)
def load_outlets(path: str | None = None) -> tuple[dict, dict]:
    p = config.OUTLETS if path is None else path
    spec = yamlio.load(p)
    by_domain, by_alias = {}, {}
    for o in spec.get("outlets", []):
        for d in o.get("domains", []):
            by_domain[d.lower()] = o["name"]
        for a in [o["name"], *o.get("aliases", [])]:
            by_alias[a.lower()] = o["name"]
    return by_domain, by_alias


def outlet_for_url(url: str) -> str | None:
    host = (urlparse(url).hostname or "").lower()
    by_domain, _ = load_outlets()
    parts = host.split(".")
    for i in range(len(parts) - 1):
        cand = ".".join(parts[i:])
        if cand in by_domain:
            return by_domain[cand]
    return None


def url_date(url: str) -> tuple[dt.date, str] | None:
    m = _URL_DAY.search(url)
    if m:
        try:
            return dt.date(int(m["y"]), int(m["m"]), int(m["d"])), "day"
        except ValueError:
            pass
    m = _URL_MONTH.search(url)
    if m and 1 <= int(m["m"]) <= 12:
        return dt.date(int(m["y"]), int(m["m"]), 1), "month"
    return None


# a year the text gives: 1980-2099, not part of an amount or a number ("$2025", "1.2025", "2025%")
_YEAR_RX = re.compile(r"(?<![$€£\d.,])\b(19[89]\d|20\d\d)\b(?![\d,.]\d|\s*%)")


def _years_in(text: str) -> set[int]:
    return {int(y) for y in _YEAR_RX.findall(text)}


def _is_heading(line: str) -> bool:
    return 3 <= len(line) <= 160 and not line.endswith((".", ",", ";", ":")) and not URL_RX.match(line) \
        and len(line.split()) >= 2


def infer(text: str, removals: list[Removal], given: dict | None = None, given_source: str = "") -> dict:
    """Infer metadata. `given` holds values from front matter / HTML / manifest (already trusted).

    Returns {'values': {...}, 'rows': [...]} where values has title, outlet, url, published
    (ISO string or None), published_precision, date_source and the *_source fields.
    """
    given = {k: v for k, v in (given or {}).items() if v not in (None, "")}
    meta = Meta()
    lines = [(m.start(), m.end(), m.group(0)) for m in re.finditer(r"[^\s](?:[^\n]*[^\s])?", text)]
    boiler = {(r.start, r.end): r for r in removals}

    # URL: given, else the first URL in the text
    url = given.get("url")
    if url:
        meta.add("url", url, given_source, chosen=True)
    for m in URL_RX.finditer(text):
        meta.add("url", m.group(0), "text", m.start(), m.end(), m.group(0), chosen=not url)
        url = url or m.group(0)
    if not url:
        meta.values.update(url=None, url_source=None)

    # title
    if given.get("title"):
        meta.add("title", given["title"], given_source, chosen=True)
    else:
        first = next(((s, e, t) for s, e, t in lines if (s, e) not in boiler and t.strip("# \t")), None)
        if first and first[2].startswith("#"):  # a Markdown heading: the title is after the markers
            hashes = len(first[2]) - len(first[2].lstrip("#"))
            lead = len(first[2][hashes:]) - len(first[2][hashes:].lstrip())
            first = (first[0] + hashes + lead, first[1], first[2][hashes + lead:])
        if first and _is_heading(first[2]):
            meta.add("title", first[2], "first line", first[0], first[1], first[2], chosen=True)
        elif first:
            # no headline: the opening words of the first sentence, marked as such
            sent_end = re.search(r"[.!?](\s|$)", first[2])
            t = first[2][: sent_end.start() + 1] if sent_end else first[2]
            cut = t if len(t) <= 90 else t[:90].rsplit(" ", 1)[0]
            meta.add("title", cut + ("…" if cut != t else ""), "first sentence", first[0], first[0] + len(cut), cut, chosen=True)
        else:
            meta.values.update(title=None, title_source=None)

    # outlet
    outlet = given.get("outlet")
    if outlet:
        meta.add("outlet", outlet, given_source, chosen=True)
    if url and not outlet:
        o = outlet_for_url(url)
        host = urlparse(url).hostname or ""
        u = text.find(url)
        quote_span = (u, u + len(url)) if u >= 0 else (None, None)
        if o:
            meta.add("outlet", o, "url domain", *quote_span, url if u >= 0 else None, chosen=True)
            outlet = o
        elif host:
            h = host[4:] if host.startswith("www.") else host
            meta.add("outlet", h, "url domain", *quote_span, url if u >= 0 else None, chosen=True)
            outlet = h
    tail_start = lines[-8][0] if len(lines) > 8 else 0
    for m in _FOOTER_OUTLET.finditer(text, tail_start):
        name = m.group("name").strip()
        _, by_alias = load_outlets()
        val = by_alias.get(name.lower(), name)
        meta.add("outlet", val, "footer", m.start("name"), m.end("name"), m.group("name"), chosen=not outlet)
        outlet = outlet or val
    if not outlet:
        meta.values.update(outlet=None, outlet_source=None)
    credit = None
    for m in _CREDIT.finditer(text, tail_start):
        if not URL_RX.match(m.group("name")):
            credit = m.group("name")
            meta.add("credited_source", credit, "credit line", m.start("name"), m.end("name"), credit, chosen=True)
    if credit is None:
        meta.values.update(credited_source=None, credited_source_source=None)

    # publication date
    chosen = None
    if given.get("published"):
        try:
            d = dt.date.fromisoformat(str(given["published"])[:10])
            prec = given.get("published_precision") or "day"
            meta.add("published", d.isoformat(), given_source, chosen=True)
            chosen = (d, prec, given_source)
        except ValueError:
            meta.add("published", str(given["published"]), given_source + " (unparseable, ignored)")
    udate = url_date(url) if url else None
    header_lines = [(s, e, t) for s, e, t in lines[:4]]
    for s, e, t in header_lines:
        if not is_dateline(t):
            continue
        for m in find_dates(text, s, e):
            if m.kind == "absolute" and m.month:
                d = dt.date(m.year, m.month, m.day or 1)
                prec = "day" if m.day else "month"
                meta.add("published", d.isoformat(), "text header", m.start, m.end, m.quote, chosen=chosen is None)
                chosen = chosen or (d, prec, "text header")
            elif m.kind == "month_day" and m.weekday is not None:
                cands = _years_in(text) | ({udate[0].year} if udate else set())
                cands |= {y + 1 for y in cands} | {y - 1 for y in cands}
                fits = sorted(y for y in cands if _weekday_ok(y, m.month, m.day, m.weekday))
                if len(fits) == 1:
                    d = dt.date(fits[0], m.month, m.day)
                    src = "text header (year from weekday)"
                    meta.add("published", d.isoformat(), src, m.start, m.end, m.quote, chosen=chosen is None)
                    chosen = chosen or (d, "day", src)
                else:
                    meta.add("published", f"--{m.month:02d}-{m.day:02d}",
                             f"text header (year ambiguous: {fits or 'none fits'})", m.start, m.end, m.quote)
            break
    if udate:
        u = text.find(url)
        meta.add("published", udate[0].isoformat(), "url", u if u >= 0 else None,
                 u + len(url) if u >= 0 else None, url if u >= 0 else None, chosen=chosen is None)
        chosen = chosen or (udate[0], udate[1], "url")
    if chosen:
        meta.values.update(published=chosen[0].isoformat(), published_precision=chosen[1], date_source=chosen[2])
    else:
        meta.values.update(published=None, published_precision="unknown", date_source=None)
    return {"values": meta.values, "rows": meta.rows}


def _weekday_ok(y: int, m: int, d: int, wd: int) -> bool:
    try:
        return dt.date(y, m, d).weekday() == wd
    except ValueError:
        return False
