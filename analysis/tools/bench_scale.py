"""Two benchmark modes of `python -m analysis bench` about scale (`analysis.tools.bench`):

``--add-one``  builds the synthetic corpus cold (the per-document cache filled), adds one new
    article, builds again and reports the rebuild's wall and CPU time (this process and its
    workers), its phases (which dominate) and how many files came from the cache; the wall and CPU
    time and the peak memory (this process and its workers) of both builds.
``--engines``  builds the same corpus with `--engine dask` on a local cluster of 1 worker, then of 2
    workers (no cache, so both extract every file) and reports, for each, the wall time, the CPU
    time of this process (the driver, with the local cluster's scheduler) and of each worker, and
    the ratios: wall (1 worker / 2 workers) and CPU-based (the 2-worker run's total worker CPU over
    its busiest worker's: the speed-up the workers' split allows when each has a core of its own).

Both print plain lines (`label: value`); the times are wall times on this machine, which other
programs may share: compare ratios taken in the same run, and on a loaded machine the CPU times.
"""
from __future__ import annotations

import gc
import logging
import os
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


class _WorkerCpu(logging.Handler):
    """Collects the per-worker CPU seconds the Dask engine logs when it closes (`engine.cpu_log`)."""

    def __init__(self):
        super().__init__(logging.INFO)
        self.cpu: dict[str, float] = {}

    def emit(self, record: logging.LogRecord) -> None:
        self.cpu.update(getattr(record, "worker_cpu", {}))


def engines(corpus: Path, work: Path, workers: tuple[int, ...] = (1, 2)) -> dict[int, dict]:
    """A cold `--engine dask` build of `corpus` (no cache) on a local cluster of each number of
    `workers`, one after the other → {workers: {wall_s (cluster start-up included), driver_cpu (this
    process: collecting, assembling, cross-document steps, the scheduler), worker_cpu ({address:
    seconds}), driver_peak_bytes (this process's peak RSS so far), load (the 1-minute load average
    before and after), timings (the build's phases, wall seconds), driver_cpu_phases (the driver's
    CPU seconds in each)}}."""
    from analysis.pipeline.build import build
    from analysis.pipeline.engine import cpu_log, process_cpu

    runs = {}
    for n in workers:
        out = work / f"out-dask-{n}"
        gc.collect()
        handler, level, propagate = _WorkerCpu(), cpu_log.level, cpu_log.propagate
        cpu_log.addHandler(handler)
        cpu_log.setLevel(logging.INFO)
        cpu_log.propagate = False  # reported below, not as a log line
        load0 = os.getloadavg()[0]
        t0, cpu0 = time.perf_counter(), process_cpu()
        try:
            r = build(corpus, out, jobs=n, cache=False, engine="dask")
        finally:
            cpu_log.removeHandler(handler)
            cpu_log.setLevel(level)
            cpu_log.propagate = propagate
        runs[n] = {"wall_s": time.perf_counter() - t0, "driver_cpu": process_cpu() - cpu0,
                   "worker_cpu": handler.cpu, "load": (load0, os.getloadavg()[0]),
                   "driver_peak_bytes": _peak_rss(), "timings": dict(r.timings),
                   "driver_cpu_phases": dict(r.cpu_timings)}
        del r
        shutil.rmtree(out, ignore_errors=True)
    return runs


EXTRACT_PHASE = "extract (new or changed files)"


def dedicated_seconds(run: dict) -> float:
    """What a run would take with a core for each process: its busiest worker's CPU time plus the
    phases of the build that follow or precede the extraction (the driver alone: assembling,
    cross-document steps, writing; measured as wall time). Cluster start-up is left out."""
    serial = sum(v for k, v in run["timings"].items() if k != EXTRACT_PHASE)
    return max(run["worker_cpu"].values(), default=0.0) + serial


def _peak_rss() -> int:
    """This process's peak resident memory so far, in bytes (Linux reports KiB)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def cpu_ratio(worker_cpu: dict[str, float]) -> float:
    """Total worker CPU over the busiest worker's: the speed-up of the extraction when every worker
    has a core of its own (1.0 for one worker; the number of workers when the split is even)."""
    busiest = max(worker_cpu.values(), default=0.0)
    return sum(worker_cpu.values()) / busiest if busiest else float("nan")


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
    r = engines(corpus, work)
    for n, x in r.items():
        cpu = x["worker_cpu"]
        each = ", ".join(f"{s:.1f}" for s in cpu.values()) or "not measured"
        print(f"engines: {n} worker{'s' * (n > 1)}: wall {x['wall_s']:.1f}s; CPU (s): driver {x['driver_cpu']:.1f}, "
              f"worker{'s' * (len(cpu) > 1)} {each} (total {sum(cpu.values()):.1f}); "
              f"driver peak memory so far {x['driver_peak_bytes'] / 2**20:.0f} MiB; "
              f"load average {x['load'][0]:.1f} before, {x['load'][1]:.1f} after")
        print(f"engines: {n} worker{'s' * (n > 1)}: phases (s), longest first: {_phases(x['timings'])}")
        print(f"engines: {n} worker{'s' * (n > 1)}: driver CPU per phase (s), longest first: "
              f"{_phases(x['driver_cpu_phases'])}")
    one, two = r[1], r[2]
    print(f"engines: dask, {n_files} articles, no cache: 1 worker {one['wall_s']:.1f}s, 2 workers {two['wall_s']:.1f}s; "
          f"speed-up {one['wall_s'] / two['wall_s']:.2f}x (goal at least 1.7x at 10,000 articles)")
    total = sum(two["worker_cpu"].values())
    print(f"engines: CPU-based speed-up of the 2-worker run (total worker CPU / busiest worker's) "
          f"{cpu_ratio(two['worker_cpu']):.2f}x; driver CPU {two['driver_cpu']:.1f}s = "
          f"{100 * two['driver_cpu'] / total if total else float('nan'):.0f}% of the workers' total "
          f"({os.cpu_count()} CPUs on this machine)")
    print(f"engines: speed-up with a core for each process (busiest worker's CPU + the driver's phases "
          f"before and after the extraction): {dedicated_seconds(one):.1f}s / {dedicated_seconds(two):.1f}s = "
          f"{dedicated_seconds(one) / dedicated_seconds(two):.2f}x")
