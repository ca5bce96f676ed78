"""Findings of notebook 06 (claims)."""
from __future__ import annotations

import pandas as pd

from analysis.report.format import md_escape, plural
from analysis.report.views import claims as views


def corroboration(view: pd.DataFrame, counts: pd.DataFrame, min_sources: int = 1, focus: str = "") -> str:
    """Claims corroborated by two or more documents and single-source ones, the best-corroborated
    kind, the most widely reported claim, and the claims naming the company in focus."""
    if view.empty:
        return "No claims to summarise."
    n_corr = int((view["status"] == views.CORROBORATED).sum())
    text = (f"Of {plural(len(view), 'claim')}" + (f" reported by at least {min_sources} documents" if min_sources > 1 else "")
            + f", {n_corr} {'is' if n_corr == 1 else 'are'} corroborated by two or more documents"
            f" and {len(view) - n_corr} rest on a single document.")
    if n_corr:
        per_kind = counts[counts["status"] == views.CORROBORATED]
        best = per_kind.sort_values(["share", "kind"], ascending=[False, True]).iloc[0]
        text += f" The kind best corroborated is **{best['kind']}** ({best['share']:.0%} of its claims)."
        top = view.sort_values(["n_sources", "claim"], ascending=[False, True]).iloc[0]
        text += f" The most widely reported claim is *{md_escape(top['claim'])}* ({plural(int(top['n_sources']), 'document')})."
    if focus:
        text += f" {int(view['mentions_focus'].sum())} of the claims name **{md_escape(focus)}** in their key or quotes."
    return text


def no_corroboration_chart(min_sources: int = 1) -> str:
    """What stands in place of the corroboration chart when no claim is left."""
    return f"No claim is reported by at least {plural(min_sources, 'document')}."


def sourcing(mix: pd.DataFrame) -> str:
    """The share of sentences attributed to a source and to unnamed sources, and the document
    leaning most on unnamed sources, with the sources it names."""
    if mix.empty:
        return "No attribution table to summarise."
    summary = views.sourcing_summary(mix)
    share = dict(zip(summary["attribution"], summary["share"]))
    attributed = sum(share[k] for k in summary["attribution"] if k != "unattributed")
    anon = mix[mix["attribution"] == "anonymous"].sort_values(["share", "doc_order"], ascending=[False, True])
    text = (f"Across the corpus {attributed:.0%} of sentences are attributed to a source; "
            f"{share.get('anonymous', 0):.0%} rest on unnamed sources.")
    if len(anon):
        top = anon.iloc[0]
        text += (f" The document leaning most on them is *{md_escape(top['title'])}* ({top['published_label']}):"
                 f" {top['share']:.0%} of its sentences ({md_escape(top['sources'])}).")
        text += f" {plural(anon['doc_id'].nunique(), 'document')} of {mix['doc_id'].nunique()} cite unnamed sources at all."
    return text


def no_conflict_chart(view: pd.DataFrame, conflicting: pd.DataFrame) -> str:
    """What stands in place of the conflicts chart when no conflicting claim has a numeric value."""
    return (f"No conflicts: among {plural(len(view), 'claim')} shown, no two documents give disagreeing values"
            + (" for any number." if len(conflicting) == 0
               else " for any number (conflicting model-event dates are listed below)."))


def conflicts(conflicting: pd.DataFrame) -> str:
    """How many claims have conflicting values."""
    n = conflicting["claim_id"].nunique()
    return f"{plural(n, 'claim')} with conflicting values." if n else "No claim has conflicting values."


def histories(timeline: pd.DataFrame, focus: str = "") -> str:
    """Models with reported events, the longest history step by step, the focus company's models,
    and the steps without any date."""
    if timeline.empty:
        return "No model events in this build."
    longest = timeline.groupby("model", sort=False)["step"].max().sort_values(ascending=False, kind="stable")
    m = longest.index[0]
    path = " → ".join(timeline.loc[timeline["model"] == m, "event"])
    text = f"{plural(timeline['model'].nunique(), 'model')} with reported events. The longest history is **{m}**: {path}."
    if focus:
        own = timeline.loc[timeline["org"].astype(str).str.casefold() == focus.casefold(), "model"].nunique()
        text += f" {own} of the models are attributed to **{md_escape(focus)}**."
    n_undated = int(timeline["date"].isna().sum())
    if n_undated:
        text += f" {plural(n_undated, 'step')} carry no date at all and are listed below."
    return text
