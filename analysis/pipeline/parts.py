"""The Dask engine's way of collecting: the workers write their partition's rows as Parquet files,
and the rows do not travel back through Dask's connections.

A worker runs the per-document function (`build.work_file`) over a partition of files, gathers the
partition's rows exactly as the build's own collector does (`build.Collector`: Arrow tables, the
`documents` rows with each file's key), writes each table to `PARTS/<table>/part-<NNNNN>.parquet`
(NNNNN: the partition's number in corpus order) and returns only how many files it did and the
problems it found. The build's process (the driver) reads each partition's parts back as soon as
it arrives, while the workers extract the next ones, and `finish` puts every table together in
corpus order: the same Arrow tables the local engine's collector gives, so the rest of the build
(duplicates decided over the whole corpus, the invariants, the cross-document steps, the writing)
is the same and so are the tables, byte for byte (tested).

`PARTS` is a folder every worker and the driver see at the same path (in the output folder's
staging folder; a temporary folder for a build that writes nothing): it is removed at the end.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from analysis.pipeline.rows import concat_parts


def part_file(parts: Path, table: str, number: int) -> Path:
    return Path(parts) / table / f"part-{number:05d}.parquet"


def write_partition(number: int, items: list, parts: str) -> tuple[int, list[str]]:
    """On a worker: `build.work_file` over the (key, file) pairs `items`, the rows gathered as the
    build's collector gathers them and written to the part files `number` under `parts` → (how
    many files, the problems found)."""
    from analysis.pipeline.build import Collector, work_file

    collect = Collector(every=len(items) + 1, keep_docs=False)
    for key, item in items:
        collect.add(key, work_file(item))
    for table, rows in collect.finish().items():
        path = part_file(Path(parts), table, number)
        path.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(rows, path)
    return len(items), collect.problems


class PartsCollector:
    """The driver's side, with the interface of `build.Collector` that the build reads after the
    extraction (`columns`, `docs`, `problems`, `finish()`): `run` sends the partitions to the
    workers and reads each one's parts back as it arrives."""

    def __init__(self, parts: Path | None, columns: dict[str, list[str]]):
        self.parts = Path(parts) if parts is not None else Path(tempfile.mkdtemp(prefix="analysis-parts-"))
        self.columns = columns
        self.docs: list = []  # (the texts are in the output folder, as with any build that uses Dask)
        self.problems: list[str] = []
        self.tables: dict[str, list[pa.Table]] = {t: [] for t in columns}

    def run(self, runner, items: list, keys: list[str], progress) -> None:
        """`write_partition` over the files `items` (with their `keys`) on the Dask engine `runner`."""
        try:
            for number, (done, problems) in enumerate(
                    runner.map_partitions(write_partition, list(zip(keys, items)), str(self.parts))):
                self.problems += problems
                for table, parts in self.tables.items():
                    parts.append(pq.read_table(part_file(self.parts, table, number)))
                progress.update(done)
        finally:
            shutil.rmtree(self.parts, ignore_errors=True)

    def finish(self) -> dict[str, pa.Table]:
        """Every table as one Arrow table, in corpus order (`documents` with its key column)."""
        return {t: concat_parts(parts, self.columns[t]) for t, parts in self.tables.items()}
