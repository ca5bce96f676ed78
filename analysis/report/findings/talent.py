"""Findings of notebook 03 (talent)."""
from __future__ import annotations

import pandas as pd

from analysis.report.format import format_usd, md_escape, plural
from analysis.report.views import talent as views


def overview(everything: pd.DataFrame, moves: pd.DataFrame, focus: str = "", date_from: str = "",
             date_to: str = "", include_attempts: bool = True, filter_notes: list[str] | None = None) -> str:
    """Statements in the talent table, what the parameters show and leave out, and the moves kept
    by direction with the named people who moved."""
    scope = [f"moves to or from **{md_escape(focus)}**" if focus else "all organisations"]
    if date_from or date_to:
        scope.append(f"dated {'from ' + date_from if date_from else ''}{' ' if date_from and date_to else ''}"
                     f"{'to ' + date_to if date_to else ''}")
    if not include_attempts:
        scope.append("attempts and rumours excluded")
    text = (f"The talent table holds {plural(len(everything), 'statement')} from "
            f"{plural(everything['doc_id'].nunique(), 'document')}. Shown: {', '.join(scope)}.")
    if filter_notes:
        text += " Left out: " + "; ".join(filter_notes) + "."
    if moves.empty:
        return text + ("\n\n**Nothing matched these parameters**: no statement of the talent table fits them,"
                       " so the charts and tables below are empty.")
    by_dir = moves["direction"].value_counts()
    people = moves.loc[moves["direction"].isin(views.MOVES), "person"].dropna().nunique()
    parts = [plural(int(by_dir[d]), *views.DIRECTION_NOUNS[d]) for d in views.DIRECTIONS if by_dir.get(d, 0)]
    return text + f" Kept: {', '.join(parts)} (statements); {plural(people, 'named person', 'named people')} moved."


def flows(links: pd.DataFrame) -> str:
    """The widest flow with its people, the organisations with most arrivals and departures, and
    how many flows have both ends named; '' without flows."""
    if links.empty:
        return ""
    outflow = (links[links["source"] != views.UNKNOWN_FROM].groupby("source")["people"].sum()
               .sort_values(ascending=False, kind="stable"))
    inflow = (links[links["target"] != views.UNKNOWN_TO].groupby("target")["people"].sum()
              .sort_values(ascending=False, kind="stable"))
    top = links.iloc[0]
    known = links[(links["source"] != views.UNKNOWN_FROM) & (links["target"] != views.UNKNOWN_TO)]
    unsized = int(links["n_unsized"].sum())
    return (
        f"{plural(len(links), 'flow')} between {plural(len(set(links.source) | set(links.target)), 'node')}."
        f" The widest runs from **{md_escape(top['source'])}** to **{md_escape(top['target'])}**"
        f" ({plural(int(top['people_stated']), 'person', 'people')} in stated numbers"
        + (f", plus {plural(int(top['n_unsized']), 'group')} of unstated size" if top['n_unsized'] else "")
        + ")."
        + (f" Most arrivals: **{inflow.index[0]}** ({int(inflow.iloc[0])})." if len(inflow) else "")
        + (f" Most departures: **{outflow.index[0]}** ({int(outflow.iloc[0])})." if len(outflow) else "")
        + f" {plural(len(known), 'flow')} {'has' if len(known) == 1 else 'have'} both ends named."
        + (f" {plural(unsized, 'group').capitalize()} of unstated size {'is' if unsized == 1 else 'are'} drawn"
           " as one person each." if unsized else "")
    )


def named_moves(named: pd.DataFrame) -> str:
    """Named moves and their statements, the dates they span, how many give a role or pay (naming
    who was paid what), and how many are undated."""
    if named.empty:
        return "No named person's move matches the parameters."
    with_pay = named[named["pay_usd"].notna()]
    with_role = named[named["role"].fillna("") != ""]
    undated = named[named["date"].isna()]
    dates = named["date"].dropna()
    return (
        f"{plural(len(named), 'named move')} ({plural(int(named['n_statements'].sum()), 'statement')})"
        + (f", dated from {dates.min():%Y-%m-%d} to {dates.max():%Y-%m-%d}" if len(dates) else "")
        + f"; {len(with_role)} with a role, {len(with_pay)} with reported pay"
        + "".join(f" (**{md_escape(r.person)}**: {format_usd(r.pay_usd)})" for r in with_pay.itertuples())
        + "." + (f" {plural(len(undated), 'move')} without any date {'is' if len(undated) == 1 else 'are'} listed below."
                 if len(undated) else "")
    )


def departures(summary: pd.DataFrame) -> str:
    """Departure statements, and the organisation with the most: named people, groups, people in
    groups of stated size, groups of unstated size; '' without departures."""
    if summary.empty:
        return ""
    top = summary.iloc[0]
    return (
        f"{plural(int(summary['statements'].sum()), 'departure statement')} from"
        f" {plural(len(summary), 'organisation')}. **{md_escape(top['from_org'])}** has the most:"
        f" {plural(int(top['statements']), 'statement')}: {plural(int(top['named']), 'named person', 'named people')}"
        f" and {plural(int(top['groups']), 'group')}"
        + (f"; the groups of stated size add up to {plural(int(top['people_in_sized_groups']), 'person', 'people')}"
           if top['groups'] > top['unsized_groups'] else "")
        + (f"; {plural(int(top['unsized_groups']), 'group')} {'has' if top['unsized_groups'] == 1 else 'have'}"
           " no stated size" if top['unsized_groups'] else "")
        + ". Different articles, or sentences of one article, may describe the same departures: the totals"
        " above and the widths of the flows add statements up and can count the same people twice."
    )


def attempts(attempts_rows: pd.DataFrame, include_attempts: bool = True) -> str:
    """Attempts and rumours by kind and the people or organisations they aim at (the first eight)."""
    if not include_attempts:
        return "Attempts and rumours are excluded by the `include_attempts` parameter."
    if attempts_rows.empty:
        return "No hiring attempt or rumour matches the parameters."
    by = attempts_rows.groupby("direction").size()
    targets = list(dict.fromkeys(attempts_rows["target"]))
    return (", ".join(plural(int(by[d]), d) for d in views.NOT_MOVES if d in by)
            + f", aimed at {plural(len(targets), 'target')}: " + "; ".join(targets[:8])
            + ("…" if len(targets) > 8 else "") + ".")
