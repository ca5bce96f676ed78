"""Command line: python -m analysis {build,run,refresh-notebooks,evaluate,bench}."""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from analysis import config


def _build(args) -> int:
    from analysis.corpus.load import CorpusError
    from analysis.pipeline.build import build
    from analysis.pipeline.invariants import BuildError

    try:
        r = build(args.seeds, args.out, jobs=args.jobs, cache=not args.no_cache, engine=args.engine,
                  scheduler=args.scheduler, max_mb=args.max_mb or None, doc_seconds=args.doc_seconds or None)
    except (CorpusError, BuildError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    d = r.corpus.documents
    print(f"built {args.out}: {len(d)} files, {int((d.status == 'ok').sum())} ok, "
          f"{int((d.status == 'rejected').sum())} rejected, {int((d.status == 'duplicate').sum())} duplicate "
          f"in {r.seconds:.1f}s ({len(d) - r.reused} extracted, {r.reused} unchanged from the cache)")
    for name, df in r.tables.items():
        print(f"  {name}: {len(df)} rows")
    for row in d[d.status != "ok"].itertuples():
        print(f"  {row.status}: {row.path}: {row.reason}")
    return 0


def _image_formats(text: str) -> tuple[str, ...]:
    formats = tuple(f.strip().lower() for f in text.split(",") if f.strip())
    bad = [f for f in formats if f not in ("png", "svg", "pdf")]
    if bad:
        raise argparse.ArgumentTypeError(f"unknown image format(s) {', '.join(bad)}: use png, svg or pdf")
    return formats


def _run(args) -> int:
    from analysis.corpus.load import CorpusError
    from analysis.pipeline.build import build
    from analysis.pipeline.invariants import BuildError
    from analysis.report.runner import NotebookFailed, ParameterError, discover, run_all, validate

    pairs = [tuple(p) for p in (args.param or [])]
    try:
        validate(pairs, discover())  # fail fast, before the build
    except ParameterError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    out = Path(args.out)
    processed = Path(args.processed) if args.processed else (
        config.PROCESSED_DIR if Path(args.seeds).resolve() == config.SEEDS_DIR else out / "processed")
    try:
        r = build(args.seeds, processed, jobs=args.jobs)
        print(f"built {processed}: {int((r.corpus.documents.status == 'ok').sum())} documents in {r.seconds:.1f}s")
        run_all(processed, out, pairs, seeds=Path(args.seeds), images=tuple(args.images))
    except (CorpusError, BuildError, ParameterError, NotebookFailed) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1 if isinstance(e, NotebookFailed) else 2
    return 0


def _refresh(args) -> int:
    from analysis.pipeline.build import build
    from analysis.report.runner import NotebookFailed, refresh_committed

    build(config.SEEDS_DIR, config.PROCESSED_DIR)
    try:
        refresh_committed()
    except NotebookFailed as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    return 0


def _tool(name: str, argv: list[str]) -> int:
    """`evaluate` and `bench` parse their own options (analysis/tools/)."""
    from analysis.tools import bench, evaluate

    return int({"evaluate": evaluate, "bench": bench}[name].main(argv) or 0)


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="warning: %(message)s")
    # the Dask engine's workers and dashboard address: information the user asked for, not a warning
    where = logging.getLogger("analysis.engine.where")
    if not where.handlers:
        shown = logging.StreamHandler()
        shown.setFormatter(logging.Formatter("%(message)s"))
        where.addHandler(shown)
        where.setLevel(logging.INFO)
        where.propagate = False
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in ("evaluate", "bench"):
        return _tool(argv[0], argv[1:])
    from analysis.corpus.limits import DOC_SECONDS, MAX_MB

    p = argparse.ArgumentParser(prog="python -m analysis", description=__doc__)
    sub = p.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build", help="seeds → data/processed tables")
    b.add_argument("--seeds", default=str(config.SEEDS_DIR))
    b.add_argument("--out", default=str(config.PROCESSED_DIR))
    b.add_argument("--jobs", type=int, default=None, help="worker processes (default: up to 2)")
    b.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="where files are extracted: a local process pool, or Dask distributed")
    b.add_argument("--scheduler", default=None,
                   help="with --engine dask: a scheduler address (default: a local cluster of --jobs workers)")
    b.add_argument("--no-cache", action="store_true",
                   help="extract every file again, ignoring and not writing OUT/.cache")
    b.add_argument("--max-mb", type=float, default=MAX_MB,
                   help=f"reject files larger than this many megabytes, unread (default {MAX_MB:g}; 0: no limit)")
    b.add_argument("--doc-seconds", type=float, default=DOC_SECONDS,
                   help=f"reject a document whose processing takes longer (default {DOC_SECONDS:g}; 0: no limit)")
    r = sub.add_parser("run", help="build, execute every notebook with papermill, export offline HTML")
    r.add_argument("--seeds", default=str(config.SEEDS_DIR))
    r.add_argument("--out", default=str(config.BUILD_DIR))
    r.add_argument("--processed", default=None, help="where the tables go (default: data/processed for "
                   "the default seeds, else OUT/processed)")
    r.add_argument("--jobs", type=int, default=None)
    r.add_argument("--images", type=_image_formats, default=(), metavar="png,svg",
                   help="also save every chart as these image formats beside its CSV (needs kaleido and chromium)")
    r.add_argument("-p", "--param", nargs=2, action="append", metavar=("NAME", "VALUE"),
                   help="notebook parameter (validated against each notebook's parameters cell)")
    sub.add_parser("refresh-notebooks", help="re-execute the committed notebooks in place on seeds/")
    sub.add_parser("evaluate", help="precision/recall against hand-made gold (gold.jsonl)")
    sub.add_parser("bench", help="throughput on a synthetic large corpus vs quantulum3")
    args = p.parse_args(argv)
    return {"build": _build, "run": _run, "refresh-notebooks": _refresh}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
