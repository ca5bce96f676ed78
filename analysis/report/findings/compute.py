"""Findings of notebook 02 (compute)."""
from __future__ import annotations

import pandas as pd

from analysis.report.findings.spending import filters_text, window_text
from analysis.report.format import md_escape, plural
from analysis.report.views import compute as views


def overview(facts: pd.DataFrame, report, focus: str = "", company: str = "", date_from: str = "",
             date_to: str = "", unit: str = "") -> str:
    """Compute figures given, the filters and what they removed, and what remains per unit and
    status, approximate, and the named clusters or sites."""
    units = views.parse_unit(unit)
    text = (f"The articles give {plural(report.n_in, 'compute figure')}. Filters applied: figures from "
            + filters_text(report, focus, company, window_text(date_from, date_to),
                           f", unit {units[0]} only" if unit else ""))
    if facts.empty:
        return text + "**No compute figure matched these filters**, so the charts and tables below are empty."
    per_unit = facts["unit"].value_counts()
    per_status = facts["status_shown"].value_counts()
    n_named = facts.loc[facts["named"], "label"].nunique()
    return text + (
        f"**{plural(len(facts), 'figure')}** remain: "
        + ", ".join(plural(int(per_unit.get(u, 0)), views.UNIT_NOUNS[u]) for u in units)
        + "; " + ", ".join(f"{n} {s}" for s, n in per_status.items())
        + f"; {int(facts['approximate'].sum())} approximate or order-of-magnitude; "
        + (f"{plural(n_named, 'named cluster or site', 'named clusters or sites')}." if n_named else
           "no named cluster or site."))


def unplaced(unplaced_rows: pd.DataFrame, facts: pd.DataFrame) -> str:
    """The heading of the list of figures that cannot be placed in time."""
    if len(unplaced_rows):
        return f"**Not placed in time ({len(unplaced_rows)}).** Neither an event date nor a dated article."
    return "Every figure shown could be placed in time." if len(facts) else "No figure, so none to list as unplaced."


def named_clusters(clusters: pd.DataFrame) -> str:
    """Every named cluster or site with the figures given for it, their status and mentions."""
    if clusters.empty:
        return "No named cluster or site among these figures."
    return "Named in the articles: " + "; ".join(
        f"**{md_escape(label)}**: " + ", ".join(f"{r.figures} ({r.statuses}, {plural(r.n_mentions, 'mention')})"
                                    for r in part.itertuples())
        for label, part in clusters.groupby("label", sort=True)) + "."
