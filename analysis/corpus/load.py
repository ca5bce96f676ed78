"""Load a folder of articles into documents, sentences, boilerplate and metadata tables.

`load_corpus(folder)` never crashes on one bad file and never drops one silently: every file gets
a row in `documents` with `status` ok / rejected / duplicate and a human-readable `reason`, and a
warning names each one. A missing or empty folder raises `CorpusError`.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis import config
from analysis.corpus.boilerplate import Removal, article_regions, find_boilerplate
from analysis.corpus.doc import Doc, Sentence
from analysis.corpus.limits import Limits, library_logs
from analysis.corpus.metadata import infer
from analysis.corpus.sentences import split_sentences
from analysis.corpus.text import UnreadableFile, count_words, decode, normalise

log = logging.getLogger("analysis")

DOCUMENT_COLUMNS = [
    "doc_id", "path", "format", "encoding", "title", "title_source", "outlet", "outlet_source",
    "credited_source", "url", "published", "published_precision", "date_source", "n_chars",
    "n_words", "n_sentences", "n_boilerplate", "sha256", "text_sha256", "status", "reason",
]
SENTENCE_COLUMNS = ["doc_id", "sent_id", "start", "end", "text"]
BOILERPLATE_COLUMNS = ["doc_id", "start", "end", "rule", "reason", "quote", "n_chars"]
METADATA_COLUMNS = ["doc_id", "field", "value", "source", "start", "end", "quote", "chosen"]


MIN_HTML_WORDS = 25  # an HTML page whose main text is shorter than this is not an article


class CorpusError(Exception):
    """The corpus as a whole cannot be built (missing or empty folder)."""


@dataclass
class Corpus:
    docs: list[Doc]
    documents: pd.DataFrame
    sentences: pd.DataFrame
    boilerplate: pd.DataFrame
    metadata: pd.DataFrame

    def text(self, doc_id: str) -> str:
        return next(d.text for d in self.docs if d.doc_id == doc_id)


def _doc_id(rel: Path, taken: set[str]) -> str:
    base = re.sub(r"[^\w.-]+", "_", str(rel.with_suffix("")).replace("/", "__")).strip("_") or "doc"
    cand = base
    if cand in taken:
        cand = f"{base}_{rel.suffix.lstrip('.')}"
    i = 2
    while cand in taken:
        cand = f"{base}_{i}"
        i += 1
    taken.add(cand)
    return cand


def read_manifest(path: Path | None) -> dict[str, dict]:
    """Curated per-file metadata (title, outlet, url, published, published_precision), keyed by
    the file's path relative to the seeds folder. Missing file → {}."""
    if path is None or not Path(path).exists():
        return {}
    out = {}
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames is None or "path" not in reader.fieldnames:
            raise CorpusError(f"{path}: manifest needs a 'path' column (got {reader.fieldnames})")
        for i, row in enumerate(reader, start=2):
            if row.get("published"):
                try:
                    dt.date.fromisoformat(row["published"][:10])
                except ValueError:
                    raise CorpusError(f"{path}, line {i}: published {row['published']!r} is not an ISO date") from None
            if row.get("published_precision") and row["published_precision"] not in ("day", "month", "year"):
                raise CorpusError(f"{path}, line {i}: published_precision must be day, month or year")
            out[row["path"]] = {k: v for k, v in row.items() if k != "path" and v}
    return out


# a front matter block: "---" on the first line, up to the next "---" (or "...") line
_FRONT_MATTER_BLOCK = re.compile(r"\ufeff?---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|$)", re.S)


def _front_matter(raw: str, rel: Path) -> tuple[dict, str, str]:
    """Split YAML front matter off a Markdown text. Returns (metadata, body, note). Front matter that
    is not valid YAML is dropped (the title then comes from the text: its first heading or line)
    and `note` says why ("front matter ignored: ..."), else note is ""."""
    import frontmatter
    import yaml

    if not raw.lstrip("\ufeff").startswith("---"):
        return {}, raw, ""
    try:
        post = frontmatter.loads(raw)
    except (yaml.YAMLError, ValueError) as e:  # malformed YAML, or an impossible date ("2025-13-45")
        why = " ".join(str(e).split())
        why = why if len(why) <= 160 else why[:159] + "…"
        log.warning("%s: front matter ignored: %s", rel, why)
        block = _FRONT_MATTER_BLOCK.match(raw)
        return {}, raw[block.end():] if block else raw, f"front matter ignored: {why}"
    meta = {}
    for key, names in {"title": ("title", "headline"), "outlet": ("outlet", "publisher", "source", "site_name", "site"),
                       "url": ("url", "link", "canonical", "canonical_url"),
                       "published": ("published", "date", "pubdate", "published_at")}.items():
        for n in names:
            if post.metadata.get(n) not in (None, ""):
                meta[key] = str(post.metadata[n])
                break
    return meta, post.content, ""


MAX_HTML_DEPTH = 255  # libxml2, under lxml, stops parsing elements nested deeper than 256
_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)[^>]*?(/?)>")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


def html_depth(raw: str) -> int:
    """How deeply the elements of an HTML text are nested (a linear scan of its tags; void and
    self-closed elements do not nest), to say why a page too deep for the parser gave no text."""
    depth = deepest = 0
    for m in _TAG.finditer(raw):
        if m.group(3) or m.group(2).lower() in _VOID:
            continue
        depth = max(0, depth - 1) if m.group(1) else depth + 1
        deepest = max(deepest, depth)
    return deepest


def _html(raw: str) -> tuple[dict, str, int]:
    import trafilatura

    doc = trafilatura.bare_extraction(raw, with_metadata=True, include_comments=False, include_tables=False,
                                      date_extraction_params={"extensive_search": False, "original_date": True})
    words = len((doc.text or "").split()) if doc is not None else 0
    if words < MIN_HTML_WORDS:
        depth = html_depth(raw)
        if depth > MAX_HTML_DEPTH:
            raise UnreadableFile(f"no article text found in the HTML: its elements are nested {depth} levels "
                                 f"deep, and the HTML parser (lxml) reads no deeper than {MAX_HTML_DEPTH}")
        raise UnreadableFile(f"no article text found in the HTML (navigation or markup only: "
                             f"{words} words outside it, fewer than {MIN_HTML_WORDS})")
    meta = {"title": doc.title, "outlet": doc.sitename, "url": doc.url, "published": doc.date}
    visible = len(re.sub(r"<[^>]+>|\s+", " ", raw))
    return meta, doc.text, max(0, visible - len(doc.text))


def _process(path: Path, rel: Path, doc_id: str, manifest: dict) -> tuple[dict, Doc | None, list, list]:
    with library_logs(str(rel)):
        return _read(path, rel, doc_id, manifest)


def _read(path: Path, rel: Path, doc_id: str, manifest: dict) -> tuple[dict, Doc | None, list, list]:
    row = {c: None for c in DOCUMENT_COLUMNS}
    row.update(doc_id=doc_id, path=str(rel), format=path.suffix.lower().lstrip(".") or None,
               status="ok", reason="", n_boilerplate=0, published_precision="unknown")
    data = path.read_bytes()
    row["sha256"] = hashlib.sha256(data).hexdigest()
    ext = path.suffix.lower()
    if ext not in config.SUPPORTED_EXTENSIONS:
        raise UnreadableFile(f"unsupported extension {ext or '(none)'!r}; supported: {', '.join(config.SUPPORTED_EXTENSIONS)}")
    if not data.strip():
        raise UnreadableFile("empty file")
    raw, enc = decode(data)
    row["encoding"] = enc
    given, source, extra_rows = {}, "", []
    if ext in (".md", ".markdown"):
        given, raw, row["reason"] = _front_matter(raw, rel)
        source = "front matter"
    elif ext in (".html", ".htm"):
        given, raw, removed = _html(raw)
        source = "html metadata"
        extra_rows.append({"doc_id": doc_id, "start": None, "end": None, "rule": "html_extraction",
                           "reason": "navigation, scripts, footer and markup outside the article (trafilatura)",
                           "quote": None, "n_chars": removed})
    text = normalise(raw)
    if not text.strip():
        raise UnreadableFile("no text after decoding and removing front matter")
    m = manifest.get(str(rel))
    if m:
        given = {**given, **m}
        source = "manifest" if not given or m else source
    removals: list[Removal] = find_boilerplate(text)
    info = infer(text, removals, given, source)
    v = info["values"]
    regions = article_regions(len(text), removals)
    spans = split_sentences(text, regions)
    if not spans:
        raise UnreadableFile("no article sentences (everything is boilerplate)")
    sents = tuple(Sentence(i, s, e, text[s:e]) for i, (s, e) in enumerate(spans))
    published = dt.date.fromisoformat(v["published"]) if v.get("published") else None
    doc = Doc(doc_id, text, sents, published, v.get("published_precision", "unknown"), v.get("title"),
              tuple((r.start, r.end) for r in removals))
    row.update(title=v.get("title"), title_source=v.get("title_source"), outlet=v.get("outlet"),
               outlet_source=v.get("outlet_source"), credited_source=v.get("credited_source"), url=v.get("url"),
               published=v.get("published"), published_precision=v.get("published_precision", "unknown"),
               date_source=v.get("date_source"), n_chars=len(text),
               n_words=count_words("\n".join(s.text for s in sents)), n_sentences=len(sents),
               n_boilerplate=len(removals), text_sha256=hashlib.sha256(text.encode()).hexdigest())
    boiler = [{"doc_id": doc_id, "start": r.start, "end": r.end, "rule": r.rule, "reason": r.reason,
               "quote": text[r.start:r.end], "n_chars": r.end - r.start} for r in removals] + extra_rows
    metas = [{"doc_id": doc_id, **r} for r in info["rows"]]
    return row, doc, boiler, metas


def list_files(folder: Path) -> list[Path]:
    folder = Path(folder)
    if not folder.exists():
        raise CorpusError(f"seeds folder {folder} does not exist")
    if not folder.is_dir():
        raise CorpusError(f"seeds folder {folder} is not a directory")
    found = []
    for root, dirs, names in os.walk(folder):  # like rglob("*"): symlinked folders are not entered
        # every entry but a real folder is listed: a link to a folder, a broken link, a link loop or
        # a pipe is listed too, and rejected with the reason (`limits.refusal`)
        found += [os.path.join(root, d) for d in dirs if os.path.islink(os.path.join(root, d))]
        found += [os.path.join(root, name) for name in names]
    found.sort(key=lambda f: f.split(os.sep))  # the order of sorted Paths: component by component
    files = [Path(f) for f in found]
    if not files:
        raise CorpusError(f"seeds folder {folder} is empty: add .txt, .md or .html articles")
    return files


def rejected_row(path: Path, rel: Path, doc_id: str, reason: str, read: bool = True) -> dict:
    """The documents row of a rejected file (with the SHA-256 of its bytes when `read`)."""
    row = {c: None for c in DOCUMENT_COLUMNS}
    row.update(doc_id=doc_id, path=str(rel), format=path.suffix.lower().lstrip(".") or None,
               status="rejected", reason=reason, published_precision="unknown",
               n_chars=0, n_words=0, n_sentences=0, n_boilerplate=0)
    if read:
        try:
            row["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            pass
    return row


def process_file(path: Path, rel: Path, doc_id: str, manifest: dict, limits: Limits | None = None):
    """(document row, Doc or None, boilerplate rows, metadata rows); never raises on bad input. A
    file `limits` refuses (a link out of the folder, too large, not a regular file) is not opened."""
    reason = limits.refusal(path) if limits is not None else None
    if reason is not None:
        return rejected_row(path, rel, doc_id, reason, read=False), None, [], []
    try:
        return _process(path, rel, doc_id, manifest)
    except (UnreadableFile, UnicodeDecodeError, OSError) as e:
        return rejected_row(path, rel, doc_id, str(e)), None, [], []


def assign_ids(folder: Path, files: list[Path]) -> list[tuple[Path, Path, str]]:
    taken: set[str] = set()
    out = []
    for p in files:
        rel = p.relative_to(folder)
        out.append((p, rel, _doc_id(rel, taken)))
    return out


def mark_duplicate(result: tuple, seen: dict[str, str]) -> tuple:
    """One result of `process_file`, in corpus order: status=duplicate (no Doc, no rows) when an
    earlier one (`seen`: text hash -> doc_id, updated here) has the same normalised text; warns about
    a rejected or duplicate file."""
    row, doc, b, m = result
    if row["status"] == "rejected":
        log.warning("%s: rejected: %s", row["path"], row["reason"])
    elif row["text_sha256"] in seen:
        row = {**row, "status": "duplicate", "reason": f"same normalised text as {seen[row['text_sha256']]}"}
        log.warning("%s: duplicate of %s, not analysed", row["path"], seen[row["text_sha256"]])
        doc, b, m = None, [], []
    else:
        seen[row["text_sha256"]] = row["doc_id"]
    return row, doc, b, m


def mark_duplicates(results: list) -> list:
    """Set status=duplicate on every result whose normalised text an earlier one already has;
    warn about every rejected or duplicate file. Returns the results in order."""
    seen: dict[str, str] = {}
    return [mark_duplicate(r, seen) for r in results]


def documents_frame(rows: list[dict]) -> pd.DataFrame:
    documents = pd.DataFrame(rows, columns=DOCUMENT_COLUMNS)
    for c in ("n_chars", "n_words", "n_sentences", "n_boilerplate"):
        documents[c] = documents[c].astype("Int64")
    return documents


def sentence_rows(doc: Doc) -> list[tuple]:
    """The document's rows of the `sentences` table (SENTENCE_COLUMNS order)."""
    return [(doc.doc_id, s.sent_id, s.start, s.end, s.text) for s in doc.sentences]


def assemble(results: list) -> Corpus:
    rows = [r[0] for r in results]
    docs = [r[1] for r in results if r[1] is not None]
    boiler = [x for r in results for x in r[2]]
    metas = [x for r in results for x in r[3]]
    sentences = [t for d in docs for t in sentence_rows(d)]
    return Corpus(docs, documents_frame(rows), pd.DataFrame.from_records(sentences, columns=SENTENCE_COLUMNS),
                  pd.DataFrame(boiler, columns=BOILERPLATE_COLUMNS), pd.DataFrame(metas, columns=METADATA_COLUMNS))


def load_corpus(folder: Path | str = config.SEEDS_DIR, manifest_path: Path | None = config.MANIFEST,
                limits: Limits | None = None) -> Corpus:
    """Read every file under `folder` (serially; `analysis.build` does the same in parallel), within
    `limits` (default: `Limits(folder)`, the documented defaults)."""
    folder = Path(folder)
    limits = limits or Limits(folder)
    manifest = read_manifest(manifest_path)
    results = [process_file(p, rel, i, manifest, limits) for p, rel, i in assign_ids(folder, list_files(folder))]
    return assemble(mark_duplicates(results))
