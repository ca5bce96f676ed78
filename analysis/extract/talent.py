"""Talent moves: who joined or left which organisation, in what role, how many, for how much.

One row per move stated in a sentence. A move is a cue (`data/lexicons/talent.yaml`) plus a target:
a person mention (registry, cue-detected, or a surname / pronoun / "the AI pioneer" resolved to a
person named just before), or a group of people ("seven core R&D personnel", "a handful of
employees"). Where the person stands depends on the cue class: after an object cue ("Meta hired
X"), before a subject cue ("X joined"), after a noun cue ("the departure of X"). Attempts and
rumours ("tried to buy", "rebuffed by", "courting") are rows with direction `attempt`/`rumour`:
they are not moves.

One move, one row (the notebooks draw from_org -> to_org flows): a person's departure and arrival
stated in one sentence ("X quit Globex to join Hooli", "X, Globex's CTO, left to join Hooli",
"including X, who defected to Hooli") are one `leave` row with both organisations (`_fuse_moves`).
Who moves and between which organisations is found in `analysis.extract.talent_parties`.
A group and a named member ("lost four engineers, including X") are two rows: the group with its
count, and X. A singular people noun ("Hooli hires former Globex researcher") is count 1.

A move in a hedged clause ("if he leaves", "wants to join", "may be preparing for his departure";
`hedges` in the lexicon) is a `rumour`. Words inside a web address are never cues.

Forms beyond a cue and its target: a person who goes with another makes that person's move ("X
accompanies Y in the move", "Coming with him are X; Y; and Z"; `follow_*` cues); a role changing
hands ("from X to Y"), a unit put "under X", "three of the departing staff" and a running total
("bringing the total to six") are tried as cues of their own; the people listed under a heading
that states a move ("The following employees have announced their departures from Globex:") made
that move (`_listed_movers`); one person described ("one of its top engineers") and named with the
same noun in the next sentences is that person (`_name_described`). The people of a byline or
credit line are never movers (`_credits`).

`confidence` says how the row was found (`_confidence`): `high` for a registered person (or a
surname of one) named in the cue's clause, or a group with a stated count; `medium` for a person the
registry does not list (found by the name rules or the first-name lexicon) or a group of approximate
size; `low` for a person resolved from a pronoun, a role ("Globex's CEO steps down"), a quotation's
speaker ("I left Globex today") or "they", and for every hedged clause.

quote is the span of the clause from the cue to the person/group (and the organisations named
with them); `doc.text[start:end] == quote` always.
"""
from __future__ import annotations

import re
from functools import lru_cache

from analysis.corpus.doc import Doc
from analysis.extract.clauses import SentenceDates, clause_of, clauses, longest_hits
from analysis.extract.mentions import Mention, find_mentions, focus_is_clear, focus_org, is_company, mentions_by_sentence
from analysis.extract.money import Amount, find_amounts
from analysis.extract.names import PERSON
from analysis.extract.talent_orgs import organisations
from analysis.extract.speakers import quote_speaker_org, transcript_speaker
from analysis.extract.talent_parties import PRONOUN_SUBJ, leader, lexicon, targets
from analysis.lexicon.cues import cue_list_pattern

TALENT_COLUMNS = [
    "doc_id", "sent_id", "start", "end", "quote",
    "person", "person_in_registry", "from_org", "to_org", "role",
    "count", "count_approx", "count_text", "direction", "pay_usd",
    "event_date", "event_date_precision", "cue", "confidence",
]


def _confidence(tgt, hedged: bool) -> str:
    """high: a registered person (or a surname of one) named in the cue's clause, or a group with a
    stated count; medium: a person the registry does not list, found by the name rules, or a group
    of approximate size; low: a person resolved from a pronoun, a role, a quotation's speaker or
    "they", and every hedged sentence ("if he leaves")."""
    if hedged or tgt.via != "name":
        return "low"
    if tgt.kind == "person":
        return "high" if tgt.person.in_registry else "medium"
    if tgt.kind == "group":
        return "high" if tgt.count is not None and not tgt.approx else "medium"
    return "medium"


_BOUNDARY = re.compile(
    r";|\s[—–]\s|,\s+(?=(?:who|whom|which|while|but|although|though|whereas|said|says|"
    r"according\s+to)\b)|\s+(?=(?:while|but|before|after|whereas|although)\s)|:\s")


_REPLACED_BY = re.compile(r"\b(?:replaced|succeeded)(?:\s+as\s+[^,;.]{1,40}?)?\s+(?P<b>by)\b")
# "Among those who defected to Quintfield in February were X, Y and Z": the people listed left
_AMONG_LEAVERS = re.compile(r"\b[Aa]mong\s+(?:those|the\s+[a-z]+s)\s+who\s+(?:(?:have|had)\s+)?(?:left|defected|departed|quit|"
                            r"resigned|exited)\b[^.;:]{0,60}?\s(?:were|are|was|is)\b")
# "1,150 job cuts", "300 layoffs": the noun phrase is the move (a cue of no width before the number)
_CUTS = re.compile(r"(?<![\w$.,])\d[\d,.]*\s+(?:job\s+cuts|layoffs|lay-offs|redundancies)\b", re.IGNORECASE)
# "replacing X", "succeeding co-founder X": the verb, then at most two lower-case words before a name
_REPLACING = re.compile(r"\b(?:replacing|succeeding)\s+(?:(?:the\s+)?[a-z][\w-]*\s+){0,2}?(?=[A-Z])")
_HAVE_JOIN = re.compile(r"\b(?P<h>have)\s+(?:them|[A-Z][^,;.“”]{2,80}?)\s+join\s+(?:the|our|its|their|us)\b")
_DETERMINER = re.compile(r"\b(?:the|a|an|this|that|his|her|its|their|our)\s+$", re.IGNORECASE)


_URL = re.compile(r"\b(?:https?://|www\.)\S+")


def _hedged(text: str, lo: int, cue_start: int) -> bool:
    """A condition, wish or deliberation before the cue in its clause (after the last comma): "if
    he leaves", "wants to join", "may be preparing for his departure"."""
    before = text[lo:cue_start]
    if "," in before:
        before = before.rsplit(",", 1)[1]
    return bool(lexicon().hedges.search(before))


_NOT = re.compile(r"\b(?:not|never)\b|n[’']t\b", re.IGNORECASE)


def _negated(text: str, lo: int, cue_start: int) -> bool:
    before = text[lo:cue_start]
    if "," in before:
        before = before.rsplit(",", 1)[1]
    words = re.findall(r"[\w’']+", before)[-3:]
    return bool(words) and bool(lexicon().negators.search(" ".join(words))
                                or lexicon().negators_right_before.fullmatch(words[-1]))


def _role(doc, sent, tgt, cs, ce, clause, direction) -> str | None:
    if direction not in ("join", "attempt", "rumour"):
        return None
    text = doc.text
    lex = lexicon()
    lo, hi = clause
    anchor = max(tgt.end, ce) if tgt.kind != "none" else ce
    w_lo = tgt.end if tgt.start >= cs else ce
    w_hi = min(sent.end, anchor + 120)
    # stop at the next person: their role is theirs
    nxt = re.search(r"\b(?:and|,)\s+(?:former\s+)?[A-Z][\w-]+\s+(?:CEO|[A-Z][a-z]+\s+[A-Z])", text[w_lo:w_hi])
    if nxt:
        w_hi = w_lo + nxt.start()
    win = text[w_lo:w_hi]
    d = lex.role_direct.match(win)
    if d and (tgt.start >= cs or re.search(r"(?:named|appointed|promoted|became|become|becomes|becoming|tapped|to|as|new)$",
                                          text[cs:ce], re.IGNORECASE)):
        return d.group("r").strip()
    # "X, now Meta's chief AI officer" / "named X as chief scientist"
    m = lex.role_as.search(win)
    if m:
        r = re.sub(r"^.*['’]s\s+", "", m.group("r"))
        r = re.sub(r"^(?:(?:its|his|her|their|the|a|an|new)\s+)+", "", r)
        tail = re.match(r"\s+(?:of|for)\s+[a-z][\w-]*\b", win[m.end():])
        return (r + (tail.group() if tail else "")).strip() or None
    m = lex.role_lead.search(text, w_lo, w_hi)
    if m:
        return m.group("r").strip()
    return None


def _pay(doc, sent, amounts: list[Amount], cs) -> float | None:
    """The amount (USD) of the sentence nearest to the cue at `cs` with a pay cue right before it."""
    lex = lexicon()
    best = None
    for a in amounts:
        pre = doc.text[max(sent.start, a.start - 45):a.start]
        if lex.pay.search(pre):
            d = abs(a.start - cs)
            if best is None or d < best[0]:
                best = (d, float(a.value_usd))
    return best[1] if best else None


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in " ,;:—–":
        s += 1
    while e > s and text[e - 1] in " ,;:—–":
        e -= 1
    return s, e


def extract_talent_moves(doc: Doc, mentions: list[Mention] | None = None) -> list[dict]:
    """Rows for the `talent_moves` table (see TALENT_COLUMNS). `mentions`: the document's mention pass
    (`find_mentions(doc)`), found here when not given."""
    lex = lexicon()
    text = doc.text
    if mentions is None:
        mentions = find_mentions(doc)
    by_sent = mentions_by_sentence(mentions)
    doc_focus = focus_org(mentions)
    paragraphs = _Paragraphs(doc, by_sent)
    clear = focus_is_clear(mentions)
    last_to: dict[str, str] = {}  # person -> organisation joined earlier in this document
    last_from: dict[str, str] = {}  # person -> organisation left earlier in this document
    last_move: dict[str, dict] = {}  # person -> their last join/leave row in this document
    credit_sents, credited = _credits(doc, by_sent)
    rows: list[dict] = []
    for sent in doc.sentences:
        if sent.sent_id in credit_sents:
            continue
        hits = [h for found in lex.moves.find(text, sent.start, sent.end) for h in found]
        dates = SentenceDates(doc, sent)
        # "three of the departing staff members": the adjective states the move (a cue of no width)
        departing, word = _departing()
        if word.search(sent.text):
            hits += [("leave_subj", m.end(), m.end()) for m in departing.finditer(text, sent.start, sent.end)]
        hand, under = _handover()
        if " from " in sent.text:
            for m in hand.finditer(text, sent.start, sent.end):  # "changed hands from X to Y"
                hits += [("leave_obj", m.start(), m.end("f")), ("join_obj", m.start("t"), m.end("t"))]
        if " replaced " in sent.text or " succeeded " in sent.text:  # "X was replaced (as CEO) by Y": X leaves, Y joins
            people_before = [p.end for p in by_sent.get(sent.sent_id, []) if p.type == "person"]
            hits += [("join_obj", m.start("b"), m.end("b")) for m in _REPLACED_BY.finditer(text, sent.start, sent.end)
                     # a person replaced ("X", "she"), not "servers"
                     if (any(e <= m.start() for e in people_before) or PRONOUN_SUBJ.search(text, sent.start, m.start()))
                     and not re.match(r"\s+\S+['’]s\b", text[m.end("b"):sent.end])]  # ("by X's team")
        if "replacing " in sent.text or "succeeding " in sent.text:  # "..., replacing investor X": X leaves
            people_at = {p.start for p in by_sent.get(sent.sent_id, []) if p.type == "person"}
            hits += [("leave_obj", m.start(), m.end()) for m in _REPLACING.finditer(text, sent.start, sent.end)
                     if m.end() in people_at]
        if "cuts" in sent.text or "offs" in sent.text or "redundancies" in sent.text:
            cuts = [m.span() for m in _CUTS.finditer(text, sent.start, sent.end)]
            hits = [h for h in hits if not any(a <= h[1] < b for a, b in cuts)]  # (not "cuts" alone)
            hits += [("leave_obj", a, a) for a, _b in cuts]
        if "mong " in sent.text:
            hits += [("leave_noun", m.start(), m.end()) for m in _AMONG_LEAVERS.finditer(text, sent.start, sent.end)]
        if " join " in sent.text:  # "thrilled to have X and Y join the team": the cue is "have"
            hits += [("join_obj", m.start(), m.end("h")) for m in _HAVE_JOIN.finditer(text, sent.start, sent.end)]
        if " under " in sent.text:
            hits += [("join_obj", m.start(), m.end()) for m in under.finditer(text, sent.start, sent.end)]
        if not hits:
            continue
        # many companies, none dominant: "the company" is the one named nearby
        focus = doc_focus if clear else _nearby_org(doc, sent, by_sent, min(h[1] for h in hits)) or doc_focus
        # a paragraph about another company, named as the subject of its first sentence ("Sollim, the
        # smartphone maker, ... . Last year it cut 300 employees"): "it" is that company
        focus = paragraphs.subject(sent.sent_id, focus) or focus
        # "we": the company the speaker of a transcript was said to join ("HADDAD: ... we hired X"),
        # or the company of the one a quotation is attributed to ("“We hired X,” said Globex CEO Y")
        speaker = transcript_speaker(text, sent, by_sent)
        speaker_org = (last_to.get(speaker.entity) if speaker is not None else None) or \
            quote_speaker_org(text, sent, by_sent.get(sent.sent_id, []))
        urls = [(m.start(), m.end()) for m in _URL.finditer(text, sent.start, sent.end)]
        if urls:  # words of a web address ("...-executive-exodus-...") are not the article's
            hits = [h for h in hits if not any(a <= h[1] < b for a, b in urls)]
        kept = longest_hits(hits)
        ms = by_sent.get(sent.sent_id, [])
        parts = clauses(text, sent, _BOUNDARY)
        amounts = None  # the sentence's money amounts, found when a move needs its pay
        sent_rows: list[dict] = []
        for i, (cls, cs, ce) in enumerate(kept):
            clause = clause_of(parts, cs)
            if _negated(text, clause[0], cs) or cls.startswith(("join", "leave")) and _NOT.search(text, cs, ce):
                continue  # "never joined", "was not removed" (a cue's `*` may hold the negation)
            if cls.endswith("_obj") and _DETERMINER.search(text, max(sent.start, cs - 12), cs):
                continue  # a verb cue used as a noun: "who first reported the hire", "a recruit"
            nxt = kept[i + 1][1] if i + 1 < len(kept) else sent.end
            followed = None
            if cls.startswith("follow"):  # "X accompanies Y": X makes Y's move, stated before
                lead = leader(doc, sent, cls, cs, ce, ms, by_sent)
                followed = last_move.get(lead.entity) if lead is not None else None
                if lead is not None and followed is None:  # a move stated earlier in this sentence
                    followed = next((r for r in reversed(sent_rows) if r["person"] == lead.entity
                                     and r["direction"] in ("join", "leave")), None)
                if followed is None:
                    continue
                if cls == "follow_obj":  # "Coming with him are X; Y; and Z": the whole sentence
                    clause, nxt = (clause[0], sent.end), sent.end
            tgts = []
            # a phrase listed in two classes ("laid off": "were laid off" / "Meta laid off X"): try each
            for alt in [cls] + [h[0] for h in hits if h[1] == cs and h[2] == ce and h[0] != cls]:
                tgts = targets(doc, sent, alt, cs, ce, clause, nxt, ms, by_sent)
                if tgts:
                    cls = alt
                    break
            if not tgts:
                continue
            direction = cls.split("_")[0] if followed is None else followed["direction"]
            hedged = direction in ("join", "leave") and _hedged(text, clause[0], cs)
            if hedged:
                direction = "rumour"
            # "... along with a handful of employees / business partner X"
            extra = []
            for am in re.finditer(r"\b(?:along\s+with|together\s+with|as\s+well\s+as|alongside)\b", text[ce:clause[1]]):
                a_lo = ce + am.end()
                sub = targets(doc, sent, "join_obj", a_lo - 1, a_lo, (a_lo, clause[1]), clause[1], ms, by_sent)
                # ("alongside" a person may only say who else leads: "to co-lead the lab alongside X")
                extra.extend(t for t in sub if am.group() != "alongside" or t.kind == "group")
            group_orgs = None  # the organisations of a group, for its members named after it
            for tgt in tgts + extra:
                if followed is not None:
                    from_org, to_org = followed["from_org"], followed["to_org"]
                else:
                    from_org, to_org = organisations(doc, sent, cls, cs, ce, tgt, clause, ms, focus, nxt, last_to,
                                                     last_from, speaker_org)
                if tgt.kind == "group":
                    group_orgs = (from_org, to_org, tgt.end)
                elif tgt.kind == "person" and group_orgs and lexicon().including.match(text, group_orgs[2]):
                    # "hired its 40-person team, including co-founders X and Y": X came from where the team did
                    from_org = from_org or (group_orgs[0] if group_orgs[0] != to_org else None)
                person = tgt.person.entity if tgt.person else None
                if tgt.kind == "none" and direction == "join":
                    continue
                pay = None
                if direction in ("join", "attempt", "rumour") and tgt.kind in ("person", "group"):
                    if amounts is None:
                        amounts = find_amounts(doc, sent)
                    pay = _pay(doc, sent, amounts, cs)
                s = min(cs, tgt.start)
                e = max(ce, tgt.end)
                s, e = _trim(text, s, e)
                date, prec = dates.event_date(cs, clause)
                count_text = text[tgt.start:tgt.end] if tgt.kind == "group" else None
                sent_rows.append({
                    "doc_id": doc.doc_id, "sent_id": sent.sent_id, "start": s, "end": e,
                    "quote": text[s:e], "person": person,
                    "person_in_registry": (tgt.person.in_registry if tgt.person else None),
                    "from_org": from_org, "to_org": to_org,
                    "role": _role(doc, sent, tgt, cs, ce, clause, direction) if tgt.person else None,
                    "count": tgt.count if tgt.kind == "group" else (1 if tgt.person else None),
                    "count_approx": bool(tgt.approx) if tgt.kind == "group" else False,
                    "count_text": count_text, "direction": direction, "pay_usd": pay,
                    "event_date": date, "event_date_precision": prec, "cue": text[cs:ce],
                    "confidence": _confidence(tgt, hedged),
                })
        merged = _fuse_moves(_merge_rows(sent_rows))
        merged += _running_total(doc, sent, merged)
        for r in merged:
            if r["person"] and r["direction"] in ("join", "leave") and r["to_org"]:
                last_to[r["person"]] = r["to_org"]
            if r["person"] and r["direction"] == "leave" and r["from_org"]:
                last_from[r["person"]] = r["from_org"]
            if r["person"] and r["direction"] in ("join", "leave"):
                last_move[r["person"]] = r
        rows.extend(merged)
    rows = [r for r in rows if r["person"] not in credited or r["person"] is None]
    rows += _listed_movers(doc, rows, by_sent, doc_focus)
    for r in rows:
        if r["person"] is None and r["count"] == 1 and r["count_text"]:
            _name_described(text, r, by_sent)
    for r in rows:
        r["quote"] = text[r["start"]:r["end"]]
    return rows


@lru_cache(maxsize=1)
def _departing() -> tuple[re.Pattern, re.Pattern]:
    """The pattern of "three of the departing staff", and of its adjective alone (tried first: cheap)."""
    lex = lexicon()
    words = cue_list_pattern(lex.data.get("departing_words") or [])
    return re.compile(rf"(?<![\w$.,])(?:\d{{1,4}}|{cue_list_pattern(list(lex.nums))})\s+of\s+(?:the|its|their|those)\s+"
                      rf"(?:{words})\s+(?:[\w-]+\s+){{0,2}}?{lex.nouns}\b", re.IGNORECASE), \
        re.compile(rf"\b(?:{words})\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _handover() -> tuple[re.Pattern, re.Pattern]:
    data = lexicon().data
    hand = cue_list_pattern(data.get("handover_verbs") or [])
    under = cue_list_pattern(data.get("under_verbs") or [])
    return (re.compile(rf"\b(?:{hand})\s+(?P<f>from)\s+[^;]{{1,160}}?\s(?P<t>to)\s+(?=[A-Z])", re.IGNORECASE),
            re.compile(rf"\b(?:{under})\s+(?:(?:it|them)\s+|(?:the|its|their)\s+(?:[\w-]+\s+){{0,4}}?)under\s+"
                       rf"(?:the\s+(?:leadership|control|direction|charge)\s+of\s+)?(?=[A-Z])", re.IGNORECASE))


@lru_cache(maxsize=1)
def _total() -> re.Pattern:
    lex = lexicon()
    verbs = cue_list_pattern(lex.data.get("total_verbs") or [])
    nouns = cue_list_pattern(lex.data.get("total_nouns") or [])
    return re.compile(rf"\b(?:{verbs})\s+(?:the|its|their)\s+(?:{nouns})\s+(?:of\s+(?:[\w-]+\s+){{1,3}}?)?to\s+"
                      rf"(?P<q>\d{{1,4}}|{cue_list_pattern(list(lex.nums))})(?:\s+out)?(?:\s+of\s+(?:the|its|their)\s+"
                      rf"(?:original\s+|initial\s+|founding\s+)?(?:\d{{1,4}}|{cue_list_pattern(list(lex.nums))}))?",
                      re.IGNORECASE)


def _running_total(doc: Doc, sent, rows: list[dict]) -> list[dict]:
    """"... two more co-founders left, bringing the total to six out of the original 12": the total
    is a group that made the same move as the sentence's own (its direction and organisations)."""
    moved = [r for r in rows if r["direction"] in ("join", "leave")]
    if not moved:
        return []
    m = _total().search(doc.text, sent.start, sent.end)
    if m is None:
        return []
    q = m.group("q").lower()
    n = int(q) if q.isdigit() else lexicon().nums.get(q)
    if n is None:
        return []
    base = moved[0]
    return [{**base, "start": m.start(), "end": m.end(), "person": None, "person_in_registry": None, "role": None,
             "count": n, "count_approx": False, "count_text": doc.text[m.start("q"):m.end()], "pay_usd": None,
             "cue": doc.text[m.start():m.start("q")].strip(), "confidence": "medium"}]


_NAME_COMMA = re.compile(rf"(?P<n>{PERSON}),")
_HEADING = re.compile(r"\bthe\s+following\b[^:]*:\s*$", re.IGNORECASE)
# what may open a list item before its person: a bullet, a number, a date ("February 6:")
_ITEM = re.compile(r"\s*(?:[-*•–—]\s*|\d{1,3}[.)]\s*|[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s+\d{4})?\s*[:–—-]\s*)?")


class _Paragraphs:
    """The paragraphs of a document, read once: where each sentence's paragraph begins, the company
    that opens it (the first mention of its first sentence, at the sentence's start: "Sollim, the
    smartphone maker, ...", "Ostrowind's chief executive resigned") and where each organisation is
    first named in it."""

    def __init__(self, doc: Doc, by_sent):
        sents = doc.sentences
        self.first: list[int] = []  # sent_id -> the sent_id that begins its paragraph
        self.named: dict[int, dict[str, int]] = {}  # paragraph -> organisation -> first sent_id naming it
        self.opener: dict[int, str] = {}  # paragraph -> the company that opens it
        for sent in sents:
            sid = sent.sent_id
            starts = sid == 0 or "\n\n" in doc.text[sents[sid - 1].end:sent.start]
            p = sid if starts else self.first[-1]
            self.first.append(p)
            ms = by_sent.get(sid, [])
            if starts and ms and is_company(ms[0]) and ms[0].start == sent.start:
                self.opener[p] = ms[0].entity
            for m in ms:
                self.named.setdefault(p, {}).setdefault(m.entity, sid)

    def subject(self, sent_id: int, focus: str | None) -> str | None:
        """The company that opens `sent_id`'s paragraph, when that is not `sent_id` itself and the
        paragraph up to it does not name `focus` ("... . Last year it cut 300 employees": it is
        the company the paragraph is about); else None."""
        p = self.first[sent_id]
        if p == sent_id or self.named.get(p, {}).get(focus, sent_id + 1) <= sent_id:
            return None
        return self.opener.get(p)


def _nearby_org(doc: Doc, sent, by_sent, before: int) -> str | None:
    """The organisation named first in this sentence before offset `before` (its first move cue), else
    the one named last in the sentences before it in the same paragraph ("Emeka Obi stepped down as
    chief executive of Polestar Vision. The board appointed ...")."""
    def orgs(sid):
        return [m for m in by_sent.get(sid, []) if is_company(m)]

    here = [m for m in orgs(sent.sent_id) if m.start < before]
    if here:
        return here[0].entity
    sents = doc.sentences  # (in order: sents[i].sent_id == i)
    sid = sent.sent_id - 1
    while sid >= 0 and "\n\n" not in doc.text[sents[sid].end:sents[sid + 1].start]:
        found = orgs(sid)
        if found:
            return found[-1].entity
        sid -= 1
    return None


def _listed_movers(doc: Doc, rows: list[dict], by_sent, focus) -> list[dict]:
    """A list under a heading that states the move ("The following employees have announced their
    departures from Globex:", then one paragraph per person: "February 6: Jane Roe, engineer,
    wrote: ..."): each item's person (a name the mention pass found, or a name-shaped one before a
    comma) made the heading's move, unless a row of the item already says so."""
    text = doc.text
    sents = {s.sent_id: s for s in doc.sentences}
    out = []
    for hs in doc.sentences:
        if not hs.text.rstrip().endswith(":") or not _HEADING.search(text, hs.start, hs.end):
            continue
        cues = [h for found in lexicon().moves.find(text, hs.start, hs.end) for h in found
                if h[0] in ("join_subj", "join_noun", "leave_subj", "leave_noun")]
        if not cues:
            continue
        cls, cs, ce = cues[0]
        direction = cls.split("_")[0]
        orgs = [m for m in by_sent.get(hs.sent_id, []) if m.type == "org" and m.start >= ce]
        org = orgs[0].entity if orgs else focus
        base = {"doc_id": doc.doc_id, "from_org": org if direction == "leave" else None,
                "to_org": org if direction == "join" else None, "role": None, "count": 1, "count_approx": False,
                "count_text": None, "direction": direction, "pay_usd": None, "event_date": None,
                "event_date_precision": None, "cue": text[cs:ce], "confidence": "low"}
        sid, prev_end = hs.sent_id + 1, hs.end
        while sid in sents:
            s = sents[sid]
            if "\n" in text[prev_end:s.start]:  # a new paragraph: the next item, or the end of the list
                at = _ITEM.match(text, s.start, s.end).end()
                p = [x for x in by_sent.get(sid, []) if x.type == "person" and x.start == at]
                shaped = _NAME_COMMA.match(text, at, s.end)
                if p:
                    name, a, b, known = p[0].entity, p[0].start, p[0].end, p[0].in_registry
                elif shaped:
                    name, a, b, known = shaped.group("n"), shaped.start("n"), shaped.end("n"), False
                else:
                    break
                named = {r["person"] for r in rows + out if r["sent_id"] in (sid, sid + 1, sid + 2)}
                if name not in named:
                    row = {**base, "sent_id": sid, "start": a, "end": b, "quote": text[a:b],
                           "person": name, "person_in_registry": known}
                    out.append({c: row[c] for c in TALENT_COLUMNS})
            prev_end, sid = s.end, sid + 1
    return out


def _name_described(text: str, row: dict, by_sent) -> None:
    """One person described, not named ("has lost one of its top engineers"), whom one of the next
    two sentences names with the same noun beside the name ("Jane Roe, a senior engineer on the
    team, said ..."): the row becomes hers, with low confidence."""
    noun = row["count_text"].split()[-1].lower()
    noun = noun[:-1] if noun.endswith("s") else noun
    near = re.compile(rf"\s*,\s+(?:a|an|the|its|one|former)?\s*(?:[\w’'-]+\s+){{0,4}}?{re.escape(noun)}s?\b",
                      re.IGNORECASE)
    for sid in (row["sent_id"] + 1, row["sent_id"] + 2):
        for p in by_sent.get(sid, []):
            if p.type == "person" and near.match(text, p.end, p.end + 80):
                row["person"], row["person_in_registry"], row["confidence"] = p.entity, p.in_registry, "low"
                row["count_text"] = None
                return


def _credits(doc: Doc, by_sent) -> tuple[set[int], set[str]]:
    """Bylines and credit lines ("By Jane Doe", "Reporting by Jane Doe; Editing by John Roe"): the
    sentences that open with a credit cue followed by a person, and every person they credit
    (the writers and editors of the article are not its movers)."""
    lex = lexicon()
    sents, people = set(), set()
    for sent in doc.sentences:
        m = lex.credits.match(doc.text, sent.start, sent.end)
        if m is None:
            continue
        ps = [p for p in by_sent.get(sent.sent_id, []) if p.type == "person"]
        if not ps or ps[0].start != m.end():
            continue
        sents.add(sent.sent_id)
        people.update(p.entity for p in ps)
    return sents, people


def _fuse_moves(rows: list[dict]) -> list[dict]:
    """One move, one row: a person's `leave` and `join` rows of one sentence ("X quit Globex to
    join Hooli", "X, Globex's CTO, left to join Hooli", "including X, who defected to Hooli") are
    the two ends of the same move and become the `leave` row, from_org from the departure and
    to_org from the arrival (role and pay from the arrival). Rows whose organisations disagree
    (the departure names another destination, the arrival another origin) stay apart."""
    leaves = {}
    for r in rows:
        if r["direction"] == "leave" and r["person"]:
            leaves.setdefault(r["person"], r)
    if not leaves:
        return rows
    out = []
    for r in rows:
        lv = leaves.get(r["person"]) if r["direction"] == "join" and r["person"] else None
        if lv is None or lv.get("_fused") or r["to_org"] in (None, "") or \
                lv["to_org"] not in (None, "", r["to_org"]) or \
                r["from_org"] not in (None, "", lv["from_org"]) and lv["from_org"] not in (None, "") or \
                r["to_org"] == lv["from_org"]:
            out.append(r)
            continue
        lv["_fused"] = True
        lv["to_org"] = r["to_org"]
        lv["from_org"] = lv["from_org"] or r["from_org"]
        for k in ("role", "pay_usd", "event_date"):
            if lv.get(k) in (None, "") and r.get(k) not in (None, ""):
                lv[k] = r[k]
                if k == "event_date":
                    lv["event_date_precision"] = r["event_date_precision"]
        lv["start"], lv["end"] = min(lv["start"], r["start"]), max(lv["end"], r["end"])
    for r in out:
        r.pop("_fused", None)
    return out


def _merge_rows(rows: list[dict]) -> list[dict]:
    """One row per (person or group span, direction); attempts without a person fold into one with."""
    out: list[dict] = []
    for r in rows:
        key_match = None
        for o in out:
            if o["direction"] != r["direction"]:
                continue
            if r["person"] and o["person"] == r["person"]:
                key_match = o
                break
            if not r["person"] and not o["person"] and r["count_text"] and r["count_text"] == o["count_text"]:
                key_match = o
                break
            if r["direction"] in ("attempt", "rumour") and (not r["person"]) != (not o["person"]) and \
                    not r["count_text"] and not o["count_text"]:
                key_match = o
                break
            if not r["person"] and not o["person"] and not r["count_text"] and not o["count_text"]:
                key_match = o
                break
        if key_match is None:
            out.append(dict(r))
            continue
        o = key_match
        rank = {"high": 2, "medium": 1, "low": 0}
        if rank[r["confidence"]] > rank[o["confidence"]]:
            o["confidence"] = r["confidence"]
        if r["person"] and not o["person"]:
            o["person"], o["person_in_registry"] = r["person"], r["person_in_registry"]
        for k in ("from_org", "to_org", "role", "pay_usd", "event_date", "event_date_precision"):
            if o.get(k) in (None, "") and r.get(k) not in (None, ""):
                o[k] = r[k]
                if k == "event_date":
                    o["event_date_precision"] = r["event_date_precision"]
        o["start"], o["end"] = min(o["start"], r["start"]), max(o["end"], r["end"])
    return out
