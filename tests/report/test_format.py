"""report.format: the one place the report writes numbers, dollars, ranges and dates."""
import pandas as pd
import pytest

from analysis.report import format as fmt


@pytest.mark.parametrize("v,text", [(5e9, "5 billion"), (1.43e10, "14.3 billion"), (2e8, "200 million"),
                                    (1.2e12, "1.2 trillion"), (1.25e9, "1.25 billion"), (350000, "350,000"),
                                    (5000, "5,000"), (850, "850"), (8.88, "8.88"), (float("nan"), ""), (None, "")])
def test_format_number(v, text):
    assert fmt.format_number(v) == text


def test_format_usd():
    assert fmt.format_usd(2.5e8) == "$250 million"
    assert fmt.format_usd(3.4e9) == "$3.4 billion" and fmt.format_usd(2e12) == "$2 trillion"
    assert fmt.format_usd(850000) == "$850,000"
    assert fmt.format_usd(-5e6) == "-$5 million"
    assert fmt.format_usd(None) == "" and fmt.format_usd(float("nan")) == ""


def test_format_range():
    assert fmt.format_range(113e9, 118e9) == "$113 billion to $118 billion"
    assert fmt.format_range(5e9, 5e9) == "$5 billion"
    assert fmt.format_range(5e9, None) == "$5 billion"
    assert fmt.format_range(None, 5e9) == ""
    assert fmt.format_range(2e6, 3e6, fmt.format_number) == "2 million to 3 million"


@pytest.mark.parametrize("date,prec,text", [("2025-07-01", "half", "2025-H2"), ("2025-01-01", "half", "2025-H1"),
                                             ("2025-04-01", "quarter", "2025-Q2"), ("2025-01-01", "year", "2025"),
                                             ("2025-03-01", "month", "2025-03"), ("2025-07-14", "week", "week of 2025-07-14"),
                                             ("2025-07-14", "day", "2025-07-14"), ("2025-07-14", None, "2025-07-14"),
                                             ("2025-07-14", "unknown", "2025-07-14"),
                                             (pd.Timestamp("2025-07-01"), "MONTH", "2025-07"),
                                             ("2025-07-14T09:30:00", "day", "2025-07-14")])
def test_date_label_writes_the_date_at_its_precision(date, prec, text):
    assert fmt.date_label(date, prec) == text


def test_date_label_without_a_date():
    assert fmt.date_label(None) == fmt.UNDATED == "undated"
    assert fmt.date_label(pd.NaT, "day") == "undated" and fmt.date_label(float("nan"), "day", blank="") == ""


def test_plural():
    assert fmt.plural(1, "document") == "1 document" and fmt.plural(0, "document") == "0 documents"
    assert fmt.plural(2, "person", "people") == "2 people"


def test_wrap_and_shorten():
    assert fmt.wrap("a " * 40, 20).count("<br>") == 3 and fmt.wrap(None) == "" and fmt.wrap(float("nan")) == ""
    assert fmt.shorten("  a   long\ntitle here ", 11) == "a long tit…" and fmt.shorten("short", 11) == "short"
    assert fmt.shorten(None, 5) == ""


def test_md_escape():
    assert fmt.md_escape("It cost $5 *now* in T_1") == "It cost \\$5 \\*now\\* in T\\_1"
    assert fmt.md_escape(None) == ""
