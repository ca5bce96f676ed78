"""Views of notebook 03 (talent), on small synthetic tables: no corpus, no company hard-coded."""
import pandas as pd
import pytest

from analysis.report.views import talent as vt

DOCS = pd.DataFrame([
    {"doc_id": "a", "title": "Alpha story", "published": "2024-05-10", "published_precision": "day"},
    {"doc_id": "b", "title": "Beta story", "published": None, "published_precision": None},
])


def row(doc_id="a", start=0, direction="join", person=None, from_org=None, to_org=None, count=None,
        count_text=None, role=None, pay_usd=None, event_date=None, precision=None, sent_id=0):
    quote = f"q{doc_id}{start}"
    return {"doc_id": doc_id, "sent_id": sent_id, "start": start, "end": start + len(quote), "quote": quote,
            "person": person, "from_org": from_org, "to_org": to_org, "role": role,
            "count": 1 if person and count is None else count, "count_text": count_text, "direction": direction,
            "pay_usd": pay_usd, "event_date": event_date, "event_date_precision": precision, "cue": "cue",
            "attribution": "unattributed", "attribution_source": None}


def table(*rows):
    return vt.prepare(pd.DataFrame(list(rows)), DOCS)


def test_prepare_dates_fall_back_to_publication_and_weights():
    t = table(row(start=0, person="Ann Lee", to_org="Hooli", event_date="2024-02-01", precision="month"),
              row(start=10, count=5, count_text="five engineers", from_org="Hooli", direction="leave"),
              row(doc_id="b", start=0, count_text="many researchers", from_org="Hooli", direction="leave"))
    ann, five, many = t.iloc[0], t.iloc[1], t.iloc[2]
    assert ann["date_basis"] == vt.EVENT_BASIS and ann["date_label"] == "2024-02"
    assert five["date_basis"] == vt.PUBLISHED_BASIS and five["date_label"] == "2024-05-10"
    assert many["date_basis"] == "" and many["date_label"] == vt.UNDATED and pd.isna(many["date"])
    assert (five["weight"], bool(five["size_stated"])) == (5, True)
    assert (many["weight"], bool(many["size_stated"])) == (1, False)
    assert many["who"] == "many researchers" and ann["who"] == "Ann Lee"


def test_filter_company_dates_and_attempts_with_notes():
    t = table(row(start=0, person="Ann Lee", from_org="Globex", to_org="Hooli Research", event_date="2024-02-01"),
              row(start=10, person="Bo Chan", from_org="Globex", to_org="Initech", event_date="2024-06-01"),
              row(doc_id="b", start=0, person="Cy Dee", to_org="Hooli", direction="attempt"))
    kept, notes = vt.filter_moves(t, company="hooli")
    assert list(kept["person"]) == ["Ann Lee", "Cy Dee"] and any("not involving hooli" in n for n in notes)
    kept, notes = vt.filter_moves(t, date_from="2024-03-01")
    assert list(kept["person"]) == ["Bo Chan"]
    assert any("before 2024-03-01" in n for n in notes) and any("without any date" in n for n in notes)
    kept, notes = vt.filter_moves(t, include_attempts=False)
    assert "attempt" not in set(kept["direction"]) and any("attempt" in n for n in notes)
    kept, notes = vt.filter_moves(t, company="Nobody")
    assert kept.empty and notes


def test_date_filter_keeps_or_drops_all_statements_of_one_named_move():
    # the move is dated by one statement (event date); a later report of it has only its publication date
    t = table(row(doc_id="a", start=0, person="Ann Lee", to_org="Hooli"),
              row(doc_id="b", start=0, person="Ann Lee", to_org="Hooli", event_date="2024-01-01"))
    assert set(t["move_date"]) == {pd.Timestamp("2024-01-01")}
    kept, _ = vt.filter_moves(t, date_from="2024-03-01")
    assert kept.empty
    kept, _ = vt.filter_moves(t, date_to="2024-02-01")
    assert len(kept) == 2 and vt.named_moves(kept).iloc[0]["n_statements"] == 2


def test_named_moves_merge_statements_of_one_move_but_not_different_moves():
    t = table(row(doc_id="a", start=0, person="Ann Lee", to_org="Hooli", event_date="2024-02-01", role="CTO"),
              row(doc_id="b", start=5, person="Ann Lee", from_org="Globex", to_org="Hooli Research", role="head of AI"),
              row(doc_id="b", start=50, person="Ann Lee", to_org=None),
              row(doc_id="b", start=90, person="Ann Lee", to_org="Initech"))
    named = vt.named_moves(t)
    assert len(named) == 2
    hooli = named[named["to_org"] == "Hooli"].iloc[0]
    assert hooli["n_statements"] == 3 and hooli["from_org"] == "Globex"  # filled from another statement
    assert hooli["doc_ids"] == "a, b" and hooli["date_basis"] == vt.EVENT_BASIS  # event-dated row stands
    assert hooli["role"] == "CTO; head of AI"
    assert named[named["to_org"] == "Initech"].iloc[0]["n_statements"] == 1


def test_flows_unknown_ends_group_weights_and_named_counted_once():
    t = table(row(start=0, person="Ann Lee", from_org="Globex", to_org="Hooli"),
              row(doc_id="b", start=0, person="Ann Lee", from_org="Globex", to_org="Hooli"),
              row(start=20, count=4, count_text="four engineers", from_org="Globex", to_org="Hooli"),
              row(start=40, count_text="many researchers", from_org="Hooli", direction="leave"),
              row(start=60, count=3, count_text="three scientists", to_org="Hooli"),
              row(start=80, person="Cy Dee", to_org="Hooli", direction="rumour"))
    links = vt.flows(t).set_index(["source", "target"])
    g = links.loc[("Globex", "Hooli")]
    assert g["people"] == 5 and g["n_named"] == 1 and g["n_groups"] == 1 and g["people_stated"] == 5
    out = links.loc[("Hooli", vt.UNKNOWN_TO)]
    assert out["people"] == 1 and out["n_unsized"] == 1 and out["people_stated"] == 0
    assert links.loc[(vt.UNKNOWN_FROM, "Hooli")]["people"] == 3
    assert "Cy Dee" not in " ".join(links["who"])  # rumours are not moves
    nodes = vt.sankey_nodes(vt.flows(t), "Hooli")
    assert nodes[0] == "Hooli" and nodes[-2:] == [vt.UNKNOWN_FROM, vt.UNKNOWN_TO]
    labels = dict(zip(nodes, vt.node_labels(vt.flows(t), nodes)))
    assert labels["Hooli"] == "Hooli: 8 in, 1 out" and labels["Globex"] == "Globex: 5 out"


def test_departures_labels_unique_and_summary():
    t = table(row(start=0, count_text="many researchers", from_org="Hooli", direction="leave", sent_id=1),
              row(start=30, count_text="many researchers", from_org="Hooli", direction="leave", sent_id=4),
              row(start=60, count=6, count_text="six authors", from_org="Hooli", direction="leave"),
              row(start=90, person="Ann Lee", from_org="Globex", direction="leave"))
    dep = vt.departures(t)
    assert dep["label"].is_unique and list(dep["from_org"]) == ["Globex", "Hooli", "Hooli", "Hooli"]
    assert set(dep["to_org"]) == {vt.UNKNOWN_TO}
    assert list(dep["size_label"]) == ["1 (named)", "size not stated", "size not stated", "6"]
    s = vt.departure_summary(dep).set_index("from_org")
    assert s.loc["Hooli", "statements"] == 3 and s.loc["Hooli", "people_in_sized_groups"] == 6
    assert s.loc["Hooli", "unsized_groups"] == 2 and s.loc["Globex", "named"] == 1
    assert vt.departures(t[t["direction"] == "join"]).empty


def test_attempts_kept_apart_with_target_and_evidence():
    t = table(row(start=0, person="Cy Dee", from_org="Globex", to_org="Hooli", direction="attempt",
                  pay_usd=1.5e9),
              row(start=30, from_org="Initech", to_org="Hooli", direction="attempt"),
              row(start=60, person="Ann Lee", to_org="Hooli"))
    a = vt.attempts_view(t)
    assert list(a["target"]) == ["Cy Dee", "Initech"] and a.iloc[0]["pay"] == "$1.5 billion"
    assert {"doc_id", "start", "end", "quote"} <= set(a.columns)


def test_evidence_table_and_move_labels():
    t = table(row(start=0, person="Ann Lee", from_org="Globex", to_org="Hooli", role="CTO", pay_usd=2e6),
              row(start=30, count=3, count_text="three  engineers", to_org="Hooli"))
    e = vt.evidence_table(t)
    assert list(e["who"]) == ["Ann Lee", "three engineers"] and e.iloc[0]["pay"] == "$2 million"
    assert e.iloc[1]["count"] == 3 and list(e["quote"]) == list(t["quote"])
    assert vt.move_labels(vt.named_moves(t)) == ["Globex → Hooli · CTO · $2 million"]
    assert vt.evidence_table(t.iloc[0:0]).empty


def test_empty_table_gives_empty_views():
    t = vt.prepare(pd.DataFrame(columns=["doc_id", "start", "end", "quote", "direction"]), DOCS)
    assert vt.flows(t).empty and vt.named_moves(t).empty and vt.departures(t).empty
    assert vt.attempts_view(t).empty and vt.departure_summary(vt.departures(t)).empty
    assert vt.sankey_nodes(vt.flows(t)) == []
    assert vt.filter_moves(t, "X")[0].empty


def test_undated_moves_lists_named_moves_without_a_date():
    t = table(row(start=0, person="Ann Lee", to_org="Hooli", event_date="2024-02-01", precision="month"),
              row(doc_id="b", start=5, person="Bo Chan", from_org="Hooli", direction="leave"))
    undated = vt.undated_moves(vt.named_moves(t))
    assert list(undated["person"]) == ["Bo Chan"]
    assert list(undated.columns) == ["person", "direction", "from_org", "to_org", "role", "title", "doc_id", "start",
                                     "end", "quote"]
