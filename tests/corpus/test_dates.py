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


def test_bare_years_are_not_amounts_or_numbers():
    from analysis.corpus.dates import find_dates
    from analysis.corpus.metadata import _years_in

    text = "In 2024, $2025 and €1999 and 1.2025 and 20250 and 2023% and 2025-26 and x2021; 2019's plan."
    assert [(m.quote, m.year) for m in find_dates(text) if m.precision == "year"] == [("2024", 2024), ("2019", 2019)]
    assert _years_in(text) == {2024, 2025, 2019}  # (a range "2025-26" names its first year)
