"""Data prepared for 02-compute: accelerator counts (GPU) and power capacity (MW) over time.

Rows keep their evidence (``doc_id, start, end, quote``). A mention is placed in time by its event
date when the article gives one, else by the publication date of the article (``date_basis`` says
which); a mention with neither is listed, never placed. Company and date filters are shared with
01-spending (`views.spending.filter_facts`).
"""
from __future__ import annotations

import pandas as pd

from analysis import config
from analysis.lexicon import yamlfile
from analysis.report.format import date_label, format_number, format_range
from analysis.report.views.spending import FilterReport, filter_facts, hover_text, with_context

UNITS = ["GPU", "MW"]
UNIT_TITLES = {"GPU": "accelerators (GPU count)", "MW": "power capacity (MW)"}
UNIT_NOUNS = {"GPU": "GPU count", "MW": "power capacity figure"}
UNKNOWN_STATUS = "(not stated)"
UNKNOWN_LABEL = "(no label)"
STATUS_ORDER = ["target", "existing", UNKNOWN_STATUS]


def generic_labels() -> frozenset[str]:
    """The generic labels of the compute lexicon; any other label is a named cluster or site."""
    lexicon = yamlfile.load(config.COMPUTE_CUES)
    return frozenset(str(k).casefold() for k in (lexicon.get("labels") or {}))


def format_quantity(v: float, unit: str = "") -> str:
    """1300000 GPU -> '1.3 million GPUs'; 350000 -> '350,000 GPUs'; 5000 MW -> '5,000 MW'; '' if blank."""
    num = format_number(v)
    if not num:
        return ""
    if unit == "GPU":
        return f"{num} GPU" + ("" if float(v) == 1 else "s")
    return f"{num} {unit}".strip()


def parse_unit(unit: str) -> list[str]:
    """'' = every unit; else the one unit asked for (case-insensitive), or a clear error."""
    if not unit or not str(unit).strip():
        return list(UNITS)
    u = str(unit).strip().upper()
    if u not in UNITS:
        raise ValueError(f"unit={unit!r}: expected one of {', '.join(UNITS)} or empty for both")
    return [u]


def compute_facts(compute: pd.DataFrame, documents: pd.DataFrame, sentences: pd.DataFrame | None = None,
                  mentions: pd.DataFrame | None = None, company: str = "", date_from: str = "",
                  date_to: str = "", unit: str = "", generic: frozenset[str] | None = None
                  ) -> tuple[pd.DataFrame, FilterReport]:
    """The compute mentions kept by the notebook's parameters, with context and display columns
    (`hover`: the text a chart shows for the figure)."""
    units = parse_unit(unit)
    df = with_context(compute, documents, sentences)
    df, rep = filter_facts(df, mentions, company, date_from, date_to)
    keep = df["unit"].isin(units)
    rep.drop("of another unit", (~keep).sum())
    df = df[keep].copy()
    rep.n_out = len(df)
    generic = generic_labels() if generic is None else generic
    df["approximate"] = df["approximate"].astype(str).str.lower().eq("true")
    df["status_shown"] = df["status"].fillna(UNKNOWN_STATUS)
    df["label_shown"] = df["label"].fillna(UNKNOWN_LABEL)
    df["named"] = df["label"].notna() & ~df["label"].astype(str).str.casefold().isin(generic)
    df["subject_shown"] = df["subject"].fillna("(not stated)")
    df["is_range"] = df["quantity_high"].notna() & (df["quantity_high"] != df["quantity"])
    df["value_text"] = [format_range(a, b, lambda v, u=u: format_quantity(v, u)) for a, b, u in
                        zip(df["quantity"], df["quantity_high"], df["unit"])]
    df["native_text"] = ""
    df["event_text"] = [date_label(d, p, blank="") for d, p in zip(df["event_date"], df["event_date_precision"])]
    df["published_text"] = [date_label(d, p, blank="") for d, p in zip(df["published"], df["published_precision"])]
    df = df.sort_values(["doc_id", "start", "end"], kind="stable").reset_index(drop=True)
    df["hover"] = hover_text(df, fields=(("label", "label_shown"), ("status", "status_shown"),
                                         ("subject", "subject_shown"), ("chip", "note")))
    return df, rep


def compute_timeline(df: pd.DataFrame) -> pd.DataFrame:
    """Mentions that can be placed in time: x is the event date (its period drawn to `x_end`) or,
    failing that, the publication date. Equal points (same unit, date, quantity, label, status,
    approximate, date basis) become one marker listing every quote (`n_mentions`)."""
    d = df[df["fact_date"].notna() & df["quantity"].notna()].copy()
    if d.empty:
        return d.assign(x=pd.Series(dtype="datetime64[ns]"), x_end=pd.Series(dtype="datetime64[ns]"),
                        n_mentions=pd.Series(dtype=int), error_plus=pd.Series(dtype=float))
    d["x"] = d["fact_date"]
    d["x_end"] = d["fact_date_end"].where(d["date_basis"] == "event", d["fact_date"])
    d["quantity_high"] = d["quantity_high"].fillna(d["quantity"])
    keys = ["unit", "x", "x_end", "quantity", "quantity_high", "label_shown", "status_shown", "approximate",
            "date_basis"]
    d = d.sort_values(keys[:2] + ["doc_id", "start"], kind="stable")
    rows = []
    for _, g in d.groupby(keys, sort=True, dropna=False):
        first = g.iloc[0].copy()
        first["n_mentions"] = len(g)
        first["hover"] = "<br>—<br>".join(g["hover"]) if "hover" in g else ""
        first["evidence"] = "; ".join(f"{r.doc_id}[{r.start}:{r.end}]" for r in g.itertuples())
        rows.append(first)
    out = pd.DataFrame(rows)
    out["error_plus"] = (out["quantity_high"] - out["quantity"]).fillna(0.0)
    out["n_mentions"] = out["n_mentions"].astype(int)
    return out.sort_values(["unit", "x", "quantity", "label_shown", "doc_id", "start"],
                           kind="stable").reset_index(drop=True)


def unplaced(df: pd.DataFrame) -> pd.DataFrame:
    """Mentions with neither an event date nor a dated article: listed, not placed in time."""
    d = df[df["fact_date"].isna()]
    cols = ["doc_id", "title", "quote", "value_text", "label_shown", "status_shown", "subject_shown"]
    return (d[cols].rename(columns={"value_text": "value", "label_shown": "label", "status_shown": "status",
                                    "subject_shown": "subject"}).reset_index(drop=True))


def named_clusters(df: pd.DataFrame) -> pd.DataFrame:
    """Per named cluster or site: every figure given for it, by unit (for the narrative and a table)."""
    d = df[df["named"]]
    if d.empty:
        return pd.DataFrame(columns=["label", "unit", "figures", "statuses", "n_mentions", "documents"])
    g = d.sort_values(["label", "unit", "quantity", "doc_id", "start"]).groupby(["label", "unit"], sort=True)
    out = g.agg(figures=("value_text", lambda s: ", ".join(dict.fromkeys(s))),
                statuses=("status_shown", lambda s: ", ".join(sorted(set(s)))),
                n_mentions=("quote", "size"),
                documents=("doc_id", lambda s: ", ".join(sorted(set(s))))).reset_index()
    return out


def status_summary(df: pd.DataFrame) -> pd.DataFrame:
    """Mentions per unit and status, with the largest figure of each (for the narrative)."""
    if df.empty:
        return pd.DataFrame(columns=["unit", "status", "n", "largest"])
    rows = []
    for (u, s), g in df.groupby(["unit", "status_shown"], sort=True):
        top = g.sort_values(["quantity", "doc_id", "start"], ascending=[False, True, True]).iloc[0]
        rows.append({"unit": u, "status": s, "n": len(g), "largest": top["value_text"], "quote": top["quote"],
                     "doc_id": top["doc_id"]})
    out = pd.DataFrame(rows)
    out["status"] = pd.Categorical(out["status"], [s for s in STATUS_ORDER if s in set(out["status"])] +
                                   sorted(set(out["status"]) - set(STATUS_ORDER)), ordered=True)
    return out.sort_values(["unit", "status"]).reset_index(drop=True).astype({"status": str})


def evidence_table(df: pd.DataFrame) -> pd.DataFrame:
    cols = {"doc_id": "doc_id", "title": "title", "start": "start", "end": "end", "quote": "quote",
            "value_text": "value", "unit": "unit", "approximate": "approximate", "status_shown": "status",
            "label_shown": "label", "named": "named cluster", "note": "note", "subject_shown": "subject",
            "event_text": "event date", "event_date_precision": "precision", "published_text": "published",
            "attribution": "attribution", "attribution_source": "attributed to"}
    d = df[list(cols)].rename(columns=cols)
    return d.fillna({"note": "", "precision": "", "attribution": "", "attributed to": ""}).reset_index(drop=True)
