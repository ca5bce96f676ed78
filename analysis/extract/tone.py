"""Tone of a sentence: VADER's compound score, from vaderSentiment's public API.

`tone(text)` is `SentimentIntensityAnalyzer().polarity_scores(text)["compound"]`: -1 (negative)
.. 1 (positive), 0 for neutral text. VADER is a rule-based sentiment model for short social-media
and news text (Hutto & Gilbert 2014); it reads the words (with boosters, negations, "but", capitals
and exclamation marks), not the topic.
"""
from __future__ import annotations

from functools import lru_cache

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer


@lru_cache(maxsize=1)
def analyzer() -> SentimentIntensityAnalyzer:
    """The analyzer; building it reads VADER's lexicon files, so it is built once per process."""
    return SentimentIntensityAnalyzer()


def tone(text: str) -> float:
    """VADER compound score of `text` (-1 .. 1)."""
    return float(analyzer().polarity_scores(text)["compound"])
