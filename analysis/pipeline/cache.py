"""The per-document cache: a rebuild extracts only the files that are new or changed.

What one file gives the build (`build._work`: its documents row, the `Doc`, its boilerplate and
metadata rows, every extractor's rows and any span problems) is stored in an SQLite database in the
output folder, `OUT/.cache/documents.sqlite`, keyed by

- the file: its path relative to the corpus folder, the SHA-256 of its bytes, its manifest entry and
  its doc_id;
- the **extraction version** (`extraction_version`): a SHA-256 of everything that shapes the rows:
  the code of `analysis/lexicon`, `analysis/corpus`, `analysis/extract` and the build, every file of
  `data/registry` and `data/lexicons`, and the versions of the libraries that read the text.

A changed file has a new key, so it is extracted again; the entries of files no longer in the
folder are dropped at the end of the build; a new extraction version (an extractor or a lexicon
changed) empties the cache, so every file is extracted again. A cache that cannot be read (not an
SQLite file, a missing table, an entry that does not decode) is reported with the reason and
rebuilt from scratch, never trusted. The cross-document steps (theme shares, claims) always run on
the full tables, so they need no cache.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import marshal
import sqlite3
import sys
import zlib
from importlib import metadata
from pathlib import Path

from analysis import config
from analysis.corpus.doc import Doc, Sentence

log = logging.getLogger("analysis")

FORMAT = "2"  # the layout of an entry (`encode`); a new layout empties old caches
CODE_DIRS = ("lexicon", "corpus", "extract")
CODE_FILES = ("pipeline/build.py", "pipeline/invariants.py")
DATA_DIRS = ("registry", "lexicons")
# the libraries whose output becomes rows (decoding, HTML extraction, front matter, YAML, tone, names)
LIBRARIES = ("charset-normalizer", "trafilatura", "python-frontmatter", "PyYAML", "vaderSentiment",
             "gender-guesser")


def extraction_version() -> str:
    """A hash of the code, data files and library versions that shape the per-document rows."""
    pkg, data = config.PACKAGE_DIR, config.DATA_DIR
    files = [(pkg, p) for d in CODE_DIRS for p in (pkg / d).rglob("*.py")]
    files += [(pkg, pkg / f) for f in CODE_FILES]
    files += [(data, p) for d in DATA_DIRS for p in (data / d).rglob("*") if p.is_file()]
    h = hashlib.sha256(f"{FORMAT}\0python {sys.version_info[:2]} marshal {marshal.version}\0".encode())
    for root, p in sorted(files):
        h.update(f"{root.name}/{p.relative_to(root)}".encode() + b"\0" + p.read_bytes() + b"\0")
    for lib in LIBRARIES:
        try:
            h.update(f"{lib}=={metadata.version(lib)}\0".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{lib} absent\0".encode())
    return h.hexdigest()[:20]


def file_key(path: Path, rel: Path, manifest_entry: dict | None, doc_id: str = "") -> str:
    """The key of one corpus file: relative path, bytes, manifest entry and doc_id (ids come from
    paths, and a clash is resolved in corpus order, so a new file can change an old one's id, which
    its stored rows carry). A file that cannot be read gets a key that never matches (it is
    processed, and rejected with the OS error)."""
    h = hashlib.sha256(str(rel).encode() + b"\0" + doc_id.encode() + b"\0")
    try:
        h.update(Path(path).read_bytes())
    except OSError as e:
        return f"unreadable:{rel}:{e}"
    h.update(b"\0" + json.dumps(manifest_entry or {}, sort_keys=True).encode())
    return h.hexdigest()


# ----------------------------------------------------------------------------- entries
# An entry is `marshal` data (the standard library's format for Python's own values: it keeps the
# rows' tuples as tuples and reads back 1.5-2x faster than JSON, which has to turn lists back into
# tuples), compressed with zlib, whose checksum catches a damaged entry before it is read. marshal's
# format may change between Python versions: the version is part of the extraction version.
def encode(output) -> bytes:
    """One `build._work` output as compressed marshal data (every value in it is a str, number,
    bool, None, tuple, list or dict)."""
    (row, doc, boiler, metas), facts, problems = output
    d = None
    if doc is not None:
        d = (doc.doc_id, doc.text, tuple(tuple(s[:3]) for s in doc.sentences),
             doc.published.isoformat() if doc.published else None, doc.published_precision, doc.title,
             tuple(tuple(b) for b in doc.boilerplate))
    value = (row, d, boiler, metas, {t: list(rows) for t, rows in facts.items()}, problems)
    return zlib.compress(marshal.dumps(value), 1)


def decode(blob: bytes):
    """The `build._work` output an `encode`d entry holds (raises ValueError if it does not decode)."""
    try:
        row, d, boiler, metas, facts, problems = marshal.loads(zlib.decompress(blob))
        doc = None
        if d is not None:
            doc_id, text, sentences, published, precision, title, boilerplate = d
            doc = Doc(doc_id, text, tuple([Sentence(i, s, e, text[s:e]) for i, s, e in sentences]),
                      dt.date.fromisoformat(published) if published else None, precision, title, boilerplate)
        return (row, doc, boiler, metas), facts, problems
    except (zlib.error, EOFError, TypeError, ValueError) as e:
        raise ValueError(f"an entry does not decode ({type(e).__name__}: {e})") from None


# ----------------------------------------------------------------------------- the store
class DocumentCache:
    """The cache of one output folder. `get` reads what an earlier build stored; `put` keeps a new
    entry in memory; `save` (called when the build succeeded) writes the new entries and drops the
    entries of files no longer in the corpus, in one transaction, so a failed build leaves the cache
    as it was. `hits` counts the entries reused."""

    def __init__(self, path: Path, version: str | None = None):
        self.path = Path(path)
        self.version = version or extraction_version()
        self.hits = 0
        self.new: dict[str, bytes] = {}
        self.fresh = True  # whether `save` starts a new file (none yet, another version, unreadable)
        self.db: sqlite3.Connection | None = None
        if self.path.exists():
            try:
                self.db = sqlite3.connect(self.path)
                found = dict(self.db.execute("select name, value from meta").fetchall())
                self.db.execute("select count(*) from documents").fetchone()
            except sqlite3.DatabaseError as e:
                self._distrust(f"it cannot be read ({e})")
                return
            if found.get("version") == self.version:
                self.fresh = False
            else:
                log.info("cache %s: the extraction code or a lexicon changed, every file is extracted "
                         "again", self.path)
                self._close()

    def _distrust(self, why: str) -> None:
        log.warning("cache %s: %s; every file is extracted again and the cache rebuilt", self.path, why)
        self._close()
        self.fresh = True

    def _close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None

    def stored(self) -> set[str]:
        """The keys of every stored entry (empty when the cache is not trusted)."""
        if self.db is None:
            return set()
        try:
            return {k for (k,) in self.db.execute("select key from documents")}
        except sqlite3.DatabaseError as e:
            self._distrust(f"it cannot be read ({e})")
            return set()

    def get(self, key: str):
        """The stored output for `key`, or None (not stored, or the cache is not trusted)."""
        if self.db is None:
            return None
        try:
            found = self.db.execute("select value from documents where key = ?", (key,)).fetchone()
            value = None if found is None else decode(found[0])
        except (sqlite3.DatabaseError, ValueError) as e:
            self._distrust(f"it cannot be read ({e})")
            return None
        if value is not None:
            self.hits += 1
        return value

    def put(self, key: str, output) -> None:
        self.new[key] = encode(output)

    def save(self, keys: set[str]) -> int:
        """Write the new entries and keep only `keys`; → how many stored entries were dropped."""
        self._close()
        if self.fresh:
            self.path.unlink(missing_ok=True)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path)
        try:
            with db:  # one transaction
                db.execute("create table if not exists meta (name text primary key, value text)")
                db.execute("create table if not exists documents (key text primary key, value blob)")
                db.execute("insert or replace into meta values ('version', ?)", (self.version,))
                db.executemany("insert or replace into documents values (?, ?)", self.new.items())
                gone = [(k,) for (k,) in db.execute("select key from documents") if k not in keys]
                db.executemany("delete from documents where key = ?", gone)
        finally:
            db.close()
        self.new = {}
        return len(gone)

    def close(self) -> None:
        """Close without writing (a failed build)."""
        self._close()
