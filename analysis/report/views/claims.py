"""Data prepared for notebook 06 (claims): corroboration, sourcing mix, conflicts, model histories.

Inputs are the processed tables (`claims`, `attributions`, `sentences`, `documents`,
`model_events`); every output row keeps its evidence (doc_id, start, end, quote) so the chart can
show the quote it stands on. Nothing here knows about any company or corpus.
"""
from __future__ import annotations

import json

import pandas as pd

from analysis.pipeline.claims import CLAIM_COLUMNS, model_status_history  # noqa: F401 (CLAIM_COLUMNS: for the notebook)
from analysis.pipeline.values import is_blank, text_or_empty, to_float
from analysis.report.format import UNDATED, date_label, format_number, format_range, format_usd
from analysis.report.views.context import document_order

CORROBORATED = "corroborated"
SINGLE = "single source"
KIND_ORDER = ["amount", "compute", "talent_move", "model_event"]
ATTRIBUTION_ORDER = ["on_record", "company", "analyst", "report", "anonymous", "unattributed"]


# ----------------------------------------------------------------------------- formatting
def claim_label(key) -> str:
    """Readable claim name from its key: non-empty parts joined by ' · ' (the '#doc:offset'
    suffix of an incomplete key is dropped)."""
    if is_blank(key):
        return ""
    k = str(key).split("#", 1)[0]
    return " · ".join(p for p in (x.strip() for x in k.split("|")) if p)


def format_value(kind: str, value, value_high=None) -> str:
    """A claim's value as text: US dollars for amounts, plain numbers otherwise, 'low to high' for
    ranges; '' when neither figure is known."""
    lo, hi = to_float(value), to_float(value_high)
    return format_range(lo if lo is not None else hi, hi, format_usd if kind == "amount" else format_number)


def _evidence(cell) -> list[dict]:
    if is_blank(cell):
        return []
    try:
        ev = json.loads(cell)
    except (TypeError, ValueError):
        return []
    return ev if isinstance(ev, list) else []


# ----------------------------------------------------------------------------- corroboration
CLAIM_VIEW_COLUMNS = ["claim_id", "kind", "kind_order", "claim", "status", "n_sources", "n_facts", "value_text",
                      "conflict", "attributions", "first_seen", "last_seen", "doc_ids", "titles", "doc_id",
                      "start", "end", "quote", "title", "outlet", "published_label", "mentions_focus"]


def claims_view(claims: pd.DataFrame, documents: pd.DataFrame, min_sources: int = 1,
                focus: str = "") -> pd.DataFrame:
    """One row per claim reported by at least `min_sources` documents, with its status
    (CORROBORATED when two or more documents report it, else SINGLE), a readable label and value,
    and its first evidence (earliest published) with that document's title, outlet and date.
    `mentions_focus`: the focus organisation's name appears in the claim's key or quotes.
    Ordered by kind, status (corroborated first), n_sources (descending), claim."""
    if claims is None or claims.empty:
        return pd.DataFrame(columns=CLAIM_VIEW_COLUMNS)
    docs = document_order(documents).set_index("doc_id")
    c = claims[pd.to_numeric(claims["n_sources"], errors="coerce").fillna(0) >= max(1, int(min_sources))].copy()
    rows = []
    f = focus.casefold().strip()
    for r in c.to_dict("records"):
        ev = _evidence(r.get("evidence"))
        first = ev[0] if ev else {}
        d = str(first.get("doc_id", ""))
        meta = docs.loc[d] if d in docs.index else None
        ids = [x.strip() for x in str(r.get("doc_ids") or "").split(";") if x.strip()]
        titles = [str(docs.loc[i, "title"]) if i in docs.index else i for i in ids]
        n = int(r["n_sources"])
        text = (str(r.get("key", "")) + " " + " ".join(str(e.get("quote", "")) for e in ev)).casefold()
        rows.append({
            "claim_id": r["claim_id"], "kind": r["kind"],
            "kind_order": KIND_ORDER.index(r["kind"]) if r["kind"] in KIND_ORDER else len(KIND_ORDER),
            "claim": claim_label(r.get("key")), "status": CORROBORATED if n >= 2 else SINGLE,
            "n_sources": n, "n_facts": int(r.get("n_facts") or 0),
            "value_text": format_value(r["kind"], r.get("value"), r.get("value_high")),
            "conflict": str(r.get("conflict")).lower() == "true",
            "attributions": text_or_empty(r.get("attributions")),
            "first_seen": text_or_empty(r.get("first_seen")),
            "last_seen": text_or_empty(r.get("last_seen")),
            "doc_ids": "; ".join(ids), "titles": " | ".join(titles),
            "doc_id": d, "start": first.get("start"), "end": first.get("end"), "quote": first.get("quote", ""),
            "title": "" if meta is None else meta["title"], "outlet": "" if meta is None else meta["outlet"],
            "published_label": UNDATED if meta is None else meta["published_label"],
            "mentions_focus": bool(f) and f in text,
        })
    out = pd.DataFrame(rows, columns=CLAIM_VIEW_COLUMNS)
    out["_s"] = (out["status"] != CORROBORATED).astype(int)
    out = out.sort_values(["kind_order", "_s", "n_sources", "claim", "claim_id"],
                          ascending=[True, True, False, True, True], kind="stable")
    return out.drop(columns="_s").reset_index(drop=True)


def corroboration_counts(view: pd.DataFrame) -> pd.DataFrame:
    """Claims per kind and status (complete grid over the kinds present), with the share of
    each kind's claims."""
    cols = ["kind", "status", "n_claims", "share"]
    if view.empty:
        return pd.DataFrame(columns=cols)
    kinds = sorted(view["kind"].unique(), key=lambda k: (KIND_ORDER.index(k) if k in KIND_ORDER else 99, k))
    grid = pd.MultiIndex.from_product([kinds, [CORROBORATED, SINGLE]], names=["kind", "status"])
    g = view.groupby(["kind", "status"]).size().reindex(grid, fill_value=0).rename("n_claims").reset_index()
    g["share"] = (g["n_claims"] / g.groupby("kind")["n_claims"].transform("sum")).round(4)
    return g[cols]


# ----------------------------------------------------------------------------- attribution mix
MIX_COLUMNS = ["doc_id", "doc_order", "doc_label", "title", "outlet", "published_label", "attribution",
               "attribution_order", "n_sentences", "doc_sentences", "share", "sources", "start", "end", "quote"]


def attribution_mix(attributions: pd.DataFrame, sentences: pd.DataFrame | None,
                    documents: pd.DataFrame) -> pd.DataFrame:
    """Per document x attribution kind: sentences and share of the document's sentences, the named
    sources (most frequent first) and, as evidence, the first sentence of that kind. Documents in
    publication order (undated last); kinds in ATTRIBUTION_ORDER then any others."""
    docs = document_order(documents)
    if attributions is None or attributions.empty or docs.empty:
        return pd.DataFrame(columns=MIX_COLUMNS)
    a = attributions.copy()
    a["doc_id"] = a["doc_id"].astype(str)
    a["attribution"] = a["attribution"].astype(object).where(a["attribution"].notna(), "unattributed")
    a["attribution_source"] = a["attribution_source"].astype(object).where(a["attribution_source"].notna(), "")
    a = a.merge(docs[["doc_id"]], on="doc_id")
    if sentences is not None and len(sentences):
        s = sentences[["doc_id", "sent_id", "start", "end", "text"]].rename(columns={"text": "quote"}).copy()
        s["doc_id"] = s["doc_id"].astype(str)
        a = a.merge(s, on=["doc_id", "sent_id"], how="left")
    else:
        a["start"], a["end"], a["quote"] = None, None, ""
    a = a.sort_values(["doc_id", "sent_id"])
    g = a.groupby(["doc_id", "attribution"]).agg(n_sentences=("sent_id", "size")).reset_index()
    first = a.drop_duplicates(["doc_id", "attribution"])[["doc_id", "attribution", "start", "end", "quote"]]

    out = g.merge(first, on=["doc_id", "attribution"]).merge(top_sources(a), on=["doc_id", "attribution"], how="left")
    out = out.merge(docs, on="doc_id")
    out["sources"] = out["sources"].fillna("")
    out["doc_sentences"] = out.groupby("doc_id")["n_sentences"].transform("sum")
    out["share"] = (out["n_sentences"] / out["doc_sentences"]).round(4)
    extra = sorted(k for k in out["attribution"].unique() if k not in ATTRIBUTION_ORDER)
    order = {k: i for i, k in enumerate(ATTRIBUTION_ORDER + extra)}
    out["attribution_order"] = out["attribution"].map(order)
    out["quote"] = out["quote"].astype(object).where(out["quote"].notna(), "")
    return out.sort_values(["doc_order", "attribution_order"]).reset_index(drop=True)[MIX_COLUMNS]


def top_sources(a: pd.DataFrame, n: int = 5) -> pd.DataFrame:
    """Per (doc_id, attribution): its `n` most named sources (ties by name), joined by '; '.
    One count over the whole table (no per-group Python), so it stays fast at thousands of documents."""
    keys = ["doc_id", "attribution"]
    named = a.assign(source=a["attribution_source"].fillna("").astype(str))
    named = named[named["source"].str.strip() != ""]
    counts = named.groupby(keys + ["source"]).size().rename("n").reset_index()
    counts = counts.sort_values(keys + ["n", "source"], ascending=[True, True, False, True], kind="stable")
    top = counts.groupby(keys, sort=False).head(n)
    return top.groupby(keys, sort=False)["source"].agg("; ".join).rename("sources").reset_index()


def sourcing_summary(mix: pd.DataFrame) -> pd.DataFrame:
    """Per attribution kind over the whole corpus: sentences, share, documents using it."""
    cols = ["attribution", "n_sentences", "share", "n_documents"]
    if mix.empty:
        return pd.DataFrame(columns=cols)
    g = mix.groupby(["attribution_order", "attribution"]).agg(n_sentences=("n_sentences", "sum"),
                                                               n_documents=("doc_id", "nunique")).reset_index()
    g["share"] = (g["n_sentences"] / g["n_sentences"].sum()).round(4)
    return g.sort_values("attribution_order").reset_index(drop=True)[cols]


# ----------------------------------------------------------------------------- conflicts
CONFLICT_COLUMNS = ["claim_id", "kind", "claim", "doc_id", "doc_order", "doc_label", "title", "outlet", "published_label",
                    "value", "value_high", "value_text", "attribution", "start", "end", "quote"]


def conflicts(claims: pd.DataFrame, documents: pd.DataFrame, min_sources: int = 1) -> pd.DataFrame:
    """Each conflicting claim side by side: one row per (claim, document, value) with the quote
    giving it. Model events show the event date they give as their value. Claims by kind, then
    label; sources by publication order."""
    if claims is None or claims.empty:
        return pd.DataFrame(columns=CONFLICT_COLUMNS)
    docs = document_order(documents).set_index("doc_id")
    flag = claims["conflict"].astype(str).str.lower() == "true"
    c = claims[flag & (pd.to_numeric(claims["n_sources"], errors="coerce").fillna(0) >= max(1, int(min_sources)))]
    rows = []
    for r in c.to_dict("records"):
        for e in _evidence(r.get("evidence")):
            d = str(e.get("doc_id", ""))
            meta = docs.loc[d] if d in docs.index else None
            if r["kind"] == "model_event":
                text = date_label(e.get("event_date") or None, e.get("event_date_precision"))
                text = "no date given" if text == UNDATED else text
            else:
                text = format_value(r["kind"], e.get("value"), e.get("value_high")) or "no value given"
            rows.append({
                "claim_id": r["claim_id"], "kind": r["kind"], "claim": claim_label(r.get("key")), "doc_id": d,
                "doc_order": len(docs) if meta is None else int(meta["doc_order"]),
                "doc_label": d if meta is None else meta["doc_label"],
                "title": "" if meta is None else meta["title"], "outlet": "" if meta is None else meta["outlet"],
                "published_label": UNDATED if meta is None else meta["published_label"],
                "value": to_float(e.get("value")), "value_high": to_float(e.get("value_high")), "value_text": text,
                "attribution": e.get("attribution") or "", "start": e.get("start"), "end": e.get("end"),
                "quote": e.get("quote") or "",
            })
    out = pd.DataFrame(rows, columns=CONFLICT_COLUMNS)
    if out.empty:
        return out
    out["_k"] = out["kind"].map(lambda k: KIND_ORDER.index(k) if k in KIND_ORDER else 99)
    out = out.sort_values(["_k", "claim", "claim_id", "doc_order", "start"], kind="stable")
    return out.drop(columns="_k").reset_index(drop=True)


# ----------------------------------------------------------------------------- model histories
TIMELINE_COLUMNS = ["model", "model_order", "org", "step", "event", "previous_event", "date", "date_basis",
                    "date_text", "n_sources", "doc_ids", "titles", "doc_id", "start", "end", "quote", "title",
                    "outlet", "published_label"]


def model_timeline(model_events: pd.DataFrame | None, documents: pd.DataFrame, focus: str = "") -> pd.DataFrame:
    """Each model's reported steps (`pipeline.claims.model_status_history`) ready to plot: `date`
    (Timestamp; the event date, else the first publication reporting it; NaT when neither is
    known), a `date_text` saying which, the reporting documents' titles and the first evidence's
    document. Models of the focus organisation first, then by earliest dated step, then name."""
    if model_events is not None and "status" in model_events:  # considered / hypothetical: not events
        model_events = model_events[model_events["status"].isna() | (model_events["status"] == "stated")]
    history = None if model_events is None else model_status_history(model_events, documents)
    if history is None or history.empty:
        return pd.DataFrame(columns=TIMELINE_COLUMNS)
    docs = document_order(documents).set_index("doc_id")
    h = history.copy()
    h["doc_id"] = h["doc_id"].astype(str)
    h["date"] = pd.to_datetime(h["sort_date"].astype(object).where(h["sort_date"].notna(), None),
                               errors="coerce", format="ISO8601")
    texts = []
    for basis, d, p, n in zip(h["date_basis"], h["event_date"], h["event_date_precision"], h["first_published"]):
        basis = text_or_empty(basis)
        if basis == "event":
            texts.append(f"event date {date_label(d, p)}")
        elif basis == "published":
            texts.append(f"no event date; first reported {date_label(n, 'day')}")
        else:
            texts.append("no date known")
    h["date_text"] = texts
    h["date_basis"] = h["date_basis"].astype(object).where(h["date_basis"].notna(), "")
    h["org"] = h["org"].astype(object).where(h["org"].notna(), "")
    h["titles"] = [" | ".join(str(docs.loc[i, "title"]) if i in docs.index else i
                              for i in str(ids).split("; ") if i) for ids in h["doc_ids"]]
    h["title"] = [docs.loc[d, "title"] if d in docs.index else "" for d in h["doc_id"]]
    h["outlet"] = [docs.loc[d, "outlet"] if d in docs.index else "" for d in h["doc_id"]]
    h["published_label"] = [docs.loc[d, "published_label"] if d in docs.index else UNDATED for d in h["doc_id"]]
    f = focus.casefold().strip()
    first = h.groupby("model")["date"].min()
    models = sorted(h["model"].unique(), key=lambda m: (
        0 if f and (h.loc[h["model"] == m, "org"].astype(str).str.casefold() == f).any() else 1,
        pd.isna(first.get(m)), first.get(m) if pd.notna(first.get(m)) else pd.Timestamp.max, str(m)))
    h["model_order"] = h["model"].map({m: i for i, m in enumerate(models)})
    return h.sort_values(["model_order", "step"]).reset_index(drop=True)[TIMELINE_COLUMNS]


# ----------------------------------------------------------------------------- tables shown
HISTORY_SHOWN = ["model", "step", "event", "previous_event", "date_text", "n_sources", "titles", "quote", "doc_id",
                 "start", "end"]


def corroborated_table(view: pd.DataFrame) -> pd.DataFrame:
    """The corroborated claims of `claims_view`, with their values, dates, sources and first quote."""
    cols = ["kind", "claim", "value_text", "n_sources", "first_seen", "last_seen", "attributions", "doc_ids", "quote",
            "doc_id", "start", "end"]
    return view.loc[view["status"] == CORROBORATED, cols]


def conflict_table(conflicting: pd.DataFrame) -> pd.DataFrame:
    """The rows of `conflicts` as the page lists them: each source's value beside its quote."""
    cols = ["kind", "claim", "published_label", "title", "outlet", "value_text", "attribution", "quote", "doc_id",
            "start", "end"]
    return conflicting[cols]


def history_table(timeline: pd.DataFrame, undated_only: bool = False) -> pd.DataFrame:
    """The steps of `model_timeline` (only those without any date with `undated_only`)."""
    rows = timeline[timeline["date"].isna()] if undated_only else timeline
    return rows[HISTORY_SHOWN]
