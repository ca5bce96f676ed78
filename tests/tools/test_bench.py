"""The benchmark command end to end on tiny corpora (the figures themselves are not asserted)."""
import re

from analysis.tools.bench import generate_corpus, main, run_build


def test_bench_command_reports_build_baseline_and_phases(capsys):
    assert main(["--n", "60", "--sample", "3"]) == 0
    out = capsys.readouterr().out
    assert "python 3." in out and "synthetic corpus: 60 articles" in out
    assert "whole build: " in out and "build phases (s): list files" in out
    assert "quantulum3 parser.parse" in out and "whole build (all extractors" in out
    assert "per-extractor time on the sample" in out and "  attributions " in out
    assert "goal: whole build of 60 docs under 60 s" in out and "runs (s)" not in out


def test_bench_repeat_reports_every_run_and_the_median(capsys):
    """`--repeat N` builds N times and reports each time, the median (used for the table, the
    ratios and the goal) and the best."""
    assert main(["--n", "40", "--sample", "2", "--repeat", "3"]) == 0
    out = capsys.readouterr().out
    m = re.search(r"whole build, 3 runs \(s\): ([\d.]+), ([\d.]+), ([\d.]+); median ([\d.]+), best ([\d.]+)", out)
    assert m, out
    runs = sorted(float(x) for x in m.groups()[:3])
    assert float(m.group(4)) == runs[1] and float(m.group(5)) == runs[0]
    assert "whole build (jobs=2), median of 3" in out and "whole build, last run: " in out and "first run)" in out
    assert re.search(r"goal: whole build of 40 docs under 60 s: met \([\d.]+s, the median of 3 runs; 3 of 3 under 60 s\)", out)


def test_a_corpus_the_build_refuses_is_reported_not_raised(tmp_path):
    (tmp_path / "empty").mkdir()
    info, why = run_build(tmp_path / "empty", tmp_path / "out", jobs=1)
    assert info is None and why.startswith("build failed after ") and "CorpusError: seeds folder" in why
    generate_corpus(tmp_path / "corpus", 3, seed=1)
    info, why = run_build(tmp_path / "corpus", tmp_path / "out", jobs=1)
    assert why is None and info["result"].corpus.documents["status"].eq("ok").all() and info["seconds"] > 0


def test_bench_add_one_mode_reports_the_rebuild(capsys):
    """`--add-one`: cold build, one article added, rebuild from the cache (every old file reused)."""
    assert main(["--n", "12", "--add-one", "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    assert "add-one: cold build of 12 articles" in out and "peak memory" in out
    assert re.search(r"add-one: rebuild after adding 1 article [\d.]+s \(1 extracted, 12 from the cache\); CPU \(this process \+ workers\) [\d.]+s, peak memory \d+ MiB", out), out
    assert "add-one: rebuild phases (s), longest first: " in out and "cross-document" in out
    assert "quantulum3" not in out  # the scale modes replace the throughput comparison


def test_engines_mode_reports_wall_and_each_workers_cpu_on_an_existing_corpus(tmp_path, capsys):
    """`--engines --corpus DIR`: dask with 1 and 2 workers on the folder as it is (not regenerated,
    not changed); each run reports its wall time and the CPU of the driver and of every Dask worker
    (logged by the engine when it closes), then the wall and CPU-based ratios."""
    generate_corpus(tmp_path / "corpus", 20, seed=3)
    before = sorted((p.name, p.stat().st_mtime_ns) for p in (tmp_path / "corpus").iterdir())
    assert main(["--engines", "--corpus", str(tmp_path / "corpus")]) == 0
    out = capsys.readouterr().out
    assert "corpus: 20 files" in out and "synthetic corpus" not in out and "quantulum3" not in out
    one = re.search(r"engines: 1 worker: wall [\d.]+s; CPU \(s\): driver ([\d.]+), worker ([\d.]+) \(total ([\d.]+)\); driver peak memory so far \d+ MiB; load average", out)
    two = re.search(r"engines: 2 workers: wall [\d.]+s; CPU \(s\): driver ([\d.]+), workers ([\d.]+), ([\d.]+) \(total ([\d.]+)\)", out)
    assert one and two, out
    # extracting 20 articles costs the workers far more than the few milliseconds of an idle worker
    assert float(one.group(2)) >= 0.1 and float(two.group(2)) + float(two.group(3)) >= 0.1
    assert float(one.group(1)) > 0 and float(two.group(1)) > 0
    assert re.search(r"engines: 2 workers: phases \(s\), longest first: .*extract \(new or changed files\) [\d.]+", out), out
    assert re.search(r"engines: 1 worker: driver CPU per phase \(s\), longest first: .*cross-document \(theme shares, claims\) [\d.]+", out), out
    assert re.search(r"engines: dask, 20 articles, no cache: 1 worker [\d.]+s, 2 workers [\d.]+s; speed-up [\d.]+x", out), out
    ratio = re.search(r"engines: CPU-based speed-up of the 2-worker run \(total worker CPU / busiest worker's\) ([\d.]+)x; driver CPU [\d.]+s = \d+% of", out)
    assert ratio and 1.0 <= float(ratio.group(1)) <= 2.0, out
    assert re.search(r"engines: speed-up with a core for each process .*: [\d.]+s / [\d.]+s = [\d.]+x", out), out
    assert sorted((p.name, p.stat().st_mtime_ns) for p in (tmp_path / "corpus").iterdir()) == before


def test_cpu_ratio_is_total_over_busiest():
    from analysis.tools.bench_scale import cpu_ratio

    assert cpu_ratio({"a": 3.0, "b": 1.0}) == 4.0 / 3.0 and cpu_ratio({"a": 2.0, "b": 2.0}) == 2.0
    assert cpu_ratio({"a": 5.0}) == 1.0


def test_dedicated_seconds_is_the_busiest_worker_plus_the_serial_phases():
    from analysis.tools.bench_scale import EXTRACT_PHASE, dedicated_seconds

    run = {"worker_cpu": {"a": 40.0, "b": 50.0}, "timings": {"list files": 1.0, EXTRACT_PHASE: 70.0, "write (the rest)": 4.0}}
    assert dedicated_seconds(run) == 55.0
