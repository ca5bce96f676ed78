"""Data prepared for notebook 04 (models): model events over time, company in focus versus rivals.

Every function takes the processed `model_events` table (and `documents` for titles and publication
dates) and returns a tidy DataFrame whose rows keep their evidence (doc_id, start, end, quote).
Nothing here knows about any company or corpus.

Conventions
- An event is dated only by the date its sentence gives (`event_date`); an event without one is
  *undated* and listed apart, never placed at its article's publication date.
- Statements of the same event (same organisation, model, event type and date) are merged: the
  earliest statement in document order stands for them, `n_statements` counts them.
- `side` is IN_FOCUS for the company in focus and its units named after it, RIVALS otherwise.
- Only events stated as done or decided (`status` "stated") are charted and listed: rows whose
  sentence only considers or supposes the event ("considered abandoning X", "could release X") stay
  in the table with `status` considered / hypothetical, and `filter_events` leaves them out (the
  overview finding says how many).
"""
from __future__ import annotations

import pandas as pd

from analysis.extract.models import MODEL_EVENT_COLUMNS  # noqa: F401 (the table's columns, for the notebook)
from analysis.pipeline.values import text_or_empty
from analysis.report.format import UNDATED, date_label
from analysis.report.params import as_list
from analysis.report.views.context import EVIDENCE, belongs_to, day_dates, with_document_fields

EVENT_ORDER = ["announce", "plan", "release", "delay", "withdraw", "cancel"]
EVENT_SYMBOLS = {"announce": "star", "plan": "diamond-open", "release": "circle", "delay": "hourglass",
                 "withdraw": "triangle-down", "cancel": "x"}
UNKNOWN = "unknown"
STATED = "stated"
UNKNOWN_ORG = "(organisation not stated)"
IN_FOCUS = "company in focus"
RIVALS = "rivals"


def event_rank(event: str) -> int:
    """Position of an event type in EVENT_ORDER (unknown types after the known ones)."""
    return EVENT_ORDER.index(event) if event in EVENT_ORDER else len(EVENT_ORDER)


def prepare(events: pd.DataFrame, documents: pd.DataFrame | None = None, focus: str = "") -> pd.DataFrame:
    """The model-events table with titles, a plottable `date` (event date only), `date_label`,
    `org` ('(organisation not stated)' if blank), `side`, `org_label` (the focus marked
    '(in focus)'), architecture/access ('unknown' if blank), sorted by doc_id and start."""
    df = with_document_fields(events, documents, (
        "model", "model_family", "org", "event", "event_date", "event_date_precision", "architecture",
        "access", "cue", "attribution", "attribution_source", "sent_id", "status", "confidence"))
    df["date"] = day_dates(df["event_date"])
    df["date_label"] = [date_label(d, p) for d, p in zip(df["event_date"], df["event_date_precision"])]
    df["published_label"] = [date_label(p, pp) for p, pp in zip(df["published"], df["published_precision"])]
    df["org"] = df["org"].map(lambda v: text_or_empty(v) or UNKNOWN_ORG)
    df["model"] = df["model"].map(text_or_empty)
    df["event"] = df["event"].map(text_or_empty)
    df["status"] = df["status"].map(lambda v: text_or_empty(v) or STATED)
    df["side"] = [IN_FOCUS if belongs_to(o, focus) else RIVALS for o in df["org"]]
    df["org_label"] = [f"{o} (in focus)" if s == IN_FOCUS else o for o, s in zip(df["org"], df["side"])]
    for c in ("architecture", "access"):
        df[c] = df[c].map(lambda v: text_or_empty(v) or UNKNOWN)
    return df.sort_values(["doc_id", "start", "end"], kind="stable").reset_index(drop=True)


def hedged(df: pd.DataFrame) -> pd.DataFrame:
    """The rows of `prepare` whose event is only considered, hypothetical or denied (never charted)."""
    return df[df["status"] != STATED]


def filter_events(df: pd.DataFrame, events=None) -> tuple[pd.DataFrame, list[str], list[str]]:
    """Keep the stated events (`status`) of the requested event types (empty means all). Returns
    (rows kept, the event types kept, requested types that no row has)."""
    df = df[df["status"] == STATED]
    wanted = [e.lower() for e in as_list(events)]
    present = sorted(set(df["event"]), key=lambda e: (event_rank(e), e))
    if not wanted:
        return df.reset_index(drop=True), present, []
    unknown = [e for e in wanted if e not in present]
    kept = df[df["event"].isin(wanted)].reset_index(drop=True)
    return kept, [e for e in present if e in wanted], unknown


def org_order(df: pd.DataFrame) -> list[str]:
    """`org_label`s: the company in focus first, then rivals by number of statements (desc), name."""
    if df.empty:
        return []
    g = df.groupby(["side", "org_label"]).size().reset_index(name="n")
    g["_focus"] = g["side"] != IN_FOCUS
    g = g.sort_values(["_focus", "n", "org_label"], ascending=[True, False, True], kind="stable")
    return list(g["org_label"])


def model_order(df: pd.DataFrame) -> list[str]:
    """Models grouped by organisation (org_order), within it by first dated event (undated last),
    then name."""
    if df.empty:
        return []
    orgs = {o: i for i, o in enumerate(org_order(df))}
    g = df.groupby("model").agg(org_label=("org_label", "first"), first=("date", "min")).reset_index()
    g["_org"] = g["org_label"].map(orgs)
    g["_undated"] = g["first"].isna()
    g = g.sort_values(["_org", "_undated", "first", "model"], kind="stable")
    return list(g["model"])


def _merge(df: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    cols = ["side", "org", "org_label", "model", "event", "date", "date_label", "architecture", "access",
            "n_statements", "n_documents", "doc_ids", "title", "published_label", "attribution"] + EVIDENCE
    if df.empty:
        return pd.DataFrame(columns=cols)
    d = df.sort_values(["doc_id", "start"], kind="stable")
    out = []
    for _, g in d.groupby(keys, sort=False, dropna=False):
        first = g.iloc[0].copy()
        for c in ("architecture", "access"):
            known = [v for v in g[c] if v != UNKNOWN]
            first[c] = "/".join(sorted(set(known))) if known else UNKNOWN
        first["n_statements"] = len(g)
        first["n_documents"] = g["doc_id"].nunique()
        first["doc_ids"] = ", ".join(sorted(set(g["doc_id"])))
        first["attribution"] = " ".join(
            f"{text_or_empty(first['attribution'])}{': ' + text_or_empty(first['attribution_source']) if text_or_empty(first['attribution_source']) else ''}".split())
        out.append(first)
    return pd.DataFrame(out)[cols]


def timeline(df: pd.DataFrame) -> pd.DataFrame:
    """Dated events, one row per (organisation, model, event, date), focus first, then by date,
    model, event order."""
    d = df[df["date"].notna()]
    res = _merge(d, ["org", "model", "event", "date"])
    if res.empty:
        return res
    orgs = {o: i for i, o in enumerate(org_order(df))}
    res["_o"] = res["org_label"].map(orgs)
    res["_e"] = res["event"].map(event_rank)
    return (res.sort_values(["_o", "date", "model", "_e"], kind="stable").drop(columns=["_o", "_e"])
            .reset_index(drop=True))


def undated(df: pd.DataFrame) -> pd.DataFrame:
    """Events whose sentence gives no date, one row per (organisation, model, event), in
    model_order then event order."""
    d = df[df["date"].isna()]
    res = _merge(d, ["org", "model", "event"])
    if res.empty:
        return res.drop(columns=["date", "date_label"])
    models = {m: i for i, m in enumerate(model_order(df))}
    res["_m"] = res["model"].map(models)
    res["_e"] = res["event"].map(event_rank)
    return (res.sort_values(["_m", "_e"], kind="stable").drop(columns=["_m", "_e", "date", "date_label"])
            .reset_index(drop=True))


def undated_list(df: pd.DataFrame) -> pd.DataFrame:
    """The events of `undated` as the page lists them: model, event, what is known, evidence."""
    cols = ["org", "model", "event", "architecture", "access", "n_statements", "published_label"] + EVIDENCE
    return undated(df)[cols]


def event_matrix(df: pd.DataFrame) -> pd.DataFrame:
    """Every model × event type stated, dated or not: statements, documents, the dates stated
    ('undated' if none), the first statement's evidence. In model_order, then event order."""
    res = _merge(df, ["org", "model", "event"])
    if res.empty:
        return res.assign(dates=pd.Series(dtype=str))
    dates = (df.groupby(["org", "model", "event"])["date_label"]
             .agg(lambda s: ", ".join(sorted(set(s) - {UNDATED})) or UNDATED).rename("dates"))
    res = res.merge(dates.reset_index(), on=["org", "model", "event"], how="left")
    models = {m: i for i, m in enumerate(model_order(df))}
    res["_m"] = res["model"].map(models)
    res["_e"] = res["event"].map(event_rank)
    return res.sort_values(["_m", "_e"], kind="stable").drop(columns=["_m", "_e"]).reset_index(drop=True)


def model_summary(df: pd.DataFrame) -> pd.DataFrame:
    """One row per model: organisation, side, family, architecture, access, the event types stated
    (in EVENT_ORDER), statements, documents, first and last stated event date."""
    cols = ["model", "org", "side", "family", "architecture", "access", "events", "statements", "documents",
            "first_dated", "last_dated"]
    if df.empty:
        return pd.DataFrame(columns=cols)
    rows = []
    for m in model_order(df):
        g = df[df["model"] == m]
        known = lambda c: "/".join(sorted(set(g[c]) - {UNKNOWN})) or UNKNOWN  # noqa: E731
        ev = sorted(set(g["event"]), key=lambda e: (event_rank(e), e))
        dated = g[g["date"].notna()].sort_values("date")
        rows.append({"model": m, "org": "/".join(dict.fromkeys(g["org"])), "side": g["side"].iloc[0],
                     "family": text_or_empty(g["model_family"].iloc[0]), "architecture": known("architecture"),
                     "access": known("access"), "events": ", ".join(ev), "statements": len(g),
                     "documents": g["doc_id"].nunique(),
                     "first_dated": dated["date_label"].iloc[0] if len(dated) else "",
                     "last_dated": dated["date_label"].iloc[-1] if len(dated) else ""})
    return pd.DataFrame(rows, columns=cols)


def evidence_table(df: pd.DataFrame) -> pd.DataFrame:
    """Every statement used on the page, in document order, with its evidence."""
    cols = ["doc_id", "start", "end", "quote", "org", "model", "event", "date_label", "architecture", "access",
            "attribution"]
    if df.empty:
        return pd.DataFrame(columns=cols)
    e = df.copy()
    e["attribution"] = [" ".join(f"{text_or_empty(a)}{': ' + text_or_empty(s) if text_or_empty(s) else ''}".split())
                        for a, s in zip(e["attribution"], e["attribution_source"])]
    return e[cols].reset_index(drop=True)


def event_labels(df: pd.DataFrame) -> list[str]:
    """Point labels for the timeline: 'release · moe, open' with the attributes that are known."""
    out = []
    for e, a, c in zip(df["event"], df["architecture"], df["access"]):
        attrs = ", ".join(v for v in (a, c) if v and v != UNKNOWN)
        out.append(f"{e} · {attrs}" if attrs else str(e))
    return out
