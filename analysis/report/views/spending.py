"""Data prepared for 01-spending (and the filters shared with 02-compute), one function per view.

Every row keeps its evidence (``doc_id, start, end, quote``); these functions only select, order,
format and place rows, they never add a fact. Dates: ``event_date`` is the first day of the period
the article gives (``event_date_precision`` says how long it is: day, week, month, quarter, half,
year); nothing undated is given a date.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.pipeline.values import is_blank
from analysis.report.format import date_label, format_number, format_range, wrap
from analysis.report.params import as_date

UNKNOWN_SUBJECT = "(subject not stated)"
UNKNOWN_LABEL = "(no label)"
UNKNOWN_KIND = "(not stated)"

# Length of each date precision (the period starting at the stored ISO date).
PERIODS = {
    "day": pd.DateOffset(days=1),
    "week": pd.DateOffset(days=7),
    "month": pd.DateOffset(months=1),
    "quarter": pd.DateOffset(months=3),
    "half": pd.DateOffset(months=6),
    "year": pd.DateOffset(years=1),
}

# ----------------------------------------------------------------------------- dates and filters

def period_end(start: pd.Series, precision: pd.Series) -> pd.Series:
    """End (exclusive) of each dated period; the start itself when the precision is unknown."""
    start = pd.to_datetime(start)
    out = []
    for s, p in zip(start, precision):
        if pd.isna(s):
            out.append(pd.NaT)
        else:
            out.append(s + PERIODS[p] if p in PERIODS else s)
    return pd.Series(pd.to_datetime(out), index=start.index, dtype="datetime64[ns]")


def company_doc_ids(mentions: pd.DataFrame | None, company: str) -> set[str]:
    """Documents that mention `company` (entity or surface form, case-insensitive)."""
    if mentions is None or mentions.empty or not company:
        return set()
    c = company.strip().casefold()
    hit = (mentions["entity"].astype(str).str.casefold() == c) | (mentions["surface"].astype(str).str.casefold() == c)
    return set(mentions.loc[hit, "doc_id"])


@dataclass
class FilterReport:
    """How many rows each filter removed (in the order applied), for the notebook's narrative."""
    n_in: int = 0
    n_out: int = 0
    removed: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)

    def drop(self, reason: str, n: int) -> None:
        if n:
            self.removed[reason] = self.removed.get(reason, 0) + int(n)


def with_context(facts: pd.DataFrame, documents: pd.DataFrame, sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """Add title, outlet, publication date and precision, and the sentence the quote stands in."""
    docs = documents[["doc_id", "title", "outlet", "published", "published_precision"]]
    out = facts.merge(docs, on="doc_id", how="left")
    if sentences is not None and len(sentences):
        s = sentences[["doc_id", "sent_id", "text"]].rename(columns={"text": "sentence"})
        out = out.merge(s, on=["doc_id", "sent_id"], how="left")
    else:
        out["sentence"] = np.nan
    out["event_date"] = pd.to_datetime(out["event_date"])
    out["published"] = pd.to_datetime(out["published"])
    out["event_end"] = period_end(out["event_date"], out["event_date_precision"])
    pub_end = period_end(out["published"], out["published_precision"])
    has_event = out["event_date"].notna()
    out["date_basis"] = np.where(has_event, "event", np.where(out["published"].notna(), "publication", "none"))
    out["fact_date"] = out["event_date"].where(has_event, out["published"])
    out["fact_date_end"] = out["event_end"].where(has_event, pub_end)
    return out


def filter_facts(facts: pd.DataFrame, mentions: pd.DataFrame | None, company: str = "",
                 date_from: str = "", date_to: str = "") -> tuple[pd.DataFrame, FilterReport]:
    """Rows of `facts` (already `with_context`) kept by the company and date filters.

    * company: rows from documents that mention it, or whose subject is it ('' = no filter);
    * dates: a row is kept when its period (event date, else publication date, with its precision)
      overlaps [date_from, date_to]; with a bound set, a row with neither date cannot be placed and
      is removed (counted as such).
    """
    rep = FilterReport(n_in=len(facts))
    out = facts
    if company:
        docs = company_doc_ids(mentions, company)
        subj = out["subject"].astype(str).str.casefold() == company.strip().casefold()
        keep = out["doc_id"].isin(docs) | subj
        rep.drop(f"not from a document mentioning {company}", (~keep).sum())
        out = out[keep]
    lo, hi = as_date(date_from, "date_from"), as_date(date_to, "date_to")
    if lo is not None or hi is not None:
        dated = out["fact_date"].notna()
        rep.drop("without any date (neither an event date nor a publication date)", (~dated).sum())
        out = out[dated]
        end = out["fact_date_end"].where(out["fact_date_end"] > out["fact_date"],
                                         out["fact_date"] + pd.Timedelta(days=1))
        keep = pd.Series(True, index=out.index)
        if lo is not None:
            keep &= end > lo
        if hi is not None:
            keep &= out["fact_date"] <= hi
        rep.drop("dated outside the date window", (~keep).sum())
        out = out[keep]
    rep.n_out = len(out)
    return out.reset_index(drop=True), rep


def filter_min_value(df: pd.DataFrame, rep: FilterReport, column: str, min_value: float,
                     reason: str) -> pd.DataFrame:
    """Keep rows whose `column` (the stated or lower figure) is at least `min_value` (0 = no filter)."""
    if not min_value or min_value <= 0:
        return df
    keep = df[column].fillna(-np.inf) >= float(min_value)
    rep.drop(reason, (~keep).sum())
    out = df[keep].reset_index(drop=True)
    rep.n_out = len(out)
    return out


# ----------------------------------------------------------------------------- spending views

def spending_facts(amounts: pd.DataFrame, documents: pd.DataFrame, sentences: pd.DataFrame | None = None,
                   mentions: pd.DataFrame | None = None, company: str = "", date_from: str = "",
                   date_to: str = "", min_usd: float = 0.0) -> tuple[pd.DataFrame, FilterReport]:
    """The amounts kept by the notebook's parameters, with context and display columns (`hover`:
    the text a chart shows for the amount, see `hover_text`)."""
    df = with_context(amounts, documents, sentences)
    df, rep = filter_facts(df, mentions, company, date_from, date_to)
    df = filter_min_value(df, rep, "value_usd", min_usd, "below the minimum amount")
    df = df.copy()
    df["approximate"] = df["approximate"].astype(str).str.lower().eq("true")
    df["subject_shown"] = df["subject"].fillna(UNKNOWN_SUBJECT)
    df["label_shown"] = df["label"].fillna(UNKNOWN_LABEL)
    df["kind_shown"] = df["kind"].fillna(UNKNOWN_KIND)
    df["is_range"] = df["value_usd_high"].notna() & (df["value_usd_high"] != df["value_usd"])
    df["value_text"] = [format_range(a, b) for a, b in zip(df["value_usd"], df["value_usd_high"])]
    df["native_text"] = [
        "" if (c == "USD" or pd.isna(c)) else f"{format_range(a, b, format_number)} {c}"
        for a, b, c in zip(df["value_native"], df["value_native_high"], df["currency"])]
    df["event_text"] = [date_label(d, p, blank="") for d, p in zip(df["event_date"], df["event_date_precision"])]
    df["published_text"] = [date_label(d, p, blank="") for d, p in zip(df["published"], df["published_precision"])]
    df = df.sort_values(["doc_id", "start", "end"], kind="stable").reset_index(drop=True)
    df["hover"] = hover_text(df)
    return df, rep


def hover_text(df: pd.DataFrame, value_col: str = "value_text",
               fields: tuple = (("label", "label_shown"), ("kind", "kind_shown"), ("subject", "subject_shown"))
               ) -> pd.Series:
    """One hover per row: title, dates, value (native currency if not USD), who, and the sentence
    with the quote in bold (the quote alone when the sentence is not known)."""
    out = []
    for r in df.itertuples(index=False):
        d = r._asdict()
        quote = str(d.get("quote", ""))
        sent = d.get("sentence")
        shown = quote
        if isinstance(sent, str) and quote and quote in sent:
            i = sent.index(quote)
            shown = f"{sent[:i]}\u0000{quote}\u0001{sent[i + len(quote):]}"
        body = _bold_lines(wrap(shown))
        lines = [_bold_lines(wrap(f"\u0000{d.get('title') or d.get('doc_id')}\u0001"))]
        dates = []
        if d.get("event_text"):
            dates.append(f"event date: {d['event_text']}")
        dates.append(f"published: {d.get('published_text') or 'undated'}")
        lines.append(" · ".join(dates))
        value = d.get(value_col, "")
        if d.get("approximate"):
            value += " (approximate)"
        lines.append(f"value: {value}")
        if d.get("native_text"):
            lines.append(f"as reported: {d['native_text']}")
        lines.append(" · ".join(f"{cap}: {d[col]}" for cap, col in fields if not is_blank(d.get(col))))
        attr = d.get("attribution")
        if isinstance(attr, str) and attr and attr != "unattributed":
            src = d.get("attribution_source")
            lines.append(f"attribution: {attr}" + (f" ({src})" if isinstance(src, str) and src else ""))
        lines.append(f"“{body}”")
        lines.append(f"{d.get('doc_id')} [{d.get('start')}:{d.get('end')}]")
        out.append("<br>".join(lines))
    return pd.Series(out, index=df.index, dtype=object)


def _bold_lines(text: str) -> str:
    """Turn the \\x00 / \\x01 markers into <b>..</b>, closed and reopened at every <br> (plotly's
    hover markup does not carry a tag across lines)."""
    lines, bold = [], False
    for line in text.split("<br>"):
        out = "<b>" if bold else ""
        for ch in line:
            if ch == "\u0000":
                out += "<b>"; bold = True
            elif ch == "\u0001":
                out += "</b>"; bold = False
            else:
                out += ch
        lines.append(out + ("</b>" if bold else ""))
    return "<br>".join(lines)


def dodge(df: pd.DataFrame, group: str, order: list, by: list[str], width: float = 0.6) -> pd.Series:
    """Numeric positions for a dot plot: group i at i, rows of one group spread evenly within
    ±width/2 in the order `by`, so points with equal values do not hide each other."""
    pos = pd.Series(np.nan, index=df.index, dtype=float)
    index = {g: i for i, g in enumerate(order)}
    for g, part in df.groupby(group, sort=False):
        part = part.sort_values(by, kind="stable")
        n = len(part)
        offsets = np.linspace(-width / 2, width / 2, n) if n > 1 else np.zeros(1)
        pos.loc[part.index] = index[g] + offsets
    return pos


def amounts_by_label(df: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Rows with a USD value, with `y` positions per label. Labels ordered by their largest amount
    (smallest first, so the largest sits at the top of the chart); returns (rows, label order)."""
    d = df[df["value_usd"].notna()].copy()
    if d.empty:
        return d.assign(y=pd.Series(dtype=float)), []
    d["upper"] = d["value_usd_high"].fillna(d["value_usd"])
    top = d.groupby("label_shown")["upper"].max().reset_index()
    top = top.sort_values(["upper", "label_shown"], ascending=[True, False], kind="stable")
    order = top["label_shown"].tolist()
    d["y"] = dodge(d, "label_shown", order, ["value_usd", "subject_shown", "doc_id", "start"])
    d["error_plus"] = (d["upper"] - d["value_usd"]).fillna(0.0)
    cols = [c for c in d.columns if c != "upper"]
    return d[cols].sort_values(["y", "doc_id", "start"], kind="stable").reset_index(drop=True), order


def subject_order(df: pd.DataFrame, first: str = "") -> list[str]:
    """Subjects by number of amounts (then name); `first` (the company in focus) leads if present,
    the unknown subject comes last."""
    counts = df["subject_shown"].value_counts()
    names = sorted(counts.index, key=lambda s: (s == UNKNOWN_SUBJECT, s.casefold() != first.casefold(),
                                                -counts[s], s))
    return names


def commitment_timeline(df: pd.DataFrame) -> pd.DataFrame:
    """Amounts with an event date (the period start, with its end from the precision)."""
    d = df[df["event_date"].notna() & df["value_usd"].notna()].copy()
    d["error_plus"] = (d["value_usd_high"].fillna(d["value_usd"]) - d["value_usd"]).fillna(0.0)
    return d.sort_values(["event_date", "value_usd", "doc_id", "start"], kind="stable").reset_index(drop=True)


def undated_amounts(df: pd.DataFrame) -> pd.DataFrame:
    """Amounts the article gives no event date for: listed, never placed on the timeline."""
    d = df[df["event_date"].isna()]
    cols = ["doc_id", "title", "published_text", "quote", "value_text", "label_shown", "kind_shown",
            "subject_shown"]
    return (d[cols].rename(columns={"published_text": "published", "value_text": "value", "label_shown": "label",
                                    "kind_shown": "kind", "subject_shown": "subject"})
            .reset_index(drop=True))


def evidence_table(df: pd.DataFrame) -> pd.DataFrame:
    """The full evidence: one row per amount, in document order."""
    cols = {"doc_id": "doc_id", "title": "title", "start": "start", "end": "end", "quote": "quote",
            "value_text": "value (USD)", "native_text": "as reported", "approximate": "approximate",
            "label_shown": "label", "kind_shown": "kind", "subject_shown": "subject",
            "event_text": "event date", "event_date_precision": "precision", "attribution": "attribution",
            "attribution_source": "attributed to"}
    d = df[list(cols)].rename(columns=cols)
    return d.fillna({"precision": "", "attribution": "", "attributed to": ""}).reset_index(drop=True)


def largest_by_label(df: pd.DataFrame) -> pd.DataFrame:
    """Per label: number of amounts and the largest stated figure with its quote (for the narrative)."""
    d = df[df["value_usd"].notna()]
    if d.empty:
        return pd.DataFrame(columns=["label", "n", "value_text", "quote", "doc_id", "subject"])
    idx = d.sort_values(["value_usd", "doc_id", "start"], ascending=[False, True, True]).groupby(
        "label_shown", sort=False).head(1)
    n = d.groupby("label_shown").size()
    out = idx.assign(n=idx["label_shown"].map(n))[["label_shown", "n", "value_text", "quote", "doc_id",
                                                     "subject_shown", "value_usd"]]
    out = out.rename(columns={"label_shown": "label", "subject_shown": "subject"})
    return out.sort_values(["value_usd", "label"], ascending=[False, True]).drop(columns="value_usd").reset_index(drop=True)


# ----------------------------------------------------------------------------- past a few hundred amounts

def label_quartiles(dots: pd.DataFrame, order: list[str]) -> pd.DataFrame:
    """Per label of `amounts_by_label` (in its `order`): the number of amounts, the smallest,
    quartiles and largest figure in US dollars, and the largest amount's evidence (quote, document,
    span, hover), so a chart can draw a box per label and its largest amount as a cited point."""
    cols = ["label_shown", "n_amounts", "min", "q1", "median", "q3", "max", "doc_id", "start", "end", "quote",
            "value_text", "subject_shown", "hover"]
    if dots.empty:
        return pd.DataFrame(columns=cols)
    g = dots.groupby("label_shown")["value_usd"]
    q = pd.DataFrame({"n_amounts": g.size(), "min": g.min(), "q1": g.quantile(0.25), "median": g.median(),
                      "q3": g.quantile(0.75), "max": g.max()})
    largest = (dots.sort_values(["value_usd", "doc_id", "start"], ascending=[False, True, True], kind="stable")
               .drop_duplicates("label_shown").set_index("label_shown"))
    out = q.join(largest[["doc_id", "start", "end", "quote", "value_text", "subject_shown", "hover"]])
    return out.reindex([o for o in order if o in out.index]).rename_axis("label_shown").reset_index()[cols]


def commitments_by_month(timeline: pd.DataFrame, series: pd.Series, examples: int = 3) -> pd.DataFrame:
    """Dated amounts of `commitment_timeline` counted per series (`series`: a subject, or the
    shared 'others') and month of their event date: the number of amounts, the largest figure,
    and the `examples` largest as hover lines (value, label, quote, document)."""
    cols = ["series", "month", "n_amounts", "value_usd", "examples"]
    if timeline.empty:
        return pd.DataFrame(columns=cols)
    d = timeline.assign(series=series.values, month=timeline["event_date"].dt.to_period("M").dt.start_time)
    d = d.sort_values(["value_usd", "doc_id", "start"], ascending=[False, True, True], kind="stable")
    d["example"] = [f"{v} {lab}: “{wrap(q, 70)}” ({doc} [{s}:{e}])" for v, lab, q, doc, s, e in
                    zip(d["value_text"], d["label_shown"], d["quote"], d["doc_id"], d["start"], d["end"])]
    g = d.groupby(["series", "month"], sort=False)
    out = pd.DataFrame({"n_amounts": g.size(), "value_usd": g["value_usd"].max(),
                        "examples": g["example"].agg(lambda x: list(x[:examples]))}).reset_index()
    return out.sort_values(["month", "series"], kind="stable").reset_index(drop=True)[cols]
