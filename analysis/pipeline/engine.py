"""Where the per-document function runs: on this machine (a process pool) or on a Dask cluster.

The build maps one function (`build.work_file`, one file in, its rows out) over the files to extract
and reads the results back in corpus order; an engine only decides where the calls run.

- `local`: a process pool of `jobs` workers on this machine (no pool for fewer than 50 files).
- `dask`: Dask distributed, on the scheduler at `scheduler` (any address: dask-kubernetes,
  dask-jobqueue, `dask scheduler` on a machine of yours), or else a `LocalCluster` of `jobs`
  single-threaded worker processes. Files go to the workers in partitions of `PARTITION` files, and
  at most `AHEAD` partitions per worker are in flight at once: neither this process nor the workers
  hold more than a few partitions' results, whatever the size of the corpus. The workers need the
  same `analysis` package and `data/` folder, and must see the corpus folder and the output folder
  at the same paths (a shared file system).
"""
from __future__ import annotations

import logging
import resource
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Iterable, Iterator

log = logging.getLogger("analysis")
# each Dask worker's CPU seconds (user + sys) spent while the engine was open, logged when it closes;
# the record's `worker_cpu` attribute holds them as {worker address: seconds} (`bench --engines`)
cpu_log = logging.getLogger("analysis.engine.cpu")
# where the work runs (workers, the scheduler's dashboard): the command line shows it (`cli.main`)
where_log = logging.getLogger("analysis.engine.where")

ENGINES = ("local", "dask")
PARTITION = 64  # files per Dask task: coarse enough that scheduling costs little (about 10 ms a task)
AHEAD = 2  # partitions per worker submitted before the first one is read back


def _chunks(n_items: int, jobs: int) -> int:
    return max(1, min(64, n_items // (jobs * 8) or 1))


def process_cpu() -> float:
    """User + system CPU seconds of the calling process so far."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _partitions(items: list) -> Iterator[tuple[int, list]]:
    """(number, the next PARTITION items) in order."""
    for n, i in enumerate(range(0, len(items), PARTITION)):
        yield n, items[i:i + PARTITION]


def _each(fn: Callable, items: list) -> list:
    """One Dask task: `fn` over a partition of files."""
    return [fn(it) for it in items]


class Engine:
    """`map(fn, items)` → the results in order; `pool` is the local process pool (None with Dask or
    without a pool), which the build also uses for its cross-document steps. Use as a context."""

    def __init__(self, name: str = "local", jobs: int = 2, scheduler: str | None = None, n_items: int = 0):
        if name not in ENGINES:
            raise ValueError(f"unknown engine {name!r} (engines: {', '.join(ENGINES)})")
        self.name, self.jobs, self.scheduler = name, jobs, scheduler
        self.pool = self.client = self.cluster = None
        if name == "local" and jobs > 1 and n_items >= 50:
            self.pool = ProcessPoolExecutor(max_workers=jobs)
        elif name == "dask" and n_items:
            self._start_dask()

    def _start_dask(self) -> None:
        from distributed import Client, LocalCluster

        # Dask's own start-up lines (scheduler and worker addresses, an optional-package hint) are
        # not the build's messages: only its errors are shown
        logging.getLogger("distributed").setLevel(logging.ERROR)

        if self.scheduler:
            self.client = Client(self.scheduler)
        else:
            self.cluster = LocalCluster(n_workers=self.jobs, threads_per_worker=1, processes=True,
                                        dashboard_address=None)
            self.client = Client(self.cluster)
        workers = len(self.client.scheduler_info().get("workers", {}))
        where = self.scheduler or "a local cluster"
        board = self.client.dashboard_link if self.scheduler else "none (local cluster)"
        where_log.info("dask: %d workers on %s; dashboard: %s", workers, where, board)
        self.jobs = max(1, workers)
        self.cpu_start = self.client.run(process_cpu)  # {worker address: CPU seconds}

    def map(self, fn: Callable, items: list) -> Iterator:
        if self.client is not None:
            return self._map_dask(fn, items)
        if self.pool is not None:
            return self.pool.map(fn, items, chunksize=_chunks(len(items), self.jobs))
        return map(fn, items)

    def _map_dask(self, fn: Callable, items: list) -> Iterator:
        for results in self._in_window(_each, ((fn, part) for _n, part in _partitions(items))):
            yield from results

    def map_partitions(self, fn: Callable, items: list, *args) -> Iterator:
        """On Dask: `fn(number, partition, *args)` for each partition of `items` (PARTITION files,
        numbered from 0 in order) → the results in order, through the same bounded window."""
        if self.client is None:
            raise ValueError("map_partitions runs on the dask engine")
        return self._in_window(fn, ((n, part, *args) for n, part in _partitions(items)))

    def _in_window(self, fn: Callable, calls: Iterable[tuple]) -> Iterator:
        """`fn(*call)` on the workers for each call in order, at most AHEAD per worker in flight."""
        window: deque = deque()
        for call in calls:
            window.append(self.client.submit(fn, *call, pure=False))
            if len(window) >= AHEAD * self.jobs:
                yield self._take(window)
        while window:
            yield self._take(window)

    @staticmethod
    def _take(window: deque):
        future = window.popleft()
        result = future.result()
        future.release()
        return result

    def _log_worker_cpu(self) -> None:
        """Log each worker's CPU seconds since the engine started (workers that joined later: since
        they started). Skipped if the workers cannot be reached (e.g. after an error)."""
        try:
            now = self.client.run(process_cpu)
        except (OSError, TimeoutError, RuntimeError, ValueError) as e:  # (a measurement must not hide the build's own error)
            cpu_log.debug("dask worker CPU not measured: %s", e)
            return
        cpu = {w: round(s - self.cpu_start.get(w, 0.0), 3) for w, s in sorted(now.items())}
        cpu_log.info("dask worker CPU (s): %s", ", ".join(f"{w} {s:.1f}" for w, s in cpu.items()),
                     extra={"worker_cpu": cpu})

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
        if self.client is not None:
            self._log_worker_cpu()
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()
