"""First names: is a capitalised word a person's given name?

The lexicon is the one `gender-guesser` ships (about 40,000 given names from many countries, no
download), read through its public `Detector.get_gender`; only whether a word is known is used
(never the gender). It lets `analysis.extract.names` take "Kate Adams" for a person with no role
or verb beside it, and tells a sentence's first word that is a common word ("Alongside",
"Compounding") from a given name.
"""
from __future__ import annotations

from functools import lru_cache

import gender_guesser.detector as gender_detector


@lru_cache(maxsize=1)
def _detector() -> gender_detector.Detector:
    return gender_detector.Detector(case_sensitive=True)


@lru_cache(maxsize=8192)
def is_first_name(word: str) -> bool:
    """True when `word` (as written, capitalised) is a given name the lexicon knows."""
    if len(word) < 2 or not word[0].isupper() or not word[1:].islower():
        return False
    return _detector().get_gender(word) != "unknown"
