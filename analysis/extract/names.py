"""Names in one sentence: organisations, people and AI models (`Mention`s).

Every name and alias of the registry (`analysis.lexicon.registry`) is found by the registry's one
pattern. Names the registry has never heard of are found by the rules below (`name_rules`) when the
sentence shows them: a capitalised name next to a role word ("CEO Jane Okafor", "Jane Okafor, an
analyst"), next to a move verb ("hired Jane Okafor", "Jane Okafor joined"), an organisation next
to a cue ("startup Globex", "Globex Inc.", "CEO of Globex", "Globex's head of research") or a model
name with a version next to "model"/"LLM" or a release verb. Those mentions carry
`in_registry=False`. The cue words are the `cues` lists of the registry file and the lists below.

Of overlapping names the longest wins (`sentence_mentions`); what one document says across its
sentences is resolved in `analysis.extract.coreference`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from analysis.corpus.doc import Doc, Sentence
from analysis.lexicon.cues import Cue, CueFinder, CueLists, cue_list_pattern, literal_trie
from analysis.lexicon.firstnames import is_first_name
from analysis.lexicon.registry import Registry, registry


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
# rules for names not in the registry

_UP = "A-ZÀ-ÖØ-ÞĀ-ſ"  # (Latin Extended-A holds both cases: "Łukasz", "Šimon")
_LATIN = "À-ÖØ-öø-ÿĀ-ſ"  # letters with accents, either case
_LO = "a-zß-öø-ÿĀ-ſ"  # ("Obradović", "Dvořák")
# a name word: "Jane", "McKay", "Jean-Pierre", "Ji-hoon" (a short lower-case syllable after a hyphen;
# not "Co-founder", "Ex-wife"), an initial
_NAME_TOK = (rf"(?:(?!(?:Co|Ex|Vice|Re|Pre|Non|Anti|Pro|Self|Multi|Post|Mid|Semi)-)[{_UP}][{_LO}]+(?:[{_UP}][{_LO}]+)?"
             rf"(?:-[{_UP}][{_LO}]+|-[{_LO}]{{2,5}}\b)?|[{_UP}]\.)")
# a given name, an optional nickname in brackets ("Yuhuai (Tony) Wu"), one or two more names
PERSON = rf"{_NAME_TOK}(?: \({_NAME_TOK}\))?(?: {_NAME_TOK}){{1,2}}"
_ORG_TOK = rf"(?:[{_UP}][{_UP}{_LO}0-9&]*(?:[.\-][{_UP}{_LO}0-9]+)*)"
_ORG = rf"{_ORG_TOK}(?:(?: &)? {_ORG_TOK}){{0,3}}"  # ("Halden & Pryce")
_POSS = r"(?:['’]s)?"


@dataclass(frozen=True)
class Rule:
    """One pattern that finds a name (its group `n`, or `n2`) next to cue words.

    `kind`: what the name is (person, org, model; "weak": an organisation that a person's surname
    found later in the document takes back). `start`: where a match begins: "cue" (where a cue of
    the list `cues` begins), "capital" (at a capitalised word) or "anywhere". `need`: a cue list
    the pattern cannot match without (a sentence without one of its cues is not searched)."""
    name: str
    kind: str
    pattern: re.Pattern
    start: str
    cues: str | None = None
    need: str | None = None


@dataclass
class NameRules:
    rules: list[Rule]
    cue_lists: dict[str, list[str]]  # list name -> phrases (registry cues and the lists above)
    cues: CueLists  # the lists' cues, found in one scan (`starts`: where one of them begins)
    lists_at: re.Pattern  # which lists have a cue at a position (a group per list: the cue or None)
    not_names: frozenset[str]
    org_suffixes: frozenset[str]
    tiers: frozenset[str]  # model tier words ("Pro", "Ultra")
    title_descriptors: frozenset[str]  # "Veteran CEO X": not an employer

    def matches(self, seg: str) -> list[tuple[Rule, re.Match]]:
        """(rule, match) of every rule in the sentence `seg`, rule by rule, each rule's matches as
        its `finditer(seg)` gives them: the pattern is tried only where a match can begin."""
        begins: dict[str, list[int]] = {}  # list name -> where one of its cues begins
        for start in self.cues.starts.finditer(seg):  # where a cue of any list begins
            p = start.start()
            for name, cue in self.lists_at.match(seg, p).groupdict().items():
                if cue is not None:
                    begins.setdefault(name, []).append(p)
        capitals = [m.start() for m in _CAPITAL.finditer(seg)]
        found = []
        for rule in self.rules:
            if rule.need is not None and rule.need not in begins:
                continue
            if rule.start == "anywhere":
                found.extend((rule, m) for m in rule.pattern.finditer(seg))
                continue
            at = capitals if rule.start == "capital" else begins.get(rule.cues)
            if at:
                found.extend((rule, m) for m in _match_at(rule.pattern, seg, at))
        return found


# a word starting with a capital letter
_CAPITAL = re.compile(rf"\b[{_UP}]")


def _match_at(pattern: re.Pattern, s: str, starts: list[int]):
    """`pattern.finditer(s)` when every match begins at one of the sorted offsets `starts`: the
    match from each offset not inside the previous match."""
    done = 0
    for p in starts:
        if p >= done:
            m = pattern.match(s, p)
            if m is not None:
                yield m
                done = max(m.end(), p + 1)


@lru_cache(maxsize=1)
def name_rules() -> NameRules:
    """The rules, with the cue lists of the registry file (`registry().cues`)."""
    reg = registry()
    cues = reg.cues
    names = ("person_roles", "person_verbs_after", "person_verbs_before", "org_heads", "org_title_roles",
             "org_lead_verbs", "org_suffixes", "model_heads", "model_verbs", "model_tiers", "org_join_verbs",
             "org_from_verbs", "org_prev_words", "hirer_verbs", "org_move_nouns", "model_kind_words")
    lists = {name: list(cues.get(name) or []) for name in names}
    # words of the rules themselves ("former" may run straight into the name: "formerGlobex")
    lists.update({"former": ["former*", "ex-", "then-"], "who": ["who"], "who_whose": ["who", "whose"],
                  "family": ["family"]})
    W = {name: cue_list_pattern(entries) for name, entries in lists.items()}
    # names of things, matched as written: "Inc.", "Pro", "the Zephyr model" (not "Foundation Models")
    for name in ("org_suffixes", "model_tiers", "model_heads"):
        W[name] = cue_list_pattern([Cue(str(c), case=True) for c in lists[name]])
    roles, after, before, heads, suffixes = (W["person_roles"], W["person_verbs_after"], W["person_verbs_before"],
                                             W["org_heads"], W["org_suffixes"])
    mheads, otitles, lverbs, tiers, mverbs = (W["model_heads"], W["org_title_roles"], W["org_lead_verbs"],
                                              W["model_tiers"], W["model_verbs"])
    joins, froms, earlier, hirers, moves = (W["org_join_verbs"], W["org_from_verbs"], W["org_prev_words"],
                                            W["hirer_verbs"], W["org_move_nouns"])
    mheads_any_case = cue_list_pattern(lists["model_heads"])
    families = literal_trie([e.name for e in reg.entities.values() if e.type == "model"]
                            + [a for e in reg.entities.values() if e.type == "model" for a in e.aliases])
    devices = cue_list_pattern(cues.get("device_nouns") or [])
    # a capitalised word with a lower-case letter ("Hoshi-LM", "Caraúna")
    mword = rf"[A-Z][A-Za-z{_LATIN}]*[a-z{_LATIN}][A-Za-z{_LATIN}]*(?:-[A-Z][A-Za-z{_LATIN}]*)?"
    vers = r"(?:[ -]?v?\d+(?:\.\d+)*[A-Za-z]?(?:-[A-Za-z0-9]+)?)"
    # a model-like name: a capitalised word (or an acronym before a hyphen) with a version, a tier
    # word ("Pro", "Mini") allowed before or after it: "Orbital-3", "Nimbus-2B", "Atlas 1.5 Pro"
    mname = (rf"(?:{mword}|[A-Z]{{2,6}}(?=-\d))(?:\s+{tiers})?"
             rf"(?:[ -]v?\d+(?:\.\d+)*[A-Za-z]?(?:-[A-Za-z0-9]+)?)(?:\s+{tiers})?(?![\w]|[.\-]\w)")
    mdet = (r"(?:(?:the|its|their|a|an|new|latest|updated|next|first|upcoming|planned|flagship|smaller|larger|"
            r"bigger|faster|cheaper|lighter)\s+){0,3}")

    def rule(name, kind, start, pattern, cues=None, need=None):
        return Rule(name, kind, re.compile(pattern), start, cues, need)

    rules = [
        # people
        # "CEO Jane Okafor", "chief scientist Jane Okafor", "the startup's CEO, Jane Okafor"
        rule("role-person", "person", "cue", rf"{roles}\s*,?\s+(?P<n>{PERSON})\b", "person_roles"),
        # "Jane Okafor, chief product officer at ...", "Jane Okafor, an analyst"
        rule("person-comma-role", "person", "capital",
             rf"\b(?P<n>{PERSON}),\s+(?:(?:a|an|the|its|his|her|their|former|now|then)\s+)?"
             rf"(?:[\w’'&.-]+\s+){{0,4}}?{roles}", need="person_roles"),
        # "the head of Optimus engineering, Jane Okafor," (role + complement, then the name)
        rule("role-of-person", "person", "cue",
             rf"{roles}\s+(?:of|for|at)\s+[\w&’' -]{{1,40}}?,\s+(?P<n>{PERSON})\b", "person_roles"),
        # "Jane Okafor joined", "Jane Okafor said", "Jane Okafor, ..., quit"
        rule("person-verb", "person", "capital",
             rf"\b(?P<n>{PERSON}),?\s+(?:(?:has|had|will|is|was|also|recently|later|reportedly|then|quietly|"
             rf"officially|abruptly)\s+)?{after}",
             need="person_verbs_after"),
        # "and Hongyu Ren, who worked on ...", "including Jane Okafor, who defected to ..."
        # ... or at the start of the sentence: "Jane Okafor, who ran Globex's robotics unit, left"
        rule("person-who", "person", "anywhere",
             rf"(?:^|\b(?:and|,|including|among\s+them)\s+)(?P<n>{PERSON}),\s+(?:who|whose)\b", need="who_whose"),
        # "hired Jane Okafor", "said Jane Okafor"
        rule("verb-person", "person", "cue", rf"{before}\s+(?P<n>{PERSON})\b", "person_verbs_before"),
        # "Kate Adams" anywhere: a given name the first-name lexicon knows, then a surname
        # (checked in `_candidates`: `_given_name_person`)
        rule("given-name", "person", "capital", rf"(?<![\w’'.-])(?P<n>{PERSON})\b"),
        # organisations
        # "startup Globex", "deal-tracking firm Crunchbase"
        rule("head-org", "org", "cue", rf"{heads}\s+(?P<n>{_ORG}){_POSS}", "org_heads"),
        # "his startup, Nimbly," "her own company, Quillwork", "Jane Okafor's startup, Nimbly"
        rule("own-head-org", "org", "anywhere",
             rf"(?:\b(?:his|her|their)|[a-z]['’]s)\s+(?:own\s+)?(?:[\w-]+\s+)?{heads},\s+(?P<n>{_ORG})(?=\s*[,.;)]|\s+and\b)",
             need="org_heads"),
        # "CEO of Globex", "head of research at Globex", "head of AI at Globex"
        # ... "director at Durham-based software company Globex", "executive at the cloud company Globex"
        rule("role-at-org", "org", "cue",
             rf"{roles}(?:\s+of\s+(?:AI\s+)?[a-z][\w-]*(?:\s+[a-z][\w-]*)?|\s+of\s+AI)?\s+(?:of|at)\s+"
             rf"(?:(?:the\s+)?(?:[{_UP}][\w.]*-[a-z]+\s+)?(?:[a-z][\w-]*\s+){{0,2}}?{heads}\s+)?(?P<n>{_ORG}){_POSS}",
             "person_roles"),
        # "Globex's head of research"
        rule("org-role", "org", "capital", rf"\b(?P<n>{_ORG})['’]s\s+(?:[\w-]+\s+){{0,3}}?{roles}",
             need="person_roles"),
        # "Quenby Mobile and its vice-president of devices, X": what has a vice-president is an organisation
        rule("org-and-its-role", "org", "capital",
             rf"(?<![\w’'.-])(?P<n>{_ORG_TOK}(?: {_ORG_TOK})?)\s+and\s+its\s+(?:[\w-]+\s+){{0,2}}?{roles}"
             rf"(?:\s+of\s+[\w\s-]{{1,30}}?)?,\s+{PERSON}", need="person_roles"),
        # "joined Globex", "left Globex"
        # ... "moved to Singapore-based Lumora"
        rule("join-org", "org", "cue", rf"{joins}\s+(?:{PLACE_BASED}\s+)?(?P<n>{_ORG}){_POSS}", "org_join_verbs"),
        # "left Globex for Hooli", "moved from Globex to Hooli": where the person went
        rule("left-org-for-org", "org", "cue",
             rf"{joins}\s+(?:the\s+)?{_ORG}\s+(?:for|to)\s+(?:rival\s+|competitor\s+)?(?:{PLACE_BASED}\s+)?(?P<n>{_ORG}){_POSS}",
             "org_join_verbs"),
        # "was hired by Globex", "was poached by Globex": the hirer
        rule("hired-by-org", "org", "cue", rf"{froms}\s+(?:away\s+)?by\s+(?:the\s+)?(?P<n>{_ORG}){_POSS}", "org_from_verbs"),
        # "hired ... from Globex"
        rule("from-org", "org", "cue",
             rf"{froms}[^.;]{{0,80}}?\bfrom\s+(?P<n>{_ORG}){_POSS}", "org_from_verbs"),
        # "lost its head of product, Jane Okafor, to Globex": where the person went
        rule("lost-to-org", "org", "anywhere",
             rf"\b(?:lost|loses|losing)\s[^.;:]{{0,80}}?(?:[A-Z][a-z]+\s+[A-Z][a-z]+|\b(?:head|chief|"
             rf"researchers?|engineers?|executives?|scientists?|staff|employees)\b)"
             rf"[^.;:]{{0,80}}?\bto\s+(?:rival\s+|competitor\s+)?(?P<n>{_ORG}){_POSS}"
             rf"(?=\s*[,.;)]|\s+(?:in|on|last|this|earlier|after|and)\b|$)"),
        # "who previously led software at Globex", "departures at Globex", "an exodus from Globex"
        rule("previously-at-org", "org", "cue",
             rf"{earlier}[^,;.]{{0,60}}?\b(?:at|from)\s+"
             rf"(?:(?:the\s+)?(?:[{_UP}][\w.]*-[a-z]+\s+)?(?:[a-z][\w-]*\s+){{0,2}}?{heads}\s+)?(?P<n>{_ORG}){_POSS}",
             "org_prev_words"),
        # "formerly of Globex"
        rule("formerly-of-org", "org", "cue", rf"(?i:formerly)\s+of\s+(?:the\s+)?(?P<n>{_ORG}){_POSS}", "former"),
        # "former Globex CEO", "ex-Globex researcher"
        rule("former-org-role", "org", "cue",
             rf"(?i:\b(?:former|ex-|then-))\s*(?P<n>{_ORG})\s+{roles}", "former"),
        # the hirer: "Globex poached ...", "Initech tried to hire ..." (weak: a bare surname may win)
        # ... with a relative clause between: "Globex, which raised $5 million in May, hired ..."
        rule("hirer", "weak", "capital",
             rf"(?<![\w’'])(?P<n>{_ORG_TOK}(?: {_ORG_TOK})?)(?:,\s+which\s(?:[^,;:.]|\.\d){{1,80}},)?\s+(?:(?:has|had|also|then|later|"
             rf"recently|reportedly|quickly)\s+)?{hirers}"
             rf"(?!\s+(?:on|in|at|by|last|this|earlier|with|from|for)\b)", need="hirer_verbs"),
        # "Globex's talent exodus", "Globex’s AI hiring spree" (a one-word name before a move noun)
        rule("org-move", "org", "capital",
             rf"(?<![\w’'])(?P<n>{_ORG_TOK})['’]s\s+(?:[\w-]+\s+){{0,2}}?{moves}",
             need="org_move_nouns"),
        # "Globex co-founder Jane Okafor", "Initech CEO Jane Okafor" (a title that names an employer)
        rule("org-title", "org", "capital",
             rf"(?<![\w’'.-])(?P<n>{_ORG_TOK}(?: {_ORG_TOK})?)\s+{otitles}\s+{PERSON}\b",
             need="org_title_roles"),
        # a relative clause naming the employer: "who oversaw Globex's robotics unit", "who had led
        # speech research at Globex"
        rule("who-led-org", "org", "cue",
             rf"\bwho\s+(?:(?:had|has|once|previously|formerly)\s+)*{lverbs}\s+"
             rf"(?:(?P<n>{_ORG})['’]s\b|[^,;.]{{0,60}}?\b(?:at|for)\s+(?P<n2>{_ORG}){_POSS})", "who",
             need="org_lead_verbs"),
        # "Kestrel, an AI startup," "Nimbly, a robotics company that ...": an apposition naming what it is
        rule("org-comma-head", "org", "capital",
             rf"(?<![\w’'.-])(?P<n>{_ORG_TOK}(?: {_ORG_TOK})?),\s+(?:a|an)\s+(?:[\w-]+\s+){{0,3}}?"
             rf"(?:startup|start-up|company|firm|lab|developer|provider|chipmaker)"
             rf"(?=\s*[,.;)]|\s+(?:that|which|based|founded|backed|in|focused|spun)\b)"),
        # "Jane Okafor, a longtime Globex executive," (one word: "a San Francisco engineer" is a place)
        rule("person-a-org-role", "org", "capital",
             rf"\b{PERSON},\s+(?:a|an)\s+(?:(?:longtime|long-time|veteran|senior|top|former|onetime|"
             rf"one-time|early|star)\s+)?(?P<n>{_ORG_TOK})\s+(?:executive|engineer|researcher|scientist|"
             rf"veteran|employee|manager|director|vice\s+president|insider|alum|alumnus|alumna)\b"),
        # "Globex Inc.", "Acme Robotics"
        rule("org-suffix", "org", "capital",
             rf"\b(?P<n>{_ORG_TOK}(?: {_ORG_TOK}){{0,2}} {suffixes})(?![\w])", need="org_suffixes"),
        # models
        # a registered family + an unregistered version: "Llama 5", "Gemini 3.5"
        rule("family-version", "model", "anywhere", rf"(?<![\w])(?P<n>(?:{families}){vers})(?![\w]|[.\-]\w)"),
        # "the Zephyr model", "its Zephyr 2 LLM", "Zephyr-7B language model"
        rule("name-model", "model", "capital",
             rf"(?<![\w-])(?P<n>{mword}(?:{vers}|-[A-Z]{{1,3}}\d+(?:\.\d+)*)?|[A-Z]{{1,3}}\d+(?:\.\d+)*)\s+(?:large\s+|"
             rf"{W['model_kind_words']}\s+)*{mheads}"
             # (not "its Telugu model Nandi": a name after the noun is the model's, the word before describes it)
             rf"(?!\s+[A-Z][A-Za-z]*[a-z])", need="model_heads"),
        # an apposition: "Zephyr-7B, a language model", "Orion 2, the company's new large model"
        rule("name-comma-model", "model", "capital",
             rf"\b(?P<n>{mword}{vers}),\s+(?:a|an|its|the)\s+"
             rf"(?:[\w-]+\s+){{0,4}}?{mheads}", need="model_heads"),
        # coordinated names before the head: "Quill 2 and Quill 3 models"
        rule("names-model", "model", "capital",
             rf"\b(?P<n>{mword}{vers})(?=(?:\s*(?:,|and|or)\s+[A-Z][A-Za-z]*{vers})+"
             rf"\s+(?:AI\s+|language\s+)*{mheads})", need="model_heads"),
        # the name right after the noun: "launched its small model Zephyr Mini", "its Telugu model Nandi",
        # "put its speech model Sutra Voice on hold"
        # ... or in quotation marks: "its voice assistant 'Sori'"
        rule("model-then-name", "model", "cue",
             rf"{mheads_any_case}\s+(?:(?P<q>[“\"'‘])(?=[^“\"'‘’”]{{1,40}}[”\"'’]))?"
             rf"(?P<n>[A-Z][A-Za-z]*[a-z][A-Za-z]*(?: [A-Z][A-Za-z]*){{0,2}})"
             # (a name with a version is left to model_names, which finds its family; not the subject
             # of a relative clause: "the voice model Arclume previewed in November")
             r"(?![\w-]|['’]s\b|[ -]v?\d|\s+[a-z]+(?:ed|s)\b)", "model_heads"),
        # an apposition after the noun: "a smaller reasoning model, Cobalt Mini-R, has been pushed back",
        # "Pellgrave's clinical model, MedLark, was withdrawn", "a larger successor, Marlow Pro, in May"
        rule("a-model-comma-name", "model", "anywhere",
             rf"(?<![\w-])(?:(?i:a|an|the|its|their)|[A-Z][\w&-]*['’]s)\s+(?:[\w-]+\s+){{0,3}}?"
             rf"(?:{mheads_any_case}|successor),\s+[“\"'‘]?"
             rf"(?P<n>[A-Z][A-Za-z]*[a-z][\w-]*(?: [A-Z][\w-]*){{0,2}})[”\"'’]?(?=,|\.$|\s+(?:in|on|at|by|next|this|later)\b)"),
        # "... model called Zephyr", "LLM named Zephyr 2", "model internally code-named Hyperion"
        rule("model-named", "model", "cue",
             rf"{mheads_any_case}\s*,?\s+(?:[a-z]+ly\s+)?(?:called|named|dubbed|known\s+as|"
             rf"code-named|codenamed|code\s+named)\s+[“\"']?(?P<n>[A-Z][A-Za-z]*{vers}?)\b", "model_heads"),
        # apposition defining a name as a model: "Magistral, its first reasoning model", "R2, its next model"
        rule("name-its-model", "model", "capital",
             rf"\b(?P<n>(?:{mword}\s+){{1,2}}{tiers}|(?:{mword}|[A-Z]{{1,4}}-?\d+(?:\.\d+)*[a-z]?){vers}?),\s+"
             rf"(?:its|their|his|her|the\s+company['’]s)\s+(?:[\w-]+\s+){{0,3}}?{mheads}", need="model_heads"),
        # "Reel, a video generation model", "Echo, the real-time voice model": a name without a
        # version defined as a model by what kind of model it is (`model_kind_words`)
        rule("name-a-kind-model", "model", "capital",
             rf"\b(?P<n>(?:{mword}\s+)?{mword}),\s+(?:a|an|the)\s+(?:(?:new\s+|planned\s+|upcoming\s+)?(?:[\w-]+\s+)?"
             rf"{W['model_kind_words']}(?:[\s-]+[\w-]+){{0,2}}?|(?:new|planned|upcoming|scrapped|shelved))\s+{mheads}"
             # (the head ends the description: not "the AI cloud and model group")
             r"(?![\w-]|\s+(?:group|company|companies|maker|makers|business|developer|developers|firm|lab|startup|"
             r"provider|unit|team|division|market|platform|layer|family|weights|cards?|hub|licen[cs]e|builder)\b)",
             need="model_heads"),
        # a release / plan verb + a model-like name: "would release Orbital-3", "shelved Nimbus-2B"
        rule("verb-model", "model", "cue", rf"{mverbs}\s+{mdet}[“\"'‘]?(?P<n>{mname})", "model_verbs"),
        # a name in quotation marks after a release or plan verb: "quietly cancelled “Nightjar,”"
        rule("verb-quoted-name", "model", "cue",
             rf"{mverbs}\s+{mdet}[“\"](?P<n>{mword}(?: [A-Z0-9][\w.-]*){{0,2}})[,.]?[”\"]", "model_verbs"),
        # the passive: "Falcon 180B was released", "Atlas 1.5 has been shelved"
        rule("model-was-verbed", "model", "capital",
             rf"\b(?P<n>{mname})\s+(?:(?:was|were|is|are|has\s+been|had\s+been|have\s+been|will\s+be|"
             rf"would\s+be|is\s+being|was\s+being)\s+)(?:[a-z]+ly\s+)?{mverbs}", need="model_verbs"),
        # "its Zephyr family of models", "the Zephyr model family"
        rule("name-family", "model", "capital",
             rf"\b(?P<n>{mword})\s+(?:family\s+of\s+(?:[\w-]+\s+){{0,2}}?"
             r"(?:models|LLMs|language\s+models)|(?:AI\s+|language\s+)?model\s+family)\b", need="family"),
        # a release / plan verb + a name and a tier word, no version: "plans to launch Zephyr Ultra"
        rule("verb-model-tier", "model", "cue",
             rf"{mverbs}\s+{mdet}(?P<n>{mword}\s+{tiers})(?![\w]|[.\-]\w)"
             rf"(?!\s+{devices})", "model_verbs", need="model_tiers"),
    ]
    finders = CueLists([CueFinder({name: phrases}) for name, phrases in lists.items()])
    # one optional look-ahead per list, each in a group named after its list
    lists_at = re.compile("".join(f"(?:(?=(?P<{name}>{cue_list_pattern(phrases)})))?" for name, phrases in lists.items()))
    return NameRules(rules, lists, finders, lists_at, frozenset(cues.get("not_names", [])),
                     frozenset(cues.get("org_suffixes", [])) | _ORG_TAILS, frozenset(cues.get("model_tiers", [])),
                     frozenset(str(w).lower() for w in cues.get("title_descriptors", [])))


_MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"}


_ORG_TAILS = {"AI", "Labs", "Lab", "Research"}
_JOINED = re.compile(r"(?<![\w-])([A-Z][A-Za-z]*)-$")  # a capitalised word joined by a hyphen to what follows
PLACE_BASED = r"[A-Z][\w.]*(?:\s[A-Z][\w.]*)?-(?:based|headquartered)"  # "Singapore-based", "San Francisco-based"
_OWNED = re.compile(r"\b(?:[Yy]our|[Oo]ur|[Mm]y)\s+$")
_PLACE_ADJECTIVE = re.compile(r"[A-Z][\w.]*-(?:based|headquartered|backed|owned|listed|born|area|focused|made)")
# lower-case nouns after a capitalised name that make it a product, not a person
_PRODUCT_NOUNS = frozenset({"agent", "agents", "app", "apps", "model", "models", "assistant", "chatbot", "platform",
                            "service", "tool", "device", "system", "feature", "headset", "phone", "chip"})


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


def _candidates(doc: Doc, sent: Sentence, reg: Registry, rules: NameRules) -> list[Mention]:
    """Every name found in the sentence, overlapping ones included."""
    text = doc.text
    out: list[Mention] = []
    ss, se = sent.start, sent.end
    seg = text[ss:se]
    for m in reg.pattern.finditer(text, ss, se):
        ent = reg.by_surface[m.group()]
        joined = _JOINED.search(text, max(ss, m.start() - 30), m.start())
        if ent.type == "model" and joined and reg.by_surface.get(joined.group(1)) is None:
            continue  # "Tandem-R1": the end of another name, not the registered "R1"
        out.append(Mention(m.start(), m.end(), m.group(), ent.name, ent.type, True, sent.sent_id,
                           ent.family if ent.type == "model" else None, "registry"))
    if _is_headline(seg):  # title-case headings: every word is capitalised, cues mean nothing
        return out

    def add(kind: str, s: int, e: int, min_tokens: int = 1, via: str = "pattern"):
        e = _strip_possessive(text, s, e)
        s = _skip_opening_word(text, ss, s, e)
        r = _clean_name(text, s, e, rules.not_names, keep_tail=(kind == "org"))
        if r is None:
            return
        s, e = r
        surface = text[s:e]
        toks = surface.split()
        if len(toks) < min_tokens:
            return
        if kind == "person" and (any(t in rules.not_names for t in toks) or toks[-1] in rules.org_suffixes
                                 or reg.by_surface.get(toks[0]) is not None and reg.by_surface[toks[0]].type != "person"):
            return
        if kind != "model" and all(t in _MONTHS or t.isdigit() for t in toks):
            return
        if kind in ("org", "weak") and _PLACE_ADJECTIVE.fullmatch(toks[0]):
            return  # "Durham-based", "Paris-headquartered": a description, not a name
        if kind == "person" and any(_PLACE_ADJECTIVE.fullmatch(t) for t in toks):
            return  # "San Francisco-based Zentra": a place and a company, not a person
        if kind == "org" and _OWNED.search(text, max(ss, s - 7), s):
            return  # "your Personal Data", "our Research": a thing someone owns, not a name
        known = reg.by_surface.get(surface)
        if known is not None:
            out.append(Mention(s, e, surface, known.name, known.type, True, sent.sent_id,
                               known.family if known.type == "model" else None, "registry"))
            return
        family = None
        if kind == "model":
            prev = re.search(r"(\S+)\s+$", text[max(ss, s - 30):s])
            if prev and prev.group(1)[:1].isupper() and prev.group(1) not in rules.not_names \
                    and not prev.group(1).endswith(("'s", "’s")):  # (not "Globex's Zephyr model")
                return  # "the Red Hat model": only the tail of a longer capitalised name
            if re.search(r"[A-Z][\w-]*\s+(?:Of|For|And|&|On|To|De)\s+$", text[max(ss, s - 40):s]):
                return  # "a Mixture Of Experts model": the tail of a title-case phrase
            # a registered family followed by a version: "Llama 5" belongs to Llama
            base = re.match(r"(.+?)[ -]?v?\d", surface)
            if base and reg.get(base.group(1)) is not None and reg.get(base.group(1)).type == "model":
                family = reg.get(base.group(1)).name
            if re.fullmatch(r"(?:19|20)\d\d", surface.split()[-1]) or toks[0] in _MONTHS:
                return
        out.append(Mention(s, e, surface, surface, kind, False, sent.sent_id, family, via))

    for rule, m in rules.matches(seg):
        kind = rule.kind
        if rule.name == "given-name":
            s0, e0 = _given_name_person(text, ss + m.start("n"), ss + m.end("n"), reg, rules)
            if s0 is not None:
                add("person", s0, e0, min_tokens=2)
        elif kind == "person":
            add("person", ss + m.start("n"), ss + m.end("n"), min_tokens=2)
        elif kind == "weak":  # the hirer pattern: a bare surname may turn out to be a person
            add("org", ss + m.start("n"), ss + m.end("n"), via="weak")
        elif rule.name == "org-title":  # "Globex co-founder X", not "Veteran CEO X"
            s0, e0 = ss + m.start("n"), ss + m.end("n")
            for w in re.finditer(r"\S+", text[s0:e0]):
                if w.group().lower() not in rules.title_descriptors:
                    add(kind, s0 + w.start(), e0)
                    break
        else:
            g = "n" if m.start("n") >= 0 else "n2"  # (a pattern with two name slots)
            first = reg.by_surface.get(m.group(g).split()[0])
            if rule.name == "name-its-model" and " " in m.group(g) and first is not None and first.type == "model":
                continue  # "Gemini Pro, its LLM": the registered name, completed over the document
            add(kind, ss + m.start(g), ss + m.end(g))
    return out


# an opening adverb ("Additionally,"), "-wise" word, or participle before a determiner or preposition
# ("Compounding the problem", "Launched in 2023"; not "Boeing hired")
_OPENING = re.compile(r"[A-Z][a-z]+(?:ly|-wise)(?![\w-])|[A-Z][a-z]+(?:ing|ed)(?=\s+(?:the|a|an|its|their|his|her|"
                      r"this|that|these|those|by|with|in|on|at|for|to)\b)")


def _skip_opening_word(text: str, sent_start: int, s: int, e: int) -> int:
    """Where a name that begins its sentence really begins: an opening adverb or participle
    ("Additionally", "Compounding", "Launched", "Policy-wise") is a common word written with a
    capital because it opens the sentence, not part of a name, unless it is a given name."""
    if text[sent_start:s].strip(" “\"'‘(") != "":
        return s
    m = _OPENING.match(text, s, e)
    if m is None or is_first_name(m.group()):
        return s
    return m.end() + len(text[m.end():e]) - len(text[m.end():e].lstrip(" ,"))


def _given_name_person(text: str, s: int, e: int, reg: Registry, rules: NameRules):
    """(start, end) of a person's name that begins with a known given name ("Kate Adams" in "Kate
    Adams Inc" is not one), the words after it capitalised surnames, none of them a registered name,
    a stop word, a month or an organisation suffix; else (None, None)."""
    toks = text[s:e].split()
    if toks[0] in rules.not_names and len(toks) > 2:  # "Both Kate Adams and ...": the name after
        s += re.match(r"\S+\s+", text[s:e]).end()
        toks = toks[1:]
    if not is_first_name(toks[0]) or toks[0] in rules.not_names:
        return None, None
    if re.search(r"\b(?:in|at|near|across|outside|inside|of)\s+$", text[max(0, s - 8):s]):
        return None, None  # "based in San Francisco", "the University of ...": a place
    if re.search(r"\b(?:model|LLM|assistant|chatbot)s?\s*,?\s+[“\"']?$", text[max(0, s - 16):s]):
        return None, None  # "its clinical-notes model, Vessa Scribe": the name of the model
    nxt = re.match(r"\s+([a-z]+)", text[e:e + 20])
    if nxt and nxt.group(1) in _PRODUCT_NOUNS:
        return None, None  # "the Nova Act agent": a product
    keep = 1
    for t in toks[1:]:
        if t in rules.not_names or t in _MONTHS or t in rules.org_suffixes or t in rules.tiers or \
                reg.by_surface.get(t) is not None:
            break
        keep += 1
    if keep < 2 or keep < len(toks) and toks[keep] in rules.org_suffixes:
        return None, None
    end = s + len(" ".join(toks[:keep]))
    return s, end


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


def sentence_mentions(doc: Doc, sent: Sentence, reg: Registry, rules: NameRules) -> list[Mention]:
    """The names of one sentence, left to right (of overlapping candidates, `_select`'s)."""
    return _select(_candidates(doc, sent, reg, rules))
