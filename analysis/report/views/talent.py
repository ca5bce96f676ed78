"""Data prepared for notebook 03 (talent): flows between organisations, named moves, departures,
attempts and rumours.

Every function takes the processed `talent_moves` table (and `documents` for titles and dates) and
returns a tidy DataFrame whose rows keep their evidence (doc_id, start, end, quote), so a chart can
show the sentence it stands on. Nothing here knows about any company or corpus.

Conventions
- A *move* is a row with direction `join` or `leave`; `attempt` and `rumour` rows are not moves and
  are kept apart (`attempts_view`).
- A move whose origin or destination is not stated goes to UNKNOWN_FROM / UNKNOWN_TO.
- A group whose size is stated weighs its count; a group of unstated size ("many researchers")
  weighs 1 and is flagged `size_stated == False`, so charts can say so.
- The same named person reported making the same move in several statements is one move
  (`named_moves`): the statement with a stated event date, else the earliest report, stands for it.
"""
from __future__ import annotations

from typing import Iterable

import pandas as pd

from analysis.extract.talent import TALENT_COLUMNS  # noqa: F401 (the table's columns, for the notebook)
from analysis.pipeline.values import is_blank, text_or_empty
from analysis.report.format import UNDATED, date_label, format_usd, shorten
from analysis.report.params import as_date
from analysis.report.views.context import EVIDENCE, belongs_to, day_dates, with_document_fields

MOVES = ("join", "leave")
NOT_MOVES = ("attempt", "rumour")
DIRECTIONS = MOVES + NOT_MOVES
DIRECTION_NOUNS = {"join": ("arrival", "arrivals"), "leave": ("departure", "departures"),
                   "attempt": ("attempt", "attempts"), "rumour": ("rumour", "rumours")}
UNKNOWN_FROM = "(unknown origin)"
UNKNOWN_TO = "(unknown destination)"
EVENT_BASIS = "event date stated"
PUBLISHED_BASIS = "report's publication date"


# ---------------------------------------------------------------- preparation

def prepare(moves: pd.DataFrame, documents: pd.DataFrame | None = None) -> pd.DataFrame:
    """The talent table with titles, publication dates and a date to plot.

    Adds: title, published, published_label, date (the stated event date, else the report's
    publication date, else NaT), date_basis (EVENT_BASIS | PUBLISHED_BASIS | ''), date_label,
    weight (count if stated, else 1), size_stated, who (person or the group's words), move_date
    (for a named move, the date of the statement standing for the whole move, see `named_moves`;
    else `date`), sorted by doc_id and start.
    """
    df = with_document_fields(moves, documents, (
        "sent_id", "person", "from_org", "to_org", "role", "count", "count_text", "pay_usd", "event_date",
        "event_date_precision", "cue", "attribution", "attribution_source"))
    event, pub = day_dates(df["event_date"]), day_dates(df["published"])
    df["date"] = event.fillna(pub)
    df["date_basis"] = [EVENT_BASIS if not pd.isna(e) else PUBLISHED_BASIS if not pd.isna(p) else ""
                        for e, p in zip(event, pub)]
    df["date_label"] = [date_label(e, ep) if b == EVENT_BASIS else date_label(p, pp) if b else UNDATED
                        for e, ep, p, pp, b in zip(df["event_date"], df["event_date_precision"], df["published"],
                                                   df["published_precision"], df["date_basis"])]
    df["published_label"] = [date_label(p, pp) for p, pp in zip(df["published"], df["published_precision"])]
    counts = pd.to_numeric(df["count"], errors="coerce")
    named = df["person"].map(lambda v: not is_blank(v)).astype(bool)
    df["size_stated"] = counts.notna() | named
    df["weight"] = counts.where(counts.notna(), 1).astype(int)
    df["who"] = [text_or_empty(p) or " ".join(text_or_empty(t).split()) or " ".join(text_or_empty(q).split()) or "(unnamed)"
                 for p, t, q in zip(df["person"], df["count_text"], df["quote"])]
    df["direction"] = df["direction"].map(text_or_empty)
    df = df.sort_values(["doc_id", "start", "end"], kind="stable").reset_index(drop=True)
    df["move_date"] = df["date"]
    for idx in _move_clusters(df):
        df.loc[idx, "move_date"] = df.loc[idx[0], "date"]
    return df


def filter_moves(df: pd.DataFrame, company: str = "", date_from: str = "", date_to: str = "",
                 include_attempts: bool = True) -> tuple[pd.DataFrame, list[str]]:
    """Apply the notebook's parameters to a `prepare`d table; returns (rows kept, sentences saying
    what was filtered out). `company` keeps rows with the company (or a unit named after it) on
    either side; dates compare `move_date` (so all statements of one named move stay or go together),
    and rows without any date are dropped when a date bound is set."""
    notes: list[str] = []
    out = df
    if company:
        keep = out["from_org"].map(lambda o: belongs_to(o, company)) | out["to_org"].map(lambda o: belongs_to(o, company))
        if (~keep).any():
            notes.append(f"{int((~keep).sum())} row(s) not involving {company}")
        out = out[keep]
    for name, bound, op, word in (("date_from", date_from, "ge", "before"), ("date_to", date_to, "le", "after")):
        b = as_date(bound, name)
        if b is not None:
            keep = getattr(out["move_date"], op)(b) & out["move_date"].notna()
            n_undated = int(out["move_date"].isna().sum())
            n_out = int((~keep).sum()) - n_undated
            if n_out:
                notes.append(f"{n_out} row(s) dated {word} {bound}")
            if n_undated:
                notes.append(f"{n_undated} row(s) without any date (a date bound is set)")
            out = out[keep]
    if not include_attempts:
        drop = out["direction"].isin(NOT_MOVES)
        if drop.any():
            notes.append(f"{int(drop.sum())} attempt/rumour row(s)")
        out = out[~drop]
    return out.reset_index(drop=True), notes


# ---------------------------------------------------------------- views

def _family(org: str, orgs: Iterable[str]) -> str:
    """The shortest organisation in `orgs` that `org` belongs to (itself if none)."""
    best = org
    for o in orgs:
        if o != org and belongs_to(org, o) and len(o) < len(best):
            best = o
    return best


def _move_clusters(df: pd.DataFrame) -> list[list]:
    """Index lists of the statements of each named move (see `named_moves`), each list
    representative first: the earliest stated event date, else the earliest report."""
    rows = df[df["direction"].isin(MOVES) & df["person"].map(lambda v: not is_blank(v)).astype(bool)].copy()
    if rows.empty:
        return []
    orgs = {o for c in ("from_org", "to_org") for o in rows[c].map(text_or_empty) if o}
    rows["_side"] = [_family(text_or_empty(t if d == "join" else f), orgs) for d, t, f in
                     zip(rows["direction"], rows["to_org"], rows["from_org"])]
    rows["_has_event"] = rows["date_basis"] == EVENT_BASIS
    rows = rows.sort_values(["person", "direction", "_has_event", "date", "doc_id", "start"],
                            ascending=[True, True, False, True, True, True], na_position="last", kind="stable")
    out: list[list] = []
    for _, g in rows.groupby(["person", "direction"], sort=True):
        clusters: list[list] = []
        keys: list[str] = []
        for i, side in zip(g.index, g["_side"]):
            if side in keys:
                clusters[keys.index(side)].append(i)
            elif not side and clusters:
                clusters[0].append(i)
            elif side and "" in keys:
                k = keys.index("")
                keys[k] = side
                clusters[k].append(i)
            else:
                keys.append(side)
                clusters.append([i])
        out.extend(clusters)
    return out


def named_moves(df: pd.DataFrame) -> pd.DataFrame:
    """One row per named person's move (join/leave), merging statements of the same move.

    Statements are the same move when person and direction agree and the organisation on the
    moving side (to_org for a join, from_org for a leave) is the same or a unit named after it, or
    is unstated. The representative row is the one with a stated event date (earliest), else the
    earliest report; blank fields are filled from the other statements. Adds n_statements and
    doc_ids. Sorted by date (undated last), then person.
    """
    cols = list(df.columns) + ["n_statements", "doc_ids"]
    clusters = _move_clusters(df)
    if not clusters:
        return pd.DataFrame(columns=cols)
    out = []
    for idx in clusters:
        part = df.loc[idx]
        rep = part.iloc[0].copy()
        roles = list(dict.fromkeys(" ".join(text_or_empty(r).split()) for r in part["role"] if not is_blank(r)))
        rep["role"] = "; ".join(roles) if roles else rep["role"]
        for c in ("from_org", "to_org", "pay_usd"):
            if is_blank(rep[c]):
                filled = [v for v in part[c] if not is_blank(v)]
                rep[c] = filled[0] if filled else rep[c]
        rep["n_statements"] = len(part)
        rep["doc_ids"] = ", ".join(sorted(set(part["doc_id"])))
        out.append(rep)
    res = pd.DataFrame(out)
    res["_undated"] = res["date"].isna()
    res = res.sort_values(["_undated", "date", "person", "direction"], kind="stable").drop(columns="_undated")
    return res[cols].reset_index(drop=True)


def flows(df: pd.DataFrame) -> pd.DataFrame:
    """Links of the Sankey: moves (join/leave) from origin to destination, named moves counted once
    (see `named_moves`), groups weighted by their stated count (1 if unstated).

    Columns: source, target, people (sum of weights), people_stated (named people plus groups of
    stated size), n_named, n_groups, n_unsized (groups of
    unstated size), who (named people and group words, '; '-joined), quote / title / date_label of
    the first statement, doc_id, start, end. Sorted by people descending, then source, target.
    """
    cols = ["source", "target", "people", "people_stated", "n_named", "n_groups", "n_unsized", "who", "quote", "title",
            "date_label", "doc_id", "start", "end"]
    named = named_moves(df)
    groups = df[df["direction"].isin(MOVES) & df["person"].map(is_blank).astype(bool)]
    rows = pd.concat([named.assign(_named=True), groups.assign(_named=False)], ignore_index=True)
    if rows.empty:
        return pd.DataFrame(columns=cols)
    rows["source"] = rows["from_org"].map(lambda v: text_or_empty(v) or UNKNOWN_FROM)
    rows["target"] = rows["to_org"].map(lambda v: text_or_empty(v) or UNKNOWN_TO)
    rows["weight"] = [1 if n else w for n, w in zip(rows["_named"], rows["weight"])]
    rows = rows.sort_values(["source", "target", "doc_id", "start"], kind="stable")
    out = []
    for (s, t), g in rows.groupby(["source", "target"], sort=True):
        first = g.iloc[0]
        who = list(dict.fromkeys(
            (w if n else f"{w} ({'size not stated' if not st else int(c)})")
            for w, n, st, c in zip(g["who"], g["_named"], g["size_stated"], g["weight"])))
        stated = g["_named"] | g["size_stated"].astype(bool)
        out.append({"source": s, "target": t, "people": int(g["weight"].sum()),
                    "people_stated": int(g.loc[stated, "weight"].sum()),
                    "n_named": int(g["_named"].sum()), "n_groups": int((~g["_named"]).sum()),
                    "n_unsized": int(((~g["_named"]) & (~g["size_stated"].astype(bool))).sum()),
                    "who": "; ".join(who), "quote": first["quote"], "title": first["title"],
                    "date_label": first["date_label"], "doc_id": first["doc_id"],
                    "start": first["start"], "end": first["end"]})
    res = pd.DataFrame(out, columns=cols)
    return res.sort_values(["people", "source", "target"], ascending=[False, True, True],
                           kind="stable").reset_index(drop=True)


def sankey_nodes(links: pd.DataFrame, focus: str = "") -> list[str]:
    """Node labels in a stable order: the company in focus (and its units) first, other
    organisations alphabetically, the unknown nodes last."""
    names = set(links["source"]) | set(links["target"]) if len(links) else set()
    unknown = [u for u in (UNKNOWN_FROM, UNKNOWN_TO) if u in names]
    orgs = sorted(n for n in names if n not in unknown)
    mine = [n for n in orgs if belongs_to(n, focus)]
    return mine + [n for n in orgs if n not in mine] + unknown


def node_labels(links: pd.DataFrame, nodes: list[str]) -> list[str]:
    """Sankey node labels with their totals: 'Name: 3 in, 5 out' (only the sides it has)."""
    inflow = links.groupby("target")["people"].sum() if len(links) else pd.Series(dtype=int)
    outflow = links.groupby("source")["people"].sum() if len(links) else pd.Series(dtype=int)
    out = []
    for n in nodes:
        parts = [f"{int(inflow[n])} in" if n in inflow else "", f"{int(outflow[n])} out" if n in outflow else ""]
        out.append(f"{n}: " + ", ".join(p for p in parts if p))
    return out


def departures(df: pd.DataFrame) -> pd.DataFrame:
    """Every departure statement (direction `leave`): who left (person or group words), from where,
    to where, how many (count, or None with size_stated False), a unique axis `label`, with
    evidence. Sorted by
    organisation left, then date (undated last), document and position."""
    cols = ["label", "from_org", "to_org", "who", "person", "count", "size_stated", "size_label", "weight", "role",
            "date", "date_label", "date_basis", "title", "attribution", "attribution_source"] + EVIDENCE
    d = df[df["direction"] == "leave"].copy()
    if d.empty:
        return pd.DataFrame(columns=cols)
    d["from_org"] = d["from_org"].map(lambda v: text_or_empty(v) or UNKNOWN_FROM)
    d["to_org"] = d["to_org"].map(lambda v: text_or_empty(v) or UNKNOWN_TO)
    d["count"] = pd.to_numeric(d["count"], errors="coerce")
    d["size_label"] = [("1 (named)" if not is_blank(p) else str(int(c)) if not pd.isna(c) else "size not stated")
                       for p, c in zip(d["person"], d["count"])]
    d["_undated"] = d["date"].isna()
    d = d.sort_values(["from_org", "_undated", "date", "doc_id", "start"], kind="stable")
    d["label"] = unique_labels([f"{shorten(w, 40)} · {dl}" for w, dl in zip(d["who"], d["date_label"])],
                               [f"{shorten(i, 9)} sentence {int(n) + 1}" if not is_blank(n) else text_or_empty(i)
                                for i, n in zip(d["doc_id"], d["sent_id"])])
    return d[cols].reset_index(drop=True)


def unique_labels(labels: list[str], ids: list[str]) -> list[str]:
    """Labels made unique for a categorical axis: a repeated label gets its id appended, then a
    running number if still repeated."""
    seen = pd.Series(labels).duplicated(keep=False).tolist()
    out = [f"{lab} · {i}" if dup else lab for lab, i, dup in zip(labels, ids, seen)]
    counts: dict[str, int] = {}
    res = []
    for lab in out:
        counts[lab] = counts.get(lab, 0) + 1
        res.append(lab if counts[lab] == 1 else f"{lab} #{counts[lab]}")
    return res


def departure_summary(dep: pd.DataFrame) -> pd.DataFrame:
    """Per organisation left: statements, named people, groups, people in groups of stated size,
    groups of unstated size. Sorted by statements descending, then organisation."""
    cols = ["from_org", "statements", "named", "groups", "people_in_sized_groups", "unsized_groups"]
    if dep.empty:
        return pd.DataFrame(columns=cols)
    named = dep["person"].map(lambda v: not is_blank(v))
    g = dep.assign(_named=named, _group=~named, _sized=(~named) & dep["count"].notna(),
                   _unsized=(~named) & dep["count"].isna(), _n=dep["count"].where((~named) & dep["count"].notna(), 0))
    res = g.groupby("from_org", as_index=False).agg(
        statements=("who", "size"), named=("person", lambda s: s.dropna().nunique()), groups=("_group", "sum"),
        people_in_sized_groups=("_n", "sum"), unsized_groups=("_unsized", "sum"))
    res = res.astype({"groups": int, "people_in_sized_groups": int, "unsized_groups": int})
    return res.sort_values(["statements", "from_org"], ascending=[False, True], kind="stable")[cols].reset_index(drop=True)


def attempts_view(df: pd.DataFrame) -> pd.DataFrame:
    """Attempts and rumours (not moves): who tried or is said to court whom, with evidence.
    `target` is the person, else the group words, else the organisation sought."""
    cols = ["direction", "by_org", "target", "from_org", "role", "pay", "date_label", "date_basis"] + EVIDENCE
    a = df[df["direction"].isin(NOT_MOVES)].copy()
    if a.empty:
        return pd.DataFrame(columns=cols)
    a["by_org"] = a["to_org"].map(lambda v: text_or_empty(v) or "(not stated)")
    a["target"] = [text_or_empty(p) or " ".join(text_or_empty(t).split()) or text_or_empty(f) or "(not stated)"
                   for p, t, f in zip(a["person"], a["count_text"], a["from_org"])]
    a["from_org"] = a["from_org"].map(text_or_empty)
    a["role"] = a["role"].map(text_or_empty)
    a["pay"] = a["pay_usd"].map(format_usd)
    a = a.sort_values(["direction", "by_org", "doc_id", "start"], kind="stable")
    return a[cols].reset_index(drop=True)


def evidence_table(df: pd.DataFrame) -> pd.DataFrame:
    """Every row shown on the page with its evidence, in document order (compact columns: `who`
    is the person or the group's words, `count` the stated size, `pay` formatted)."""
    cols = ["doc_id", "start", "end", "quote", "direction", "who", "count", "from_org", "to_org", "role", "pay",
            "date_label", "attribution"]
    if df.empty:
        return pd.DataFrame(columns=cols)
    e = df.copy()
    e["pay"] = e["pay_usd"].map(format_usd)
    e["count"] = pd.to_numeric(e["count"], errors="coerce").astype("Int64")
    for c in ("who", "from_org", "to_org", "role"):
        e[c] = e[c].map(lambda v: " ".join(text_or_empty(v).split()))
    e["attribution"] = [" ".join(f"{text_or_empty(a)}{': ' + text_or_empty(s) if text_or_empty(s) else ''}".split())
                        for a, s in zip(e["attribution"], e["attribution_source"])]
    return e[cols].reset_index(drop=True)


def move_labels(named: pd.DataFrame) -> list[str]:
    """Point labels for the named-moves timeline: 'From → To · role · pay' with the parts known."""
    out = []
    for r in named.itertuples(index=False):
        d = getattr(r, "direction", "")
        src = text_or_empty(getattr(r, "from_org", None)) or ("?" if d == "join" else "")
        dst = text_or_empty(getattr(r, "to_org", None)) or ("?" if d == "leave" else "")
        path = f"{src} → {dst}" if (src or dst) else ""
        parts = [p for p in (path, shorten(getattr(r, "role", None), 40), format_usd(getattr(r, "pay_usd", None))) if p]
        out.append(" · ".join(parts))
    return out


def undated_moves(named: pd.DataFrame) -> pd.DataFrame:
    """The named moves of `named_moves` without any date, with their evidence."""
    cols = ["person", "direction", "from_org", "to_org", "role", "title"] + EVIDENCE
    return named.loc[named["date"].isna(), cols]
