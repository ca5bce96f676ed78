"""Claims ledger: consolidation across documents, conflicts, key rules, model status histories."""
from __future__ import annotations

import json

import pandas as pd

from analysis.pipeline.claims import CLAIM_COLUMNS, HISTORY_COLUMNS, claims_table, model_status_history

DOCS = pd.DataFrame({
    "doc_id": ["a", "b", "c", "d"],
    "title": ["A", "B", "C", "D"],
    "outlet": ["X", "Y", "Z", "W"],
    "published": ["2025-07-01", "2025-06-15", "", "2025-08-01"],
    "published_precision": ["day", "day", "unknown", "day"],
    "status": ["ok"] * 4,
})


def amount(doc_id, value, label="investment", subject="Globex", high=None, date=None, prec=None,
           approximate=False, sent_id=0, start=0):
    quote = f"{subject} {label} {value}"
    return {"doc_id": doc_id, "sent_id": sent_id, "start": start, "end": start + len(quote), "quote": quote,
            "value_usd": value, "value_usd_high": high, "label": label, "subject": subject,
            "approximate": approximate, "event_date": date, "event_date_precision": prec}


def amounts(*rows):
    return {"amounts": pd.DataFrame(list(rows))}


def test_same_fact_two_docs_is_one_claim():
    out = claims_table(amounts(amount("a", 14.3e9, date="2025-06-01", prec="month"),
                               amount("b", 14.3e9, subject="globex’s", date="2025-06-12", prec="day")), DOCS)
    assert list(out.columns) == CLAIM_COLUMNS
    assert len(out) == 1
    c = out.iloc[0]
    assert c.n_sources == 2 and c.n_facts == 2 and not c.conflict
    assert c.value == 14.3e9 and c.key == "investment|globex|2025-06"
    assert c.doc_ids == "b; a"                    # publication order
    assert (c.first_seen, c.last_seen) == ("2025-06-15", "2025-07-01")
    ev = json.loads(c.evidence)
    assert {e["doc_id"] for e in ev} == {"a", "b"} and all("quote" in e and "start" in e for e in ev)


def test_different_values_conflict():
    out = claims_table(amounts(amount("a", 14.3e9), amount("b", 16e9)), DOCS)
    assert len(out) == 1 and out.iloc[0].conflict
    assert out.iloc[0].n_sources == 2


def test_tolerance_and_approximate():
    # within 5 %: no conflict
    assert not claims_table(amounts(amount("a", 100e9), amount("b", 103e9)), DOCS).iloc[0].conflict
    # 15 % apart: conflict unless one of them is approximate
    assert claims_table(amounts(amount("a", 100e9), amount("b", 115e9)), DOCS).iloc[0].conflict
    assert not claims_table(amounts(amount("a", 100e9, approximate=True), amount("b", 115e9)),
                            DOCS).iloc[0].conflict


def test_disjoint_ranges_conflict():
    out = claims_table(amounts(amount("a", 113e9, high=118e9), amount("b", 60e9, high=65e9)), DOCS)
    assert out.iloc[0].conflict


def test_same_doc_twice_counts_once_and_is_no_conflict():
    out = claims_table(amounts(amount("a", 10e9, start=0), amount("a", 12e9, start=50),
                               amount("a", 10e9, start=90)), DOCS)
    assert len(out) == 1
    c = out.iloc[0]
    assert c.n_sources == 1 and c.n_facts == 3 and not c.conflict
    assert c.value == 10e9   # the value given most often


def test_consensus_value_majority_of_documents():
    out = claims_table(amounts(amount("a", 10e9), amount("b", 12e9), amount("d", 12e9)), DOCS)
    c = out.iloc[0]
    assert c.value == 12e9 and c.conflict and c.n_sources == 3
    assert sorted(json.loads(c["values"])) == [[10e9, None, 1], [12e9, None, 2]]


def test_missing_key_parts_are_never_merged():
    out = claims_table(amounts(amount("a", 5e9, subject=None), amount("b", 5e9, subject=""),
                               amount("c", 5e9, label=None)), DOCS)
    assert len(out) == 3
    assert not out["key_complete"].any()
    assert (out["n_sources"] == 1).all() and out["claim_id"].is_unique


def test_different_subjects_or_labels_stay_apart():
    out = claims_table(amounts(amount("a", 5e9, subject="Globex"), amount("b", 5e9, subject="Initech"),
                               amount("c", 5e9, label="capex")), DOCS)
    assert len(out) == 3


def test_dates_precision_normalised_and_merging():
    # different months: two claims
    out = claims_table(amounts(amount("a", 5e9, date="2025-06-01", prec="month"),
                               amount("b", 5e9, date="2025-09-01", prec="month")), DOCS)
    assert len(out) == 2
    # undated and year-level reports fold into the unique compatible month claim
    out = claims_table(amounts(amount("a", 5e9, date="2025-06-03", prec="day"),
                               amount("b", 5e9), amount("d", 5e9, date="2025-01-01", prec="year")), DOCS)
    assert len(out) == 1 and out.iloc[0].n_sources == 3 and out.iloc[0].key.endswith("2025-06")
    # ambiguous: an undated fact with two dated candidates stays apart
    out = claims_table(amounts(amount("a", 5e9, date="2025-06-01", prec="month"),
                               amount("b", 5e9, date="2024-06-01", prec="month"), amount("d", 5e9)), DOCS)
    assert len(out) == 3
    # an undated fact with a different value is not pulled into the dated claim
    out = claims_table(amounts(amount("a", 5e9, date="2025-06-01", prec="month"), amount("b", 50e9)), DOCS)
    assert len(out) == 2 and not out["conflict"].any()
    # a year claim never absorbs a different year
    out = claims_table(amounts(amount("a", 5e9, date="2025-06-01", prec="month"),
                               amount("b", 5e9, date="2024-01-01", prec="year")), DOCS)
    assert len(out) == 2


def test_attributions_joined():
    attrs = pd.DataFrame({"doc_id": ["a", "b"], "sent_id": [0, 0], "attribution": ["anonymous", "report"]})
    out = claims_table(amounts(amount("a", 1e9), amount("b", 1e9)), DOCS, attrs)
    assert set(out.iloc[0].attributions.split("; ")) == {"anonymous", "report"}
    ev = json.loads(out.iloc[0].evidence)
    assert {e["attribution"] for e in ev} == {"anonymous", "report"}


def move(doc_id, person, to_org="Globex", direction="join", pay=None, from_org="Initech", count=None):
    return {"doc_id": doc_id, "sent_id": 1, "start": 10, "end": 40, "quote": f"{person} moved",
            "person": person, "from_org": from_org, "to_org": to_org, "role": "", "count": count,
            "direction": direction, "pay_usd": pay, "event_date": None, "event_date_precision": None}


def test_talent_moves():
    t = {"talent_moves": pd.DataFrame([
        move("a", "Jane Okafor", pay=200e6), move("b", "jane okafor", pay=100e6),
        move("c", "Jane Okafor", to_org=""),             # to_org missing, no pay: folds into a match
        move("d", "Ada Byron", direction="leave", to_org=None),
        move("a", None, count=7, from_org="Initech"), move("b", None, count=7, from_org="Initech"),
        move("c", None, count=7, from_org=None, to_org=None),   # group move without any org: singleton
        move("d", None, count=3, from_org=None, to_org="Globex"),
    ])}
    out = claims_table(t, DOCS)
    jane = out[out.key.str.startswith("jane okafor")]
    assert len(jane) == 1 and jane.iloc[0].n_sources == 3 and jane.iloc[0].conflict
    assert jane.iloc[0].key == "jane okafor|join|globex"
    group = out[out.key.str.startswith("group|initech")]
    assert len(group) == 1 and group.iloc[0].n_sources == 2 and group.iloc[0].value == 7
    assert (~out.key_complete).sum() == 1
    assert len(out[out.key == "group||globex|join|"]) == 1
    assert set(out.kind) == {"talent_move"}


def compute(doc_id, qty, subject="Globex", unit="GPU", label="gpus", status="target", date=None, prec=None):
    return {"doc_id": doc_id, "sent_id": 2, "start": 0, "end": 10, "quote": "q", "quantity": qty,
            "quantity_high": None, "unit": unit, "label": label, "status": status, "subject": subject,
            "approximate": False, "event_date": date, "event_date_precision": prec}


def test_compute_targets():
    t = {"compute": pd.DataFrame([compute("a", 1.3e6), compute("b", 1.3e6), compute("c", 600e3, status="existing"),
                                  compute("d", 1e6)])}
    out = claims_table(t, DOCS)
    tgt = out[out.key.str.contains("target")]
    assert len(tgt) == 1 and tgt.iloc[0].n_sources == 3 and tgt.iloc[0].conflict and tgt.iloc[0].value == 1.3e6
    assert len(out[out.key.str.contains("existing")]) == 1


def event(doc_id, model, ev, date=None, prec=None, access=None, arch=None):
    return {"doc_id": doc_id, "sent_id": 3, "start": 5, "end": 25, "quote": f"{model} {ev}", "model": model,
            "org": "Globex", "event": ev, "architecture": arch, "access": access,
            "event_date": date, "event_date_precision": prec}


def test_model_event_claims_and_date_conflict():
    t = {"model_events": pd.DataFrame([
        event("a", "Zephyr 4", "released", "2025-04-05", "day"),
        event("b", "Zephyr 4", "released", "2025-04-01", "month"),
        event("d", "Zephyr 4", "released", "2025-03-01", "month"),
        event("a", "Zephyr 4", "delayed"), event("b", "zephyr 4", "delayed", access="open"),
        event("c", "Zephyr 4", "delayed", access="closed"),
    ])}
    out = claims_table(t, DOCS)
    rel = out[out.key == "zephyr 4|released"].iloc[0]
    assert rel.n_sources == 3 and rel.conflict          # March vs April
    dl = out[out.key == "zephyr 4|delayed"].iloc[0]
    assert dl.n_sources == 3 and dl.conflict            # open vs closed
    t2 = {"model_events": pd.DataFrame([event("a", "Zephyr 4", "released", "2025-04-05", "day"),
                                        event("b", "Zephyr 4", "released", "2025-04-01", "month")])}
    assert not claims_table(t2, DOCS).iloc[0].conflict


def test_tables_combined_and_unknown_tables_ignored():
    t = {"amounts": pd.DataFrame([amount("a", 1e9)]), "compute": pd.DataFrame([compute("a", 5)]),
         "something_else": pd.DataFrame([{"doc_id": "a"}]), "model_events": pd.DataFrame()}
    out = claims_table(t, DOCS)
    assert sorted(out.kind) == ["amount", "compute"]
    assert claims_table({}, DOCS).columns.tolist() == CLAIM_COLUMNS


def test_model_status_history_order():
    ev = pd.DataFrame([
        event("d", "Zephyr 4", "withdrawn"),                       # undated: uses publication 2025-08-01
        event("a", "Zephyr 4", "released", "2025-04-05", "day"),
        event("b", "Zephyr 4", "released"),                        # undated: folds into the dated release
        event("b", "Zephyr 4", "planned", "2025-01-01", "year"),
        event("a", "Zephyr 4", "delayed", "2025-06-01", "month"),
        event("a", "Other", "released", "2024-01-01", "year"),
    ])
    h = model_status_history(ev, DOCS)
    assert list(h.columns) == HISTORY_COLUMNS
    z = h[h.model.str.lower() == "zephyr 4"]
    assert z.event.tolist() == ["planned", "released", "delayed", "withdrawn"]
    assert z.step.tolist() == [1, 2, 3, 4]
    assert z.previous_event.tolist() == ["", "planned", "released", "delayed"]
    rel = z[z.event == "released"].iloc[0]
    assert rel.n_sources == 2 and rel.date_basis == "event" and rel.event_date == "2025-04-05"
    wd = z[z.event == "withdrawn"].iloc[0]
    assert wd.date_basis == "published" and wd.sort_date == "2025-08-01"
    assert h[h.model == "Other"].step.tolist() == [1]


def test_model_status_history_same_date_uses_lifecycle_then_publication():
    ev = pd.DataFrame([event("a", "M", "delayed", "2025-05-01", "month"),
                       event("a", "M", "released", "2025-05-01", "month")])
    assert model_status_history(ev, DOCS).event.tolist() == ["released", "delayed"]
    ev = pd.DataFrame([event("a", "M", "withdraw", "2025-05-01", "month"),
                       event("a", "M", "cancel", "2025-05-01", "month"),
                       event("a", "M", "release", "2025-05-01", "month"),
                       event("a", "M", "plan", "2025-05-01", "month")])
    assert model_status_history(ev, DOCS).event.tolist() == ["plan", "release", "cancel", "withdraw"]
    assert model_status_history(pd.DataFrame(), DOCS).columns.tolist() == HISTORY_COLUMNS


def test_attribution_from_the_rows_or_from_the_attributions_table():
    rows = amounts(amount("a", 10e9, sent_id=1), amount("b", 10e9, sent_id=2))
    att = pd.DataFrame({"doc_id": ["a", "b"], "sent_id": [1, 2], "attribution": ["company", "anonymous"]})
    from_table = claims_table(rows, DOCS, att)
    with_column = {"amounts": rows["amounts"].assign(attribution=["company", "anonymous"])}
    from_rows = claims_table(with_column, DOCS)
    assert from_table.iloc[0].attributions == from_rows.iloc[0].attributions == "anonymous; company"
    assert claims_table(rows, DOCS).iloc[0].attributions == ""  # neither: unknown


def test_merging_uses_every_fact_of_the_merged_claims():
    """An undated fact merges into the dated claim only if it agrees with all facts gathered so far."""
    out = claims_table(amounts(amount("a", 10e9, date="2025-06-01", prec="month"),
                               amount("b", 10.2e9, date="2025-06-01", prec="month"),
                               amount("d", 10.4e9, date="2025-06", prec="month"),
                               amount("c", 10.9e9)), DOCS)
    # 10.9 agrees with 10.4 (within 5%) but not with 10.0 -> it stays its own claim
    assert len(out) == 2 and sorted(out.n_facts) == [1, 3]


def test_the_given_tolerances_also_decide_merging():
    """An undated $10.9bn is 9% from a dated $10bn: not merged at the default 5%, merged at 10%."""
    rows = amounts(amount("a", 10e9, date="2025-06-01", prec="month"), amount("c", 10.9e9))
    assert len(claims_table(rows, DOCS)) == 2
    merged = claims_table(rows, DOCS, tol=0.10)
    assert len(merged) == 1 and merged.iloc[0].n_facts == 2 and not merged.iloc[0].conflict


def test_negative_tolerances_are_refused():
    import pytest

    with pytest.raises(ValueError, match="must not be negative"):
        claims_table(amounts(amount("a", 1e9)), DOCS, tol=-0.1)


def test_updating_claims_after_a_change_gives_the_claims_computed_again():
    """`update_claims` recomputes only the buckets a changed document's facts fall in (now or
    before) and keeps the rest: for every document removed, then added back, its rows equal
    computing every claim again, merges across dates and an incomplete fact included."""
    from analysis.pipeline.claims import update_claims

    full = {"amounts": pd.DataFrame([
        amount("a", 14e9, date="2025-06-01", prec="month", start=0),
        amount("b", 14.3e9, start=5),  # undated: merges into the single dated claim that agrees
        amount("c", 50e9, subject="Initech", start=0),
        amount("d", 16e9, date="2025-06-02", prec="day", start=9),  # same bucket, conflicting
        amount("d", 2e9, subject="", start=20),  # no subject: its own claim
        amount("b", 3e9, label="capex", subject="Hooli", start=30),
    ])}
    before, buckets = claims_table(full, DOCS, buckets=True)
    assert len(set(buckets)) < len(buckets)  # a bucket with several claims
    for d in DOCS["doc_id"]:
        without = {"amounts": full["amounts"][full["amounts"]["doc_id"] != d]}
        expected, expected_buckets = claims_table(without, DOCS, buckets=True)
        got, got_buckets = update_claims(before, buckets, without, DOCS, {d})
        pd.testing.assert_frame_equal(got, expected)
        assert got_buckets == expected_buckets
        back, back_buckets = update_claims(got, got_buckets, full, DOCS, {d})
        pd.testing.assert_frame_equal(back, before)
        assert back_buckets == buckets
    unchanged, _ = update_claims(before, buckets, full, DOCS, set())
    pd.testing.assert_frame_equal(unchanged, before)
