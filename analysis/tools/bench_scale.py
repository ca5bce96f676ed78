"""Two benchmark modes of `python -m analysis bench` about scale (`analysis.tools.bench`):

``--add-one``  builds the synthetic corpus cold (the per-document cache filled), adds one new
    article, builds again and reports the rebuild's wall and CPU time (this process and its
    workers), its phases (which dominate) and how many files came from the cache; the wall and CPU
    time and the peak memory (this process and its workers) of both builds.
``--engines``  builds the same corpus with `--engine dask` on a local cluster of 1 worker, then of 2
    workers (no cache, so both extract every file) and reports the two times and their ratio.

Both print plain lines (`label: value`); the times are wall times on this machine, which other
programs may share: compare ratios taken in the same run.
"""
from __future__ import annotations

import gc
import resource
import shutil
import time
from pathlib import Path

from analysis.tools.bench import PeakMemory

ADDED = ("An article added to the corpus\n\n"
         "Hooli said on Tuesday it would spend $7 billion on data centres in 2027, its chief said.\n\n"
         "The company also hired Jane Roe from Globex as head of research.\n")


def _phases(timings: dict[str, float], cpu: dict[str, float] | None = None) -> str:
    """The build's phases, longest first (with the build process's CPU seconds when given)."""
    cpu = cpu or {}
    return ", ".join(f"{k} {v:.2f}" + (f" (CPU {cpu[k]:.2f})" if k in cpu else "")
                     for k, v in sorted(timings.items(), key=lambda kv: -kv[1]))


def cpu_seconds() -> float:
    """User + system CPU seconds of this process and of its children that have ended (a build's
    worker processes end with it)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def add_one(corpus: Path, work: Path, jobs: int) -> dict:
    """Cold build of `corpus` into `work/out`, then one article added and the build run again.
    → {cold_s, cold_cpu, cold_peak_bytes, rebuild_s, rebuild_cpu (CPU seconds of this process and
    its workers: steadier than wall time on a shared machine), rebuild_peak_bytes, rebuild_timings,
    reused, extracted}. The added article is removed from `corpus` afterwards."""
    from analysis.pipeline.build import build

    out = work / "out-add-one"
    gc.collect()
    t0, cpu0 = time.perf_counter(), cpu_seconds()
    with PeakMemory() as mem:
        build(corpus, out, jobs=jobs)
    cold_s, cold_cpu = time.perf_counter() - t0, cpu_seconds() - cpu0
    added = corpus / "zz_added_article.txt"
    added.write_text(ADDED, encoding="utf-8")
    try:
        gc.collect()
        t0, cpu0 = time.perf_counter(), cpu_seconds()
        with PeakMemory() as again:
            r = build(corpus, out, jobs=jobs)
        rebuild_s, rebuild_cpu = time.perf_counter() - t0, cpu_seconds() - cpu0
    finally:
        added.unlink()
        shutil.rmtree(out, ignore_errors=True)
    n = len(r.corpus.documents)
    return {"cold_s": cold_s, "cold_cpu": cold_cpu, "cold_peak_bytes": mem.peak, "rebuild_s": rebuild_s,
            "rebuild_cpu": rebuild_cpu, "rebuild_peak_bytes": again.peak, "rebuild_timings": dict(r.timings),
            "rebuild_cpu_timings": dict(r.cpu_timings), "reused": r.reused, "extracted": n - r.reused}


def engines(corpus: Path, work: Path, workers: tuple[int, ...] = (1, 2)) -> dict[int, float]:
    """Wall seconds of a cold `--engine dask` build of `corpus` (no cache) on a local cluster of
    each number of `workers` (cluster start-up included)."""
    from analysis.pipeline.build import build

    seconds = {}
    for n in workers:
        out = work / f"out-dask-{n}"
        gc.collect()
        t0 = time.perf_counter()
        build(corpus, out, jobs=n, cache=False, engine="dask")
        seconds[n] = time.perf_counter() - t0
        shutil.rmtree(out, ignore_errors=True)
    return seconds


def report_add_one(corpus: Path, work: Path, jobs: int, n_files: int) -> None:
    r = add_one(corpus, work, jobs)
    print(f"add-one: cold build of {n_files} articles {r['cold_s']:.1f}s, CPU {r['cold_cpu']:.1f}s, peak memory "
          f"{r['cold_peak_bytes'] / 2**20:.0f} MiB (this process + workers, jobs={jobs})")
    print(f"add-one: rebuild after adding 1 article {r['rebuild_s']:.2f}s "
          f"({r['extracted']} extracted, {r['reused']} from the cache); CPU (this process + workers) "
          f"{r['rebuild_cpu']:.2f}s, peak memory {r['rebuild_peak_bytes'] / 2**20:.0f} MiB")
    print(f"add-one: rebuild phases (s), longest first: {_phases(r['rebuild_timings'], r['rebuild_cpu_timings'])}")
    print(f"add-one: goal at most 5 s: {'met' if r['rebuild_s'] <= 5 else 'NOT met'} ({r['rebuild_s']:.2f}s "
          f"for {n_files + 1} articles)")


def report_engines(corpus: Path, work: Path, n_files: int) -> None:
    s = engines(corpus, work)
    print(f"engines: dask, {n_files} articles, no cache: 1 worker {s[1]:.1f}s, 2 workers {s[2]:.1f}s; "
          f"speed-up {s[1] / s[2]:.2f}x (goal at least 1.7x at 10,000 articles)")
