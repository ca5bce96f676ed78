"""Findings of notebook 04 (models)."""
from __future__ import annotations

import pandas as pd

from analysis.report.format import md_escape, plural
from analysis.report.params import as_list
from analysis.report.views import models as views


def _concern(n: int) -> str:
    return "concerns" if n == 1 else "concern"


def overview(everything: pd.DataFrame, rows: pd.DataFrame, focus: str = "", events=None,
             shown_events: list[str] | None = None, unknown_events: list[str] | None = None) -> str:
    """Statements, documents and models in the table; the company in focus; the event types asked
    for; statements for the focus and for rivals; how many give a date."""
    text = (f"The model table holds {plural(len(everything), 'statement')} from "
            f"{plural(everything['doc_id'].nunique(), 'document')} about "
            f"{plural(everything['model'].nunique(), 'model')}.")
    hedged = views.hedged(everything) if "status" in everything else everything.iloc[:0]
    n_hedged = len(hedged)
    n_denied = int((hedged["status"] == "denied").sum()) if n_hedged else 0
    if n_hedged:
        parts = []
        if n_hedged - n_denied:
            n = n_hedged - n_denied
            parts.append(f"{plural(n, 'statement')} only {'considers' if n == 1 else 'consider'} or"
                         f" {'supposes' if n == 1 else 'suppose'} an event (status considered or hypothetical,"
                         " e.g. \"may abandon\")")
        if n_denied:
            parts.append(f"{plural(n_denied, 'statement')} {'denies' if n_denied == 1 else 'deny'} one"
                         " (status denied, e.g. \"denied it had delayed\")")
        text += f" {' and '.join(parts)}: not events, so left out of every chart and table below."
    text += f" The company in focus is **{md_escape(focus)}**." if focus else " No company is in focus."
    if as_list(events):
        text += f" Shown: only the event types {', '.join(shown_events or []) or '(none)'}"
        text += f" ({plural(len(everything) - n_hedged - len(rows), 'statement')} of other types left out)."
    if unknown_events:
        text += f" No statement has the requested type(s): {', '.join(unknown_events)}."
    if rows.empty:
        return text + "\n\n**Nothing matched these parameters**, so the charts and tables below are empty."
    mine = rows[rows["side"] == views.IN_FOCUS]
    rivals = rows[rows["side"] == views.RIVALS]
    text += (f" {plural(len(mine), 'statement')} {_concern(len(mine))} the company in focus"
             f" ({plural(mine['model'].nunique(), 'model')}),"
             f" {plural(len(rivals), 'statement')} {_concern(len(rivals))} {plural(rivals['org'].nunique(), 'rival')}"
             f" ({plural(rivals['model'].nunique(), 'model')}).")
    if focus and mine.empty:
        text += f" No event is attributed to {md_escape(focus)}."
    dated = rows["date"].notna()
    return text + (f" {int(dated.sum())} of the {plural(len(rows), 'statement')} give a date;"
                   f" {int((~dated).sum())} do not.")


def timeline(line: pd.DataFrame, rows: pd.DataFrame) -> str:
    """The first and last dated events (model and event type), dated events for the focus and for
    rivals, and the statements without a date; '' without dated events."""
    if line.empty:
        return ""
    by_date = line.sort_values("date")
    first, last = by_date.iloc[0], by_date.iloc[-1]
    per_side = line.groupby("side").size()
    n_undated = int(rows["date"].isna().sum())
    return (
        f"{plural(len(line), 'dated event')}, from {first['date_label']} (**{first['model']}**, {first['event']})"
        f" to {last['date_label']} (**{last['model']}**, {last['event']});"
        f" {int(per_side.get(views.IN_FOCUS, 0))} for the company in focus, {int(per_side.get(views.RIVALS, 0))}"
        f" for rivals. {plural(n_undated, 'statement')} without a date"
        f" {'is' if n_undated == 1 else 'are'} in the map and the list below."
    )


def _counts(summary: pd.DataFrame, column: str) -> str:
    return ", ".join(f"{n} {k}" for k, n in summary[column].value_counts().sort_index().items())


def models(summary: pd.DataFrame, focus: str = "") -> str:
    """Models by architecture and access, the most-reported model with its organisation, statements
    and events, and the focus company's models; '' without models."""
    if summary.empty:
        return ""
    mine = summary[summary["side"] == views.IN_FOCUS]
    busiest = summary.sort_values(["statements", "model"], ascending=[False, True], kind="stable").iloc[0]
    return (
        f"{plural(len(summary), 'model')}: architecture {_counts(summary, 'architecture')}; access"
        f" {_counts(summary, 'access')}. The most-reported is **{busiest['model']}** ({busiest['org']},"
        f" {plural(int(busiest['statements']), 'statement')}: {busiest['events']})."
        + (f" The company in focus has {plural(len(mine), 'model')} in the table." if focus else "")
    )
