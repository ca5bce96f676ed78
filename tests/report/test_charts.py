"""Every chart builder on the small tables of conftest.py: the traces, points, axes and hover
texts it draws, the table saved beside it, and no figure (not an error) when there is nothing to draw."""
import json

import pandas as pd
import pytest

from analysis.report.charts import claims as cclaims
from analysis.report.charts import compute as ccomp
from analysis.report.charts import corpus as ccorpus
from analysis.report.charts import models as cmod
from analysis.report.charts import narratives as cnarr
from analysis.report.charts import parts
from analysis.report.charts import spending as cspend
from analysis.report.charts import talent as ctal
from analysis.report.views import claims as vclaims
from analysis.report.views import corpus as vcorpus
from analysis.report.views import models as vmod
from analysis.report.views import narratives as vnarr
from analysis.report.views import spending as vspend
from analysis.report.views import talent as vtal


def hover(fig) -> str:
    """The figure's traces as one string, to find the texts a reader can hover (hover texts,
    custom data, labels) in."""
    return json.dumps(fig.to_dict()["data"], ensure_ascii=False, default=str)


# ----------------------------------------------------------------------------- parts

def test_with_hover_wraps_a_copy():
    df = pd.DataFrame({"quote": ["word " * 30]})
    out = parts.with_hover(df, hover_quote="quote")
    assert "hover_quote" not in df and out["hover_quote"].iloc[0].count("<br>") == 2


def test_unit_axis_ticks():
    assert "dtick" not in parts.unit_axis("GPU", [1e6, 1.3e6])
    assert parts.unit_axis("MW", [200, 5000])["dtick"] == "D2"
    assert parts.unit_axis("GPU", [])["tickformat"] == "~s" and parts.unit_axis("MW")["type"] == "log"


def test_date_axis_range_pads_both_sides():
    lo, hi = parts.date_axis_range(pd.Series(pd.to_datetime(["2024-01-01", "2025-01-01"])),
                                   pd.Series(pd.to_datetime(["2024-02-01", "2026-01-01"])))
    assert lo < "2024-01-01" and hi > "2026-01-01"
    assert parts.date_axis_range(pd.Series([], dtype="datetime64[ns]")) == []


def test_period_segments_skip_points(amounts):
    facts, _ = amounts
    tl = vspend.commitment_timeline(facts)
    xs, ys = parts.period_segments(tl, "event_date", "event_end", "value_usd")
    # the month-long euro deal and the year-long plan, each as start, end, gap
    assert xs == [pd.Timestamp("2024-06-01"), pd.Timestamp("2024-07-01"), None,
                  pd.Timestamp("2025-01-01"), pd.Timestamp("2026-01-01"), None]
    assert ys == [2.2e9, 2.2e9, None, 5e9, 5e9, None]
    assert parts.period_segments(tl.assign(event_end=tl["event_date"]), "event_date", "event_end", "value_usd") == ([], [])


# ----------------------------------------------------------------------------- 00 corpus

def test_publication_timeline(documents, metadata):
    chart = ccorpus.publication_timeline(vcorpus.publication_timeline(documents, metadata))
    traces = chart.figure.data
    assert sorted(t.name for t in traces) == ["day", "month"]  # a marker per precision
    assert sum(len(t.x) for t in traces) == 2  # the two dated documents
    assert "10 March 2024" in hover(chart.figure) and "hover_quote" in chart.data
    empty = ccorpus.publication_timeline(vcorpus.publication_timeline(documents.iloc[2:], metadata))
    assert empty.figure is None and empty.data.empty


def test_words_and_boilerplate(documents, boilerplate):
    words = ccorpus.words_per_document(vcorpus.word_counts(documents))
    bar = words.figure.data[0]
    assert bar.orientation == "h" and list(bar.x) == [40, 80, 120] and list(bar.y) == ["d3", "d2", "d1"]
    assert "Acme bets big" in hover(words.figure)
    removed = ccorpus.boilerplate(vcorpus.boilerplate_by_document(boilerplate, documents))
    assert sorted(t.name for t in removed.figure.data) == ["newsletter", "share"]
    assert ccorpus.boilerplate(vcorpus.boilerplate_by_document(boilerplate.iloc[0:0], documents)).figure is None


# ----------------------------------------------------------------------------- 01 spending

def test_subject_colours_focus_first_unknown_grey(amounts):
    facts, _ = amounts
    colours = cspend.subject_colours(facts, "Globex")
    assert list(colours)[0] == "Globex" and colours[vspend.UNKNOWN_SUBJECT] == parts.GREY


def test_amounts_by_label(amounts):
    facts, _ = amounts
    chart = cspend.amounts_by_label(facts, "Acme")
    fig = chart.figure
    points = [t for t in fig.data if t.x[0] is not None]
    assert [t.name for t in points] == ["Acme", "Globex", "Jane Roe", vspend.UNKNOWN_SUBJECT]
    assert sum(len(t.x) for t in points) == 5 and fig.layout.xaxis.type == "log"
    vague = next(t for t in points if t.name == vspend.UNKNOWN_SUBJECT)
    assert list(vague.marker.symbol) == ["circle-open"] and list(vague.error_x.array) == [9e9]
    assert "<b>$5 billion</b>" in hover(fig) and "as reported: 2 billion EUR" in hover(fig)
    assert {"exact figure", "approximate or order of magnitude", "range, low to high"} <= {t.name for t in fig.data}
    assert "hover" not in chart.data and len(chart.data) == 5
    assert cspend.amounts_by_label(facts.iloc[0:0]).figure is None


def test_commitments_timeline(amounts):
    facts, _ = amounts
    fig = cspend.commitments_timeline(facts).figure
    assert fig.data[0].name == "period of the date" and fig.layout.xaxis.type == "date"
    points = [t for t in fig.data if t.mode == "markers+text"]
    assert sorted(x for t in points for x in t.x) == [pd.Timestamp("2024-06-01"), pd.Timestamp("2025-01-01")]
    assert {x for t in points for x in t.text} == {"acquisition", "investment"}
    assert fig.layout.yaxis.type == "log" and "€2 billion" in hover(fig)
    undated_only = facts[facts["event_date"].isna()]
    assert cspend.commitments_timeline(undated_only).figure is None


# ----------------------------------------------------------------------------- 02 compute

def test_compute_over_time(compute_facts):
    facts, _ = compute_facts
    chart = ccomp.compute_over_time(facts, ["GPU", "MW"])
    fig = chart.figure
    assert [a.text for a in fig.layout.annotations] == ["accelerators (GPU count)", "power capacity (MW)"]
    assert fig.layout.yaxis.type == "log" and fig.layout.yaxis2.type == "log" and fig.layout.xaxis.type == "date"
    targets = [t for t in fig.data if t.name == "target" and t.x[0] is not None]
    assert [list(t.text) for t in targets] == [["<b>Zephyr</b>"]]  # 2GW told twice, drawn once; named in bold
    assert "d1 [0:3]<br>—<br>" in hover(fig) and "d1 [50:53]" in hover(fig)  # both quotes in the one hover
    assert chart.data["n_mentions"].max() == 2 and "hover" not in chart.data
    only_mw = ccomp.compute_over_time(facts, ["MW"]).figure
    assert [a.text for a in only_mw.layout.annotations] == ["power capacity (MW)"]
    assert ccomp.compute_over_time(facts[facts["fact_date"].isna()], ["GPU", "MW"]).figure is None


# ----------------------------------------------------------------------------- 03 talent

def test_flows_sankey(moves):
    links = vtal.flows(moves)
    fig = ctal.flows(links, "Acme").figure
    sankey = fig.data[0]
    labels = list(sankey.node.label)
    assert labels[0].startswith("Acme:") and labels[-1].startswith(vtal.UNKNOWN_TO)
    assert sorted(sankey.link.value) == sorted(links["people"])
    assert sankey.node.color[0] == "#0072B2"  # the company in focus in the first colour
    assert "qd10" in hover(fig) and "drawn as 1 each" in hover(fig)
    assert ctal.flows(vtal.flows(moves.iloc[0:0]), "Acme").figure is None


def test_named_moves_chart(moves):
    named = vtal.named_moves(moves)
    chart = ctal.named_moves(named)
    xs = sorted(pd.Timestamp(x) for t in chart.figure.data for x in t.x)
    assert xs == [pd.Timestamp("2024-02-01"), pd.Timestamp("2024-11-01")]  # the undated move is not drawn
    assert "Globex → Acme · chief scientist · $200 million" in hover(chart.figure)
    assert list(chart.data["pay"]) == ["$200 million", ""] and "hover_quote" in chart.data
    assert ctal.named_moves(named[named["date"].isna()]).figure is None


def test_departures_chart(moves):
    chart = ctal.departures(vtal.departures(moves))
    bars = chart.figure.data
    assert {t.orientation for t in bars} == {"h"}
    assert sorted(x for t in bars for x in t.x) == [1, 1, 5]
    assert {t.marker.pattern.shape for t in bars} == {"", "/"}  # the unstated size hatched
    assert list(chart.data["size"]).count("not stated") == 1
    assert ctal.departures(vtal.departures(moves[moves["direction"] == "join"])).figure is None


# ----------------------------------------------------------------------------- 04 models

def test_model_timeline_and_event_map(model_rows):
    events = ["announce", "release", "delay"]
    line = vmod.timeline(model_rows)
    chart = cmod.timeline(line, model_rows, events)
    assert sorted(x for t in chart.figure.data for x in t.x) == [pd.Timestamp("2024-02-01"), pd.Timestamp("2024-06-01")]
    assert {t.marker.symbol for t in chart.figure.data} == {"star", "circle"}
    assert "announce · moe" in hover(chart.figure) and "qd10" in hover(chart.figure)
    assert cmod.timeline(line.iloc[0:0], model_rows, events).figure is None
    grid = cmod.event_map(vmod.event_matrix(model_rows), model_rows, events)
    assert sum(len(t.x) for t in grid.figure.data) == 3  # announce, release (two statements), delay
    assert list(grid.figure.layout.xaxis.categoryarray) == events
    assert cmod.org_colours(model_rows)["Acme (in focus)"] == "#0072B2"
    assert cmod.event_map(vmod.event_matrix(model_rows.iloc[0:0]), model_rows, events).figure is None


# ----------------------------------------------------------------------------- 05 narratives

def test_theme_heatmap(theme_rows, documents):
    grid = vnarr.theme_document_grid(theme_rows, None, documents, ["debate", "plain"])
    heat = cnarr.theme_heatmap(grid).figure.data[0]
    assert list(heat.y) == ["debate", "plain"] and len(heat.x) == 3  # every analysed document, zeros included
    assert heat.z[0][0] == pytest.approx(2 / 6, abs=1e-4) and heat.text[1][2] == 2
    assert "d1-1 $quote" in json.dumps(heat.customdata.tolist())
    assert cnarr.theme_heatmap(vnarr.theme_document_grid(theme_rows.iloc[0:0], None, documents, ["plain"])).figure is None


def test_tone_by_theme_chart(theme_rows, documents):
    tones = vnarr.tone_by_theme(theme_rows, documents, ["debate", "plain"])
    chart = cnarr.tone_by_theme(tones, vnarr.tone_summary(tones))
    box = chart.figure.data[0]
    assert box.type == "box" and len(box.x) == 7 and box.boxpoints == "all"
    # most negative median first, i.e. at the top (plotly lists a y axis's categories bottom up)
    assert list(chart.figure.layout.yaxis.categoryarray) == ["debate", "plain"]
    assert "d3-1 $quote" in hover(chart.figure)
    assert cnarr.tone_by_theme(tones.iloc[0:0], vnarr.tone_summary(tones.iloc[0:0])).figure is None


def test_debate_sides_chart(theme_rows, documents):
    sides = vnarr.debate_sides(theme_rows, documents, ["debate", "plain"])
    chart = cnarr.debate_sides(sides, vnarr.document_order(documents))
    assert [t.name for t in chart.figure.data] == ["left", "right", vnarr.NO_SIDE]
    assert cnarr.side_colours(sides)[vnarr.NO_SIDE] == cnarr.NO_SIDE_COLOUR
    assert sum(t.y.sum() for t in chart.figure.data) == 4 and "d1-1 $quote" in hover(chart.figure)
    assert cnarr.debate_sides(sides.iloc[0:0], vnarr.document_order(documents)).figure is None


# ----------------------------------------------------------------------------- 06 claims

def test_corroboration_chart(claims, documents):
    view = vclaims.claims_view(claims, documents)
    chart = cclaims.corroboration(view)
    by_status = {t.name: sum(t.y) for t in chart.figure.data}
    assert by_status == {vclaims.CORROBORATED: 2, vclaims.SINGLE: 1}
    assert "Globex investment 10000000000.0" in hover(chart.figure) and "hover_titles" in chart.data
    assert cclaims.corroboration(view.iloc[0:0]).figure is None


def test_attribution_mix_chart(attributions, sentences, documents):
    mix = vclaims.attribution_mix(attributions, sentences, documents)
    chart = cclaims.attribution_mix(mix, vclaims.document_order(documents))
    assert {t.name for t in chart.figure.data} == {"anonymous", "unattributed", "on_record"}
    assert chart.figure.layout.xaxis.range == (0, 1) and "insiders" in hover(chart.figure)
    assert cclaims.attribution_mix(mix.iloc[0:0], documents).figure is None


def test_conflicts_chart(claims, documents):
    conflicting = vclaims.conflicts(claims, documents)
    chart = cclaims.conflicts(conflicting, vclaims.document_order(documents))
    assert chart.figure.layout.xaxis.type == "log"
    assert sorted(x for t in chart.figure.data for x in t.x) == [10e9, 20e9]
    assert "Globex investment 20000000000.0" in hover(chart.figure) and chart.data.equals(conflicting)
    dates_only = conflicting.assign(value=None)
    assert cclaims.conflicts(dates_only, documents).figure is None


def test_model_histories_chart(model_events, documents):
    timeline = vclaims.model_timeline(model_events, documents, "Acme")
    chart = cclaims.model_histories(timeline)
    lines = [t for t in chart.figure.data if t.mode == "lines"]
    points = [t for t in chart.figure.data if t.mode == "markers"]
    assert len(lines) == 2 and sum(len(t.x) for t in points) == 3  # Zeta 2's two steps; Omega's one
    assert {t.marker.symbol for t in points} == {"circle", "diamond"}  # Omega placed at its first report
    assert chart.data.equals(timeline) and "qd10" in hover(chart.figure)
    assert cclaims.model_histories(timeline[timeline["date"].isna()]).figure is None
