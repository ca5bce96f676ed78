"""Accuracy on real articles about other companies: `../shared/corpora/dev/{A,B,C}`.

`python -m analysis evaluate` scores them in memory; the judges' own scorer
(`../shared/corpora/score.py`, which builds each folder with this project's command line) must give
the same figures, so the floors below are the judges' figures. The floors are what the project
reaches today (README, "Accuracy"): a change that loses a fact it used to find, or adds a wrong
row, fails here. Raise them when extraction improves."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

from analysis import config
from analysis.tools import evaluate as ev

CORPORA = config.REPO_ROOT.parent / "shared" / "corpora"
pytestmark = pytest.mark.skipif(not (CORPORA / "score.py").exists(), reason=f"{CORPORA} is not beside the project")

# part -> kind -> (found, precise, wrong): minimum gold facts found and minimum correct extracted
# rows, with the most extracted rows allowed to be wrong (so precision cannot drop)
FLOORS = {
    "A": {"money": (19, 22, 0), "compute": (5, 6, 0), "talent_move": (36, 38, 0), "model_event": (11, 12, 1)},
    "B": {"money": (23, 29, 0), "compute": (5, 5, 0), "talent_move": (59, 62, 0), "model_event": (14, 22, 1)},
    "C": {"money": (29, 37, 2), "compute": (2, 3, 0), "talent_move": (24, 33, 1), "model_event": (18, 22, 0)},
}
LINE = re.compile(r"^(\w+): recall (\d+)/(\d+) = [\d.]+, precision (\d+)/(\d+) = [\d.]+$", re.M)


def part(name: str) -> ev.Part:
    return ev.Part(name, CORPORA / "dev" / name / "gold.jsonl", CORPORA / "dev" / name / "docs")


@pytest.fixture(scope="module")
def scores():
    return {name: {s.kind: s for s in ev.score_part(part(name))} for name in FLOORS}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_dev_corpus_scores_hold(scores, name):
    for kind, (min_found, min_good, max_bad) in FLOORS[name].items():
        s = scores[name][kind]
        assert s.found >= min_found, f"{name} {kind}: found {s.found} gold facts, was {min_found}"
        assert s.correct >= min_good, f"{name} {kind}: {s.correct} correct rows, was {min_good}"
        assert len(s.wrong) <= max_bad, f"{name} {kind}: {len(s.wrong)} wrong rows, was {max_bad}"


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_evaluate_agrees_with_the_judges_scorer(scores, name):
    p = part(name)
    r = subprocess.run([sys.executable, str(CORPORA / "score.py"), str(p.gold), str(p.docs), ",".join(ev.KINDS)],
                       cwd=config.REPO_ROOT, capture_output=True, text=True, timeout=600)
    judged = {m[1]: tuple(int(x) for x in m.groups()[1:]) for m in LINE.finditer(r.stdout)}
    assert set(judged) == set(ev.KINDS), r.stdout + r.stderr
    ours = {k: (s.found, s.facts, s.correct, s.rows) for k, s in scores[name].items()}
    assert ours == judged
