"""First names: is a capitalised word a person's given name?

The lexicon is the one `gender-guesser` ships (about 40,000 given names from many countries, no
download), read once through its public `Detector.names` into a set (`first_names`); only whether a word is
known is used (never the gender). It lets `analysis.extract.names` take "Kate Adams" for a person with no role
or verb beside it, and tells a sentence's first word that is a common word ("Alongside",
"Compounding") from a given name.
"""
from __future__ import annotations

from functools import lru_cache

import gender_guesser.detector as gender_detector


@lru_cache(maxsize=1)
def _detector() -> gender_detector.Detector:
    return gender_detector.Detector(case_sensitive=True)


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """The given names the lexicon knows, as written (capitalised, the rest lower case): a word is
    one when it is in this set, a lookup cheap enough for every capitalised word of a text."""
    return frozenset(n for n in _detector().names if len(n) >= 2 and n[0].isupper() and n[1:].islower())


def is_first_name(word: str) -> bool:
    """True when `word` (as written, capitalised) is a given name the lexicon knows."""
    return word in first_names()
