"""Charts of notebook 03 (talent): flows between organisations, named moves over time, departures."""
from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from analysis import config
from analysis.report.charts import Chart
from analysis.report.charts.parts import MAX_CATEGORIES, lump_others, padded_range, with_hover
from analysis.report.format import format_usd, plural, wrap
from analysis.report.views import talent as views


def flows(links: pd.DataFrame, focus: str = "") -> Chart:
    """A Sankey of the moves from the organisation left to the one joined, band widths the people
    moving; the company in focus (and its units) in the first colour, unknown ends grey. A band's
    hover: who moved, the first quote, its article and date, and how many of the people are stated."""
    if links.empty:
        return Chart(None, links)
    nodes = views.sankey_nodes(links, focus)
    index = {n: i for i, n in enumerate(nodes)}
    node_colours = ["#BBBBBB" if n in (views.UNKNOWN_FROM, views.UNKNOWN_TO) else
                    config.PALETTE[0] if views.belongs_to(n, focus) else config.PALETTE[1] for n in nodes]
    custom = [[wrap(r.who), wrap(r.quote), wrap(r.title), r.date_label,
               f"{r.people_stated} stated" + (f" + {plural(r.n_unsized, 'group')} of unstated size, drawn as 1 each"
                                              if r.n_unsized else "")]
              for r in links.itertuples()]
    fig = go.Figure(go.Sankey(
        arrangement="fixed",
        node={"label": views.node_labels(links, nodes), "color": node_colours, "pad": 18, "thickness": 16,
              "hovertemplate": "<b>%{label}</b><extra></extra>"},
        link={"source": [index[s] for s in links["source"]], "target": [index[t] for t in links["target"]],
              "value": links["people"].tolist(), "customdata": custom, "color": "rgba(0,114,178,0.25)",
              "hovertemplate": ("<b>%{source.label} → %{target.label}</b>: %{value} (%{customdata[4]})<br>"
                                "who: %{customdata[0]}<br>evidence: %{customdata[1]}<br>"
                                "article: %{customdata[2]}<br>date: %{customdata[3]}<extra></extra>")},
    ))
    fig.update_layout(title="Talent flows between organisations (people; groups at their stated size)",
                      height=max(360, 60 * len(nodes)), font={"size": 12})
    return Chart(fig, links)


def named_moves(named: pd.DataFrame) -> Chart:
    """One point per dated named move on the person's row: colour the direction, marker whether
    the date is the event's or the report's; labelled with organisations, role and pay."""
    dated = named[named["date"].notna()].copy()
    if dated.empty:
        return Chart(None, dated)
    dated["label"] = views.move_labels(dated)
    dated = with_hover(dated, hover_quote="quote", hover_title="title")
    dated["pay"] = dated["pay_usd"].map(format_usd)
    dated["role"] = dated["role"].fillna("")
    order = list(dict.fromkeys(dated["person"]))
    fig = px.scatter(
        dated, x="date", y="person", color="direction", symbol="date_basis", text="label",
        category_orders={"person": order, "direction": list(views.MOVES),
                         "date_basis": [views.EVENT_BASIS, views.PUBLISHED_BASIS]},
        color_discrete_sequence=config.PALETTE,
        hover_data={"hover_quote": True, "hover_title": True, "date_label": True, "role": True, "pay": True,
                    "n_statements": True, "date": False, "person": False, "label": False, "date_basis": True},
        labels={"date": "date of the move", "person": "", "hover_quote": "evidence", "hover_title": "article",
                "date_label": "date", "n_statements": "statements", "date_basis": "date from",
                "direction": "move"},
        title="Named moves: who moved when, in what role, for how much",
    )
    fig.update_traces(marker={"size": 13}, textposition="middle right", textfont={"size": 11})
    fig.update_layout(height=220 + 45 * len(order), legend={"orientation": "h", "y": -0.2},
                      xaxis={"range": padded_range(dated["date"], 0.1, 0.9, pd.Timedelta(days=30))})
    return Chart(fig, dated)


def departures(dep: pd.DataFrame) -> Chart:
    """A bar per departure statement, grouped by the organisation left: its length the stated
    number of people, hatched (and one long) when the size is not stated."""
    if dep.empty:
        return Chart(None, dep)
    if len(dep) > MAX_CATEGORIES:
        return departures_by_organisation(dep)
    data = with_hover(dep, hover_quote="quote", hover_title="title")
    data["size"] = data["size_stated"].map({True: "stated", False: "not stated"})
    fig = px.bar(
        data, x="weight", y="label", color="from_org", orientation="h", pattern_shape="size", text="size_label",
        category_orders={"label": list(data["label"]), "size": ["stated", "not stated"]},
        pattern_shape_map={"stated": "", "not stated": "/"}, color_discrete_sequence=config.PALETTE,
        hover_data={"hover_quote": True, "hover_title": True, "date_label": True, "to_org": True,
                    "label": False, "weight": False, "size": False},
        labels={"weight": "people (stated number; one if not stated)", "label": "", "from_org": "left",
                "to_org": "to", "hover_quote": "evidence", "hover_title": "article", "date_label": "date",
                "size": "size"},
        title="Departures, statement by statement",
    )
    fig.update_traces(textposition="outside", cliponaxis=False)
    fig.update_layout(height=200 + 32 * len(data), legend={"orientation": "h", "y": -0.15}, margin={"l": 10})
    return Chart(fig, data)


def departures_by_organisation(dep: pd.DataFrame) -> Chart:
    """Past `MAX_CATEGORIES` statements: a bar per organisation left (the most left first, the rest
    as one bar), its length the people who left, split into stated sizes and groups of unstated
    size (counted as one each)."""
    d = lump_others(dep, "from_org", weight="weight", noun="other organisations")
    d = d.assign(size=d["size_stated"].map({True: "stated", False: "not stated"}))
    data = (d.groupby(["from_org", "size"], sort=False)
            .agg(people=("weight", "sum"), statements=("weight", "size")).reset_index())
    order = list(data.groupby("from_org", sort=False)["people"].sum().sort_values(ascending=False, kind="stable").index)
    fig = px.bar(data, x="people", y="from_org", color="size", orientation="h", pattern_shape="size",
                 category_orders={"from_org": order, "size": ["stated", "not stated"]},
                 pattern_shape_map={"stated": "", "not stated": "/"}, color_discrete_sequence=config.PALETTE,
                 hover_data={"statements": True},
                 labels={"people": "people (stated number; one per group of unstated size)", "from_org": "left",
                         "size": "size"},
                 title=f"Departures by organisation left ({len(dep)} statements)")
    fig.update_layout(height=200 + 24 * len(order), legend={"orientation": "h", "y": -0.15})
    return Chart(fig, data)
