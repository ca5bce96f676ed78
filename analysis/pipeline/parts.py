"""The Dask engine's way of collecting: the workers write their partition's rows as Parquet files,
the build's process (the driver) reads back only each document's row of the `documents` table.

A worker runs the per-document function (`build._work`) over a partition of files, writes every
table's rows of the partition to `PARTS/<table>/part-<NNNNN>.parquet` (NNNNN: the partition's number
in corpus order) and returns the partition's `documents` rows and problems. The driver takes the
partitions in corpus order: it marks the partition's duplicates (`corpus.load.mark_duplicate`: the
first file with a text wins; every earlier file has been seen), reads its parts back without the
duplicates' rows while the workers extract the next partitions, and at the end puts each table's
parts together as the local engine does (`build.concat_parts`), so the tables are the same. The
documents' texts and rows do not travel through Dask's connections: the rows go through the part
files, the texts into the output folder's `text/`, written by the workers.

`PARTS` is a folder every worker and the driver see at the same path (in the output folder's
staging folder): it is removed once the tables are assembled.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd

from analysis.corpus.load import (BOILERPLATE_COLUMNS, METADATA_COLUMNS, SENTENCE_COLUMNS, Corpus, documents_frame,
                                  mark_duplicate, sentence_rows)
from analysis.pipeline.build import EXTRACTORS, _work, concat_parts, table_columns

# every table of rows per document: its columns, and whether its rows are tuples (else dicts)
COLUMNS = {"sentences": SENTENCE_COLUMNS, "boilerplate": BOILERPLATE_COLUMNS, "metadata": METADATA_COLUMNS,
           **{t: table_columns(t, cols) for t, _fn, cols in EXTRACTORS}}
TUPLES = {t for t, _fn, _cols in EXTRACTORS} | {"sentences"}


def part_file(parts: Path, table: str, number: int) -> Path:
    return Path(parts) / table / f"part-{number:05d}.parquet"


def _frame(table: str, rows: list) -> pd.DataFrame:
    make = pd.DataFrame.from_records if table in TUPLES else pd.DataFrame
    return make(rows, columns=COLUMNS[table])


def write_partition(number: int, items: list, parts: str) -> tuple[list[dict], list[str]]:
    """On a worker: `build._work` over the files `items`; every table's rows written to its part
    file `number` under `parts` → (the files' `documents` rows, the problems found)."""
    rows, problems = [], []
    buf: dict[str, list] = {t: [] for t in COLUMNS}
    for item in items:
        (row, doc, boiler, metas), facts, found = _work(item)
        rows.append(row)
        problems += found
        if doc is None:
            continue
        buf["sentences"] += sentence_rows(doc)
        buf["boilerplate"] += boiler
        buf["metadata"] += metas
        for table, facts_rows in facts.items():
            buf[table] += facts_rows
    for table, table_rows in buf.items():
        write_part(_frame(table, table_rows), part_file(Path(parts), table, number))
    return rows, problems


def write_part(df: pd.DataFrame, path: Path) -> None:
    """`df` as the Parquet file `path`, with its pandas schema (it reads back with the dtypes it was
    built with); a frame with a column Arrow cannot type (mixed objects) is pickled beside it instead."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        table = pa.Table.from_pandas(df, preserve_index=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError, ValueError):
        df.to_pickle(path.with_suffix(".pkl"))
    else:
        pq.write_table(table, path)


def read_part(parts: Path, table: str, number: int, dropped: set[str]) -> pd.DataFrame:
    """Part `number` of `table`, without the rows of the documents `dropped` (duplicates), typed as
    if they had never been there."""
    import pyarrow.parquet as pq

    path = part_file(parts, table, number)
    df = pq.read_table(path).to_pandas() if path.exists() else pd.read_pickle(path.with_suffix(".pkl"))
    if dropped and len(df) and df["doc_id"].isin(dropped).any():
        kept = df[~df["doc_id"].isin(dropped)]
        df = _frame(table, list(kept.itertuples(index=False, name=None)) if table in TUPLES
                    else kept.to_dict("records"))
    return df


class PartsCollector:
    """The driver's side: `run` sends the partitions to the workers, keeps the `documents` rows and
    problems they return, marking duplicates in corpus order, and reads each partition's parts
    back; `finish` puts each table together (the same interface as `build._Collector`: `problems`, `finish()` → (corpus, tables); the
    corpus has no `Doc`s, the texts are in `text_dir`). `parts`: the folder for the part files
    (None: a temporary folder on this machine, enough for a local cluster)."""

    def __init__(self, parts: Path | None, text_dir: Path | None):
        if parts is None:
            import tempfile

            parts = Path(tempfile.mkdtemp(prefix="analysis-parts-"))
        self.parts, self.text_dir = Path(parts), text_dir
        self.rows: list[dict] = []
        self.problems: list[str] = []
        self.seen: dict[str, str] = {}
        self.frames: dict[str, list[pd.DataFrame]] = {t: [] for t in COLUMNS}

    def run(self, runner, items: list, progress) -> None:
        """`write_partition` over `items` on the Dask engine `runner`; each partition's parts are
        read back as soon as it is done (its duplicates known: every earlier file has been seen),
        while the workers extract the next ones."""
        try:
            self._take(runner.map_partitions(write_partition, items, str(self.parts)), progress)
        except BaseException:
            shutil.rmtree(self.parts, ignore_errors=True)
            raise

    def _take(self, results, progress) -> None:
        for number, (part_rows, part_problems) in enumerate(results):
            self.problems += part_problems
            dropped = set()
            for row in part_rows:
                row, _doc, _b, _m = mark_duplicate((row, None, [], []), self.seen)
                if row["status"] == "duplicate":
                    dropped.add(row["doc_id"])
                    if self.text_dir is not None:
                        os.remove(self.text_dir / f"{row['doc_id']}.txt")  # written before it was known
                self.rows.append(row)
            for table, frames in self.frames.items():
                frames.append(read_part(self.parts, table, number, dropped))
            progress.update(len(part_rows))

    def finish(self) -> tuple[Corpus, dict[str, pd.DataFrame]]:
        shutil.rmtree(self.parts, ignore_errors=True)
        tables = {t: concat_parts(frames, COLUMNS[t]) for t, frames in self.frames.items()}
        corpus = Corpus([], documents_frame(self.rows), tables.pop("sentences"), tables.pop("boilerplate"),
                        tables.pop("metadata"))
        return corpus, tables
