"""Sourcing: who each article sentence is attributed to.

`attribute(doc)` returns one row per sentence of `doc.sentences` (columns ATTRIBUTION_COLUMNS):

    doc_id, sent_id
    attribution          on_record | company | anonymous | analyst | report | unattributed
    attribution_source   who, when extractable: person ("Megh Gautam"), organisation ("Meta"),
                         outlet ("The New York Times"), firm ("Bank of America"), or the unnamed
                         phrase ("people familiar with the matter"); "" otherwise
    attr_start, attr_end the attribution phrase ("the spokesperson said", "according to CNBC"),
    attr_quote           doc.text[attr_start:attr_end] == attr_quote; None/None/"" if unattributed
    attr_sent_id         sentence holding the attribution phrase (differs from sent_id when carried)
    carried              True when inherited from an adjacent quoted sentence (see below)
    attributions_all     every kind found in the sentence, in order, "; "-joined

Method (cue lists in data/lexicons/attribution.yaml, written in the cue syntax of
data/lexicons/README.md; organisations in data/registry/entities.yaml are used as extra outlet /
research-firm / company names when that file exists, matched as printed):

1. Anchors: a speech verb with its subject before it ("Zuckerberg said", "Cantor analysts said in
   a note", "The New York Times first reported that"), an inverted verb after a comma or closing
   quote with the subject after it (", said Megh Gautam, chief product officer at X"), or a source
   phrase followed by the source ("according to people familiar with the matter", "obtained by
   X"). Anchors inside quotation marks are ignored. "reported/reports" only count when followed
   by that/on/in/a time word/clause end ("Meta reports earnings" is no attribution).
2. The subject (plus, for inverted verbs, its appositive ", an analyst at X") is classified in
   this order: anonymous cue -> analyst cue -> company cue -> outlet (report) -> named person
   (on_record). A named person whose appositive says analyst is `analyst`; a named spokesperson
   is `company`. A single capitalised word is a person (on_record) when the document also prints
   it as the surname of a full name ("Mark Zuckerberg" ... "Zuckerberg said"), a registered
   organisation otherwise, else a company (people are introduced by full name in news; companies
   are not). "he/she said" is on_record and borrows the last named person within 5 sentences;
   "they/it said" and definite subjects ("the analysts wrote") borrow the last source of the
   same kind within 5 sentences.
   `anonymous` means "unnamed source": besides people granted anonymity it covers unnamed groups
   ("researchers say", "experts said", "employees said"), listed in the `anonymous` cues.
3. The first classified anchor in the sentence decides; all kinds found go to attributions_all.
4. Carry-over: a sentence that starts with an opening quotation mark and has no anchor of its own
   inherits the attribution of the previous sentence of the same paragraph when that sentence is
   attributed and contains a quotation; failing that, of the next sentence of the same paragraph
   when it starts with a quotation mark and is attributed (“We plan ...,” the spokesperson said.
   “We also ...” -> both company). Carried rows point at the original phrase (attr_sent_id) and
   have carried=True. Nothing is carried across paragraphs or over unquoted sentences.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping

import pandas as pd

from analysis import config
from analysis.corpus.doc import Doc
from analysis.lexicon import yamlfile
from analysis.lexicon.cues import CueFinder, CueLists, compile_cues, cues, literal_trie

ATTRIBUTION_CUES = config.ATTRIBUTION_CUES
ENTITIES = config.ENTITIES

ATTRIBUTION_COLUMNS = [
    "doc_id", "sent_id", "attribution", "attribution_source", "attr_start", "attr_end",
    "attr_quote", "attr_sent_id", "carried", "attributions_all",
]
KINDS = ("on_record", "company", "anonymous", "analyst", "report", "unattributed")

_OPEN_Q = "“\"‘«"
_BOUNDARY = re.compile(r"[,;:()\[\]\u2014\u2013“”\"«»]|\s-\s|^")
_CAP_RUN = re.compile(
    r"[A-Z][\w&'’.\-]*(?:(?:\s+(?:of|de|la|van|von|der|du|al|bin|and|&))?\s+[A-Z][\w&'’.\-]*)*")
_WORD = re.compile(r"[\w'’.\-]+")
_FOLLOW_REPORT = re.compile(
    r"\s*(?:that|on|in|last|earlier|this|previously|first|,|\.|;|:|$|—|–|\))", re.IGNORECASE)


# the anchor lists of attribution.yaml, in the order `_find_anchors` reads their hits
ANCHOR_KEYS = ("speech_verbs", "report_verbs", "inverted_verbs", "source_phrases")
SOURCE_CLASSES = ("anonymous", "analyst", "company", "report")   # in priority order


@dataclass(frozen=True)
class Cues:
    anchors: CueLists                              # one finder per ANCHOR_KEYS list
    adverbs: frozenset[str]
    classes: tuple[tuple[str, re.Pattern], ...]   # (kind, pattern) in priority order
    org_names: dict[str, str]                      # registered organisation name/alias -> kind
    org_re: re.Pattern | None
    outlet_words: frozenset[str]
    org_words: frozenset[str]
    titles: frozenset[str]
    person_pronouns: frozenset[str]
    carry_pronouns: frozenset[str]
    leading: frozenset[str]


def _lower_set(items) -> frozenset[str]:
    return frozenset(str(x).lower().rstrip(".") for x in items or [])


def _build(raw: Mapping, entities: Mapping | None) -> Cues:
    plural = bool(raw.get("plurals", False))
    org_names: dict[str, str] = {}
    for o in (entities or {}).get("organisations", []) or []:
        kind = {"media": "report", "finance": "analyst"}.get(str(o.get("kind", "")), "company")
        for n in [o.get("name")] + list(o.get("aliases") or []):
            if n:
                org_names[str(n)] = kind
    # registered names are matched as printed (case-sensitive, whole words)
    org_re = re.compile(rf"(?<![\w])(?:{literal_trie(org_names)})(?![\w])") if org_names else None
    return Cues(
        anchors=CueLists(CueFinder({key: cues(raw.get(key), plural)}) for key in ANCHOR_KEYS),
        adverbs=_lower_set(raw.get("verb_adverbs")),
        classes=tuple((kind, compile_cues(cues(raw.get(kind), plural)))
                      for kind in SOURCE_CLASSES if raw.get(kind)),
        org_names=org_names,
        org_re=org_re,
        outlet_words=frozenset(str(w) for w in raw.get("outlet_words", []) or []),
        org_words=frozenset(str(w).rstrip(".") for w in raw.get("org_words", []) or []),
        titles=_lower_set(raw.get("titles")),
        person_pronouns=_lower_set(raw.get("person_pronouns")),
        carry_pronouns=_lower_set(raw.get("carry_pronouns")),
        leading=_lower_set(raw.get("leading_words")),
    )


@lru_cache(maxsize=4)
def _load_cached(path: str, mtime: float, ent_path: str, ent_mtime: float) -> Cues:
    return _build(yamlfile.load(path), yamlfile.load(ent_path) if ent_path else None)


def load_cues(path: str | Path | None = None, entities: str | Path | None = None) -> Cues:
    p = Path(path) if path else ATTRIBUTION_CUES
    e = Path(entities) if entities else ENTITIES
    e_ok = e.exists()
    return _load_cached(str(p), p.stat().st_mtime, str(e) if e_ok else "",
                        e.stat().st_mtime if e_ok else 0.0)


# ----------------------------------------------------------------------------- helpers
def _quoted_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in re.finditer(r"“[^”]*”|\"[^\"]*\"", text):
        spans.append((m.start(), m.end()))
    return spans


def _inside(pos: int, spans) -> bool:
    """Whether `pos` is strictly inside one of `spans` (sorted and disjoint, as `_quoted_spans`
    gives them): a bisection, however many quotes the sentence holds."""
    i = bisect.bisect_left(spans, pos, key=lambda sp: sp[0])  # spans[:i] start before pos
    return bool(i) and pos < spans[i - 1][1]


@dataclass
class Anchor:
    start: int          # phrase span, relative to the sentence
    end: int
    subject: str        # text classified
    subj_start: int
    extra: str = ""     # appositive (inverted verbs)
    is_report_verb: bool = False
    kind: str = ""
    source: str = ""


def _strip_subject(text: str, start: int, cues: Cues) -> tuple[str, int]:
    """Trim leading conjunctions and trailing adverbs/space; returns (subject, new start)."""
    while True:
        m = re.match(r"\s*([\w'’]+)\s+", text)
        if m and m.group(1).lower() in cues.leading:
            start += m.end()
            text = text[m.end():]
            continue
        break
    lead = len(text) - len(text.lstrip())
    text, start = text.strip(), start + lead
    while True:
        m = re.search(r"\s+([\w'’]+)$", text)
        if m and m.group(1).lower() in cues.adverbs:
            text = text[:m.start()]
            continue
        break
    return text, start


def _find_anchors(text: str, cues: Cues) -> list[Anchor]:
    speech, report, inverted, phrases = cues.anchors.find(text)
    if not (speech or report or inverted or phrases):
        return []
    quoted = _quoted_spans(text)
    boundaries = [b.end() for b in _BOUNDARY.finditer(text)]  # starts with 0 (`^`)
    anchors: list[Anchor] = []

    # subject-before-verb: "X said", "X reported that"
    for hits, is_rep in ((speech, False), (report, True)):
        for _, start, end in hits:
            if _inside(start, quoted):
                continue
            if is_rep and not _FOLLOW_REPORT.match(text, end):
                continue
            # the subject runs from the last boundary before the verb (bisection); a subject is at
            # most 12 words, so no more than SUBJECT_REACH characters before the verb are read
            cut = max(boundaries[bisect.bisect_right(boundaries, start) - 1], start - SUBJECT_REACH)
            subj, s0 = _strip_subject(text[cut:start], cut, cues)
            if not subj:
                continue
            words = subj.split()
            if words[-1].lower() in cues.leading or words[-1].lower() in {"to", "would", "will", "could",
                                                                          "can", "may", "might", "not"}:
                continue
            if len(words) > 12:
                tail = re.search(r"(?:\S+\s+){11}\S+$", subj)
                s0 += tail.start()
                subj = tail.group(0)
            anchors.append(Anchor(s0, end, subj, s0, is_report_verb=is_rep))

    # verb-before-subject after a comma / closing quote: ", said Jane Doe, an analyst at X."
    for _, start, end in inverted:
        if _inside(start, quoted):
            continue
        k = start
        while k and text[k - 1].isspace():
            k -= 1
        if not k or text[k - 1] not in ",”\"’":
            continue
        anchors.extend(_after_anchor(text, start, end))

    for _, start, end in phrases:
        if _inside(start, quoted):
            continue
        anchors.extend(_after_anchor(text, start, end))
    anchors.sort(key=lambda a: a.start)
    return anchors


_AFTER_SUBJECT = re.compile(r"\s*([^,.;:()\u2014\u2013“”\"]+?)\s*(?=[,.;:()\u2014\u2013“”\"]|$)")
_AFTER_APPOSITION = re.compile(r"\s*,\s*([^;.,]*?)\s*(?=[;.,”\"]|$)")
SUBJECT_REACH = 600  # characters before a speech verb searched for its subject (12 words at most)


def _after_anchor(text: str, start: int, cue_end: int) -> list[Anchor]:
    """The source after an inverted verb or a source phrase at text[start:cue_end]."""
    sm = _AFTER_SUBJECT.match(text, cue_end)
    if not sm or not sm.group(1).strip():
        return []
    subj = sm.group(1).strip()
    s_start = text.find(subj, cue_end)
    end = s_start + len(subj)
    extra = ""
    am = _AFTER_APPOSITION.match(text, end)
    if am and len(am.group(1).split()) <= 12 and not re.match(r"(?:who|which|that|whose|whom|where|when)\b",
                                                           am.group(1), re.IGNORECASE):
        extra = am.group(1)
    return [Anchor(start, end, subj, s_start, extra=extra)]


def _cap_runs(s: str) -> list[str]:
    return [r.strip(" .") for r in _CAP_RUN.findall(s)]


def _person_name(subject: str, cues: Cues) -> str:
    """A capitalised name ending the subject, titles stripped ("CEO Sam Altman" -> "Sam Altman")."""
    m = re.search(r"((?:[A-Z][\w'’.\-]*\s+){0,4}[A-Z][\w'’.\-]*)$", subject.strip())
    if not m:
        return ""
    toks = m.group(1).split()
    # "Initech CEO Priya Raman": keep what follows the last title word
    for j in range(len(toks) - 2, -1, -1):
        if toks[j].lower().rstrip(".") in cues.titles:
            toks = toks[j + 1:]
            break
    # drop titles / determiners / registered organisations in front
    while toks and (toks[0].lower().rstrip(".") in cues.titles or toks[0] in ("A", "An", "The")
                    or toks[0] in cues.org_names or re.sub(r"['’]s$", "", toks[0]) in cues.org_names):
        toks = toks[1:]
    if not toks:
        return ""
    # a lowercase word directly before the name must not be part of a longer phrase ending in it
    name = " ".join(toks)
    return name


# two capitalised words, not after a letter or a dot: a first name and a surname ("Mark Zuckerberg")
_FULL_NAME = re.compile(r"(?<![\w.])([A-Z][a-z][\w'’\-]*)\s+([A-Z][a-z][\w'’\-]+)(?![\w])")


class _DocContext:
    def __init__(self, doc: Doc, cues: Cues):
        self.cues = cues
        text = " ".join(s.text for s in doc.sentences)
        # surnames printed after a capitalised first name ("Mark Zuckerberg"), not org names
        self.full_names: dict[str, str] = {}
        for m in _FULL_NAME.finditer(text):
            first, last = m.group(1), m.group(2)
            if (first.lower() in cues.titles or first in ("The", "A", "An") or last in cues.org_words
                    or first in cues.org_names or last in cues.org_names
                    or f"{first} {last}" in cues.org_names or last in cues.outlet_words):
                continue
            self.full_names.setdefault(last, f"{first} {last}")


def _classify(a: Anchor, cues: Cues, ctx: _DocContext) -> None:
    subj = a.subject
    both = subj + (" , " + a.extra if a.extra else "")
    tokens = _WORD.findall(subj)
    low = subj.lower().strip()
    if low in cues.person_pronouns:
        a.kind, a.source = "on_record", "<he/she>"
        return
    if low in cues.carry_pronouns:
        a.kind, a.source = "<carry>", ""
        return
    # cue classes in priority order, the cue must start within the last 12 words of the subject
    tail_from = 0
    if len(tokens) > 12:
        tail_from = subj.find(tokens[-12])
    for kind, pat in cues.classes:
        m = pat.search(subj, tail_from)
        if not m and a.extra and kind in ("analyst", "company"):
            m = pat.search(a.extra)   # appositive: ", an analyst at X" / ", a spokeswoman for X"
        if not m:
            continue
        a.kind = kind
        a.source = _source_for(kind, a, cues, ctx, m)
        return
    # registered organisations
    if cues.org_re is not None:
        for m in cues.org_re.finditer(both):
            kind = cues.org_names[m.group(0)]
            name = _person_name(subj, cues)
            if kind == "company" and name and name not in cues.org_names and len(name.split()) >= 2:
                break  # "Meta CEO Mark Zuckerberg": the person speaks
            a.kind, a.source = kind, m.group(0)
            return
    name = _person_name(subj, cues)
    if name:
        # must be (almost) the whole subject: "Meta released ... in April and" is not a name
        lead = subj[:subj.rfind(name)].strip()
        lead_words = [w for w in _WORD.findall(lead)]
        if any(w[0].islower() and w.lower() not in cues.titles and w.lower() not in ("a", "an", "the")
               for w in lead_words) and len(lead_words) > 2:
            return
        last = name.split()[-1]
        if last in cues.outlet_words or (a.is_report_verb and (
                re.match(r"The\s", subj) or (len(name.split()) == 1 and last not in ctx.full_names))):
            if re.match(r"The\s", subj) and not name.startswith("The "):
                name = "The " + name
            a.kind, a.source = "report", name
            return
        if last in cues.org_words:
            a.kind, a.source = "company", name
            return
        if len(name.split()) == 1:
            if name in ctx.full_names:
                a.kind, a.source = "on_record", ctx.full_names[name]
            else:
                a.kind, a.source = "company", name
            return
        a.kind, a.source = "on_record", name


def _source_for(kind: str, a: Anchor, cues: Cues, ctx: _DocContext, m: re.Match) -> str:
    subj, extra = a.subject, a.extra
    if kind == "anonymous":
        return subj.strip()
    if kind == "report":
        outlets = []
        for pat_kind, pat in cues.classes:
            if pat_kind == "report":
                for mm in pat.finditer(subj):
                    s = mm.group(0)
                    if s[:1].isupper() and s not in outlets:
                        outlets.append(s)
        if outlets:
            return "; ".join(outlets)
        runs = [r for r in _cap_runs(subj) if r not in ("A", "The", "An")]
        return runs[0] if runs else ""
    if kind in ("analyst", "company"):
        name = _person_name(subj, cues)
        if name and len(name.split()) >= 2 and name not in cues.org_names and kind == "analyst" and a.extra:
            return name
        # organisation / firm: capitalised runs that are not cue words
        generic = {"Analysts", "Analyst", "A", "An", "The", "Spokesperson", "Spokesman", "Spokeswoman"}
        runs = []
        for r in _cap_runs(subj) + (_cap_runs(extra) if extra else []):
            words = [w for w in r.split() if w not in generic and w.lower().rstrip(".") not in cues.titles]
            r2 = " ".join(words).strip()
            r2 = re.sub(r"['’]s$", "", r2)
            if r2 and r2 not in runs:
                runs.append(r2)
        return runs[0] if runs else ""
    return ""


def _sentence_anchors(text: str, cues: Cues, ctx: _DocContext) -> list[Anchor]:
    out = []
    for a in _find_anchors(text, cues):
        _classify(a, cues, ctx)
        if a.kind:
            out.append(a)
    # drop anchors nested inside an earlier accepted one: the anchors come sorted by start, so
    # one is nested in an earlier one exactly when it ends before the farthest end kept so far
    kept: list[Anchor] = []
    reach = -1
    for a in out:
        if a.end <= reach:
            continue
        kept.append(a)
        reach = a.end
    return kept


# ----------------------------------------------------------------------------- public API
def attribute(doc: Doc, cues: Cues | None = None) -> list[dict]:
    """One row per sentence of `doc.sentences`; columns ATTRIBUTION_COLUMNS (module docstring)."""
    cues = cues or load_cues()
    ctx = _DocContext(doc, cues)
    sents = list(doc.sentences)
    rows: list[dict] = []
    history: list[tuple[int, str, str]] = []   # (index, kind, source) of the last five sentences' attributions
    person_kind: dict[str, str] = {}             # named analysts / spokespeople seen in this doc
    for i, s in enumerate(sents):
        text = doc.text[s.start:s.end]
        anchors = _sentence_anchors(text, cues, ctx)
        # only attributions of the last five sentences are carried: older ones are dropped here, so
        # the cost per sentence stays the same however many sentences before it are attributed
        history = [h for h in history if i - h[0] <= 5]
        row = {"doc_id": doc.doc_id, "sent_id": s.sent_id, "attribution": "unattributed",
               "attribution_source": "", "attr_start": None, "attr_end": None, "attr_quote": "",
               "attr_sent_id": None, "carried": False, "attributions_all": ""}
        kinds = []
        for a in anchors:
            kind, source = a.kind, a.source
            recent = history
            if kind == "<carry>":
                if not recent:
                    continue
                kind, source = recent[-1][1], recent[-1][2]
            elif source == "<he/she>":
                prev = [h for h in recent if h[1] == "on_record" and h[2]]
                source = prev[-1][2] if prev else ""
            elif not source and kind in ("analyst", "company", "report"):
                prev = [h for h in recent if h[1] == kind and h[2]]
                if prev:
                    source = prev[-1][2]
            if kind == "on_record" and source in person_kind:
                kind = person_kind[source]   # "Cheruvu said" after "said Uday Cheruvu, an analyst"
            elif kind in ("analyst", "company") and source and " " in source and a.extra:
                person_kind.setdefault(source, kind)
            a.kind, a.source = kind, source
            kinds.append(kind)
        anchors = [a for a in anchors if a.kind in KINDS]
        if anchors:
            a = anchors[0]
            row.update(attribution=a.kind, attribution_source=a.source,
                       attr_start=s.start + a.start, attr_end=s.start + a.end,
                       attr_quote=doc.text[s.start + a.start:s.start + a.end], attr_sent_id=s.sent_id,
                       attributions_all="; ".join(dict.fromkeys(kinds)))
            history.append((i, a.kind, a.source))
        rows.append(row)
    _carry_over(doc, sents, rows)
    return rows


def _starts_quoted(text: str) -> bool:
    t = text.lstrip(" \t-•*")
    return bool(t) and t[0] in _OPEN_Q


def _same_paragraph(doc: Doc, a, b) -> bool:
    lo, hi = (a, b) if a.start < b.start else (b, a)
    return "\n" not in doc.text[lo.end:hi.start]


def _carry_over(doc: Doc, sents, rows: list[dict]) -> None:
    def has_quote(t: str) -> bool:
        return any(q in t for q in "“”\"")

    originals = [dict(r) for r in rows]
    # forward: previous attributed quoted sentence -> this quoted, unattributed one (chains)
    for i in range(1, len(rows)):
        r, p = rows[i], rows[i - 1]
        text = sents[i].text
        if r["attribution"] != "unattributed" or not _starts_quoted(text):
            continue
        if p["attribution"] == "unattributed" or not has_quote(sents[i - 1].text):
            continue
        if not _same_paragraph(doc, sents[i - 1], sents[i]):
            continue
        _copy(r, p)
    # backward: this quoted, unattributed one <- next quoted, attributed sentence
    for i in range(len(rows) - 2, -1, -1):
        r, n = rows[i], originals[i + 1]
        if r["attribution"] != "unattributed" or not _starts_quoted(sents[i].text):
            continue
        if n["attribution"] == "unattributed" or not _starts_quoted(sents[i + 1].text):
            continue
        if not _same_paragraph(doc, sents[i], sents[i + 1]):
            continue
        _copy(r, n)


def _copy(dst: dict, src: dict) -> None:
    for k in ("attribution", "attribution_source", "attr_start", "attr_end", "attr_quote",
              "attr_sent_id", "attributions_all"):
        dst[k] = src[k]
    dst["carried"] = True


def attributions_frame(docs: Iterable[Doc], cues: Cues | None = None) -> pd.DataFrame:
    """`attribute` over many documents as a DataFrame with ATTRIBUTION_COLUMNS."""
    rows = [r for d in docs for r in attribute(d, cues)]
    df = pd.DataFrame(rows, columns=ATTRIBUTION_COLUMNS)
    for c in ("attr_start", "attr_end", "attr_sent_id"):
        df[c] = df[c].astype("Int64")
    return df
