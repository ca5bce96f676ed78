"""Gold vs extracted: per-table precision, recall and F1.

Gold files live in ``tests/gold/<table>.csv`` with at least ``doc_id`` and ``quote`` (optionally
``start``/``end``) plus the table's key fields (`KEY_FIELDS`). A gold row and an extracted row are
*aligned* when they are in the same document and their spans overlap (when gold gives offsets) or one
quote contains the other (case- and whitespace-insensitive). Gold rows without offsets are given
the span of their quote when the document texts are known (``data/processed/text/``), so long and
short quotes of the same fact still meet. Exact quotes are paired first, then overlap/containment
(preferring candidates whose key fields agree, then the largest overlap), each row used once. An aligned pair is a true positive when
every key field agrees (`same_value`: numbers within the relative tolerance `REL_TOL`, strings
case-insensitively, both empty). Unaligned or disagreeing gold rows are misses (fn), unaligned or
disagreeing extracted rows are false positives (fp). Tables without a gold file are skipped.

CLI: ``python -m analysis evaluate [--processed DIR] [--gold DIR] [--verbose]``.
"""
from __future__ import annotations

import argparse
import math
import re
import sys
from pathlib import Path

import pandas as pd

from analysis.config import PROCESSED_DIR, REPO_ROOT
from analysis.pipeline.values import is_blank

GOLD_DIR = REPO_ROOT / "tests" / "gold"
KEY_FIELDS: dict[str, list[str]] = {
    "amounts": ["value_usd"],
    "compute": ["quantity", "unit"],
    "talent_moves": ["person", "direction"],
    "model_events": ["model", "event"],
}
REL_TOL = 0.02
RESULT_COLUMNS = ["table", "gold", "extracted", "tp", "fp", "fn", "precision", "recall", "f1"]

_WS = re.compile(r"\s+")


def _norm(q) -> str:
    return _WS.sub(" ", str(q)).strip().lower().replace("’", "'")


_empty = is_blank


def same_value(a, b, rel_tol: float = REL_TOL) -> bool:
    """Whether a gold field and an extracted one agree: numbers with relative tolerance, strings
    case-insensitively, empty == empty."""
    if _empty(a) or _empty(b):
        return _empty(a) and _empty(b)
    if isinstance(a, bool) or isinstance(b, bool):
        return str(a).lower() == str(b).lower()
    try:
        fa, fb = float(a), float(b)
    except (TypeError, ValueError):
        return _norm(a) == _norm(b)
    return math.isclose(fa, fb, rel_tol=rel_tol, abs_tol=1e-9)


def _aligned(g: dict, x: dict, exact_only: bool) -> bool:
    gs, ge = g.get("start"), g.get("end")
    if not _empty(gs) and not _empty(ge) and not _empty(x.get("start")):
        return int(gs) < int(x["end"]) and int(x["start"]) < int(ge)
    gq, xq = _norm(g.get("quote", "")), _norm(x.get("quote", ""))
    if not gq or not xq:
        return False
    if exact_only:
        return gq == xq
    return gq in xq or xq in gq


def locate_gold(gold_rows: list[dict], texts: dict[str, str]) -> None:
    """Give gold rows without offsets the span of their quote in the document text.

    Longer quotes are placed first and each occurrence is used once, so a short quote
    ("billions of dollars") does not land inside a longer one ("tens of billions of dollars"),
    and repeated quotes get successive occurrences. Quotes not found keep no span.
    """
    taken: dict[str, list[tuple[int, int]]] = {}
    for g in gold_rows:
        if not _empty(g.get("start")) and not _empty(g.get("end")):
            taken.setdefault(str(g.get("doc_id")), []).append((int(g["start"]), int(g["end"])))
    todo = [g for g in gold_rows if (_empty(g.get("start")) or _empty(g.get("end")))
            and not _empty(g.get("quote")) and str(g.get("doc_id")) in texts]
    for g in sorted(todo, key=lambda g: -len(str(g["quote"]))):
        doc, q = str(g["doc_id"]), str(g["quote"])
        t, spans = texts[doc], taken.setdefault(doc, [])
        pos = t.find(q)
        while pos != -1 and any(pos < e and s < pos + len(q) for s, e in spans):
            pos = t.find(q, pos + 1)
        if pos != -1:
            g["start"], g["end"] = pos, pos + len(q)
            spans.append((pos, pos + len(q)))


def match_table(gold: pd.DataFrame, extracted: pd.DataFrame, keys: list[str],
                texts: dict[str, str] | None = None):
    """→ (tp_pairs, misses, false_positives) as lists of dict rows (misses/fps carry a `why`)."""
    gold_rows = gold.to_dict("records")
    if texts:
        locate_gold(gold_rows, texts)
    ext_rows = extracted.to_dict("records") if len(extracted) else []
    if ext_rows and "start" in extracted.columns:
        order = sorted(range(len(ext_rows)), key=lambda i: (str(ext_rows[i].get("doc_id")),
                                                           _num_or(ext_rows[i].get("start"))))
        ext_rows = [ext_rows[i] for i in order]
    by_doc: dict[str, list[int]] = {}
    for i, x in enumerate(ext_rows):
        by_doc.setdefault(str(x.get("doc_id")), []).append(i)
    used: set[int] = set()
    pair_of: dict[int, int] = {}
    for exact in (True, False):
        for gi, g in enumerate(gold_rows):
            if gi in pair_of:
                continue
            cands = [i for i in by_doc.get(str(g.get("doc_id")), []) if i not in used
                     and _aligned(g, ext_rows[i], exact)]
            if not cands:
                continue
            ok = [i for i in cands if all(same_value(g.get(k), ext_rows[i].get(k)) for k in keys)]
            pool = ok or cands
            pick = max(pool, key=lambda i: _overlap(g, ext_rows[i]))
            used.add(pick)
            pair_of[gi] = pick
    tps, misses, fps = [], [], []
    for gi, g in enumerate(gold_rows):
        if gi not in pair_of:
            misses.append({**g, "why": "not extracted"})
            continue
        x = ext_rows[pair_of[gi]]
        bad = [k for k in keys if not same_value(g.get(k), x.get(k))]
        if bad:
            why = "; ".join(f"{k}: gold {g.get(k)!r} vs {x.get(k)!r}" for k in bad)
            misses.append({**g, "why": why})
            fps.append({**x, "why": why})
        else:
            tps.append((g, x))
    for i, x in enumerate(ext_rows):
        if i not in used:
            fps.append({**x, "why": "not in gold"})
    return tps, misses, fps


def _overlap(g: dict, x: dict) -> float:
    """Characters shared by the two spans (by quote length when gold has no offsets); ties keep
    document order because `max` returns the first best."""
    try:
        return min(int(g["end"]), int(x["end"])) - max(int(g["start"]), int(x["start"]))
    except (KeyError, TypeError, ValueError):
        return -abs(len(str(g.get("quote", ""))) - len(str(x.get("quote", ""))))


def _num_or(v, default: float = 0.0) -> float:
    try:
        return float(v)
    except (TypeError, ValueError):
        return default


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else (1.0 if fn == 0 else 0.0)
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def evaluate(tables: dict[str, pd.DataFrame], gold_dir: Path = GOLD_DIR, details: dict | None = None,
             key_fields: dict[str, list[str]] | None = None,
             texts: dict[str, str] | None = None) -> pd.DataFrame:
    """Per-table precision/recall/F1 (columns `RESULT_COLUMNS`); tables without gold are skipped.

    Only documents that appear in the gold file *or* were given to the extractor count; extracted
    rows of documents absent from gold count as false positives only when the gold file lists that
    document elsewhere (so a gold file may cover a subset of a bigger corpus via `doc_id`s).
    Pass `details={}` to receive ``{table: (tp_pairs, misses, false_positives)}``, and `texts`
    (doc_id → normalised text) to align gold quotes by span overlap instead of quote containment.
    """
    key_fields = key_fields or KEY_FIELDS
    gold_dir = Path(gold_dir)
    out = []
    for table, df in tables.items():
        gpath = gold_dir / f"{table}.csv"
        if not gpath.exists():
            continue
        gold = pd.read_csv(gpath, dtype={"doc_id": str}, keep_default_na=True)
        keys = [k for k in key_fields.get(table, []) if k in gold.columns]
        df = df if df is not None else pd.DataFrame()
        if len(df) and "doc_id" in df.columns:
            df = df.assign(doc_id=df["doc_id"].astype(str))
        tps, misses, fps = match_table(gold, df, keys, texts)
        if details is not None:
            details[table] = (tps, misses, fps)
        tp, fp, fn = len(tps), len(fps), len(misses)
        p, r, f = prf(tp, fp, fn)
        out.append({"table": table, "gold": len(gold), "extracted": len(df), "tp": tp, "fp": fp,
                    "fn": fn, "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)})
    return pd.DataFrame(out, columns=RESULT_COLUMNS)


def extract_tables(docs) -> dict[str, pd.DataFrame]:
    """Run the extractors of the gold tables (`KEY_FIELDS`) on `docs`, without a build."""
    from analysis.pipeline.build import EXTRACTORS

    docs = list(docs)
    return {table: pd.DataFrame([r for d in docs for r in fn(d)], columns=cols)
            for table, fn, cols in EXTRACTORS if table in KEY_FIELDS}


def seed_docs(seeds: Path):
    from analysis.corpus.doc import make_doc

    for p in sorted(Path(seeds).glob("*.txt")):
        yield make_doc(p.read_text(encoding="utf-8"), doc_id=p.stem)


def _print_rows(title: str, rows: list[dict], cols: list[str]) -> None:
    if not rows:
        return
    print(f"\n{title} ({len(rows)})")
    for r in rows:
        print("  " + " | ".join(f"{c}={r.get(c)!r}" for c in cols if c in r))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m analysis evaluate", description=__doc__.splitlines()[0])
    ap.add_argument("--processed", type=Path, default=PROCESSED_DIR, help="folder with the built CSVs")
    ap.add_argument("--gold", type=Path, default=GOLD_DIR, help="folder with gold CSVs")
    ap.add_argument("--seeds", type=Path, default=None,
                    help="instead of reading built CSVs, run the extractors on the .txt files of this folder")
    ap.add_argument("--verbose", "-v", action="store_true", help="list misses and false positives")
    args = ap.parse_args(argv)

    tables: dict[str, pd.DataFrame] = {}
    texts: dict[str, str] = {}
    if args.seeds is not None:
        docs = list(seed_docs(args.seeds))
        texts = {d.doc_id: d.text for d in docs}
        tables = extract_tables(docs)
    else:
        text_dir = Path(args.processed) / "text"
        if text_dir.is_dir():
            texts = {p.stem: p.read_text(encoding="utf-8") for p in text_dir.glob("*.txt")}
        for gpath in sorted(Path(args.gold).glob("*.csv")):
            name = gpath.stem
            built = Path(args.processed) / f"{name}.csv"
            if built.exists():
                tables[name] = pd.read_csv(built, dtype={"doc_id": str})
            else:
                print(f"warning: no built table {built}; counting it as empty", file=sys.stderr)
                tables[name] = pd.DataFrame()
    details: dict = {}
    res = evaluate(tables, args.gold, details=details, texts=texts or None)
    if res.empty:
        print("no gold files matched any table", file=sys.stderr)
        return 1
    print(res.to_string(index=False))
    if args.verbose:
        for table, (_, misses, fps) in details.items():
            keys = KEY_FIELDS.get(table, [])
            _print_rows(f"[{table}] misses", misses, ["doc_id", "quote", *keys, "why"])
            _print_rows(f"[{table}] false positives", fps, ["doc_id", "sent_id", "quote", *keys, "why"])
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
