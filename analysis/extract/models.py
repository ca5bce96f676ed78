"""Model events: which AI model was released, announced, planned, delayed, withdrawn or cancelled.

One row per (model, event) stated in a sentence. An event is a cue (`data/lexicons/models.yaml`) plus
a model mention in the same clause: from the registry, an unregistered name found by pattern
("Zephyr 2.5, its new language model", a versioned name next to a release / plan verb: "shelved
Orbital-4"; `model_verbs` in data/registry/entities.yaml), a name completed over the document by
`analysis.extract.model_names` ("Grok 4" + "Fast", "Nano Banana 2", "MAI-Voice-1", "V1 Video Model",
the names listed after "models —"), an anaphor ("the model", "this next-generation model")
resolved to the model named in the previous two sentences when exactly one family was named
there (before any model is named in the document: the first one of the next two sentences,
"launches its first video model ... Introducing Zephyr 1"), or "it" right before the cue when the
last name before it in the sentence is a model (in a sentence naming nothing before it, with a cue
taking no object, "it's available now": the model of the sentences before). Frames put the model
between a verb and its complement ("made X available", "opened it to public use"); a list after
"models:" or "models –" belongs to the cue before it.

Tense and hedges: a release or announce cue after a future or plan word (`future`: "will",
"plans on", "is set to") is a `plan`; a bare infinitive ("release") counts only after such a word
or a modal. A hedge just before the cue (`status`: "considered", "may", "could", "possibly") keeps
the event and sets `status` to `considered` or `hypothetical` (else `stated`), a denial ("denied it
had delayed X") to `denied`: such rows are not charted. A condition or a guess ("if it ever releases X", "a matter of time before Hooli releases
X") is no row: it states nothing about the company. A plan that did not happen ("had planned to
launch X in May, but ...", "X was supposed to ship") is a `delay`. An announcement is a `release` when
the document shows it was the launch (`analysis.extract.model_launches`): open weights announced, "The launch ..." right
after it, or the same model said to be released.

`confidence`: high = a registered name in the sentence and a stated event; medium = a name found by
its shape or through an anaphor ("the model"); low = a hedged event or the pronoun "it".
Architecture (moe/dense) and access (open/closed) come from the sentence, then from a statement
elsewhere in the document ("R1 is a so-called mixture-of-experts model"), then from registry
defaults that are generic for the model family; `architecture_source` / `access_source` say which
(`sentence`, `document`, `registry`).
"""
from __future__ import annotations

import re
from functools import lru_cache

from analysis import config
from analysis.corpus.doc import Doc, Sentence
from analysis.extract.clauses import SentenceDates, clause_of, clauses, longest_hits, words_before
from analysis.extract.mentions import Mention, find_mentions, focus_org, mentions_by_sentence
from analysis.extract.model_attrs import access_near, arch_apposition, attr, document_attrs, first_of
from analysis.extract.model_launches import launched
from analysis.extract.model_names import LIST_INTRO, bulleted, document_models
from analysis.lexicon.cues import CueFinder, CueLists, compile_cues, cue_list_pattern
from analysis.lexicon.registry import load_word_lists, registry

MODEL_CUES = config.MODEL_CUES

MODEL_EVENT_COLUMNS = [
    "doc_id", "sent_id", "start", "end", "quote",
    "model", "model_family", "model_in_registry", "org", "event",
    "status", "confidence", "event_date", "event_date_precision", "architecture", "architecture_source",
    "access", "access_source", "cue",
]

EVENTS = ("release", "announce", "plan", "delay", "withdraw", "cancel")
STATUSES = ("stated", "denied", "considered", "hypothetical")



class _Lex:
    def __init__(self, data: dict):
        # one list per (event, side), each found on its own (a phrase may be in two lists), in one scan
        self.lists = [((event, side), (sides or {}).get(side))
                      for event, sides in (data.get("events") or {}).items()
                      for side in ("either", "after", "before", "infinitive") if (sides or {}).get(side)]
        self.events = CueLists([CueFinder({label: phrases}) for label, phrases in self.lists])
        self.skip = compile_cues(data.get("skip_before", []))
        heads = cue_list_pattern(data.get("anaphora_heads") or [])
        self.anaphor = re.compile(
            rf"\b(?:the|this|that|these|those|its|their|two|three|several|both|a\s+new|the\s+new)\s+"
            rf"(?:[\w“”\"-]+\s+){{0,3}}?{heads}", re.IGNORECASE)
        # "its first electric car model", "a new phone model": a device's model, never an AI model's anaphor
        self.device_anaphor = re.compile(
            rf"{cue_list_pattern(registry().cues.get('device_nouns') or [])}\s+{heads}", re.IGNORECASE)
        # "made X available": (event, compiled frame) with the object in group `obj`
        # (event, a quick test of the phrase's last words, the phrases): the test is a plain search
        self.own = [(event, _last_words(phrases, 2), compile_cues(phrases))
                    for event, phrases in (data.get("own_nominals") or {}).items()]
        # (event, a quick test of the complement's last word, the frame)
        self.frames = [(event, _last_words(f.get('complements') or [], 1), re.compile(
            rf"{cue_list_pattern(f.get('verbs') or [])}\s+(?P<obj>[^,.;:()]{{1,60}}?)\s+"
            rf"{cue_list_pattern(f.get('complements') or [])}(?!\w)(?!\s+(?:[a-z]+\s+)?(?:models?|llms?|weights|code|"
            r"version|licen[cs]e|community|software|projects?|tools?)\b)"))
            for event, fs in (data.get("frames") or {}).items() for f in (fs if isinstance(fs, list) else [fs])]
        self.future = re.compile(rf"{cue_list_pattern(data.get('future') or [])}\s+(?:(?:also|soon|then|now|"
                                 r"finally|eventually|[a-z]+ly)\s+)?(?:be\s+(?:[a-z]+ly\s+)?)?$")
        self.missed = re.compile(rf"{cue_list_pattern(data.get('missed_plan') or [])}\s+(?:[a-z]+ly\s+)?$")
        self.past_plan = re.compile(rf"{cue_list_pattern(data.get('past_plan') or [])}\s+(?:[a-z]+ly\s+)?$")
        self.status = [(label, re.compile(rf"{cue_list_pattern(words or [])}(?:\s+[\w’'-]+){{0,3}}\s*$"))
                       for label, words in (data.get("status") or {}).items()]


def _last_words(phrases: list[str], n: int) -> re.Pattern:
    """A plain, case-sensitive pattern (no look-around: fast to search) for the last `n` words of
    each phrase, which every match of the phrases contains ("its release" of "upon its release")."""
    tails = {r"[\s-]+".join(re.escape(w) for w in re.split(r"[\s-]+", str(p))[-n:]) for p in phrases}
    return re.compile("|".join(sorted(tails)))


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    return _Lex(load_word_lists(MODEL_CUES))


_BOUNDARY = re.compile(
    r";|\s[—–]\s|,\s+(?=(?:who|which|while|but|although|though|whereas|because|said|says)\b)|"
    r"\s+(?=(?:while|but|whereas|although|because)\s)|\s+and\s+(?=(?:said|says|added|announced|"
    r"plans|planned|promised|pledged|vowed|expects|hopes|is|was|will)\b)|:\s|,\s+and\s+(?=[A-Z])")


_ATTRIBUTIVE = re.compile(r"(?:\b(?:a|an|the|its|their)|['’]s)\s+$", re.IGNORECASE)
# (whole words: "its in-house Cobalt 2 model" has no "in"; a colon right after the cue is a list:
# "Also announced: Zephyr 3")
_BAD_GAP = re.compile(r"[,;]|(?<!^):|(?<![\w-])(?:powered|based|built|running|using|with|for|in|on|into|to|than|like|"
                      r"such|including|about|regarding|describing|detailing|explaining|showing|how|that|"
                      r"against|behind|(?:sides?|parts?|teams?|business|divisions?|units?)\s+of)(?![\w-])", re.IGNORECASE)


# "delayed the launch of its next model, Zephyr 3", "released a new model, called Zephyr": the comma
# of an apposition to a model noun
_HEAD_COMMA = re.compile(r"\b(?:model|LLM|successor)s?\s*,\s*(?:(?:called|named|dubbed|known\s+as|code-?named)\s+)?[“\"']?$",
                         re.IGNORECASE)
_OF_VERSION = re.compile(r"\b(?:versions?|variants?|editions?|iterations?|successor|update|upgrade|"
                         r"family|features?|capabilities|plans)\s+(?:of|to|for)\b", re.IGNORECASE)


_MODELS_COMMA = re.compile(r"\s+(?:[\w-]+\s+){0,3}?models?,\s+")


def _coordinated(text: str, models: list[Mention], first: Mention) -> list[Mention]:
    """Models joined to `first` by 'and' / ',' ("BlenderBot 3 and Galactica were pulled")."""
    out = [first]
    i = models.index(first)
    joint = (r"(?:\s+(?:[a-z-]+\s+){0,2}?(?:model|llm|chatbot)s?)?\s*(?:,|,?\s*and|,?\s*or)\s*"
             r"(?:(?:the|its|their|a|an)\s+(?:[\w-]+\s+){0,2}?(?:(?:model|llm|chatbot|generator)s?\s+)?)?")
    for m in models[i + 1:]:  # forwards
        if re.fullmatch(joint, text[out[-1].end:m.start], re.IGNORECASE):
            out.append(m)
        else:
            break
    for m in reversed(models[:i]):  # backwards
        if re.fullmatch(r"\s*(?:,|,?\s*and|,?\s*or)\s*", text[m.end:out[0].start]):
            out.insert(0, m)
        else:
            break
    return out


def _skip(text: str, lo: int, cs: int) -> bool:
    words = words_before(text, lo, cs, 2)
    return bool(words) and bool(_lex().skip.fullmatch(words[-1]) or
                                (len(words) == 2 and _lex().skip.fullmatch(" ".join(words))))


def _previous_model(by_sent, sent_id: int, before: int) -> Mention | None:
    """The model named before `before` in this sentence, else in the two previous sentences,
    when exactly one model family is named there (otherwise it is ambiguous)."""
    reg = registry()
    same = [m for m in by_sent.get(sent_id, []) if m.type == "model" and m.end <= before]
    if same:
        return same[-1]
    for sid in (sent_id - 1, sent_id - 2):
        ms = [m for m in by_sent.get(sid, []) if m.type == "model"]
        if not ms:
            continue
        names = {m.entity for m in ms}
        if len(names) == 1:
            return ms[-1]
        roots = {reg.family_root(n) for n in names}
        if len(roots) == 1:
            return ms[-1]
        return None
    # nothing named before: the first model of the next two sentences, if the document names no
    # model earlier nor in this sentence ("Hooli launches its first video model" in a headline, "Zephyr 1" in the lede)
    if any(m.type == "model" for sid in range(sent_id + 1) for m in by_sent.get(sid, [])):
        return None
    for sid in range(sent_id + 1, sent_id + 3):
        ms = [m for m in by_sent.get(sid, []) if m.type == "model"]
        if ms:
            return ms[0]
    return None


def _other_owner(model: Mention, ms: list[Mention], lo: int, at: int) -> bool:
    """Whether the clause names, before the anaphor at `at`, only organisations other than the
    model's ("Hooli released Zephyr 2. Globex delayed its new model": not Zephyr 2)."""
    reg = registry()
    ent = reg.get(model.entity) or (reg.get(model.family) if model.family else None)
    orgs = {m.entity for m in ms if m.type == "org" and lo <= m.start and m.end <= at}
    return bool(ent and ent.org and orgs) and ent.org not in orgs


def _org_for(doc: Doc, sent: Sentence, model: Mention, cs: int, clause, ms: list[Mention],
            focus: str | None = None) -> str | None:
    text = doc.text
    reg = registry()
    orgs = [m for m in ms if m.type == "org"]
    # "DeepSeek's R1", "Meta's Llama", "DeepSeek’s release"
    for anchor in (model.start, cs):
        for o in orgs:
            if o.end <= anchor and text.startswith(("'s", "’s"), o.end) \
                    and re.fullmatch(r"['’]s\s+(?:[\w-]+\s+){0,3}", text[o.end:anchor]):
                return o.entity
    # "R1 AI model by DeepSeek"
    post = re.match(r"\s+(?:[\w-]+\s+){0,3}?by\s+", text[model.end:clause[1]])
    if post:
        for o in orgs:
            if o.start == model.end + post.end():
                return o.entity
    ent = reg.get(model.entity)
    if ent is None and model.family:
        ent = reg.get(model.family)
    if ent is not None and ent.org:
        return ent.org
    # the subject: the organisation just before the cue in the clause
    subj = [o for o in orgs if clause[0] <= o.start and o.end <= cs]
    if subj:
        return subj[-1].entity
    if focus and re.search(r"\b(?:the\s+company|the\s+firm|it|its)\b", text[clause[0]:cs], re.IGNORECASE):
        return focus
    return None


def _one_event(prev: tuple, hit: tuple, text: str) -> bool:
    """"postponed the launch of X": a nominal cue right after another event's verb is the verb's
    object, one event (`prev`, `hit`: ((event, side), start, end))."""
    (ev0, _), _, end0 = prev
    (ev, side), start, _ = hit
    return side == "after" and ev != ev0 and ev0 != "announce" and _next_to(text, end0, start)


def _next_to(text: str, end0: int, start: int) -> bool:
    """Only a determiner and an adjective between two cues ("suspended the global rollout of")."""
    return re.fullmatch(r"\s+(?:(?:the|its|their|a)\s+)?(?:[a-z]+\s+)?", text[end0:start]) is not None


def _announced_events(kept: list[tuple], text: str) -> list[tuple]:
    """"announced the release of X": the announced event is the event (the verb is dropped)."""
    return [h for i, h in enumerate(kept) if not (
        h[0] == "announce" and i + 1 < len(kept) and kept[i + 1][1] == "after" and kept[i + 1][0] != "announce"
        and _next_to(text, h[3], kept[i + 1][2]))]


def _hits(doc: Doc, sent: Sentence) -> list[tuple]:
    """The event cues of a sentence as ((event, side), start, end), the frames ("made X available")
    with side "inside", the possessive nominals ("upon its release", `own_nominals`) with "before"."""
    lex = _lex()
    hits = [h for found in lex.events.find(doc.text, sent.start, sent.end) for h in found
            # a bare infinitive counts only after a future or plan word ("plans to release X")
            if h[0][1] != "infinitive" or _future_or_hedge(doc.text[max(sent.start, h[1] - 80):h[1]])]
    for event, quick, rx in lex.own:  # "upon its release": the model is the subject before
        if quick.search(doc.text, sent.start, sent.end):
            hits.extend(((event, "before"), m.start(), m.end()) for m in rx.finditer(doc.text, sent.start, sent.end))
    for event, quick, rx in lex.frames:
        if quick.search(doc.text, sent.start, sent.end):
            hits.extend(((event, "inside"), m.start(), m.end()) for m in rx.finditer(doc.text, sent.start, sent.end))
    return hits


_MODAL = re.compile(r"\b(?:may|might|could|can)\s+(?:[a-z]+\s+)?$", re.IGNORECASE)


def _future_or_hedge(before: str) -> bool:
    """Whether a bare infinitive is a verb here: after a future word or a modal ("could release")."""
    return _lex().future.search(before) is not None or _MODAL.search(before) is not None


_CONTRAST = re.compile(r"\b(?:but|however|until)\b", re.IGNORECASE)


def _tense(text: str, lo: int, event: str, side: str, cs: int, hi: int) -> tuple[str | None, str, int]:
    """(event, status, start) of a cue at `cs` whose clause begins at `lo`: a release or announce cue after
    a future or plan word is a plan ("will open-source X", "plans on rolling out X"), a bare
    infinitive without one is no event (None); a plan that did not happen ("was supposed to ship X",
    `missed_plan`; "had planned to launch X ..., but", `past_plan` before a contrast up to `hi`, the
    sentence's end) is a delay; a hedge just before the cue makes the status
    `considered` or `hypothetical`, a condition ("if it releases X") makes it no event (None). `start`: where the cue begins, its future word included."""
    lex = _lex()
    b0 = max(lo, cs - 80)
    before = text[b0:cs]
    fut = lex.future.search(before)
    future = fut is not None
    if (side == "infinitive" and not _future_or_hedge(before)) or (future and _skip(text, lo, b0 + fut.start())):
        return None, "stated", cs  # no future word, or a negated one ("has no plans to release X")
    missed = lex.missed.search(before) or (lex.past_plan.search(before) if _CONTRAST.search(text, cs, hi) else None)
    if missed and event in ("release", "announce"):
        event, cs = "delay", b0 + missed.start()  # "had planned to launch X in May, but ..."
    elif future and event in ("release", "announce"):
        event, cs = "plan", b0 + fut.start()
    status = "stated"
    for label, rx in lex.status:
        if rx.search(before):
            status = label
            break
    if status == "conditional":
        return None, status, cs
    return event, status, cs


# a pronoun subject right before the cue: "it's now open source", "it will ship in May"
_IT = re.compile(r"\bit(?:['’]s|\s+(?:will|would|is|was|has|had|also|now|then)\b)?(?:\s+(?:also|now|then|soon|"
                 r"finally|be|been|[a-z]+ly))*\s*$", re.IGNORECASE)


def _pronoun_model(text: str, ms: list[Mention], lo: int, cs: int, cue: str, by_sent, sent_id: int
                   ) -> Mention | None:
    """The model "it" stands for: the last name before it in the sentence, when that is a model (an
    organisation after a preposition, "posted on X that it", and people do not count); in a
    sentence naming nothing before it, with a cue that takes no object ("it's available now"),
    the model of the sentences before (as for "the model")."""
    it = _IT.search(text, lo, cs)
    if it is None:
        return None
    before = [m for m in ms if m.end <= it.start()]
    for m in reversed(before):
        if m.type == "person" or (m.type == "org" and re.search(r"\b(?:on|in|via|at|to)\s+$",
                                                               text[max(0, m.start - 5):m.start])):
            continue
        return m if m.type == "model" else None
    if not before and _PREDICATE.search(cue):
        return _previous_model(by_sent, sent_id, it.start())
    return None


_IT_AFTER = re.compile(r"\s+it\b(?!['’]s)")  # "release it" (not "release it's")
_PREDICATE = re.compile(r"\bavailable|\bopen[\s-]source|\blive\b", re.IGNORECASE)


def _in_brackets(text: str, lo: int, m: Mention) -> bool:
    """A name inside brackets is an aside ("Zephyr 3 (also known as Orion Pro) is rolling out")."""
    seg = text[lo:m.start]
    return seg.count("(") > seg.count(")")


def _confidence(mdl: Mention, status: str, how: str) -> str:
    """high: a name the registry lists, named in the sentence, stated; low: hedged, or "it";
    medium: the rest (a name found by its shape, an anaphor such as "the model")."""
    if status != "stated" or how == "pronoun":
        return "low"
    if mdl.in_registry and mdl.via == "registry" and how == "named":
        return "high"
    return "medium"


def extract_model_events(doc: Doc, mentions: list[Mention] | None = None) -> list[dict]:
    """Rows for the `model_events` table (see MODEL_EVENT_COLUMNS). `mentions`: the document's mention pass
    (`find_mentions(doc)`), found here when not given."""
    lex = _lex()
    reg = registry()
    text = doc.text
    if mentions is None:
        mentions = find_mentions(doc)
    focus = focus_org(mentions)
    by_sent = document_models(doc, mentions_by_sentence(mentions))
    doc_attrs = document_attrs(doc, by_sent)
    items = bulleted(doc)  # sent_id -> the name that begins a bulleted item under "...models:"
    rows: list[dict] = []
    opened: set[int] = set()  # announcements of open weights
    for sent in doc.sentences:
        hits = _hits(doc, sent)
        if not hits:
            continue
        kept = _announced_events([(event, side, cs, ce) for (event, side), cs, ce in
                                  longest_hits(hits, lambda prev, h: _one_event(prev, h, text))], text)
        ms = by_sent.get(sent.sent_id, [])
        models = [m for m in ms if m.type == "model"]
        parts = clauses(text, sent, _BOUNDARY)
        dates = SentenceDates(doc, sent)
        # "The release of X was delayed": the nominal is the subject of another event, one event
        kept = [h for i, h in enumerate(kept)
                if not (h[0] == "release" and h[1] == "after" and text[h[2]:h[3]].lower().endswith(" of")
                        and any(o[0] != "release" and o[2] > h[3] and clause_of(parts, o[2]) ==
                                clause_of(parts, h[2]) for o in kept[i + 1:]))]
        # "scrapped Civic, a planned chatbot": an attributive "planned" beside another event describes
        # the model, it states no plan
        if len({h[0] for h in kept}) > 1:
            kept = [h for h in kept if not (h[0] == "plan" and text[h[2]:h[3]].lower() == "planned"
                                            and _ATTRIBUTIVE.search(text, max(sent.start, h[2] - 16), h[2]))]
        seen: set[tuple[str, str]] = set()
        per_clause = _ClauseFacts(text, models)
        for i, (event, side, cs, ce) in enumerate(kept):
            clause = clause_of(parts, cs)
            if _skip(text, clause[0], cs):
                continue
            event, status, cs = _tense(text, clause[0], event, side, cs, sent.end)
            if event is None:
                continue
            if side == "infinitive":
                side = "either"
            in_clause = per_clause.models_in(clause)
            nxt = kept[i + 1][2] if i + 1 < len(kept) else clause[1]
            prv = kept[i - 1][3] if i > 0 else clause[0]
            after = [m for m in in_clause if m.start >= ce and m.start < max(nxt, ce + 1)]
            before = [m for m in in_clause if m.end <= cs and m.start >= prv]
            target: list[Mention] = []
            anchor_span = None
            how = "named"
            # the object must be the model itself, not "the Meta AI app in April, powered by X"
            if re.search(r"\w", text[clause[0]:cs]):  # a clause-initial participle keeps its subject
                after = [m for m in after if not _BAD_GAP.search(_OF_VERSION.sub(" ", _HEAD_COMMA.sub("", text[ce:m.start])))]
            if side == "inside":
                target = [m for m in in_clause if cs < m.start and m.end < ce][:1]
                if target:
                    target = _coordinated(text, in_clause, target[0])
                elif re.search(r"\s(?:it|them)\s", text[cs:ce]):  # "opened it to public use"
                    p = _previous_model(by_sent, sent.sent_id, cs)
                    target, how, anchor_span = ([p], "pronoun", (cs, ce)) if p is not None else ([], how, None)
            elif side == "after":
                if after and after[0].start - ce < 60:
                    target = _coordinated(text, in_clause, after[0])
            elif side == "before":
                subj = [m for m in in_clause if m.end <= cs]
                if subj:
                    target = _coordinated(text, in_clause, subj[-1])
            else:
                # passive ("X was released", "X, released in July") before active ("released X")
                passive = before and re.search(r"(?:\b(?:was|were|is|are|been|be|being)\s+"
                                               r"(?:[a-z]+ly\s+)?|,\s*|\s)$", text[before[-1].end:cs]) \
                    and len(text[before[-1].end:cs]) < 40
                if after and after[0].start - ce < 60 and not (passive and re.search(
                        r"\b(?:was|were|is|are|been)\s+(?:[a-z]+ly\s+)?$", text[before[-1].end:cs])):
                    target = _coordinated(text, in_clause, after[0])
                elif before and (passive or len(text[before[-1].end:cs]) < 80):
                    target = _coordinated(text, in_clause, before[-1])
                elif after and after[0].start - ce < 120:
                    target = _coordinated(text, in_clause, after[0])
            # a list after a colon or dash: "announced two models: Zephyr 3 and Zephyr 3 Mini"
            # ... or right after the cue: "Also announced: Zephyr 3 Vision"
            if not target and side in ("either", "after") and re.search(
                    r"^\s*:\s*$|\bmodels?\b[^,;]{0,40}(?::|\s[—–])\s*$", text[ce:clause[1]]):
                nxt_clause = clause_of(parts, clause[1])
                following = [m for m in models if nxt_clause[0] <= m.start]
                if following and nxt_clause[0] >= clause[1]:
                    target = _coordinated(text, following, following[0])
            # ... or a bulleted list under the sentence: "released three models:" / "- Quill 3, ..."
            if not target and side in ("either", "after") and LIST_INTRO.search(text, ce, sent.end):
                target = _bullet_models(by_sent, items, sent.sent_id)
            # ... or after a comma: "debuted two new models, Kite 2 and Kite Mini 2, on Tuesday"
            if not target and side in ("either", "after"):
                app = _MODELS_COMMA.match(text, ce, clause[1])
                first = [m for m in models if app and m.start == app.end()]
                if first:
                    target = _coordinated(text, models, first[0])
            # relative clause: "Galactica and BlenderBot 3, which Meta withdrew", and the subject of a
            # cue after one: "Zephyr 3, which was expected in May, has been delayed"
            if not target:
                rel = re.search(r",\s*(?:which|that)\b[^,;]*$|,\s*which\b[^,;]*,\s*(?:[a-z]+\s+){0,3}$",
                                text[sent.start:cs])
                if rel:
                    prev = [m for m in ms if m.end <= sent.start + rel.start()]
                    if prev and prev[-1].type == "model":
                        target = _coordinated(text, models, prev[-1])
            # "Zephyr 3's launch": the model the nominal belongs to
            if not target and re.match(r"['’]s\b", text[cs:ce]):
                target = [m for m in models if m.end == cs]
            # "DeepSeek’s release ...": the one model of that organisation named in the sentence
            if not target and re.match(r"['’]s\b", text[cs:ce]):
                owner = [o for o in ms if o.type == "org" and o.end == cs]
                if owner:
                    own = [m for m in models if (reg.get(m.entity) and reg.get(m.entity).org == owner[0].entity)]
                    if len({m.entity for m in own}) == 1:
                        target = [own[0]]
            # "X is in preview and will ship soon": a verb joined by "and" keeps the subject before it
            lo = clause[0]
            if side != "after" and re.search(r"\band\s+$", text[max(sent.start, lo - 5):lo]):
                lo = clause_of(parts, lo - 1)[0]
                if not target and side in ("either", "before"):
                    subj = [m for m in models if lo <= m.start and m.end <= clause[0]]
                    target = _coordinated(text, models, subj[0]) if subj else []
            # anaphora: "the model", "this next-generation model", "two small versions"
            if not target:
                win_lo = lo if side != "after" else ce
                win_hi = cs if side == "before" else min(clause[1], ce + 60) if side == "after" else clause[1]
                for a in lex.anaphor.finditer(text, win_lo, win_hi):
                    if any(a.start() < m.end and m.start < a.end() for m in models) or lex.device_anaphor.search(a.group()):
                        continue  # "the Orion model" names its model: no anaphor; "its car model" is a car
                    # ... named in an apposition: "The earlier model, "Hoshi-LM", released in 2025, was withdrawn"
                    named = [m for m in models if m.start >= a.end() and re.fullmatch(r"\s*,\s*[“\"'‘]?", text[a.end():m.start])]
                    p = named[0] if named else _previous_model(by_sent, sent.sent_id, a.start())
                    if p is not None and not _other_owner(p, ms, lo, a.start()):
                        target = [p]
                        anchor_span = (a.start(), a.end())
                        how = "anaphor"
                        break
            # "it's now open source": the model named just before
            if not target and side in ("either", "before"):
                p = _pronoun_model(text, ms, max(sent.start, cs - 40), cs, text[cs:ce], by_sent, sent.sent_id)
                if p is not None:
                    target, how = [p], "pronoun"
                    if p.sent_id != sent.sent_id:  # quote the pronoun: "it's available now"
                        anchor_span = _IT.search(text, max(sent.start, cs - 40), cs).span()
            # "Gale 2 Vision is next, and we're planning to release it": the model named before in the sentence
            obj_it = _IT_AFTER.match(text, ce, clause[1]) if not target and side in ("either", "after") else None
            if obj_it:
                named = [m for m in models if m.end <= cs]
                if len({m.entity for m in named}) == 1:
                    target, how, anchor_span = [named[-1]], "pronoun", (cs, obj_it.end())
            for mdl in target:
                key = (mdl.entity, event)
                if key in seen:
                    continue
                seen.add(key)
                # the model might be an anaphor resolved to an earlier sentence: quote the anaphor
                ms_, me_ = anchor_span if anchor_span else (mdl.start, mdl.end)
                s, e = min(cs, ms_), max(ce, me_)
                row_sent = sent.sent_id
                if anchor_span is None and mdl.sent_id != sent.sent_id:  # a bulleted item: quote the item
                    row_sent = mdl.sent_id
                    s, e = mdl.start, doc.sentences[mdl.sent_id].end
                arch, arch_src = first_of(
                    ("sentence", per_clause.attr("architecture", clause) if len(target) == 1 else None),
                    ("sentence", arch_apposition(text, mdl, clause)),
                    ("document", doc_attrs.get((mdl.entity, "architecture"))),
                    ("registry", reg.model_attr(mdl.entity, "architecture")))
                acc, acc_src = first_of(
                    ("sentence", access_near(text, mdl, clause)),
                    ("document", doc_attrs.get((mdl.entity, "access"))),
                    ("registry", reg.model_attr(mdl.entity, "access")))
                date, prec = dates.event_date(cs, clause)
                if event == "announce" and "plan" not in text[cs:ce] and per_clause.attr("access", clause) == "open":
                    opened.add(len(rows))
                rows.append({
                    "doc_id": doc.doc_id, "sent_id": row_sent, "start": s, "end": e,
                    "quote": text[s:e], "model": mdl.entity,
                    "model_family": reg.family_root(mdl.entity) if mdl.in_registry else (mdl.family or mdl.entity),
                    "model_in_registry": mdl.in_registry,
                    "org": _org_for(doc, sent, mdl, cs, clause, ms, focus), "event": event,
                    "status": status, "confidence": _confidence(mdl, status, how),
                    "event_date": date, "event_date_precision": prec,
                    "architecture": arch, "architecture_source": arch_src,
                    "access": acc, "access_source": acc_src, "cue": text[cs:ce],
                })
    return launched(rows, doc, opened)


def _bullet_models(by_sent, items: dict[int, tuple[int, int]], sent_id: int) -> list[Mention]:
    """The models that begin the bulleted items right after sentence `sent_id`, in order."""
    out = []
    sid = sent_id + 1
    while sid in items:
        out += [m for m in by_sent.get(sid, []) if m.type == "model" and m.start == items[sid][0]][:1]
        sid += 1
    return out


class _ClauseFacts:
    """What the events of one sentence read from their clause, found once per clause however many
    events it holds: its models (those not in brackets) and the architecture and access it states."""

    def __init__(self, text: str, models: list[Mention]):
        self.text, self.models = text, models
        self._models: dict[tuple[int, int], list[Mention]] = {}
        self._attrs: dict[tuple[str, tuple[int, int]], str | None] = {}

    def models_in(self, clause: tuple[int, int]) -> list[Mention]:
        if clause not in self._models:
            self._models[clause] = [m for m in self.models if clause[0] <= m.start and m.end <= clause[1]
                                    and not _in_brackets(self.text, clause[0], m)]
        return self._models[clause]

    def attr(self, kind: str, clause: tuple[int, int]) -> str | None:
        if (kind, clause) not in self._attrs:
            self._attrs[(kind, clause)] = attr(kind, self.text, *clause)
        return self._attrs[(kind, clause)]
