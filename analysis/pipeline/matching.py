"""The claims ledger's matching rules: the key of a fact, and when the values or dates that
documents give for one fact agree (`analysis.pipeline.claims` groups facts into claims with them).

Key-matching rule. Text parts are normalised (`norm_text`: case-folded, quotes unified, whitespace
collapsed, leading "the" and trailing possessive dropped). Dates are precision-normalised
(`date_key`): day and week dates to their month "YYYY-MM", month "YYYY-MM", quarter "YYYY-Qn",
year "YYYY", missing "".

    amount       label | subject | date            required: label, subject; value = value_usd(_high)
    compute      subject | unit | label | status | date   required: subject, unit; value = quantity(_high)
    talent_move  person | direction | to_org        required: person; value = pay_usd
                 (no person: group move "group" | from_org | to_org | direction | date, required
                 from_org or to_org; value = count)
    model_event  model | event                     required: model, event; value = none, the event
                 date is compared instead

Conflict rule. Each fact is an interval [value, value_high or value]. Two facts agree
(`values_agree`) when the intervals overlap once each is widened by the relative tolerance `tol`
(default 5%), or `tol_approx` (default 20%) when either is marked approximate; so ranges agree with
any value or range they overlap; "$14.3 billion" agrees with "$14.3bn", "$14 billion" (2% apart) or
"about $16 billion" (approximate) but not with a plain "$16 billion". Missing values never conflict.
Model events conflict when two documents give event dates that differ at their common precision
(`dates_agree`), or different non-empty access / architecture. Disagreement inside one document is
not a conflict between sources.

The checks over many facts (`values_conflict`, `event_conflict`, `stats_agree`) give what comparing
every two facts would, in time linear in the number of facts: a claim repeated by hundreds of
documents is common in a large corpus.
"""
from __future__ import annotations

import re

from analysis.pipeline.values import is_blank, to_float

TOL = 0.05
TOL_APPROX = 0.20


# ----------------------------------------------------------------------------- normalisation
_WS_RE = re.compile(r"[\s_]+")
_THE_RE = re.compile(r"^the\s+")
_POSS_RE = re.compile(r"'s?$")


def norm_text(v) -> str:
    """Case-folded, quote-unified, whitespace-collapsed; leading 'the', trailing "'s" dropped."""
    if is_blank(v):
        return ""
    s = str(v).replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    s = _WS_RE.sub(" ", s).strip().casefold()
    s = _THE_RE.sub("", s)
    s = _POSS_RE.sub("", s)
    return s.strip(" .,;:")


def date_key(iso, precision) -> str:
    """Precision-normalised date: day/week -> YYYY-MM, month YYYY-MM, quarter YYYY-Qn, year YYYY."""
    if is_blank(iso):
        return ""
    s = str(iso)[:10]
    m = re.match(r"(\d{4})(?:-(\d{2}))?", s)
    if not m:
        return ""
    year, month = m.group(1), m.group(2) or "01"
    p = "" if is_blank(precision) else str(precision).lower()
    if p in ("day", "week", "month"):
        return f"{year}-{month}"
    if p == "quarter":
        return f"{year}-Q{(int(month) - 1) // 3 + 1}"
    if p == "year":
        return year
    return ""  # unknown precision: the date cannot be trusted for matching


def date_contains(coarse: str, fine: str) -> bool:
    """True when date key `fine` lies inside (or equals) date key `coarse`; '' contains all."""
    if coarse == "" or coarse == fine:
        return True
    if fine == "":
        return False
    if re.fullmatch(r"\d{4}", coarse):
        return fine.startswith(coarse) and len(fine) > 4
    qm = re.fullmatch(r"(\d{4})-Q(\d)", coarse)
    if qm:
        fm = re.fullmatch(r"(\d{4})-(\d{2})", fine)
        return bool(fm) and fm.group(1) == qm.group(1) and (int(fm.group(2)) - 1) // 3 + 1 == int(qm.group(2))
    return False


def date_rank(k: str) -> int:
    """Fineness of a date key: '' 0, year 1, quarter 2, month 3."""
    if not k:
        return 0
    if re.fullmatch(r"\d{4}", k):
        return 1
    if "Q" in k:
        return 2
    return 3


# ----------------------------------------------------------------------------- keys
def fact_key(kind: str, text, number, date: str) -> tuple[list[str], dict, bool, float | None, float | None]:
    """(required parts, optional parts, complete, value, value_high) of one fact row by the key
    rule (module docstring). `text(column)` is the row's `norm_text` of a column, `number(column)`
    its `to_float`, `date` its `date_key`."""
    if kind == "amount":
        req = [text("label"), text("subject")]
        return req, {"date": date}, all(req), number("value_usd"), number("value_usd_high")
    if kind == "compute":
        req = [text("subject"), text("unit"), text("label"), text("status")]
        return req, {"date": date}, bool(req[0] and req[1]), number("quantity"), number("quantity_high")
    if kind == "talent_move":
        person = text("person")
        if person:
            return [person, text("direction")], {"to_org": text("to_org")}, True, number("pay_usd"), None
        req = ["group", text("from_org"), text("to_org"), text("direction")]
        return req, {"date": date}, bool(req[1] or req[2]), number("count"), None
    if kind == "model_event":
        req = [text("model"), text("event")]
        return req, {}, all(req), None, None
    raise ValueError(kind)


def row_key(kind: str, row) -> tuple[list[str], dict, bool, float | None, float | None]:
    """`fact_key` of a row given as a mapping of column to value."""
    return fact_key(kind, lambda c: norm_text(row.get(c)), lambda c: to_float(row.get(c)),
                    date_key(row.get("event_date"), row.get("event_date_precision")))


def key_string(kind: str, req: list[str], opt: dict) -> str:
    """The key as written in the claims table: the parts "|"-joined."""
    parts = list(req)
    if kind == "talent_move" and req and req[0] != "group":
        parts.append(opt.get("to_org", ""))
    elif "date" in opt:
        parts.append(opt["date"])
    return "|".join(parts)


# ----------------------------------------------------------------------------- agreement of two facts
def interval(v, vh) -> tuple[float, float] | None:
    """[low, high] of a value and its optional upper end; None without either."""
    if v is None and vh is None:
        return None
    lo = v if v is not None else vh
    hi = vh if vh is not None else lo
    return (min(lo, hi), max(lo, hi))


def _widened(x: float, t: float) -> float:
    """The upper end x widened by the tolerance t, as every agreement check compares it."""
    return x * (1 + t) + 1e-12


def values_agree(a, b, approximate: bool = False, tol: float = TOL, tol_approx: float = TOL_APPROX) -> bool:
    """Two (value, value_high) pairs agree when their widened intervals overlap (module docstring)."""
    ia, ib = interval(*a), interval(*b)
    if ia is None or ib is None:
        return True
    t = tol_approx if approximate else tol
    return ia[0] <= _widened(ib[1], t) and ib[0] <= _widened(ia[1], t)


_DATE_LEVEL = {"day": 3, "week": 2, "month": 2, "quarter": 1, "year": 0}


def dates_agree(a: tuple[str, str], b: tuple[str, str]) -> bool:
    """Two (ISO date, precision) pairs agree at their common precision (a missing date or an
    unknown precision agrees with anything)."""
    (da, pa), (db, pb) = a, b
    if not da or not db:
        return True
    p = min(_DATE_LEVEL.get(pa, -1), _DATE_LEVEL.get(pb, -1))
    if p < 0:
        return True
    if p == 3:
        return da[:10] == db[:10]
    if p == 2:
        return da[:7] == db[:7]
    if p == 1:
        return da[:4] == db[:4] and (int(da[5:7]) - 1) // 3 == (int(db[5:7]) - 1) // 3
    return da[:4] == db[:4]


# ----------------------------------------------------------------------------- agreement of many facts
# A fact is a dict with at least "doc_id", "value", "value_high", "approximate" and "iv" (its
# `interval`); a model event also has "event_date", "event_date_precision", "access", "architecture".

def stats(facts: list[dict]) -> list:
    """[largest low, smallest high] of the plain and then of the approximate value intervals of
    `facts` (None, None when there is none): all `stats_agree` needs of a group of facts."""
    st = [None, None, None, None]
    for f in facts:
        if f["iv"] is not None:
            _add_stats(st, f["iv"], f["approximate"])
    return st


def _add_stats(st: list, iv: tuple, approximate: bool) -> None:
    i = 2 if approximate else 0
    if st[i] is None:
        st[i], st[i + 1] = iv[0], iv[1]
    else:
        st[i] = max(st[i], iv[0])
        st[i + 1] = min(st[i + 1], iv[1])


def merge_stats(into: list, other: list) -> None:
    """`into` becomes the `stats` of both groups of facts."""
    for i in (0, 2):
        if other[i] is not None:
            _add_stats(into, (other[i], other[i + 1]), i == 2)


def stats_agree(a: list, b: list, tol: float = TOL, tol_approx: float = TOL_APPROX) -> bool:
    """Whether every fact of one group agrees (`values_agree`) with every fact of the other, from
    the groups' `stats`: a and b disagree iff lo(a) > widened(hi(b)) or lo(b) > widened(hi(a)), and
    widening is monotone, so per tolerance only the largest low against the smallest high matters."""
    for i, j, t in ((0, 0, tol), (0, 2, tol_approx), (2, 0, tol_approx), (2, 2, tol_approx)):
        if a[i] is None or b[j] is None:
            continue
        if a[i] > _widened(b[j + 1], t) or b[j] > _widened(a[i + 1], t):
            return False
    return True


def _extremes(items: list, idx: int, largest: bool):
    """(best value, its doc, best value among the other docs or None) of items[*][idx]."""
    pick = max if largest else min
    best = pick(items, key=lambda i: i[idx])
    others = [i[idx] for i in items if i[2] != best[2]]
    return best[idx], best[2], (pick(others) if others else None)


def values_conflict(facts: list[dict], tol: float = TOL, tol_approx: float = TOL_APPROX) -> bool:
    """Whether two facts of different documents disagree (`values_agree`): is there x, y of other
    documents with lo(x) > widened(hi(y))? Only the largest lows and smallest highs can be, with the
    runners-up from another document for when both extremes come from the same one."""
    plain, approx = [], []  # (lo, hi, doc_id) of the facts with a value
    for f in facts:
        if f["iv"] is not None:
            (approx if f["approximate"] else plain).append((*f["iv"], f["doc_id"]))
    for sx, sy, t in ((plain, plain, tol), (plain, approx, tol_approx), (approx, plain, tol_approx),
                      (approx, approx, tol_approx)):
        if not sx or not sy:
            continue
        a1, d1, a2 = _extremes(sx, 0, True)
        b1, e1, b2 = _extremes(sy, 1, False)
        if d1 != e1:
            if a1 > _widened(b1, t):
                return True
        elif (b2 is not None and a1 > _widened(b2, t)) or (a2 is not None and a2 > _widened(b1, t)):
            return True
    return False


_YM = re.compile(r"\d{4}-\d{2}")


def _date_level_key(d: str, level: int):
    if level == 3:
        return d[:10]
    if level == 2:
        return d[:7]
    if level == 1:
        return d[:4], (int(d[5:7]) - 1) // 3
    return d[:4]


def event_conflict(facts: list[dict]) -> bool:
    """Model events: whether two documents give dates that disagree at their common precision
    (`dates_agree`) or different non-empty access / architecture."""
    dated = [(f["event_date"], _DATE_LEVEL[f["event_date_precision"]], f["doc_id"]) for f in facts
             if f["event_date"] and f["event_date_precision"] in _DATE_LEVEL]
    if any(not _YM.match(d) for d, _, _ in dated):
        return _event_conflict_pairwise(facts)
    # a pair disagrees at its coarser precision m iff the keys at m differ; keys refine (a
    # difference at m is one at every finer level), so: for some m, among the dates known at least
    # to m, two documents and two keys (then two of them differ in both)
    for m in range(4):
        at = [(_date_level_key(d, m), doc) for d, lv, doc in dated if lv >= m]
        if len({k for k, _ in at}) > 1 and len({doc for _, doc in at}) > 1:
            return True
    for fld in ("access", "architecture"):
        vals = [(f[fld], f["doc_id"]) for f in facts if f[fld]]
        if len({v for v, _ in vals}) > 1 and len({doc for _, doc in vals}) > 1:
            return True
    return False


def _event_conflict_pairwise(facts: list[dict]) -> bool:
    """`event_conflict` by its definition, every two facts of different documents compared (for
    dates not written YYYY-MM..., which the linear check cannot cut)."""
    for i, a in enumerate(facts):
        for b in facts[i + 1:]:
            if a["doc_id"] == b["doc_id"]:
                continue
            if not dates_agree((a["event_date"], a["event_date_precision"]),
                               (b["event_date"], b["event_date_precision"])):
                return True
            for fld in ("access", "architecture"):
                if a[fld] and b[fld] and a[fld] != b[fld]:
                    return True
    return False
