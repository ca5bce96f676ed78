"""Views of notebook 04 (models), on small synthetic tables: no corpus, no company hard-coded."""
import pandas as pd

from analysis.report.views import models as vm

DOCS = pd.DataFrame([
    {"doc_id": "a", "title": "Alpha story", "published": "2024-05-10", "published_precision": "day"},
    {"doc_id": "b", "title": "Beta story", "published": None, "published_precision": None},
])


def ev(doc_id="a", start=0, model="Zeta 2", org="Hooli", event="release", event_date=None, precision=None,
       architecture=None, access=None, family=None, status="stated"):
    quote = f"q{doc_id}{start}"
    return {"doc_id": doc_id, "sent_id": 0, "start": start, "end": start + len(quote), "quote": quote,
            "model": model, "model_family": family or model.split()[0], "model_in_registry": False, "org": org,
            "event": event, "event_date": event_date, "event_date_precision": precision,
            "architecture": architecture, "access": access, "cue": "cue", "attribution": "unattributed",
            "attribution_source": None, "status": status}


def table(*rows, focus="Hooli"):
    return vm.prepare(pd.DataFrame(list(rows)), DOCS, focus)


def test_prepare_sides_dates_and_unknowns():
    t = table(ev(start=0, org="Hooli Labs", event_date="2024-03-01", precision="month", architecture="moe"),
              ev(start=10, model="Omega", org="Globex"),
              ev(start=20, model="Nameless", org=None))
    a, b, c = t.iloc[0], t.iloc[1], t.iloc[2]
    assert a["side"] == vm.IN_FOCUS and a["org_label"] == "Hooli Labs (in focus)" and a["date_label"] == "2024-03"
    assert b["side"] == vm.RIVALS and pd.isna(b["date"]) and b["date_label"] == vm.UNDATED  # no publication fallback
    assert b["architecture"] == vm.UNKNOWN and b["access"] == vm.UNKNOWN
    assert c["org"] == vm.UNKNOWN_ORG
    assert set(table(ev(), focus="")["side"]) == {vm.RIVALS}


def test_filter_events_keeps_requested_and_reports_unknown():
    t = table(ev(start=0, event="release"), ev(start=10, event="delay"), ev(start=20, event="cancel"))
    kept, shown, unknown = vm.filter_events(t, "delay, bogus")
    assert list(kept["event"]) == ["delay"] and shown == ["delay"] and unknown == ["bogus"]
    kept, shown, unknown = vm.filter_events(t, [])
    assert len(kept) == 3 and shown == ["release", "delay", "cancel"] and unknown == []


def test_considered_and_hypothetical_events_are_never_shown():
    t = table(ev(start=0, event="release"), ev(start=10, event="cancel", status="considered"),
              ev(start=20, event="release", status="hypothetical"), ev(start=30, event="delay", status=None))
    assert list(t["status"]) == ["stated", "considered", "hypothetical", "stated"]  # blank: stated
    assert list(vm.hedged(t)["start"]) == [10, 20]
    kept, shown, _ = vm.filter_events(t, [])
    assert list(kept["start"]) == [0, 30] and shown == ["release", "delay"]
    kept, shown, unknown = vm.filter_events(t, "cancel")
    assert kept.empty and unknown == ["cancel"]
    assert set(vm.timeline(kept)["event"]) <= {"release", "delay"}


def test_orders_put_focus_first_and_models_by_first_date():
    t = table(ev(start=0, model="Omega", org="Globex", event_date="2023-01-01"),
              ev(start=5, model="Omega", org="Globex"),
              ev(start=10, model="Zeta 2", event_date="2024-06-01"),
              ev(start=20, model="Zeta 1", event_date="2024-01-01"),
              ev(start=30, model="Alpha", event="plan"),
              ev(start=40, model="Rho", org="Initech"))
    assert vm.org_order(t) == ["Hooli (in focus)", "Globex", "Initech"]
    assert vm.model_order(t) == ["Zeta 1", "Zeta 2", "Alpha", "Omega", "Rho"]


def test_timeline_merges_statements_and_keeps_only_dated():
    t = table(ev(doc_id="a", start=0, event_date="2024-06-01", architecture="moe"),
              ev(doc_id="b", start=0, event_date="2024-06-01", access="open"),
              ev(doc_id="b", start=50, event="delay"))
    line = vm.timeline(t)
    assert len(line) == 1
    r = line.iloc[0]
    assert r["n_statements"] == 2 and r["n_documents"] == 2 and r["doc_ids"] == "a, b"
    assert (r["architecture"], r["access"]) == ("moe", "open")
    assert r["doc_id"] == "a" and r["start"] == 0  # first statement in document order is the evidence
    u = vm.undated(t)
    assert list(u["event"]) == ["delay"] and "date" not in u.columns


def test_event_matrix_covers_dated_and_undated_with_dates_listed():
    t = table(ev(start=0, event="cancel"), ev(start=10, event="release", event_date="2024-06-01"),
              ev(start=20, event="release", event_date="2023-02-01", precision="month"),
              ev(start=30, event="announce"))
    m = vm.event_matrix(t)
    assert list(m["event"]) == ["announce", "release", "cancel"]  # lifecycle order
    rel = m[m["event"] == "release"].iloc[0]
    assert rel["n_statements"] == 2 and rel["dates"] == "2023-02, 2024-06-01"
    assert m[m["event"] == "cancel"].iloc[0]["dates"] == vm.UNDATED


def test_model_summary_and_labels():
    t = table(ev(start=0, event="delay", architecture="dense", access="open"),
              ev(start=10, event="announce", event_date="2024-01-01"),
              ev(start=20, model="Omega", org="Globex", event="release"))
    s = vm.model_summary(t).set_index("model")
    assert s.loc["Zeta 2", "events"] == "announce, delay" and s.loc["Zeta 2", "architecture"] == "dense"
    assert s.loc["Zeta 2", "first_dated"] == "2024-01-01" and s.loc["Omega", "first_dated"] == ""
    assert s.loc["Omega", "side"] == vm.RIVALS
    assert vm.event_labels(vm.prepare(pd.DataFrame([ev(architecture="moe")]), DOCS)) == ["release · moe"]
    assert vm.event_labels(vm.prepare(pd.DataFrame([ev()]), DOCS)) == ["release"]


def test_evidence_and_empty_inputs():
    t = table(ev(start=0), ev(doc_id="b", start=3))
    e = vm.evidence_table(t)
    assert list(e["quote"]) == list(t["quote"]) and {"doc_id", "start", "end"} <= set(e.columns)
    empty = t.iloc[0:0]
    assert vm.timeline(empty).empty and vm.undated(empty).empty and vm.event_matrix(empty).empty
    assert vm.model_summary(empty).empty and vm.evidence_table(empty).empty and vm.org_order(empty) == []


def test_undated_list_shows_the_undated_events_with_evidence():
    t = table(ev(start=0, event_date="2024-03-01", precision="month"), ev(start=10, model="Omega", org="Globex"))
    u = vm.undated_list(t)
    assert list(u["model"]) == ["Omega"] and list(u.columns)[-4:] == ["doc_id", "start", "end", "quote"]
    assert vm.undated_list(t.iloc[0:1]).empty
