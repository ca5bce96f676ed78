"""The one build step: seeds/ → data/processed/ (CSV tables + normalised texts).

Per-file work (decode, normalise, boilerplate, metadata, sentences, every extractor in
`EXTRACTORS`) runs in a process pool or on Dask (`analysis.pipeline.engine`) for the files that
are not in the per-document cache (`analysis.pipeline.cache`: the rows of unchanged files are read
back as Arrow tables); cross-document steps (theme shares, claims) run after. The
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
import uuid
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from analysis import config
from analysis.corpus.limits import DOC_SECONDS, MAX_MB, Limits, TimeBudgetExceeded, time_budget
from analysis.corpus.load import (BOILERPLATE_COLUMNS, DOCUMENT_COLUMNS, METADATA_COLUMNS, SENTENCE_COLUMNS, Corpus,
                                  assign_ids, documents_frame, list_files, mark_duplicate, process_file,
                                  read_manifest, rejected_row, sentence_rows)
from analysis.extract.attribution import ATTRIBUTION_COLUMNS, attribute
from analysis.extract.compute import COMPUTE_COLUMNS, extract_compute
from analysis.extract.mentions import MENTION_COLUMNS, extract_mentions, find_mentions
from analysis.extract.models import MODEL_EVENT_COLUMNS, extract_model_events
from analysis.extract.money import AMOUNT_COLUMNS, extract_amounts
from analysis.extract.talent import TALENT_COLUMNS, extract_talent_moves
from analysis.extract.themes import THEME_COLUMNS, extract_themes
from analysis.pipeline.cache import KEY, DocumentCache, file_key
from analysis.pipeline.claims import TABLE_KINDS, claims_table, update_claims
from analysis.pipeline.engine import Engine
from analysis.pipeline.invariants import check_invariants, raise_if, span_problems
from analysis.pipeline.rows import as_typed, concat_parts, rows_table
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
CACHE_DIR = Path(".cache")  # in the output folder


@dataclass
class BuildResult:
    corpus: Corpus
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    out: Path | None = None
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)
    reused: int = 0  # files whose results came from the cache
    cpu_timings: dict[str, float] = field(default_factory=dict)


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


def work_file(args):
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
    return work_file((path, rel, doc_id, manifest, None, limits))


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


COLLECT_EVERY = 500  # documents per partial table while collecting


class Collector:
    """Gathers the per-document outputs as they come back from the workers, turning every `every`
    documents' rows into partial Arrow tables (compact, and typed as pandas types the same values),
    so that this process's share of the work overlaps the workers' instead of following it. Every
    file's rows are kept, duplicates included (which file is a duplicate is decided over the whole
    corpus, `_assemble`); the `documents` rows carry the file's cache key (`_key`)."""

    def __init__(self, every: int = COLLECT_EVERY, keep_docs: bool = True):
        self.keep_docs = keep_docs  # False: no `Doc` kept (the texts are in the output's text folder)
        self.columns = {"documents": DOCUMENT_COLUMNS, "sentences": SENTENCE_COLUMNS,
                        "boilerplate": BOILERPLATE_COLUMNS, "metadata": METADATA_COLUMNS,
                        **{t: table_columns(t, cols) for t, _fn, cols in EXTRACTORS}}
        self.docs: list = []
        self.problems: list[str] = []
        self.keys: list[str] = []
        self.buf: dict[str, list] = {t: [] for t in self.columns}
        self.parts: dict[str, list] = {t: [] for t in self.columns}
        self.every, self.pending = every, 0

    def add(self, key: str, output) -> None:
        (row, doc, boiler, metas), facts, problems = output
        self.problems += problems
        buf = self.buf
        buf["documents"].append(tuple(row.get(c) for c in DOCUMENT_COLUMNS))
        self.keys.append(key)
        if doc is not None:
            if self.keep_docs:
                self.docs.append(doc)
            buf["sentences"] += sentence_rows(doc)
            buf["boilerplate"] += as_tuples(boiler, BOILERPLATE_COLUMNS)
            buf["metadata"] += as_tuples(metas, METADATA_COLUMNS)
            for table, rows in facts.items():
                buf[table] += rows
        self.pending += 1
        if self.pending >= self.every:
            self.flush()

    def flush(self) -> None:
        for t, rows in self.buf.items():
            if rows:
                keys = self.keys if t == "documents" else None
                self.parts[t].append(rows_table(rows, self.columns[t], t, keys))
                self.buf[t] = []
        self.keys = []
        self.pending = 0

    def finish(self) -> dict:
        """Every table as one Arrow table (`documents` with its `_key` column)."""
        self.flush()
        out = {t: concat_parts(self.parts[t], cols) for t, cols in self.columns.items()}
        if not out["documents"].num_rows:
            out["documents"] = rows_table([], DOCUMENT_COLUMNS, "documents", [])
        return out


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
    """Seconds spent in each phase of the build: wall time (`BuildResult.timings`) and CPU time of
    this process (`BuildResult.cpu_timings`: steadier on a shared machine; without the workers')."""

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
    None: no limit). `corpus.docs` holds the `Doc` of every accepted document only when the
    build extracted every file on this machine (no cache, local engine); otherwise the texts are
    in `out/text/`."""
    clock = _Clock()
    seeds = Path(seeds)
    curated = read_manifest(manifest)
    items = [(p, rel, i, curated) for p, rel, i in assign_ids(seeds, list_files(seeds))]
    jobs = jobs or min(2, os.cpu_count() or 1)
    clock.lap("list files")
    output = _Output(Path(out)) if out is not None else None
    store = DocumentCache(Path(out) / CACHE_DIR) if cache and out is not None else None
    try:
        limits = Limits(seeds, None if max_mb is None else int(max_mb * 1e6), doc_seconds)
        return _run(items, jobs, output, clock, store, engine, scheduler, limits)
    except BaseException:
        if output is not None:
            output.abort()
        raise


def _run(items: list[tuple], jobs: int, output: _Output | None, clock: _Clock,
         store: DocumentCache | None = None, engine: str = "local", scheduler: str | None = None,
         limits: Limits | None = None) -> BuildResult:
    text_dir = output.text_dir() if output is not None else None
    items = [(*it, None if text_dir is None else str(text_dir), limits) for it in items]
    # a file's key: for the cache, its bytes and everything else its rows depend on; else its doc_id
    keys = [_key(p, rel, i, curated, limits) if store else i for p, rel, i, curated, _t, _l in items]
    old, previous = _reusable(store, output, keys)  # the stored rows of unchanged files, or None
    incremental = old is not None  # the output's text folder is the one the cache describes
    hits = set(old["documents"].column(KEY).to_pylist()) if old else set()
    todo = [i for i, k in enumerate(keys) if k not in hits]
    clock.lap("hash files, read the cache")
    collect = Collector(COLLECT_EVERY, keep_docs=engine == "local" and store is None)
    # a process pool (or a Dask cluster) only for many files: never started for a few new ones; it
    # ends with the extraction (its workers' memory is freed before the tables are assembled)
    with Engine(engine, jobs, scheduler, len(todo)) as runner:
        progress = progress_bar(len(todo))
        if runner.client is not None:
            # Dask: the workers write the rows as Parquet parts (`pipeline.parts`), not through Dask
            from analysis.pipeline.parts import PartsCollector

            collect = PartsCollector(output.stage / "parts" if output is not None else None, collect.columns)
            collect.run(runner, [items[i] for i in todo], [keys[i] for i in todo], progress)
        else:
            for i, c in zip(todo, runner.map(work_file, [items[i] for i in todo])):
                collect.add(keys[i], c)
                progress.update()
        progress.close()
    clock.lap("extract (new or changed files)")
    raise_if(collect.problems)
    new = collect.finish()
    merged = {t: concat_parts([old[t], new[t]], cols) if old else new[t] for t, cols in collect.columns.items()}
    corpus, tables = _assemble(merged, [it[2] for it in items], collect.docs)
    check_invariants(corpus, tables, spans=False)  # spans were checked per document in the workers
    clock.lap("assemble tables")
    if text_dir is not None:
        _texts(corpus.documents, items, keys, todo, text_dir, output.out / "text" if incremental else None)
    key_of = dict(zip([it[2] for it in items], keys))
    buckets = _cross_document(corpus, tables, output, previous, key_of)
    clock.lap("cross-document (theme shares, claims)")
    result = BuildResult(corpus, tables, None, 0.0, clock.timings, len(hits), clock.cpu)
    if output is not None:
        build_id = uuid.uuid4().hex[:16]
        ok = corpus.documents.loc[corpus.documents["status"] == "ok", "doc_id"]
        output.finish(build_info(result, build_id), set(ok) if incremental else None)
        result.out = output.out
        if store is not None:
            store.save({**merged, **_whole_tables(corpus, tables, buckets, key_of)}, build_id)
            log.info("cache: %d files reused, %d extracted", len(hits), len(todo))
        clock.lap("write (the rest)")
    result.seconds = time.perf_counter() - clock.start
    log.info("build timings: %s", clock.timings)
    return result


def _key(path: Path, rel: Path, doc_id: str, curated: dict, limits: Limits | None) -> str:
    """The cache key of a file (`cache.file_key`); a file the limits refuse is keyed by the reason
    (its bytes are not read: a link may point anywhere)."""
    reason = limits.refusal(path) if limits is not None else None
    return file_key(path, rel, curated.get(str(rel)), doc_id) if reason is None else f"refused:{rel}:{reason}"


def _reusable(store: DocumentCache | None, output: _Output | None, keys: list[str]) -> tuple:
    """(the stored rows (Arrow tables) of the files whose key is in the cache, the stored
    cross-document tables or None); (None, None) when there is no usable cache: none, another
    extraction version, unreadable (reported), or an output folder that another build wrote
    since or without its text folder (its texts are not those of the cache)."""
    if store is None or store.fresh:
        return None, None
    if output is None or output.previous_build() != store.build_id or not (output.out / "text").is_dir():
        log.info("cache %s: the output folder was written by another build or lacks its texts; every file "
                 "is extracted again", store.folder)
        return None, None
    previous = store.load_whole()
    stored = store.stored()
    old = store.load(list(Collector().columns), {k for k in keys if k in stored})
    return old, previous if old is not None else None


def _assemble(merged: dict, doc_ids: list[str], docs: list) -> tuple[Corpus, dict[str, pd.DataFrame]]:
    """The corpus and the fact tables as DataFrames, from every file's rows (Arrow tables in any
    order, duplicates included): documents in corpus order (`doc_ids`), marked duplicate when an
    earlier file has the same text (`corpus.mark_duplicate`), and the rows of the accepted
    documents only, in corpus order (each document's rows in the order they were made)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    def in_order(table, ids):
        at = pc.index_in(table.column("doc_id"), value_set=ids)
        if at.null_count:
            table, at = table.filter(pc.is_valid(at)), at.drop_null()
        if len(at) < 2 or pc.all(pc.less_equal(at[:-1], at[1:])).as_py():
            return table  # in order already (e.g. the new files come last)
        return table.take(pc.sort_indices(at))  # (a stable sort)

    documents = in_order(merged["documents"], pa.array(doc_ids, pa.string()))
    seen: dict[str, str] = {}
    rows = [mark_duplicate((r, None, [], []), seen)[0] for r in documents.drop_columns([KEY]).to_pylist()]
    ok = [r["doc_id"] for r in rows if r["status"] == "ok"]
    ok_ids = pa.array(ok, pa.string())
    frames = {t: as_typed(in_order(table, ok_ids)).to_pandas() for t, table in merged.items() if t != "documents"}
    keep = set(ok)
    corpus = Corpus([d for d in docs if d.doc_id in keep], documents_frame(rows), frames.pop("sentences"),
                    frames.pop("boilerplate"), frames.pop("metadata"))
    return corpus, frames


def _texts(documents: pd.DataFrame, items: list[tuple], keys: list, extracted: list[int], text_dir: Path,
           previous: Path | None) -> None:
    """The staged text folder: the workers wrote the text of every file they extracted; the texts of
    documents that are not accepted (duplicates) are removed. With `previous` (the output's text
    folder, which the cache describes), an accepted document taken from the cache whose text is
    not there (it was a duplicate before, or the file was deleted) is extracted again here to
    write it."""
    accepted = set(documents.loc[documents["status"] == "ok", "doc_id"])
    for i in extracted:
        if items[i][2] not in accepted:
            (text_dir / f"{items[i][2]}.txt").unlink(missing_ok=True)
    if previous is not None:
        done = set(extracted)
        for i, it in enumerate(items):
            if i not in done and it[2] in accepted and not (previous / f"{it[2]}.txt").exists():
                work_file(it)


def _cross_document(corpus: Corpus, tables: dict[str, pd.DataFrame], output, previous: dict | None = None,
                    key_of: dict | None = None) -> list[str]:
    """Add the theme-shares and claims tables (while a background thread of `output` writes the
    other tables: Arrow releases the GIL); → the bucket of each claim (`claims.bucket`). With
    `previous` (the cache's tables of the build before, `cache.WHOLE`) and the key of each file
    (`key_of`, by doc_id), only the claims that the changed documents touch are computed again
    (`update_claims`)."""
    if output is not None:
        for name in ("documents", "sentences", "boilerplate", "metadata"):
            output.table(name, getattr(corpus, name))
        for name, df in tables.items():
            output.table(name, df)
    # the fact rows carry their sentence's attribution already (see `work_file`)
    facts = {k: v for k, v in tables.items() if k in TABLE_KINDS}
    documents = corpus.documents
    if previous is None:
        claims, buckets = claims_table(facts, documents, buckets=True)
    else:
        changed = changed_documents(previous["built"], documents, key_of)
        before = previous["claims"]
        claims, buckets = update_claims(before.drop(columns="_bucket"), before["_bucket"].tolist(), facts,
                                        documents, changed)
    tables["theme_shares"] = theme_shares(tables["themes"][SHARE_INPUT_COLUMNS], documents)
    tables["claims"] = claims
    if output is not None:
        output.table("theme_shares", tables["theme_shares"])
        output.table("claims", claims)
    return buckets


def changed_documents(built: pd.DataFrame, documents: pd.DataFrame, key_of: dict) -> set[str]:
    """The doc_ids whose facts may differ from those of the build that made `built` (the doc_id,
    key and status of each of its files): accepted now or then, but not both with the same key."""
    def accepted(doc_ids, keys, statuses):
        return {(d, k) for d, k, s in zip(doc_ids, keys, statuses) if s == "ok"}

    now = accepted(documents["doc_id"], documents["doc_id"].map(key_of), documents["status"])
    return {d for d, _k in now ^ accepted(built["doc_id"], built[KEY], built["status"])}


def _whole_tables(corpus: Corpus, tables: dict[str, pd.DataFrame], buckets: list[str], key_of: dict) -> dict:
    """The cross-document tables kept in the cache for the next build (`cache.WHOLE`), as Arrow
    tables; none when one cannot be typed (the next build then computes them in full)."""
    import pyarrow as pa

    d = corpus.documents
    try:
        return {"claims": pa.Table.from_pandas(tables["claims"].assign(_bucket=buckets), preserve_index=False),
                "built": pa.table({"doc_id": pa.array(d["doc_id"].tolist(), pa.string()),
                                   KEY: pa.array(d["doc_id"].map(key_of).tolist(), pa.string()),
                                   "status": pa.array(d["status"].tolist(), pa.string())})}
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return {}


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


def build_info(result: BuildResult, build_id: str = "") -> dict:
    """What `build_info.json` says about a build; `build_id` names it (the cache records the id of
    the build whose output it describes)."""
    c = result.corpus
    return {
        "build_id": build_id,
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

    def previous_build(self) -> str | None:
        """The id of the build that wrote the output folder (None: none, or unknown)."""
        try:
            return json.loads((self.out / "build_info.json").read_text(encoding="utf-8")).get("build_id")
        except (OSError, ValueError, AttributeError):
            return None

    def finish(self, info: dict, accepted: set[str] | None = None) -> None:
        """Move the staged files into the output folder. The staged `text/` folder replaces the
        output's; with `accepted` (doc_ids), the staged texts are moved into the output's `text/`
        instead and its texts of other documents removed: the texts of unchanged documents stay
        in place."""
        for f in self.futures:
            f.result()  # a failed write raises here
        self.pool.shutdown()
        (self.stage / "build_info.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
        out = self.out
        out.mkdir(parents=True, exist_ok=True)
        for name in [*self.files, "build_info.json"]:
            os.replace(self.stage / name, out / name)
        staged, texts = self.stage / "text", out / "text"
        if accepted is not None and texts.is_dir():
            for p in staged.iterdir() if staged.exists() else ():
                os.replace(p, texts / p.name)
            for p in texts.iterdir():
                if p.suffix != ".txt" or p.stem not in accepted:
                    p.unlink()
        else:
            old = None
            if texts.exists():
                old = out / f".text.old-{os.getpid()}"
                os.replace(texts, old)
            if staged.exists():
                os.replace(staged, texts)
            if old is not None:
                shutil.rmtree(old)
        shutil.rmtree(self.stage, ignore_errors=True)

    def abort(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
        shutil.rmtree(self.stage, ignore_errors=True)

