"""The one build step: seeds/ → data/processed/ (CSV tables + normalised texts).

Per-file work (decode, normalise, boilerplate, metadata, sentences, every extractor in
`EXTRACTORS`) runs in a process pool or on Dask (`analysis.pipeline.engine`); cross-document steps (theme shares, claims) run after. The
build asserts its invariants (`analysis.pipeline.invariants`: unique ids, every span matches its
quote) and writes into a staging folder that is moved into place only when everything succeeded, so
output that breaks them is never written.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import sys
import time
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from analysis import config
from analysis.corpus.limits import DOC_SECONDS, MAX_MB, Limits, TimeBudgetExceeded, time_budget
from analysis.corpus.load import (BOILERPLATE_COLUMNS, METADATA_COLUMNS, SENTENCE_COLUMNS, Corpus, assign_ids, documents_frame,
                     list_files, mark_duplicate, process_file, read_manifest, rejected_row, sentence_rows)
from analysis.extract.attribution import ATTRIBUTION_COLUMNS, attribute
from analysis.extract.compute import COMPUTE_COLUMNS, extract_compute
from analysis.extract.mentions import MENTION_COLUMNS, extract_mentions, find_mentions
from analysis.extract.models import MODEL_EVENT_COLUMNS, extract_model_events
from analysis.extract.money import AMOUNT_COLUMNS, extract_amounts
from analysis.extract.talent import TALENT_COLUMNS, extract_talent_moves
from analysis.extract.themes import THEME_COLUMNS, extract_themes
from analysis.pipeline.cache import DocumentCache, file_key
from analysis.pipeline.claims import TABLE_KINDS, claims_table
from analysis.pipeline.engine import Engine
from analysis.pipeline.invariants import check_invariants, raise_if, span_problems
from analysis.pipeline.shares import SHARE_INPUT_COLUMNS, theme_shares

log = logging.getLogger("analysis")

# Every per-document extractor, in the order it runs on a document: (table, function taking a Doc
# and returning the table's rows as dicts, the table's columns).
EXTRACTORS = [
    ("amounts", extract_amounts, AMOUNT_COLUMNS),
    ("compute", extract_compute, COMPUTE_COLUMNS),
    ("mentions", extract_mentions, MENTION_COLUMNS),
    ("talent_moves", extract_talent_moves, TALENT_COLUMNS),
    ("model_events", extract_model_events, MODEL_EVENT_COLUMNS),
    ("themes", extract_themes, THEME_COLUMNS),
    ("attributions", attribute, ATTRIBUTION_COLUMNS),
]
# extractors that take the document's mentions as a second argument: `extract_document` finds them
# once per document and passes them to each
READS_MENTIONS = ("mentions", "talent_moves", "model_events")
# fact tables that carry the attribution of their sentence (from `attributions`) as last columns
ATTRIBUTED = ("amounts", "compute", "talent_moves", "model_events")
ATTRIBUTION_OF_FACT = ("attribution", "attribution_source")
CACHE_FILE = Path(".cache") / "documents.sqlite"  # in the output folder


@dataclass
class BuildResult:
    corpus: Corpus
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    out: Path | None = None
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)
    reused: int = 0  # files whose results came from the cache
    cpu_timings: dict[str, float] = field(default_factory=dict)  # this process's CPU seconds per phase


def table_columns(table: str, cols: list[str]) -> list[str]:
    """The columns of `table` as built: a fact table in ATTRIBUTED ends with the attribution of
    its sentence (ATTRIBUTION_OF_FACT)."""
    if table in ATTRIBUTED:
        return [c for c in cols if c not in ATTRIBUTION_OF_FACT] + list(ATTRIBUTION_OF_FACT)
    return list(cols)


def as_tuples(rows: list[dict], cols: list[str]) -> list[tuple]:
    """The rows as tuples in `cols` order (a key a row lacks gives None); compact for the way back."""
    if len(cols) == 1:
        return [(r.get(cols[0]),) for r in rows]
    get = itemgetter(*cols)
    try:
        return [get(r) for r in rows]
    except KeyError:
        return [tuple(r.get(c) for c in cols) for r in rows]


def extract_document(doc) -> dict[str, list[dict]]:
    """Every extractor's rows for one document (the mentions found once and shared)."""
    mentions = find_mentions(doc)
    return {table: fn(doc, mentions) if table in READS_MENTIONS else fn(doc) for table, fn, _cols in EXTRACTORS}


def _work(args):
    """Everything about one file, in a worker: the document and its corpus rows, every
    extractor's rows as tuples (fact rows with their sentence's attribution) and the problems
    with their spans. With `Limits` (a sixth item), a file they refuse is not read, and a
    document that takes longer than their time budget becomes a rejected row saying so."""
    path, rel, doc_id, manifest, text_dir, *rest = args
    limits = rest[0] if rest else None
    try:
        with time_budget(limits.seconds if limits is not None else None):
            return _extract(path, rel, doc_id, manifest, text_dir, limits)
    except TimeBudgetExceeded as e:
        log.warning("%s: %s", rel, e)
        return (rejected_row(path, rel, doc_id, str(e)), None, [], []), {}, []


def process_one_file(path: Path, rel: Path, doc_id: str, manifest: dict, limits: Limits | None = None):
    """What the build computes for one file (as a worker does, writing no text file): for tools
    that time or inspect the per-document work (`bench --hostile`)."""
    return _work((path, rel, doc_id, manifest, None, limits))


def _extract(path, rel, doc_id, manifest, text_dir, limits):
    row, doc, boiler, metas = process_file(path, rel, doc_id, manifest, limits)
    facts, problems = {}, []
    if doc is None:
        return (row, doc, boiler, metas), facts, problems
    if text_dir is not None:  # the normalised text every offset points into (staged)
        with open(os.path.join(text_dir, f"{doc.doc_id}.txt"), "w", encoding="utf-8") as fh:
            fh.write(doc.text)
    problems += span_problems(doc, "boilerplate", boiler) + span_problems(doc, "metadata", metas)
    problems += span_problems(doc, "sentences", [{"doc_id": doc.doc_id, "start": x.start, "end": x.end,
                                                  "text": x.text} for x in doc.sentences])
    produced = extract_document(doc)
    for table, rows in produced.items():
        problems += span_problems(doc, table, rows)
    by_sent = {r["sent_id"]: (r["attribution"], r["attribution_source"]) for r in produced["attributions"]}
    for table, _fn, cols in EXTRACTORS:
        rows = produced[table]
        if table in ATTRIBUTED:
            own = table_columns(table, cols)[:-len(ATTRIBUTION_OF_FACT)]
            facts[table] = [t + by_sent.get(r["sent_id"], (None, None)) for t, r in zip(as_tuples(rows, own), rows)]
        else:
            facts[table] = as_tuples(rows, cols)
    return (row, doc, boiler, metas), facts, problems


def concat_parts(parts: list[pd.DataFrame], columns: list[str]) -> pd.DataFrame:
    """The partial frames of one table as one frame, typed as if built in one go: a column whose
    inferred dtype differs between the parts (e.g. all-empty in one part) is inferred again from
    all its values."""
    parts = [p for p in parts if len(p)]
    if not parts:
        return pd.DataFrame.from_records([], columns=columns)
    if len(parts) == 1:
        return parts[0]
    df = pd.concat(parts, ignore_index=True)
    for c in columns:
        if len({p[c].dtype for p in parts}) > 1:
            df[c] = pd.DataFrame.from_records([(v,) for v in df[c].tolist()], columns=[c])[c]
    return df


COLLECT_EVERY = 500  # documents per partial DataFrame while collecting


class _Collector:
    """Gathers the per-document outputs in corpus order while the workers still run: marks
    duplicates as it goes (`corpus.mark_duplicate`: the first file with a text wins) and turns every
    `every` documents' rows into partial DataFrames, so that this process's share of the work
    overlaps the workers' instead of following it."""

    def __init__(self, every: int = COLLECT_EVERY, text_dir: Path | None = None, keep_docs: bool = True):
        self.text_dir = text_dir  # where the workers write each document's text
        self.keep_docs = keep_docs  # False: `Corpus.docs` stays empty (the texts are in text_dir)
        self.columns = {"sentences": SENTENCE_COLUMNS, "boilerplate": BOILERPLATE_COLUMNS,
                        "metadata": METADATA_COLUMNS,
                        **{t: table_columns(t, cols) for t, _fn, cols in EXTRACTORS}}
        self.records = {t for t, _fn, _cols in EXTRACTORS} | {"sentences"}  # rows are tuples
        self.rows: list[dict] = []
        self.docs: list = []
        self.problems: list[str] = []
        self.seen: dict[str, str] = {}
        self.buf: dict[str, list] = {t: [] for t in self.columns}
        self.parts: dict[str, list[pd.DataFrame]] = {t: [] for t in self.columns}
        self.every, self.pending = every, 0

    def add(self, output) -> None:
        result, facts, problems = output
        self.problems += problems
        row, doc, boiler, metas = mark_duplicate(result, self.seen)
        self.rows.append(row)
        if doc is None:
            if row["status"] == "duplicate" and self.text_dir is not None:
                os.remove(self.text_dir / f"{row['doc_id']}.txt")  # written before it was known
            return
        if self.keep_docs:
            self.docs.append(doc)
        buf = self.buf
        buf["sentences"] += sentence_rows(doc)
        buf["boilerplate"] += boiler
        buf["metadata"] += metas
        for table, rows in facts.items():
            buf[table] += rows
        self.pending += 1
        if self.pending >= self.every:
            self.flush()

    def flush(self) -> None:
        for t, rows in self.buf.items():
            if rows:
                make = pd.DataFrame.from_records if t in self.records else pd.DataFrame
                self.parts[t].append(make(rows, columns=self.columns[t]))
                self.buf[t] = []
        self.pending = 0

    def finish(self) -> tuple[Corpus, dict[str, pd.DataFrame]]:
        self.flush()
        tables = {t: concat_parts(self.parts[t], cols) for t, cols in self.columns.items()}
        corpus = Corpus(self.docs, documents_frame(self.rows), tables.pop("sentences"),
                        tables.pop("boilerplate"), tables.pop("metadata"))
        return corpus, tables


def progress_bar(total: int, stream=None) -> tqdm:
    """The files being extracted, as a progress bar (done, rate, time left) on a terminal; nothing
    when `stream` (default stderr) is not one, e.g. in CI logs or a pipe."""
    stream = stream or sys.stderr
    return tqdm(total=total, unit="file", desc="extracting", file=stream, leave=False, mininterval=0.5,
                disable=not stream.isatty())


def corpus_hash(documents: pd.DataFrame) -> str:
    ok = documents[documents["status"] == "ok"]
    h = hashlib.sha256()
    for s in sorted(ok["text_sha256"].astype(str)):
        h.update(s.encode())
    return h.hexdigest()[:16]


class _Clock:
    """Seconds spent in each phase of the build (`BuildResult.timings`), and this process's CPU
    seconds in each (`BuildResult.cpu_timings`: steadier on a shared machine; worker processes'
    CPU is not in it)."""

    def __init__(self):
        self.start = self.last = time.perf_counter()
        self.last_cpu = time.process_time()
        self.timings: dict[str, float] = {}
        self.cpu: dict[str, float] = {}

    def lap(self, phase: str) -> None:
        now, cpu = time.perf_counter(), time.process_time()
        self.timings[phase] = round(now - self.last, 3)
        self.cpu[phase] = round(cpu - self.last_cpu, 3)
        self.last, self.last_cpu = now, cpu


def build(seeds: Path | str = config.SEEDS_DIR, out: Path | str | None = config.PROCESSED_DIR,
          jobs: int | None = None, manifest: Path | None = config.MANIFEST, cache: bool = True,
          engine: str = "local", scheduler: str | None = None, max_mb: float | None = MAX_MB,
          doc_seconds: float | None = DOC_SECONDS) -> BuildResult:
    """Build every table from `seeds`; write them to `out` (None: compute only). Files are written
    into a staging folder beside `out`, moved into it only when everything succeeded. With `cache`
    (and an `out`), the per-document results are kept in `out/.cache/` and a rebuild extracts only
    new or changed files (`analysis.pipeline.cache`). `engine` ("local" or "dask", with an optional
    `scheduler` address) says where the files are extracted (`analysis.pipeline.engine`); the
    tables are the same. Files above `max_mb` megabytes and links out of `seeds` are rejected
    unread; a document taking longer than `doc_seconds` is rejected (`analysis.corpus.limits`;
    None: no limit)."""
    clock = _Clock()
    seeds = Path(seeds)
    curated = read_manifest(manifest)
    items = [(p, rel, i, curated) for p, rel, i in assign_ids(seeds, list_files(seeds))]
    jobs = jobs or min(2, os.cpu_count() or 1)
    clock.lap("list files")
    output = _Output(Path(out)) if out is not None else None
    store = DocumentCache(Path(out) / CACHE_FILE) if cache and out is not None else None
    try:
        limits = Limits(seeds, None if max_mb is None else int(max_mb * 1e6), doc_seconds)
        return _run(items, jobs, output, clock, store, engine, scheduler, limits)
    except BaseException:
        if output is not None:
            output.abort()
        raise
    finally:
        if store is not None:
            store.close()


def _run(items: list[tuple], jobs: int, output: _Output | None, clock: _Clock,
         store: DocumentCache | None = None, engine: str = "local", scheduler: str | None = None,
         limits: Limits | None = None) -> BuildResult:
    text_dir = output.text_dir() if output is not None else None
    items = [(*it, None if text_dir is None else str(text_dir), limits) for it in items]
    # (COLLECT_EVERY read at run time: tests change it); on Dask the texts stay on disk only
    collect = _Collector(COLLECT_EVERY, text_dir, keep_docs=engine == "local")
    keys = [_key(p, rel, i, curated, limits) for p, rel, i, curated, _t, _l in items] if store else []
    stored = store.stored() if store else set()
    in_cache = [k in stored for k in keys] if store else [False] * len(items)
    todo = [it for it, hit in zip(items, in_cache) if not hit]
    # a pool for a large corpus even when few files changed: it extracts them while this process
    # reads the cached entries, and runs the two cross-document steps side by side
    with Engine(engine, jobs, scheduler, len(items) if todo or engine == "local" else 0) as runner:
        progress = progress_bar(len(todo))
        if runner.client is not None and store is None:
            # Dask without a cache: the workers write the rows as Parquet parts (`pipeline.parts`)
            from analysis.pipeline.parts import PartsCollector

            collect = PartsCollector(output.stage / "parts" if output is not None else None, text_dir)
            collect.run(runner, todo, progress)
        else:
            fresh = runner.map(_work, todo)
            for i, hit in enumerate(in_cache):
                c = _cached(store, keys[i], text_dir) if hit else None
                if c is None:  # not stored, or stored but unreadable (then extracted here)
                    c = _work(items[i]) if hit else next(fresh)
                    progress.update(not hit)
                    if store:
                        store.put(keys[i], c)
                collect.add(c)
        progress.close()
        clock.lap("read + extract (per document)")
        raise_if(collect.problems)
        corpus, tables = collect.finish()
        check_invariants(corpus, tables, spans=False)  # spans were checked per document in the workers
        clock.lap("assemble tables")
        _cross_document(corpus, tables, output, runner.pool)
        clock.lap("cross-document (theme shares, claims)")
    result = BuildResult(corpus, tables, None, 0.0, clock.timings, store.hits if store else 0, clock.cpu)
    if output is not None:
        output.finish(build_info(result))
        result.out = output.out
        if store is not None:
            dropped = store.save(set(keys))
            log.info("cache: %d files reused, %d extracted, %d entries of removed files dropped",
                     store.hits, len(items) - store.hits, dropped)
        clock.lap("write (the rest)")
    result.seconds = time.perf_counter() - clock.start
    log.info("build timings: %s", clock.timings)
    return result


def _key(path: Path, rel: Path, doc_id: str, curated: dict, limits: Limits | None) -> str:
    """The cache key of a file (`cache.file_key`); a file the limits refuse is keyed by the reason
    (its bytes are not read: a link may point anywhere)."""
    reason = limits.refusal(path) if limits is not None else None
    return file_key(path, rel, curated.get(str(rel)), doc_id) if reason is None else f"refused:{rel}:{reason}"


def _cached(store: DocumentCache, key: str, text_dir: Path | None):
    """The stored output of a file, its text written to `text_dir` as a worker does; None if its
    entry cannot be read (the cache reports it and is rebuilt)."""
    c = store.get(key)
    if c is not None and text_dir is not None and c[0][1] is not None:
        (text_dir / f"{c[0][1].doc_id}.txt").write_text(c[0][1].text, encoding="utf-8")
    return c


def _cross_document(corpus: Corpus, tables: dict[str, pd.DataFrame], output, pool) -> None:
    """Add the theme-shares and claims tables. With a process pool the two are computed by two
    workers at once while a background thread of `output` writes the other tables (Arrow releases
    the GIL)."""
    if output is not None:
        for name in ("documents", "sentences", "boilerplate", "metadata"):
            output.table(name, getattr(corpus, name))
        for name, df in tables.items():
            output.table(name, df)
    # the fact rows carry their sentence's attribution already (see `_work`)
    facts = {k: v for k, v in tables.items() if k in TABLE_KINDS}
    jobs = [("theme_shares", theme_shares, (tables["themes"][SHARE_INPUT_COLUMNS], corpus.documents)),
            ("claims", claims_table, (facts, corpus.documents))]  # (table name, function, arguments)
    if pool is not None:
        futures = [(name, pool.submit(fn, *args)) for name, fn, args in jobs]
        results = [(name, f.result()) for name, f in futures]
    else:
        results = [(name, fn(*args)) for name, fn, args in jobs]
    for name, df in results:
        tables[name] = df
        if output is not None:
            output.table(name, df)


def write_table(df: pd.DataFrame, folder: Path, name: str) -> None:
    """`name.csv` (for people) and `name.parquet` (typed, for tools: pandas, DuckDB, Arrow) through
    Arrow's writers (10-20x faster than pandas on large tables; the CSV reads back the same with
    pandas). A column Arrow cannot type (mixed objects) is written by pandas to the CSV and as text
    to the Parquet file."""
    import pyarrow as pa
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    try:
        table = pa.Table.from_pandas(df, preserve_index=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError, ValueError):
        df.to_csv(folder / f"{name}.csv", index=False)
        mixed = {c: "string" for c in df.columns if df[c].dtype == object}
        table = pa.Table.from_pandas(df.astype(mixed), preserve_index=False)
    else:
        pacsv.write_csv(table, folder / f"{name}.csv")
    # one chunk per column: the same bytes however the rows were gathered (engine, parts, cache)
    pq.write_table(table.combine_chunks(), folder / f"{name}.parquet")


def build_info(result: BuildResult) -> dict:
    c = result.corpus
    return {
        "corpus_hash": corpus_hash(c.documents),
        "code_version": config.code_version(),
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "n_files": int(len(c.documents)),
        "n_ok": int((c.documents["status"] == "ok").sum()),
        "n_rejected": int((c.documents["status"] == "rejected").sum()),
        "n_duplicate": int((c.documents["status"] == "duplicate").sum()),
        "tables": {k: int(len(v)) for k, v in result.tables.items()},
    }


class _Output:
    """The build's files (`text/<doc_id>.txt`, one CSV and one Parquet file per table,
    build_info.json), written by a
    background thread into a staging folder beside `out` and moved into `out` by `finish` only
    when the whole build succeeded; `abort` removes them. Other files in `out` are left alone."""

    def __init__(self, out: Path):
        import tempfile
        from concurrent.futures import ThreadPoolExecutor

        self.out = out
        out.parent.mkdir(parents=True, exist_ok=True)
        self.stage = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
        self.pool = ThreadPoolExecutor(max_workers=1)
        self.futures: list = []
        self.files: list[str] = []

    def text_dir(self) -> Path:
        """The staged `text/` folder (created on first use)."""
        d = self.stage / "text"
        d.mkdir(exist_ok=True)
        return d

    def table(self, name: str, df: pd.DataFrame) -> None:
        self.files += [f"{name}.csv", f"{name}.parquet"]
        self.futures.append(self.pool.submit(write_table, df, self.stage, name))

    def finish(self, info: dict) -> None:
        for f in self.futures:
            f.result()  # a failed write raises here
        self.pool.shutdown()
        (self.stage / "build_info.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
        out = self.out
        out.mkdir(parents=True, exist_ok=True)
        for name in [*self.files, "build_info.json"]:
            os.replace(self.stage / name, out / name)
        old = None
        if (out / "text").exists():
            old = out / f".text.old-{os.getpid()}"
            os.replace(out / "text", old)
        if (self.stage / "text").exists():
            os.replace(self.stage / "text", out / "text")
        if old is not None:
            shutil.rmtree(old)
        shutil.rmtree(self.stage, ignore_errors=True)

    def abort(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
        shutil.rmtree(self.stage, ignore_errors=True)

