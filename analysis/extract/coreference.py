"""What one document says about its names across sentences (after `analysis.extract.names`).

* two- or three-word capitalised names coordinated with a person are people too ("hired Mark Lee
  and Tom Gunter");
* another version of an unregistered model named earlier belongs to its family ("Orion 2" ...
  "Orion 3"), and a tiered name to the family named in the document ("Zephyr Ultra" -> Zephyr);
* an unregistered name confirmed in one sentence is found again in the others;
* a bare surname resolves to the one full name with that surname seen earlier ("Wang" ->
  Alexandr Wang), when exactly one person with that surname has been mentioned before;
* an unregistered "Northwind AI" is an organisation when the document also uses "Northwind" alone
  as a name ("Northwind said", "Northwind's", "Northwind, valued at ..."), and that bare name is the
  same organisation; so is "Brightwater" after "Brightwater Systems" (an unregistered organisation
  whose name ends in an organisation suffix: "Systems", "Labs", "Robotics", ...).
"""
from __future__ import annotations

import re
from dataclasses import replace

from analysis.corpus.doc import Doc
from analysis.corpus.text import is_word_char
from analysis.extract.names import PERSON, Mention, NameRules
from analysis.lexicon.firstnames import is_first_name
from analysis.lexicon.registry import Registry, registry


def resolve(doc: Doc, mentions: list[Mention], reg: Registry, rules: NameRules) -> list[Mention]:
    """The mentions of every sentence of `doc`, completed and resolved across the document."""
    mentions = _coordinated_people(doc, mentions, rules)
    mentions = _ai_named_orgs(doc, mentions, reg, rules)
    mentions = _short_org_names(doc, mentions, reg, rules)
    mentions = _companies_by_use(doc, mentions, reg, rules)
    # another version of an unregistered model named earlier belongs to its family ("Orion 2" ...
    # "Orion 3"), however each was found
    first_base: dict[str, str] = {}
    for i, m in enumerate(mentions):
        if m.type == "model" and not m.in_registry and m.family is None:
            base = re.match(r"(.*?[A-Za-z])[ -]?v?\d+(?:\.\d+)*[A-Za-z]?$", m.surface)
            if base and len(base.group(1)) >= 3 and first_base.setdefault(base.group(1), m.surface) != m.surface:
                mentions[i] = replace(m, family=base.group(1))
    # "Zephyr Ultra" belongs to the family Zephyr when Zephyr is named as a model in the document
    tiers = rules.tiers
    if tiers:
        fams = {m.entity: m for m in mentions if m.type == "model"}
        for i, m in enumerate(mentions):
            if m.type == "model" and not m.in_registry and m.family is None and " " in m.surface:
                base, last = m.surface.rsplit(" ", 1)
                if last in tiers and base in fams:
                    src = fams[base]
                    fam = registry().family_root(src.entity) if src.in_registry else (src.family or src.entity)
                    mentions[i] = replace(m, family=fam)
    # an unregistered name confirmed in one sentence is found again elsewhere in the document
    unreg = {m.surface: m for m in mentions
             if not m.in_registry and m.via not in ("weak", "coref")}
    # ... and another version of an unregistered model is a model too ("Orion 2" -> "Orion 3")
    for m in list(unreg.values()):
        base = re.match(r"(.*?[A-Za-z])[ -]?v?\d+(?:\.\d+)*[A-Za-z]?$", m.surface)
        if m.type == "model" and base and len(base.group(1)) >= 3:
            unreg.setdefault(base.group(1) + "\0", m)
    if unreg:
        # longest first; a model name without its version is followed by any version
        alts = [(k[:-1], True) if k.endswith("\0") else (k, False) for k in sorted(unreg, key=len, reverse=True)]
        extra = []
        index = NameIndex(alts)
        for sent in doc.sentences:
            for a, b in index.find(doc.text, sent.start, sent.end, dot_digit=True):
                surface = doc.text[a:b]
                src = unreg.get(surface)
                if src is not None:
                    extra.append(Mention(a, b, surface, src.entity, src.type, False, sent.sent_id, src.family,
                                         "pattern"))
                    continue
                base = re.match(r"(.*?[A-Za-z])[ -]?v?\d", surface)
                src = unreg.get(base.group(1) + "\0") if base else None
                if src is not None:  # another version of the same unregistered model family
                    extra.append(Mention(a, b, surface, surface, "model", False, sent.sent_id,
                                         src.family or base.group(1), "pattern"))
        mentions = _merge(mentions, extra)
    return _coref_surnames(doc, mentions, reg, rules)


# a version after a model's name ("Orion" -> "Orion 3", "Orion-2.5b"), not continued by a word
# character (or, in the second, by "." and a digit)
_VERSION = {False: re.compile(r"[ -]?v?\d+(?:\.\d+)*[A-Za-z]?(?![\w])"),
            True: re.compile(r"[ -]?v?\d+(?:\.\d+)*[A-Za-z]?(?![\w]|\.\d)")}


def find_names(text: str, start: int, end: int, names: list[tuple[str, bool]], dot_digit: bool):
    r"""(start, end) of each place in `text[start:end]` where one of `names` stands as a whole word,
    left to right, not overlapping; at one place the first of `names` that fits wins. A name
    (name, True) must be followed by a version (`_VERSION`); with `dot_digit` a name may not be
    followed by "." and a digit either. This is what
    `re.finditer(r"(?<!\w)(?:N1|N2|...)(?!\w)", text, start, end)` finds, without compiling a
    pattern for the names of every document (`NameIndex`: build it once to search many sentences)."""
    return NameIndex(names).find(text, start, end, dot_digit)


class NameIndex:
    """`names` indexed for `find_names`, once per document: the cost of a search is then linear in
    the text, whatever the number of names (at each place a name may start, one dictionary look-up
    per distinct name length)."""

    def __init__(self, names: list[tuple[str, bool]]):
        self.names = names
        self.at: dict[str, list[int]] = {}  # name -> its indices in `names`
        for i, (name, _versioned) in enumerate(names):
            if name:
                self.at.setdefault(name, []).append(i)
        self.lengths = sorted({len(n) for n in self.at})
        firsts = "".join(sorted({re.escape(n[0]) for n in self.at}))
        self.starts = re.compile(rf"(?<!\w)[{firsts}]" if firsts else "(?!)")  # where a name may start

    def find(self, text: str, start: int, end: int, dot_digit: bool):
        names, at = self.names, self.at
        done = start
        for w in self.starts.finditer(text, start, end):
            p = w.start()
            if p < done:
                continue
            fits = sorted(i for n in self.lengths if p + n <= end for i in at.get(text[p:p + n], ()))
            for i in fits:
                name, versioned = names[i]
                q = p + len(name)
                if versioned:
                    version = _VERSION[dot_digit].match(text, q, end)
                    if version is None:
                        continue
                    q = version.end()
                elif q < end and (is_word_char(text[q]) or dot_digit and text[q] == "." and q + 1 < end
                                  and text[q + 1].isdecimal()):
                    continue
                yield p, q
                done = q
                break


_COORD = re.compile(rf"\s*(?:,|,?\s+and|,?\s+or)\s+(?P<n>{PERSON})\b")
_COORD_BEFORE = re.compile(rf"(?<![\w’'])(?P<n>{PERSON})\s+(?:and|or)\s+$")


def _coordinated_people(doc: Doc, mentions: list[Mention], rules: NameRules) -> list[Mention]:
    """A two- or three-word capitalised name coordinated with a person is a person too
    ("hired Mark Lee and Tom Gunter")."""
    extra = []
    for m in mentions:
        if m.type != "person":
            continue
        sent = doc.sentences[m.sent_id]
        spans = []
        c = _COORD.match(doc.text, m.end, sent.end)
        if c:
            spans.append((c.start("n"), c.end("n")))
        b = _COORD_BEFORE.search(doc.text, max(sent.start, m.start - 60), m.start)
        if b:
            spans.append((b.start("n"), b.end("n")))
        for s, e in spans:
            toks = doc.text[s:e].split()
            if any(t in rules.not_names for t in toks) or registry().by_surface.get(doc.text[s:e]):
                continue
            extra.append(Mention(s, e, doc.text[s:e], doc.text[s:e], "person", False, m.sent_id, None,
                                 "pattern"))
    return _merge(mentions, extra) if extra else mentions


# "Northwind AI" (not "Generative AI": see `_ai_named_orgs`), not a product ("the Quill AI assistant")
_AI_ORG = re.compile(r"(?<![\w.\-])([A-Z][a-z][A-Za-z]+(?: [A-Z][a-z][A-Za-z]+)?) AI(?![\w-])")
_AI_PRODUCT = re.compile(r"\s+(?:agents?|apps?|models?|assistants?|chatbots?|platforms?|services?|tools?|features?|"
                         r"devices?|systems?|products?|mode|search|studio)\b")
# a capitalised name (with or without "AI") used as a company's name: "Northwind said", "Northwind
# AI raised", "Northwind has also postponed", "Northwind, the San Diego-based AI lab", "Northwind's
# chief executive"
_USED_AS_NAME = re.compile(
    r"(?<![\w.\-])([A-Z][a-z][A-Za-z]+(?: [A-Z][a-z][A-Za-z]+)?)(?: AI)?(?="
    r"(?:\s+(?:also|has|had|is|was|will|would|then|now|later|recently|reportedly))*\s+(?:said|says|announced|"
    r"raised|hired|promoted|appointed|named|told|declined|confirmed|released|launched|unveiled|introduced|"
    r"postponed|delayed|paused|withdrew|acquired|bought|agreed|reported|posted|employs|invested|spent|"
    r"is\s+valued|was\s+valued|was\s+founded)\b"
    r"|,\s+(?:valued|founded|which\s+raised|(?:a|an|the)\s+(?:[\w-]+\s+){0,4}?(?:startup|start-up|company|firm|lab|"
    r"maker|developer|provider|group))\b"
    r"|['’]s\s+(?:board|chief|CEO|founder|co-founder|head|president|valuation|investors|shares|spokesperson|"
    r"spokeswoman|spokesman)\b)")


def _ai_named_orgs(doc: Doc, mentions: list[Mention], reg: Registry, rules: NameRules) -> list[Mention]:
    """"Northwind AI" is an unregistered organisation when the document also writes "Northwind"
    alone as an actor's name (`_USED_AS_NAME`): "Generative AI", "Agentic AI" never stand alone
    like that. Each "Northwind AI" and each bare "Northwind" then becomes a mention of the
    organisation "Northwind AI" (replacing an unregistered organisation or a weak mention found on
    the same words). Two passes over the text, whatever the number of names."""
    text = doc.text
    bases: set[str] = set()
    for sent in doc.sentences:
        for m in _AI_ORG.finditer(text, sent.start, sent.end):
            base = m.group(1)
            if (any(t in rules.not_names for t in base.split()) or reg.by_surface.get(base) is not None
                    or reg.by_surface.get(m.group()) is not None or _AI_PRODUCT.match(text, m.end(), sent.end)):
                continue
            bases.add(base)
    if not bases:
        return mentions
    used = {m.group(1) for m in _USED_AS_NAME.finditer(text)} & bases
    if not used:
        return mentions
    names = sorted([(b + " AI", False) for b in used] + [(b, False) for b in used], key=lambda n: -len(n[0]))
    index = NameIndex(names)
    extra = []
    for sent in doc.sentences:
        for a, b in index.find(text, sent.start, sent.end, dot_digit=False):
            surface = text[a:b]
            if surface in used and _AI_PRODUCT.match(text, b, sent.end):
                continue
            full = surface.endswith(" AI")
            extra.append(Mention(a, b, surface, surface if full else surface + " AI", "org", False, sent.sent_id,
                                 None, "pattern" if full else "coref"))
    return _take_over(mentions, extra)


_LONGER_NAME = re.compile(r"[ -][A-Z0-9]")


def _companies_by_use(doc: Doc, mentions: list[Mention], reg: Registry, rules: NameRules) -> list[Mention]:
    """An unlisted name the document uses as a company's (`_USED_AS_NAME`: "Corvane said",
    "Corvane, the San Diego-based AI lab", "Corvane's board") is an organisation wherever the
    document writes it, if it is written at least twice: not a person's name or part of one
    (a surname says things too), not a model's, not a word of `not_names`, not a given name alone
    (the first-name lexicon). Each occurrence becomes a mention of the organisation (replacing an
    unregistered organisation or a weak mention on the same words). Two passes over the text."""
    text = doc.text
    people = {t for m in mentions if m.type == "person" for t in (*m.entity.split(), *m.surface.split())}
    # (an organisation named already is found again by `resolve`; a model is no company)
    named = {m.surface for m in mentions if m.type == "model" or m.type == "org" and m.via != "weak"}
    uses: set[str] = set()
    for m in _USED_AS_NAME.finditer(text):
        name = m.group(1)
        toks = name.split()
        if (name in uses or name in named or reg.by_surface.get(name) is not None
                or any(t in rules.not_names or t in people for t in toks)
                or len(toks) == 1 and is_first_name(name)):
            continue
        uses.add(name)
    if not uses:
        return mentions
    index = NameIndex(sorted([(n, False) for n in uses], key=lambda n: -len(n[0])))
    found: dict[str, list[Mention]] = {}
    for sent in doc.sentences:
        for a, b in index.find(text, sent.start, sent.end, dot_digit=False):
            if not _LONGER_NAME.match(text, b, sent.end):  # (not "Corvane Cloud", another name)
                found.setdefault(text[a:b], []).append(
                    Mention(a, b, text[a:b], text[a:b], "org", False, sent.sent_id, None, "coref"))
    extra = sorted((m for ms in found.values() if len(ms) >= 2 for m in ms), key=lambda m: m.start)
    if not extra:
        return mentions
    return _take_over(mentions, extra)


def _short_org_names(doc: Doc, mentions: list[Mention], reg: Registry, rules: NameRules) -> list[Mention]:
    """A bare "Brightwater" is the organisation "Brightwater Systems" when the document names that
    unregistered organisation with its suffix (`org_suffixes`) and no other organisation of that
    first part (a name of three words or more also goes by its first word, when the text never
    writes that word in lower case: "Hoshimura" of "Hoshimura Electric Industries"): each bare
    occurrence becomes a mention of the full name (replacing an unregistered organisation or a weak
    mention found on the same words)."""
    full: dict[str, set[str]] = {}
    lower = None  # the document's words written in lower case, read when first needed
    for m in mentions:
        if m.type == "org" and not m.in_registry:
            toks = m.entity.split()
            if len(toks) < 2 or toks[-1] not in rules.org_suffixes or toks[0] in rules.not_names:
                continue
            bases = [" ".join(toks[:-1])]
            if len(toks) >= 3:  # ("Hoshimura": a word the text never writes in lower case)
                lower = lower if lower is not None else set(re.findall(r"\b[a-z][\w-]*", doc.text))
                if toks[0].lower() not in lower:
                    bases.append(toks[0])
            for base in bases:
                if reg.by_surface.get(base) is None:
                    full.setdefault(base, set()).add(m.entity)
    bases = {b: next(iter(names)) for b, names in full.items() if len(names) == 1}
    if not bases:
        return mentions
    index = NameIndex(sorted([(b, False) for b in bases], key=lambda n: -len(n[0])))
    extra = []
    for sent in doc.sentences:
        for a, b in index.find(doc.text, sent.start, sent.end, dot_digit=False):
            if _LONGER_NAME.match(doc.text, b, sent.end):
                continue  # "Lumetra Core 2": the first word of another name
            extra.append(Mention(a, b, doc.text[a:b], bases[doc.text[a:b]], "org", False, sent.sent_id, None, "coref"))
    return _take_over(mentions, extra)


def _take_over(mentions: list[Mention], extra: list[Mention]) -> list[Mention]:
    """`mentions` with the organisation mentions `extra` found across the document: each replaces
    an unregistered organisation or a weak mention on the same words, and is added where no other
    mention stands (`_merge`)."""
    spans = {(m.start, m.end) for m in extra}
    kept = [m for m in mentions if not ((m.via == "weak" or m.type == "org" and not m.in_registry)
                                        and (m.start, m.end) in spans)]
    return _merge(kept, extra)


def _merge(base: list[Mention], extra: list[Mention]) -> list[Mention]:
    """`base` and each of `extra` that overlaps no mention of `base` nor an earlier one added,
    sorted by start. The characters taken are marked in one bytearray, so each test reads only the
    mention's own span (a line of thousands of names stays linear)."""
    taken = bytearray(max((m.end for m in (*base, *extra)), default=0))
    for b in base:
        taken[b.start:b.end] = b"\x01" * (b.end - b.start)
    out = list(base)
    for m in extra:
        if taken.find(1, m.start, m.end) != -1:
            continue
        taken[m.start:m.end] = b"\x01" * (m.end - m.start)
        out.append(m)
    return sorted(out, key=lambda m: m.start)


def _coref_surnames(doc: Doc, mentions: list[Mention], reg: Registry, rules: NameRules) -> list[Mention]:
    """Bare surname -> the one full name with that surname seen earlier in the document."""
    people = [m for m in mentions if m.type == "person" and len(m.entity.split()) >= 2]
    if not people:
        return mentions
    first_seen: dict[str, list[tuple[int, Mention]]] = {}
    for m in people:
        key = _surname_key(m.entity)
        if key and key not in rules.not_names:
            lst = first_seen.setdefault(key, [])
            if all(x[1].entity != m.entity for x in lst):
                lst.append((m.start, m))
    if not first_seen:
        return mentions
    surnames = [(k, False) for k in first_seen]
    extra = []
    index = NameIndex(surnames)
    for sent in doc.sentences:
        for a, b in index.find(doc.text, sent.start, sent.end, dot_digit=False):
            cands = [m for pos, m in first_seen[doc.text[a:b]] if pos < a]
            if len(cands) != 1:
                continue
            src = cands[0]
            extra.append(Mention(a, b, doc.text[a:b], src.entity, "person", src.in_registry, sent.sent_id, None,
                                 "coref"))
    # a bare surname taken for an organisation by the weak hirer pattern is the person
    spans = {(m.start, m.end) for m in extra}
    # ... and so is one an organisation rule found ("Luan's departure": the org-move rule)
    mentions = [m for m in mentions if not ((m.via == "weak" or m.type == "org" and not m.in_registry)
                                            and (m.start, m.end) in spans)]
    return _merge(mentions, extra)


def _surname_key(name: str) -> str | None:
    toks = name.split()
    return toks[-1] if len(toks) >= 2 else None


