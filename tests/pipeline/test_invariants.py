"""The build's invariants: unique ids, every span inside its document and equal to its quote."""
import pandas as pd
import pytest

from analysis.corpus.doc import make_doc
from analysis.pipeline.build import build
from analysis.pipeline.invariants import BuildError, check_invariants, span_problems

TEXT = "Globex hired Jane Roe from Initech as chief scientist."


def test_broken_span_or_unknown_document_is_refused(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a000.txt").write_text("Headline\n\n" + TEXT + "\n")
    r = build(seeds, None)
    check_invariants(r.corpus, r.tables)  # the build's own tables hold
    bad = pd.DataFrame([{"doc_id": "a000", "sent_id": 0, "start": 0, "end": 5, "quote": "NOT THE TEXT"}])
    with pytest.raises(BuildError, match="does not match quote"):
        check_invariants(r.corpus, {"amounts": bad})
    unknown = pd.DataFrame([{"doc_id": "zzz", "sent_id": 0, "start": 0, "end": 1, "quote": "x"}])
    with pytest.raises(BuildError, match="not an accepted document"):
        check_invariants(r.corpus, {"amounts": unknown})
    twice = pd.concat([r.corpus.documents] * 2, ignore_index=True)
    with pytest.raises(BuildError, match="duplicate doc_id: \\['a000'\\]"):
        check_invariants(type(r.corpus)(r.corpus.docs, twice, r.corpus.sentences, r.corpus.boilerplate,
                                        r.corpus.metadata), {}, spans=False)


def test_span_problems_of_one_documents_rows():
    doc = make_doc(TEXT, doc_id="d")
    good = {"doc_id": "d", "start": 13, "end": 21, "quote": "Jane Roe"}
    assert span_problems(doc, "talent_moves", [good]) == []
    assert span_problems(doc, "talent_moves", [{**good, "quote": "Jane Doe"}]) == [
        "talent_moves: span d[13:21] does not match quote 'Jane Doe'"]
    assert span_problems(doc, "talent_moves", [{**good, "doc_id": "other"}]) == [
        "talent_moves: span other[13:21] does not match quote 'Jane Roe'"]
    assert span_problems(doc, "talent_moves", [{**good, "end": 999}]) != []  # outside the text
    assert span_problems(doc, "talent_moves", [{**good, "start": 13.0}]) != []  # offsets are ints
    assert span_problems(doc, "talent_moves", [{"doc_id": "d", "start": None, "end": None, "quote": None}]) == [
        "talent_moves: row without a span in d"]
    # tables whose rows may have no span, or name their span columns differently
    assert span_problems(doc, "attributions", [{"doc_id": "d", "attr_start": None, "attr_end": None,
                                                "attr_quote": None}]) == []
    assert span_problems(doc, "mentions", [{"doc_id": "d", "start": 0, "end": 6, "surface": "Globex"}]) == []
    assert span_problems(doc, "mentions", [{"doc_id": "d", "start": 0, "end": 6, "surface": "Globe"}]) != []
