"""The per-document cache: a rebuild extracts only the files that are new or changed.

What each file gives the build (`build.work_file`: its documents row, its sentences, boilerplate and
metadata rows and every extractor's rows) is kept in the output folder, `OUT/.cache/`, as **one
Parquet file per table** holding the rows of every file of the build that wrote it:

- the `documents` rows carry the **key** of their file (column `_key`, `file_key`): its path
  relative to the corpus folder, the SHA-256 of its bytes, its manifest entry and its doc_id; the
  rows of every other table are found by their doc_id (part of the key);
- `meta.json` holds the **extraction version** (`extraction_version`, a SHA-256 of everything that
  shapes the rows: the code of `analysis/lexicon`, `analysis/corpus`, `analysis/extract`, the
  build and `rows`, every file of `data/registry` and `data/lexicons`, the versions of the
  libraries that read the text), the id of the build that wrote the cache and the names of its Parquet files;
- two tables describe the whole build (`WHOLE`): its claims with the bucket of each, and the key
  and status of each file, so that the next build computes again only the claims its changes touch
  (`claims.update_claims`; versioned apart by `cross_version`).

A rebuild reads each table once (`load`: Arrow, no Python object per row), keeps the rows of the
files still present and unchanged and appends the rows of the files it extracted; the rows of a
removed or changed file go with its key. A new extraction version (an extractor or a lexicon
changed) makes the cache unusable, so every file is extracted again. A cache that cannot be read (a
missing or broken `meta.json`, a missing or damaged Parquet file: page checksums are written and
verified, a missing key column) is reported with the reason and rebuilt from scratch, never
trusted. The rows of a duplicate file are kept too (if the file it repeats is removed, it is the
one analysed). `save` writes new files under new names and then `meta.json`, so a build that fails,
or stops while saving, leaves the cache that was there.
"""
from __future__ import annotations

import hashlib
import json
import logging
import sys
from importlib import metadata
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from analysis import config

log = logging.getLogger("analysis")

FORMAT = "3"  # the layout of the cache (one Parquet file per table); a new layout empties old caches
CODE_DIRS = ("lexicon", "corpus", "extract")
CODE_FILES = ("pipeline/build.py", "pipeline/invariants.py", "pipeline/rows.py")
DATA_DIRS = ("registry", "lexicons")
# the libraries whose output becomes rows (decoding, HTML extraction, front matter, YAML, tone, names)
LIBRARIES = ("charset-normalizer", "trafilatura", "python-frontmatter", "PyYAML", "vaderSentiment",
             "gender-guesser")
KEY = "_key"  # the column of the cached documents table that names the file a row came from
META = "meta.json"
# the tables of the build that wrote the cache kept whole, so that a rebuild computes only the claims
# its changes touch (`claims.update_claims`): the claims with the bucket of each (column `_bucket`)
# and `built`, the doc_id, key and status of every file of that build; the claims' code is
# versioned apart (`cross_version`)
WHOLE = ("claims", "built")
CROSS_FILES = ("pipeline/claims.py", "pipeline/matching.py", "pipeline/values.py")


def extraction_version() -> str:
    """A hash of the code, data files and library versions that shape the per-document rows."""
    pkg, data = config.PACKAGE_DIR, config.DATA_DIR
    files = [(pkg, p) for d in CODE_DIRS for p in (pkg / d).rglob("*.py")]
    files += [(pkg, pkg / f) for f in CODE_FILES]
    files += [(data, p) for d in DATA_DIRS for p in (data / d).rglob("*") if p.is_file()]
    h = hashlib.sha256(f"{FORMAT}\0python {sys.version_info[:2]}\0".encode())
    for root, p in sorted(files):
        h.update(f"{root.name}/{p.relative_to(root)}".encode() + b"\0" + p.read_bytes() + b"\0")
    for lib in LIBRARIES:
        try:
            h.update(f"{lib}=={metadata.version(lib)}\0".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{lib} absent\0".encode())
    return h.hexdigest()[:20]


def cross_version() -> str:
    """A hash of the code of the claims: kept claims are used only by the code that made them."""
    h = hashlib.sha256(FORMAT.encode())
    for f in CROSS_FILES:
        h.update(f.encode() + b"\0" + (config.PACKAGE_DIR / f).read_bytes() + b"\0")
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


class CacheUnreadable(Exception):
    """The cache cannot be read; it is not trusted."""


class DocumentCache:
    """The cache of one output folder (`folder` is `OUT/.cache`). `stored` gives the keys an earlier
    build stored, `load` their rows, `save` (called when the build succeeded) replaces the cache
    with the tables of this build. `fresh` is True when there is nothing usable (no cache, another
    extraction version, unreadable); `build_id` is the id of the build that wrote it."""

    def __init__(self, folder: Path, version: str | None = None):
        self.folder = Path(folder)
        self.version = version or extraction_version()
        self.fresh = True
        self.meta: dict = {}
        path = self.folder / META
        if not path.exists():
            return
        try:
            meta = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(meta, dict) or not isinstance(meta.get("tables"), dict):
                raise ValueError("meta.json has no list of tables")
        except (OSError, ValueError) as e:
            self.distrust(f"it cannot be read ({e})")
            return
        if meta.get("format") != FORMAT or meta.get("version") != self.version:
            log.info("cache %s: the extraction code or a lexicon changed, every file is extracted again",
                     self.folder)
            return
        self.meta, self.fresh = meta, False

    @property
    def build_id(self) -> str | None:
        return self.meta.get("build_id")

    def distrust(self, why: str) -> None:
        """Report the cache as unreadable and use nothing of it."""
        log.warning("cache %s: %s; every file is extracted again and the cache rebuilt", self.folder, why)
        self.meta, self.fresh = {}, True

    def _read(self, table: str, columns: list[str] | None = None) -> pa.Table:
        name = self.meta["tables"].get(table)
        if not isinstance(name, str):
            raise CacheUnreadable(f"table {table} is missing")
        try:
            t = pq.read_table(self.folder / name, columns=columns, page_checksum_verification=True)
        except (OSError, pa.ArrowException) as e:
            raise CacheUnreadable(f"{name}: {e}") from None
        needed = {"documents": KEY, "built": KEY, "claims": "_bucket"}.get(table, "doc_id")
        if needed not in t.column_names:
            raise CacheUnreadable(f"{name} has no {needed} column")
        return t

    def stored(self) -> set[str]:
        """The keys of every stored file (empty when the cache is not trusted)."""
        if self.fresh:
            return set()
        try:
            return set(self._read("documents", [KEY]).column(KEY).to_pylist())
        except CacheUnreadable as e:
            self.distrust(f"it cannot be read ({e})")
            return set()

    def load_whole(self) -> dict | None:
        """The cross-document tables (`WHOLE`) as DataFrames; None when there are none, or they
        were made by other code (the cache is then still used for the per-file rows) or cannot be
        read (reported: the cache is then not trusted)."""
        if self.fresh or self.meta.get("cross_version") != cross_version() \
                or not all(t in self.meta["tables"] for t in WHOLE):
            return None
        try:
            return {t: self._read(t).to_pandas() for t in WHOLE}
        except CacheUnreadable as e:
            self.distrust(f"it cannot be read ({e})")
            return None

    def load(self, tables: list[str], keys: set[str]) -> dict[str, pa.Table] | None:
        """The stored rows of the files `keys`: the `documents` table by key, each other table of
        `tables` by the doc_ids of those files (a doc_id is part of the key); None when the cache
        cannot be read (reported: the cache is then not trusted)."""
        if self.fresh:
            return None
        try:
            docs = self._read("documents")
            docs = docs.filter(pc.is_in(docs.column(KEY), value_set=pa.array(sorted(keys), pa.string())))
            ids = docs.column("doc_id").combine_chunks()
            out = {"documents": docs}
            for t in tables:
                if t != "documents":
                    table = self._read(t)
                    out[t] = table.filter(pc.is_in(table.column("doc_id"), value_set=ids))
        except CacheUnreadable as e:
            self.distrust(f"it cannot be read ({e})")
            return None
        return out

    def save(self, tables: dict[str, pa.Table], build_id: str) -> None:
        """Replace the cache with `tables` (the per-file tables, `documents` with the `_key` column,
        and the `WHOLE` ones), written by the build `build_id`."""
        self.folder.mkdir(parents=True, exist_ok=True)
        names = {}
        for t, table in tables.items():
            names[t] = f"{t}-{build_id}.parquet"
            pq.write_table(table, self.folder / names[t], write_page_checksum=True, compression="lz4")
        meta = {"format": FORMAT, "version": self.version, "cross_version": cross_version(),
                "build_id": build_id, "tables": names}
        tmp = self.folder / f".{META}.{build_id}"
        tmp.write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
        tmp.replace(self.folder / META)
        for p in self.folder.iterdir():  # the previous build's files (and leftovers of a stopped one)
            if p.name != META and p.name not in names.values() and p.is_file():
                p.unlink(missing_ok=True)
        self.meta, self.fresh = meta, False
