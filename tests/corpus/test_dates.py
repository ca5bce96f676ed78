import datetime as dt

import pytest

from analysis.corpus.dates import find_dates, find_event_date, resolve
from analysis.corpus.doc import make_doc

PUB = dt.date(2025, 7, 30)  # a Wednesday


@pytest.mark.parametrize("text,expected", [
    ("It shipped in March 2023.", ("2023-03-01", "month")),
    ("It shipped on 4 March 2023.", ("2023-03-04", "day")),
    ("It shipped on March 4th, 2023.", ("2023-03-04", "day")),
    ("Results for Q3 2024 were weak.", ("2024-07-01", "quarter")),
    ("Results for the third quarter of 2024 were weak.", ("2024-07-01", "quarter")),
    ("The goal is capacity by mid-2026.", ("2026-07-01", "half")),
    ("Sales fell in the first half of 2024.", ("2024-01-01", "half")),
    ("Guidance for 2026 rose.", ("2026-01-01", "year")),
    ("It was filed 2024-11-05.", ("2024-11-05", "day")),
])
def test_absolute_dates_need_no_publication_date(text, expected):
    d = make_doc(text)
    ev = find_event_date(d, d.sentences[0])
    assert (ev.date, ev.precision) == expected
    assert d.text[ev.start:ev.end] == ev.quote


@pytest.mark.parametrize("text,expected", [
    ("The deal closed in June.", ("2025-06-01", "month")),
    ("The deal closed in September.", ("2024-09-01", "month")),   # past tense: last September
    ("It will launch in September.", ("2025-09-01", "month")),    # future: the coming September
    ("It will launch in January.", ("2026-01-01", "month")),
    ("Analysts said earlier this month that costs rise.", ("2025-07-01", "month")),
    ("Sales rose last month.", ("2025-06-01", "month")),
    ("Costs rose last year.", ("2024-01-01", "year")),
    ("A week ago, news broke.", ("2025-07-21", "week")),
    ("It reports earnings on Wednesday.", ("2025-07-30", "day")),
    ("It said last Monday that it grew.", ("2025-07-28", "day")),
])
def test_relative_dates_resolve_against_publication(text, expected):
    d = make_doc(text, published=PUB)
    ev = find_event_date(d, d.sentences[0])
    assert (ev.date, ev.precision) == expected


def test_relative_dates_stay_unknown_without_publication_date():
    for text in ["The deal closed in June.", "Analysts said earlier this month.", "on Wednesday"]:
        d = make_doc(text)
        assert find_event_date(d, d.sentences[0]) is None


def test_month_needs_month_precision():
    d = make_doc("The deal closed in June.", published=dt.date(2025, 1, 1), published_precision="year")
    assert find_event_date(d, d.sentences[0]) is None


def test_not_dates():
    for text in ["2 billion daily users", "$2025 paid", "a 2025% rise", "May we go?", "450,000 users", "3.2025 ratio"]:
        assert [m.quote for m in find_dates(text)] == [], text


def test_nearest_date_to_fact_wins():
    d = make_doc("It released one model in April 2024 and, after a long wait, another in July 2025.")
    pos = d.text.index("another")
    assert find_event_date(d, d.sentences[0], near=pos).date == "2025-07-01"
    assert find_event_date(d, d.sentences[0], near=0).date == "2024-04-01"


def test_resolve_invalid_day_is_none():
    m = find_dates("February 30")[0]
    assert resolve(m, PUB, "day") is None


def test_may_is_a_month_only_after_a_time_preposition():
    d = make_doc("The model shipped in May, the company said.", published=PUB)
    assert find_event_date(d, d.sentences[0]).date == "2025-05-01"
    assert [m.quote for m in find_dates("It May be late. Costs may rise.")] == []
    assert [m.quote for m in find_dates("Sales since Sept. rose.")] == ["Sept."]


def test_past_tense_with_later_or_by_is_not_future():
    d = make_doc("She later joined the company in October.", published=PUB)
    assert find_event_date(d, d.sentences[0]).date == "2024-10-01"
    d = make_doc("The lab was founded by two researchers in October.", published=PUB)
    assert find_event_date(d, d.sentences[0]).date == "2024-10-01"
    d = make_doc("The company plans to open it in October.", published=PUB)
    assert find_event_date(d, d.sentences[0]).date == "2025-10-01"


def test_prefilter_skips_only_kinds_that_cannot_match(monkeypatch):
    """`find_dates` with the per-kind prefilter equals trying every pattern."""
    import random
    from analysis.corpus import dates as D
    pieces = ["in", "May", "Sept.", "July 30, 2025", "30 July", "Q3", "q2", "second-quarter", "QUARTER",
              "first half of 2024", "H2 2025", "mid-2025", "Monday", "on Friday", "last week", "LAST YEAR",
              "3 days ago", "two months ago", "yesterday", "Today", "a year earlier", "2025-07-29",
              "07/23 2025", "2019", "1985", "$2025", "20", "19", "x", ",", "1st", "4th quarter", "Dec"]
    rng = random.Random(3)
    texts = [" ".join(rng.choice(pieces) for _ in range(rng.randint(1, 8))) for _ in range(400)]
    got = [D.find_dates(t) for t in texts]
    every = {k for _, k in D._PATTERNS}
    monkeypatch.setattr(D, "_live_kinds", lambda text, start, end: every)
    assert got == [D.find_dates(t) for t in texts]


def test_year_regexes_equal_lookbehind_first_forms():
    """The bare-year patterns (look-behind after the first digit) find what the plain forms find."""
    import random
    import re
    from analysis.corpus import dates as D
    from analysis.corpus.metadata import _YEAR_RX
    plain = re.compile(r"(?<![$€£\d.,])\b" + D._YEAR + r"\b(?!-\d)")
    year = next(rx for rx, kind in D._PATTERNS if kind == "year")
    plain_meta = re.compile(r"(?<![$€£\d.,])\b(19[89]\d|20\d\d)\b(?![\d,.]\d|\s*%)")
    rng = random.Random(5)
    alphabet = list("12098 ,.$€£-%aZ_\n") + ["1999", "2025", "20", "19", "1985"]
    for _ in range(5000):
        t = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        for p in range(0, len(t) + 1, 5):
            assert [m.span() for m in year.finditer(t, p)] == [m.span() for m in plain.finditer(t, p)], (t, p)
        assert _YEAR_RX.findall(t) == plain_meta.findall(t), t
