"""Precision and recall of the built tables against hand-made gold facts (`gold.jsonl`).

The gold format is the one of the shared development corpora (`../shared/corpora/dev/*`): one JSON
object per line, ``{"file", "kind", "quote", "sentence", ...fields of the kind}``, where `file` is the
article's file name and `kind` one of

| kind | table | fields that must agree |
|---|---|---|
| money | amounts | value_usd within 1% (10% when gold names a `currency`, or the native value within 1% in that currency), and value_usd_high when gold has one |
| compute | compute | quantity within 1% and unit (GW as 1,000 MW; every GPU-like unit as GPU) |
| talent_move | talent_moves | the person (two name tokens shared with the gold name or its `aliases`; a one-token row name must be one of them), or the count for an unnamed group; from_org / to_org when gold names them (one contains the other, letters and digits only) |
| model_event | model_events | the model (one name contains the other) and the event |

A row matches a gold fact of the same file when those fields agree. **Recall** is the share of
distinct gold facts (one per file and meaning) that some row matches; **precision** the share of
judged rows that match a gold fact (or overlap the quote of a `vague` gold amount).
Not judged either way: vague amounts without digits, talent rows that are not moves (attempts,
rumours), groups of unstated size with no person, and rows of files the gold does not cover.

``python -m analysis evaluate [PART ...] [--gold FILE --docs DIR] [--kinds ...] [--list]`` builds each
part's articles (in memory), prints the figures per part and overall, and with ``--list`` the gold
facts no row matched and the rows no gold fact matched. A PART is a folder holding `gold.jsonl` and
`docs/` (the layout of the shared corpora); without any, the seeds are scored against
`tests/gold/gold.jsonl`.
"""
from __future__ import annotations

import argparse
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.config import REPO_ROOT, SEEDS_DIR
from analysis.pipeline.values import is_blank

SEED_GOLD = REPO_ROOT / "tests" / "gold" / "gold.jsonl"
KINDS = ("money", "compute", "talent_move", "model_event")
TABLE = {"money": "amounts", "compute": "compute", "talent_move": "talent_moves", "model_event": "model_events"}
# the fields that make two gold lines of one file the same fact
MEANING = ("value_usd", "value_usd_high", "quantity", "unit", "person", "count", "from_org", "to_org",
           "model", "event")
NOT_MOVES = ("attempt", "rumour", "rumor")
TOL = 0.011  # relative tolerance of numbers (1%, and a little for rounding)


# ----------------------------------------------------------------------------- gold
class GoldError(ValueError):
    """A gold file that cannot be read; the message names the file and line."""


def load_gold(path: Path | str) -> list[dict]:
    """The gold facts of a `gold.jsonl` file, each checked for its kind's fields (a `vague` one
    may leave them blank)."""
    path = Path(path)
    # kind -> the fields it needs (a|b: one of them)
    need = {"money": ("value_usd|value_native",), "compute": ("quantity", "unit"), "talent_move": (),
            "model_event": ("model", "event")}
    facts = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            g = json.loads(line)
        except json.JSONDecodeError as e:
            raise GoldError(f"{path}:{n}: not JSON ({e.msg})") from None
        if not isinstance(g, dict) or g.get("kind") not in need or not g.get("file"):
            raise GoldError(f"{path}:{n}: needs a 'file' and a 'kind' (one of {', '.join(need)})")
        missing = [k.replace("|", " or ") for k in need[g["kind"]]
                   if all(is_blank(g.get(f)) for f in k.split("|")) and not g.get("vague")]
        if missing:
            raise GoldError(f"{path}:{n}: a {g['kind']} fact needs {', '.join(missing)}")
        facts.append(g)
    return facts


def is_vague(g: dict) -> bool:
    """A gold amount without digits ("billions"): found rows may overlap it, recall skips it."""
    return bool(g.get("vague")) or (g["kind"] == "money" and bool(g.get("approximate"))
                                    and not re.search(r"\d", g.get("quote") or ""))


def is_unsized_group(g: dict) -> bool:
    return g["kind"] == "talent_move" and not g.get("person") and g.get("count") is None


def distinct_facts(gold: list[dict], kind: str) -> list[dict]:
    """The gold facts recall counts: of `kind`, not vague, not an alias line, not an unsized group,
    one per file and meaning."""
    seen, out = set(), []
    for g in gold:
        if g["kind"] != kind or is_vague(g) or g.get("alias_of") or is_unsized_group(g):
            continue
        key = (g["file"], json.dumps({k: g.get(k) for k in MEANING}, sort_keys=True))
        if key not in seen:
            seen.add(key)
            out.append(g)
    return out


# ----------------------------------------------------------------------------- matching
def norm(s) -> str:
    """Lower-case letters and digits only ("Google DeepMind" == "google-deepmind")."""
    return "" if is_blank(s) else re.sub(r"[^a-z0-9]", "", str(s).lower())


def close(a, b, tol: float = TOL) -> bool:
    try:
        a, b = float(a), float(b)
    except (TypeError, ValueError):
        return False
    return a == b or (b != 0 and abs(a - b) / abs(b) <= tol)


def money_matches(g: dict, r: dict) -> bool:
    if g.get("currency") and str(r.get("currency", "")).upper() == g["currency"].upper():
        if close(r.get("value_native"), g.get("value_native")):
            return True
    tol = 0.1 if g.get("currency") else TOL  # a converted amount depends on the rate of the day
    if not close(r.get("value_usd"), g.get("value_usd"), tol):
        return False
    return g.get("value_usd_high") is None or close(r.get("value_usd_high"), g["value_usd_high"], tol)


def _unit(quantity, unit) -> tuple[float, str]:
    u = str(unit).lower()
    if u.startswith("gpu") or "h100" in u:
        return quantity, "gpu"
    if u in ("gw", "gigawatt", "gigawatts"):
        return quantity * 1000.0, "mw"
    if u in ("mw", "megawatt", "megawatts"):
        return quantity, "mw"
    return quantity, u


def compute_matches(g: dict, r: dict) -> bool:
    try:
        rq, ru = _unit(float(r.get("quantity")), r.get("unit"))
    except (TypeError, ValueError):
        return False
    gq, gu = _unit(float(g["quantity"]), g["unit"])
    return ru == gu and close(rq, gq)


def _name_tokens(name) -> set[str]:
    return {norm(t) for t in str(name or "").split()}


def talent_matches(g: dict, r: dict) -> bool:
    if g.get("person"):
        gold_tokens = _name_tokens(g["person"]).union(*(_name_tokens(a) for a in g.get("aliases") or []))
        row_tokens = _name_tokens(r.get("person")) - {""}
        if not row_tokens or len(gold_tokens & row_tokens) < min(2, len(row_tokens)):
            return False
    elif not close(r.get("count"), g.get("count"), 0.0):
        return False
    for side in ("from_org", "to_org"):
        if g.get(side):
            a, b = norm(g[side]), norm(r.get(side))
            if a not in b and b not in a:
                return False
    return True


def model_matches(g: dict, r: dict) -> bool:
    a, b = norm(g["model"]), norm(r.get("model"))
    return bool(b) and (a in b or b in a) and norm(g["event"]) == norm(r.get("event"))


MATCHES = {"money": money_matches, "compute": compute_matches, "talent_move": talent_matches,
           "model_event": model_matches}


def is_judged(kind: str, r: dict) -> bool:
    """Whether precision counts the row (see the module docstring for the rows it does not)."""
    if kind == "money":
        return not (str(r.get("approximate")).lower() == "true" and not re.search(r"\d", str(r.get("quote", ""))))
    if kind == "talent_move":
        return (str(r.get("direction", "")).lower() not in NOT_MOVES
                and not (is_blank(r.get("person")) and is_blank(r.get("count"))))
    return True


# ----------------------------------------------------------------------------- scoring
@dataclass
class KindScore:
    part: str
    kind: str
    facts: int = 0
    found: int = 0
    rows: int = 0
    correct: int = 0
    misses: list[dict] = field(default_factory=list)   # gold facts no row matched
    wrong: list[dict] = field(default_factory=list)    # judged rows no gold fact matched

    @property
    def recall(self) -> float:
        return self.found / self.facts if self.facts else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.rows if self.rows else 1.0


def score_kind(part: str, kind: str, gold: list[dict], rows: list[dict]) -> KindScore:
    """`rows`: the kind's table as dicts, each with `file` (the article's file name)."""
    match = MATCHES[kind]
    s = KindScore(part, kind)
    facts = distinct_facts(gold, kind)
    for g in facts:
        if any(match(g, r) for r in rows if r["file"] == g["file"]):
            s.found += 1
        else:
            s.misses.append(g)
    s.facts = len(facts)
    covered = {g["file"] for g in gold}
    of_kind = [g for g in gold if g["kind"] == kind]
    vague = [g for g in of_kind if is_vague(g)]
    for r in rows:
        if r["file"] not in covered or not is_judged(kind, r):
            continue
        s.rows += 1
        same_file = [g for g in of_kind if g["file"] == r["file"]]
        if any(match(g, r) for g in same_file) or any(
                _quotes_overlap(g, r) for g in vague if g["file"] == r["file"]):
            s.correct += 1
        else:
            s.wrong.append(r)
    return s


def _quotes_overlap(g: dict, r: dict) -> bool:
    a, b = norm(g.get("quote")), norm(r.get("quote"))
    return bool(a and b) and (a in b or b in a)


def rows_by_file(tables: dict[str, pd.DataFrame], documents: pd.DataFrame) -> dict[str, list[dict]]:
    """kind -> the rows of its table, each with the `file` name of its document."""
    files = {d: Path(str(p)).name for d, p in zip(documents["doc_id"], documents["path"])}
    out = {}
    for kind, table in TABLE.items():
        df = tables.get(table)
        records = [] if df is None else df.to_dict("records")
        out[kind] = [{**r, "file": files.get(r.get("doc_id"), "")} for r in records]
    return out


@dataclass
class Part:
    name: str
    gold: Path
    docs: Path


def score_part(part: Part, kinds=KINDS) -> list[KindScore]:
    """Build the part's articles in memory and score every kind."""
    from analysis.pipeline.build import build

    gold = load_gold(part.gold)
    result = build(part.docs, out=None)  # as `python -m analysis build` does
    rows = rows_by_file(result.tables, result.corpus.documents)
    return [score_kind(part.name, kind, gold, rows[kind]) for kind in kinds]


def overall(scores: list[KindScore]) -> list[KindScore]:
    """The parts' figures summed per kind (part "overall")."""
    out = {}
    for s in scores:
        t = out.setdefault(s.kind, KindScore("overall", s.kind))
        t.facts += s.facts
        t.found += s.found
        t.rows += s.rows
        t.correct += s.correct
    return list(out.values())


def table(scores: list[KindScore]) -> pd.DataFrame:
    return pd.DataFrame([{"part": s.part, "kind": s.kind, "gold facts": s.facts, "found": s.found,
                          "recall": round(s.recall, 2), "rows": s.rows, "correct": s.correct,
                          "precision": round(s.precision, 2)} for s in scores])


# ----------------------------------------------------------------------------- command line
_SHOW = {"money": ("value_usd", "value_usd_high"), "compute": ("quantity", "unit"),
         "talent_move": ("person", "count", "from_org", "to_org", "direction"), "model_event": ("model", "event")}


def _describe(kind: str, row: dict) -> str:
    fields = ", ".join(f"{k}={row.get(k)}" for k in _SHOW[kind] if not is_blank(row.get(k)))
    return f"{row['file']}: \"{row.get('quote')}\" ({fields})"


def parts_of(args) -> list[Part]:
    parts = [Part(Path(p).name, Path(p) / "gold.jsonl", Path(p) / "docs") for p in args.parts]
    if args.gold or args.docs:
        if not (args.gold and args.docs):
            raise SystemExit("evaluate: --gold and --docs go together")
        parts.append(Part(Path(args.docs).name, Path(args.gold), Path(args.docs)))
    for p in parts:
        for path in (p.gold, p.docs):
            if not path.exists():
                raise SystemExit(f"evaluate: {path} does not exist (a PART folder holds gold.jsonl and docs/)")
    return parts or [Part("seeds", SEED_GOLD, SEEDS_DIR)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m analysis evaluate", description=__doc__.splitlines()[0])
    ap.add_argument("parts", nargs="*", help="folders holding gold.jsonl and docs/")
    ap.add_argument("--gold", help="a gold.jsonl file (with --docs)")
    ap.add_argument("--docs", help="the folder of articles it describes (with --gold)")
    ap.add_argument("--kinds", default=",".join(KINDS), help="comma list of " + ", ".join(KINDS))
    ap.add_argument("--list", action="store_true", help="list the missed gold facts and the wrong rows")
    args = ap.parse_args(argv)
    kinds = [k.strip() for k in args.kinds.split(",") if k.strip()]
    unknown = sorted(set(kinds) - set(KINDS))
    if unknown:
        raise SystemExit(f"evaluate: unknown kind {', '.join(unknown)} (kinds: {', '.join(KINDS)})")
    scores = []
    for part in parts_of(args):
        try:
            scores += score_part(part, kinds)
        except GoldError as e:
            raise SystemExit(f"evaluate: {e}") from None
    shown = scores + (overall(scores) if len({s.part for s in scores}) > 1 else [])
    print(table(shown).to_string(index=False))
    if args.list:
        for s in scores:
            for title, items in (("missed", s.misses), ("wrong", s.wrong)):
                if items:
                    print(f"\n{s.part} {s.kind}: {title} ({len(items)})")
                    for row in items:
                        print("  " + _describe(s.kind, row))
    return 0
