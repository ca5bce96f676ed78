"""Claims ledger: the same fact reported by several documents becomes one claim.

`claims_table(tables, documents, attributions=None)` consolidates the per-document fact tables
(`amounts`, `compute`, `talent_moves`, `model_events`; other keys are ignored) into one row per
claim, columns CLAIM_COLUMNS:

    claim_id        "<kind>-<10 hex>" stable hash of kind + key
    kind            amount | compute | talent_move | model_event
    key             the matching key, "|"-joined normalised parts
    key_complete    False when a required key part was missing: such a fact is never merged
    value, value_high  consensus value (most documents; ties -> earliest publication)
    n_sources       distinct documents; n_facts: fact rows
    doc_ids         "; "-joined distinct doc_ids, in order of publication
    first_seen, last_seen   earliest / latest ISO publication date among those documents ("" if none)
    attributions    "; "-joined distinct attribution kinds of the evidence sentences (from
                    `attributions`, the analysis.attribution table, when given; else from the fact
                    rows' own `attribution` column, as the build writes them; "" without either)
    conflict        True when two *different documents* give values that disagree
    values          JSON list of distinct [value, value_high, n_docs]
    quotes          JSON list of distinct evidence quotes
    evidence        JSON list of {doc_id, sent_id, start, end, quote, value, value_high, published,
                    attribution}

The key of a fact and when two facts agree or conflict are the rules of
`analysis.pipeline.matching` (its docstring). Facts with identical keys form one claim. Then a
claim whose date is missing or coarser (year, quarter) -- or, for talent moves, whose to_org is
missing -- is merged into the single claim with the same other parts whose finer date falls inside
it (resp. that names a to_org) and whose values agree with it; when there are several such
candidates it stays separate (ambiguous), and a disagreeing value is never merged (it is more
likely another fact). A fact missing a required part is its own claim (key ends
"#<doc_id>:<start>", key_complete False).

`model_status_history(model_events, documents)` orders each model's events.
"""
from __future__ import annotations

import hashlib
import json
import re
from typing import Mapping

import pandas as pd

from analysis.pipeline.matching import (TOL, TOL_APPROX, date_contains, date_key, date_rank, event_conflict,
                                        fact_key, interval, key_string, merge_stats, norm_text, stats,
                                        stats_agree, values_conflict)
from analysis.pipeline.values import concat_typed, is_blank, text_or_empty, to_float

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

def _claim_id(kind: str, key: str) -> str:
    return f"{kind}-" + hashlib.sha1(f"{kind}\x1f{key}".encode()).hexdigest()[:10]


def _published_map(documents: pd.DataFrame | None) -> dict[str, str]:
    if documents is None or not len(documents) or "doc_id" not in documents.columns:
        return {}
    pub = documents["published"] if "published" in documents.columns else pd.Series([""] * len(documents))
    out = {}
    for d, p in zip(documents["doc_id"].astype(str).tolist(), pub.tolist()):
        out[d] = "" if is_blank(p) else str(p)[:10]
    return out


def _attribution_map(attributions: pd.DataFrame | None) -> dict[tuple[str, int], str]:
    if attributions is None or not len(attributions):
        return {}
    out = {}
    for d, s, k in zip(attributions["doc_id"].astype(str).tolist(), attributions["sent_id"].tolist(),
                       attributions["attribution"].tolist()):
        if not is_blank(s):
            out[(d, int(s))] = "" if is_blank(k) else str(k)
    return out


def _int_or_none(v) -> int | None:
    return None if is_blank(v) else int(v)


def _as_bool(v) -> bool:
    if is_blank(v):
        return False
    if isinstance(v, str):
        return v.strip().lower() in ("true", "1", "yes", "y")
    return bool(v)


def _facts(tables: Mapping[str, pd.DataFrame], pub: dict, attr: dict | None) -> list[dict]:
    """One dict per fact row of the fact tables, with the parts of its key (`fact_key`). `attr`
    maps (doc_id, sent_id) to the attribution kind; None: use the rows' own `attribution` column
    when they have one."""
    normalised: dict = {}  # norm_text of every distinct value: names recur in thousands of rows

    def norm(v) -> str:
        k = (type(v), v)  # (so that 1, 1.0 and True stay apart)
        if k not in normalised:
            normalised[k] = norm_text(v)
        return normalised[k]

    text, number = text_or_empty, to_float
    facts = []
    for name, df in tables.items():
        kind = TABLE_KINDS.get(name)
        if kind is None or df is None or not len(df):
            continue
        if not df.columns.is_unique:  # a repeated column name: the last one, as a record dict keeps
            df = df.loc[:, ~df.columns.duplicated(keep="last")]
        names = list(df.columns)
        for values in zip(*(df[c].tolist() for c in names)):  # (much faster than df.to_dict("records"))
            r = dict(zip(names, values))
            get = r.get
            req, opt, complete, v, vh = fact_key(kind, lambda c: norm(get(c)), lambda c: number(get(c)),
                                                 date_key(get("event_date"), get("event_date_precision")))
            doc_id = str(r["doc_id"]) if "doc_id" in r else ""
            sent_id = _int_or_none(get("sent_id"))
            if sent_id is None:
                attribution = ""
            elif attr is None:
                attribution = text(get("attribution"))
            else:
                attribution = attr.get((doc_id, sent_id), "")
            facts.append({
                "kind": kind, "req": req, "opt": opt, "complete": complete, "value": v, "value_high": vh,
                "iv": interval(v, vh), "approximate": _as_bool(get("approximate")), "doc_id": doc_id,
                "sent_id": sent_id, "start": _int_or_none(get("start")), "end": _int_or_none(get("end")),
                "quote": text(get("quote")), "published": pub.get(doc_id, ""), "attribution": attribution,
                "event_date": text(get("event_date"))[:10], "event_date_precision": text(get("event_date_precision")),
                "access": norm(get("access")), "architecture": norm(get("architecture")),
            })
    return facts


def _group(facts: list[dict], tol: float = TOL, tol_approx: float = TOL_APPROX) -> list[dict]:
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
        return date_rank(o.get("date", "")) + (1 if o.get("to_org") else 0)

    buckets: dict[tuple, list[dict]] = {}
    for c in claims:
        if c["complete"]:
            buckets.setdefault((c["kind"], tuple(c["req"])), []).append(c)
    removed: set[int] = set()
    # agreement only needs the extremes of each claim's value intervals (`stats`); a claim's
    # specificity never changes (merging adds facts, not key parts)
    spec: dict[int, int] = {}
    extremes: dict[int, list] = {}
    for bucket in buckets.values():
        if len(bucket) < 2 or not any(c["opt"] for c in bucket):
            continue
        for c in bucket:
            spec[id(c)] = specificity(c)
            extremes[id(c)] = stats(c["facts"])
        merged = True
        while merged:
            merged = False
            for c in sorted(bucket, key=lambda c: spec[id(c)]):
                if not c["opt"]:
                    continue
                sc = spec[id(c)]
                cands = []
                for d in bucket:
                    if d is c:
                        continue
                    if spec[id(d)] <= sc:
                        continue
                    ok = True
                    if "date" in c["opt"]:
                        ok = date_contains(c["opt"]["date"], d["opt"].get("date", ""))
                    if "to_org" in c["opt"]:
                        ok = ok and (c["opt"]["to_org"] in ("", d["opt"].get("to_org", "")))
                    # only when the values agree: an undated "$14bn investment" must not be pulled into
                    # a dated "$50bn investment" of the same subject and turn it into a conflict
                    ok = ok and stats_agree(extremes[id(c)], extremes[id(d)], tol, tol_approx)
                    if ok:
                        cands.append(d)
                if len(cands) == 1:
                    cands[0]["facts"].extend(c["facts"])
                    merge_stats(extremes[id(cands[0])], extremes[id(c)])
                    bucket.remove(c)
                    removed.add(id(c))
                    merged = True
                    break
    return [c for c in claims if id(c) not in removed]


def _summarise(c: dict, tol: float, tol_approx: float) -> dict:
    kind, facts = c["kind"], c["facts"]
    facts = sorted(facts, key=lambda f: (f["published"] or "9999", f["doc_id"], f["start"] or 0))
    if c["complete"]:
        key = key_string(kind, c["req"], c["opt"])
    else:
        f0 = facts[0]
        key = key_string(kind, c["req"], c["opt"]) + f"#{f0['doc_id']}:{f0['start']}"
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
        conflict = event_conflict(facts)
    else:
        conflict = values_conflict(facts, tol, tol_approx)

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
                 tol_approx: float = TOL_APPROX, buckets: bool = False):
    """Consolidate fact tables across documents into claims (rules in the module docstring).

    Sorted by kind, then n_sources (descending), then key. With `buckets`, → (claims, the bucket
    of each claim, `bucket`), for `update_claims`.
    """
    if tol < 0 or tol_approx < 0:
        raise ValueError(f"tolerances must not be negative (tol={tol}, tol_approx={tol_approx})")
    attr = _attribution_map(attributions) if attributions is not None else None
    out, bks = _claims(_facts(tables, _published_map(documents), attr), tol, tol_approx)
    return (out, bks) if buckets else out


def bucket(fact: dict) -> str:
    """The bucket of a fact: its kind and required key parts. A claim only ever holds facts of one
    bucket (facts with one key share them, and a claim only merges into one of the same kind and
    required parts), so the claims of one bucket can be computed without the others. A fact
    missing a required part is its own claim: its bucket names it."""
    if fact["complete"]:
        return "\x1f".join([fact["kind"], *fact["req"]])
    return f"{fact['kind']}\x1f#{fact['doc_id']}:{fact['start']}"


def _claims(facts: list[dict], tol: float, tol_approx: float) -> tuple[pd.DataFrame, list[str]]:
    """The claims of `facts`, sorted, and the bucket of each."""
    groups = _group(facts, tol, tol_approx)
    out = pd.DataFrame([_summarise(c, tol, tol_approx) for c in groups], columns=CLAIM_COLUMNS)
    bks = [bucket(c["facts"][0]) for c in groups]
    if len(out):
        out = out.sort_values(["kind", "n_sources", "key"], ascending=[True, False, True], kind="stable")
        bks = [bks[i] for i in out.index]
        out = out.reset_index(drop=True)
    out["value"] = out["value"].astype(float)
    out["value_high"] = out["value_high"].astype(float)
    return out, bks


def update_claims(previous: pd.DataFrame, previous_buckets: list[str], tables: Mapping[str, pd.DataFrame],
                  documents: pd.DataFrame | None, changed: set[str], tol: float = TOL,
                  tol_approx: float = TOL_APPROX) -> tuple[pd.DataFrame, list[str]]:
    """`claims_table(tables, documents, buckets=True)` computed from an earlier build's claims
    (`previous`, with the bucket of each) when only the facts of the documents `changed` (new,
    changed, removed, newly duplicate or no longer) may differ: the buckets that a fact of theirs
    falls in, now or before, are computed again from the facts now in them (found among the
    documents of the bucket's earlier claims and the changed ones, in table order); the claims of
    every other bucket are kept as they were. Same rows as computing every claim again."""
    facts_of = {n: df for n, df in tables.items() if n in TABLE_KINDS and df is not None and len(df)}
    pub = _published_map(documents)
    of_changed = {n: df[df["doc_id"].isin(changed)] for n, df in facts_of.items()}
    dirty = {bucket(f) for f in _facts(of_changed, pub, None)}
    earlier = [(b, set(ids.split("; "))) for b, ids in zip(previous_buckets, previous["doc_ids"].tolist())]
    dirty |= {b for b, ids in earlier if not changed.isdisjoint(ids)}
    involved = set(changed).union(*[ids for b, ids in earlier if b in dirty])
    facts = _facts({n: df[df["doc_id"].isin(involved)] for n, df in facts_of.items()}, pub, None)
    fresh, fresh_buckets = _claims([f for f in facts if bucket(f) in dirty], tol, tol_approx)
    keep = [b not in dirty for b in previous_buckets]
    kept, kept_buckets = previous[keep], [b for b, k in zip(previous_buckets, keep) if k]
    out = concat_typed([kept, fresh]).reset_index(drop=True)
    bks = kept_buckets + fresh_buckets
    if len(out):
        out = out.sort_values(["kind", "n_sources", "key"], ascending=[True, False, True], kind="stable")
        bks = [bks[i] for i in out.index]
        out = out.reset_index(drop=True)
    return out, bks


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
        iso = "" if is_blank(r.get("event_date")) else str(r["event_date"])[:10]
        prec = "" if is_blank(r.get("event_date_precision")) else str(r["event_date_precision"])
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
        first = lambda col: next((str(r[col]) for r in rows if not is_blank(r.get(col))), "")  # noqa: E731
        out.append({
            "model": s["model_display"], "_model_key": model, "event": s["event"],
            "event_date": best["_iso"] if best else "", "event_date_precision": best["_prec"] if best else "",
            "date_basis": basis, "sort_date": sort_date, "first_published": first_pub,
            "n_sources": len({str(r.get("doc_id")) for r in rows}),
            "doc_ids": "; ".join(dict.fromkeys(str(r.get("doc_id")) for r in rows)),
            "org": first("org"), "architecture": first("architecture"), "access": first("access"),
            "doc_id": str(f0.get("doc_id")), "sent_id": f0.get("sent_id"), "start": f0.get("start"),
            "end": f0.get("end"), "quote": "" if is_blank(f0.get("quote")) else str(f0.get("quote")),
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
