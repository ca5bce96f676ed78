"""Model names for the model events that the mention pass does not give whole.

Over one document (after `analysis.extract.mentions`), three general shapes:

* a registered model followed by a version and tier words: "Grok 4" + "Fast", "Gemini" + "3.1 Pro",
  "Claude" + "Opus 4.1" (tier words: `model_tiers` of data/registry/entities.yaml; a version must
  be part of the name, so "Gemini Pro" stays Gemini);
* capitalised words with a version ("Nano Banana 2", "Orbit Vision 3 Pro", "Initech Coder V2": an
  organisation's name stays before a tier word) and hyphenated code names with a number
  ("MAI-Voice-1", "Zen-2-mini"), taken only when the document shows the name is a model: somewhere
  it stands next to a model noun (`name_heads` of data/lexicons/models.yaml: "the Nano Banana 2
  model", "the speech model MAI-Voice-1", "Zen-2-mini, its new LLM", "a model called Zen-2-mini")
  or before an event noun (`event_nouns`: "Zen 2.0's launch", "Zen 2.0's global rollout") or after
  a release or plan verb (`model_verbs`: "open-sourced Zen-A13B", "shelved Stable Zen 4"), or it
  is another version of such a name ("Krutrim 1 and Krutrim 2"); never next to a device noun
  ("Pixel 10 phone");
* names that end in "Model" and carry a version ("V1 Video Model", "Orca 2 Small Model"), and the
  capitalised names listed after "models:" / "models —" / "models," ("three models — Orbit Coder, Orbit Chat
  and Orbit Math —"), or set out as a bulleted list under a sentence that ends "...models:" (each
  item's leading capitalised name, `bulleted`), which are models by how they are written (and win
  over an organisation's name inside them);
* an unregistered name the document calls an app ("X is the top iOS app", "X on iOS") is a
  product, not a model: it is dropped;
* a registered model followed by a capitalised word that is not a tier word ("Copilot Audio
  Expressions", "Grok Imagine") or by a noun of `not_model_after` ("the Grok team", "the Gemini
  app", "Sora's standalone app") is a product or a group named after the model, not the model: it
  is dropped.

`document_models` returns the model mentions of every sentence with these applied (mentions of
other types are left as they are). The new names carry `in_registry=False`, `via="pattern"` and
the family of the registered name they extend, else the name without its version.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from analysis import config
from analysis.corpus.doc import Doc
from analysis.extract.names import Mention
from analysis.lexicon.cues import Cue, compile_cues, cue_list_pattern
from analysis.lexicon.firstnames import is_first_name
from analysis.lexicon.registry import load_word_lists, registry

_VER = r"[vV]?\d+(?:\.\d+)*(?:[a-z]|[BMK](?![A-Za-z]))?"  # ("7B": a size in parameters)
_END = r"(?![\w]|[.\-]\w)"


class _Shapes:
    def __init__(self):
        reg = registry()
        data = load_word_lists(config.MODEL_CUES)
        self.tier_words = frozenset(str(t) for t in reg.cues.get("model_tiers") or [])
        tiers = cue_list_pattern([Cue(t, case=True) for t in sorted(self.tier_words)])
        # what may follow a registered name: tier words, a version, tier words
        self.tail = re.compile(rf"(?:\s+{tiers})*(?:[ -]{_VER})?(?:\s+{tiers})*{_END}")
        # (hyphenated: "Hoshi-LM", "Cirrus-Mini"; accented: "Caraúna")
        word = r"[A-Z][A-Za-zÀ-ÖØ-öø-ÿĀ-ſ]*[a-zÀ-ÖØ-öø-ÿĀ-ſ][A-Za-zÀ-ÖØ-öø-ÿĀ-ſ]*(?:-[A-Z][A-Za-zÀ-ÖØ-öø-ÿĀ-ſ]*)?"
        # capitalised words + a version (+ tiers), or a hyphenated code name with a number
        self.name = re.compile(
            rf"(?<![\w.\-])(?:(?:{word}\s+){{0,2}}{word}(?:[ -]{_VER}|\s+[A-Z]\d+(?:\.\d+)*)(?:\s+{tiers})*"
            rf"|[A-Z][A-Za-z0-9]*(?:-[A-Za-z][A-Za-z0-9]*)*-[A-Z]?\d+(?:\.\d+)*[A-Za-z]?(?:-[A-Za-z0-9]+)*){_END}")
        # a name that ends in "Model" and has a version: "V1 Video Model", "Atlas 2 Small Model"
        self.titled = re.compile(r"(?<![\w.\-])(?:[A-Z0-9][\w.\-]*\s+){0,3}[A-Z0-9][\w.\-]*\s+Model(?!\w)")
        # "X 2.0's launch", "X 2.0's global rollout": a name that has an event is a model
        self.event_noun = re.compile(rf"['’]s\s+(?:[a-z]+\s+)?{cue_list_pattern(data.get('event_nouns') or [])}")
        # the items of a list of names after "models:" / "models —" ("three models — A, B and C")
        # (a few words may stand before a colon or dash: "three models on Thursday: A, B and C")
        self.list_intro = re.compile(r"\bmodels?\s*(?::|[—–,])\s*|\bmodels?(?:\s+[\w-]+){1,3}?\s*(?::|\s[—–])\s*")
        self.list_item = re.compile(r"[A-Z][\w.\-]*(?:\s+[A-Z0-9][\w.\-]*){0,3}")
        self.list_sep = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")
        # the object of a release / plan verb ("shelved Stable Diffusion 4", "open-sourced Hunyuan-A13B")
        # the name as the subject of a release or plan word ("Zephyr 3 is due in May", "Zephyr 3 will
        # be available") or inside a frame ("made Zephyr 3 available")
        # (also in a relative clause with another subject: "Zephyr 3, which Globex released last week")
        self.verb_after = re.compile(
            r"(?:,\s+which\s+(?:[A-Z][\w-]*\s+){0,2}(?=\w))?"
            r"\s*(?:(?:is|are|was|were|will|would|won['’]t|wouldn['’]t|not|has|had|have|be|been|being|became|becomes|now|also|finally|officially|"
            rf"generally|publicly|widely)\s+){{0,3}}(?:{cue_list_pattern(reg.cues.get('model_verbs') or [])}|due|slated|"
            r"scheduled|available|open[\s-]source|out\s+now)(?!\w)")
        # ... or of an event noun: "delayed the launch of Zephyr 3", "the rollout of Zephyr 3"
        self.verb_before = re.compile(rf"(?:{cue_list_pattern(reg.cues.get('model_verbs') or [])}\s+"
                                      r"(?:(?:the|its|their|a|an|new|latest|updated|next|first|upcoming)\s+){0,3}"
                                      r"(?:(?:weights|code|source\s+code)\s+(?:of|for)\s+(?:the\s+|its\s+)?)?"
                                      rf"|\b{cue_list_pattern(data.get('event_nouns') or [])}\s+of\s+(?:the\s+|its\s+)?)[“\"'‘]?$")
        heads = cue_list_pattern(data.get("name_heads") or [])
        # (adjectives only: not "Windows 12 with a built-in assistant")
        self.head_after = re.compile(rf"\s+(?:(?:(?!(?:with|for|in|on|at|to|from|by|and|or|as|of|a|an|the|its|their)\b)"
                                     rf"[a-z][\w-]*|AI)\s+){{0,3}}?{heads}(?!\w)")
        self.head_before = re.compile(
            rf"{heads}\s*,?\s+(?:(?:called|named|dubbed|known\s+as|code-?named)\s+)?[“\"']?$")
        self.apposition = re.compile(rf",\s+(?:a|an|its|the|their)\s+(?:[\w-]+\s+){{0,4}}?{heads}(?!\w)")
        self.devices = re.compile(rf"\s+(?:[\w-]+\s+)?{cue_list_pattern(reg.cues.get('device_nouns') or [])}")
        self.not_after = re.compile(rf"(?:['’]s\s+(?:[a-z-]+\s+)?|\s+){cue_list_pattern(data.get('not_model_after') or [])}")
        self.capital_after = re.compile(r"\s+([A-Z][\w-]*)")
        self.not_names = frozenset(str(w) for w in reg.cues.get("not_names") or [])
        self.context = cue_list_pattern(data.get("model_context") or [])
        self.ai_text = compile_cues(data.get("ai_words") or [])
        # right after the name, or as the head of its apposition ("X 3, its newest GPU", "X 2, a robot")
        self.not_heads = re.compile(rf"(?:,\s+(?:a|an|its|the|their)\s+(?:[\w-]+\s+){{0,3}}?|\s+)"
                                    rf"{cue_list_pattern(data.get('not_model_heads') or [])}(?!\w)")
        self.software = frozenset(str(w) for w in data.get("not_model_names") or [])
        self.programme = re.compile(rf"{cue_list_pattern(data.get('programme_words') or [])}\s+$")
        # a lower-case code name with a digit and a hyphen, and a lower-case tier word ("o3-mini",
        # "kappa-2 mini"): a model only where the sentence calls it one (`_strong`)
        low_tiers = "|".join(sorted(re.escape(t.lower()) for t in self.tier_words))
        self.lower = re.compile(rf"(?<![\w.\-/@])[a-z][a-z0-9]*(?:\.\d+)?(?:-[a-z0-9]+(?:\.\d+)?)+"
                                rf"(?:\s+(?:{low_tiers}|preview))?{_END}")
        # a capitalised word after a versioned name, not followed by another one ("Lyra 5 Scout, ...")
        self.extra = re.compile(r"\s+([A-Z][a-z]+)(?=[\s,.;:)’']|$)(?!\s+[A-Z(])")
        # several capitalised words without a version before "model" ("its Titan Text Lite model")
        self.named = re.compile(r"\b(?:its|their|the|a|an)\s+(?:(?:new|latest|upcoming)\s+)?"
                                r"((?:[A-Z][a-z][\w-]*\s+){1,3}[A-Z][a-z][\w-]*)\s+(?:model|LLM)s?(?!\w)"
                                r"(?!\s+(?:of|licen[cs]es?|portfolios?|hubs?|cards?|tools?|pages?|library|catalog|zoo)\b)")


@lru_cache(maxsize=1)
def _shapes() -> _Shapes:
    return _Shapes()


def _is_product(text: str, m: Mention, sh: _Shapes, hi: int) -> bool:
    """"the Grok team", "Copilot Audio Expressions": the name of something else."""
    if sh.not_after.match(text, m.end, hi):
        return True
    cap = sh.capital_after.match(text, m.end, hi)
    return bool(cap) and cap.group(1) not in sh.tier_words and cap.group(1) not in sh.not_names


def document_models(doc: Doc, by_sent: dict[int, list[Mention]]) -> dict[int, list[Mention]]:
    """sent_id -> that sentence's mentions, the model names completed as the module docstring
    says (left to right)."""
    sh = _shapes()
    reg = registry()
    text = doc.text
    out: dict[int, list[Mention]] = {}
    candidates: list[tuple[int, int, int]] = []  # (sent_id, start, end) of unregistered shapes
    confirmed: set[str] = set()
    apps = _Apps(text)
    forced: set[tuple[int, int]] = set()  # listed and titled names, which win over organisations
    devices: set[str] = set()
    others = _Others(text)
    context = _Context(doc, sh, by_sent)
    bullets = {sid: [(s, e)] for sid, (s, e) in bulleted(doc).items()}
    orgs = {m.surface for ms in by_sent.values() for m in ms if m.type == "org"}  # as the document writes them
    for sent in doc.sentences:
        ms = []
        for m in by_sent.get(sent.sent_id, []):
            if m.type == "model" and (m.in_registry or m.family):
                tail = sh.tail.match(text, m.end, sent.end)
                if tail and tail.end() > m.end and re.search(r"\d", text[m.start:tail.end()]):
                    surface = text[m.start:_extended(text, tail.end(), sent, sh)]
                    known = reg.by_surface.get(surface)
                    fam = reg.family_root(m.entity) if m.in_registry else m.family
                    m = replace(m, end=m.start + len(surface), surface=surface, entity=known.name if known else surface,
                                in_registry=known is not None, family=fam, via="pattern")
                elif _is_product(text, m, sh, sent.end):
                    continue
            elif m.type == "model" and not m.in_registry and (
                    apps(m.surface) or sh.devices.match(text, m.end, sent.end)
                    or _unknown_family(m, orgs) and _is_other(text, m.surface, sh, others)
                    or _unknown_family(m, orgs) and not _strong(text, sent, m.start, m.end, sh) and not context(sent.sent_id)):
                continue  # "launched the Pixel 10 phone", "X is the top iOS app", "will ship Windows 12"
            elif m.type == "model" and not m.in_registry and not m.family:
                # "Claude Sonnet 6" found by the mention rules belongs to the registered Claude
                first = re.split(r"[ -]", m.surface, maxsplit=1)[0]
                head = reg.by_surface.get(first)
                if head is not None and head.type == "model":
                    m = replace(m, family=reg.family_root(head.name))
                else:  # "Ardent-2", "Gureum 3": a family of its own, the name without its version
                    m = replace(m, family=_base(m.surface))
            ms.append(m)
        out[sent.sent_id] = ms
        for c in sh.name.finditer(text, sent.start, sent.end):
            s, e = c.start(), c.end()
            # leading words that are not part of a name ("The", "Google"): trim them
            while True:
                first = re.match(r"([A-Z][\w]*)\s+(\w+)", text[s:e])
                # an organisation before a tier word names its model: "Initech Coder 2"
                if first and (first.group(1) in sh.not_names or reg.by_surface.get(first.group(1)) is not None
                              and reg.by_surface[first.group(1)].type == "org"
                              and first.group(2) not in sh.tier_words):
                    s += first.end(1)
                    s += len(text[s:e]) - len(text[s:e].lstrip())
                else:
                    break
            e = _extended(text, e, sent, sh)
            name = text[s:e]
            if not re.search(r"[A-Za-z]", name) or name.split()[0] in sh.not_names \
                    or re.fullmatch(r"[A-Z]\d+(?:\.\d+)*", name) \
                    or re.fullmatch(r"(?:19|20)\d\d", name.split()[-1]):
                continue
            if any(m.start <= s and e <= m.end for m in ms):
                continue  # already a name
            candidates.append((sent.sent_id, s, e))
            if sh.devices.match(text, e, sent.end) or _is_other(text, name, sh, others):
                devices.add(name)
                continue
            head = reg.by_surface.get(re.split(r"[ -]", name, maxsplit=1)[0])
            if (_strong(text, sent, s, e, sh)
                    or (sh.verb_before.search(text, max(sent.start, s - 60), s) or sh.verb_after.match(text, e, sent.end))
                    and (context(sent.sent_id) or head is not None and head.type in ("org", "model")
                         or _owner(text, s, sent) in orgs)  # "Quorra's Sable 2, which Quorra released"
                    and not re.match(r",\s+(?:a|an|its|the|their)\s", text[e:sent.end])  # "X 3, its robot"
                    or "-" in name and head is not None and head.type in ("org", "model")):
                # ... or a code name after a known developer or model: "Globex-X2", "Zephyr-R3"
                confirmed.add(name)
        for s, e in _lower_or_unversioned(text, sent, sh, ms):
            candidates.append((sent.sent_id, s, e))
            confirmed.add(text[s:e])
        for s, e in _titled(text, sent, sh) + _listed(text, sent, sh) + bullets.get(sent.sent_id, []):
            candidates.append((sent.sent_id, s, e))
            confirmed.add(text[s:e])
            forced.add((s, e))
    # a version of a confirmed name is a model too: "Krutrim 1 and Krutrim 2"
    bases = {_base(n) for n in confirmed} - {None}
    confirmed |= {text[s:e] for _, s, e in candidates if _base(text[s:e]) in bases}
    for sid, s, e in candidates:
        name = text[s:e]
        if name not in confirmed or name in devices:
            continue
        ms = out[sid]
        # a name found by the person rules never has a version: "Deep Canvas" of "Deep Canvas 4"
        if any(m.start < e and s < m.end and (m.type != "model" and (s, e) not in forced
                                              and not (m.type == "person" and not m.in_registry and m.end < e)
                                              or m.type == "model" and m.end - m.start >= e - s) for m in ms):
            continue
        ms = [m for m in ms if not (m.start < e and s < m.end)]
        ms.append(Mention(s, e, name, name, "model", False, sid, _base(name), "pattern"))
        out[sid] = sorted(ms, key=lambda m: m.start)
    return out


def _extended(text: str, e: int, sent, sh: _Shapes) -> int:
    """The end of a versioned name at `e` with a capitalised word that the document writes as part
    of it ("Lyra 5 Scout, the smaller model"): not a word of `not_names`, a registered name or a
    device noun, not followed by another capitalised word, and not in a title-case headline."""
    extra = sh.extra.match(text, e, sent.end)
    if extra is None:
        return e
    word = extra.group(1)
    if word in sh.not_names or registry().by_surface.get(word) is not None or sh.devices.match(text, e, sent.end):
        return e
    if not re.search(r"(?<![\w-])[a-z]{4,}", text[sent.start:sent.end]):
        return e  # "Vantor Unveils Helix 2 Today": a headline in title case
    return extra.end()


def _lower_or_unversioned(text: str, sent, sh: _Shapes, ms: list[Mention]) -> list[tuple[int, int]]:
    """Names the sentence itself calls models that the capitalised shapes miss: a lower-case code
    name ("o3-mini, its smallest model", "the kappa-2 mini model") and several capitalised words
    without a version right before "model" ("its Titan Text Lite model"; leading words of
    `not_names` and organisations are no part of it, one word left is too little, a given name
    begins a person's name, "a Creative Commons model license" is no model, and the document must
    speak of AI: a word of `ai_words`)."""
    out = []
    if re.search(r"[a-z]\d|\d-[a-z]|[a-z]-\d", text[sent.start:sent.end]):
        for c in sh.lower.finditer(text, sent.start, sent.end):
            if re.search(r"\d", c.group()) and _strong(text, sent, c.start(), c.end(), sh):
                out.append((c.start(), c.end()))
    for c in sh.named.finditer(text, sent.start, sent.end):
        if not sh.ai_text.search(text):
            break  # "launched its Corolla Cross model": a car, in a document that never speaks of AI
        s, e = c.span(1)
        words = text[s:e].split()
        while words and (words[0] in sh.not_names or (k := registry().by_surface.get(words[0])) is not None
                         and k.type == "org"):
            s = text.index(words[1], s) if len(words) > 1 else e
            words = words[1:]
        if len(words) >= 2 and not any(w in sh.not_names or w in sh.software for w in words) \
                and not is_first_name(words[0]) \
                and not any(m.type == "model" and m.start <= s and e <= m.end for m in ms):
            out.append((s, e))
    return out


def _strong(text: str, sent, s: int, e: int, sh: _Shapes) -> bool:
    """Whether the sentence calls the name at [s, e) a model by a noun ("the Zephyr 3 model", "the
    speech model Zephyr 3", "Zephyr 3, its new LLM") or gives it an event noun ("Zephyr 3's launch")."""
    return bool(sh.head_after.match(text, e, sent.end) or sh.apposition.match(text, e, sent.end)
                or sh.head_before.search(text, max(sent.start, s - 40), s)
                or sh.event_noun.match(text, e, sent.end))


def _owner(text: str, s: int, sent) -> str | None:
    """The name written with a possessive right before `s` ("Quorra" of "Quorra's Sable 2")."""
    own = _OWNER.search(text, max(sent.start, s - 40), s)
    return own.group(1) if own else None


_OWNER = re.compile(r"(?<![\w-])([A-Z][\w.&-]*(?: [A-Z][\w.&-]*){0,2})['’]s\s+$")


def _unknown_family(m: Mention, orgs: set[str]) -> bool:
    """A model name found by its shape whose first word is no registered model or organisation
    nor an organisation the document names (`orgs`) ("Windows 12"; not "Llama 5", "Globex Coder 2",
    "Ardent-2" in a story about the startup Ardent)."""
    if m.family:
        return False
    first = re.split(r"[ -]", m.surface, maxsplit=1)[0]
    head = registry().by_surface.get(first)
    return first not in orgs and (head is None or head.type not in ("model", "org"))


class _Context:
    """Whether a sentence, or the one before or after it in the same paragraph, speaks of AI models:
    a word of `model_context`, or an organisation the registry lists as an AI lab. A paragraph of one
    sentence (a headline, a bullet, a transcript's turn) reads the sentence after it too."""

    def __init__(self, doc: Doc, sh: _Shapes, by_sent: dict[int, list[Mention]]):
        self.doc, self.rx, self.seen = doc, re.compile(sh.context, re.IGNORECASE), {}
        self.by_id = {s.sent_id: s for s in doc.sentences}
        reg = registry()
        self.labs = {sid for sid, ms in by_sent.items()
                     if any(m.type == "org" and (e := reg.get(m.entity)) is not None and e.kind == "lab" for m in ms)}

    def __call__(self, sent_id: int) -> bool:
        if self._has(sent_id):
            return True
        near = [i for i in (sent_id - 1, sent_id + 1) if self._same_paragraph(sent_id, i)]
        return any(self._has(i) for i in near) or not near and self._has(sent_id + 1)

    def _same_paragraph(self, a: int, b: int) -> bool:
        first, second = self.by_id.get(min(a, b)), self.by_id.get(max(a, b))
        return first is not None and second is not None and "\n\n" not in self.doc.text[first.end:second.start]

    def _has(self, sent_id: int) -> bool:
        if sent_id not in self.seen:
            sent = self.by_id.get(sent_id)
            self.seen[sent_id] = sent is not None and (
                sent_id in self.labs or self.rx.search(self.doc.text, sent.start, sent.end) is not None)
        return self.seen[sent_id]


def _is_other(text: str, name: str, sh: _Shapes, seen: "_Others") -> bool:
    """Whether a versioned name is no model: a name of `not_model_names` ("Android 16"), or the
    document shows that it, or another version of it, is none: a noun of `not_model_heads` right after it ("the Windows 11 operating system", "the Stargate 2
    data center") or a programme word before it ("Project Stargate 2")."""
    base = _base(name)
    key = base or name
    if key.split()[0] in sh.software or key in sh.software:
        return True  # "Android 16", "Wear OS 6"
    if key not in seen.answers:
        if base is None and not name[:1].isspace() and not _overlaps_itself(name):  # (else as below)
            seen.answers[key] = seen.before_not_head(name, sh) or seen.after_programme(name, sh)
        else:
            seen.answers[key] = any(sh.not_heads.match(text, end) or sh.programme.search(text, max(0, start - 12), start)
                                    for start, end in seen.versions(base, name))
    return seen.answers[key]


def _overlaps_itself(name: str) -> bool:
    """Whether two occurrences of `name` can overlap ("abab" in "ababab")."""
    return any(name[:k] == name[-k:] for k in range(1, len(name)))


class _Others:
    """`_is_other`'s answers for one document (name without its version -> whether it is no
    model), and what they are read from, each found in one pass over the document when first
    needed: where each word is written (the versions of a name are looked for where its first word
    stands), where a noun of `not_model_heads` follows and where a programme word precedes (a name
    without a version is compared with the text there). Not reading the whole document again for
    every name: a document of thousands of names cost names x length."""

    def __init__(self, text: str):
        self.text = text
        self.answers: dict[str, bool] = {}
        self._words: dict[str, list[int]] | None = None
        self._heads: list[int] | None = None        # where a noun of `not_model_heads` follows
        self._programmes: list[int] | None = None   # where a programme word precedes
        self._texts: dict[tuple[str, int], set[str]] = {}  # the texts of a length before/after them

    def versions(self, base: str | None, name: str) -> list[tuple[int, int]]:
        """(start, end), left to right and not overlapping (as `re.finditer` gives them), of `base`
        followed by a version ("Stargate 2", "Stargate-3", "Stargatev4") not after a letter, digit
        or hyphen; of `name` anywhere without a `base`."""
        if base is None:
            return [m.span() for m in re.finditer(re.escape(name), self.text)]
        first = _WORD.match(base)
        if first is None:  # (a name that begins with no letter or digit)
            rx = re.compile(rf"(?<![\w-]){re.escape(base)}{_VERSION_AFTER.pattern}")
            return [m.span() for m in rx.finditer(self.text)]
        out: list[tuple[int, int]] = []
        for at in self.words().get(first.group(), []):  # where a word begins: not after [\w-]
            if out and at < out[-1][1] or not self.text.startswith(base, at):
                continue
            v = _VERSION_AFTER.match(self.text, at + len(base))
            if v is not None:
                out.append((at, v.end()))
        return out

    def before_not_head(self, name: str, sh: _Shapes) -> bool:
        """Whether `name` is written right before a noun of `not_model_heads` ("X 3, its newest
        GPU"): the places of those nouns are found in one scan, when first needed, and the text
        before each is compared with the name."""
        if self._heads is None:
            self._heads = [m.start() for m in re.finditer(f"(?={sh.not_heads.pattern})", self.text)]
        return name in self._texts_before(self._heads, len(name))

    def after_programme(self, name: str, sh: _Shapes) -> bool:
        """Whether `name` is written right after a programme word ("Project X"): the places right
        after one (within 12 characters, as `_is_other` reads it) are found once, when first needed."""
        if self._programmes is None:
            self._programmes = [m.start() for m in _AFTER_SPACE.finditer(self.text)
                                if sh.programme.search(self.text, max(0, m.start() - 12), m.start())]
        return name in self._texts_after(self._programmes, len(name))

    def _texts_before(self, places: list[int], n: int) -> set[str]:
        if ("before", n) not in self._texts:
            self._texts[("before", n)] = {self.text[max(0, at - n):at] for at in places}
        return self._texts[("before", n)]

    def _texts_after(self, places: list[int], n: int) -> set[str]:
        if ("after", n) not in self._texts:
            self._texts[("after", n)] = {self.text[at:at + n] for at in places}
        return self._texts[("after", n)]

    def words(self) -> dict[str, list[int]]:
        """word -> where it begins (not after a letter, digit or hyphen), in order; a word written
        with a version ("Stargate2", "Orbitv3") is also listed under the part before the version."""
        if self._words is None:
            self._words = {}
            for m in _WORD_START.finditer(self.text):
                word, at = m.group(), m.start()
                self._words.setdefault(word, []).append(at)
                if not word[1:].isalpha():  # (a digit after its first letter: it may carry a version)
                    for cut in _VERSION_START.finditer(word, 1):
                        self._words.setdefault(word[:cut.start()], []).append(at)
        return self._words


_WORD = re.compile(r"\w+")
_WORD_START = re.compile(r"(?<![\w-])\w+")
_VERSION_START = re.compile(r"(?=v?\d)")
_VERSION_AFTER = re.compile(r"[ -]?v?\d[\w.]*")  # what follows a name's base in one of its versions
_AFTER_SPACE = re.compile(r"(?<=\s)(?=\S)")  # where a word begins after white space


class _Apps:
    """Whether the document calls an unregistered name an app ("X is the most downloaded iOS app",
    "released X on iOS and Android"): a product, not a model. The places where such an app phrase
    (`_APP_AFTER`) follows are found in one scan of the document when first needed; a name is an
    app when it is written right before one of them (the text before each place is compared with
    the name), instead of searching the whole document for every name."""

    def __init__(self, text: str):
        self.text = text
        self.answers: dict[str, bool] = {}
        self._places: list[int] | None = None       # where an app phrase begins
        self._before: dict[int, set[str]] = {}      # length -> the texts of that length before them

    def __call__(self, name: str) -> bool:
        if name not in self.answers:
            if self._places is None:
                self._places = [m.start() for m in _APP_AT.finditer(self.text)]
            n = len(name)
            if n not in self._before:
                self._before[n] = {self.text[max(0, at - n):at] for at in self._places}
            self.answers[name] = name in self._before[n]
        return self.answers[name]


_APP_AFTER = re.compile(r"\s+(?:is|was|became|has\s+become)\s+(?:[\w#’'-]+\s+){0,5}?apps?\b|\s+on\s+(?:iOS|Android)\b")
_APP_AT = re.compile(f"(?={_APP_AFTER.pattern})")   # every place where an app phrase begins


def _base(name: str) -> str | None:
    """The name without its version: "Krutrim" of "Krutrim 2", "Tandem" of "Tandem-R1" (None when
    shorter than two letters)."""
    base = re.match(r"(.*?[A-Za-z])[ -]?v?\d", name)
    if base is None:
        return None
    b = base.group(1)
    if base.end(1) == base.end() - 1 and re.search(r"[A-Za-z]-[A-Z]{1,2}$", b):
        b = b[:b.rindex("-")]  # "Tandem" of "Tandem-R1": the letters joined to the number are its version
    return b if len(b) > 1 else None


def _titled(text: str, sent, sh: _Shapes) -> list[tuple[int, int]]:
    """Names that end in "Model" and carry a version: "V1 Video Model" ("Introducing" and other
    leading words that are no part of a name are trimmed)."""
    out = []
    if text.find(" Model", sent.start, sent.end) < 0:
        return out
    for c in sh.titled.finditer(text, sent.start, sent.end):
        s, e = c.start(), c.end()
        while (first := re.match(r"([A-Z]\w*)\s+", text[s:e])) and (
                first.group(1) in sh.not_names or first.group(1).endswith("ing")):
            s += first.end()
        if re.search(r"\d", text[s:e]) and s < e - len("Model"):
            out.append((s, e))
    return out


# a list item's marker at the start of its line: "- ", "* ", "• ", "1. ", "2) "
_BULLET = re.compile(r"[ \t]*(?:[-*•–]|\d{1,2}[.)])[ \t]+")
# a sentence that introduces a list of models: "released three new models on Tuesday:"
LIST_INTRO = re.compile(r"\b(?:models?|LLMs?)\b[^.;]{0,60}:\s*$")
_ITEM = re.compile(r"[A-Z][\w.\-]*(?:[ \t]+[A-Z0-9][\w.\-]*){0,3}")




def bulleted(doc: Doc) -> dict[int, tuple[int, int]]:
    """sent_id -> the span of the name that begins each item of a bulleted list under a sentence
    ending "...models:" ("Zentra released three models:" / "- Quill 3, its flagship" / "- Quill
    Coder, for programmers"): a capitalised name of at most four words, then a comma, colon, dash,
    bracket or the end of the item, not a word of `not_names` nor a registered organisation or
    person. The list ends at the first sentence that is not an item."""
    sh = _shapes()
    text = doc.text
    out: dict[int, tuple[int, int]] = {}
    in_list = False
    line = prev = 0  # the start of the line of the previous sentence, and that sentence's start
    for sent in doc.sentences:
        # (searched back only to the previous sentence: linear on one enormous line)
        line = max(line, text.rfind("\n", prev, sent.start) + 1)
        prev = sent.start
        if _BULLET.fullmatch(text, line, sent.start) is None:  # no list marker begins the line
            in_list = bool(LIST_INTRO.search(text, sent.start, sent.end))
            continue
        if not in_list:
            continue
        item = _ITEM.match(text, sent.start, sent.end)
        if item is None or not re.match(r"\s*(?:[,:;(—–]|\s-\s|$)", text[item.end():sent.end]):
            continue
        words = item.group().split()
        known = registry().by_surface.get(item.group())
        if words[0] in sh.not_names or known is not None and known.type != "model":
            continue
        out[sent.sent_id] = item.span()
    return out


def _listed(text: str, sent, sh: _Shapes) -> list[tuple[int, int]]:
    """The names listed after "models:", "models —" or "models," when every item is a capitalised
    name and none a known organisation or person ("its first three models — Orbit Coder, Orbit Chat
    and Orbit Math — in May", "two new models, Kite 2 and Kite Mini, on Tuesday")."""
    out = []
    if text.find("model", sent.start, sent.end) < 0:
        return out
    for intro in sh.list_intro.finditer(text, sent.start, sent.end):
        pos, items = intro.end(), []
        while (item := sh.list_item.match(text, pos, sent.end)) is not None:
            items.append((item.start(), item.start() + len(item.group().rstrip("."))))  # not the full stop
            sep = sh.list_sep.match(text, item.end(), sent.end)
            if sep is None:
                break
            pos = sep.end()
        rest = text[items[-1][1]:sent.end] if items else ""
        known = [registry().by_surface.get(text[s:e]) for s, e in items]
        if len(items) >= 2 and re.match(r"\s*(?:[—–.,;:)]|(?:in|on|at|this|last|earlier)\b|$)", rest) \
                and not any(k is not None and k.type != "model" for k in known):  # "models, Globex and Acme"
            out.extend(items)
    return out
