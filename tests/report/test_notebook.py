"""report.notebook: the helpers every notebook calls, on a tiny processed folder in tmp_path."""
import json
import re

import pandas as pd
import plotly.graph_objects as go
import pytest
from IPython.display import Markdown

from analysis.report import notebook as nb
from analysis.report.charts import Chart
from analysis.report.format import evidence_anchor
from analysis.report.tables import Table


@pytest.fixture
def processed(tmp_path):
    d = tmp_path / "processed"
    (d / "text").mkdir(parents=True)
    (d / "text" / "a.txt").write_text("Hooli hires Ann.", encoding="utf-8")
    pd.DataFrame({"doc_id": ["a"], "status": ["ok"]}).to_csv(d / "documents.csv", index=False)
    pd.DataFrame({"doc_id": ["a", "a", "a"], "entity": ["Hooli", "Ann", "Hooli"],
                  "type": ["org", "person", "org"]}).to_csv(d / "mentions.csv", index=False)
    (d / "build_info.json").write_text(json.dumps({"corpus_hash": "abc123", "code_version": "0123abc"}))
    return d


def test_load_needs_a_build(tmp_path):
    with pytest.raises(FileNotFoundError, match="run `python -m analysis build` first"):
        nb.load(str(tmp_path))


def test_tables_get_and_focus(processed):
    tables = nb.load(str(processed))
    assert tables.get("mentions") is not None and tables.get("claims") is None
    empty = tables.get("claims", ["claim_id", "kind"])
    assert empty.empty and list(empty.columns) == ["claim_id", "kind"]
    with pytest.raises(FileNotFoundError, match="did not produce the 'claims' table"):
        tables["claims"]
    assert nb.focus_company(tables) == "Hooli" and nb.focus_company(tables, "Globex") == "Globex"


def test_verify_quotes_counts_and_refuses_a_wrong_span(processed):
    tables = nb.load(str(processed))
    good = pd.DataFrame({"doc_id": ["a", "a"], "start": [0, 12], "end": [5, 15], "quote": ["Hooli", "Ann"]})
    no_span = pd.DataFrame({"doc_id": ["a"], "start": [None], "end": [None], "quote": ["x"]})
    assert tables.verify_quotes(good, no_span, pd.DataFrame()) == 2
    with pytest.raises(ValueError, match=r"a\[0:5\] is not the quote 'hires'"):
        tables.verify_quotes(good.assign(quote="hires"))


def test_save_figure_writes_the_table_and_the_figure(tmp_path):
    data = pd.DataFrame({"x": [1, 2]})
    fig = go.Figure(go.Bar(x=[1, 2]))
    assert nb.save_figure(Chart(fig, data), "07-test", str(tmp_path)).figure is fig
    assert pd.read_csv(tmp_path / "07-test.csv")["x"].tolist() == [1, 2]
    assert json.loads((tmp_path / "07-test.plotly.json").read_text())["data"][0]["type"] == "bar"
    shown = nb.save_figure(Chart(None, data.iloc[0:0]), "07-empty", str(tmp_path), empty="Nothing to draw.")
    assert isinstance(shown, Markdown) and shown.data == nb.MATH_IGNORED.format("Nothing to draw.")
    assert (tmp_path / "07-empty.csv").exists() and not (tmp_path / "07-empty.plotly.json").exists()
    assert nb.save_figure(Chart(None, data), "07-quiet", str(tmp_path)) is None


def test_table_markdown_and_show(monkeypatch):
    df = pd.DataFrame({"a": [1]})
    assert isinstance(nb.table(df), Table) and nb.table(df).data.equals(df) and nb.table(df.iloc[0:0]) is None
    assert nb.table(df.iloc[0:0], empty="None here.").data == nb.MATH_IGNORED.format("None here.")
    assert nb.markdown("") is None and nb.markdown("**x**").data == nb.MATH_IGNORED.format("**x**")
    shown = []
    monkeypatch.setattr(nb, "display", shown.append)
    nb.show("text", None, "", df)
    assert [type(x) for x in shown] == [Markdown, pd.DataFrame] and shown[0].data == nb.MATH_IGNORED.format("text")


def test_markdown_escapes_every_dollar_so_mathjax_leaves_it():
    text = nb.markdown("between $113 billion to $118 billion, and \\$5 already escaped").data
    assert text == nb.MATH_IGNORED.format("between \\$113 billion to \\$118 billion, and \\$5 already escaped")
    assert text.startswith('<div class="mathjax_ignore tex2jax_ignore">\n\n') and text.endswith("\n\n</div>")


def test_evidence_table_rows_carry_anchors_and_are_capped_keeping_cited_rows(tmp_path):
    df = pd.DataFrame({"doc_id": ["d/1"] * 600, "start": range(600), "end": range(1, 601),
                       "quote": ["$1 *a* _b_"] * 600})
    nb.save_cited([evidence_anchor("d/1", 550, 551)], str(tmp_path))
    t = nb.evidence(df, str(tmp_path))
    html = t._repr_html_()
    assert len(t.data) == 501 and t.n_total == 600
    assert 'id="ev-d_1-0-1"' in html and 'id="ev-d_1-550-551"' in html and 'id="ev-d_1-520-521"' not in html
    assert "501 of 600 rows shown" in html and "mathjax_ignore" in html
    assert "<td>$1 *a* _b_</td>" in html  # shown as written; the wrapper keeps MathJax away
    plain = nb.table(df)._repr_html_()  # other tables: capped, no anchors (one evidence table per page)
    assert "id=" not in plain and "500 of 600 rows shown" in plain
    assert nb.evidence(df.iloc[0:0], str(tmp_path), empty="None.").data == nb.MATH_IGNORED.format("None.")


def test_cited_anchors_round_trip(tmp_path):
    assert nb.cited_anchors(str(tmp_path)) == set()
    nb.save_cited(["ev-b", "ev-a", "ev-a"], str(tmp_path))
    assert nb.cited_anchors(str(tmp_path)) == {"ev-a", "ev-b"}


def test_run_record(processed):
    record = nb.run_record(nb.load(str(processed)), {"company": "Hooli", "min_usd": 0.0}).data
    assert record.startswith(nb.MATH_IGNORED.split("{}")[0] + "| run record | |\n|---|---|\n| corpus hash | abc123 |")
    assert "| code version (tables built by) | 0123abc |" in record
    assert '| parameters | `{"company": "Hooli", "min_usd": 0.0}` |' in record
    assert re.search(r"\| code version \(notebook run by\) \| ([0-9a-f]{7,}(-dirty)?|unknown) \|", record)
    assert re.search(r"\| notebook run at \| \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \|", record)


def test_tables_are_read_typed_from_parquet_with_a_csv_fallback(tmp_path):
    """A build writes every table as CSV and Parquet: the notebooks read the Parquet file (typed:
    integer counts stay integers with missing values, spans stay integers) and fall back to the CSV
    when a folder has none."""
    from analysis.pipeline.build import build

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("Hooli plans\n\nHooli said on Monday it would spend $3 billion on data "
                                 "centers in 2026.\n", encoding="utf-8")
    out = tmp_path / "processed"
    built = build(seeds, out, jobs=1)
    tables = nb.load(str(out))
    assert str(tables.documents["n_chars"].dtype) == "Int64"  # (the CSV gives int64 or float64)
    amounts = tables["amounts"]
    assert amounts["value_usd"].tolist() == built.tables["amounts"]["value_usd"].tolist() == [3e9]
    assert tables.verify_quotes(amounts) == 1
    (out / "amounts.parquet").unlink()
    again = nb.load(str(out))
    assert again.has("amounts") and again["amounts"]["value_usd"].tolist() == [3e9]  # from the CSV
    (out / "amounts.csv").unlink()
    assert not again.has("amounts") and again.get("amounts") is None
