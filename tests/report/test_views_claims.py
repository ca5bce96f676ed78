"""views_claims: corroboration, attribution mix, conflicts side by side, model timelines (synthetic)."""
from __future__ import annotations

import pandas as pd

from analysis.report.views import claims as vc
from analysis.pipeline.claims import claims_table

DOCS = pd.DataFrame({
    "doc_id": ["a", "b", "c"],
    "title": ["Doc A", "Doc B", "Doc C"],
    "outlet": ["X", "Y", None],
    "published": ["2025-02-01", "2025-01-01", None],
    "published_precision": ["day", "day", "unknown"],
    "status": ["ok", "ok", "ok"],
})


def amount(doc, value, subject="Globex", label="investment", start=0, high=None):
    q = f"{subject} {label} {value}"
    return {"doc_id": doc, "sent_id": 0, "start": start, "end": start + len(q), "quote": q, "value_usd": value,
            "value_usd_high": high, "label": label, "subject": subject, "approximate": False,
            "event_date": None, "event_date_precision": None}


def claims():
    rows = [amount("a", 10e9), amount("b", 20e9), amount("a", 3e6, subject="Initech", start=50),
            amount("b", 1e9, subject="Hooli", start=80), amount("c", 1e9, subject="Hooli", start=90)]
    return claims_table({"amounts": pd.DataFrame(rows)}, DOCS)


def test_format_value():
    assert vc.format_value("amount", 14.3e9) == "$14.3 billion"
    assert vc.format_value("amount", 1e9, 1e10) == "$1 billion to $10 billion"  # one range style (report.format)
    assert vc.format_value("compute", 5000) == "5,000"
    assert vc.format_value("talent_move", None) == ""
    assert vc.claim_label("investment||2021#a:3") == "investment · 2021"


def test_claims_view_status_and_min_sources():
    c = claims()
    v = vc.claims_view(c, DOCS, 1, "globex")
    assert len(v) == 3
    assert v["status"].iloc[0] == vc.CORROBORATED  # corroborated first
    assert set(v.loc[v["status"] == vc.CORROBORATED, "claim"]) == {"investment · globex", "investment · hooli"}
    hooli = v[v["claim"] == "investment · hooli"].iloc[0]
    assert hooli["titles"] == "Doc B | Doc C" and hooli["published_label"] == "2025-01-01"
    assert v.set_index("claim")["mentions_focus"].to_dict() == {"investment · globex": True,
                                                                  "investment · hooli": False,
                                                                  "investment · initech": False}
    assert len(vc.claims_view(c, DOCS, 2)) == 2
    counts = vc.corroboration_counts(vc.claims_view(c, DOCS))
    assert counts.set_index("status")["n_claims"].to_dict() == {vc.CORROBORATED: 2, vc.SINGLE: 1}
    assert vc.claims_view(c.iloc[0:0], DOCS).empty


def test_conflicts_one_row_per_source_in_publication_order():
    conf = vc.conflicts(claims(), DOCS)
    assert list(conf["claim"].unique()) == ["investment · globex"]
    assert list(conf["doc_id"]) == ["b", "a"]  # b published first
    assert list(conf["value_text"]) == ["$20 billion", "$10 billion"]
    assert (conf["quote"] != "").all()
    assert vc.conflicts(claims(), DOCS, min_sources=3).empty


def test_attribution_mix_shares_sum_to_one_and_keep_evidence():
    att = pd.DataFrame({"doc_id": ["a", "a", "a", "c"], "sent_id": [0, 1, 2, 0],
                        "attribution": ["anonymous", "unattributed", "anonymous", "report"],
                        "attribution_source": ["insiders", "", "people familiar", "Wire"]})
    sents = pd.DataFrame({"doc_id": ["a", "a", "a", "c"], "sent_id": [0, 1, 2, 0], "start": [0, 10, 20, 0],
                          "end": [9, 19, 29, 5], "text": ["s0", "s1", "s2", "c0"]})
    mix = vc.attribution_mix(att, sents, DOCS)
    assert mix.groupby("doc_id")["share"].sum().round(6).eq(1).all()
    anon = mix[(mix["doc_id"] == "a") & (mix["attribution"] == "anonymous")].iloc[0]
    assert anon["n_sentences"] == 2 and anon["quote"] == "s0" and anon["sources"] == "insiders; people familiar"
    assert list(dict.fromkeys(mix["doc_id"])) == ["a", "c"]  # dated first, undated last
    s = vc.sourcing_summary(mix).set_index("attribution")
    assert s.loc["anonymous", "share"] == 0.5 and s.loc["report", "n_documents"] == 1
    assert vc.attribution_mix(att.iloc[0:0], sents, DOCS).empty


def test_model_timeline_dates_and_focus_first():
    ev = pd.DataFrame([
        {"doc_id": "a", "sent_id": 0, "start": 0, "end": 5, "quote": "q1", "model": "Zeta", "org": "Acme",
         "event": "release", "event_date": None, "event_date_precision": None},
        {"doc_id": "b", "sent_id": 0, "start": 0, "end": 5, "quote": "q2", "model": "Alpha", "org": "Other",
         "event": "announce", "event_date": "2024-05-01", "event_date_precision": "month"},
        {"doc_id": "c", "sent_id": 0, "start": 0, "end": 5, "quote": "q3", "model": "Beta", "org": "Other",
         "event": "plan", "event_date": None, "event_date_precision": None},
    ])
    tl = vc.model_timeline(ev, DOCS, "acme")
    assert list(tl["model"]) == ["Zeta", "Alpha", "Beta"]
    z = tl.iloc[0]
    assert z["date"] == pd.Timestamp("2025-02-01") and z["date_text"].startswith("no event date")
    assert tl.iloc[1]["date_text"] == "event date 2024-05"
    assert pd.isna(tl.iloc[2]["date"]) and tl.iloc[2]["date_text"] == "no date known"
    assert list(vc.model_timeline(ev, DOCS)["model"]) == ["Alpha", "Zeta", "Beta"]
    assert vc.model_timeline(None, DOCS).empty and vc.model_timeline(ev.iloc[0:0], DOCS).empty


def test_tables_shown():
    view = vc.claims_view(claims(), DOCS)
    assert set(vc.corroborated_table(view)["claim"]) == {"investment · globex", "investment · hooli"}
    assert list(vc.conflict_table(vc.conflicts(claims(), DOCS))["value_text"]) == ["$20 billion", "$10 billion"]
    ev = pd.DataFrame([{"doc_id": "c", "sent_id": 0, "start": 0, "end": 2, "quote": "q3", "model": "Beta",
                        "org": "Other", "event": "plan", "event_date": None, "event_date_precision": None}])
    tl = vc.model_timeline(ev, DOCS)
    assert list(vc.history_table(tl)["model"]) == ["Beta"] and list(vc.history_table(tl, undated_only=True)["step"]) == [1]
    assert list(vc.history_table(tl).columns) == vc.HISTORY_SHOWN


def test_top_sources_most_named_first_ties_by_name_at_most_five():
    a = pd.DataFrame({"doc_id": ["a"] * 9 + ["b"], "attribution": ["anonymous"] * 8 + ["report", "report"],
                      "attribution_source": ["z", "z", "y", "b", "a", "c", "d", " ", "Wire", None]})
    top = vc.top_sources(a).set_index(["doc_id", "attribution"])["sources"].to_dict()
    # z twice first; then the single ones by name, five in all; a blank source is no source
    assert top[("a", "anonymous")] == "z; a; b; c; d"
    assert top[("a", "report")] == "Wire"
    assert ("b", "report") not in top
