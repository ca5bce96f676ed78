"""views_spending on small invented tables (other companies and currencies than the seeds)."""
import pandas as pd
import pytest

from analysis.report.views import spending as vs


@pytest.fixture
def facts(amount_rows, documents, sentences, mentions):
    """`spending_facts` of conftest's five amounts with the notebook's parameters given."""
    return lambda **kw: vs.spending_facts(amount_rows, documents, sentences, mentions, **kw)


# ----------------------------------------------------------------------------- formatting

def test_period_end_per_precision():
    s = pd.Series(pd.to_datetime(["2025-01-01", "2025-07-01", "2025-03-01", "2025-07-14", "2025-02-01", None]))
    p = pd.Series(["year", "half", "month", "week", "mystery", None])
    e = vs.period_end(s, p)
    assert list(e[:5]) == list(pd.to_datetime(["2026-01-01", "2026-01-01", "2025-04-01", "2025-07-21", "2025-02-01"]))
    assert pd.isna(e.iloc[5])


# ----------------------------------------------------------------------------- filters

def test_no_filter_keeps_everything_with_context(facts):
    df, rep = facts()
    assert rep.n_in == rep.n_out == len(df) == 5 and rep.removed == {}
    assert df.loc[df.quote == "$5 billion", "title"].item() == "Acme bets big"
    assert df.loc[df.quote == "$5 billion", "sentence"].item().startswith("Acme will invest")
    # event date first, else publication date, else nothing (never invented)
    basis = dict(zip(df.quote, df.date_basis))
    assert basis == {"$5 billion": "event", "billions of dollars": "publication", "€2 billion": "event",
                     "$113 billion to $118 billion": "publication", "$300 million": "none"}
    assert df["approximate"].dtype == bool and df["approximate"].sum() == 1


def test_company_filter_by_mentions_and_subject(facts):
    df, rep = facts(company="globex")
    assert set(df.doc_id) == {"d2"}
    assert rep.removed == {"not from a document mentioning globex": 3}
    df, _ = facts(company="Roe")  # surface form
    assert list(df.doc_id) == ["d3"]
    df, rep = facts(company="Nobody")
    assert df.empty and rep.n_out == 0 and sum(rep.removed.values()) == 5


def test_subject_match_without_mentions_table(amount_rows, documents):
    df, _ = vs.spending_facts(amount_rows, documents, None, None, company="Acme")
    assert list(df.quote) == ["$5 billion"]


def test_date_window_overlap_and_undated_removed(facts):
    # the year-precision event (2025) overlaps a window starting mid-2025; the 2024 rows do not
    df, rep = facts(date_from="2025-06-01")
    assert list(df.quote) == ["$5 billion"]
    assert rep.removed["without any date (neither an event date nor a publication date)"] == 1
    assert rep.removed["dated outside the date window"] == 3
    df, _ = facts(date_to="2024-06-15")
    assert list(df.quote) == ["billions of dollars", "€2 billion"]
    df, _ = facts(date_from="2024-06-30", date_to="2024-06-30")  # inside the month of the EUR deal
    assert list(df.quote) == ["€2 billion"]


def test_bad_date_is_a_clear_error(facts):
    with pytest.raises(ValueError, match="date_from"):
        facts(date_from="last spring")


def test_min_usd_uses_lower_figure(facts):
    df, rep = facts(min_usd=2e9)
    assert set(df.quote) == {"$5 billion", "€2 billion", "$113 billion to $118 billion"}
    assert rep.removed == {"below the minimum amount": 2} and rep.n_out == 3


# ----------------------------------------------------------------------------- views

def test_native_currency_and_hover(facts):
    df, _ = facts()
    eur = df[df.currency == "EUR"].iloc[0]
    assert eur.native_text == "2 billion EUR" and eur.value_text == "$2.2 billion"
    assert (df.loc[df.currency == "USD", "native_text"] == "").all()
    h = vs.hover_text(df)
    hv = h[df.currency == "EUR"].item()
    assert "as reported: 2 billion EUR" in hv and "Globex results" in hv and "event date: 2024-06" in hv
    assert "<b>€2 billion</b>" in hv and "attribution: analyst (Big Bank)" in hv
    assert "nan" not in " ".join(h)
    assert "(approximate)" in h[df.quote == "billions of dollars"].item()
    assert "published: undated" in h[df.doc_id == "d3"].item()


def test_hover_bold_quote_is_closed_on_every_line(facts):
    df, _ = facts()
    hv = vs.hover_text(df)[df.quote == "$5 billion"].item()
    for line in hv.split("<br>"):
        assert line.count("<b>") == line.count("</b>")


def test_amounts_by_label_order_and_dodge(facts):
    df, _ = facts()
    dots, order = vs.amounts_by_label(df)
    # by largest upper figure, smallest first (largest at the top of the chart)
    assert order == ["pay package", "acquisition", "investment", vs.UNKNOWN_LABEL]
    inv = dots[dots.label_shown == "investment"]
    assert inv["y"].nunique() == 2 and (inv["y"].between(1.6, 2.4)).all()
    rng = dots[dots.quote == "billions of dollars"].iloc[0]
    assert rng.error_plus == pytest.approx(9e9)
    assert dots.loc[dots.quote == "$5 billion", "error_plus"].item() == 0


def test_timeline_and_undated_partition(facts):
    df, _ = facts()
    tl = vs.commitment_timeline(df)
    und = vs.undated_amounts(df)
    assert list(tl.quote) == ["€2 billion", "$5 billion"]  # sorted by event date
    assert len(tl) + len(und) == len(df)
    assert set(und.quote) == {"billions of dollars", "$113 billion to $118 billion", "$300 million"}
    assert und.loc[und.quote == "$300 million", "published"].item() == ""


def test_evidence_table_and_largest(facts):
    df, _ = facts()
    ev = vs.evidence_table(df)
    assert len(ev) == 5 and {"doc_id", "start", "end", "quote", "attribution"} <= set(ev.columns)
    assert ev[["precision", "attribution", "attributed to"]].isna().sum().sum() == 0
    assert ev.loc[ev.quote == "€2 billion", ["as reported", "event date"]].values.tolist() == [["2 billion EUR", "2024-06"]]
    top = vs.largest_by_label(df)
    assert top.iloc[0].label == vs.UNKNOWN_LABEL and top.iloc[0].value_text == "$113 billion to $118 billion"
    assert top.set_index("label").loc["investment", "n"] == 2


def test_subject_order_focus_first_unknown_last(facts):
    df, _ = facts()
    order = vs.subject_order(df, "acme")
    assert order[0] == "Acme" and order[-1] == vs.UNKNOWN_SUBJECT
    assert order[1] == "Globex"  # two amounts before one


def test_empty_inputs(facts):
    df, rep = facts(company="Nobody")
    dots, order = vs.amounts_by_label(df)
    assert dots.empty and order == []
    assert vs.commitment_timeline(df).empty and vs.undated_amounts(df).empty
    assert vs.largest_by_label(df).empty and vs.evidence_table(df).empty


def test_spending_facts_carry_the_hover_with_the_quote_in_bold(facts):
    df, _ = facts()
    five = df[df["quote"] == "$5 billion"].iloc[0]
    assert "Acme will invest <b>$5 billion</b>" in five["hover"] and "event date: 2025" in five["hover"]
    assert "attribution: on_record (Jo Bloggs)" in five["hover"] and five["hover"].endswith("d1 [10:22]")
