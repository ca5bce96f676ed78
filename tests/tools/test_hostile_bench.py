"""`bench --hostile` (analysis/tools/hostile.py) end to end at a tiny scale: every generator is
reported with CPU-time and wall-clock figures, and the printed MB/s and doubling ratios are the ones
computed from the measured times (the figures themselves are not asserted)."""
import re

import pytest

from analysis.tools import hostile
from analysis.tools.bench import main


def test_bench_hostile_prints_cpu_and_wall_figures_for_every_generator(capsys):
    assert main(["--hostile", "--scale", "0.01"]) == 0
    out = capsys.readouterr().out
    assert "CPU = user+sys seconds of this process (resource.getrusage)" in out
    for name in hostile.GENERATORS:
        m = re.search("^" + re.escape(name) + r"\s+\d+" + r"\s+[\d.]+" * 5 + r"x" + r"\s+[\d.]+" * 4 + r"$", out, re.M)
        assert m, f"no line with 10 figures for {name!r} in:\n{out}"
    assert re.search(r"^goal: at least 0.3 MB/s \(CPU\) on every generator: (met|NOT met: .+)$", out, re.M)
    assert re.search(r"^goal: doubling the input at most ~2.2x the CPU time: (met|NOT met: .+)$", out, re.M)


def test_report_rates_and_ratios_come_from_the_measured_cpu_and_wall_times(capsys):
    rows = hostile.report(0.01)
    out = capsys.readouterr().out
    assert [r["generator"] for r in rows] == list(hostile.GENERATORS)
    for r in rows:
        assert r["cpu_n"] > 0 and r["cpu_2n"] > 0 and r["wall_n"] > 0 and r["wall_2n"] > 0
        assert r["mb_2n"] > r["mb_n"] > 0
        assert r["mbs"] == pytest.approx(r["mb_2n"] / r["cpu_2n"])
        assert r["mbs_wall"] == pytest.approx(r["mb_2n"] / r["wall_2n"])
        assert r["ratio"] == pytest.approx(r["cpu_2n"] / r["cpu_n"])
        assert r["ratio_wall"] == pytest.approx(r["wall_2n"] / r["wall_n"])
        assert r["vs_ref"] == pytest.approx(r["mbs"] / rows[0]["mbs"])
        line = next(x for x in out.splitlines() if x.startswith(r["generator"] + " "))
        assert f"{r['mbs']:.2f}" in line and f"{r['mbs_wall']:.2f}" in line and f"{r['ratio']:.2f}" in line
    slow = [r["generator"] for r in rows[1:] if r["mbs"] < 0.3]
    assert ("NOT met: " + ", ".join(slow)) in out if slow else "on every generator: met" in out


def test_time_document_counts_the_cpu_time_of_the_work():
    """A document 20 times longer costs more CPU time; both figures are positive."""
    small = hostile.time_document(hostile.long_line(200), ".txt")
    big = hostile.time_document(hostile.long_line(4000), ".txt")
    assert all(x > 0 for x in small + big)
    assert big[0] > small[0]
