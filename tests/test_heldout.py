"""Extraction on articles the extractors were not tuned on (tests/heldout): a regression guard.

The figures themselves are reported in the README; the floors here sit a little below them so a
change that makes extraction on unseen text worse fails.
"""
import pytest

from analysis import config
from analysis.build import build
from analysis.evaluate import evaluate

HELDOUT = config.REPO_ROOT / "tests" / "heldout"
FLOORS = {"amounts": 0.9, "compute": 0.9, "model_events": 0.8, "talent_moves": 0.7}


@pytest.fixture(scope="module")
def scores(tmp_path_factory):
    out = tmp_path_factory.mktemp("heldout")
    r = build(HELDOUT / "articles", out)
    texts = {d.doc_id: d.text for d in r.corpus.docs}
    return evaluate(r.tables, HELDOUT / "gold", texts=texts).set_index("table")


@pytest.mark.parametrize("table", sorted(FLOORS))
def test_heldout_precision_and_recall(scores, table):
    row = scores.loc[table]
    assert row.precision >= FLOORS[table] and row.recall >= FLOORS[table], row.to_dict()
