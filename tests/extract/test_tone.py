"""Tone of a sentence (analysis/extract/tone.py): VADER's compound score."""
from __future__ import annotations

from analysis.extract.tone import analyzer, tone


def test_tone_is_vaders_compound_score():
    texts = ["The model is a wonderful, brilliant success.", "The launch was a terrible, awful failure.",
             "Not bad at all", "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!",
             "It was good but the ending was bad.", "Catch 💘 and 😁", "", "The lab has 40 GPUs."]
    for t in texts:
        assert tone(t) == analyzer().polarity_scores(t)["compound"]
        assert isinstance(tone(t), float) and -1.0 <= tone(t) <= 1.0
    assert tone(texts[0]) > 0.5 and tone(texts[1]) < -0.5 and tone(texts[-1]) == 0.0
    # negation and "but" are read: the words decide, not the topic
    assert tone("The model is not good.") < 0 < tone("The model is good.")
    assert tone("It was bad but the ending was great.") > 0
