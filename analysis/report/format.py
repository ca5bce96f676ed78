"""How the report writes values: numbers, dollars, ranges, dates at their precision, counts, quotes.

The one place for text formatting shared by the views, charts and findings. A blank cell (None, NaN,
empty string; see `analysis.pipeline.values.is_blank`) formats as '' unless a function says otherwise.
"""
from __future__ import annotations

import re
import textwrap

import pandas as pd

from analysis.pipeline.values import is_blank, text_or_empty

UNDATED = "undated"
SCALE_WORDS = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>#|$~"})
_UNESCAPED_DOLLAR = re.compile(r"(?<!\\)\$")


def format_number(v) -> str:
    """A number in words from a million up, to three significant digits ('14.3 billion',
    '200 million'); below, plain figures ('350,000', '850', '8.88'); '' if blank."""
    if is_blank(v):
        return ""
    v = float(v)
    for size, word in SCALE_WORDS:
        if abs(v) >= size:
            return f"{v / size:,.3g} {word}"
    return f"{v:,.0f}" if abs(v) >= 100 or v.is_integer() else f"{v:.3g}"


def format_usd(v) -> str:
    """An amount in US dollars: '$14.3 billion', '$850,000', '-$5 million'; '' if blank."""
    s = format_number(v)
    if not s:
        return ""
    return f"-${s[1:]}" if s.startswith("-") else f"${s}"


def format_range(low, high, fmt=format_usd) -> str:
    """'$1 billion', or '$113 billion to $118 billion' when the high figure differs; '' without a
    low figure."""
    if is_blank(low):
        return ""
    if is_blank(high) or float(high) == float(low):
        return fmt(low)
    return f"{fmt(low)} to {fmt(high)}"


def date_label(value, precision=None, blank: str = UNDATED) -> str:
    """A date written at its precision: '2025-07-23' (day), 'week of 2025-07-14', '2025-07' (month),
    '2025-Q3', '2025-H2', '2025' (year); `blank` (default 'undated') when there is no date. An
    unknown precision prints the day."""
    if is_blank(value):
        return blank
    d = pd.Timestamp(str(value)[:10])
    p = text_or_empty(precision).lower()
    if p == "year":
        return f"{d.year}"
    if p == "half":
        return f"{d.year}-H{1 if d.month <= 6 else 2}"
    if p == "quarter":
        return f"{d.year}-Q{(d.month - 1) // 3 + 1}"
    if p == "month":
        return f"{d:%Y-%m}"
    if p == "week":
        return f"week of {d:%Y-%m-%d}"
    return f"{d:%Y-%m-%d}"


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 document', '3 documents' ('2 people' with many='people')."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def wrap(text, width: int = 60) -> str:
    """Hover text: a long quote wrapped with <br> so the tooltip stays readable; '' if blank."""
    if is_blank(text):
        return ""
    return "<br>".join(textwrap.wrap(str(text), width))


def shorten(text, width: int) -> str:
    """Whitespace collapsed, cut to `width` characters with '…' when longer; '' if blank."""
    s = " ".join(text_or_empty(text).split())
    return s if len(s) <= width else s[: width - 1].rstrip() + "…"


def md_escape(text) -> str:
    """Text safe inside Markdown (and free of `$`, which Jupyter would read as LaTeX)."""
    return " ".join(text_or_empty(text).split()).translate(_MD_SPECIAL)


def md_dollars(text) -> str:
    """Markdown with every `$` not already escaped written as `\\$`, so JupyterLab's MathJax never
    reads the text between two amounts as LaTeX (the rest of the Markdown is left as written)."""
    return _UNESCAPED_DOLLAR.sub(r"\\$", text_or_empty(text))


def evidence_anchor(doc_id, start, end) -> str:
    """The HTML id of an evidence row: 'ev-' and the document id, start and end, with any character
    outside letters, digits, '-' and '_' replaced, so a link from another page can find the row."""
    raw = f"{text_or_empty(doc_id)}-{int(start)}-{int(end)}"
    return "ev-" + re.sub(r"[^A-Za-z0-9_-]", "_", raw)
