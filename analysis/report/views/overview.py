"""Data prepared for the front page (notebooks/index.ipynb): every event of the four topic pages
(money, compute, talent moves, model events) in one table, each row with its date, what happened,
its figure, its quote and the anchor of its evidence row on the topic page.

Each topic's rows are what that page shows with its default parameters (the same view functions,
the same company in focus), so a front-page link always lands on a row of the page it names.
"""
from __future__ import annotations

import pandas as pd

from analysis.pipeline.values import is_blank, text_or_empty
from analysis.report.format import date_label, evidence_anchor, format_usd
from analysis.report.views import compute as vcomp
from analysis.report.views import models as vmod
from analysis.report.views import spending as vspend
from analysis.report.views import talent as vtal

MONEY, COMPUTE, TALENT, MODELS = "money", "compute", "talent", "models"
KINDS = [MONEY, COMPUTE, TALENT, MODELS]
PAGES = {MONEY: "01-spending", COMPUTE: "02-compute", TALENT: "03-talent", MODELS: "04-models"}
SETBACKS = ("delay", "withdraw", "cancel")
EVENT_COLUMNS = ["kind", "date", "date_label", "date_basis", "what", "value_text", "size", "quote", "doc_id",
                 "start", "end", "title", "published_label", "page", "anchor"]


def topic_rows(tables, focus: str) -> dict[str, pd.DataFrame]:
    """Each topic page's rows with its default parameters and `focus` as the company in focus."""
    mentions = tables.get("mentions")
    sentences = tables.get("sentences")
    money, _ = vspend.spending_facts(tables["amounts"], tables.documents, sentences,
                                     mentions, company=focus)
    compute, _ = vcomp.compute_facts(tables["compute"], tables.documents, sentences,
                                     mentions, company=focus)
    everything = vtal.prepare(tables.get("talent_moves", vtal.TALENT_COLUMNS), tables.documents)
    talent, _ = vtal.filter_moves(everything, focus, "", "", True)
    models, _, _ = vmod.filter_events(vmod.prepare(tables.get("model_events", vmod.MODEL_EVENT_COLUMNS),
                                                   tables.documents, focus))
    return {MONEY: money, COMPUTE: compute, TALENT: talent, MODELS: models}


def _frame(kind: str, df: pd.DataFrame, date, basis, what, value, size) -> pd.DataFrame:
    out = pd.DataFrame({
        "kind": kind, "date": pd.to_datetime(pd.Series(list(date), index=df.index, dtype=object)),
        "date_basis": list(basis), "what": list(what), "value_text": list(value),
        "size": pd.to_numeric(pd.Series(list(size), index=df.index), errors="coerce"),
        "quote": df["quote"], "doc_id": df["doc_id"], "start": df["start"].astype(int), "end": df["end"].astype(int),
        "title": df["title"], "published_label": [date_label(p, pp) for p, pp in zip(df["published"], df["published_precision"])],
        "page": PAGES[kind]}, index=df.index)
    out["date_label"] = [d.strftime("%Y-%m-%d") if not pd.isna(d) else "undated" for d in out["date"]]
    out["anchor"] = [evidence_anchor(d, s, e) for d, s, e in zip(out["doc_id"], out["start"], out["end"])]
    return out


def _move_text(r) -> str:
    who = text_or_empty(r.who)
    frm, to = text_or_empty(r.from_org), text_or_empty(r.to_org)
    path = f" from {frm}" * bool(frm) + f" to {to}" * bool(to)
    return f"{who}: {r.direction}{path}" + (f" as {r.role}" if not is_blank(r.role) else "")


def events(rows: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """All events of `topic_rows` in one table (`EVENT_COLUMNS`), dated by the event date the text
    gives, else the publication date of the article (`date_basis` says which), sorted by date."""
    parts = []
    m = rows[MONEY]
    if len(m):
        parts.append(_frame(MONEY, m, m["fact_date"], m["date_basis"],
                            [f"{lab} · {sub}" for lab, sub in zip(m["label_shown"], m["subject_shown"])],
                            m["value_text"], m["value_usd"]))
    c = rows[COMPUTE]
    if len(c):
        parts.append(_frame(COMPUTE, c, c["fact_date"], c["date_basis"],
                            [f"{lab} ({st})" for lab, st in zip(c["label_shown"], c["status_shown"])],
                            c["value_text"], c["quantity"]))
    t = rows[TALENT]
    t = t[t["direction"].isin(vtal.MOVES)] if len(t) else t
    if len(t):
        parts.append(_frame(TALENT, t, t["date"], t["date_basis"], [_move_text(r) for r in t.itertuples()],
                            [format_usd(p) for p in t["pay_usd"]], t["weight"]))
    d = rows[MODELS]
    if len(d):
        pub = pd.to_datetime(d["published"], errors="coerce")
        parts.append(_frame(MODELS, d, d["date"].where(d["date"].notna(), pub),
                            ["event" if not pd.isna(x) else "publication" for x in d["date"]],
                            [f"{mod} · {ev} ({org})" for mod, ev, org in zip(d["model"], d["event"], d["org"])],
                            d["event"], [None] * len(d)))
    if not parts:
        return pd.DataFrame(columns=EVENT_COLUMNS)
    out = pd.concat(parts, ignore_index=True)[EVENT_COLUMNS]
    out["kind_order"] = out["kind"].map(KINDS.index)
    return out.sort_values(["date", "kind_order", "doc_id", "start"], kind="stable", na_position="last") \
        .drop(columns="kind_order").reset_index(drop=True)


def largest(ev: pd.DataFrame, kind: str, n: int = 3, unit: str | None = None, rows=None) -> pd.DataFrame:
    """The `n` largest events of `kind` by size, one per distinct figure and what (the first
    statement of each); for compute, `unit` and `rows` (the compute rows) keep one unit."""
    e = ev[(ev["kind"] == kind) & ev["size"].notna()]
    if unit is not None and rows is not None:
        keys = set(zip(rows.loc[rows["unit"] == unit, "doc_id"], rows.loc[rows["unit"] == unit, "start"]))
        e = e[pd.Series([(d, s) in keys for d, s in zip(e["doc_id"], e["start"])], index=e.index, dtype=bool)]
    e = e.sort_values(["size", "doc_id", "start"], ascending=[False, True, True], kind="stable")
    return e.drop_duplicates(["value_text", "what"]).head(n).reset_index(drop=True)


def _by_span(ev: pd.DataFrame, kind: str) -> pd.DataFrame:
    """The events of `kind` indexed by (doc_id, start), the first of each span only."""
    e = ev[ev["kind"] == kind].set_index(["doc_id", "start"])
    return e[~e.index.duplicated()]


def key_moves(ev: pd.DataFrame, rows: pd.DataFrame, n: int = 3) -> pd.DataFrame:
    """The `n` most important named moves: those with the highest reported pay, then the latest;
    one per person and direction."""
    t = rows[rows["direction"].isin(vtal.MOVES) & rows["person"].map(lambda v: not is_blank(v))]
    if t.empty:
        return ev.iloc[0:0]
    t = t.assign(_pay=t["pay_usd"].fillna(-1)).sort_values(["_pay", "date"], ascending=[False, False],
                                                           kind="stable", na_position="last")
    t = t.drop_duplicates(["person", "direction"]).head(n)
    e = _by_span(ev, TALENT)
    keys = list(zip(t["doc_id"], t["start"].astype(int)))
    return e.loc[[k for k in keys if k in e.index]].reset_index()[EVENT_COLUMNS]


def model_steps(ev: pd.DataFrame, rows: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the focus company's releases, its setbacks: delays, withdrawals, cancellations), latest
    first, one per model and event."""
    focus = rows[rows["side"] == vmod.IN_FOCUS]
    e = _by_span(ev, MODELS)

    def pick(events) -> pd.DataFrame:
        r = focus[focus["event"].isin(events)].sort_values("date", ascending=False, kind="stable", na_position="last")
        r = r.drop_duplicates(["model", "event"])
        keys = [k for k in zip(r["doc_id"], r["start"].astype(int)) if k in e.index]
        return e.loc[keys].reset_index()[EVENT_COLUMNS] if keys else ev.iloc[0:0]

    return pick(("release",)), pick(SETBACKS)


def by_period(ev: pd.DataFrame, freq: str = "M", examples: int = 3) -> pd.DataFrame:
    """Dated events counted per kind and period (month by default): one row per (kind, period) with
    the number of events, the period's first day, and the `examples` largest as hover text."""
    d = ev[ev["date"].notna()].copy()
    d["period"] = d["date"].dt.to_period(freq).dt.start_time
    rows = []
    for (kind, period), g in d.groupby(["kind", "period"], sort=True):
        top = g.sort_values("size", ascending=False, kind="stable", na_position="last").head(examples)
        rows.append({"kind": kind, "period": period, "n_events": len(g),
                     "examples": [f"{r.what} {r.value_text}: “{r.quote}” ({r.title}, {r.doc_id})".replace("  ", " ")
                                  for r in top.itertuples()]})
    return pd.DataFrame(rows, columns=["kind", "period", "n_events", "examples"])
