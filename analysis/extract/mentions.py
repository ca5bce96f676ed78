"""Named mentions of organisations, people and AI models.

Every name and alias of the registry (`analysis.lexicon.registry`) is found by its one compiled
pattern. Names the registry has never heard of are still found when the sentence shows them: a capitalised
name next to a role word ("CEO Jane Okafor", "Jane Okafor, an analyst"), next to a move verb
("hired Jane Okafor", "Jane Okafor joined"), an organisation next to a cue ("startup Globex",
"Globex Inc.", "CEO of Globex", "Globex's head of research") or a model name with a version next
to "model"/"LLM". Those mentions carry `in_registry=False`.

Within one document a bare surname resolves to the full name seen earlier ("Wang" -> Alexandr
Wang) when exactly one person with that surname has been mentioned before.

Only `doc.sentences` are searched; every offset points into `doc.text`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache


from analysis.corpus.doc import Doc, Sentence
from analysis.corpus.text import is_word_char as _isw
from analysis.lexicon.registry import Registry, registry

MENTION_COLUMNS = ["doc_id", "sent_id", "start", "end", "surface", "entity", "type", "in_registry"]


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    surface: str
    entity: str
    type: str  # org | person | model
    in_registry: bool
    sent_id: int
    family: str | None = None  # models only
    via: str = "registry"  # registry | pattern | coref


# ---------------------------------------------------------------------------------------------
# patterns for names not in the registry

_UP = "A-ZÀ-ÖØ-Þ"
_LO = "a-zß-öø-ÿ"
_NAME_TOK = rf"(?:[{_UP}][{_LO}]+(?:[{_UP}][{_LO}]+)?(?:-[{_UP}][{_LO}]+)?|[{_UP}]\.)"
_PERSON = rf"{_NAME_TOK}(?: {_NAME_TOK}){{1,2}}"
_ORG_TOK = rf"(?:[{_UP}][{_UP}{_LO}0-9&]*(?:[.\-][{_UP}{_LO}0-9]+)*)"
_ORG = rf"{_ORG_TOK}(?: {_ORG_TOK}){{0,3}}"
_POSS = r"(?:['’]s)?"


def _words(items: list[str]) -> str:
    items = sorted({i for i in items if i}, key=len, reverse=True)
    return "|".join(re.escape(i).replace(r"\ ", r"\s+") for i in items)


# cue-word lists of the organisation patterns, as regex fragments (a "?" makes a letter optional)
_ORG_JOIN_VERBS = ["joined", "joining", "joins", "join", "left", "leaving", "leaves", "quit", "quitting", "exited",
                   "departed", "departing", "rejoined", "rejoining", r"returned\s+to", r"returning\s+to",
                   r"moved\s+to", r"moving\s+to", r"defected\s+to", r"headed\s+to", r"went\s+back\s+to",
                   r"decamped\s+to", r"jumped\s+to"]
_ORG_FROM_VERBS = ["hired", "poached", "lured", "recruited", "poaching", "luring", "hiring", "defected",
                   "departed", "moved", "moving", "came", "coming", "arrived", "joins", "joined", "joining", "join"]
_ORG_PREV_WORDS = ["previously", "formerly", "earlier", "departures?", "exodus", "exits?", "layoffs?",
                   "defections?"]
_HIRER_VERBS = ["hired", "poached", "lured", "recruited", r"tried\s+to", r"attempted\s+to", "acquired",
                r"is\s+courting", "courted", r"laid\s+off", "lost", "named", "appointed", "tapped", "promoted",
                "released", "launched", "unveiled", "announced", "delayed", "postponed", "pulled", "withdrew",
                "scrapped", "shelved", "cancell?ed", "open-sourced", "debuted", "introduced", r"is\s+in\s+talks",
                r"was\s+in\s+talks", r"plans\s+to", r"is\s+planning", "said", "says", "confirmed",
                r"declined\s+to"]


# move nouns after "<Org>'s" ("Globex's talent exodus")
_ORG_MOVE_NOUNS = ["exodus", "departures?", "exits?", "layoffs?", "defections?", r"brain\s+drain",
                   "hires?", "hiring", "poaching", r"talent\s+loss", r"talent\s+drain", r"talent\s+war"]


def _alt(fragments: list[str]) -> str:
    return "|".join(fragments)


_RUN = re.compile(r"\w+")
_OPT = re.compile(r"(\w)\?")


def _expand_optional(phrases):
    """Every spelling of each phrase with its optional letters ("departures?") taken or left out."""
    todo = list(phrases)
    while todo:
        p = todo.pop()
        m = _OPT.search(p)
        if m:  # "departures?" -> "departures", "departure"
            todo.append(p[:m.start()] + m.group(1) + p[m.end():])
            todo.append(p[:m.start()] + p[m.end():])
            continue
        yield p


def _first_runs(phrases, fold: bool = True) -> frozenset[str]:
    """The first word-character run of every phrase (or regex fragment of the lists above, "?"
    expanded), lower-cased with `fold`: where a phrase is matched as a whole word, the text's
    word-character run at the start of a match is exactly this (its first run ends where the
    phrase's first word ends, or the phrase itself ends at a word boundary)."""
    out = set()
    for p in _expand_optional(str(p) for p in phrases if str(p)):
        r = _RUN.match(p.replace("\\s", " ").replace("\\", ""))
        if r is None:
            raise ValueError(f"cue phrase {p!r} does not start with a word character")
        out.add(_fold(r.group()) if fold else r.group())
    return frozenset(out)


# re's IGNORECASE matches these non-ASCII characters to ASCII letters; str.lower() does not map
# them (or maps "İ" to two characters)
_FOLD = {0x130: "i", 0x131: "i", 0x17F: "s", 0x212A: "k"}


def _fold(s: str) -> str:
    """Lower case such that a case-insensitive regex match of an ASCII phrase folds to the phrase."""
    return s.lower() if s.isascii() else s.translate(_FOLD).lower()


class _Anchors:
    """Where phrases matched as whole words (case-insensitively) can start: at a word run whose
    folded text is a phrase's first run, and only if the phrase's other runs are words of the
    sentence too. Inside a phrase every run is followed by a space or punctuation, and the last is
    followed by a non-word character (`cue_regex`, the patterns above), so each is a whole run of
    the text; a phrase ending in "_" (a word character) only fixes how its run starts (`prefixes`).
    Phrases may be regex fragments of the lists above (r"\\s+", "?" after a letter)."""

    def __init__(self, phrases, prefixes: tuple = ()):
        rest: dict[str, set] = {}
        prefixes = set(prefixes)
        for p in _expand_optional(str(p).strip() for p in phrases if str(p).strip()):
            p = p.replace("\\s+", " ").replace("\\", "")
            if not p[:1].isalnum():
                continue  # starts with punctuation: not found through words (see CueSet.chars)
            runs = [_fold(r) for r in _RUN.findall(p)]
            if not p[-1].isalnum() and _RUN.match(p[-1]):
                if len(runs) == 1:
                    prefixes.add(runs[0])
                    continue
                runs = runs[:-1]
            rest.setdefault(runs[0], set()).add(frozenset(runs[1:]))
        self.first = frozenset(rest)
        # first run -> the other runs of each phrase starting with it (None: a one-run phrase)
        self.rest = {f: (None if frozenset() in r else tuple(r)) for f, r in rest.items()}
        self.prefixes = tuple(sorted(prefixes))

    def live(self, runs: frozenset) -> set[str]:
        """First runs (folded) of the phrases whose runs are all in `runs`, plus the sentence's runs
        that start with a prefix."""
        hit = set(self.first.intersection(runs))
        if hit:
            rest = self.rest
            for f in [f for f in hit if rest[f] is not None]:
                if not any(r <= runs for r in rest[f]):
                    hit.discard(f)
        if self.prefixes:
            hit.update(w for w in runs if w.startswith(self.prefixes))
        return hit


@dataclass(frozen=True)
class _Plan:
    """How `_candidates` runs one pattern without scanning every character of the sentence.

    mode "cue": a match starts where one of `anchors` can (`_Anchors.live`); "cap": at a word
    starting with a capital letter; "name": at a capitalised word whose next word (after the next
    space) is capitalised too (a person's name has two or three words); "family": at a word equal
    to one of `first` (a model family's first word) or, with digits, starting with one of
    `prefixes`; "scan": a plain `finditer`. With `stop`, only capitalised words followed by one of
    those characters (after at most `spaces` spaces) are tried. The sentence cannot match at all
    without a live `gate`
    phrase, one of the substrings `need` (as written) and `need_low` (folded), a comma (`comma`)
    and a digit (`digit`)."""
    kind: str
    pattern: re.Pattern
    mode: str
    anchors: "_Anchors | None" = None
    gate: "_Anchors | None" = None
    need: tuple = ()
    need_low: tuple = ()
    comma: bool = False
    digit: bool = False
    prefixes: tuple = ()
    first: frozenset = frozenset()
    # mode "cap"/"name" with `stop`: the name ends at the first of these characters after its
    # start, with at most `spaces` spaces inside (names hold no such character)
    stop: tuple = ()
    spaces: int = 0


@dataclass
class _Patterns:
    person: list[re.Pattern]
    org: list[re.Pattern]
    org_suffix: re.Pattern
    model: list[re.Pattern]
    not_names: frozenset[str]
    org_suffixes: frozenset[str] = frozenset()
    # how to run each pattern fast (see `_Plan`); same order as person / org / org_suffix / model
    plans: tuple = ()
    # the plans' anchors and gates, live ones found together; per plan (gate number, anchor number)
    group: "_AnchorGroup | None" = None
    plan_refs: tuple = ()
    tiers: frozenset = frozenset()  # model tier words ("Pro", "Ultra")
    title_descriptors: frozenset = frozenset()  # "Veteran CEO X": not an employer


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    reg = registry()
    cues = reg.cues
    roles = _words(cues.get("person_roles", []))
    after = _words(cues.get("person_verbs_after", []))
    before = _words(cues.get("person_verbs_before", []))
    heads = _words(cues.get("org_heads", []))
    suffixes = _words(cues.get("org_suffixes", []))
    # model head nouns are matched in lower case (acronyms in upper case): "its Foundation Models
    # framework" is a proper name, not "Foundation" + "models"
    mheads_list = [h if not h.lower().startswith("llm") else h.upper().replace("LLMS", "LLMs")
                   for h in cues.get("model_heads", [])]
    mheads = _words(mheads_list)
    families = _words([e.name for e in reg.entities.values() if e.type == "model"]
                      + [a for e in reg.entities.values() if e.type == "model" for a in e.aliases])
    person = [
        # "CEO Jane Okafor", "chief scientist Jane Okafor", "the startup's CEO, Jane Okafor"
        re.compile(rf"(?i:\b(?:{roles}))\s*,?\s+(?P<n>{_PERSON})\b"),
        # "Jane Okafor, chief product officer at ...", "Jane Okafor, an analyst"
        re.compile(rf"\b(?P<n>{_PERSON}),\s+(?:(?:a|an|the|its|his|her|their|former|now|then)\s+)?"
                   rf"(?:[\w’'&.-]+\s+){{0,4}}?(?i:(?:{roles}))\b"),
        # "the head of Optimus engineering, Jane Okafor," (role + complement, then the name)
        re.compile(rf"(?i:\b(?:{roles}))\s+(?:of|for|at)\s+[\w&’' -]{{1,40}}?,\s+(?P<n>{_PERSON})\b"),
        # "Jane Okafor joined", "Jane Okafor said", "Jane Okafor, ..., quit"
        re.compile(rf"\b(?P<n>{_PERSON}),?\s+(?:(?:has|had|will|is|was|also|recently|later)\s+)?"
                   rf"(?i:(?:{after}))\b"),
        # "and Hongyu Ren, who worked on ...", "including Jane Okafor, who defected to ..."
        # ... or at the start of the sentence: "Jane Okafor, who ran Globex's robotics unit, left"
        re.compile(rf"(?:^|\b(?:and|,|including|among\s+them)\s+)(?P<n>{_PERSON}),\s+(?:who|whose)\b"),
        # "hired Jane Okafor", "said Jane Okafor"
        re.compile(rf"(?i:\b(?:{before}))\s+(?P<n>{_PERSON})\b"),
    ]
    org = [
        # "startup Globex", "deal-tracking firm Crunchbase"
        re.compile(rf"(?i:\b(?:{heads}))\s+(?P<n>{_ORG}){_POSS}"),
        # "CEO of Globex", "head of research at Globex"
        re.compile(rf"(?i:\b(?:{roles}))(?:\s+of\s+[a-z][\w-]*)?\s+(?:of|at)\s+(?P<n>{_ORG}){_POSS}"),
        # "Globex's head of research"
        re.compile(rf"\b(?P<n>{_ORG})['’]s\s+(?:[\w-]+\s+){{0,3}}?(?i:(?:{roles}))\b"),
        # "joined Globex", "left Globex", "from Globex"
        re.compile(rf"(?i:\b(?:{_alt(_ORG_JOIN_VERBS)}))\s+(?P<n>{_ORG}){_POSS}"),
        re.compile(rf"(?i:\b(?:{_alt(_ORG_FROM_VERBS)}))\b[^.;]{{0,80}}?\bfrom\s+(?P<n>{_ORG}){_POSS}"),
    ]
    # "who previously led software at Globex", "departures at Globex", "an exodus from Globex"
    org.append(re.compile(rf"(?i:\b(?:{_alt(_ORG_PREV_WORDS)}))\b[^,;.]{{0,60}}?\b(?:at|from)\s+(?P<n>{_ORG}){_POSS}"))
    # "former Globex CEO", "ex-Globex researcher"
    org.append(re.compile(rf"(?i:\b(?:former|ex-|then-))\s*(?P<n>{_ORG})\s+(?i:(?:{roles}))\b"))
    # the hirer: "Globex poached ...", "Initech tried to hire ..." (weak: a bare surname may win)
    org.append(re.compile(rf"(?<![\w’'])(?P<n>{_ORG_TOK}(?: {_ORG_TOK})?)\s+(?:(?:has|had|also|then|later|"
                          rf"recently|reportedly|quickly)\s+)?(?i:(?:{_alt(_HIRER_VERBS)}))\b(?!\s+(?:on|in|at|by|last|this|earlier|with|from|for)\b)"))
    # "Globex's talent exodus", "Globex’s AI hiring spree" (a one-word name before a move noun)
    org.append(re.compile(rf"(?<![\w’'])(?P<n>{_ORG_TOK})['’]s\s+(?:[\w-]+\s+){{0,2}}?"
                          rf"(?i:(?:{_alt(_ORG_MOVE_NOUNS)}))\b"))
    # "Globex co-founder Jane Okafor", "Initech CEO Jane Okafor" (a title that names an employer)
    otitles = _words(cues.get("org_title_roles", [])) or "(?!)"
    org.append(re.compile(rf"(?<![\w’'.-])(?P<n>{_ORG_TOK}(?: {_ORG_TOK})?)\s+(?i:(?:{otitles}))\s+{_PERSON}\b"))
    # a relative clause naming the employer: "who oversaw Globex's robotics unit", "who had led
    # speech research at Globex"
    lverbs = _words(cues.get("org_lead_verbs", [])) or "(?!)"
    org.append(re.compile(rf"\bwho\s+(?:(?:had|has|once|previously|formerly)\s+)*(?i:(?:{lverbs}))\s+"
                          rf"(?:(?P<n>{_ORG})['’]s\b|[^,;.]{{0,60}}?\b(?:at|for)\s+(?P<n2>{_ORG}){_POSS})"))
    org_suffix = re.compile(rf"\b(?P<n>{_ORG_TOK}(?: {_ORG_TOK}){{0,2}} (?:{suffixes}))(?![\w])")
    vers = r"(?:[ -]?v?\d+(?:\.\d+)*[A-Za-z]?(?:-[A-Za-z0-9]+)?)"
    # a model-like name: a capitalised word (or an acronym before a hyphen) with a version, a tier
    # word ("Pro", "Mini") allowed before or after it: "Orbital-3", "Nimbus-2B", "Atlas 1.5 Pro"
    tiers = _words(cues.get("model_tiers", [])) or "(?!)"
    mname = (rf"(?:[A-Z][A-Za-z]*[a-z][A-Za-z]*|[A-Z]{{2,6}}(?=-\d))(?:\s+(?:{tiers}))?"
             rf"(?:[ -]v?\d+(?:\.\d+)*[A-Za-z]?(?:-[A-Za-z0-9]+)?)(?:\s+(?:{tiers}))?(?![\w]|[.\-]\w)")
    mverbs = _words(cues.get("model_verbs", [])) or "(?!)"
    devices = _words(cues.get("device_nouns", [])) or "(?!)"
    mdet = r"(?:(?:the|its|their|a|an|new|latest|updated|next|first|upcoming)\s+){0,3}"
    model = [
        # a registered family + an unregistered version: "Llama 5", "Gemini 3.5"
        re.compile(rf"(?<![\w])(?P<n>(?:{families}){vers})(?![\w]|[.\-]\w)"),
        # "the Zephyr model", "its Zephyr 2 LLM", "Zephyr-7B, a language model"
        re.compile(rf"\b(?P<n>[A-Z][A-Za-z]*[a-z][A-Za-z]*{vers}?)\s+(?:AI\s+|language\s+|large\s+|"
                   rf"reasoning\s+|foundation\s+|open-source\s+|open-weight\s+)*(?:{mheads})\b"),
        re.compile(rf"\b(?P<n>[A-Z][A-Za-z]*[a-z][A-Za-z]*{vers}),\s+(?:a|an|its|the)\s+"
                   rf"(?:[\w-]+\s+){{0,4}}?(?:{mheads})\b"),
        # coordinated names before the head: "Quill 2 and Quill 3 models"
        re.compile(rf"\b(?P<n>[A-Z][A-Za-z]*[a-z][A-Za-z]*{vers})(?=(?:\s*(?:,|and|or)\s+[A-Z][A-Za-z]*{vers})+"
                   rf"\s+(?:AI\s+|language\s+)*(?:{mheads})\b)"),
        # "... model called Zephyr", "LLM named Zephyr 2", "model internally code-named Hyperion"
        re.compile(rf"(?i:\b(?:{mheads}))\s*,?\s+(?:[a-z]+ly\s+)?(?:called|named|dubbed|known\s+as|"
                   rf"code-named|codenamed|code\s+named)\s+[“\"']?(?P<n>[A-Z][A-Za-z]*{vers}?)\b"),
        # apposition defining a name as a model: "Magistral, its first reasoning model", "R2, its next model"
        re.compile(rf"\b(?P<n>(?:[A-Z][A-Za-z]*[a-z][A-Za-z]*|[A-Z]{{1,4}}-?\d+(?:\.\d+)*[a-z]?){vers}?),\s+"
                   rf"(?:its|their|his|her|the\s+company['’]s)\s+(?:[\w-]+\s+){{0,3}}?(?:{mheads})\b"),
        # a release / plan verb + a model-like name: "would release Orbital-3", "shelved Nimbus-2B"
        re.compile(rf"(?i:\b(?:{mverbs}))\s+{mdet}(?P<n>{mname})"),
        # the passive: "Falcon 180B was released", "Atlas 1.5 has been shelved"
        re.compile(rf"\b(?P<n>{mname})\s+(?:(?:was|were|is|are|has\s+been|had\s+been|have\s+been|will\s+be|"
                   rf"would\s+be|is\s+being|was\s+being)\s+)(?:[a-z]+ly\s+)?(?i:(?:{mverbs}))\b"),
        # "its Zephyr family of models", "the Zephyr model family"
        re.compile(rf"\b(?P<n>[A-Z][A-Za-z]*[a-z][A-Za-z]*)\s+(?:family\s+of\s+(?:[\w-]+\s+){{0,2}}?"
                   rf"(?:models|LLMs|language\s+models)|(?:AI\s+|language\s+)?model\s+family)\b"),
        # a release / plan verb + a name and a tier word, no version: "plans to launch Zephyr Ultra"
        re.compile(rf"(?i:\b(?:{mverbs}))\s+{mdet}(?P<n>[A-Z][A-Za-z]*[a-z][A-Za-z]*\s+(?:{tiers}))(?![\w]|[.\-]\w)"
                   rf"(?!\s+(?i:(?:{devices}))\b)"),
    ]
    A = _Anchors
    role_a = A(cues.get("person_roles", []))
    after_a = A(cues.get("person_verbs_after", []))
    hirer_a = A(_HIRER_VERBS)
    mhead_a = A(mheads_list)
    mverb_a = A(cues.get("model_verbs", []))
    # every model head contains one of these as written ("ai model" -> "model", "LLMs" -> "LLM"),
    # or folded for the case-insensitive pattern
    mhead_sub = tuple(sorted({h for h in ("model", "LLM") if any(h in m for m in mheads_list)}
                             | {m for m in mheads_list if "model" not in m and "LLM" not in m}))
    mhead_low = tuple(sorted({_fold(h) for h in mhead_sub}))
    fam1 = _first_runs([e.name for e in reg.entities.values() if e.type == "model"]
                       + [a for e in reg.entities.values() if e.type == "model" for a in e.aliases])
    P = _Plan
    plans = (
        [P("person", person[0], "cue", role_a), P("person", person[1], "name", gate=role_a, need=(",",), stop=(",",), spaces=2),
         P("person", person[2], "cue", role_a), P("person", person[3], "name", gate=after_a),
         P("person", person[4], "scan", gate=A(["who", "whose"])),
         P("person", person[5], "cue", A(cues.get("person_verbs_before", [])))]
        + [P("org", org[0], "cue", A(cues.get("org_heads", []))),
           P("org", org[1], "cue", role_a),
           P("org", org[2], "cap", gate=role_a, need=("'s", "’s"), stop=("'", "’"), spaces=3),
           P("org", org[3], "cue", A(_ORG_JOIN_VERBS)),
           P("org", org[4], "cue", A(_ORG_FROM_VERBS)),
           P("org", org[5], "cue", A(_ORG_PREV_WORDS)),
           # "former" may run straight into the name ("formerGlobex"): a prefix, not a word
           P("org", org[6], "cue", A(["ex-", "then-"], prefixes=("former",)), need_low=("ex", "then", "former")),
           P("weak", org[7], "cap", gate=hirer_a),
           P("org", org[8], "cap", gate=A(_ORG_MOVE_NOUNS), need=("'s", "’s"), stop=("'", "’"), spaces=0),
           P("org", org[9], "cap", gate=A(cues.get("org_title_roles", []))),
           P("org", org[10], "cue", A(["who"]), gate=A(cues.get("org_lead_verbs", []))),
           P("org", org_suffix, "cap", gate=A(cues.get("org_suffixes", [])))]
        + [P("model", model[0], "family", prefixes=tuple(sorted(fam1)), first=fam1, digit=True),
           P("model", model[1], "cap", gate=mhead_a, need=mhead_sub),
           P("model", model[2], "cap", gate=mhead_a, need=mhead_sub, digit=True, comma=True,
             stop=(",",), spaces=1),
           P("model", model[3], "cap", gate=mhead_a, need=mhead_sub, digit=True),
           # (the naming verb is matched as written: one of these is in the sentence)
           P("model", model[4], "cue", mhead_a, need_low=mhead_low,
             need=("called", "named", "dubbed", "known", "code")),
           P("model", model[5], "cap", gate=mhead_a, need=mhead_sub, comma=True, stop=(",",), spaces=1),
           P("model", model[6], "cue", mverb_a, digit=True),
           P("model", model[7], "cap", gate=mverb_a, digit=True),
           P("model", model[8], "cap", gate=A(["family"]), need=("family",)),
           P("model", model[9], "cue", mverb_a, gate=A(cues.get("model_tiers", [])))])
    assert len(plans) == len(person) + len(org) + 1 + len(model)
    distinct: list[_Anchors] = []
    for pl in plans:
        for a in (pl.gate, pl.anchors):
            if a is not None and all(a is not d for d in distinct):
                distinct.append(a)
    num = {id(a): i for i, a in enumerate(distinct)}
    refs = tuple((num[id(pl.gate)] if pl.gate is not None else -1,
                  num[id(pl.anchors)] if pl.anchors is not None else -1) for pl in plans)
    return _Patterns(person, org, org_suffix, model, frozenset(cues.get("not_names", [])),
                     frozenset(cues.get("org_suffixes", [])) | _ORG_TAILS, tuple(plans),
                     _AnchorGroup(distinct), refs, frozenset(cues.get("model_tiers", [])),
                     frozenset(str(w).lower() for w in cues.get("title_descriptors", [])))


_MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"}


_ORG_TAILS = {"AI", "Labs", "Lab", "Research"}


def _clean_name(text: str, s: int, e: int, not_names: frozenset[str], keep_tail: bool = False):
    """Trim stop words from both ends of a candidate name span; None if nothing is left.
    With `keep_tail` (organisations) a trailing "AI"/"Labs" after a name is kept ("Sony AI")."""
    seg = text[s:e]
    toks = [(m.start() + s, m.end() + s, m.group()) for m in re.finditer(r"\S+", seg)]
    while toks and (toks[0][2] in not_names or toks[0][2].rstrip(".,") in not_names):
        toks.pop(0)
    while toks and (toks[-1][2] in not_names or toks[-1][2].rstrip(".,") in not_names):
        if (keep_tail and len(toks) >= 2 and toks[-1][2] in _ORG_TAILS and toks[-2][2] not in not_names
                and registry().by_surface.get(text[toks[0][0]:toks[-2][1]]) is None):
            break
        toks.pop()
    if not toks:
        return None
    return toks[0][0], toks[-1][1]


def _is_headline(seg: str) -> bool:
    if seg.rstrip().endswith((".", "!", "?", "”", '"', ":")):
        return False  # headings are not punctuated like sentences
    words = re.findall(r"[A-Za-z][\w'’-]*", seg)
    if len(words) < 3:
        return False
    small = {"a", "an", "the", "of", "in", "on", "and", "or", "for", "to", "at", "by", "with", "vs"}
    content = [w for w in words if w.lower() not in small]
    return bool(content) and sum(w[0].isupper() for w in content) >= 0.8 * len(content)


def _strip_possessive(text: str, s: int, e: int) -> int:
    if text[e - 2:e] in ("'s", "’s"):
        return e - 2
    if text[e - 1:e] in ("'", "’"):
        return e - 1
    return e


def _candidates(doc: Doc, sent: Sentence, reg: Registry, pats: _Patterns, idx: _SentIndex) -> list[Mention]:
    text = doc.text
    out: list[Mention] = []
    ss, se = sent.start, sent.end
    seg = text[ss:se]
    for m in reg.pattern.finditer(text, ss, se):
        ent = reg.by_surface[m.group()]
        out.append(Mention(m.start(), m.end(), m.group(), ent.name, ent.type, True, sent.sent_id,
                           ent.family if ent.type == "model" else None, "registry"))
    if _is_headline(seg):  # title-case headings: every word is capitalised, cues mean nothing
        return out

    def add(kind: str, s: int, e: int, min_tokens: int = 1, via: str = "pattern"):
        e = _strip_possessive(text, s, e)
        r = _clean_name(text, s, e, pats.not_names, keep_tail=(kind == "org"))
        if r is None:
            return
        s, e = r
        surface = text[s:e]
        toks = surface.split()
        if len(toks) < min_tokens:
            return
        if kind == "person" and (any(t in pats.not_names for t in toks) or toks[-1] in pats.org_suffixes
                                 or reg.by_surface.get(toks[0]) is not None and reg.by_surface[toks[0]].type != "person"):
            return
        if kind != "model" and all(t in _MONTHS or t.isdigit() for t in toks):
            return
        known = reg.by_surface.get(surface)
        if known is not None:
            out.append(Mention(s, e, surface, known.name, known.type, True, sent.sent_id,
                               known.family if known.type == "model" else None, "registry"))
            return
        family = None
        if kind == "model":
            prev = re.search(r"(\S+)\s+$", text[max(ss, s - 30):s])
            if prev and prev.group(1)[:1].isupper() and prev.group(1) not in pats.not_names:
                return  # "the Red Hat model": only the tail of a longer capitalised name
            # a registered family followed by a version: "Llama 5" belongs to Llama
            base = re.match(r"(.+?)[ -]?v?\d", surface)
            if base and reg.get(base.group(1)) is not None and reg.get(base.group(1)).type == "model":
                family = reg.get(base.group(1)).name
            if re.fullmatch(r"(?:19|20)\d\d", surface.split()[-1]) or toks[0] in _MONTHS:
                return
        out.append(Mention(s, e, surface, surface, kind, False, sent.sent_id, family, via))

    live = pats.group.live(idx.runs, idx)
    for plan, (gate, anchor) in zip(pats.plans, pats.plan_refs):
        if gate >= 0 and gate not in live or anchor >= 0 and anchor not in live:
            continue
        kind = plan.kind
        for m in _run_plan(plan, seg, idx, live, gate, anchor):
            if kind == "person":
                add("person", ss + m.start("n"), ss + m.end("n"), min_tokens=2)
            elif kind == "weak":  # the hirer pattern: a bare surname may turn out to be a person
                add("org", ss + m.start("n"), ss + m.end("n"), via="weak")
            elif plan.pattern is pats.org[9]:  # "Globex co-founder X", not "Veteran CEO X"
                s0, e0 = ss + m.start("n"), ss + m.end("n")
                for w in re.finditer(r"\S+", text[s0:e0]):
                    if w.group().lower() not in pats.title_descriptors:
                        add(kind, s0 + w.start(), e0)
                        break
            else:
                g = "n" if m.start("n") >= 0 else "n2"  # (a pattern with two name slots)
                add(kind, ss + m.start(g), ss + m.end(g))
    return out


_DIGIT = re.compile(r"\d")


def _isupper_start(w: str) -> bool:
    c = w[0]
    return "A" <= c <= "Z" or "À" <= c <= "Ö" or "Ø" <= c <= "Þ"


class _SentIndex:
    """The words of one sentence, for prefilters and for trying patterns only where they can start.

    `low` is the whole document folded (`_fold`, same length and offsets as `doc.text`), `runs`
    the set of folded word-character runs of the sentence, `words` its `sentence_words`.
    Built once per sentence and shared by all extractors of the document."""
    __slots__ = ("text", "low", "ss", "se", "_words", "runs", "_caps", "_names", "_digit")

    def __init__(self, text: str, low: str, ss: int, se: int, words: frozenset | None = None):
        self.text, self.low, self.ss, self.se = text, low, ss, se
        self.runs = frozenset(_RUN.findall(low, ss, se))
        self._words = words  # None: `low` is plain lower case too, `words` computed from it
        self._caps = self._names = self._digit = None

    @property
    def words(self) -> frozenset[str]:
        """`sentence_words` of the sentence."""
        if self._words is None:
            self._words = frozenset(_WORD.findall(self.low, self.ss, self.se))
        return self._words

    def positions(self, words) -> list[int]:
        """Sorted offsets (in the document) of the sentence's runs whose folded text is in `words`."""
        low, ss, se = self.low, self.ss, self.se
        out = []
        for w in words:
            n = len(w)
            i = low.find(w, ss, se)
            while i != -1:
                if i == ss or not (low[i - 1].isalnum() or low[i - 1] == "_"):
                    j = i + n
                    if j == se or not (low[j].isalnum() or low[j] == "_"):
                        out.append(i)
                i = low.find(w, i + 1, se)
        out.sort()
        return out

    def caps(self, seg: str) -> list[int]:
        """Offsets in `seg` (the sentence) of the runs starting with a capital letter."""
        if self._caps is None:
            self._caps = [m.start() for m in _CAPSTART.finditer(seg)]
        return self._caps


    def names(self, seg: str) -> list[int]:
        """`caps` whose next word (after the next space) starts with a capital letter: where a
        two- or three-word name (`_PERSON`, no space inside a word) can start."""
        if self._names is None:
            out = []
            for p in self.caps(seg):
                q = seg.find(" ", p) + 1
                if 0 < q < len(seg) and _isupper_start(seg[q]):
                    out.append(p)
            self._names = out
        return self._names

    def digit(self) -> bool:
        if self._digit is None:
            self._digit = _DIGIT.search(self.text, self.ss, self.se) is not None
        return self._digit


# a capital letter starting a word run (all of these are word characters)
# (= r"\b[A-ZÀ-ÖØ-Þ]"; the look-behind after the capital lets re scan for capitals fast)
_CAPSTART = re.compile(r"[A-ZÀ-ÖØ-Þ](?<!\w.)")
# characters whose folding differs from str.lower(), or whose lower case depends on context
_SPECIAL = re.compile("[\u0130\u0131\u017f\u212a\u03a3]")


def _doc_indexes(doc: Doc) -> list[_SentIndex]:
    text = doc.text
    if _SPECIAL.search(text) is None:
        low = text.lower()  # = _fold(text), character for character
        return [_SentIndex(text, low, s.start, s.end) for s in doc.sentences]
    low = text.translate(_FOLD).lower()  # only U+0130 lower-cases to two characters
    return [_SentIndex(text, low, s.start, s.end, sentence_words(s.text)) for s in doc.sentences]


def _match_at(pattern: re.Pattern, s: str, cands, endpos: int | None = None):
    """`pattern.finditer(s, ..., endpos)` when every match starts at one of the sorted offsets
    `cands`: the leftmost match from each offset, then the next from where it ended."""
    pos = -1
    end = len(s) if endpos is None else endpos
    for p in cands:
        if p < pos:
            continue
        m = pattern.match(s, p, end)
        if m is not None:
            yield m
            pos = m.end() if m.end() > m.start() else m.end() + 1


def _before_stop(seg: str, cands: list[int], stop: tuple, spaces: int) -> list[int]:
    """The offsets from which the first `stop` character comes after at most `spaces` spaces."""
    out = []
    for p in cands:
        c = -1
        for ch in stop:
            i = seg.find(ch, p)
            if i != -1 and (c == -1 or i < c):
                c = i
        if c != -1 and seg.count(" ", p, c) <= spaces:
            out.append(p)
    return out


def _run_plan(plan: _Plan, seg: str, idx: _SentIndex, live: dict, gate: int, anchor: int):
    """`plan.pattern.finditer(seg)`; `live`: `_AnchorGroup.live` of the sentence, `gate` and
    `anchor` the numbers of the plan's gate and anchors in it (-1: none)."""
    if gate >= 0 and gate not in live:
        return ()
    if plan.need and not any(n in seg for n in plan.need):
        return ()
    if plan.comma and "," not in seg:
        return ()
    if plan.need_low:
        low, ss, se = idx.low, idx.ss, idx.se
        if not any(low.find(n, ss, se) != -1 for n in plan.need_low):
            return ()
    if plan.digit and not idx.digit():
        return ()
    mode = plan.mode
    if mode == "cue":
        hit = live.get(anchor)
        if not hit:
            return ()
        ss = idx.ss
        cands = [p - ss for p in idx.positions(hit)]
    elif mode == "cap" or mode == "name":
        cands = idx.caps(seg) if mode == "cap" else idx.names(seg)
        if plan.stop and cands:
            cands = _before_stop(seg, cands, plan.stop, plan.spaces)
    elif mode == "family":  # a family name + a version
        runs = idx.runs
        hit = runs & plan.first
        hit = hit | {w for w in runs if not w.isalpha() and w.startswith(plan.prefixes)}
        if not hit:
            return ()
        ss = idx.ss
        cands = [p - ss for p in idx.positions(hit)]
    else:
        return plan.pattern.finditer(seg)
    return _match_at(plan.pattern, seg, cands) if cands else ()


def _select(cands: list[Mention]) -> list[Mention]:
    """Longest match wins; on equal spans the registry wins, then person > org > model."""
    rank = {"person": 0, "org": 1, "model": 2}
    cands = sorted(cands, key=lambda m: (-(m.end - m.start), not m.in_registry, rank[m.type], m.start))
    taken: list[Mention] = []
    for m in cands:
        if any(m.start < t.end and t.start < m.end for t in taken):
            continue
        taken.append(m)
    return sorted(taken, key=lambda m: m.start)


def _surname_key(name: str) -> str | None:
    toks = name.split()
    return toks[-1] if len(toks) >= 2 else None


# One-document memo: every extractor of one document (mentions, talent, models, money subjects)
# shares one mention pass and one word index. Keyed on the document object itself (a frozen
# dataclass, compared by identity and kept alive here), never on text, so another document - even
# one with the same text - is always computed afresh.
_DOC_MEMO: tuple = (None, {})  # (doc, {what: value}), replaced as a whole (safe with threads)


def _doc_cache(doc: Doc) -> dict:
    global _DOC_MEMO
    memo = _DOC_MEMO
    if memo[0] is not doc:
        memo = _DOC_MEMO = (doc, {})
    return memo[1]


def sentence_indexes(doc: Doc) -> list[_SentIndex]:
    """Word index of each of `doc.sentences` (memoised for the current document); `.words` is
    `sentence_words(sentence.text)`."""
    cache = _doc_cache(doc)
    idx = cache.get("idx")
    if idx is None:
        idx = cache["idx"] = _doc_indexes(doc)
    return idx


def find_mentions(doc: Doc, reg: Registry | None = None) -> list[Mention]:
    """All mentions of organisations, people and models in the document's sentences."""
    reg = reg or registry()
    cache = _doc_cache(doc)
    hit = cache.get("mentions")
    if hit is not None and hit[0] is reg:
        return list(hit[1])
    out = _find_mentions(doc, reg)
    cache["mentions"] = (reg, tuple(out))
    return out


def _find_mentions(doc: Doc, reg: Registry) -> list[Mention]:
    pats = _patterns()  # cue words come from the default registry file
    mentions: list[Mention] = []
    idx = sentence_indexes(doc)
    for sent, ix in zip(doc.sentences, idx):
        mentions.extend(_select(_candidates(doc, sent, reg, pats, ix)))
    mentions = _coordinated_people(doc, mentions, pats)
    # another version of an unregistered model named earlier belongs to its family ("Orion 2" ...
    # "Orion 3"), however each was found
    first_base: dict[str, str] = {}
    for i, m in enumerate(mentions):
        if m.type == "model" and not m.in_registry and m.family is None:
            base = re.match(r"(.*?[A-Za-z])[ -]?v?\d+(?:\.\d+)*[A-Za-z]?$", m.surface)
            if base and len(base.group(1)) >= 3 and first_base.setdefault(base.group(1), m.surface) != m.surface:
                mentions[i] = replace(m, family=base.group(1))
    # "Zephyr Ultra" belongs to the family Zephyr when Zephyr is named as a model in the document
    tiers = _patterns().tiers
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
             if not m.in_registry and m.via != "weak"}
    # ... and another version of an unregistered model is a model too ("Orion 2" -> "Orion 3")
    for m in list(unreg.values()):
        base = re.match(r"(.*?[A-Za-z])[ -]?v?\d+(?:\.\d+)*[A-Za-z]?$", m.surface)
        if m.type == "model" and base and len(base.group(1)) >= 3:
            unreg.setdefault(base.group(1) + "\0", m)
    if unreg:
        # (?<![\w])(?:alternatives, longest first)(?![\w]|\.\d), an alternative being a surface or
        # a model name without its version + any version
        alts = [(k[:-1], True) if k.endswith("\0") else (k, False) for k in sorted(unreg, key=len, reverse=True)]
        extra = []
        for sent in doc.sentences:
            for m in _literal_finditer(doc.text, sent.start, sent.end, alts, True):
                src = unreg.get(m.group())
                if src is not None:
                    extra.append(Mention(m.start(), m.end(), m.group(), src.entity, src.type, False,
                                         sent.sent_id, src.family, "pattern"))
                    continue
                base = re.match(r"(.*?[A-Za-z])[ -]?v?\d", m.group())
                src = unreg.get(base.group(1) + "\0") if base else None
                if src is not None:  # another version of the same unregistered model family
                    extra.append(Mention(m.start(), m.end(), m.group(), m.group(), "model", False,
                                         sent.sent_id, src.family or base.group(1), "pattern"))
        mentions = _merge(mentions, extra)
    return _coref_surnames(doc, mentions, reg, pats)


_VTAIL = re.compile(r"[ -]?v?\d+(?:\.\d+)*[A-Za-z]?(?![\w]|\.\d)")


class _Span:
    """A match found without a regex (`group`, `start`, `end` like `re.Match`)."""
    __slots__ = ("_s", "_a", "_b")

    def __init__(self, s: str, a: int, b: int):
        self._s, self._a, self._b = s, a, b

    def group(self) -> str:
        return self._s[self._a:self._b]

    def start(self) -> int:
        return self._a

    def end(self) -> int:
        return self._b


def _literal_finditer(text: str, start: int, end: int, alts: list[tuple[str, bool]], dot_digit: bool):
    r"""`re.compile(r"(?<![\w])(?:A1|A2|...)(?![\w])").finditer(text, start, end)` for literal
    alternatives tried in order, without compiling a pattern per document. An alternative
    (literal, True) is the literal followed by a version (`_VTAIL`); with `dot_digit` the lookahead
    is (?![\w]|\.\d)."""
    cands = set()
    for lit, _ in alts:
        i = text.find(lit, start, end)
        while i != -1:
            cands.add(i)
            i = text.find(lit, i + 1, end)
    pos = start
    for p in sorted(cands):
        if p < pos or (p > 0 and _isw(text[p - 1])):
            continue
        for lit, versioned in alts:
            if not text.startswith(lit, p, end):
                continue
            q = p + len(lit)
            if versioned:
                m = _VTAIL.match(text, q, end)
                if m is None:
                    continue
                q = m.end()
            elif q < end and (_isw(text[q]) or dot_digit and text[q] == "." and q + 1 < end
                              and text[q + 1].isdecimal()):
                continue
            yield _Span(text, p, q)
            pos = q if q > p else p + 1
            break


_COORD = re.compile(rf"\s*(?:,|,?\s+and|,?\s+or)\s+(?P<n>{_PERSON})\b")
_COORD_BEFORE = re.compile(rf"(?<![\w’'])(?P<n>{_PERSON})\s+(?:and|or)\s+$")


def _coordinated_people(doc: Doc, mentions: list[Mention], pats: _Patterns) -> list[Mention]:
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
            if any(t in pats.not_names for t in toks) or registry().by_surface.get(doc.text[s:e]):
                continue
            extra.append(Mention(s, e, doc.text[s:e], doc.text[s:e], "person", False, m.sent_id, None,
                                 "pattern"))
    return _merge(mentions, extra) if extra else mentions


def _merge(base: list[Mention], extra: list[Mention]) -> list[Mention]:
    out = list(base)
    for m in extra:
        if not any(m.start < b.end and b.start < m.end for b in out):
            out.append(m)
    return sorted(out, key=lambda m: m.start)


def _coref_surnames(doc: Doc, mentions: list[Mention], reg: Registry, pats: _Patterns) -> list[Mention]:
    """Bare surname -> the one full name with that surname seen earlier in the document."""
    people = [m for m in mentions if m.type == "person" and len(m.entity.split()) >= 2]
    if not people:
        return mentions
    first_seen: dict[str, list[tuple[int, Mention]]] = {}
    for m in people:
        key = _surname_key(m.entity)
        if key and key not in pats.not_names:
            lst = first_seen.setdefault(key, [])
            if all(x[1].entity != m.entity for x in lst):
                lst.append((m.start, m))
    if not first_seen:
        return mentions
    # (?<![\w])(?:surnames, in order)(?![\w])
    alts = [(k, False) for k in first_seen]
    extra = []
    for sent in doc.sentences:
        for mm in _literal_finditer(doc.text, sent.start, sent.end, alts, False):
            cands = [m for pos, m in first_seen[mm.group()] if pos < mm.start()]
            if len(cands) != 1:
                continue
            src = cands[0]
            extra.append(Mention(mm.start(), mm.end(), mm.group(), src.entity, "person",
                                 src.in_registry, sent.sent_id, None, "coref"))
    # a bare surname taken for an organisation by the weak hirer pattern is the person
    spans = {(m.start, m.end) for m in extra}
    mentions = [m for m in mentions if not (m.via == "weak" and (m.start, m.end) in spans)]
    return _merge(mentions, extra)


def extract_mentions(doc: Doc) -> list[dict]:
    """Rows for the `mentions` table."""
    return [{"doc_id": doc.doc_id, "sent_id": m.sent_id, "start": m.start, "end": m.end,
             "surface": m.surface, "entity": m.entity, "type": m.type, "in_registry": m.in_registry}
            for m in find_mentions(doc)]


# ---------------------------------------------------------------------------------------------
# helpers shared by the extractors built on mentions (talent, models)

def cue_regex(phrases: list[str]) -> re.Pattern:
    """Case-insensitive, word-bounded alternation of cue phrases (longest first).

    Word-bounded phrases share one lookbehind outside the alternation so the regex engine can
    skip ahead on the set of first characters (much faster than a lookbehind per alternative)."""
    plain, other = [], []
    for p in sorted({str(x).strip() for x in phrases if str(x).strip()}, key=len, reverse=True):
        body = re.escape(p).replace(r"\ ", r"\s+")
        if p[:1].isalnum() and p[-1:].isalnum():
            plain.append(body)
        else:
            lead = r"(?<![\w’'])" if p[:1].isalnum() else ""
            tail = r"(?![\w])" if p[-1:].isalnum() else ""
            other.append(lead + body + tail)
    parts = []
    if plain:
        parts.append(r"(?<![\w’'])(?:" + "|".join(plain) + r")(?![\w])")
    parts.extend(other)
    return re.compile("(?:" + "|".join(parts) + ")" if parts else r"(?!x)x", re.IGNORECASE)


def longest_hits(hits: list[tuple], drop=None) -> list[tuple]:
    """Cue hits (label, start, end) of one sentence, left to right, of overlapping hits the longer
    (the first found on ties). `drop(previous, hit)`: a hit after the previous kept one that is
    not kept (an extractor's own rule)."""
    hits = sorted(hits, key=lambda h: (h[1], -(h[2] - h[1])))
    kept: list[tuple] = []
    for h in hits:
        if kept and h[1] < kept[-1][2]:
            if h[2] - h[1] > kept[-1][2] - kept[-1][1]:
                kept[-1] = h
            continue
        if kept and drop is not None and drop(kept[-1], h):
            continue
        kept.append(h)
    return kept


def mentions_by_sentence(mentions: list[Mention]) -> dict[int, list[Mention]]:
    """sent_id -> the mentions of that sentence, in order."""
    out: dict[int, list[Mention]] = {}
    for m in mentions:
        out.setdefault(m.sent_id, []).append(m)
    return out


class CueSet:
    """`cue_regex(phrases)` plus where its matches can start, so a sentence is searched only at
    those offsets (`finditer`) instead of at every character: at a word run whose folded text is
    a phrase's first run (or starts with it), or at the first character of a phrase that does not
    start with a letter or digit ("'s release")."""

    def __init__(self, phrases: list[str]):
        self.rx = cue_regex(phrases)
        self.anchors = _Anchors(phrases)
        self.chars = tuple(sorted({p[0] for p in (str(x).strip() for x in phrases)
                                   if p and not p[:1].isalnum()}))

    def finditer(self, text: str, start: int, end: int, idx: "_SentIndex", live=None):
        """Same matches as `self.rx.finditer(text, start, end)`; `idx` indexes `text[start:end]`
        (`live`: `self.anchors.live(idx.runs)` when already known)."""
        hit = self.anchors.live(idx.runs) if live is None else live
        cands = idx.positions(hit) if hit else []
        for ch in self.chars:
            i = text.find(ch, start, end)
            while i != -1:
                cands.append(i)
                i = text.find(ch, i + 1, end)
        if not cands:
            return ()
        cands.sort()
        return _match_at(self.rx, text, cands, end)


class _AnchorGroup:
    """Several `_Anchors` whose live first runs are found together: one set intersection per
    sentence instead of one per phrase list."""

    def __init__(self, anchors: list[_Anchors]):
        self.anchors = list(anchors)
        index: dict[str, list] = {}
        for i, a in enumerate(self.anchors):
            for f in a.first:
                rest = a.rest[f]
                singles = frozenset(next(iter(r)) for r in rest or () if len(r) == 1)
                multis = tuple(r for r in rest or () if len(r) > 1)
                index.setdefault(f, []).append((i, rest is None, singles, multis))
        self.first = frozenset(index)
        self.index = index
        self.with_prefixes = [i for i, a in enumerate(self.anchors) if a.prefixes]

    def live(self, runs: frozenset, idx: "_SentIndex | None" = None) -> dict[int, set]:
        """Number -> `anchors[number].live(runs)` (those with nothing live are left out); with
        `idx` (the sentence of `runs`) prefixes not in its folded text are skipped at once."""
        out: dict[int, set] = {}
        for f in self.first.intersection(runs):
            for i, always, singles, multis in self.index[f]:
                if always or not singles.isdisjoint(runs) or (multis and any(r <= runs for r in multis)):
                    hit = out.get(i)
                    if hit is None:
                        out[i] = {f}
                    else:
                        hit.add(f)
        for i in self.with_prefixes:
            pre = self.anchors[i].prefixes
            if idx is not None and all(idx.low.find(x, idx.ss, idx.se) == -1 for x in pre):
                continue
            extra = {w for w in runs if w.startswith(pre)}
            if extra:
                out.setdefault(i, set()).update(extra)
        return out


class CueGroup(_AnchorGroup):
    """Several `CueSet`s whose live anchors are found together (`live`: set number -> live runs)."""

    def __init__(self, sets: list[CueSet]):
        self.sets = list(sets)
        super().__init__([cs.anchors for cs in self.sets])


_WORD = re.compile(r"[\w’'-]+")


def anchor_words(phrases: list[str]) -> frozenset[str]:
    """First words of cue phrases, lower-cased: a sentence without any of them cannot match."""
    out = set()
    for p in phrases:
        w = _WORD.findall(str(p).lower())
        if w:
            out.add(w[0])
    return frozenset(out)


def sentence_words(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(text.lower()))


def focus_org(mentions: list[Mention]) -> str | None:
    """The organisation a document is mostly about: the most mentioned one (first on ties)."""
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    reg = registry()
    for m in mentions:
        if m.type != "org":
            continue
        e = reg.get(m.entity)
        if e is not None and e.kind in ("media", "finance"):
            continue
        counts[m.entity] = counts.get(m.entity, 0) + 1
        first.setdefault(m.entity, m.start)
    if not counts:
        return None
    return max(counts, key=lambda k: (counts[k], -first[k]))
