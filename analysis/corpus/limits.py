"""What the build refuses to read, and how long one document may take.

A corpus folder is input from anyone: it may hold links to files elsewhere on the machine, files
far larger than any article, named pipes, link loops. `refusal(path, folder, max_bytes)` says why a
listed file is not read at all (before a single byte of it is opened); the file still gets a row in
the `documents` table, status `rejected` with that reason.

- a symbolic link is followed only when it resolves to a regular file inside the corpus folder:
  "points outside the folder", "a link loop", "a link to a folder", "a link to nothing" otherwise;
- anything that is not a regular file (a named pipe, a device) is refused;
- a file above `max_bytes` (default `MAX_MB` = 2 MB, `build --max-mb`) is refused with its size;
  news articles are tens of kilobytes, and the size cap bounds every later step.

`time_budget(seconds)` bounds one document's processing (default `DOC_SECONDS` = 20 s,
`build --doc-seconds`): past it, `TimeBudgetExceeded` is raised inside the work (a SIGALRM timer,
so it needs the main thread of a process, as in the build's worker processes; elsewhere, e.g. in a
Dask worker thread, the budget is not enforced and a log line at DEBUG says so).
"""
from __future__ import annotations

import contextlib
import errno
import logging
import os
import signal
import stat
import threading
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger("analysis")

MAX_MB = 2.0
DOC_SECONDS = 20.0


def refusal(path: Path, folder: Path, max_bytes: int | None) -> str | None:
    """Why `path` (listed under `folder`) must not be read, or None when it may be."""
    path = Path(path)
    if path.is_symlink():
        try:
            target = Path(os.path.realpath(path, strict=True))
        except OSError as e:
            if e.errno == errno.ELOOP:
                return "a link loop (symbolic links that lead back to themselves), not followed"
            return f"a link to nothing ({os.readlink(path)} does not exist)"
        root = Path(os.path.realpath(folder))
        if root != target and root not in target.parents:
            return f"a symbolic link that points outside the folder ({target}), not followed"
        if target.is_dir():
            return "a link to a folder, not followed"
    try:
        st = os.stat(path)
    except OSError as e:
        return f"cannot be read: {e.strerror or e}"
    if not stat.S_ISREG(st.st_mode):
        return "not a regular file (a pipe, device or socket), not read"
    if max_bytes is not None and st.st_size > max_bytes:
        return (f"file is {st.st_size / 1e6:.1f} MB, above the limit of {max_bytes / 1e6:g} MB "
                f"(build --max-mb)")
    return None


class TimeBudgetExceeded(BaseException):
    """One document took longer than its time budget. A BaseException, like KeyboardInterrupt, so
    that a library's `except Exception` around its own work cannot swallow it."""


@contextlib.contextmanager
def time_budget(seconds: float | None):
    """Raise `TimeBudgetExceeded` in the block once `seconds` have passed (None or 0: no budget)."""
    if not seconds or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGALRM"):
        if seconds:
            log.debug("time budget of %s s not enforced outside a process's main thread", seconds)
        yield
        return

    def expired(_signum, _frame):
        raise TimeBudgetExceeded(f"took longer than {seconds:g} s (build --doc-seconds)")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass(frozen=True)
class Limits:
    """The limits of one build: the corpus `folder` (links must stay inside it), the largest file
    read (`max_bytes`, None: no limit) and one document's time budget (`seconds`, None: none)."""
    folder: Path
    max_bytes: int | None = int(MAX_MB * 1e6)
    seconds: float | None = DOC_SECONDS

    def refusal(self, path: Path) -> str | None:
        return refusal(path, self.folder, self.max_bytes)


# the loggers of the libraries that read a file for us; what they say about one file ("discarding
# data: None") is not the build's news: `library_logs` re-logs it at DEBUG under the file's name
LIBRARY_LOGGERS = ("trafilatura", "htmldate", "courlan", "charset_normalizer", "readability", "justext")


class _Relay(logging.Handler):
    def __init__(self, name: str):
        super().__init__(logging.DEBUG)
        self.file = name

    def emit(self, record: logging.LogRecord) -> None:
        log.debug("%s: %s: %s", self.file, record.name, record.getMessage())


@contextlib.contextmanager
def library_logs(name: str):
    """While reading file `name`, the libraries' log lines go to the build's log at DEBUG, named
    after the file, instead of reaching the terminal raw."""
    relay = _Relay(name)
    loggers = [logging.getLogger(n) for n in LIBRARY_LOGGERS]
    saved = [lg.propagate for lg in loggers]
    for lg in loggers:
        lg.addHandler(relay)
        lg.propagate = False
    try:
        yield
    finally:
        for lg, propagate in zip(loggers, saved):
            lg.removeHandler(relay)
            lg.propagate = propagate
