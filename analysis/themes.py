"""Themes and debate sides per sentence, from the cue lexicon in `data/themes.yaml`.

`extract_themes(doc)` returns one row per (sentence, theme) for every sentence of the article
proper (`doc.sentences`, boilerplate excluded) that contains at least one cue of the theme:

    doc_id, sent_id, start, end, quote      the sentence; doc.text[start:end] == quote
    theme                                   theme name from the lexicon
    cue, cue_start, cue_end                 the deciding cue as printed; doc.text[cue_start:cue_end] == cue
    side                                    debate side the sentence leans to, "" if none / tie / not a debate
    tone                                    VADER compound score of the sentence (-1 .. 1)
    negated                                 True when the deciding cue is negated
    cues                                    every cue matched for the theme, "; "-joined, negated ones as "!cue"

Matching rules (see the header of data/themes.yaml for the cue syntax):

* case-insensitive, on word boundaries: a cue never matches inside a longer word ("open" is not
  found in "OpenAI", "AI" not in "said"); hyphens and spaces inside a cue are interchangeable;
  the last word also matches plural / possessive forms; `*` is a word-ending wildcard.
* overlapping cues of one theme: the longest wins ("open and closed" beats "closed models" in
  "a mix of open and closed models", so that sentence is about the debate but takes no side).
* negation: a cue preceded by a negator (data/themes.yaml `negation`) within `window` words of the
  same clause, or written with a "non-" prefix, is *negated*. A negated side cue keeps the sentence
  in the theme but votes for no side: it never flips the sentence to the opposite side.
  Side = the side with strictly the most non-negated cues; a tie (or only negated cues) gives "".
* debates may declare `requires: [side, ...]`: then the sentence must contain a theme cue or a cue
  of a required side (the other sides' cues only vote). Used where one side's cues are ubiquitous
  (e.g. "generative AI" must not, on its own, put a sentence into the metaverse-vs-AI debate).

`theme_shares(themes_df, documents_df)` aggregates per document x theme for charting over
publication date.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping

import pandas as pd

from . import config
from .doc import Doc

THEMES_LEXICON = config.DATA_DIR / "themes.yaml"

THEME_COLUMNS = [
    "doc_id", "sent_id", "start", "end", "quote", "theme", "cue", "cue_start", "cue_end",
    "side", "tone", "negated", "cues",
]

SHARE_COLUMNS = [
    "doc_id", "theme", "n_sentences", "doc_sentences", "share", "mean_tone", "dominant_side",
    "side_counts", "published", "published_date", "published_precision", "title", "outlet",
]

_SEP = r"[\s\-\u2010\u2011\u2012\u2013]+"
_APOS = "['\u2019]"


# ----------------------------------------------------------------------------- cue compiling
def cue_regex(cue: str, case: bool = False) -> re.Pattern:
    """Compile one lexicon cue (syntax in data/themes.yaml) to a word-bounded regex."""
    cue = cue.strip()
    wild = cue.endswith("*")
    core = cue.rstrip("*").strip()
    tokens = [t for t in re.split(r"[\s\-\u2010\u2011]+", core) if t]
    parts = []
    for t in tokens:
        if t == "*":
            parts.append(r"[\w'\u2019]+")
            continue
        t_esc = re.escape(t).replace("'", _APOS).replace("\u2019", _APOS)
        parts.append(t_esc)
    body = _SEP.join(parts)
    if wild:
        body += r"[\w]*"
    elif tokens and re.search(r"\w$", tokens[-1]):
        body += r"(?:e?s)?(?:" + _APOS + r"s?)?"
    lead = r"(?<![\w])" if re.match(r"\w", core) else ""
    trail = r"(?![\w])" if re.search(r"\w$", core) else ""
    flags = 0 if case else re.IGNORECASE
    return re.compile(lead + "(?:" + body + ")" + trail, flags)


def _cue_entries(items) -> list[tuple[str, bool]]:
    out = []
    for it in items or []:
        if isinstance(it, Mapping):
            out.append((str(it["cue"]), bool(it.get("case", False))))
        else:
            out.append((str(it), False))
    return out


@dataclass(frozen=True)
class Cue:
    text: str            # lexicon entry
    side: str            # "" for a theme (no-side) cue
    regex: re.Pattern


@dataclass(frozen=True)
class Theme:
    name: str
    description: str
    cues: tuple[Cue, ...]
    sides: tuple[str, ...]
    requires: tuple[str, ...]


@dataclass(frozen=True)
class Lexicon:
    themes: tuple[Theme, ...]
    negators: tuple[re.Pattern, ...]
    scope_breakers: frozenset[str]
    window: int


def _build_lexicon(raw: Mapping) -> Lexicon:
    themes = []
    for t in raw.get("themes", []) or []:
        cues = [Cue(c, "", cue_regex(c, case)) for c, case in _cue_entries(t.get("cues"))]
        sides = []
        for side, spec in (t.get("sides") or {}).items():
            sides.append(str(side))
            items = spec.get("cues") if isinstance(spec, Mapping) else spec
            cues += [Cue(c, str(side), cue_regex(c, case)) for c, case in _cue_entries(items)]
        themes.append(Theme(str(t["name"]), str(t.get("description", "")), tuple(cues),
                            tuple(sides), tuple(str(s) for s in (t.get("requires") or []))))
    neg = raw.get("negation", {}) or {}
    negators = tuple(cue_regex(n, False) for n, _ in _cue_entries(neg.get("negators")))
    breakers = frozenset(str(w).lower() for w in neg.get("scope_breakers", []) or [])
    return Lexicon(tuple(themes), negators, breakers, int(neg.get("window", 4)))


@lru_cache(maxsize=8)
def _load_cached(path: str, mtime: float) -> Lexicon:
    import yaml

    with open(path, encoding="utf-8") as f:
        return _build_lexicon(yaml.safe_load(f) or {})


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    """Load (and cache until the file changes) a theme lexicon; default data/themes.yaml."""
    p = Path(path) if path else THEMES_LEXICON
    return _load_cached(str(p), p.stat().st_mtime)


def lexicon_from_dict(raw: Mapping) -> Lexicon:
    """Build a lexicon from an in-memory mapping shaped like data/themes.yaml (tests, notebooks)."""
    return _build_lexicon(raw)


def theme_names(lexicon: Lexicon | None = None) -> list[str]:
    return [t.name for t in (lexicon or load_lexicon()).themes]


# ----------------------------------------------------------------------------- tone
@lru_cache(maxsize=1)
def _analyzer():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@lru_cache(maxsize=65536)
def tone(text: str) -> float:
    """VADER compound score of a sentence (cached: the analyzer is slow)."""
    return float(_analyzer().polarity_scores(text)["compound"])


# ----------------------------------------------------------------------------- negation
_CLAUSE_PUNCT = re.compile(r"[,;:()\[\]\u2014\u2013\"\u201c\u201d!?]|\s-\s")
_TOKEN = re.compile(r"[\w'\u2019]+")


def is_negated(sentence: str, cue_rel_start: int, lexicon: Lexicon) -> bool:
    """True if a negator precedes position `cue_rel_start` of `sentence` in the same clause."""
    prefix = sentence[:cue_rel_start]
    if re.search(r"(?<![\w])non[\-\u2010\u2011 ]?$", prefix, re.IGNORECASE):
        return True
    cuts = list(_CLAUSE_PUNCT.finditer(prefix))
    if cuts:
        prefix = prefix[cuts[-1].end():]
    tokens = _TOKEN.findall(prefix)
    for i in range(len(tokens) - 1, -1, -1):
        if tokens[i].lower() in lexicon.scope_breakers:
            tokens = tokens[i + 1:]
            break
    tokens = tokens[-lexicon.window:] if lexicon.window > 0 else []
    if not tokens:
        return False
    if any(re.search(r"n['\u2019]t$", t, re.IGNORECASE) for t in tokens):
        return True
    window = " ".join(tokens)
    return any(n.search(window) for n in lexicon.negators)


# ----------------------------------------------------------------------------- extraction
def _theme_matches(theme: Theme, text: str) -> list[tuple[int, int, Cue]]:
    found = []
    for cue in theme.cues:
        for m in cue.regex.finditer(text):
            if m.end() > m.start():
                found.append((m.start(), m.end(), cue))
    # longest first, then leftmost; drop anything overlapping an accepted match
    found.sort(key=lambda x: (-(x[1] - x[0]), x[0]))
    accepted: list[tuple[int, int, Cue]] = []
    for s, e, c in found:
        if all(e <= a or s >= b for a, b, _ in accepted):
            accepted.append((s, e, c))
    accepted.sort(key=lambda x: x[0])
    return accepted


def extract_themes(doc: Doc, lexicon: Lexicon | None = None) -> list[dict]:
    """One row per (sentence, theme) match; columns THEME_COLUMNS (see module docstring)."""
    lex = lexicon or load_lexicon()
    rows: list[dict] = []
    for sent in doc.sentences:
        text = doc.text[sent.start:sent.end]
        sent_tone = None
        for theme in lex.themes:
            matches = _theme_matches(theme, text)
            if not matches:
                continue
            if theme.requires and not any(c.side == "" or c.side in theme.requires
                                          for _, _, c in matches):
                continue
            marked = [(s, e, c, is_negated(text, s, lex)) for s, e, c in matches]
            votes: dict[str, int] = {}
            for _, _, c, neg in marked:
                if c.side and not neg:
                    votes[c.side] = votes.get(c.side, 0) + 1
            side = ""
            if votes:
                best = max(votes.values())
                winners = [k for k, v in votes.items() if v == best]
                if len(winners) == 1:
                    side = winners[0]
            if side:
                chosen = next(m for m in marked if m[2].side == side and not m[3])
            else:
                chosen = next((m for m in marked if not m[3]), marked[0])
            s, e, _, neg = chosen
            if sent_tone is None:
                sent_tone = tone(text)
            rows.append({
                "doc_id": doc.doc_id,
                "sent_id": sent.sent_id,
                "start": sent.start,
                "end": sent.end,
                "quote": text,
                "theme": theme.name,
                "cue": text[s:e],
                "cue_start": sent.start + s,
                "cue_end": sent.start + e,
                "side": side,
                "tone": sent_tone,
                "negated": bool(neg),
                "cues": "; ".join(("!" if n else "") + text[a:b] for a, b, _, n in marked),
            })
    return rows


def themes_frame(docs: Iterable[Doc], lexicon: Lexicon | None = None) -> pd.DataFrame:
    """`extract_themes` over many documents, as a DataFrame with THEME_COLUMNS."""
    rows = [r for d in docs for r in extract_themes(d, lexicon)]
    return pd.DataFrame(rows, columns=THEME_COLUMNS)


# ----------------------------------------------------------------------------- aggregation
def theme_shares(themes_df: pd.DataFrame, documents_df: pd.DataFrame,
                 n_sentences: Mapping[str, int] | None = None,
                 themes: Iterable[str] | None = None,
                 statuses: Iterable[str] | None = None) -> pd.DataFrame:
    """Per document x theme: how much of the document is about the theme, its tone and side.

    Columns SHARE_COLUMNS. The grid is complete (every document x every theme, zero rows
    included, so a chart over publication date shows absences as 0):

    * n_sentences     distinct sentences of the document matching the theme
    * doc_sentences   article sentences in the document: `n_sentences` mapping (doc_id -> count,
                      e.g. {d.doc_id: len(d.sentences)}), else a `n_sentences` column of
                      documents_df, else NaN (share is then NaN too)
    * share           n_sentences / doc_sentences
    * mean_tone       mean VADER compound of the matching sentences (NaN when none)
    * dominant_side   side with the most side-labelled sentences; "mixed" on a tie; "" when none
    * side_counts     e.g. "open:3; closed:1"
    * published_date  `published` parsed to a Timestamp (NaT when empty) for plotting

    `themes` restricts / orders the theme axis (default: lexicon order plus any extra themes found).
    `statuses`, if given, keeps only documents whose `status` is in it.
    """
    docs = documents_df.copy()
    if statuses is not None and "status" in docs.columns:
        docs = docs[docs["status"].isin(list(statuses))]
    doc_ids = list(dict.fromkeys(docs["doc_id"].astype(str)))
    tdf = themes_df.copy() if themes_df is not None else pd.DataFrame(columns=THEME_COLUMNS)
    if len(tdf):
        tdf["doc_id"] = tdf["doc_id"].astype(str)
    if themes is None:
        try:
            names = theme_names()
        except FileNotFoundError:
            names = []
        names += [t for t in dict.fromkeys(tdf.get("theme", pd.Series(dtype=str))) if t not in names]
    else:
        names = list(themes)

    counts: dict[str, float] = {}
    if n_sentences is not None:
        counts = {str(k): v for k, v in n_sentences.items()}
    elif "n_sentences" in docs.columns:
        counts = dict(zip(docs["doc_id"].astype(str), docs["n_sentences"]))
    meta = docs.drop_duplicates("doc_id").set_index(docs.drop_duplicates("doc_id")["doc_id"].astype(str))

    rows = []
    grouped = {k: g for k, g in tdf.groupby(["doc_id", "theme"])} if len(tdf) else {}
    for d in doc_ids:
        for th in names:
            g = grouped.get((d, th))
            if g is not None:
                per_sent = g.drop_duplicates("sent_id")
                n = int(per_sent["sent_id"].nunique())
                mean_tone = float(per_sent["tone"].mean())
                sides = per_sent["side"].fillna("").astype(str)
                vc = sides[sides != ""].value_counts()
                if len(vc) == 0:
                    dominant = ""
                elif len(vc) > 1 and vc.iloc[0] == vc.iloc[1]:
                    dominant = "mixed"
                else:
                    dominant = str(vc.index[0])
                side_counts = "; ".join(f"{k}:{int(v)}" for k, v in vc.items())
            else:
                n, mean_tone, dominant, side_counts = 0, float("nan"), "", ""
            total = counts.get(d)
            total = float(total) if total is not None and pd.notna(total) and total > 0 else float("nan")
            m = meta.loc[d] if d in meta.index else {}
            published = m.get("published", "") if len(m) else ""
            published = "" if published is None or (isinstance(published, float) and pd.isna(published)) else published
            rows.append({
                "doc_id": d, "theme": th, "n_sentences": n,
                "doc_sentences": total,
                "share": n / total if total == total else float("nan"),
                "mean_tone": mean_tone, "dominant_side": dominant, "side_counts": side_counts,
                "published": str(published),
                "published_date": pd.to_datetime(str(published), errors="coerce") if published else pd.NaT,
                "published_precision": m.get("published_precision", "") if len(m) else "",
                "title": m.get("title", "") if len(m) else "",
                "outlet": m.get("outlet", "") if len(m) else "",
            })
    out = pd.DataFrame(rows, columns=SHARE_COLUMNS)
    out["published_date"] = pd.to_datetime(out["published_date"], errors="coerce")
    return out
