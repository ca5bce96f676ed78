"""Who speaks in a document: the person a transcript's speaker label names ("SELMA HADDAD: I left
Globex"), and the company of the one a quotation is attributed to ("“We hired X,” said Globex CEO
Y"). Talent moves read them for first-person moves and for "we"."""
from __future__ import annotations

import re

from analysis.corpus.doc import Sentence
from analysis.extract.mentions import Mention, is_company

__all__ = ["quote_speaker_org", "transcript_speaker"]


# the attribution after a quotation: "...,” said ", "...," says "
_SAID_AFTER_QUOTE = re.compile(r"[,.!?]?[”\"]\s*,?\s*(?:said|says|wrote|writes|added|adds)\s+")


def quote_speaker_org(text: str, sent: Sentence, ms: list[Mention]) -> str | None:
    """The company of the one a quotation in the sentence is attributed to: the company named
    right after "said" ("“We hired X,” said Zentra Labs chief executive Dana Holt") or after the
    speaker's name and a comma ("..., said Dana Holt, Zentra's chief executive"); else None."""
    said = _SAID_AFTER_QUOTE.search(text, sent.start, sent.end)
    if said is None:
        return None
    people = [m for m in ms if m.type == "person" and m.start == said.end()]
    at = people[0].end if people else said.end()
    gap = r"(?:,\s+)?(?:the\s+)?" if people else r"(?:the\s+)?"  # ("said X, the Globex CEO" / "said the Globex CEO")
    for m in ms:
        if m.type == "org" and m.start >= at and is_company(m) and re.fullmatch(gap, text[at:m.start]):
            return m.entity
    return None


# a transcript's speaker label at the start of a line: "SELMA HADDAD: I left Globex in January"
_LABEL = re.compile(r"([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}):\s")


def transcript_speaker(text, sent, mentions_by_sent):
    """The person a transcript's speaker label at the start of the sentence's line names (the whole
    name or its last word, in capitals), among the people the document names; else None."""
    line = text.rfind("\n", 0, sent.start) + 1
    label = _LABEL.match(text, line, sent.end)
    if label is None:
        return None
    said = label.group(1)
    for ms in mentions_by_sent.values():
        for m in ms:
            if m.type == "person" and (m.entity.upper() == said or m.entity.split()[-1].upper() == said):
                return m
    if " " not in said:  # "HADDAD:" after "SELMA HADDAD:" (looked for in the 5,000 characters before)
        full = None
        for full in re.finditer(rf"^((?:[A-Z][A-Z.'’-]+ )+{re.escape(said)}):", text[max(0, line - 5000):line], re.M):
            pass
        said = full.group(1) if full else said
    if " " not in said or said.split()[0] in ("HOST", "Q", "A", "INTERVIEWER", "MODERATOR"):
        return None  # (a bare surname, or no person's name)
    name = said.title()
    return Mention(label.start(1), label.end(1), text[label.start(1):label.end(1)], name, "person", False,
                   sent.sent_id, None, "speaker")
