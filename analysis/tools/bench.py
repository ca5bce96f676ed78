"""Throughput benchmark: the whole build on a large synthetic corpus, side by side with quantulum3.

``python -m analysis bench [--n 10000] [--sample 50] [--jobs 2] [--seed 0] [--keep DIR]``
(``python -m analysis bench --hostile [--scale 1]``: hostile inputs instead, `analysis.tools.hostile`)
``python -m analysis bench --add-one | --engines [--n N | --corpus DIR]``: scale modes (`analysis.tools.bench_scale`)

1. Generates `--n` synthetic articles (default 10,000, about 35 MB) by recombining sentences of the
   seed folder with a seeded RNG (same seed → same corpus) into a temporary folder of .txt files.
   Every sentence is varied (numbers redrawn, some names swapped) so that no two are likely to be
   identical: per-text caches gain nothing, as on real news.
2. Runs the whole build (`analysis.pipeline.build.build`) on it, output into the temporary folder, and
   measures wall time, MB/s, documents/s and peak memory (RSS of this process plus all children,
   sampled every 50 ms with psutil).
3. On a random sample of `--sample` articles (the same texts for every contender) it times
   quantulum3's `parser.parse` (a general quantity parser, warmed up first), our money + compute
   extractors alone (including sentence splitting via `make_doc`), and reports throughput ratios
   per MB: whole build vs quantulum3 and extractors vs quantulum3.
"""
from __future__ import annotations

import argparse
import gc
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
import warnings
from pathlib import Path

from analysis.config import SEEDS_DIR
from analysis.corpus.load import CorpusError
from analysis.pipeline.build import EXTRACTORS, build
from analysis.pipeline.invariants import BuildError


# ----------------------------------------------------------------------------- corpus

def sentence_pool(seeds: Path) -> list[str]:
    """The sentences (longer than 20 characters) of every .txt and .md file of `seeds`."""
    from analysis.corpus.doc import make_doc

    pool: list[str] = []
    for p in sorted(Path(seeds).iterdir()):
        if not p.is_file() or p.suffix.lower() not in (".txt", ".md"):
            continue
        d = make_doc(p.read_text(encoding="utf-8", errors="replace"))
        pool.extend(s.text.strip() for s in d.sentences if len(s.text.strip()) > 20)
    if not pool:
        raise SystemExit(f"no sentences found in {seeds}")
    return pool


_NUMBER = re.compile(r"\d+")
_CAPWORD = re.compile(r"(?<=\s)[A-Z][a-z]{2,}\b")


def vary(rng: random.Random, sentence: str, names: list[str]) -> str:
    """A recombined sentence made unique: every number redrawn with the same number of digits and
    about a third of the mid-sentence capitalised words swapped for others seen in the seeds, so
    caches keyed by text cannot flatter the measurement."""
    def redraw(m: re.Match) -> str:
        digits = m.group()
        if len(digits) == 4 and 1990 <= int(digits) <= 2039:  # a year stays a plausible year
            return str(rng.randint(2015, 2030))
        return str(rng.randint(10 ** (len(digits) - 1) if len(digits) > 1 else 0, 10 ** len(digits) - 1))

    sentence = _NUMBER.sub(redraw, sentence)
    if names:
        sentence = _CAPWORD.sub(lambda m: rng.choice(names) if rng.random() < 0.33 else m.group(), sentence)
    return sentence


def make_article(rng: random.Random, pool: list[str], target_chars: int, names: list[str] | None = None) -> str:
    names = names or []
    title = rng.choice(pool).rstrip(".")[:90].rsplit(" ", 1)[0].strip()
    paras, size = [], len(title)
    while size < target_chars:
        para = " ".join(vary(rng, rng.choice(pool), names) for _ in range(rng.randint(2, 5)))
        paras.append(para)
        size += len(para) + 2
    return title + "\n\n" + "\n\n".join(paras) + "\n"


def generate_corpus(out_dir: Path, n: int, seeds: Path = SEEDS_DIR, seed: int = 0,
                    mean_chars: int = 3500) -> tuple[int, int]:
    """Write `n` synthetic articles to `out_dir`; returns (files, bytes)."""
    rng = random.Random(seed)
    pool = sentence_pool(seeds)
    names = sorted({w for sent in pool for w in _CAPWORD.findall(" " + sent)})
    out_dir.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(n):
        target = max(800, int(rng.gauss(mean_chars, mean_chars * 0.3)))
        data = make_article(rng, pool, target, names).encode("utf-8")
        (out_dir / f"synthetic_{i:06d}.txt").write_bytes(data)
        total += len(data)
    return n, total


# ----------------------------------------------------------------------------- measuring

class PeakMemory:
    """Peak RSS of this process plus all its children, sampled in a background thread."""

    def __init__(self, interval: float = 0.05):
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def _sample(self) -> int:
        import psutil

        me = psutil.Process(os.getpid())
        total = 0
        procs = [me]
        try:
            procs += me.children(recursive=True)
        except psutil.Error:
            pass
        for p in procs:
            try:
                total += p.memory_info().rss
            except psutil.Error:
                pass
        return total

    def _run(self):
        while not self._stop.is_set():
            self.peak = max(self.peak, self._sample())
            self._stop.wait(self.interval)

    def __enter__(self):
        self.peak = self._sample()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        self.peak = max(self.peak, self._sample())


def run_build(corpus: Path, out: Path, jobs: int | None):
    """({seconds, peak_bytes, result}, None) of one build of `corpus`, or (None, why) when the
    build refuses the corpus (`CorpusError`, `BuildError`): reported, and the sample comparison
    still runs."""
    t0 = time.perf_counter()
    try:
        with PeakMemory() as mem:
            result = build(corpus, out, jobs=jobs)
    except (CorpusError, BuildError) as e:
        first = str(e).splitlines()[:3]
        return None, f"build failed after {time.perf_counter() - t0:.1f}s: {type(e).__name__}: " + " / ".join(first)
    return {"seconds": time.perf_counter() - t0, "peak_bytes": mem.peak, "result": result}, None


def time_quantulum(texts: list[str]) -> tuple[float, int]:
    """(seconds, quantities found) of quantulum3's parser over `texts`, warmed up first."""
    with warnings.catch_warnings():  # its optional classifier is not installed: a notice, not news
        warnings.filterwarnings("ignore", message="Classifier dependencies not installed")
        from quantulum3 import parser

    parser.parse("It costs $5 billion and uses 1 GW.")  # warm-up: loads its model and tables
    t0 = time.perf_counter()
    n = sum(len(parser.parse(t)) for t in texts)
    return time.perf_counter() - t0, n


def time_ours(texts: list[str]) -> tuple[float, int]:
    from analysis.extract.compute import extract_compute
    from analysis.corpus.doc import make_doc
    from analysis.extract.money import extract_amounts

    extract_amounts(make_doc("It costs $5 billion and uses 1 GW."))  # warm-up: lexicons
    extract_compute(make_doc("It costs $5 billion and uses 1 GW."))
    t0 = time.perf_counter()
    n = 0
    for i, t in enumerate(texts):
        d = make_doc(t, doc_id=f"s{i}")
        n += len(extract_amounts(d)) + len(extract_compute(d))
    return time.perf_counter() - t0, n


def time_each_extractor(texts: list[str]) -> list[tuple[str, float]]:
    """Seconds per build extractor on the sample (where the build's time goes), run as the build
    runs them."""
    from analysis.corpus.doc import make_doc

    docs = [make_doc(t, doc_id=f"s{i}") for i, t in enumerate(texts)]
    warm = make_doc("Warm-up: Acme spent $5 billion on 1 GW.", doc_id="w")
    for _table, fn, _cols in EXTRACTORS:  # lexicons loaded, patterns compiled
        fn(warm)
    # as the build runs them: every extractor on one document, then the next document (the mention
    # pass is shared per document: it counts once, under `mentions`, which runs before talent and models)
    spent = {table: 0.0 for table, _fn, _cols in EXTRACTORS}
    for d in docs:
        for table, fn, _cols in EXTRACTORS:
            t0 = time.perf_counter()
            fn(d)
            spent[table] += time.perf_counter() - t0
    return list(spent.items())


def _fmt_table(rows: list[tuple[str, str, str, str, str]]) -> str:
    head = ("contender", "input", "seconds", "MB/s", "docs/s")
    widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(5)]
    line = lambda r: "  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w) for i, (c, w) in enumerate(zip(r, widths)))
    return "\n".join([line(head), line(tuple("-" * w for w in widths)), *map(line, rows)])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m analysis bench", description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000, help="synthetic articles to generate (default 10000)")
    ap.add_argument("--sample", type=int, default=50, help="articles timed with quantulum3 and our extractors")
    ap.add_argument("--jobs", type=int, default=2, help="build worker processes (default 2)")
    ap.add_argument("--seed", type=int, default=0, help="RNG seed of the synthetic corpus")
    ap.add_argument("--seeds", type=Path, default=SEEDS_DIR, help="folder whose sentences are recombined")
    ap.add_argument("--keep", type=Path, default=None, help="write the corpus here and keep it")
    ap.add_argument("--repeat", type=int, default=1,
                    help="build the corpus this many times, one after another, and report every time, "
                         "the median and the best (this machine's speed drifts between runs)")
    ap.add_argument("--hostile", action="store_true",
                    help="instead: MB/s and doubling ratio on each hostile-input generator (analysis/tools/hostile.py)")
    ap.add_argument("--scale", type=float, default=1.0, help="with --hostile: multiply every generator's size")
    ap.add_argument("--add-one", action="store_true",
                    help="instead: build cold, add one article, rebuild; report the rebuild (tools/bench_scale.py)")
    ap.add_argument("--engines", action="store_true",
                    help="instead: dask with 1 worker vs 2 workers on the corpus; report wall and CPU times, the ratios")
    ap.add_argument("--corpus", type=Path, default=None,
                    help="with --engines: build this existing folder (read only) instead of generating --n articles")
    args = ap.parse_args(argv)
    if args.hostile:
        from analysis.tools.hostile import report

        report(args.scale)
        return 0
    if args.add_one or args.engines:
        return _scale(args)

    tmp = Path(tempfile.mkdtemp(prefix="analysis-bench-"))
    corpus = args.keep or tmp / "corpus"
    try:
        t0 = time.perf_counter()
        n_files, n_bytes = generate_corpus(corpus, args.n, args.seeds, args.seed)
        gen_s = time.perf_counter() - t0
        mb = n_bytes / 1e6
        import platform

        print(f"python {platform.python_version()} ({platform.python_implementation()}, {sys.executable}), "
              f"{os.cpu_count()} CPUs")
        print(f"synthetic corpus: {n_files} articles, {mb:.1f} MB from sentences of {args.seeds} "
              f"(seed {args.seed}), generated in {gen_s:.1f}s -> {corpus}")

        rows = []
        runs: list[float] = []
        build_info, err = None, None
        for i in range(max(1, args.repeat)):
            gc.collect()  # (only a summary of the previous run is kept: each run starts afresh)
            info, err = run_build(corpus, tmp / f"processed-{i}", args.jobs)
            shutil.rmtree(tmp / f"processed-{i}", ignore_errors=True)
            if info is None:
                break
            result = info.pop("result")
            info["rows"] = {k: len(v) for k, v in result.tables.items()}
            info["timings"] = dict(result.timings)
            del result
            # this process keeps memory freed by earlier runs: the first run's peak is a build's peak
            info["peak_bytes"] = (build_info or info)["peak_bytes"]
            build_info = info
            runs.append(info["seconds"])
        build_mbs = None
        if build_info is None:
            print(f"whole build: skipped: {err}")
        else:
            s = statistics.median(runs)
            build_mbs = mb / s
            rows.append((f"whole build (jobs={args.jobs})" + (f", median of {len(runs)}" if len(runs) > 1 else ""),
                         f"{n_files} docs, {mb:.1f} MB", f"{s:.1f}", f"{build_mbs:.2f}", f"{n_files / s:.0f}"))
            sizes = ", ".join(f"{k}={n}" for k, n in build_info["rows"].items())
            print(f"whole build{', last run' if len(runs) > 1 else ''}: {build_info['seconds']:.1f}s wall, peak memory {build_info['peak_bytes'] / 2**20:.0f} MiB "
                  f"(this process + children{', first run' if len(runs) > 1 else ''}); rows: {sizes}")
            timings = build_info["timings"]
            if timings:
                print("build phases (s): " + ", ".join(f"{k} {v:.1f}" for k, v in timings.items()))
            if len(runs) > 1:
                print(f"whole build, {len(runs)} runs (s): " + ", ".join(f"{x:.1f}" for x in runs)
                      + f"; median {s:.1f}, best {min(runs):.1f}")
            if err is not None:
                print(f"whole build: run {len(runs) + 1} of {args.repeat} failed: {err}")

        rng = random.Random(args.seed + 1)
        files = sorted(corpus.glob("*.txt"))
        picked = rng.sample(files, min(args.sample, len(files)))
        texts = [p.read_text(encoding="utf-8") for p in picked]
        smb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
        label = f"sample {len(texts)} docs, {smb:.2f} MB"
        ours_s, ours_n = time_ours(texts)
        ours_mbs = smb / ours_s
        rows.append(("ours: make_doc + money + compute", label, f"{ours_s:.2f}", f"{ours_mbs:.2f}",
                     f"{len(texts) / ours_s:.0f}"))
        q_s, q_n = time_quantulum(texts)
        q_mbs = smb / q_s
        rows.append(("quantulum3 parser.parse", label, f"{q_s:.2f}", f"{q_mbs:.3f}", f"{len(texts) / q_s:.1f}"))
        print()
        print(_fmt_table(rows))
        print()
        print(f"rows found on the sample: ours {ours_n} money+compute rows, quantulum3 {q_n} quantities (all kinds)")
        print(f"throughput ratio per MB, extractors vs quantulum3 (same {len(texts)} docs): "
              f"{ours_mbs / q_mbs:.0f}x")
        if build_mbs is not None:
            print(f"throughput ratio per MB, whole build (all extractors, {args.jobs} jobs, full corpus) "
                  f"vs quantulum3 (1 process, sample): {build_mbs / q_mbs:.0f}x")
        per = time_each_extractor(texts)
        if per:
            total = sum(t for _, t in per) or 1.0
            print(f"\nper-extractor time on the sample ({len(texts)} docs, {smb:.2f} MB, 1 process):")
            for table, t in sorted(per, key=lambda x: -x[1]):
                print(f"  {table:<14} {t:7.2f}s  {100 * t / total:5.1f}%  {smb / t if t else float('inf'):8.2f} MB/s")
        if runs:
            med = statistics.median(runs)
            under = sum(x < 60 for x in runs)
            print(f"goal: whole build of {n_files} docs under 60 s: {'met' if med < 60 else 'NOT met'} "
                  f"({med:.1f}s" + (f", the median of {len(runs)} runs; {under} of {len(runs)} under 60 s)"
                                    if len(runs) > 1 else ")"))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


def _scale(args) -> int:
    """`--add-one` and `--engines` (analysis.tools.bench_scale) on the synthetic corpus."""
    from analysis.tools import bench_scale

    if args.corpus is not None and args.add_one:
        raise SystemExit("--corpus goes with --engines only (--add-one adds an article to its corpus)")
    tmp = Path(tempfile.mkdtemp(prefix="analysis-bench-"))
    corpus = args.corpus or args.keep or tmp / "corpus"
    try:
        if args.corpus is not None:
            files = [p for p in corpus.iterdir() if p.is_file()]
            n_files = len(files)
            print(f"corpus: {n_files} files, {sum(p.stat().st_size for p in files) / 1e6:.1f} MB in {corpus}")
        else:
            n_files, n_bytes = generate_corpus(corpus, args.n, args.seeds, args.seed)
            print(f"synthetic corpus: {n_files} articles, {n_bytes / 1e6:.1f} MB (seed {args.seed}) -> {corpus}")
        if args.add_one:
            bench_scale.report_add_one(corpus, tmp, args.jobs, n_files)
        if args.engines:
            bench_scale.report_engines(corpus, tmp, n_files)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
