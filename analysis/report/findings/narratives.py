"""Findings of notebook 05 (narratives)."""
from __future__ import annotations

import pandas as pd

from analysis.report.format import md_escape, plural
from analysis.report.views import narratives as views
from analysis.report.views.context import UNKNOWN_OUTLET


def overview(docs: pd.DataFrame, shown: list[str], theme_rows: pd.DataFrame, themes=None,
             unknown: list[str] | None = None) -> str:
    """Documents and themes shown (of those found when `themes` chose some), sentences touching a
    theme, undated documents, requested themes not in the data."""
    n_undated = int((~docs["dated"]).sum()) if len(docs) else 0
    found = views.theme_order(None, theme_rows)
    return (
        f"{plural(len(docs), 'analysed document')}, {plural(len(shown), 'theme')} shown"
        + (f" (of {len(found)} found in the articles)" if themes else "")
        + f"; {theme_rows.drop_duplicates(['doc_id', 'sent_id']).shape[0]} sentences touch at least one theme."
        + (f" {plural(n_undated, 'document')} {'has' if n_undated == 1 else 'have'} no publication date"
           f" and {'is' if n_undated == 1 else 'are'} placed last, labelled *undated*." if n_undated else "")
        + (f" Not in the data, so left out: {', '.join(unknown)}." if unknown else "")
    )


def heatmap(grid: pd.DataFrame) -> str:
    """The most-discussed theme (sentences, documents), the highest concentration of a theme in a
    document, and the themes no document mentions."""
    if grid.empty or grid["n_sentences"].sum() == 0:
        return "Nothing to summarise: no theme sentences."
    per_theme = grid.groupby("theme", sort=False)["n_sentences"].sum().sort_values(ascending=False, kind="stable")
    n_docs = grid[grid["n_sentences"] > 0].groupby("theme", sort=False)["doc_id"].nunique()
    top = grid.sort_values(["share", "theme_order", "doc_order"], ascending=[False, True, True]).iloc[0]
    absent = [t for t in per_theme.index if per_theme[t] == 0]
    return (
        f"The most-discussed theme is **{per_theme.index[0]}** ({plural(int(per_theme.iloc[0]), 'sentence')}"
        f" in {plural(int(n_docs.get(per_theme.index[0], 0)), 'document')})."
        f" The highest concentration is **{md_escape(top['theme'])}** in *{md_escape(top['title'])}* ({top['published_label']}):"
        f" {top['share']:.0%} of its sentences."
        + (f" No document mentions: {', '.join(absent)}." if absent else "")
    )


def tone(summary: pd.DataFrame) -> str:
    """The most negative and most positive theme by median tone (`views.tone_summary` order)."""
    if summary.empty:
        return "No theme sentences, so no tone to compare."
    lo, hi = summary.iloc[0], summary.iloc[-1]
    return (
        f"The most negative theme by median tone is **{lo['theme']}** (median {lo['median_tone']:+.2f};"
        f" {lo['share_negative']:.0%} of its {plural(int(lo['n_sentences']), 'sentence')} read negative);"
        f" the most positive is **{hi['theme']}** (median {hi['median_tone']:+.2f})."
        " Tone scores the words used, so a sentence reporting a setback in upbeat language still scores high."
    )


def _leading_sides(taken: pd.DataFrame) -> pd.Series:
    """How many documents each side leads (most sentences; 'tied' when two sides share the most)."""
    per_doc = taken.pivot_table(index="doc_id", columns="side", values="n_sentences", aggfunc="sum", fill_value=0)
    return per_doc.apply(lambda r: r.idxmax() if (r == r.max()).sum() == 1 else "tied", axis=1).value_counts()


def debates(sides: pd.DataFrame) -> str:
    """Per debate theme: sentences per side, the side leading overall, and in how many documents
    each side leads."""
    if sides.empty:
        return "No debate theme has sentences taking a side."
    lines = []
    for theme, g in sides.groupby("theme", sort=False):
        taken = g[g["side"] != views.NO_SIDE]
        if taken.empty:
            lines.append(f"- **{theme}**: {plural(int(g['n_sentences'].sum()), 'sentence')}, none taking a side.")
            continue
        totals = taken.groupby("side")["n_sentences"].sum().sort_values(ascending=False, kind="stable")
        leaders = _leading_sides(taken)
        overall = ("evenly split overall" if len(totals) > 1 and totals.iloc[0] == totals.iloc[1]
                   else f"mostly *{totals.index[0]}* overall")
        lines.append(
            f"- **{theme}**: " + ", ".join(f"{s} {int(n)}" for s, n in totals.items())
            + f" sentences, {overall}; of the {plural(taken['doc_id'].nunique(), 'document')} taking a side,"
            " leading side: " + ", ".join(f"{s} in {int(n)}" for s, n in leaders.sort_index().items()) + ".")
    return "\n".join(lines)


def strongest_quotes(quotes: pd.DataFrame) -> str:
    """The strongest quotes as Markdown: a heading per theme, each quote as a block quote followed
    by its tone, source, document, outlet, date and span (doc_id:start-end)."""
    if quotes is None or quotes.empty:
        return "No theme sentences to quote."
    out = []
    for theme, g in quotes.groupby("theme", sort=False):
        out.append(f"### {md_escape(theme)}")
        for r in g.sort_values("rank").itertuples(index=False):
            who = md_escape(r.attribution) if r.attribution else "source not known"
            if r.attribution_source:
                who += f" ({md_escape(r.attribution_source)})"
            side = f", side *{md_escape(r.side)}*" if r.side else ""
            outlet = f", {md_escape(r.outlet)}" if r.outlet and r.outlet != UNKNOWN_OUTLET else ""
            out.append(f"> {md_escape(r.quote)}\n\n"
                       f"tone {float(r.tone):+.2f}{side} · {who} · *{md_escape(r.title)}*{outlet},"
                       f" {md_escape(r.published_label)} · `{r.doc_id}:{int(r.start)}-{int(r.end)}`\n")
    return "\n".join(out)


def focus(focus_rows: pd.DataFrame, focus_name: str = "") -> str:
    """How many theme sentences name the company in focus, and the theme most tied to it."""
    if not focus_name or focus_rows.empty:
        return "No company in focus (no organisation mentions) or no theme sentences."
    top = focus_rows.sort_values(["share_with_focus", "theme"], ascending=[False, True]).iloc[0]
    return (f"{focus_rows['n_with_focus'].sum()} of {plural(int(focus_rows['n_sentences'].sum()), 'theme sentence')}"
            " (a sentence counts once per theme)"
            f" name **{md_escape(focus_name)}**; the theme most tied to it is **{md_escape(top['theme'])}**"
            f" ({top['share_with_focus']:.0%} of its sentences).")
