"""The claims ledger's matching rules: keys, agreement of values and dates, conflicts."""
from __future__ import annotations

import random

from analysis.pipeline.matching import (dates_agree, date_key, event_conflict, interval, norm_text, row_key,
                                        stats, stats_agree, values_agree, values_conflict)


def test_date_key_and_norm_text():
    assert date_key("2025-06-12", "day") == "2025-06"
    assert date_key("2025-04-01", "quarter") == "2025-Q2"
    assert date_key("2025-01-01", "year") == "2025"
    assert date_key(None, "day") == "" and date_key("2025-01-01", "unknown") == ""
    assert norm_text("  The  Globex’s ") == "globex"


def test_ranges_overlap_rule():
    assert values_agree((113e9, 118e9), (115e9, None))            # value inside a range
    assert values_agree((113e9, 118e9), (117e9, 120e9))           # overlapping ranges
    assert not values_agree((113e9, 118e9), (130e9, 140e9))       # disjoint ranges
    assert values_agree((None, None), (1.0, None))                # missing never conflicts
    assert values_agree((14.3e9, None), (14e9, None)) and not values_agree((14.3e9, None), (16e9, None))
    assert values_agree((14.3e9, None), (16e9, None), approximate=True)


def test_key_rule_on_blank_numeric_and_textual_cells():
    nan = float("nan")
    assert row_key("amount", {"label": "  the Deal's ", "subject": "Globex", "value_usd": "2e9",
                              "event_date": "2025-06-01", "event_date_precision": "day"}) == (
        ["deal", "globex"], {"date": "2025-06"}, True, 2e9, None)
    assert row_key("amount", {"label": nan, "subject": "Globex", "value_usd": "x"}) == (
        ["", "globex"], {"date": ""}, False, None, None)
    assert row_key("compute", {"subject": "Globex", "unit": "GPU", "quantity": 5, "quantity_high": nan}) == (
        ["globex", "gpu", "", ""], {"date": ""}, True, 5.0, None)
    assert row_key("talent_move", {"person": "Jane Roe", "direction": "join", "to_org": None, "pay_usd": 1e8}) == (
        ["jane roe", "join"], {"to_org": ""}, True, 1e8, None)
    assert row_key("talent_move", {"person": nan, "from_org": "Initech", "direction": "leave", "count": "4",
                                   "event_date": "2025-04-01", "event_date_precision": "quarter"}) == (
        ["group", "initech", "", "leave"], {"date": "2025-Q2"}, True, 4.0, None)
    assert row_key("model_event", {"model": 5, "event": "released"}) == (["5", "released"], {}, True, None, None)


def test_linear_conflict_checks_equal_pairwise_definitions():
    """The linear agreement / conflict checks give what comparing every pair gives."""
    rng = random.Random(2)

    def fact():
        v = rng.choice([None, 1.0, 1.02, 1.1, 1.25, 2.0, 0.5, 16.0, 14.3, 14.0])
        vh = rng.choice([None, None, None if v is None else v * rng.choice([1.0, 1.3, 0.9])])
        date = rng.choice(["", "2024-03-05", "2024-03-20", "2024-05-01", "2024-11-30", "2025-01-02"])
        return {"doc_id": rng.choice("abcd"), "value": v, "value_high": vh, "iv": interval(v, vh),
                "approximate": rng.random() < 0.3, "event_date": date,
                "event_date_precision": rng.choice(["day", "week", "month", "quarter", "year", "unknown", ""]),
                "access": rng.choice(["", "", "open", "closed"]), "architecture": rng.choice(["", "moe"])}

    def agree(a, b, tol, tol_approx):
        return values_agree((a["value"], a["value_high"]), (b["value"], b["value_high"]),
                            a["approximate"] or b["approximate"], tol, tol_approx)

    def pairwise(facts, tol, tol_approx, model):
        for i, a in enumerate(facts):
            for b in facts[i + 1:]:
                if a["doc_id"] == b["doc_id"]:
                    continue
                if model:
                    if not dates_agree((a["event_date"], a["event_date_precision"]),
                                       (b["event_date"], b["event_date_precision"])):
                        return True
                    if any(a[f] and b[f] and a[f] != b[f] for f in ("access", "architecture")):
                        return True
                elif not agree(a, b, tol, tol_approx):
                    return True
        return False

    for _ in range(4000):
        fa = [fact() for _ in range(rng.randint(0, 7))]
        fb = [fact() for _ in range(rng.randint(0, 7))]
        tol, tol_approx = rng.choice([(0.05, 0.2), (0.0, 0.5), (0.3, 0.01)])
        assert values_conflict(fa, tol, tol_approx) == pairwise(fa, tol, tol_approx, False)
        assert event_conflict(fa) == pairwise(fa, tol, tol_approx, True)
        assert stats_agree(stats(fa), stats(fb), tol, tol_approx) == all(
            agree(a, b, tol, tol_approx) for a in fa for b in fb)


def test_event_dates_not_written_as_months_are_compared_by_the_definition():
    def ev(doc, date, prec):
        return {"doc_id": doc, "event_date": date, "event_date_precision": prec, "access": "", "architecture": ""}

    assert event_conflict([ev("a", "2025", "year"), ev("b", "2024", "year")])
    assert not event_conflict([ev("a", "2025", "year"), ev("b", "2025-03-01", "day")])
