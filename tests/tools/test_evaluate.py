"""Gold-vs-extracted evaluation: matching, tolerance, counts, CLI."""
import pandas as pd
import pytest

from analysis.tools import evaluate as ev
from analysis.config import SEEDS_DIR


def write_gold(tmp_path, name, rows):
    pd.DataFrame(rows).to_csv(tmp_path / f"{name}.csv", index=False)


def test_perfect_partial_and_wrong_values(tmp_path):
    write_gold(tmp_path, "amounts", [
        {"doc_id": "a", "quote": "$5 billion", "value_usd": 5e9},
        {"doc_id": "a", "quote": "$7 billion", "value_usd": 7e9},
        {"doc_id": "b", "quote": "billions of dollars", "value_usd": 1e9},
    ])
    ext = pd.DataFrame([
        {"doc_id": "a", "start": 0, "end": 10, "quote": "$5 billion", "value_usd": 5.01e9},  # within tolerance
        {"doc_id": "a", "start": 20, "end": 30, "quote": "$7 billion", "value_usd": 7e6},    # wrong value
        {"doc_id": "b", "start": 0, "end": 4, "quote": "$300", "value_usd": 300.0},          # not in gold
    ])
    res = ev.evaluate({"amounts": ext}, tmp_path).set_index("table").loc["amounts"]
    assert (res.tp, res.fp, res.fn) == (1, 2, 2)
    assert res.precision == pytest.approx(1 / 3, abs=1e-3)
    assert res.recall == pytest.approx(1 / 3, abs=1e-3)


def test_containment_and_duplicates_pair_one_to_one(tmp_path):
    write_gold(tmp_path, "compute", [
        {"doc_id": "d", "quote": "1GW", "quantity": 1000, "unit": "MW"},
        {"doc_id": "d", "quote": "1GW", "quantity": 1000, "unit": "mw"},
        {"doc_id": "d", "quote": "over a million GPUs", "quantity": 1e6, "unit": "GPU"},
    ])
    ext = pd.DataFrame([
        {"doc_id": "d", "start": 0, "end": 3, "quote": "1GW", "quantity": 1000.0, "unit": "MW"},
        {"doc_id": "d", "start": 50, "end": 53, "quote": "1GW", "quantity": 1000.0, "unit": "MW"},
        {"doc_id": "d", "start": 70, "end": 84, "quote": "a million GPUs", "quantity": 1e6, "unit": "GPU"},
    ])
    res = ev.evaluate({"compute": ext}, tmp_path).iloc[0]
    assert (res.tp, res.fp, res.fn) == (3, 0, 0)
    ext2 = ext.iloc[:1]
    res2 = ev.evaluate({"compute": ext2}, tmp_path).iloc[0]
    assert (res2.tp, res2.fp, res2.fn) == (1, 0, 2)


def test_gold_offsets_use_span_overlap(tmp_path):
    write_gold(tmp_path, "amounts", [{"doc_id": "x", "quote": "$1", "start": 10, "end": 12, "value_usd": 1}])
    far = pd.DataFrame([{"doc_id": "x", "start": 40, "end": 42, "quote": "$1", "value_usd": 1.0}])
    near = pd.DataFrame([{"doc_id": "x", "start": 9, "end": 12, "quote": " $1", "value_usd": 1.0}])
    assert ev.evaluate({"amounts": far}, tmp_path).iloc[0].tp == 0
    assert ev.evaluate({"amounts": near}, tmp_path).iloc[0].tp == 1


def test_string_keys_case_insensitive_and_tables_without_gold_skipped(tmp_path):
    write_gold(tmp_path, "talent_moves", [{"doc_id": "t", "quote": "joined Meta", "person": "Jane Roe",
                                           "direction": "join"}])
    ext = pd.DataFrame([{"doc_id": "t", "start": 0, "end": 11, "quote": "joined Meta", "person": "jane roe",
                         "direction": "JOIN"}])
    res = ev.evaluate({"talent_moves": ext, "model_events": pd.DataFrame()}, tmp_path)
    assert list(res.table) == ["talent_moves"]
    assert res.iloc[0].f1 == 1.0


def test_empty_extraction_has_zero_recall(tmp_path):
    write_gold(tmp_path, "amounts", [{"doc_id": "a", "quote": "$5", "value_usd": 5}])
    res = ev.evaluate({"amounts": pd.DataFrame()}, tmp_path).iloc[0]
    assert (res.tp, res.fp, res.fn, res.recall) == (0, 0, 1, 0.0)


@pytest.mark.parametrize("a,b,same", [
    (1e9, 1.01e9, True), (1e9, 1.1e9, False), ("GPU", "gpu", True), (None, float("nan"), True),
    (None, 5, False), ("Meta", "Meta Platforms", False),
])
def test_same_value(a, b, same):
    assert ev.same_value(a, b) is same


@pytest.fixture(scope="module")
def seed_scores():
    docs = list(ev.seed_docs(SEEDS_DIR))
    tables = ev.extract_tables(docs)
    assert sorted(tables) == sorted(ev.KEY_FIELDS)
    return ev.evaluate(tables, ev.GOLD_DIR, texts={d.doc_id: d.text for d in docs}).set_index("table")


@pytest.mark.parametrize("table,floor", [("amounts", 0.95), ("compute", 0.95), ("talent_moves", 0.9),
                                         ("model_events", 0.9)])
def test_seed_gold_precision_and_recall(seed_scores, table, floor):
    row = seed_scores.loc[table]
    assert row.gold > 0
    assert row.precision >= floor and row.recall >= floor, row.to_dict()


def test_cli_reads_processed_csvs(tmp_path, capsys):
    gold, proc = tmp_path / "gold", tmp_path / "proc"
    gold.mkdir(), proc.mkdir()
    write_gold(gold, "amounts", [{"doc_id": "a", "quote": "$5 billion", "value_usd": 5e9},
                                 {"doc_id": "a", "quote": "$9 billion", "value_usd": 9e9}])
    pd.DataFrame([{"doc_id": "a", "start": 0, "end": 10, "quote": "$5 billion", "value_usd": 5e9}]
                 ).to_csv(proc / "amounts.csv", index=False)
    assert ev.main(["--processed", str(proc), "--gold", str(gold), "--verbose"]) == 0
    out = capsys.readouterr().out
    assert "amounts" in out and "0.5" in out
    assert "$9 billion" in out and "misses" in out


def test_texts_align_gold_quotes_by_span(tmp_path):
    text = "It spent tens of billions of dollars, then billions of dollars. It was led by Wang, now chief."
    write_gold(tmp_path, "amounts", [
        {"doc_id": "t", "quote": "tens of billions of dollars", "value_usd": 1e10},
        {"doc_id": "t", "quote": "billions of dollars", "value_usd": 1e9},
    ])
    write_gold(tmp_path, "talent_moves", [
        {"doc_id": "t", "quote": "led by Wang, now chief", "person": "Wang", "direction": "join"}])
    i = text.index("then billions") + 5
    amounts = pd.DataFrame([
        {"doc_id": "t", "start": 9, "end": 36, "quote": text[9:36], "value_usd": 1e10},
        {"doc_id": "t", "start": i, "end": i + 19, "quote": text[i:i + 19], "value_usd": 1e9},
    ])
    j = text.index("was led")
    moves = pd.DataFrame([{"doc_id": "t", "start": j, "end": j + 18, "quote": text[j:j + 18],
                           "person": "Wang", "direction": "join"}])
    res = ev.evaluate({"amounts": amounts, "talent_moves": moves}, tmp_path, texts={"t": text})
    assert list(res.tp) == [2, 1] and list(res.fp) == [0, 0]
    # without texts the partially overlapping talent quote cannot be aligned
    res2 = ev.evaluate({"talent_moves": moves}, tmp_path)
    assert (res2.iloc[0].tp, res2.iloc[0].fn) == (0, 1)
