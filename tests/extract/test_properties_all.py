"""Property tests for every extractor of the build and for the loader: on any text they never raise,
and every row's span cuts exactly its quote out of the document text (`invariants.span_problems`).
A linear-cost check on generated hostile input: four times the input must not cost sixteen times the work."""
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.corpus.doc import make_doc
from analysis.corpus.limits import Limits
from analysis.corpus.load import process_file
from analysis.pipeline.build import EXTRACTORS, extract_document
from analysis.pipeline.invariants import span_problems

from tests.extract.test_properties import FRAGMENTS

# words every extractor reacts to: names, cue verbs, model names, quotes, dates, themes
MORE = [
    "Acme Corp", "Initech", "Globex", "Jane Roe", "John Smith", " hired ", " joined ", " left ",
    " poached ", " from ", " to lead ", " said", " said.", ", according to ", "“", "”", "\"",
    " launched ", " released ", " Llama 4", " Orion 2", " Orion 3", " model", " open-source ",
    " on Monday", " in June 2025", " last week", " safety", " superintelligence", " not ", " no ",
    " researchers", " scientist", "Roe", " and ", " or ", ", who ", "; ", " — ", "\n", "# ",
    "- ", "Mr. ", "Dr. ", "Inc. ", "’s ", " CEO ", " chief executive ", " team", "!", "?",
]
text_strategy = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(FRAGMENTS + MORE), max_size=80).map("".join),
)


def check_document(text: str) -> None:
    doc = make_doc(text)
    produced = extract_document(doc)
    assert set(produced) == {t for t, _fn, _cols in EXTRACTORS}
    for table, rows in produced.items():
        assert span_problems(doc, table, rows) == [], (table, rows)
        for r in rows:
            if "sent_id" in r and r["sent_id"] is not None and "start" in r and r["start"] is not None:
                sent = doc.sentences[r["sent_id"]]
                assert sent.start <= r["start"] and r["end"] <= sent.end, (table, r)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text_strategy)
def test_every_extractor_never_raises_and_cites_exactly(text):
    check_document(text)


EXTENSIONS = [".txt", ".md", ".html", ".htm", ".pdf", ""]
PIECES = [b"---\n", b"title: ", b"[", b"]", b": :", b"\n", b"<p>", b"</p>", b"<div>", b"<title>", b"</title>",
          b"\xff\xfe", b"\xef\xbb\xbf", b"\x00", b"\x93caf\xe9\x94", "caf\u00e9 \u2014 ".encode(),
          b"Acme said it would spend $5 billion on data centers. ", b"\r\n", b"# Heading\n", b"date: 2025-13-45\n"]
bytes_strategy = st.one_of(st.binary(max_size=600), st.lists(st.sampled_from(PIECES), max_size=40).map(b"".join))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=bytes_strategy, ext=st.sampled_from(EXTENSIONS))
def test_the_loader_never_raises_and_every_span_is_valid(tmp_path, data, ext):
    path = tmp_path / f"doc{ext}"
    path.write_bytes(data)
    row, doc, boiler, metas = process_file(path, Path(path.name), "doc", {}, Limits(tmp_path))
    assert row["status"] in ("ok", "rejected")
    if row["status"] == "rejected":
        assert doc is None and row["reason"]
        return
    assert doc is not None and doc.sentences
    for s in doc.sentences:
        assert doc.text[s.start:s.end] == s.text and s.text == s.text.strip() and s.text
    assert span_problems(doc, "boilerplate", boiler) == []
    assert span_problems(doc, "metadata", metas) == []


# ----------------------------------------------------------------------------- linear cost
def growth_ratio(make, n: int, repeat: int = 3) -> float:
    """time(4n) / time(n) of the whole per-document extraction, fastest of `repeat` runs each, in
    CPU time of this process (`time.process_time`: other jobs on the machine do not count; a ratio
    measured in one run: the machine's speed cancels out; no absolute time is asserted).
    Linear work gives about 4, quadratic work 16: the gap is wide enough that a slow spell of a
    shared machine does not decide the result."""
    def best(text):
        doc = make_doc(text)
        times = []
        for _ in range(repeat):
            t0 = time.process_time()
            extract_document(doc)
            times.append(time.process_time() - t0)
        return min(times)

    extract_document(make_doc(make(10)))  # warm-up: lexicons loaded
    return best(make(4 * n)) / best(make(n))


def test_cost_grows_linearly_on_hostile_input():
    from analysis.tools.hostile import many_names, money_sentence

    # quadratic work (the cost before this was fixed) grows 16x for 4x the input; linear 4x
    assert growth_ratio(money_sentence, 400) < 8.0
    assert growth_ratio(many_names, 750) < 8.0


def test_merge_of_thousands_of_names_is_linear():
    """`coreference._merge` on one line of thousands of names (it was quadratic: every new mention
    compared with every earlier one)."""
    from analysis.extract.coreference import _merge
    from analysis.extract.names import Mention

    def cost(n):
        base = [Mention(10 * i, 10 * i + 5, "x", "x", "person", False, 0, None, "pattern") for i in range(n)]
        extra = [Mention(10 * i + 6, 10 * i + 9, "y", "y", "person", False, 0, None, "pattern") for i in range(n)]
        extra += [Mention(10 * i + 1, 10 * i + 3, "z", "z", "person", False, 0, None, "pattern") for i in range(n)]
        times = []
        for _ in range(5):
            t0 = time.process_time()
            merged = _merge(base, extra)
            times.append(time.process_time() - t0)
        assert len(merged) == 2 * n  # the "z" mentions overlap a base one: dropped
        return min(times)

    assert cost(12000) / cost(3000) < 8.0  # linear: ~4; quadratic: ~16


def test_attribution_over_thousands_of_attributed_sentences_is_linear():
    """`attribution.attribute` on a document of thousands of attributed sentences (it was
    quadratic: every sentence looked through every earlier attribution for the last five)."""
    from analysis.extract.attribution import attribute
    from analysis.tools.hostile import attributed_sentences

    def cost(n):
        doc = make_doc(attributed_sentences(n))
        times = []
        for _ in range(3):
            t0 = time.process_time()
            rows = attribute(doc)
            times.append(time.process_time() - t0)
        assert len(rows) == n and all(r["attribution"] != "unattributed" for r in rows)
        return min(times)

    attribute(make_doc(attributed_sentences(10)))  # warm-up: cues loaded
    assert cost(12000) / cost(3000) < 8.0  # linear: ~4; quadratic: ~16


def test_model_names_over_thousands_of_versioned_names_are_linear():
    """`extract_model_events` on a document of thousands of different versioned names (it was
    quadratic: the whole document was read again for each name, to see whether it is no model)."""
    import string

    from analysis.extract.mentions import find_mentions
    from analysis.extract.models import extract_model_events

    def name(i):
        return "".join(string.ascii_lowercase[i // 26 ** k % 26] for k in range(3)).capitalize() + "ium"

    def cost(n):
        doc = make_doc(" ".join(f"The {name(i)} 3 model was released by Initech." for i in range(n)))
        mentions = find_mentions(doc)
        times = []
        for _ in range(3):
            t0 = time.process_time()
            rows = extract_model_events(doc, mentions)
            times.append(time.process_time() - t0)
        assert len(rows) == n
        return min(times)

    cost(10)  # warm-up: lexicons loaded
    assert cost(2400) / cost(600) < 8.0  # linear: ~4; quadratic: ~16


def test_words_before_reads_as_findall_over_the_whole_span():
    """`clauses.words_before` reads a window before `hi`, growing it as needed; it gives what a
    findall over the whole span gives (random texts of words, quotes, digits and separators)."""
    import random
    import re

    from analysis.extract.clauses import words_before

    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice("ab’' ,.\n-_9") for _ in range(rng.randint(0, 400)))
        lo = rng.randint(0, len(text))
        hi = rng.randint(lo, len(text))
        n = rng.randint(1, 3)
        assert words_before(text, lo, hi, n) == re.findall(r"[\w’']+", text[lo:hi])[-n:], (text, lo, hi, n)
