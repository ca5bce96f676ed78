"""What a model event says of its model besides the event: its architecture ("mixture-of-experts")
and its access ("open-source", "API-only"), from the cue lists `architecture` and `access` of
data/lexicons/models.yaml, stated in the event's clause, in an apposition, right before the name, or
anywhere in the document in a sentence that names only that model."""
from __future__ import annotations

import re
from functools import lru_cache

from analysis import config
from analysis.corpus.doc import Doc
from analysis.extract.names import Mention
from analysis.lexicon.cues import compile_cues
from analysis.lexicon.registry import load_word_lists


@lru_cache(maxsize=1)
def _tables() -> dict[str, dict[str, re.Pattern]]:
    data = load_word_lists(config.MODEL_CUES)
    return {kind: {k: compile_cues(v) for k, v in (data.get(kind) or {}).items()} for kind in ("architecture", "access")}


def attr(kind: str, text: str, lo: int, hi: int) -> str | None:
    """The architecture or access (`kind`) a cue of `text[lo:hi]` states, the first one written."""
    lex = _tables()
    table = lex["architecture"] if kind == "architecture" else lex["access"]
    found = None
    for label, rx in table.items():
        m = rx.search(text, lo, hi)
        if m and (found is None or m.start() < found[0]):
            found = (m.start(), label)
    return found[1] if found else None


def document_attrs(doc: Doc, by_sent) -> dict[tuple[str, str], str]:
    """Attributes stated about a model anywhere in the document, in a sentence naming only it:
    "DeepSeek’s R1 is a so-called mixture-of-experts AI model", "the open-source R1"."""
    out: dict[tuple[str, str], str] = {}
    text = doc.text
    for sent in doc.sentences:
        ms = [m for m in by_sent.get(sent.sent_id, []) if m.type == "model"]
        if len({m.entity for m in ms}) != 1:
            continue
        name = ms[0].entity
        for m in ms:
            # copula statement: "R1 is a so-called mixture-of-experts AI model"
            tail = text[m.end:min(sent.end, m.end + 80)]
            cop = re.match(r"(?:['’]s)?\s+(?:models?\s+)?(?:[—–][^—–]{0,60}[—–]\s*)?(?:is|was|are|were)\s+", tail)
            if cop:
                seg_lo, seg_hi = m.end + cop.end(), min(sent.end, m.end + cop.end() + 45)
                for kind in ("architecture", "access"):
                    v = attr(kind, text, seg_lo, seg_hi)
                    if v:
                        out.setdefault((name, kind), v)
            # adjective right before: "the open-source R1"
            pre_lo = max(sent.start, m.start - 25)
            for kind in ("architecture", "access"):
                v = attr(kind, text, pre_lo, m.start)
                if v and re.fullmatch(r"[^,.;]*", text[pre_lo:m.start]):
                    out.setdefault((name, kind), v)
    return out


def first_of(*pairs: tuple[str, str | None]) -> tuple[str | None, str | None]:
    """(value, source) of the first pair with a value, else (None, None)."""
    for source, value in pairs:
        if value:
            return value, source
    return None, None


def arch_apposition(text: str, mdl: Mention, clause) -> str | None:
    app = re.match(r",\s+(?:a|an|its|the|their)\s+[^,;.]{0,60}", text[mdl.end:clause[1]])
    return attr("architecture", text, mdl.end, mdl.end + app.end()) if app else None


def access_near(text: str, mdl: Mention, clause) -> str | None:
    """Access stated right before the model ("the open-source Behemoth model") or about it."""
    lo = max(clause[0], mdl.start - 25)
    v = attr("access", text, lo, mdl.start)
    if v and "," not in text[lo:mdl.start]:
        return v
    # apposition: "Zephyr 2.5, its new open-source language model,"
    app = re.match(r",\s+(?:a|an|its|the|their)\s+[^,;.]{0,60}", text[mdl.end:clause[1]])
    if app:
        return attr("access", text, mdl.end, mdl.end + app.end())
    return None
