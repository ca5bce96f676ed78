"""The parties of a talent move: who moves, and from which organisation to which.

`lexicon()` holds the cue words of `data/lexicons/talent.yaml`. For a move cue found in a sentence
(`analysis.extract.talent`), `targets` finds who it is about: a person mention after an object
cue ("Meta hired X"), before a subject cue ("X joined"), after a noun cue ("the departure of X");
a group ("seven core R&D personnel", "four engineers, including X"); or an anaphor ("him", "the AI
pioneer") resolved to a person named just before. `organisations` finds the organisation left
(from_org) and joined (to_org): "from OpenAI", "former GitHub CEO X", "X, Globex's head of
research", "Meta hired X" (the hirer), else the organisation the document is about.
"""
from __future__ import annotations

import re
from functools import lru_cache

from analysis import config
from analysis.corpus.doc import Doc, Sentence
from analysis.extract.mentions import BySentence, Mention
from analysis.extract.names import PLACE_BASED
from analysis.extract.speakers import transcript_speaker
from analysis.lexicon.cues import CueFinder, CueLists, compile_cues, cue_list_pattern
from analysis.lexicon.registry import load_word_lists, registry

TALENT_CUES = config.TALENT_CUES

CLASSES = ["join_obj", "join_subj", "join_noun", "leave_subj", "leave_obj", "leave_noun",
            "attempt_obj", "attempt_subj", "rumour_obj", "rumour_subj", "follow_subj", "follow_obj"]



class TalentLexicon:
    def __init__(self, data: dict):
        self.data = data
        # each class's cues are found on their own (a phrase may be in two classes), in one scan
        self.moves = CueLists([CueFinder({c: data.get(c)}) for c in CLASSES])
        self.negators = compile_cues(data.get("negators", []))
        self.negators_right_before = compile_cues(data.get("negators_right_before", []))
        self.hedges = compile_cues(data.get("hedges", []))
        nouns = cue_list_pattern(data.get("people_nouns") or [])
        self.nouns = nouns
        nums = {str(k).lower(): int(v) for k, v in (data.get("count_words") or {}).items()}
        self.nums = nums
        approx = sorted({str(a).lower() for a in data.get("approx_count_words", [])}, key=len, reverse=True)
        q_alt = r"\d{1,3}(?:,\d{3})+(?!\d)|\d{1,5}|" + cue_list_pattern(list(nums) + approx)  # ("1,150")
        self.approx = set(approx)
        self.qualifier = re.compile(cue_list_pattern(data.get("count_qualifiers") or []) + r"\s+$")
        # "six researchers", "40 of its engineers", and "a 40-person research team"
        self.count = re.compile(
            rf"(?<![\w$.,])(?P<q>{q_alt})(?:(?:\s+of)?\s+(?:(?:the|its|their|his|her|our|meta['’]s)\s+"
            rf"(?:\d+\s+|[\w-]+\s+)?)?(?:[\w&/’'-]+\s+){{0,3}}?(?P<n>{nouns})"
            rf"|-(?:person|member|strong)\s+(?:[\w-]+\s+){{0,2}}?(?:team|group|unit|lab|staff)s?\b)",
            re.IGNORECASE)
        self.group_after = re.compile(
            rf"^\s*(?:(?:the|its|their|top|key|senior|core|former|[\w&/-]+)\s+){{0,3}}?{nouns}",
            re.IGNORECASE)
        self.group_before = re.compile(
            rf"{nouns}(?:\s+(?:and|or)\s+(?:[\w-]+\s+)?{nouns})?\s*"
            rf"(?:(?:have|has|had|also|all|both|either|then|later|recently|reportedly)\s+){{0,3}}$",
            re.IGNORECASE)
        self.standalone = compile_cues(data.get("standalone_nouns", []))
        self.single = frozenset(str(n).lower() for n in data.get("single_person_nouns", []))
        self.move_objects = frozenset(str(o).lower() for o in data.get("move_objects", []))
        self.lead_verbs = cue_list_pattern(data.get("role_lead_verbs") or [])
        self.pay = compile_cues(data.get("pay_cues", []))
        self.credits = re.compile(r"[\s(“\"—–-]*(?:" + cue_list_pattern(data.get("credit_lines") or []) + r")\s+",
                                  re.IGNORECASE)
        self.company = compile_cues(data.get("company_anaphora", []))
        self.role_verbs = compile_cues(data.get("role_verbs", []))
        self.titles = cue_list_pattern(registry().cues.get("org_title_roles") or [])
        self.roles = cue_list_pattern(registry().cues.get("person_roles") or [])
        self.role_as = re.compile(
            rf"\b(?:as|now|became|becomes|become|to\s+become|to\s+serve\s+as)\s+(?P<r>(?:(?:its|his|her|their|the|a|an|"
            rf"new|[\w.-]+['’]s)\s+)*(?:[\w’'-]+\s+){{0,4}}?{self.roles})\b")
        self.role_direct = re.compile(
            rf"^\s+(?:as\s+)?(?:(?:its|their|his|her|the|the\s+company['’]s)\s+)?(?:new\s+)?"
            rf"(?P<r>(?!(?:to|in|on|at|from|for|with|after|last|this|next)\b)(?:(?!as\b)[\w-]+\s+){{0,3}}?"
            rf"{self.roles}(?:\s+(?:of|for)\s+[a-z][\w-]*)?)\b")
        # the role right after the person of a `role_verbs` cue: "made X its chief scientist"
        self.role_after = re.compile(
            rf"\s+(?:(?:its|their|the|the\s+company['’]s|[A-Z][\w.-]*['’]s)\s+)?(?:(?:new|first|interim|acting)\s+)?"
            rf"(?:[\w-]+\s+){{0,2}}?{self.roles}\b", re.IGNORECASE)
        # "four engineers, including X", "..., including co-founder X": X is one of the group
        self.including = re.compile(
            r",?\s*\b(?:including|among\s+them|among\s+whom|such\s+as|notably)\s+"
            rf"(?:(?:the\s+)?(?:[\w-]+\s+){{0,3}}?(?:researcher|engineer|scientist|executive|{self.roles})\s+)?",
            re.IGNORECASE)
        self.role_lead = re.compile(
            rf"\bto\s+(?P<r>{self.lead_verbs}\s+(?:the|a|an|its|his|her|their|[\w.-]+['’]s)?\s*[^,.;—–]{{1,60}}?)"
            rf"(?=\s*(?:[,.;—–]|$|\s+(?:and|in|at|from|after|before|with|for)\s))", re.IGNORECASE)


@lru_cache(maxsize=1)
def lexicon() -> TalentLexicon:
    return TalentLexicon(load_word_lists(TALENT_CUES))




def _single(group_text: str) -> int | None:
    """1 for one person named by a singular noun ("former Globex researcher", "a senior engineer"),
    else None (a group of unknown size)."""
    words = group_text.lower().split()
    if not words or words[-1] not in lexicon().single:
        return None
    return 1


PRONOUN_SUBJ = re.compile(r"\b(?:he|she)\b", re.IGNORECASE)  # a person as a subject pronoun
_PRONOUN_OBJ = re.compile(r"\s*(?:him|her)\b", re.IGNORECASE)  # (used with .match at a position: no "^")


def _anaphor_person(mentions_by_sent, sent_id: int, before: int | None = None,
                    pronoun: bool = False) -> Mention | None:
    """The last person named in this sentence before `before`, else in the two previous sentences;
    for a pronoun ("she", "his"), else the person the document is about (`BySentence.main_person`:
    a profile's "she" several sentences after the name)."""
    if before is not None:
        prev = [m for m in mentions_by_sent.get(sent_id, []) if m.type == "person" and m.end <= before]
        if prev:
            return prev[-1]
    for sid in (sent_id - 1, sent_id - 2):
        ps = [m for m in mentions_by_sent.get(sid, []) if m.type == "person"]
        if ps:
            return ps[-1]
    return mentions_by_sent.main_person() if pronoun and isinstance(mentions_by_sent, BySentence) else None


def leader(doc: Doc, sent: Sentence, cls: str, cs: int, ce: int, ms: list[Mention], mentions_by_sent) -> Mention | None:
    """The person a follow cue says the mover goes with: named right after the cue ("accompanies
    Jane Roe"), or "him"/"her" (in the cue: "Coming with him are ...", or after it) resolved to
    the person named before."""
    text = doc.text
    after = [m for m in ms if m.type == "person" and ce < m.start <= ce + 2]
    if cls == "follow_subj" and after:
        return after[0]
    if cls == "follow_obj" or _PRONOUN_OBJ.match(text, ce, min(sent.end, ce + 6)):
        return _anaphor_person(mentions_by_sent, sent.sent_id, before=cs)
    if cls == "follow_subj" and _NO_OBJECT.match(text, ce, sent.end):
        # "X left, and three of her colleagues followed": the one who moved before
        return _anaphor_person(mentions_by_sent, sent.sent_id, before=cs)
    return None


# nothing after a follow verb but the end of the clause or "suit": "... and three colleagues followed."
_NO_OBJECT = re.compile(r"(?:\s+suit)?\s*(?:[.,;:)—–]|$)")


def _count(match: re.Match) -> tuple[int | None, bool]:
    q = re.sub(r"\s+", " ", match.group("q").lower()).replace(",", "")
    text = match.string
    qualified = bool(lexicon().qualifier.search(text[max(0, match.start() - 20):match.start()]))
    # "all but two of the 11 co-founders": the total less the number
    if re.search(r"\ball\s+but\s+$", text[max(0, match.start() - 10):match.start()], re.IGNORECASE):
        total = re.search(r"\b(\d{1,4})\b", text[match.end("q"):match.end()])
        n = int(q) if q.isdigit() else lexicon().nums.get(q)
        if total and n is not None and int(total.group(1)) > n:
            return int(total.group(1)) - n, qualified
    if q.isdigit():
        return int(q), qualified
    if q in lexicon().nums:
        return lexicon().nums[q], qualified
    if q in lexicon().nums:
        return lexicon().nums[q], False
    return None, True


_AND_GROUP = re.compile(r"\s*,?\s*(?:and|as\s+well\s+as|plus)\s+", re.IGNORECASE)


def _group(text: str, m: re.Match, n, approx) -> "Target":
    """A group target from a count match; an approximate count keeps its qualifier in the span
    ("about a quarter of the startup's employees")."""
    start = m.start()
    if approx:
        q = lexicon().qualifier.search(text, max(0, start - 20), start)
        if q and re.fullmatch(r"(?:[A-Za-z]+\s+)*[A-Za-z]+\s+", text[q.start():start]) and \
                (q.start() == 0 or not text[q.start() - 1].isalnum()):
            start = q.start()
    return Target("group", start, m.end(), count=n, approx=approx)


class Target:
    def __init__(self, kind, start, end, person=None, count=None, approx=False, org=None, via="name"):
        self.kind, self.start, self.end = kind, start, end  # kind: person | group | org | none
        self.person, self.count, self.approx, self.org = person, count, approx, org
        # how the person was found: name (named in the clause), pronoun, role, speaker, description
        self.via = via


def _coordinated(text, ms, first, hi):
    """Persons after `first` in [first.end, hi) joined to it by 'and'/','/role words."""
    out = [first]
    listed = []  # "X, Y, and Z": names after a bare comma, kept when an "and" closes the list
    for p in [m for m in ms if m.type == "person" and m.start >= first.end and m.end <= hi]:
        gap = text[(listed or out)[-1].end:p.start]
        if re.fullmatch(r"\s*,\s*", gap):
            listed.append(p)
            continue
        if listed and re.fullmatch(r"\s*,?\s*and\s+", gap):
            out.extend(listed)
            out.append(p)
            listed = []
            continue
        if listed:
            break
        # "X, a senior fellow; Y, a researcher; and Z": items of a list separated by semicolons
        if re.fullmatch(r"\s*,[^;]{1,90};\s*(?:and\s+)?", gap) and not _FINITE.search(gap):
            out.append(p)
            continue
        # "hired Globex CEO X, co-founder Y, and ...": a comma and a title
        if re.fullmatch(r",\s+(?:[a-z][\w-]*\s+){1,3}", gap) and not _FINITE.search(gap) and not re.search(
                r"\b(?:by|from|with|like|including|of|said|says)\b", gap):
            out.append(p)
            continue
        if re.search(r"\b(?:and|as well as)\b", gap) and len(gap) < 90 and not re.search(
                r"\b(?:by|said|says|from|with|like|including|of)\b\s*$", gap):
            out.append(p)
    return out


def targets(doc: Doc, sent: Sentence, cls: str, cs: int, ce: int, clause, win_hi: int,
             ms: list[Mention], mentions_by_sent) -> list[Target]:
    text = doc.text
    lex = lexicon()
    side = cls.split("_")[1]
    lo, hi = clause
    hi = min(hi, win_hi)
    out: list[Target] = []
    cue_text = text[cs:ce].lower()
    nonfinite = (cue_text.endswith("ing") or text[max(lo, cs - 3):cs].lower() == "to "
                 or " to " in f" {cue_text} " or not cls.startswith(("join", "leave")))
    if side == "noun":
        # "X's departure", "his resignation": the person stands before the noun
        own = _owner(text, sent, cs, ms, mentions_by_sent)
        if own is not None:
            return [own]
    if side in ("obj", "noun"):
        ps = [m for m in ms if m.type == "person" and ce <= m.start and m.end <= hi]
        if ps and cls != "follow_obj" and _FINITE.search(text, ce, ps[0].start):
            ps = []  # "acqui-hire deals have come under scrutiny from lawmakers, including X"
        if lex.role_verbs.fullmatch(cue_text):  # "made X its chief scientist": a person and a role
            ok = ps and ps[0].start - ce < 3 and lex.role_after.match(text, ps[0].end, hi)
            return [Target("person", ps[0].start, ps[0].end, person=ps[0])] if ok else []
        if ps and side == "noun" and not (cue_text.endswith((" of", " include", " included", " was", " is", " are", " were"))
                                          or _LINKED.search(text, ce, ps[0].start)):
            ps = []  # "spate of exits have been push, not pull, Musk said": not the one who left
        # "cut 80 jobs, ..., and its chief product officer, X, is leaving": the group right after the
        # cue is its object; the person is another clause's
        # ... "laid off 45 people in January, a move X says ...": a person after a comma that does not
        # name a member of the group (an apposition, "including X") is not its object either
        if ps:
            g0 = lex.count.search(text, ce, ps[0].start)
            between = text[g0.end():ps[0].start] if g0 else ""
            if g0 and not text[ce:g0.start()].strip() and (
                    re.search(r",\s+and\s", between) or ", " in between and not between.rstrip().endswith(",")
                    and not lex.including.search(between)):
                ps = []
        # a person right after the cue, or after a short description ("Apple's AI team leader, X")
        if ps and (ps[0].start - ce < 90):
            # "lost four engineers, including X": the group moved too, and X is one of them
            inc = lex.including.search(text, ce, ps[0].start)
            # (... or after a description and a comma: "including the lead of the Murmur project, X")
            if inc and (inc.end() == ps[0].start or re.fullmatch(r"[^,;:]{1,60},\s+", text[inc.end():ps[0].start])):
                for m in lex.count.finditer(text, ce, inc.start()):
                    if m.start() - ce > 40:
                        break
                    n, approx = _count(m)
                    out.append(_group(text, m, n, approx))
            for p in _coordinated(text, ms, ps[0], hi):
                out.append(Target("person", p.start, p.end, person=p))
            # "hired Globex co-founder X and about a quarter of the startup's employees"
            tail = _AND_GROUP.match(text, out[-1].end, hi)
            if tail:
                gm = lex.count.search(text, tail.end(), hi)
                if gm and (gm.start() == tail.end() or gm.start() - tail.end() < 25 and
                           lex.qualifier.fullmatch(text, tail.end(), gm.start())):
                    n, approx = _count(gm)
                    out.append(_group(text, gm, n, approx))
            return out
        for m in lex.count.finditer(text, ce, hi):
            if m.start() - ce > 40:
                break
            n, approx = _count(m)
            out.append(_group(text, m, n, approx))
        if out:
            return out
        g = lex.group_after.match(text[ce:hi])
        if g and (not nonfinite or re.match(r"\s*(?:the|its|their|his|her)\s", text[ce:hi])):
            gs = ce + len(g.group()) - len(g.group().lstrip())
            return [Target("group", gs, ce + g.end(), count=_single(text[gs:ce + g.end()]))]
        # "hired Globex's head of AI": the one person the document names in that role
        obj_role = re.match(rf"\s+[A-Z][\w.&-]*['’]s\s+(?:[\w-]+\s+){{0,2}}?(?i:{lex.roles})(?:\s+of\s+[\w ]{{1,40}}?)?"
                            r"(?=\s*[,.;:]|\s+(?:in|on|at|from|to|as|last|this|earlier)\b|\s*$)", text[ce:hi])
        if obj_role and cls.startswith("join"):
            t = _role_subject(doc, text, ce, ce + obj_role.end(), mentions_by_sent)
            if t is not None:
                return [t]
        # "couldn't land the AI pioneer", "hired him"
        tail = text[ce:hi]
        desc = re.match(rf"\s*(?:the|this|that)\s+(?:[\w-]+\s+){{0,3}}?(?i:(?:{lex.roles}|pioneer|veteran|"
                        rf"executive|researcher|scientist|engineer|star))\b", tail)
        if desc or _PRONOUN_OBJ.match(tail):
            p = _anaphor_person(mentions_by_sent, sent.sent_id, before=cs)
            if p is not None:
                span_end = ce + (desc.end() if desc else _PRONOUN_OBJ.match(tail).end())
                return [Target("person", ce, span_end, person=p, via="pronoun")]
        # "hired them", "have them join": the people named together just before
        them = re.match(r"\s*them\b", tail)
        if them and (ps := _anaphor_people(mentions_by_sent, sent.sent_id)):
            return [Target("person", ce, ce + them.end(), person=p, via="pronoun") for p in ps]
        # relative clause: "X, who Zuckerberg named as ...", "Safe Superintelligence, which Meta tried to buy"
        rel = re.search(r"(?:,\s*)?\b(who|whom|which)\b[^,;]*$", text[sent.start:cs])
        if rel:
            rel_pos = sent.start + rel.start()
            prev = [m for m in ms if m.end <= rel_pos]
            if prev:
                p = prev[-1]
                if rel.group(1) in ("who", "whom") and p.type == "person":
                    return [Target("person", p.start, p.end, person=p)]
                if rel.group(1) == "which" and p.type == "org" and cls.startswith("attempt"):
                    return [Target("org", p.start, p.end, org=p.entity)]
        if cls.startswith("attempt"):
            orgs = [m for m in ms if m.type == "org" and ce <= m.start < hi and m.start - ce < 30]
            if orgs:
                return [Target("org", orgs[0].start, orgs[0].end, org=orgs[0].entity)]
        if side == "noun" and lex.standalone.fullmatch(text[cs:ce]):
            return [Target("none", cs, ce)]
        return []
    # subject cues: the person / group stands before the cue
    nxt_org = [m for m in ms if m.type == "org" and ce <= m.start < ce + 40]
    if cls in ("join_subj", "leave_subj") and (_JOIN_LEAVE_VERB.search(cue_text) or re.search(
            r"\b(?:became|becomes|become|over)$", cue_text)):
        if _bad_object(text, ce, hi, nxt_org) and not (re.search(r"\bbec[oa]mes?$", cue_text)
                                                       and lex.role_after.match(text, ce, hi)):
            return []  # (but "would become its chief technology officer": a role)
    if _MOTION.search(cue_text) and not (nxt_org and _TO_ORG.fullmatch(text, ce, nxt_org[0].start)
                                         or lex_company(text[ce:ce + 30])):
        return []  # "went to the meeting": a motion verb moves someone only to an organisation
    # "I left Globex today", "my last day at Globex": the speaker of the quotation
    if _FIRST_PERSON.search(text[lo:cs]) or cue_text.startswith(("my ", "last ", "final ")) \
            and not re.search(r"\b(?:his|her|their)\s*$", text[lo:cs]):
        spk = _speaker(text, sent, ms, cs, mentions_by_sent)
        if spk is not None:
            fp = _FIRST_PERSON.search(text[lo:cs])
            a, b = (lo + fp.start(), lo + fp.end()) if fp else (cs, ce)
            return [Target("person", a, b, person=spk, via="speaker")]
    # a name inside a participial or prepositional phrase ("the startup founded by X, rebuffed") is not the subject
    if cls.endswith("subj") and re.search(r"(?<![\w’'])(?:a|an|the|this|that|its|their|his|her|any)\s+"
                                          r"(?:(?:expected|possible|planned|sudden|eventual)\s+)?$", text[lo:cs]):
        return []  # "an expected stepping down": a noun, not a verb with a subject
    of = re.search(r"\bof\s+([\w’'-]+)\s+$", text[lo:cs])
    if cls.endswith("subj") and of and " " not in cue_text and not re.fullmatch(rf"(?i:them|those|us|these|{lex.nouns})", of.group(1)):
        return []  # "a spate of Globex exits": a noun ("dozens of engineers joined", "... of Lindenhof will join": a verb)
    # a name inside a participial or prepositional phrase ("the startup founded by X, rebuffed") or a
    # possessor ("X's prediction ...") is not the subject
    # reported speech: "X wrote that 'several engineers have chosen to join'": the subject
    # stands after the last "that" or opening quotation mark, not the speaker before it
    said = None
    for said in _REPORTED.finditer(text, lo, cs):
        pass
    if said is not None and (any(m.type == "person" and said.end() <= m.start < cs for m in ms)
                             or lex.count.search(text, said.end(), cs)):
        lo = said.end()
    ps = [m for m in ms if m.type == "person" and lo <= m.start and m.end <= cs
          and not re.search(r"\b(?:by|of|(?<!along\s)(?<!together\s)with|to|for|like|including|replacing|succeeding)\s+"
                            r"(?:[\w’'-]+\s+){0,4}$", text[max(lo, m.start - 50):m.start])
          and text[m.end:m.end + 2] not in ("'s", "’s")]
    seg = text[lo:cs]
    if ps:  # "X was poached in May, and three of her colleagues followed": the group after ", and"
        later = lex.count.search(text, ps[-1].end, cs)
        if later and re.search(r",\s+and\s+$", text[ps[-1].end:later.start()]):
            ps, lo = [], later.start()
    if ps:
        first = ps[-1]
        # "Jane Doe and John Roe joined": go back over coordinated names
        group = [first]
        for p in reversed(ps[:-1]):
            gap = text[p.end:group[0].start]
            if re.fullmatch(r"\s*(?:,|,?\s*and|along\s+with|together\s+with)\s*", gap):
                group.insert(0, p)
            else:
                break
        # "X, who ..., and Y, ..., will both be leaving": the persons of the sentence joined by "and"
        if re.search(r"\b(?:both|all)\b", text[first.end:ce]):
            for p in reversed([m for m in ms if m.type == "person" and sent.start <= m.start and m.end <= group[0].start]):
                if re.search(r"(?:^|,)\s*and\s*$", text[p.end:group[0].start].split(",")[-1] if False else
                             text[max(p.end, group[0].start - 6):group[0].start]):
                    group.insert(0, p)
                break
        return [Target("person", p.start, p.end, person=p) for p in group]
    # "11 engineers, including two co-founders, left": the group named after "including" is part of
    # the first, not another move
    counts = [m for m in lex.count.finditer(text, lo, cs)
              if not re.search(r"\b(?:including|among\s+them)\s+(?:the\s+)?$", text[max(lo, m.start() - 15):m.start()])]
    if counts:
        for m in counts:
            n, approx = _count(m)
            out.append(_group(text, m, n, approx))
        # "Four engineers, including X, have left": X moved too
        for p in ms:
            if p.type == "person" and counts[-1].end() <= p.start and p.end <= cs:
                inc = lex.including.search(text, counts[-1].end(), p.start)
                if inc and inc.end() == p.start:
                    out.append(Target("person", p.start, p.end, person=p))
        return out
    g = lex.group_before.search(seg)
    if g and not (nonfinite and cue_text.startswith("to ")):
        return [Target("group", lo + g.start(), lo + g.end())]
    if re.match(r"\s*(?:who|whom)\b", seg):
        prev = [m for m in mentions_by_sent.get(sent.sent_id, []) if m.end <= lo]
        if prev and prev[-1].type == "person":
            p = prev[-1]
            return [Target("person", p.start, p.end, person=p)]
    if cls.startswith(("attempt", "rumour")):
        subj = [m for m in ms if m.type == "org" and lo <= m.start and m.end <= cs]
        if subj:
            return [Target("org", subj[0].start, subj[0].end, org=subj[0].entity)]
    if PRONOUN_SUBJ.search(seg):
        p = _anaphor_person(mentions_by_sent, sent.sent_id, before=cs, pronoun=True)
        if p is not None:
            m = list(PRONOUN_SUBJ.finditer(seg))[-1]
            return [Target("person", lo + m.start(), lo + m.end(), person=p, via="pronoun")]
    if _PLURAL_SUBJ.search(seg):
        ps = _anaphor_people(mentions_by_sent, sent.sent_id)
        if ps:
            m = list(_PLURAL_SUBJ.finditer(seg))[-1]
            return [Target("person", lo + m.start(), lo + m.end(), person=p, via="pronoun") for p in ps]
    role = _role_subject(doc, text, lo, cs, mentions_by_sent)
    if role is not None:
        return [role]
    # a headline or lead naming the person only by role ("Head of Globex's lab is leaving"): the
    # first person the next two sentences name, when this sentence names none
    rm = re.search(rf"(?i:{lexicon().roles})(?:\s+of\s+[\w’'. -]{{1,40}}?)?\s*$", seg)
    if rm and sent.sent_id <= 3 and not any(m.type == "person" for m in ms):
        for sid in (sent.sent_id + 1, sent.sent_id + 2):
            nxt = [m for m in mentions_by_sent.get(sid, []) if m.type == "person"]
            if nxt:
                return [Target("person", lo + rm.start(), cs, person=nxt[0], via="role")]
    return []


_DET_PHRASE = re.compile(r"\s+(?:the|a|an|this|that|his|her|their|its)\s+((?:[\w’'-]+\s*){1,4})", re.IGNORECASE)
_STOP_AFTER = {"in", "on", "at", "as", "for", "from", "to", "after", "before", "last", "this", "earlier",
               "and", "with", "where", "which", "who", "since", "over", "amid"}


def _bad_object(text: str, ce: int, hi: int, next_orgs) -> bool:
    """True when a subject join/leave verb is followed by a noun phrase that is not an employer
    ("left the meeting", "joined forces"); organisations and employer nouns are fine."""
    if next_orgs and next_orgs[0].start - ce < 25:
        return False
    if re.match(r"\s+(?:forces|hands|calls|smoking)\b", text[ce:hi], re.IGNORECASE):
        return True
    m = _DET_PHRASE.match(text, ce, hi)
    if not m:
        return False
    words = []
    for w in m.group(1).split():
        if w.lower() in _STOP_AFTER:
            break
        words.append(w.lower().strip("’'"))
    if re.match(r"\s+the\s", text[ce:hi], re.IGNORECASE) and (
            words and words[0] in _TIME_NOUNS or len(words) > 1 and words[1] in _TIME_NOUNS):
        return False  # "resigned the day the deal was announced", "left the same week": when, not what
    return not any(w in lexicon().move_objects or w.rstrip("s") in lexicon().move_objects for w in words)


_TIME_NOUNS = frozenset({"day", "week", "month", "year", "morning", "afternoon", "evening", "night", "moment",
                         "time", "weekend", "quarter"})


def lex_company(s: str) -> bool:
    return bool(lexicon().company.match(s.strip())) or bool(re.match(r"\s*(?:the\s+)?(?:company|firm)\b", s))




# a person after a noun cue is its owner only through these words ("the departure last week of X",
# "exits, including X", "departures such as X's")
_LINKED = re.compile(r"\b(?:of|including|such\s+as|among\s+them|notably|by)\b", re.IGNORECASE)
# subject verbs after which a noun phrase must be an employer ("left the meeting" is no move)
_JOIN_LEAVE_VERB = re.compile(r"\b(?:join|joins|joined|joining|rejoined|rejoins|left|leaves|leave|quit|quits|"
                              r"exited|exits|departed|departs|retired|retires|resigned|resigns|stepped\s+down|"
                              r"steps\s+down|took\s+over|takes\s+over|signed\s+on|came\s+aboard)$")
# motion verbs move a person only to an organisation ("went to Globex", not "went to court")
_MOTION = re.compile(r"\b(?:goes|went|came|comes|moving|moves|moved|move|headed|heads|jumped|decamped|"
                     r"returned|returns|returning|is\s+returning|heading|going|coming|is\s+heading|is\s+going|is\s+coming)"
                     r"(?:\s+back)?\s+to$|\sfrom$")  # ("moved from Globex to Hooli", not "switched from sales")
_FINITE = re.compile(r"\b(?:have|has|had|is|are|was|were|will|would|said|says|come|came)\b|”|\band\s+[a-z]+ed\b")
_REPORTED = re.compile(r"\b(?:that|wrote|said|says|told\s+\w+)\s*[‘“'\"]|\bthat\s+(?=\S)")
_FIRST_PERSON = re.compile(r"(?<![\w’'])(?:I|[Mm]y)(?![\w’'])")
_PLURAL_SUBJ = re.compile(r"(?<![\w’'])(?:[Tt]hey|[Tt]heir)(?![\w’'])")
_QUOTE_OPEN = re.compile(r"[“\"]")
_OWNER = re.compile(r"(?:(?P<poss>['’]s)|(?<![\w’'])(?P<pron>[Hh]is|[Hh]er|[Tt]heir))\s+"
                    r"(?:(?:own|planned|sudden|abrupt|recent|surprise|imminent|eventual|latest)\s+)?$")


def _owner(text, sent, cs, ms, mentions_by_sent) -> Target | None:
    """The person whose departure/arrival a noun cue names: "X's departure" (X), "his
    resignation" (the clause's person, else the person of the sentences before), "their
    departures" (the counted group before: "11 engineers ... announced their departures")."""
    m = _OWNER.search(text, max(sent.start, cs - 30), cs)
    if m is None:
        return None
    if m.group("poss"):
        p = [x for x in ms if x.type == "person" and x.end == m.start()]
        return Target("person", p[0].start, p[0].end, person=p[0]) if p else None
    if m.group("pron").lower() == "their":
        cm = next(lexicon().count.finditer(text, sent.start, m.start()), None)
        if cm is None:
            return None
        n, approx = _count(cm)
        return _group(text, cm, n, approx)
    p = _anaphor_person(mentions_by_sent, sent.sent_id, before=m.start(), pronoun=True)
    return Target("person", m.start("pron"), m.end("pron"), person=p, via="pronoun") if p else None


def _speaker(text, sent, ms, cs, mentions_by_sent):
    """Who says a first-person move ("X wrote: “I left Globex today.”"): the first person named in
    the sentence before the opening quotation mark of the quotation holding `cs`; "He wrote: “..."
    resolves the pronoun. None when `cs` is not inside a quotation."""
    q = None
    for m in _QUOTE_OPEN.finditer(text, sent.start, cs):
        q = m
    if q is None or "”" in text[q.end():cs]:
        return transcript_speaker(text, sent, mentions_by_sent)
    before = [m for m in ms if m.type == "person" and m.end <= q.start()]
    if before:
        return before[0]
    if PRONOUN_SUBJ.search(text, sent.start, q.start()):
        return _anaphor_person(mentions_by_sent, sent.sent_id)
    return None


# what stands between a motion verb and the organisation it moves someone to or from: "moved to
# Globex", "went to the startup Globex", "came from the law firm Globex", "moved to Singapore-based Globex"
_TO_ORG = re.compile(r"\s+(?:\S{1,5}\s+)?|\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,2}(?:firm|company|startup|start-up|lab|bank|"
                     rf"group|maker|developer|rival)\s+|\s+(?:the\s+)?{PLACE_BASED}\s+"
                     r"|\s+(?:the\s+)?(?:[a-z][\w-]*\s+){1,3}(?:at|of)\s+")  # ("from the audio team at Globex")


def _anaphor_people(mentions_by_sent, sent_id: int) -> list:
    """"They", "their": the two or more people named together in the nearest sentence before (of
    the two previous) that names people; empty when it names only one."""
    for sid in (sent_id - 1, sent_id - 2):
        seen = {}
        for m in mentions_by_sent.get(sid, []):
            if m.type == "person":
                seen.setdefault(m.entity, m)
        if seen:
            return list(seen.values()) if len(seen) >= 2 else []
    return []


def _role_subject(doc, text, lo, cs, mentions_by_sent) -> Target | None:
    """A role standing for the person who moves ("Globex's CEO steps down", "Head of Globex's AI lab
    is leaving", "developer division chief resigns"): the one person the document names in that
    role (the role word beside the name: "Globex CEO Jane Roe", "Jane Roe, head of ..."), the
    organisation of the role, when it is named, beside the name too."""
    roles = lexicon().roles
    seg = text[lo:cs]
    m = re.search(rf"(?i:(?P<r>{roles}))(?:\s+of\s+(?P<o>[\w’'. -]{{1,40}}?))?\s*$", seg)
    if m is None:
        return None
    role = m.group("r").lower()
    head = re.search(r"([A-Z][\w.&-]*)['’]s\s+(?:[\w-]+\s+){0,2}$", seg[:m.start()])
    org = head.group(1) if head else None
    if org is None and m.group("o"):
        om = re.search(r"([A-Z][\w.&-]*)", m.group("o"))
        org = om.group(1) if om else None
    found: dict[str, tuple] = {}
    word = re.compile(rf"(?<![\w-]){re.escape(role)}(?![\w-])", re.IGNORECASE)
    for sid, ms in mentions_by_sent.items():
        for p in ms:
            if p.type != "person" or p.via == "coref":
                continue
            ctx = text[max(0, p.start - 50):p.start] + " | " + text[p.end:p.end + 60]
            near = text[max(0, p.start - 50):p.start]
            after = re.match(r"\s*,\s*(?:(?:the|a|an|its|former|current)\s+)?(?:[\w’'-]+\s+){0,4}", text[p.end:p.end + 60])
            if not (word.search(near[-30:]) or after and word.search(text[p.end:p.end + 60][:after.end() + len(role) + 1])):
                continue
            score = 1 + (org is not None and org in ctx)
            if p.entity not in found or found[p.entity][0] < score:
                found[p.entity] = (score, p)
    if not found:
        return None
    best = max(v[0] for v in found.values())
    top = [v[1] for v in found.values() if v[0] == best]
    if len(top) != 1 or org is not None and best < 2:
        return None
    return Target("person", lo + m.start(), cs, person=top[0], via="role")
