"""Findings of the front page (notebooks/index.ipynb): the headline facts about the company in
focus, each with its figure, its quote, article and date, and a link to its evidence row on the
topic page (`views.overview`); the list of pages."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.report import pages as report_pages
from analysis.report.format import md_escape, plural
from analysis.report.views import overview as views


def citation(r) -> str:
    """“quote” — *article*, date · [evidence](page.ipynb#anchor) (the exported page's row)."""
    return (f"“{md_escape(r.quote)}” — *{md_escape(r.title or r.doc_id)}*, {md_escape(r.published_label)}"
            f" · [evidence]({r.page}.ipynb#{r.anchor})")


def _items(rows: pd.DataFrame, figure: bool = True) -> list[str]:
    out = []
    for r in rows.itertuples():
        head = f"**{md_escape(r.value_text)}** " if figure and r.value_text else ""
        when = f" ({r.date_label}{', by the article date' if r.date_basis == 'publication' else ''})"
        out.append(f"- {head}{md_escape(r.what)}{when if r.date_label != 'undated' else ''}: {citation(r)}")
    return out


def headlines(ev: pd.DataFrame, rows: dict[str, pd.DataFrame], focus: str) -> tuple[str, list[str]]:
    """The headline findings as Markdown, and the anchors of the evidence rows they link to."""
    if ev.empty:
        return (f"No amount, compute figure, move or model event was found for **{md_escape(focus)}**.", [])
    sections, cited = [], []

    def add(title: str, picked: pd.DataFrame, intro: str = "", figure: bool = True) -> None:
        if picked.empty:
            return
        sections.append(f"**{title}.** {intro}".rstrip() + "\n\n" + "\n".join(_items(picked, figure)))
        cited.extend(picked["anchor"])

    add("The largest amounts", views.largest(ev, views.MONEY))
    compute = pd.concat([views.largest(ev, views.COMPUTE, 1, u, rows[views.COMPUTE]) for u in ("GPU", "MW")])
    add("The compute build-out", compute, "The largest GPU count and the largest power figure.")
    add("The most important moves", views.key_moves(ev, rows[views.TALENT]),
        "Named people, the best-paid first, then the latest.")
    releases, setbacks = views.model_steps(ev, rows[views.MODELS])
    add("Model releases", releases.head(3), figure=False)
    add("Model setbacks", setbacks.head(3), "Delays, withdrawals and cancellations.", figure=False)
    counts = ev["kind"].value_counts()
    summary = (f"For **{md_escape(focus)}** the articles give "
               + ", ".join(plural(int(counts.get(k, 0)), w) for k, w in
                           ((views.MONEY, "amount"), (views.COMPUTE, "compute figure"),
                            (views.TALENT, "move"), (views.MODELS, "model event")))
               + ". Each finding below links to the row of evidence it stands on.")
    return "\n\n".join([summary, *sections]), cited


def narratives(themes: pd.DataFrame | None, claims_counts: pd.DataFrame | None, n: int = 3) -> str:
    """The dominant themes (sentences, documents) and how well the claims are sourced."""
    parts = []
    if themes is not None and len(themes):
        per = themes.drop_duplicates(["doc_id", "sent_id", "theme"]).groupby("theme")
        top = per.size().sort_values(ascending=False, kind="stable").head(n)
        docs = per["doc_id"].nunique()
        parts.append("**The dominant narratives** ([05 · narratives](05-narratives.ipynb)): "
                     + "; ".join(f"**{md_escape(t)}** ({plural(int(c), 'sentence')} in {plural(int(docs[t]), 'document')})"
                                 for t, c in top.items()) + ".")
    if claims_counts is not None and len(claims_counts):
        total = int(claims_counts["n_claims"].sum())
        corr = int(claims_counts.loc[claims_counts["status"] == "corroborated", "n_claims"].sum())
        parts.append(f"**How well sourced** ([06 · claims](06-claims.ipynb)): {corr} of {plural(total, 'claim')}"
                     f" {'is' if corr == 1 else 'are'} reported by more than one document; the others rest on a single source.")
    return "\n\n".join(parts)


def pages(notebooks: list[Path]) -> str:
    """The pages in order: a link to each notebook (the exported page in the HTML), its title and
    first paragraph."""
    out = []
    for path in notebooks:
        cells = report_pages.cells(path)
        out.append(f"1. [{md_escape(report_pages.title(cells) or path.stem)}]({path.stem}.ipynb): "
                   f"{md_escape(report_pages.summary(cells))}")
    return "\n".join(out)
