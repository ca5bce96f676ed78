"""The in-memory document model every extractor works on.

A `Doc` is one accepted article: its normalised text (all offsets point into it), the sentences of
the article proper (boilerplate spans excluded), and its publication date with precision.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple


class Sentence(NamedTuple):
    """One article sentence (a tuple: cheap to create and to send between processes)."""
    sent_id: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Doc:
    doc_id: str
    text: str
    sentences: tuple[Sentence, ...] = ()
    published: dt.date | None = None
    published_precision: str = "unknown"  # day | month | year | unknown
    title: str | None = None
    boilerplate: tuple[tuple[int, int], ...] = field(default=())

    def sentence_at(self, pos: int) -> Sentence | None:
        """The sentence containing character `pos`, or None."""
        for s in self.sentences:
            if s.start <= pos < s.end:
                return s
        return None


def make_doc(text: str, doc_id: str = "test", published: dt.date | None = None,
             published_precision: str | None = None, title: str | None = None) -> Doc:
    """Build a `Doc` from raw text (normalised and split), e.g. in tests and the benchmark."""
    from analysis.corpus.sentences import split_sentences
    from analysis.corpus.text import normalise

    norm = normalise(text)
    sents = tuple(Sentence(i, s, e, norm[s:e]) for i, (s, e) in enumerate(split_sentences(norm)))
    if published_precision is None:
        published_precision = "day" if published else "unknown"
    return Doc(doc_id, norm, sents, published, published_precision, title)
