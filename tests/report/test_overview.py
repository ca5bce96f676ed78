"""The front page's views, findings and timeline on the small invented tables of conftest.py."""
import pandas as pd
import pytest

from analysis.report.charts import overview as charts
from analysis.report.findings import overview as findings
from analysis.report.format import evidence_anchor
from analysis.report.runner import discover
from analysis.report.views import overview as views


@pytest.fixture
def rows(amounts, compute_facts, moves, model_rows):
    return {views.MONEY: amounts[0], views.COMPUTE: compute_facts[0], views.TALENT: moves, views.MODELS: model_rows}


@pytest.fixture
def events(rows):
    return views.events(rows)


def test_events_hold_every_kind_with_its_page_and_anchor(rows, events):
    assert set(events["kind"]) == set(views.KINDS)
    assert (events["kind"] == views.MONEY).sum() == len(rows[views.MONEY])
    assert (events["kind"] == views.TALENT).sum() == rows[views.TALENT]["direction"].isin(["join", "leave"]).sum()
    first = events.iloc[0]
    assert first["anchor"] == evidence_anchor(first["doc_id"], first["start"], first["end"])
    assert set(events["page"]) == set(views.PAGES.values())
    dated = events["date"].dropna()
    assert dated.is_monotonic_increasing and events["date"].isna().sum() == events.tail(events["date"].isna().sum())["date"].isna().sum()


def test_headlines_cite_the_largest_figures_with_links(events, rows):
    text, cited = findings.headlines(events, rows, "Acme")
    assert "**Acme**" in text and "\\$113 billion to \\$118 billion" in text  # the largest amount first
    assert text.index("\\$113 billion") < text.index("\\$5 billion")
    money = views.largest(events, views.MONEY)
    assert f"(01-spending.ipynb#{money.iloc[0]['anchor']})" in text and money.iloc[0]["anchor"] in cited
    assert "- **1 million GPUs** cluster (target)" in text and "- **2,000 MW** Zephyr (target) (2026-01-01)" in text
    assert "(02-compute.ipynb#ev-d1-0-3)" in text  # the first statement of the 2GW target said twice
    assert "Ann Lee" in text and "Zeta 2" in text  # the paid move, the focus company's release
    assert all(a.startswith("ev-") for a in cited) and len(cited) == text.count("[evidence](")


def test_headlines_on_nothing():
    empty = pd.DataFrame(columns=views.EVENT_COLUMNS)
    text, cited = findings.headlines(empty, {}, "Acme")
    assert "No amount" in text and cited == []


def test_timeline_points_then_months(events):
    chart = charts.timeline(events)
    assert sum(len(t.x) for t in chart.figure.data) == events["date"].notna().sum()
    assert "“" in str(chart.figure.data[0].hovertext[0])
    monthly = charts.timeline(events, aggregate_at=2)
    assert "by month" in monthly.figure.layout.title.text and monthly.data["n_events"].sum() == events["date"].notna().sum()
    assert charts.timeline(events.iloc[0:0]).figure is None


def test_pages_list_every_notebook_in_order():
    text = findings.pages(discover())
    links = [line.split("](")[1].split(")")[0] for line in text.splitlines()]
    assert links == [f"{p.stem}.ipynb" for p in discover()]
