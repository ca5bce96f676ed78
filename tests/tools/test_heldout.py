"""Extraction on articles the extractors were not tuned on (tests/heldout): a regression guard.

The figures themselves are reported in the README; the floors here sit a little below them so a
change that makes extraction on unseen text worse fails.
"""
import pytest

from analysis import config
from analysis.pipeline.build import build
from analysis.tools.evaluate import evaluate

TESTS = config.REPO_ROOT / "tests"
FLOORS = {
    "heldout": {"amounts": 0.9, "compute": 0.9, "model_events": 0.8, "talent_moves": 0.7},
    "heldout2": {"amounts": 0.9, "compute": 0.9, "model_events": 0.8, "talent_moves": 0.9},
}


@pytest.fixture(scope="module")
def scores(tmp_path_factory):
    out = {}
    for name in FLOORS:
        r = build(TESTS / name / "articles", tmp_path_factory.mktemp(name))
        texts = {d.doc_id: d.text for d in r.corpus.docs}
        out[name] = evaluate(r.tables, TESTS / name / "gold", texts=texts).set_index("table")
    return out


@pytest.mark.parametrize("name,table", [(n, t) for n in FLOORS for t in sorted(FLOORS[n])])
def test_heldout_precision_and_recall(scores, name, table):
    row = scores[name].loc[table]
    floor = FLOORS[name][table]
    assert row.precision >= floor and row.recall >= floor, row.to_dict()
