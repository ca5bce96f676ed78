"""Claims ledger: the same fact reported by several documents becomes one claim.

`claims_table(tables, documents, attributions=None)` consolidates the per-document fact tables
(`amounts`, `compute`, `talent_moves`, `model_events`; other keys are ignored) into one row per
claim, columns CLAIM_COLUMNS:

    claim_id        "<kind>-<10 hex>" stable hash of kind + key
    kind            amount | compute | talent_move | model_event
    key             the matching key, "|"-joined normalised parts (below)
    key_complete    False when a required key part was missing: such a fact is never merged
    value, value_high  consensus value (most documents; ties -> earliest publication)
    n_sources       distinct documents; n_facts: fact rows
    doc_ids         "; "-joined distinct doc_ids, in order of publication
    first_seen, last_seen   earliest / latest ISO publication date among those documents ("" if none)
    attributions    "; "-joined distinct attribution kinds of the evidence sentences (from
                    `attributions`, the analysis.attribution table, when given; else from the fact
                    rows' own `attribution` column, as the build writes them; "" without either)
    conflict        True when two *different documents* give values that disagree (below)
    values          JSON list of distinct [value, value_high, n_docs]
    quotes          JSON list of distinct evidence quotes
    evidence        JSON list of {doc_id, sent_id, start, end, quote, value, value_high, published,
                    attribution}

Key-matching rule. Text parts are normalised (case-folded, quotes unified, whitespace collapsed,
leading "the" and trailing possessive dropped). Dates are precision-normalised: day and week
dates to their month "YYYY-MM", month "YYYY-MM", quarter "YYYY-Qn", year "YYYY", missing "".

    amount       label | subject | date            required: label, subject; value = value_usd(_high)
    compute      subject | unit | label | status | date   required: subject, unit; value = quantity(_high)
    talent_move  person | direction | to_org        required: person; value = pay_usd
                 (no person: group move "group" | from_org | to_org | direction | date, required
                 from_org or to_org; value = count)
    model_event  model | event                     required: model, event; value = none, the event
                 date is compared instead

Facts with identical keys form one claim. Then a claim whose date is missing or coarser (year,
quarter) -- or, for talent moves, whose to_org is missing -- is merged into the single claim
with the same other parts whose finer date falls inside it (resp. that names a to_org) and whose
values agree with it (conflict rule below); when there are several such candidates it stays
separate (ambiguous), and a disagreeing value is never merged (it is more likely another fact). A fact missing a required part is its
own claim (key ends "#<doc_id>:<start>", key_complete False).

Conflict rule. Each fact is an interval [value, value_high or value]. Two facts agree when the
intervals overlap once each is widened by the relative tolerance `tol` (default 5%), or
`tol_approx` (default 20%) when either is marked approximate; so ranges agree with any value or
range they overlap; "$14.3 billion" agrees with "$14.3bn", "$14 billion" (2% apart) or "about
$16 billion" (approximate) but not with a plain "$16 billion". Missing values never conflict. Model events conflict when two documents give event
dates that differ at their common precision, or different non-empty access / architecture.
Disagreement inside one document is not a conflict between sources.

`model_status_history(model_events, documents)` orders each model's events.
"""
from __future__ import annotations

import hashlib
import json
import re
from functools import lru_cache
from typing import Mapping

import pandas as pd

from analysis.pipeline.values import is_blank, to_float

CLAIM_COLUMNS = [
    "claim_id", "kind", "key", "key_complete", "value", "value_high", "n_sources", "n_facts",
    "doc_ids", "first_seen", "last_seen", "attributions", "conflict", "values", "quotes", "evidence",
]

HISTORY_COLUMNS = [
    "model", "step", "event", "previous_event", "event_date", "event_date_precision", "date_basis",
    "sort_date", "first_published", "n_sources", "doc_ids", "org", "architecture", "access",
    "doc_id", "sent_id", "start", "end", "quote", "evidence",
]

TABLE_KINDS = {"amounts": "amount", "compute": "compute", "talent_moves": "talent_move",
               "talent": "talent_move", "model_events": "model_event"}

# Lifecycle order used to break ties between events of one model on the same date.
# Each entry lists the spellings of one lifecycle stage (base form first).
EVENT_ORDER = [
    ["rumour", "rumor", "rumoured", "rumored"],
    ["plan", "planned", "develop", "developing", "development", "training", "train", "trained"],
    ["announce", "announced", "tease", "teased", "preview", "previewed", "test", "tested", "testing"],
    ["release", "released", "launch", "launched", "open_source", "open_sourced", "ship", "shipped"],
    ["update", "updated", "expand", "expanded"],
    ["delay", "delayed", "postpone", "postponed", "pause", "paused", "scale_back", "scaled_back"],
    ["shelve", "shelved", "cancel", "cancelled", "canceled", "abandon", "abandoned"],
    ["withdraw", "withdrawn", "pull", "pulled", "deprecate", "deprecated", "retire", "retired"],
]
_EVENT_RANK = {e: i for i, names in enumerate(EVENT_ORDER) for e in names}

TOL = 0.05
TOL_APPROX = 0.20


# ----------------------------------------------------------------------------- normalisation
_missing = is_blank


_WS_RE = re.compile(r"[\s_]+")
_THE_RE = re.compile(r"^the\s+")
_POSS_RE = re.compile(r"'s?$")


def norm_text(v) -> str:
    """Case-folded, quote-unified, whitespace-collapsed; leading 'the', trailing "'s" dropped."""
    if _missing(v):
        return ""
    return _norm_str(str(v))


@lru_cache(maxsize=65536)
def _norm_str(s: str) -> str:
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    s = _WS_RE.sub(" ", s).strip().casefold()
    s = _THE_RE.sub("", s)
    s = _POSS_RE.sub("", s)
    s = s.strip(" .,;:")
    return s


def date_key(iso, precision) -> str:
    """Precision-normalised date: day/week -> YYYY-MM, month YYYY-MM, quarter YYYY-Qn, year YYYY."""
    if _missing(iso):
        return ""
    s = str(iso)[:10]
    m = re.match(r"(\d{4})(?:-(\d{2}))?", s)
    if not m:
        return ""
    year, month = m.group(1), m.group(2) or "01"
    p = "" if _missing(precision) else str(precision).lower()
    if p in ("day", "week", "month"):
        return f"{year}-{month}"
    if p == "quarter":
        return f"{year}-Q{(int(month) - 1) // 3 + 1}"
    if p == "year":
        return year
    return ""  # unknown precision: the date cannot be trusted for matching


def _date_contains(coarse: str, fine: str) -> bool:
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


def _date_rank(k: str) -> int:
    """Fineness of a date key: '' 0, year 1, quarter 2, month 3."""
    if not k:
        return 0
    if re.fullmatch(r"\d{4}", k):
        return 1
    if "Q" in k:
        return 2
    return 3


_num = to_float


def _bool(v) -> bool:
    if _missing(v):
        return False
    if isinstance(v, str):
        return v.strip().lower() in ("true", "1", "yes", "y")
    return bool(v)


# ----------------------------------------------------------------------------- keys
def _fact_key(kind: str, r: Mapping) -> tuple[list[str], dict, bool, float | None, float | None]:
    """(required parts, optional parts, complete, value, value_high) of one fact row: the key rule
    (module docstring), row by row; the build uses `_fact_keys`, the same column by column."""
    g = lambda c: norm_text(r.get(c))  # noqa: E731
    dk = date_key(r.get("event_date"), r.get("event_date_precision"))
    if kind == "amount":
        req = [g("label"), g("subject")]
        return req, {"date": dk}, all(req), _num(r.get("value_usd")), _num(r.get("value_usd_high"))
    if kind == "compute":
        req = [g("subject"), g("unit"), g("label"), g("status")]
        complete = bool(req[0] and req[1])
        return req, {"date": dk}, complete, _num(r.get("quantity")), _num(r.get("quantity_high"))
    if kind == "talent_move":
        if g("person"):
            return [g("person"), g("direction")], {"to_org": g("to_org")}, True, _num(r.get("pay_usd")), None
        req = ["group", g("from_org"), g("to_org"), g("direction")]
        return req, {"date": dk}, bool(req[1] or req[2]), _num(r.get("count")), None
    if kind == "model_event":
        req = [g("model"), g("event")]
        return req, {}, all(req), None, None
    raise ValueError(kind)


def _key_string(kind: str, req: list[str], opt: dict) -> str:
    parts = list(req)
    if kind == "talent_move" and req and req[0] != "group":
        parts.append(opt.get("to_org", ""))
    elif "date" in opt:
        parts.append(opt["date"])
    return "|".join(parts)


def _claim_id(kind: str, key: str) -> str:
    return f"{kind}-" + hashlib.sha1(f"{kind}\x1f{key}".encode()).hexdigest()[:10]


# ----------------------------------------------------------------------------- conflict
def _interval(v, vh):
    if v is None and vh is None:
        return None
    lo = v if v is not None else vh
    hi = vh if vh is not None else lo
    return (min(lo, hi), max(lo, hi))


def values_agree(a, b, approximate: bool = False, tol: float = TOL, tol_approx: float = TOL_APPROX) -> bool:
    """Two (value, value_high) pairs agree when their widened intervals overlap (module docstring)."""
    ia, ib = _interval(*a), _interval(*b)
    if ia is None or ib is None:
        return True
    t = tol_approx if approximate else tol
    return ia[0] <= ib[1] * (1 + t) + 1e-12 and ib[0] <= ia[1] * (1 + t) + 1e-12


def _dates_agree(a: tuple[str, str], b: tuple[str, str]) -> bool:
    """ISO dates with precision agree at their common precision."""
    (da, pa), (db, pb) = a, b
    if not da or not db:
        return True
    order = {"day": 3, "week": 2, "month": 2, "quarter": 1, "year": 0}
    p = min(order.get(pa, -1), order.get(pb, -1))
    if p < 0:
        return True
    if p == 3:
        return da[:10] == db[:10]
    if p == 2:
        return da[:7] == db[:7]
    if p == 1:
        return da[:4] == db[:4] and (int(da[5:7]) - 1) // 3 == (int(db[5:7]) - 1) // 3
    return da[:4] == db[:4]


# ----------------------------------------------------------------------------- main
def _published_map(documents: pd.DataFrame | None) -> dict[str, str]:
    if documents is None or not len(documents) or "doc_id" not in documents.columns:
        return {}
    pub = documents["published"] if "published" in documents.columns else pd.Series([""] * len(documents))
    out = {}
    for d, p in zip(documents["doc_id"].astype(str).tolist(), pub.tolist()):
        out[d] = "" if _missing(p) else str(p)[:10]
    return out


def _attribution_map(attributions: pd.DataFrame | None) -> dict[tuple[str, int], str]:
    if attributions is None or not len(attributions):
        return {}
    out = {}
    for d, s, k in zip(attributions["doc_id"].astype(str).tolist(), attributions["sent_id"].tolist(),
                       attributions["attribution"].tolist()):
        if not _missing(s):
            out[(d, int(s))] = "" if _missing(k) else str(k)
    return out


def _mapped(values: list, fn) -> list:
    """[fn(v) for v in values], computing fn once per distinct value (keyed with the type, so 1,
    1.0 and True stay apart)."""
    cache: dict = {}
    out = []
    for v in values:
        try:
            k = (type(v), v)
            r = cache[k]
        except KeyError:
            r = cache[k] = fn(v)
        except TypeError:  # unhashable
            r = fn(v)
        out.append(r)
    return out


def _fact_keys(kind: str, col) -> list[tuple[list[str], dict, bool, float | None, float | None]]:
    """`(required parts, optional parts, complete, value, value_high)` of every fact row, computed
    column by column; `col(name)` gives a column's values as a list (Nones when it is missing)."""
    g = lambda c: _mapped(col(c), norm_text)  # noqa: E731
    num = lambda c: _mapped(col(c), _num)  # noqa: E731
    dks = [date_key(a, b) for a, b in zip(col("event_date"), col("event_date_precision"))] \
        if kind in ("amount", "compute", "talent_move") else None
    if kind == "amount":
        return [([a, b], {"date": dk}, bool(a and b), v, vh)
                for a, b, dk, v, vh in zip(g("label"), g("subject"), dks, num("value_usd"), num("value_usd_high"))]
    if kind == "compute":
        return [([a, b, c, d], {"date": dk}, bool(a and b), v, vh)
                for a, b, c, d, dk, v, vh in zip(g("subject"), g("unit"), g("label"), g("status"), dks,
                                                 num("quantity"), num("quantity_high"))]
    if kind == "talent_move":
        out = []
        for person, direction, to_org, from_org, dk, pay, count in zip(
                g("person"), g("direction"), g("to_org"), g("from_org"), dks, num("pay_usd"), num("count")):
            if person:
                out.append(([person, direction], {"to_org": to_org}, True, pay, None))
            else:
                req = ["group", from_org, to_org, direction]
                out.append((req, {"date": dk}, bool(from_org or to_org), count, None))
        return out
    if kind == "model_event":
        return [([a, b], {}, bool(a and b), None, None) for a, b in zip(g("model"), g("event"))]
    raise ValueError(kind)


def _facts(tables: Mapping[str, pd.DataFrame], pub: dict, attr: dict | None) -> list[dict]:
    """One dict per fact row of the fact tables. `attr` maps (doc_id, sent_id) to the attribution
    kind; None: use the rows' own `attribution` column when they have one."""
    facts = []
    for name, df in tables.items():
        kind = TABLE_KINDS.get(name)
        if kind is None or df is None or not len(df):
            continue
        n = len(df)
        lists: dict[str, list] = {}

        def col(c: str) -> list:
            if c not in lists:
                if c not in df.columns:
                    lists[c] = [None] * n
                else:  # a repeated column name: the last one, as a record dict would keep
                    lists[c] = df[c].tolist() if df.columns.is_unique else df[c].iloc[:, -1].tolist()
            return lists[c]

        keys = _fact_keys(kind, col)
        text = lambda c: _mapped(col(c), lambda v: "" if _missing(v) else str(v))  # noqa: E731
        doc_ids = ["" if "doc_id" not in df.columns else d for d in _mapped(col("doc_id"), str)]
        as_int = lambda c: _mapped(col(c), lambda v: None if _missing(v) else int(v))  # noqa: E731
        if attr is None:
            attrs = text("attribution")
        else:
            attrs = [attr.get((d, s), "") if s is not None else "" for d, s in zip(doc_ids, as_int("sent_id"))]
        for (req, opt, complete, v, vh), doc_id, sent_id, start, end, quote, approx, at, ed, edp, acc, arch in zip(
                keys, doc_ids, as_int("sent_id"), as_int("start"), as_int("end"), text("quote"),
                _mapped(col("approximate"), _bool), attrs, _mapped(col("event_date"), lambda v: "" if _missing(v) else str(v)[:10]),
                text("event_date_precision"), _mapped(col("access"), norm_text), _mapped(col("architecture"), norm_text)):
            facts.append({
                "kind": kind, "req": req, "opt": opt, "complete": complete, "value": v, "value_high": vh,
                "approximate": approx, "doc_id": doc_id, "sent_id": sent_id, "start": start, "end": end,
                "quote": quote, "published": pub.get(doc_id, ""),
                "attribution": at if sent_id is not None else "",
                "event_date": ed, "event_date_precision": edp, "access": acc, "architecture": arch,
                "iv": _interval(v, vh),
            })
    return facts


def _fact_interval(f: dict):
    """The fact's value interval (precomputed by `_facts` as "iv")."""
    return f["iv"] if "iv" in f else _interval(f["value"], f["value_high"])


def _stats(facts: list[dict]) -> list:
    """[max lo, min hi] of the non-approximate and of the approximate value intervals of `facts`
    (None when there is none): all `_all_agree` needs of a claim."""
    st = [None, None, None, None]
    for f in facts:
        iv = _fact_interval(f)
        if iv is not None:
            _add_stats(st, iv, f["approximate"])
    return st


def _add_stats(st: list, iv: tuple, approximate: bool) -> None:
    i = 2 if approximate else 0
    if st[i] is None:
        st[i], st[i + 1] = iv[0], iv[1]
    else:
        st[i] = max(st[i], iv[0])
        st[i + 1] = min(st[i + 1], iv[1])


def _merge_stats(into: list, other: list) -> None:
    for i in (0, 2):
        if other[i] is not None:
            _add_stats(into, (other[i], other[i + 1]), i == 2)


def _stats_agree(a: list, b: list, tol: float = TOL, tol_approx: float = TOL_APPROX) -> bool:
    """`_all_agree` of two claims from their `_stats`.

    a and b disagree iff lo(a) > f(hi(b)) or lo(b) > f(hi(a)), f(x) = x * (1 + t) + 1e-12 being
    monotone (1 + t > 0), so per tolerance only the largest lo against the smallest hi matters."""
    for i, j, t in ((0, 0, tol), (0, 2, tol_approx), (2, 0, tol_approx), (2, 2, tol_approx)):
        if a[i] is None or b[j] is None:
            continue
        if a[i] > _f(b[j + 1], t) or b[j] > _f(a[i + 1], t):
            return False
    return True


def _group(facts: list[dict]) -> list[dict]:
    """Group facts into claims by exact key, then merge coarser / incomplete keys (docstring)."""
    groups: dict[tuple, dict] = {}
    for f in facts:
        if f["complete"]:
            gk = (f["kind"], tuple(f["req"]), tuple(sorted(f["opt"].items())))
        else:
            gk = (f["kind"], ("#", f["doc_id"], f["start"], len(groups)), ())
        g = groups.get(gk)
        if g is None:
            g = groups[gk] = {"kind": f["kind"], "req": f["req"], "opt": dict(f["opt"]),
                              "complete": f["complete"], "facts": []}
        g["facts"].append(f)

    claims = list(groups.values())
    # merge pass: least specific first into a unique compatible more specific claim. A claim only
    # merges into a claim of the same kind and required parts, so each such bucket is merged on its
    # own (the same merges, in the same order, as one pass over all claims would make).
    def specificity(c):
        o = c["opt"]
        return _date_rank(o.get("date", "")) + (1 if o.get("to_org") else 0)

    buckets: dict[tuple, list[dict]] = {}
    for c in claims:
        if c["complete"]:
            buckets.setdefault((c["kind"], tuple(c["req"])), []).append(c)
    removed: set[int] = set()
    # agreement only needs the extremes of each claim's value intervals (`_stats`); a claim's
    # specificity never changes (merging adds facts, not key parts)
    spec: dict[int, int] = {}
    stats: dict[int, list] = {}
    for bucket in buckets.values():
        if len(bucket) < 2 or not any(c["opt"] for c in bucket):
            continue
        for c in bucket:
            spec[id(c)] = specificity(c)
            stats[id(c)] = _stats(c["facts"])
        merged = True
        while merged:
            merged = False
            for c in sorted(bucket, key=lambda c: spec[id(c)]):
                if not c["opt"]:
                    continue
                sc = spec[id(c)]
                cands = []
                for d in bucket:
                    if d is c or d["req"] != c["req"]:
                        continue
                    if spec[id(d)] <= sc:
                        continue
                    ok = True
                    if "date" in c["opt"]:
                        ok = _date_contains(c["opt"]["date"], d["opt"].get("date", ""))
                    if "to_org" in c["opt"]:
                        ok = ok and (c["opt"]["to_org"] in ("", d["opt"].get("to_org", "")))
                    # only when the values agree: an undated "$14bn investment" must not be pulled into
                    # a dated "$50bn investment" of the same subject and turn it into a conflict
                    ok = ok and _stats_agree(stats[id(c)], stats[id(d)])
                    if ok:
                        cands.append(d)
                if len(cands) == 1:
                    cands[0]["facts"].extend(c["facts"])
                    _merge_stats(stats[id(cands[0])], stats[id(c)])
                    bucket.remove(c)
                    removed.add(id(c))
                    merged = True
                    break
    return [c for c in claims if id(c) not in removed]


def _f(x: float, t: float) -> float:
    """The widened upper bound `values_agree` compares against."""
    return x * (1 + t) + 1e-12


def _intervals(facts: list[dict]) -> tuple[list, list]:
    """(non-approximate, approximate) lists of (lo, hi, doc_id) for the facts with a value."""
    plain, approx = [], []
    for f in facts:
        iv = _fact_interval(f)
        if iv is not None:
            (approx if f["approximate"] else plain).append((iv[0], iv[1], f["doc_id"]))
    return plain, approx


def _all_agree(fa: list[dict], fb: list[dict], tol: float = TOL, tol_approx: float = TOL_APPROX) -> bool:
    """all(values_agree(a, b, a.approx or b.approx) for a in fa for b in fb), in O(len(fa) + len(fb))
    (the rule `_group` applies to claims through their `_stats`)."""
    if 1 + tol <= 0 or 1 + tol_approx <= 0:
        return all(values_agree((a["value"], a["value_high"]), (b["value"], b["value_high"]),
                                a["approximate"] or b["approximate"], tol, tol_approx)
                   for a in fa for b in fb)
    return _stats_agree(_stats(fa), _stats(fb), tol, tol_approx)


def _extremes(items: list, idx: int, largest: bool):
    """(best value, its doc, best value among the other docs or None) of items[*][idx]."""
    pick = max if largest else min
    best = pick(items, key=lambda i: i[idx])
    others = [i[idx] for i in items if i[2] != best[2]]
    return best[idx], best[2], (pick(others) if others else None)


def _values_conflict(facts: list[dict], tol: float, tol_approx: float) -> bool:
    """Some two facts of different documents whose values disagree (`values_agree`), in O(n)."""
    if 1 + tol <= 0 or 1 + tol_approx <= 0:
        return _pairwise_conflict(facts, "", tol, tol_approx)
    plain, approx = _intervals(facts)
    for sx, sy, t in ((plain, plain, tol), (plain, approx, tol_approx), (approx, plain, tol_approx),
                      (approx, approx, tol_approx)):
        if not sx or not sy:
            continue
        # is there x in sx, y in sy, doc(x) != doc(y), lo(x) > f(hi(y))?
        a1, d1, a2 = _extremes(sx, 0, True)
        b1, e1, b2 = _extremes(sy, 1, False)
        if d1 != e1:
            if a1 > _f(b1, t):
                return True
        elif (b2 is not None and a1 > _f(b2, t)) or (a2 is not None and a2 > _f(b1, t)):
            return True
    return False


_DATE_LEVEL = {"day": 3, "week": 2, "month": 2, "quarter": 1, "year": 0}
_YM = re.compile(r"\d{4}-\d{2}")


def _date_level_key(d: str, level: int):
    if level == 3:
        return d[:10]
    if level == 2:
        return d[:7]
    if level == 1:
        return d[:4], (int(d[5:7]) - 1) // 3
    return d[:4]


def _event_conflict(facts: list[dict]) -> bool:
    """Model events: two documents whose dates disagree at their common precision (`_dates_agree`)
    or whose non-empty access / architecture differ, in O(n)."""
    dated = [(f["event_date"], _DATE_LEVEL[f["event_date_precision"]], f["doc_id"]) for f in facts
             if f["event_date"] and f["event_date_precision"] in _DATE_LEVEL]
    if any(not _YM.match(d) for d, _, _ in dated):
        return _pairwise_conflict(facts, "model_event", TOL, TOL_APPROX)
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


def _pairwise_conflict(facts: list[dict], kind: str, tol: float, tol_approx: float) -> bool:
    """The definition: compare every two facts of different documents (quadratic)."""
    for i, a in enumerate(facts):
        for b in facts[i + 1:]:
            if a["doc_id"] == b["doc_id"]:
                continue
            if kind == "model_event":
                if not _dates_agree((a["event_date"], a["event_date_precision"]),
                                    (b["event_date"], b["event_date_precision"])):
                    return True
                for fld in ("access", "architecture"):
                    if a[fld] and b[fld] and a[fld] != b[fld]:
                        return True
            elif not values_agree((a["value"], a["value_high"]), (b["value"], b["value_high"]),
                                  a["approximate"] or b["approximate"], tol, tol_approx):
                return True
    return False


def _summarise(c: dict, tol: float, tol_approx: float) -> dict:
    kind, facts = c["kind"], c["facts"]
    facts = sorted(facts, key=lambda f: (f["published"] or "9999", f["doc_id"], f["start"] or 0))
    if c["complete"]:
        key = _key_string(kind, c["req"], c["opt"])
    else:
        f0 = facts[0]
        key = _key_string(kind, c["req"], c["opt"]) + f"#{f0['doc_id']}:{f0['start']}"
    docs = list(dict.fromkeys(f["doc_id"] for f in facts))
    pubs = sorted(p for p in {f["published"] for f in facts} if p)

    # distinct values with the number of documents giving them
    vals: dict[tuple, set] = {}
    for f in facts:
        if f["value"] is None and f["value_high"] is None:
            continue
        vals.setdefault((f["value"], f["value_high"]), set()).add(f["doc_id"])
    value = value_high = None
    if vals:
        first_idx = {}
        for i, f in enumerate(facts):
            first_idx.setdefault((f["value"], f["value_high"]), i)
        best = max(vals, key=lambda k: (len(vals[k]), -first_idx[k]))
        value, value_high = best

    if kind == "model_event":
        conflict = _event_conflict(facts)
    else:
        conflict = _values_conflict(facts, tol, tol_approx)

    kinds = list(dict.fromkeys(f["attribution"] for f in facts if f["attribution"]))
    evidence = [{"doc_id": f["doc_id"], "sent_id": f["sent_id"], "start": f["start"], "end": f["end"],
                 "quote": f["quote"], "value": f["value"], "value_high": f["value_high"],
                 "published": f["published"], "attribution": f["attribution"]} for f in facts]
    if kind == "model_event":
        for e, f in zip(evidence, facts):
            e["event_date"] = f["event_date"]
            e["event_date_precision"] = f["event_date_precision"]
    return {
        "claim_id": _claim_id(kind, key), "kind": kind, "key": key, "key_complete": c["complete"],
        "value": value, "value_high": value_high, "n_sources": len(docs), "n_facts": len(facts),
        "doc_ids": "; ".join(docs), "first_seen": pubs[0] if pubs else "",
        "last_seen": pubs[-1] if pubs else "", "attributions": "; ".join(kinds), "conflict": conflict,
        "values": json.dumps([[k[0], k[1], len(v)] for k, v in vals.items()]),
        "quotes": json.dumps(list(dict.fromkeys(f["quote"] for f in facts if f["quote"])), ensure_ascii=False),
        "evidence": json.dumps(evidence, ensure_ascii=False),
    }


def claims_table(tables: Mapping[str, pd.DataFrame], documents: pd.DataFrame | None,
                 attributions: pd.DataFrame | None = None, tol: float = TOL,
                 tol_approx: float = TOL_APPROX) -> pd.DataFrame:
    """Consolidate fact tables across documents into claims (rules in the module docstring).

    Sorted by kind, then n_sources (descending), then key.
    """
    attr = _attribution_map(attributions) if attributions is not None else None
    facts = _facts(tables, _published_map(documents), attr)
    rows = [_summarise(c, tol, tol_approx) for c in _group(facts)]
    out = pd.DataFrame(rows, columns=CLAIM_COLUMNS)
    if len(out):
        out = out.sort_values(["kind", "n_sources", "key"], ascending=[True, False, True],
                              kind="stable").reset_index(drop=True)
    out["value"] = out["value"].astype(float)
    out["value_high"] = out["value_high"].astype(float)
    return out


# ----------------------------------------------------------------------------- model history
def model_status_history(model_events: pd.DataFrame, documents: pd.DataFrame | None) -> pd.DataFrame:
    """Each model's events in order: one row per (model, event, precision-normalised date).

    Rows reporting the same event of the same model with compatible dates (same date key, or no
    date) are one step with n_sources documents. Order within a model: `sort_date` (the event date,
    else the earliest publication date of the reporting documents; `date_basis` says which), then
    first publication date, then lifecycle order EVENT_ORDER (plan -> announce -> release ->
    update -> delay -> cancel -> withdraw, any spelling listed there; unknown events last). `previous_event` is the event of the step before.
    """
    if model_events is None or not len(model_events):
        return pd.DataFrame(columns=HISTORY_COLUMNS)
    pub = _published_map(documents)
    steps: dict[tuple, dict] = {}
    for r in model_events.to_dict("records"):
        model, event = norm_text(r.get("model")), norm_text(r.get("event"))
        if not model or not event:
            continue
        iso = "" if _missing(r.get("event_date")) else str(r["event_date"])[:10]
        prec = "" if _missing(r.get("event_date_precision")) else str(r["event_date_precision"])
        dk = date_key(iso, prec)
        k = (model, event, dk)
        s = steps.setdefault(k, {"model_display": str(r.get("model")), "event": str(r.get("event")),
                                 "rows": []})
        s["rows"].append({**r, "_iso": iso, "_prec": prec, "_pub": pub.get(str(r.get("doc_id")), "")})
    # an undated report of an event folds into the single dated step of that model+event
    for (model, event, dk) in list(steps):
        if dk:
            continue
        dated = [k for k in steps if k[0] == model and k[1] == event and k[2]]
        if len(dated) == 1:
            steps[dated[0]]["rows"].extend(steps.pop((model, event, dk))["rows"])

    out = []
    for (model, event, dk), s in steps.items():
        rows = sorted(s["rows"], key=lambda r: (r["_pub"] or "9999", str(r.get("doc_id"))))
        dated = [r for r in rows if r["_iso"] and r["_prec"] not in ("", "unknown")]
        prec_order = {"day": 0, "week": 1, "month": 2, "quarter": 3, "year": 4}
        best = min(dated, key=lambda r: prec_order.get(r["_prec"], 9)) if dated else None
        pubs = sorted(r["_pub"] for r in rows if r["_pub"])
        first_pub = pubs[0] if pubs else ""
        if best is not None:
            sort_date, basis = best["_iso"], "event"
        elif first_pub:
            sort_date, basis = first_pub, "published"
        else:
            sort_date, basis = "", ""
        f0 = rows[0]
        first = lambda col: next((str(r[col]) for r in rows if not _missing(r.get(col))), "")  # noqa: E731
        out.append({
            "model": s["model_display"], "_model_key": model, "event": s["event"],
            "event_date": best["_iso"] if best else "", "event_date_precision": best["_prec"] if best else "",
            "date_basis": basis, "sort_date": sort_date, "first_published": first_pub,
            "n_sources": len({str(r.get("doc_id")) for r in rows}),
            "doc_ids": "; ".join(dict.fromkeys(str(r.get("doc_id")) for r in rows)),
            "org": first("org"), "architecture": first("architecture"), "access": first("access"),
            "doc_id": str(f0.get("doc_id")), "sent_id": f0.get("sent_id"), "start": f0.get("start"),
            "end": f0.get("end"), "quote": "" if _missing(f0.get("quote")) else str(f0.get("quote")),
            "evidence": json.dumps([{"doc_id": str(r.get("doc_id")), "start": r.get("start"),
                                     "end": r.get("end"), "quote": r.get("quote"),
                                     "event_date": r["_iso"], "published": r["_pub"]} for r in rows],
                                   ensure_ascii=False, default=str),
        })
    df = pd.DataFrame(out)
    df["_rank"] = df["event"].map(
        lambda e: _EVENT_RANK.get(re.sub(r"[\s-]+", "_", norm_text(e)), len(EVENT_ORDER)))
    df["_sd"] = df["sort_date"].replace("", "9999-12-31")
    df["_fp"] = df["first_published"].replace("", "9999-12-31")
    df = df.sort_values(["_model_key", "_sd", "_fp", "_rank"], kind="stable")
    df["step"] = df.groupby("_model_key").cumcount() + 1
    df["previous_event"] = df.groupby("_model_key")["event"].shift(1).fillna("")
    return df[HISTORY_COLUMNS].reset_index(drop=True)
