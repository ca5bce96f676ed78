"""Extraction on the small held-out sets (tests/heldout, heldout2 … heldout8): a regression guard.

The figures themselves are reported in the README; the floors here are the figures reached, so a
change that finds less or adds a wrong row fails. Raise them when extraction improves."""
import pytest

from analysis import config
from analysis.tools import evaluate as ev

TESTS = config.REPO_ROOT / "tests"
# part -> kind -> (gold facts found, correct rows, most wrong rows allowed)
FLOORS = {
    "heldout": {"money": (11, 12, 0), "compute": (5, 5, 0), "talent_move": (8, 8, 0), "model_event": (6, 6, 0)},
    "heldout2": {"money": (6, 7, 0), "compute": (3, 3, 0), "talent_move": (4, 4, 0), "model_event": (4, 5, 1)},
    "heldout3": {"money": (25, 29, 1), "compute": (14, 15, 0), "talent_move": (31, 32, 0), "model_event": (21, 21, 0)},
    "heldout4": {"money": (42, 47, 0), "compute": (15, 15, 1), "talent_move": (42, 45, 1), "model_event": (29, 31, 0)},
    "heldout5": {"money": (38, 41, 0), "compute": (15, 15, 0), "talent_move": (61, 56, 1), "model_event": (34, 34, 1)},
    "heldout6": {"money": (37, 41, 0), "compute": (16, 16, 0), "talent_move": (50, 49, 3), "model_event": (34, 36, 4)},
    "heldout7": {"money": (35, 39, 0), "compute": (16, 18, 0), "talent_move": (52, 53, 7), "model_event": (38, 38, 4)},
    "heldout8": {"money": (32, 36, 0), "compute": (14, 14, 0), "talent_move": (33, 30, 10), "model_event": (34, 37, 3)},
}


@pytest.fixture(scope="module")
def scores():
    return {(s.part, s.kind): s for name in FLOORS
            for s in ev.score_part(ev.Part(name, TESTS / name / "gold.jsonl", TESTS / name / "docs"))}


@pytest.mark.parametrize("name,kind", [(n, k) for n in FLOORS for k in ev.KINDS])
def test_heldout_scores_hold(scores, name, kind):
    s = scores[name, kind]
    found, correct, wrong = FLOORS[name][kind]
    assert s.facts > 0
    assert s.found >= found, s.misses
    assert s.correct >= correct and len(s.wrong) <= wrong, s.wrong
