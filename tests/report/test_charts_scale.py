"""Charts at corpus sizes the seeds never reach: past 40 documents, statements or models each chart
switches to aggregates (by month, by organisation, the top 40 plus 'others') so that no categorical
axis holds more than 40 categories, and big per-sentence charts carry summaries, not every point."""
import pandas as pd
import pytest

from analysis.report.charts import claims as cclaims
from analysis.report.charts import corpus as ccorpus
from analysis.report.charts import models as cmod
from analysis.report.charts import narratives as cnarr
from analysis.report.charts import parts
from analysis.report.charts import spending as cspend
from analysis.report.charts import talent as ctal
from analysis.report.views import claims as vclaims
from analysis.report.views import models as vmod
from analysis.report.views import narratives as vnarr
from analysis.report.views import spending as vspend
from analysis.report.views import talent as vtal
from conftest import model_event, move, theme_row

N = 120  # documents


@pytest.fixture
def many_documents():
    months = pd.date_range("2023-01-01", periods=N, freq="W")
    return pd.DataFrame({
        "doc_id": [f"d{i:03d}" for i in range(N)], "path": [f"{i}.txt" for i in range(N)],
        "title": [f"Article {i}" for i in range(N)], "outlet": [f"Outlet {i % 50}" for i in range(N)],
        "published": [d.strftime("%Y-%m-%d") if i % 10 else None for i, d in enumerate(months)],
        "published_precision": ["day" if i % 10 else "unknown" for i in range(N)], "date_source": "meta",
        "n_words": [300 + i for i in range(N)], "n_sentences": 10, "n_chars": 2000, "n_boilerplate": 1,
        "status": "ok", "reason": None})


def categories(fig, axis="y"):
    values = set()
    for t in fig.data:
        vals = getattr(t, axis, None)
        if vals is not None:
            values |= {v for v in vals if isinstance(v, str)}
    return values


def test_lump_others_and_periods():
    df = pd.DataFrame({"k": [f"c{i}" for i in range(50)] + ["c0"] * 5, "w": range(55)})
    lumped = parts.lump_others(df, "k", n=10)
    assert lumped["k"].nunique() == 10 and "(41 others)" in set(lumped["k"]) and "c0" in set(lumped["k"])
    assert parts.lump_others(df.head(5), "k", n=10) is not None and parts.lump_others(df.head(5), "k", n=10).equals(df.head(5))
    assert parts.top_values(df, "k", 1, weight="w") == ["c0"]
    assert [parts.period_of(x) for x in ("2025-07-23", "week of 2025-07-14", "2025-Q3", "2025", "undated", None)] == \
        ["2025-07", "2025-07", "2025", "2025", "undated", "undated"]
    assert parts.period_order(["undated", "2025-02", "2025", "2024-12"]) == ["2024-12", "2025", "2025-02", "undated"]


def test_corpus_charts_past_40_documents(many_documents):
    lengths = many_documents[["doc_id", "title", "n_words", "n_sentences"]]
    words = ccorpus.words_per_document(lengths).figure
    assert words.data[0].type == "histogram"
    removed = pd.DataFrame({"doc_id": many_documents["doc_id"], "rule": "share", "reason": "r", "n_lines": 1,
                            "n_chars": range(N), "share_of_text": 0.01})
    bars = ccorpus.boilerplate(removed).figure
    assert len(categories(bars)) == parts.MAX_CATEGORIES and "(81 other documents)" in categories(bars)


def test_narrative_charts_by_month_past_40_documents(many_documents):
    rows = pd.DataFrame([theme_row(d, s, "debate" if s % 2 else "plain", ((i + s) % 7 - 3) / 3.0,
                                   side="left" if i % 3 else "right")
                         for i, d in enumerate(many_documents["doc_id"]) for s in range(6)])
    grid = vnarr.theme_document_grid(rows, None, many_documents, ["debate", "plain"])
    heat = cnarr.theme_heatmap(grid)
    assert len(heat.figure.data[0].x) <= parts.MAX_CATEGORIES and heat.figure.data[0].x[-1] == "undated"
    assert heat.data["n_sentences"].sum() == len(rows)
    tones = vnarr.tone_by_theme(rows, many_documents, ["debate", "plain"])
    boxes = cnarr.tone_by_theme(tones, vnarr.tone_summary(tones))
    assert boxes.figure.data[0].boxpoints is False and len(boxes.data) == 2  # five numbers per theme, no points
    assert boxes.data["n_sentences"].sum() == len(rows)
    sides = vnarr.debate_sides(rows, many_documents, ["debate"])
    bars = cnarr.debate_sides(sides, vnarr.document_order(many_documents))
    assert len(categories(bars.figure, "x")) <= parts.MAX_CATEGORIES and bars.data["n_sentences"].sum() == len(rows) / 2


def test_claims_charts_past_40_documents(many_documents):
    att = pd.DataFrame({"doc_id": many_documents["doc_id"].repeat(2).to_numpy(), "sent_id": [0, 1] * N,
                        "attribution": ["anonymous", "on_record"] * N, "attribution_source": ["x", "Jo"] * N})
    mix = vclaims.attribution_mix(att, None, many_documents)
    chart = cclaims.attribution_mix(mix, vclaims.document_order(many_documents))
    assert len(categories(chart.figure)) <= parts.MAX_CATEGORIES
    assert chart.data.groupby("period")["share"].sum().round(3).eq(1).all()


def test_departures_by_organisation_past_40_statements(many_documents):
    moves = vtal.prepare(pd.DataFrame([move(doc_id=d, start=0, direction="leave", count=2 + i % 3,
                                            count_text="engineers", from_org=f"Org {i % 60}")
                                       for i, d in enumerate(many_documents["doc_id"])]), many_documents)
    chart = ctal.departures(vtal.departures(moves))
    assert len(categories(chart.figure)) <= parts.MAX_CATEGORIES
    assert chart.data["people"].sum() == sum(2 + i % 3 for i in range(N))


def test_model_charts_keep_the_40_most_reported_models():
    events = pd.DataFrame([model_event(doc_id=f"d{i}", start=j * 10, model=f"M{i}", event="release",
                                       event_date="2024-06-01", precision="day")
                           for i in range(60) for j in range(1 + (i == 7))])
    rows = vmod.prepare(events, None, "Acme")
    chart = cmod.timeline(vmod.timeline(rows), rows, ["release"])
    assert len(categories(chart.figure)) == parts.MAX_CATEGORIES and "M7" in categories(chart.figure)
    assert "40 most reported of 60 models" in chart.figure.layout.title.text
    emap = cmod.event_map(vmod.event_matrix(rows), rows, ["release"])
    assert len(categories(emap.figure)) == parts.MAX_CATEGORIES


def test_corroboration_counted_past_600_claims(claims, documents):
    view = vclaims.claims_view(claims, documents)
    many = pd.concat([view] * 250, ignore_index=True)
    chart = cclaims.corroboration(many)
    assert len(chart.data) == 2 and chart.data["claims"].sum() == len(many)
    assert sum(len(t.y) for t in chart.figure.data) == 2


def test_conflicts_coloured_by_attribution_past_10_documents(many_documents):
    rows = [{"claim_id": f"c{i % 3}", "kind": "amount", "claim": f"claim {i % 3}", "doc_id": d, "doc_order": i,
             "doc_label": d, "title": f"Article {i}", "outlet": "Wire", "published_label": "2024-01-01",
             "value": 1e9 * (1 + i), "value_high": None, "value_text": "$1 billion",
             "attribution": ["anonymous", "on_record", ""][i % 3], "start": 0, "end": 5, "quote": "quote"}
            for i, d in enumerate(many_documents["doc_id"])]
    conflicting = pd.DataFrame(rows)
    docs = vclaims.document_order(many_documents)
    fig = cclaims.conflicts(conflicting, docs).figure
    assert sorted(t.name for t in fig.data) == ["anonymous", "on_record", "unattributed"]  # not one per document
    assert sum(len(t.x) for t in fig.data) == N
    few = cclaims.conflicts(conflicting.head(cclaims.DOCUMENT_COLOURS_UP_TO), docs).figure
    assert len(few.data) == cclaims.DOCUMENT_COLOURS_UP_TO  # a colour per document


@pytest.fixture
def many_amounts(amount_rows, documents, sentences, mentions):
    """700 amounts: the five of `amount_rows` repeated with 120 subjects (and some without one), figures
    and dates spread out."""
    rows = pd.concat([amount_rows] * 140, ignore_index=True)
    rows["subject"] = [f"Org {i % 140}" if i % 7 else None for i in range(len(rows))]
    rows["value_usd"] = [1e6 * (1 + i) for i in range(len(rows))]
    rows["event_date"] = [f"{2020 + i % 5}-{1 + i % 12:02d}-01" for i in range(len(rows))]
    rows["event_date_precision"] = "month"
    return vspend.spending_facts(rows, documents, sentences, mentions)[0]


def test_spending_charts_past_600_amounts(many_amounts):
    n = len(many_amounts)
    boxes = cspend.amounts_by_label(many_amounts, "Org 3")
    assert [t.type for t in boxes.figure.data] == ["box", "scatter"]
    assert boxes.data["n_amounts"].sum() == n and (boxes.data["max"] >= boxes.data["q3"]).all()
    labels = set(many_amounts["label_shown"])
    assert set(boxes.figure.data[1].y) == set(range(len(labels)))  # the largest amount of each label, cited
    assert all("[" in h and "]" in h for h in boxes.figure.data[1].hovertext)
    months = cspend.commitments_timeline(many_amounts, "Org 3")
    assert months.data["n_amounts"].sum() == n
    names = [t.name for t in months.figure.data]
    named = many_amounts["subject"].nunique()  # 120 (and the unknown subject)
    assert len(names) == cspend.SUBJECTS_SHOWN and names[0] == "Org 3"
    assert cspend.others_label(named - cspend.SUBJECTS_SHOWN + 2) in names and vspend.UNKNOWN_SUBJECT in names
    assert sum(len(t.x) for t in months.figure.data) == len(months.data) < n
    # below the threshold: a point per amount, still at most SUBJECTS_SHOWN series
    dots = cspend.amounts_by_label(many_amounts, "Org 3", points_up_to=n)
    assert sum(len(t.x) for t in dots.figure.data if t.x[0] is not None) == n
    assert len({t.legendgroup for t in dots.figure.data if t.x[0] is not None}) <= cspend.SUBJECTS_SHOWN
