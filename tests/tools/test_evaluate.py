"""Scoring against gold.jsonl: the matching per kind, what recall and precision count, the command."""
import json

import pandas as pd
import pytest

from analysis.tools import evaluate as ev


def money(value, high=None, quote="$5 billion", **kw):
    return {"file": "a.txt", "kind": "money", "quote": quote, "value_usd": value, "value_usd_high": high, **kw}


def test_money_agrees_within_one_percent_and_on_the_high_end_of_a_range():
    g = money(5e9)
    assert ev.money_matches(g, {"value_usd": 5.04e9})
    assert not ev.money_matches(g, {"value_usd": 5.2e9})
    r = money(4e9, high=5e9)
    assert ev.money_matches(r, {"value_usd": 4e9, "value_usd_high": 5e9})
    assert not ev.money_matches(r, {"value_usd": 4e9, "value_usd_high": None})


def test_converted_money_agrees_on_the_native_value_or_within_ten_percent():
    g = money(1.4e9, currency="EUR", value_native=1.2e9)
    assert ev.money_matches(g, {"currency": "eur", "value_native": 1.2e9, "value_usd": 2e9})
    assert ev.money_matches(g, {"currency": "GBP", "value_native": 1.0e9, "value_usd": 1.5e9})
    assert not ev.money_matches(g, {"currency": "GBP", "value_native": 1.0e9, "value_usd": 1.6e9})


def test_compute_units_gigawatts_as_megawatts_and_chips_as_gpus():
    g = {"quantity": 1.5, "unit": "GW"}
    assert ev.compute_matches(g, {"quantity": 1500, "unit": "MW"})
    assert not ev.compute_matches(g, {"quantity": 1500, "unit": "GPU"})
    assert ev.compute_matches({"quantity": 8000, "unit": "GPU"}, {"quantity": 8000, "unit": "GPUs"})
    assert not ev.compute_matches(g, {"quantity": None, "unit": "MW"})


def test_a_person_needs_two_shared_name_tokens_or_a_listed_alias():
    g = {"person": "Priya Raman", "aliases": ["Raman"], "from_org": None, "to_org": "Northwind AI"}
    assert ev.talent_matches(g, {"person": "Priya Raman", "to_org": "Northwind"})
    assert ev.talent_matches(g, {"person": "Raman", "to_org": "Northwind AI"})  # one token: an alias
    assert not ev.talent_matches(g, {"person": "Priya Das", "to_org": "Northwind AI"})
    assert not ev.talent_matches(g, {"person": "Priya Raman", "to_org": "Anthropic"})  # the wrong side
    assert not ev.talent_matches(g, {"person": None, "to_org": "Northwind AI"})


def test_an_unnamed_group_matches_on_its_count():
    g = {"person": None, "count": 5, "from_org": "Orbital"}
    assert ev.talent_matches(g, {"person": None, "count": 5.0, "from_org": "Orbital Labs"})
    assert not ev.talent_matches(g, {"person": None, "count": 4, "from_org": "Orbital"})


def test_a_model_matches_by_containment_and_the_same_event():
    g = {"model": "Atlas 2", "event": "delay"}
    assert ev.model_matches(g, {"model": "Atlas 2 Pro", "event": "delay"})
    assert not ev.model_matches(g, {"model": "Atlas 2", "event": "release"})
    assert not ev.model_matches(g, {"model": "", "event": "delay"})


def test_recall_counts_distinct_facts_and_precision_skips_rows_nobody_judges():
    gold = [money(5e9), money(5e9, quote="five billion dollars"), money(7e9, quote="$7 billion"),
            money(1e9, quote="billions", approximate=True)]  # vague: never a fact to find
    rows = [{"file": "a.txt", "value_usd": 5e9, "quote": "$5 billion", "approximate": False},
            {"file": "a.txt", "value_usd": 1e9, "quote": "billions of dollars", "approximate": True},
            {"file": "a.txt", "value_usd": 2e9, "quote": "$2 billion", "approximate": False},
            {"file": "other.txt", "value_usd": 3e9, "quote": "$3 billion", "approximate": False}]
    s = ev.score_kind("p", "money", gold, rows)
    assert (s.facts, s.found) == (2, 1)              # $5bn twice is one fact; $7bn missed
    assert [g["quote"] for g in s.misses] == ["$7 billion"]
    assert (s.rows, s.correct) == (2, 1)             # vague row unjudged; other.txt not covered
    assert [r["quote"] for r in s.wrong] == ["$2 billion"]


def test_attempts_and_groups_of_unstated_size_are_not_judged():
    rows = [{"file": "a.txt", "person": "Ana Souza", "direction": "attempt"},
            {"file": "a.txt", "person": None, "count": None, "direction": "leave"},
            {"file": "a.txt", "person": "Ana Souza", "direction": "join"}]
    gold = [{"file": "a.txt", "kind": "talent_move", "quote": "q", "person": "Ana Souza"}]
    s = ev.score_kind("p", "talent_move", gold, rows)
    assert (s.rows, s.correct, s.found) == (1, 1, 1)


def test_a_gold_file_with_a_bad_line_names_the_file_and_line(tmp_path):
    p = tmp_path / "gold.jsonl"
    p.write_text(json.dumps(money(5e9)) + "\n\n" + json.dumps({"file": "a.txt", "kind": "compute"}) + "\n")
    with pytest.raises(ev.GoldError, match=r"gold.jsonl:3: a compute fact needs quantity, unit"):
        ev.load_gold(p)
    p.write_text(json.dumps({"file": "a.txt", "kind": "money", "quote": "$5"}) + "\n")
    with pytest.raises(ev.GoldError, match=r"gold.jsonl:1: a money fact needs value_usd or value_native"):
        ev.load_gold(p)
    p.write_text("{not json\n")
    with pytest.raises(ev.GoldError, match=r"gold.jsonl:1: not JSON"):
        ev.load_gold(p)


def test_rows_carry_their_document_file_name():
    docs = pd.DataFrame({"doc_id": ["d1"], "path": ["sub/story.html"]})
    rows = ev.rows_by_file({"amounts": pd.DataFrame([{"doc_id": "d1", "value_usd": 1.0}])}, docs)
    assert rows["money"] == [{"doc_id": "d1", "value_usd": 1.0, "file": "story.html"}]
    assert rows["compute"] == []


def test_overall_sums_the_parts():
    a, b = ev.KindScore("A", "money", 4, 3, 5, 4), ev.KindScore("B", "money", 6, 6, 5, 5)
    (t,) = ev.overall([a, b])
    assert (t.part, t.facts, t.found, t.rows, t.correct) == ("overall", 10, 9, 10, 9)
    assert t.recall == 0.9 and t.precision == 0.9


def test_the_seeds_score_perfectly_against_their_gold():
    scores = ev.score_part(ev.Part("seeds", ev.SEED_GOLD, ev.SEEDS_DIR))
    assert [s.kind for s in scores] == list(ev.KINDS)
    for s in scores:
        assert s.facts > 0 and s.rows > 0
        assert (s.recall, s.precision) == (1.0, 1.0), (s.kind, s.misses, s.wrong)


def test_command_scores_a_part_folder_and_lists_misses_and_wrong_rows(tmp_path, capsys):
    part = tmp_path / "corpus"
    (part / "docs").mkdir(parents=True)
    (part / "docs" / "story.txt").write_text(
        "Hooli spends big\n\nHooli said it will spend $5 billion on data centres this year, "
        "after $2 billion last year.\n", encoding="utf-8")
    gold = [money(5e9, file="story.txt"), money(9e9, quote="$9 billion", file="story.txt")]
    (part / "gold.jsonl").write_text("".join(json.dumps(g) + "\n" for g in gold), encoding="utf-8")
    assert ev.main([str(part), "--kinds", "money", "--list"]) == 0
    out = capsys.readouterr().out
    assert "corpus" in out and "0.5" in out
    assert 'missed (1)\n  story.txt: "$9 billion"' in out
    assert 'wrong (1)\n  story.txt: "$2 billion"' in out


def test_command_refuses_an_unknown_kind_or_a_missing_folder(tmp_path):
    with pytest.raises(SystemExit, match="unknown kind salaries"):
        ev.main(["--kinds", "money,salaries"])
    with pytest.raises(SystemExit, match="does not exist"):
        ev.main([str(tmp_path / "nowhere")])
