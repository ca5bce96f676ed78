"""Findings of notebook 01 (spending)."""
from __future__ import annotations

import pandas as pd

from analysis.report.format import format_usd, md_escape, plural
from analysis.report.views import spending as views


def filters_text(report: views.FilterReport, focus: str, company: str, window: str, extra: str = "") -> str:
    """The filters applied and what they removed, as one sentence ending in '. '. `window` is the
    date-window phrase of `window_text`; `extra` a further filter ('of at least $1 billion')."""
    removed = "; ".join(f"{n} {reason}" for reason, n in report.removed.items())
    return ("documents that mention "
            + (f"**{md_escape(focus)}**" + (" (the organisation the corpus mentions most)" if not company else "") if focus
               else "any company")
            + window + extra + (f"; removed: {removed}" if removed else "; none was removed") + ". ")


def window_text(date_from: str, date_to: str) -> str:
    """' dated between 2024-01-01 and the latest date', or '' without a date bound."""
    if not (date_from or date_to):
        return ""
    return f" dated between {date_from or 'the earliest date'} and {date_to or 'the latest date'}"


def overview(amounts: pd.DataFrame, report: views.FilterReport, focus: str = "", company: str = "",
             date_from: str = "", date_to: str = "", min_usd: float = 0.0) -> str:
    """Amounts stated, the filters and what they removed, and what remains: approximate, ranges,
    dated, converted from other currencies."""
    window = window_text(date_from, date_to)
    text = f"The articles state {plural(report.n_in, 'amount')} of money. "
    if focus or window or min_usd > 0:
        text += "Filters applied: amounts from " + filters_text(
            report, focus, company, window, f", of at least {format_usd(min_usd)}" if min_usd > 0 else "")
    else:
        text += "No filter applied. "
    if amounts.empty:
        return text + "**No amount matched these filters**, so the charts and tables below are empty."
    n_approx = int(amounts["approximate"].sum())
    n_range = int((amounts["is_range"] & ~amounts["approximate"]).sum())
    foreign = amounts[amounts["native_text"] != ""]
    n_dated = int(amounts["event_date"].notna().sum())
    return text + (
        f"**{plural(len(amounts), 'amount')}** from {plural(amounts['doc_id'].nunique(), 'document')} remain: "
        f"{n_approx} approximate or order-of-magnitude, {n_range} stated as a range, "
        f"{n_dated} with an event date and {len(amounts) - n_dated} without. "
        + (f"{plural(len(foreign), 'amount')} {'was' if len(foreign) == 1 else 'were'} reported in another "
           f"currency ({', '.join(sorted(foreign['currency'].unique()))}) and converted to US dollars."
           if len(foreign) else "Every amount was reported in US dollars."))


def largest_by_label(amounts: pd.DataFrame) -> str:
    """Per label, from the largest down: its amounts and its largest figure with the quote, the
    document and the subject."""
    largest = views.largest_by_label(amounts)
    if largest.empty:
        return "No amount, so no label to summarise."
    lines = [f"- **{md_escape(r.label)}**: {plural(r.n, 'amount')}, the largest {r.value_text} "
             f"(“{md_escape(r.quote)}”, {r.doc_id}; subject: {md_escape(r.subject)})" for r in largest.itertuples()]
    return "Largest stated figure per label (the lower figure of a range), from the largest down:\n\n" + "\n".join(lines)


def undated(undated_rows: pd.DataFrame, amounts: pd.DataFrame) -> str:
    """The heading of the list of amounts without an event date."""
    if len(undated_rows):
        return (f"**Without an event date ({len(undated_rows)}).** Their article's publication date is shown for "
                "context; it is when the figure was reported, not when the money moves.")
    return "Every amount shown has an event date." if len(amounts) else "No amount, so none to list without a date."
