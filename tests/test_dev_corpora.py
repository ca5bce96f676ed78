"""Accuracy on real articles about other companies: `../shared/corpora/dev/{A,B,C}` scored with the
judges' own scorer (`../shared/corpora/score.py`, which builds the folder with this project).

The floors are the figures the project reaches today (README, "Accuracy"): a change that loses a
fact it used to find, or adds a wrong row, fails here. Raise them when extraction improves."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from analysis import config

CORPORA = config.REPO_ROOT.parent / "shared" / "corpora"
KINDS = ("money", "compute", "talent_move", "model_event")

# part -> kind -> (found, precise): minimum gold facts found and minimum correct extracted rows,
# with the most extracted rows allowed to be wrong (so precision cannot drop)
FLOORS = {
    "A": {"money": (19, 22, 0), "compute": (4, 5, 0), "talent_move": (8, 8, 4), "model_event": (11, 12, 1)},
    "B": {"money": (23, 29, 0), "compute": (5, 5, 0), "talent_move": (20, 20, 7), "model_event": (14, 21, 2)},
    "C": {"money": (29, 37, 2), "compute": (2, 3, 0), "talent_move": (9, 9, 6), "model_event": (7, 9, 3)},
}
LINE = re.compile(r"^(\w+): recall (\d+)/(\d+) = [\d.]+, precision (\d+)/(\d+) = [\d.]+$", re.M)


@pytest.mark.skipif(not (CORPORA / "score.py").exists(), reason=f"{CORPORA} is not beside the project")
@pytest.mark.parametrize("part", sorted(FLOORS))
def test_dev_corpus_scores_hold(part):
    folder = CORPORA / "dev" / part
    r = subprocess.run([sys.executable, str(CORPORA / "score.py"), str(folder / "gold.jsonl"),
                        str(folder / "docs"), ",".join(KINDS)],
                       cwd=config.REPO_ROOT, capture_output=True, text=True, timeout=600)
    scores = {m[1]: tuple(int(x) for x in m.groups()[1:]) for m in LINE.finditer(r.stdout)}
    assert set(scores) == set(KINDS), r.stdout + r.stderr
    for kind, (min_found, min_good, max_bad) in FLOORS[part].items():
        found, _gold, good, judged = scores[kind]
        assert found >= min_found, f"{part} {kind}: found {found} gold facts, was {min_found}"
        assert good >= min_good, f"{part} {kind}: {good} correct rows, was {min_good}"
        assert judged - good <= max_bad, f"{part} {kind}: {judged - good} wrong rows, was {max_bad}"
