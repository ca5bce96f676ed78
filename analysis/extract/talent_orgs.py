"""The organisations of a talent move: which one the person or group left (from_org) and joined (to_org).

For a move cue and its target (`analysis.extract.talent_parties.targets`): "from OpenAI", "leaving
for a role at Globex", "former GitHub CEO X", "X, Globex's head of research", "Meta hired X" (the
hirer), "his retirement from Globex", else the organisation the document is about.
"""
from __future__ import annotations

import re

from analysis.extract.mentions import Mention, is_company
from analysis.extract.names import PLACE_BASED
from analysis.extract.talent_parties import lex_company, lexicon
from analysis.lexicon.registry import registry

def _org_ok(m: Mention) -> bool:
    e = registry().get(m.entity)
    return m.type == "org" and not (e is not None and e.kind in ("media",))


def organisations(doc, sent, cls, cs, ce, tgt, clause, ms, focus, win_hi=None, last_to=None,
                  last_from=None, speaker_org=None) -> tuple[str | None, str | None]:
    text = doc.text
    direction, side = cls.split("_")
    lo, hi = clause
    win_hi = sent.end if win_hi is None else win_hi
    orgs = [m for m in ms if _org_ok(m) and m.start < max(win_hi, tgt.end)]
    # the companies its sentence names before the cue
    companies_before = [m for m in orgs if sent.start <= m.start and m.end <= cs and is_company(m)]
    from_org = to_org = None
    # "from OpenAI" / "for competitors" / "to Meta" after the cue or target
    right = max(ce, tgt.end)
    for m in orgs:
        if m.start < min(cs, tgt.start) - 0 and m.start < lo:
            continue
        pre = text[max(sent.start, m.start - 60):m.start]
        if re.search(r"\bfrom\s+(?:[\w-]+\s+){0,4}?(?:like\s+)?(?:the\s+[\w-]+\s+\w+,\s+)?$", pre) and m.start >= cs - 5:
            from_org = from_org or m.entity
        elif re.search(rf"\b(?:to|for)\s+(?:rival\s+|competitor\s+)?(?:{PLACE_BASED}\s+)?$", pre) \
                and m.start >= right and direction == "leave":
            to_org = to_org or m.entity
        elif direction == "join" and side == "obj" and m.start >= right and \
                re.fullmatch(r"\s+(?:back\s+)?to\s+(?:the\s+)?", text[right:m.start]):
            to_org = to_org or m.entity  # "welcome X back to Globex", "named X to Globex's board"
    # "former GitHub CEO X", "Globex's head of research", "Apple's AI model team leader, X"
    if tgt.kind == "person":
        pre_lo = max(sent.start, tgt.start - 70)
        for m in reversed([o for o in orgs if pre_lo <= o.start and o.end <= tgt.start]):
            between = text[m.end:tgt.start]
            # ("Globex Labs' AI chief X", "ex-Globex exec X")
            if ((_POSSESSIVE.match(text, m.end) or re.search(r"(?:\b(?i:former)(?:ly)?\s+|\b(?i:ex)-)$", text[pre_lo:m.start]))
                    and not re.search(r"[;:“‘\"]|\b(?:and|said|says|that|wrote|announced|told)\b", between)):
                if direction == "join" and m.start > cs or direction != "join" or side == "subj":
                    from_org = from_org or m.entity
                break
        # "Globex and its vice-president of devices, X, have parted ways": "its" is the organisation before
        if from_org is None:
            for m in orgs:
                if pre_lo - 30 <= m.start and m.end < tgt.start and re.fullmatch(
                        r"\s+and\s+its\s+[^,;:]{1,60},\s+", text[m.end:tgt.start]):
                    from_org = m.entity
        # "Hexawick confirmed that its chief scientist, X, stepped down": "its" is the company named before
        if from_org is None and direction == "leave" and re.search(
                rf"\bits\s+(?:[\w-]+\s+){{0,3}}?{lexicon().roles}\s*,?\s*$", text[pre_lo:tgt.start], re.IGNORECASE):
            prev = [o for o in orgs if sent.start <= o.start and o.end <= tgt.start and is_company(o)]
            if prev:
                from_org = prev[-1].entity
        # "Globex co-founder X": the employer right before a title
        if from_org is None:
            for m in orgs:
                if pre_lo <= m.start and m.end < tgt.start and re.fullmatch(
                        rf"\s+{lexicon().titles}\s+", text[m.end:tgt.start]):
                    if direction != "join" or m.start > cs or side == "subj":
                        from_org = m.entity
        # "the data annotating startup's CEO, X": the organisation named just before
        if from_org is None and re.search(r"\b(?:the|its)\s+[\w\s-]{0,40}?(?:startup|start-up|company|firm|lab)['’]s"
                                          r"\s+[\w\s-]{0,30}?,?\s*$", text[pre_lo:tgt.start]):
            prev = [o for o in orgs if o.end <= tgt.start - 0 and o.start >= sent.start]
            if prev:
                from_org = prev[-1].entity
        post = text[tgt.end:min(sent.end, tgt.end + 120)]
        # "X (pictured), Globex's former head of research": the bracket is blanked, offsets kept
        post = re.sub(r"^\s*\([^()]{0,40}\)", lambda b: " " * len(b.group()), post)
        appo = re.match(rf"\s*,\s+(?:a|an|the)?\s*(?:former\s+)?(?:[\w-]+\s+){{0,3}}?{lexicon().roles}"
                        rf"\s+(?:of|at)\s+{_DESCRIBED}", post)
        prev_at = re.match(r"\s*,\s*(?:(?:who|a|an)\b[^;]{0,60}?)?\b(?:previously|formerly|earlier)\b(?:[^;,.]{0,60}\s)?(?:at|of|from)\s+"
                           + _DESCRIBED,
                           post)
        if prev_at and from_org is None:
            for m in orgs:
                if m.start == tgt.end + prev_at.end():
                    from_org = m.entity
                    break
        # "X, Globex's head of research, left ...": the employer in a possessive apposition
        poss = re.match(r"\s*,\s+(?:(?:the|a|an|then|former|formerly|previously|once|until\s+recently)\s+)*", post)
        if poss and from_org is None:
            for m in orgs:
                # (a joiner's present title may be the new one: "X, Hooli's new CTO, joined"; a
                # former one is where the joiner comes from: "X, Globex's former CTO, is joining";
                # the title of the one hired is the old one: "Hooli poached X, Globex's head of AI")
                former = direction == "join" and side != "obj" and not re.search(
                    r"\b(?:former|formerly|previously|once|then|recently)\b", poss.group())  # ("X, previously Globex's CTO")
                if m.start == tgt.end + poss.end() and re.match(
                        rf"['’]s\s+{'(?:then|former|ex-|erstwhile|onetime)' + chr(92) + 's+' if former else ''}"
                        rf"(?:[\w-]+\s+){{0,3}}?{lexicon().roles}\b", text[m.end:sent.end]):
                    from_org = m.entity
                    break
        if appo and from_org is None and direction in ("join", "attempt", "rumour", "leave"):
            for m in orgs:
                if m.start == tgt.end + appo.end():
                    from_org = m.entity
                    break
        # "X, a former Globex engineer", "X and Y, both formerly of Globex", "X, a veteran of Globex"
        fm = re.search(r"^(?:\s*(?:,|,?\s+and)\s+[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,2})*"
                       r"\s*(?:,|\s+and)\s*(?:a\s+|the\s+|both\s+|all\s+)?(?:former(?:ly)?\b|(?:[\w-]+\s+)?"
                       r"(?:veteran|alum|alumnus|alumna)\s+of\b)", post)
        if fm:
            for m in orgs:
                if tgt.end < m.start < tgt.end + 90:
                    from_org = from_org or m.entity
                    break
        # "After nine years at Globex, X is moving to Hooli": a clause before the person
        stint = _STINT.search(text, max(sent.start, tgt.start - 90), tgt.start)
        if stint is None and direction == "join":  # "X is returning to Hooli after a stint at Globex"
            stint = _STINT.search(text, ce, sent.end)
        if stint and from_org is None and direction in ("join", "leave"):
            named = [m for m in orgs if m.start == stint.end()]
            if named:
                from_org = named[0].entity
    if tgt.kind == "group":
        # "former Globex researcher", "ex-Globex engineers": the organisation inside the group
        for m in orgs:
            if tgt.start <= m.start and m.end <= tgt.end and re.search(
                    r"\b(?:former|formerly|ex-)\s*$", text[tgt.start:m.start], re.IGNORECASE):
                from_org = from_org or m.entity
                break
        # "most of Globex's staff", "210 Globex employees": the organisation inside the group
        if from_org is None:
            for m in orgs:
                if tgt.start <= m.start and m.end <= tgt.end and (
                        text[m.end:m.end + 2] in ("'s", "’s") or re.fullmatch(r"\s+(?:[a-z][\w-]*\s+)?\w+", text[m.end:tgt.end])):
                    from_org = m.entity
                    break
        # "Globex's 12-member team", "license Globex's technology and hire its 40-person team"
        if from_org is None:
            own = [m for m in orgs if m.end <= tgt.start and text[m.end:m.end + 2] in ("'s", "’s")]
            if own and (re.fullmatch(r"['’]s\s+(?:(?:entire|whole|[\w-]+)\s+)?", text[own[-1].end:tgt.start])
                        or re.search(r"\b(?:its|their)\s+$", text[max(sent.start, tgt.start - 10):tgt.start])):
                from_org = own[-1].entity
        # "the founders of Adept", "engineers from Globex"
        g_of = re.match(r"\s+(?:of|at|from)\s+(?:(?:the|his|her|their|its)\s+)?", text[tgt.end:hi])
        if g_of:
            for m in orgs:
                if m.start == tgt.end + g_of.end():
                    from_org = from_org or m.entity
        # "hired Globex co-founder X and half of the startup's staff": the organisation named
        # last before the group, after the cue
        if from_org is None and re.search(r"\b(?:the|that)\s+(?:startup|start-up|company|firm|lab)['’]s\s",
                                          text[tgt.start:tgt.end], re.IGNORECASE):
            prev = [m for m in orgs if ce <= m.start and m.end <= tgt.start]
            if prev:
                from_org = prev[-1].entity
    if direction == "leave":
        # "departures at Tesla", "exodus from Globex"
        for m in orgs:
            if ce <= m.start < min(hi, ce + 40) and re.fullmatch(r"(?:\]\([^)\s]*\))?\s+(?:at|from)\s+(?:the\s+)?",
                                                              text[ce:m.start]):
                from_org = from_org or m.entity
    if direction in ("join", "attempt", "rumour"):
        if side == "subj" and text[cs:ce].endswith(" from"):
            # "X moved from Globex to Hooli"
            # (the organisations up to the sentence's end: "to" may end the clause or the window)
            after = [m for m in ms if _org_ok(m) and ce <= m.start < sent.end and m.start - ce < 60]
            if after and re.fullmatch(r"\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,3}", text[ce:after[0].start]):
                from_org = after[0].entity  # ("joined from the law firm X")
            to = [m for m in after[1:] if re.search(r"\bto\s+(?:rival\s+|the\s+)?$", text[after[0].end:m.start])]
            if to:
                to_org = to[0].entity
        elif side == "subj":
            # "X joined Meta", "X moved to Globex" (not "X joins from Sony AI")
            after = [m for m in orgs if ce <= m.start < hi and m.start - ce < 40
                     and not re.search(r"\bfrom\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,3}$", text[ce:m.start])]
            if after:
                to_org = after[0].entity
            elif re.match(r"\s+its\s", text[ce:hi]) and companies_before:
                to_org = companies_before[-1].entity  # "left for Cobalt Pine, becoming its chief scientist"
            elif lex_company(text[ce:min(hi, ce + 30)]):
                to_org = focus
        else:
            # the hirer is the subject: the organisation right before the cue (not a possessor
            # after another verb: "paid to license Globex's technology and hire ...")
            before = text[max(lo, sent.start):cs]
            seg_lo = lo + (before.rfind(",") + 1 if "," in before else 0)
            subj = [m for m in orgs if seg_lo <= m.start and m.end <= cs
                    and not (text[m.end:m.end + 2] in ("'s", "’s") and re.search(r"\b[a-z]+\s+$", text[seg_lo:m.start]))]
            if to_org is not None:
                pass
            elif subj:
                to_org = subj[-1].entity
            elif speaker_org is not None and re.search(r"\bwe\b", text[seg_lo:cs], re.I):
                to_org = speaker_org  # "HADDAD: ... we hired X": the speaker's company
            elif re.search(r"\b(?:it|they|the company|the firm)\b", text[seg_lo:cs], re.I):
                to_org = focus
            else:  # (not an employer named inside another's apposition: "..., formerly at Globex, and promoted X")
                subj = [m for m in orgs if lo <= m.start and m.end <= cs
                        and not _AFTER_PREPOSITION.search(text, max(lo, m.start - 40), m.start)]
                if subj:
                    to_org = subj[-1].entity
        # "X, who led Globex's AI lab for six years, will join Hooli": where the joiner comes from
        # ... or "Hooli hired X, who led research at Globex"
        if from_org is None and tgt.kind == "person" and (side == "subj" and tgt.end <= cs or side == "obj"):
            rel_hi = cs if side == "subj" else sent.end
            rel = _REL_LEAD.match(text, tgt.end, rel_hi)
            inside = [m for m in orgs if rel and rel.end() <= m.start and m.end <= rel_hi
                      and not re.search(r"[,;]", text[rel.end():m.start])]
            if inside and inside[0].entity != to_org:
                from_org = inside[0].entity
        if tgt.kind == "org" and tgt.org:
            from_org = from_org or tgt.org
        if to_org is None and direction == "join" and tgt.person is not None:
            to_org = (last_to or {}).get(tgt.person.entity)
        if to_org is None and direction == "join" and side == "subj":
            # "Globex CEO X resigned, and COO Y took over as chief executive": the one company
            # the sentence names before the move (not one the person comes from)
            named = {m.entity for m in companies_before}
            if len(named) == 1 and from_org not in named:
                to_org = named.pop()
        if to_org is None and direction == "join" and (tgt.person is None or (last_from or {}).get(tgt.person.entity) != focus):
            # (not the organisation the person was said to leave earlier: "X is leaving Globex ...
            # X plans to serve as CEO" is no return to Globex)
            fallback = focus
            to_org = fallback if fallback != from_org else None
        if to_org == from_org:
            # "former GitHub CEO X joined the company": the company a person comes from is never
            # the one "the company" (the focus) stands for; an organisation the text names wins
            if to_org == focus and not _named_after(text, ce, hi, orgs, focus):
                to_org = None
            else:
                from_org = None
    else:  # leave
        if side == "obj":
            before = text[lo:cs]
            subj = [m for m in orgs if lo <= m.start and m.end <= cs]
            if subj:
                from_org = subj[-1].entity
            elif re.search(r"\b(?:it|the company|the firm)\b", before, re.I):
                from_org = focus
        elif side == "subj":
            after = [m for m in orgs if ce <= m.start < hi and m.start - ce < 40]
            own = _OWN.match(text, ce, hi)  # "left his startup (, Nimbly,)": his own, unless named
            if own:
                named = [m for m in after if m.start == own.end()]
                return (named[0].entity if named else None), (to_org if not named or to_org != named[0].entity else None)
            # "Globex's CEO, X, split with Initech": the organisation left is the one the cue names
            direct = [m for m in after if re.fullmatch(r"\s+(?:(?:with|from)\s+)?(?:the\s+)?", text[ce:m.start])]
            if direct:
                from_org = direct[0].entity
            for m in after:
                # "leaving for Globex", "leaving for a role at Globex", "left in May to start Globex": where
                # the person goes
                if re.fullmatch(r"\s+(?:[\w-]+\s+){0,3}?(?:for|to\s+(?:join|start|found|co-found|cofound|launch|"
                                r"create|build))\s+(?:(?:its\s+|their\s+)?(?:rival|competitor)\s+|(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:at|with)\s+)?",
                                text[ce:m.start]):
                    to_org = to_org or m.entity
                elif from_org is None and not re.search(r"\bfor\s+$|\band\b|,", text[ce:m.start]):
                    from_org = m.entity
            # "X, who oversaw Globex's robotics unit, left": the employer in a relative clause
            # between the person and the cue
            if from_org is None and tgt.kind == "person" and tgt.end <= cs:
                rel = _REL_LEAD.match(text, tgt.end, cs)
                if rel:
                    inside = [m for m in orgs if rel.end() <= m.start and m.end <= cs]
                    if inside:
                        from_org = inside[0].entity
        else:
            subj = [m for m in orgs if lo <= m.start and m.end <= cs]
            if subj and not (from_org and _LINKED_FROM.match(text, ce)):
                from_org = subj[-1].entity  # (not over "his retirement from Globex")
        if from_org is None:
            from_org = _earlier_org(text, sent, ce, tgt, orgs)
        if from_org is None and focus != to_org and not _goes_to(text, ce, sent.end, focus):
            from_org = focus  # (not the organisation the person leaves for)
        if to_org == from_org:
            to_org = None
    return from_org, to_org


def _goes_to(text: str, ce: int, hi: int, org: str | None) -> bool:
    """Whether the sentence after a departure cue says the person goes to `org` ("is leaving the
    company to join Hooli", "leaving for Hooli"): that organisation is not the one left."""
    return org is not None and re.search(rf"\b(?:to\s+join|joining|for|to)\s+(?:rival\s+|the\s+)?{re.escape(org)}\b",
                                         text[ce:hi]) is not None


def _named_after(text: str, ce: int, hi: int, orgs: list[Mention], name: str | None) -> bool:
    """Whether the clause names the organisation `name` after the cue ("joined Globex")."""
    return any(m.entity == name and ce <= m.start < hi for m in orgs)


_AFTER_PREPOSITION = re.compile(r"\b(?:at|of|from|for|with|by|in)\s+(?:[\w-]+\s+){0,3}$")
# what may stand between "at" and an organisation's name: "at Durham-based software house Globex",
# "at the cloud company Globex"
_DESCRIBED = (r"(?:(?:the\s+)?(?:[A-Z][\w.]*-[a-z]+\s+)?(?:[a-z][\w-]*\s+){0,2}?"
              r"(?:company|firm|startup|start-up|lab|house|maker|group|provider|developer|giant)\s+)?")
# a possessive after a name: "Globex's", "Globex Labs'" (the apostrophe alone after an s)
_POSSESSIVE = re.compile(r"['’]s\b|(?<=s)['’](?=\s)")
# "left his startup", "quit her own company": the person's own organisation, unnamed unless an
# apposition follows ("his startup, Nimbly")
_OWN = re.compile(r"\s+(?:his|her|their)\s+(?:own\s+)?(?:[\w-]+\s+)?(?:startup|start-up|company|firm|venture|lab|business)"
                  r"(?:\s*,\s*|\s+)?")
# "After nine years at Globex, ...", "after a decade at Globex, ...", "Following a stint at Globex, ...",
# "After leaving Globex, ..."
_STINT = re.compile(r"\b(?:after|following)\s+(?:(?:(?:a|an|the|nearly|almost|more\s+than|over|about|some)\s+)*"
                    r"(?:[\w-]+\s+)?(?:years?|decades?|months?|stint|tenure|career|spell)\s+(?:at|with)"
                    r"|(?:leaving|quitting|exiting|departing(?:\s+from)?))\s+(?:the\s+)?",
                    re.IGNORECASE)
# "his retirement from Globex", also when the cue is the text of a markdown link
# ("[announced his retirement](https://...) from Globex")
_LINKED_FROM = re.compile(r"(?:\]\([^)\s]*\))?\s+(?:from|at)\s")
_REL_LEAD = re.compile(r"\s*,\s*who\s+(?:(?:had|has|once|previously|formerly)\s+)*(?:oversaw|ran|led|headed|helped|"
                       r"managed|directed|co-led|helmed|built|founded|co-founded|worked|spent)\b", re.IGNORECASE)


def _earlier_org(text, sent, ce, tgt, orgs) -> str | None:
    """The organisation a departure leaves when the clause says only "the company" ("X, who ran
    Globex's lab until May, left the company") or gives the person a bare title ("..., when CEO X
    was removed"): the organisation named last before, in the same sentence."""
    title = tgt.kind == "person" and re.search(rf"(?<![\w’'])(?:{lexicon().titles})\s+$",
                                               text[max(sent.start, tgt.start - 40):tgt.start])
    if not (title or lex_company(text[ce:ce + 30])):
        return None
    # (not an origin: "X, who joined Hooli from Globex in 2022, left the company" left Hooli)
    prev = [m for m in orgs if sent.start <= m.start and m.end <= ce and not (tgt.start <= m.start < tgt.end)
            and not re.search(r"\bfrom\s+(?:the\s+)?$", text[max(sent.start, m.start - 10):m.start])]
    return prev[-1].entity if prev else None
