"""The one cue syntax of `data/lexicons/*.yaml` and the one matcher that compiles it.

The syntax is documented once, with examples, in `data/lexicons/README.md`. In short, a cue is a
word or phrase in a YAML list, written as a string or as a mapping `{cue: ..., case: true}`:

* matched case-insensitively (a mapping with `case: true` is matched case-sensitively);
* on whole words: a cue that begins (ends) with a letter, digit or `_` never matches right after
  (before) one of these ("open" is not found in "OpenAI", "AI" not in "said");
* a space or hyphen between two words of the cue matches any run of spaces, hyphens and dashes
  (`open-source` == `open source` == `open - source`); `'` and `’` are the same character;
* `word*` is that word with any ending (`poach*`: poach, poached, poaching, poacher); a lone `*`
  is any one word (`caught * off guard`); a cue cannot begin with `*`;
* with `plural: true` (on the mapping, or as the default of a whole lexicon file) the last word
  also matches its plural and possessive forms (-s, -es, -'s, -s').

The cues of one list compile into ONE regular expression (`compile_cues`, `CueFinder`): at each
position the longest cue *as written* wins (`*` not counted: `open source community` before
`open source`, `monetization` before `monetiz*`), the one listed first on a tie, and the scan goes
on after the match. For cues without wildcards (and one plural setting) that is the longest match.
The alternation is trie-shaped (`_alternation`): cues that begin alike share their first
characters, so the engine follows one path instead of trying every cue in turn, and it matches
exactly what the plain alternation in that order matches (tests/lexicon/test_cues.py checks it).
`CueLists` scans a sentence once for several lists that are matched independently (a word may
count for two of them).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Mapping, NamedTuple

# what a space or hyphen between two words of a cue matches in the text
SEPARATOR = r"[\s\-\u2010\u2011\u2012\u2013]+"
_SPLIT = re.compile(r"[\s\-\u2010\u2011]+")
_CLASS_REGEX = {
    "separator": SEPARATOR,
    "apostrophe": "['\u2019]",
    "any ending": r"\w*",
    "any word": r"[\w'\u2019]+",
    "plural": r"(?:e?s)?(?:['\u2019]s?)?",
    "word start": r"(?<!\w)",
    "word end": r"(?!\w)",
}


class Token(NamedTuple):
    """One step of a cue's pattern: a character (`kind` "char", `case`: matched case-sensitively)
    or one of the classes of `_CLASS_REGEX`."""
    kind: str
    char: str = ""
    case: bool = True

    def regex(self, ignorecase: bool) -> str:
        """The token's regex inside a pattern compiled with (or without) re.IGNORECASE."""
        if self.kind != "char":
            return _CLASS_REGEX[self.kind]
        esc = re.escape(self.char)
        if self.case == ignorecase:
            return f"(?-i:{esc})" if self.case else f"(?i:{esc})"
        return esc


def _disjoint(a: Token | None, b: Token | None) -> bool:
    """Whether no text character can begin both a match of `a` and a match of `b` (then two
    alternatives starting with them can be tried in either order). None ends an alternative."""
    if a is None or b is None:
        return False
    if a.kind == "char" and b.kind == "char":
        if a.case and b.case:
            return a.char != b.char
        # re.IGNORECASE matches a few non-ASCII characters to ASCII letters (K, ſ, İ, ı)
        return a.char.isascii() and b.char.isascii() and a.char.lower() != b.char.lower()
    if {a.kind, b.kind} == {"separator", "apostrophe"}:
        return True
    char, other = (a, b) if a.kind == "char" else (b, a)
    if char.kind == "char" and other.kind in ("separator", "apostrophe"):
        return re.fullmatch(_CLASS_REGEX[other.kind], char.char) is None
    if char.kind == "char" and other.kind == "word start":  # a word character follows it
        return re.match(r"\w", char.char) is None
    return False


def _alternation(seqs: list[tuple[tuple[Token, ...], str]], ignorecase: bool) -> str:
    """The regex matching like `"|".join(tokens + leaf for tokens, leaf in seqs)` (alternatives
    tried in that order), shaped as a trie: alternatives with the same first token share it. An
    alternative only moves up to join an earlier one past alternatives whose first token is
    `_disjoint` from its own (those cannot match where it matches), so what is found is unchanged.
    Of two identical alternatives the first wins (the second could never match)."""
    groups: list[tuple[Token | None, list]] = []
    for tokens, leaf in seqs:
        head = tokens[0] if tokens else None
        rest = (tokens[1:], leaf)
        for g_head, members in reversed(groups):
            if g_head == head:
                members.append(rest)
                break
            if not _disjoint(g_head, head):
                groups.append((head, [rest]))
                break
        else:
            groups.append((head, [rest]))
    alts = [members[0][1] if head is None else head.regex(ignorecase) + _alternation(members, ignorecase)
            for head, members in groups]
    return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"


def literal_trie(strings: Iterable[str]) -> str:
    """A regex fragment matching the same as the alternation of `strings` (escaped, longest
    first): `"|".join(map(re.escape, sorted(strings, key=len, reverse=True)))`, shaped as a trie.

    At any position the strings that can match are prefixes of one another, so "longest first" is
    "deepest first" in the trie: each node tries its continuations before ending there, and what
    follows the fragment makes it fall back to a shorter string exactly as the alternation would.
    The engine follows one character path instead of trying every string, so a long list matches
    several times faster. Case-sensitive. An empty list gives a fragment that never matches."""
    ordered = sorted(set(strings), key=lambda s: (-len(s), s))   # (sorted: the same regex every run)
    if not ordered:
        return "(?!)"
    return _alternation([(tuple(Token("char", ch) for ch in s), "") for s in ordered], ignorecase=False)


# ----------------------------------------------------------------------------- one cue
@dataclass(frozen=True)
class Cue:
    """One lexicon entry: `text` as written, `case` (match case-sensitively), `plural` (the last
    word also matches its plural and possessive forms)."""
    text: str
    case: bool = False
    plural: bool = False

    def __post_init__(self):
        words = self.words
        if not words:
            raise ValueError("an empty cue")
        if words[0] == "*":
            raise ValueError(f"cue {self.text!r}: a cue cannot begin with the wildcard `*`")
        if any("*" in w[:-1] for w in words):
            raise ValueError(f"cue {self.text!r}: `*` may only end a word or stand alone")

    @classmethod
    def parse(cls, entry: str | Mapping, plural: bool = False) -> "Cue":
        """A YAML entry: a string, or a mapping {cue: ..., case: bool, plural: bool}; `plural` is
        the lexicon's default (a mapping's own `plural` overrides it)."""
        if isinstance(entry, Mapping):
            if "cue" not in entry or set(entry) - {"cue", "case", "plural"}:
                raise ValueError(f"a cue mapping has the keys cue, case, plural; got {dict(entry)!r}")
            return cls(str(entry["cue"]).strip(), bool(entry.get("case", False)),
                       bool(entry.get("plural", plural)))
        return cls(str(entry).strip(), False, plural)

    @property
    def words(self) -> list[str]:
        """The words of the cue (what spaces and hyphens separate)."""
        return [w for w in _SPLIT.split(self.text) if w]

    @property
    def length(self) -> int:
        """The cue's length as written, with one space between words and `*` not counted: where
        two cues match at the same position, the longer wins."""
        return len(" ".join(self.words).replace("*", ""))

    def tokens(self) -> tuple[Token, ...]:
        """The cue as `Token`s, following the rules of the module docstring."""
        words = self.words
        out = [Token("word start")] if re.match(r"\w", words[0]) else []
        for i, word in enumerate(words):
            if i:
                out.append(Token("separator"))
            if word == "*":
                out.append(Token("any word"))
                continue
            for ch in word.rstrip("*"):
                out.append(Token("apostrophe") if ch in "'\u2019" else Token("char", self._case_of(ch), self.case))
            if word.endswith("*"):
                out.append(Token("any ending"))
        last = words[-1]
        if self.plural and re.match(r"\w", last[-1]):
            out.append(Token("plural"))
        if last.endswith("*") or re.match(r"\w", last[-1]):
            out.append(Token("word end"))
        return tuple(out)

    def _case_of(self, ch: str) -> str:
        """The character as the trie stores it: lower case when case does not matter (so "AI" and
        "ai" share a path), unless lower-casing changes its length ("İ")."""
        return ch if self.case or len(ch.lower()) != 1 else ch.lower()


def cues(entries: Iterable[str | Mapping] | None, plural: bool = False) -> list[Cue]:
    """Parse a YAML list of cue entries (None: no cues); `plural` as in `Cue.parse`."""
    return [Cue.parse(e, plural) for e in entries or []]


def _as_cue(c: Cue | str | Mapping, plural: bool = False) -> Cue:
    return c if isinstance(c, Cue) else Cue.parse(c, plural)


def cue_pattern(cue: Cue | str | Mapping) -> str:
    """The regex (source) of one cue, usable inside any pattern: `re.compile(cue_pattern(c))`."""
    return "(?i:" + "".join(t.regex(ignorecase=True) for t in _as_cue(cue).tokens()) + ")"


def _in_priority_order(items: list) -> list:
    """(cue, ...) items, the longest cue as written first, ties in the order given."""
    return sorted(items, key=lambda item: -item[0].length)


def compile_cues(entries: Iterable[Cue | str | Mapping], plural: bool = False) -> re.Pattern:
    """One pattern for all `entries`: at a position the longest cue as written matches (the one
    listed first on a tie). No entries: a pattern that never matches."""
    return re.compile(cue_list_pattern(entries, plural))


def cue_list_pattern(entries: Iterable[Cue | str | Mapping], plural: bool = False) -> str:
    """The regex (source) of `compile_cues(entries)`, usable inside any pattern, like
    `cue_pattern` for one cue: `cue_list_pattern(roles) + r"\\s+(?P<name>...)"`."""
    items = _in_priority_order([(_as_cue(c, plural),) for c in entries])
    if not items:
        return "(?!)"
    return "(?i:" + _alternation([(c.tokens(), "") for c, in items], True) + ")"


# ----------------------------------------------------------------------------- labelled cues
class Hit(NamedTuple):
    label: str
    start: int
    end: int


class CueFinder:
    """Labelled cues (label -> cue entries) compiled into one pattern. `find` returns the hits
    left to right, not overlapping; at a position the longest cue as written wins, and on a tie
    the first listed (labels in the order given, then cues in list order).

    >>> CueFinder({"buyback": ["buy back"], "acquisition": ["buy"]}).find("to buy back shares")
    [Hit(label='buyback', start=3, end=11)]
    """

    def __init__(self, labelled: Mapping[str, Iterable[Cue | str | Mapping] | None], plural: bool = False):
        self.labels = list(labelled)
        items = _in_priority_order([(_as_cue(c, plural), label)
                                    for label, entries in labelled.items() for c in entries or []])
        # (label, cue) in priority order; each alternative ends in an empty group named after its
        # index (`(?P<c7>)`), so `match.lastgroup` says which cue matched
        self.cues: list[tuple[str, Cue]] = [(label, c) for c, label in items]
        seqs = [(c.tokens(), f"(?P<c{i}>)") for i, (c, _) in enumerate(items)]
        self.pattern = re.compile(_alternation(seqs, True) if seqs else "(?!)", re.IGNORECASE)

    def cue_of(self, match: re.Match) -> tuple[str, Cue]:
        """(label, cue) of a match of `self.pattern`."""
        return self.cues[int(match.lastgroup[1:])]

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Hit]:
        """Hits in `text[start:end]`, offsets in `text` (the word-start test sees `text[start-1]`)."""
        end = len(text) if end is None else end
        return [Hit(self.cue_of(m)[0], m.start(), m.end()) for m in self.pattern.finditer(text, start, end)]

    def find_at(self, text: str, starts: list[int], end: int | None = None) -> list[Hit]:
        """`find(text, start, end)` when `starts` (sorted, from `start` on) holds every position in
        `text[start:end]` where one of the cues matches: the pattern is tried there only."""
        end = len(text) if end is None else end
        hits: list[Hit] = []
        done = 0   # where the last hit ends
        for p in starts:
            if p >= done:
                m = self.pattern.match(text, p, end)
                if m is not None:
                    hits.append(Hit(self.cue_of(m)[0], p, m.end()))
                    done = m.end()
        return hits


class CueLists:
    """Several `CueFinder`s matched independently over the same text (a word may count for two
    of them), from one scan: one zero-width pattern finds every position where a cue of any of
    them matches, and each finder is tried at those positions only (`CueFinder.find_at`)."""

    def __init__(self, finders: Iterable[CueFinder]):
        self.finders = list(finders)
        every = [(c.tokens(), "") for f in self.finders for _, c in f.cues]
        self.starts = re.compile("(?=" + _alternation(every, True) + ")" if every else "(?!)", re.IGNORECASE)

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[list[Hit]]:
        """For each finder, in order: its `find(text, start, end)`."""
        end = len(text) if end is None else end
        starts = [m.start() for m in self.starts.finditer(text, start, end)]
        return [f.find_at(text, starts, end) if starts else [] for f in self.finders]


# ----------------------------------------------------------------------------- case folding
_FOLD = {0x130: "i", 0x131: "i", 0x17F: "s", 0x212A: "k"}
_ODD = re.compile("[\u0130\u0131\u017f\u212a]")


def fold(text: str) -> str:
    """`text` lower-cased, same length, in which every ASCII word that matches under
    re.IGNORECASE appears as a lower-case substring (re.IGNORECASE also matches "İ", "ı" to "i",
    "ſ" to "s" and the Kelvin sign to "k"; `str.lower` does not, and makes "İ" two characters)."""
    if not text.isascii() and _ODD.search(text):
        text = text.translate(_FOLD)
    return text.lower()
