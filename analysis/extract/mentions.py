"""The mention pass: every name of a document (organisations, people, AI models) as `Mention`s.

`find_mentions` finds the names of each sentence (`analysis.extract.names`: the registry and the
rules for unlisted names) and resolves them across the document (`analysis.extract.coreference`:
surnames, versions, names found again). `extract_mentions` gives the `mentions` table; talent
and model events are read from the same mentions (`focus_org`, `mentions_by_sentence`).

Only `doc.sentences` are searched; every offset points into `doc.text`.
"""
from __future__ import annotations

from analysis.corpus.doc import Doc
from analysis.extract.coreference import resolve
from analysis.extract.names import Mention, name_rules, sentence_mentions
from analysis.lexicon.registry import Registry, registry

__all__ = ["MENTION_COLUMNS", "BySentence", "Mention", "extract_mentions", "find_mentions", "focus_is_clear", "focus_org",
           "is_company", "mentions_by_sentence", "org_counts"]

MENTION_COLUMNS = ["doc_id", "sent_id", "start", "end", "surface", "entity", "type", "in_registry"]


def find_mentions(doc: Doc, reg: Registry | None = None) -> list[Mention]:
    """All mentions of organisations, people and models in the document's sentences."""
    reg = reg or registry()
    rules = name_rules()  # cue words come from the default registry file
    mentions: list[Mention] = []
    for sent in doc.sentences:
        mentions.extend(sentence_mentions(doc, sent, reg, rules))
    return resolve(doc, mentions, reg, rules)


def extract_mentions(doc: Doc, mentions: list[Mention] | None = None) -> list[dict]:
    """Rows for the `mentions` table (`mentions`: `find_mentions(doc)`, found here when not given)."""
    if mentions is None:
        mentions = find_mentions(doc)
    return [{"doc_id": doc.doc_id, "sent_id": m.sent_id, "start": m.start, "end": m.end,
             "surface": m.surface, "entity": m.entity, "type": m.type, "in_registry": m.in_registry}
            for m in mentions]


class BySentence(dict):
    """sent_id -> the mentions of that sentence, in order (`mentions_by_sentence`), and the person
    the document is about (`main_person`)."""

    _main: Mention | None | bool = False  # (False: not computed yet)

    def main_person(self) -> Mention | None:
        """The first mention of the person named most often (at least twice; of several named as
        often, the one named first): "she" in a profile stands for them when no one else was named
        just before."""
        if self._main is False:
            seen: dict[str, list[Mention]] = {}
            for sid in sorted(self):
                for m in self[sid]:
                    if m.type == "person":
                        seen.setdefault(m.entity, []).append(m)
            top = max(seen.values(), key=len, default=[])  # (the first of equals: named first)
            self._main = top[0] if len(top) >= 2 else None
        return self._main


def mentions_by_sentence(mentions: list[Mention]) -> BySentence:
    """sent_id -> the mentions of that sentence, in order."""
    out = BySentence()
    for m in mentions:
        out.setdefault(m.sent_id, []).append(m)
    return out


def is_company(m: Mention, reg: Registry | None = None) -> bool:
    """Whether the mention names an organisation a document can be about: not a media outlet or a
    financial firm of the registry."""
    if m.type != "org":
        return False
    e = (reg or registry()).get(m.entity)
    return not (e is not None and e.kind in ("media", "finance"))


def org_counts(mentions: list[Mention]) -> tuple[dict[str, int], dict[str, int]]:
    """(organisation -> number of mentions, organisation -> offset of its first mention), media and
    financial organisations left out."""
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    reg = registry()
    for m in mentions:
        if not is_company(m, reg):
            continue
        counts[m.entity] = counts.get(m.entity, 0) + 1
        first.setdefault(m.entity, m.start)
    return counts, first


def focus_org(mentions: list[Mention]) -> str | None:
    """The organisation a document is mostly about: the most mentioned one (first on ties)."""
    counts, first = org_counts(mentions)
    if not counts:
        return None
    return max(counts, key=lambda k: (counts[k], -first[k]))


def focus_is_clear(mentions: list[Mention], share: float = 0.35) -> bool:
    """Whether one organisation has at least `share` of the document's organisation mentions (an
    article about a company), rather than many companies sharing them (a "people moves" column,
    a roundup): there "the company" is the one named nearby, not the document's most named."""
    counts, _first = org_counts(mentions)
    return bool(counts) and max(counts.values()) >= share * sum(counts.values())
