"""views_compute on small invented tables (other companies, clusters and chips than the seeds)."""
import pandas as pd
import pytest

from analysis.report.views import compute as vc

GENERIC = frozenset({"data center", "cluster", "power plant"})


def documents():
    return pd.DataFrame({"doc_id": ["a", "b", "c"], "title": ["Initech builds", "Hooli grows", "No date"],
                         "outlet": ["X", "Y", None], "published": ["2024-05-02", "2024-09-10", None],
                         "published_precision": ["day", "day", None]})


def compute():
    rows = [
        ("a", 0, 0, 3, "2GW", 2000.0, None, "MW", "False", "Zephyr", "target", None, "Initech", "2026-01-01", "year"),
        ("a", 3, 50, 53, "2GW", 2000.0, None, "MW", "False", "Zephyr", "target", None, "Initech", "2026-01-01", "year"),
        ("a", 1, 10, 26, "250,000 H200s", 250000.0, None, "GPU", "False", "Zephyr", "existing", "H200", None, None, None),
        ("b", 0, 5, 34, "hundreds of thousands of GPUs", 1e5, 1e6, "GPU", "True", "data center", None, None, "Hooli",
         None, None),
        ("b", 2, 40, 45, "300MW", 300.0, None, "MW", "False", None, "existing", None, None, None, None),
        ("c", 0, 0, 9, "1 million GPUs", 1e6, None, "GPU", "False", "cluster", "target", None, None, None, None),
    ]
    cols = ["doc_id", "sent_id", "start", "end", "quote", "quantity", "quantity_high", "unit", "approximate",
            "label", "status", "note", "subject", "event_date", "event_date_precision"]
    df = pd.DataFrame(rows, columns=cols)
    df["attribution"] = "unattributed"
    df["attribution_source"] = None
    return df


def mentions():
    return pd.DataFrame({"doc_id": ["a", "b", "c"], "entity": ["Initech", "Hooli", "Initech"],
                         "surface": ["Initech", "Hooli", "Initech"], "type": ["org"] * 3})


def facts(**kw):
    df, rep = vc.compute_facts(compute(), documents(), None, mentions(), generic=GENERIC, **kw)
    df["hover"] = df["quote"]
    return df, rep


def test_parse_unit():
    assert vc.parse_unit("") == ["GPU", "MW"]
    assert vc.parse_unit(" mw ") == ["MW"]
    with pytest.raises(ValueError, match="GPU, MW"):
        vc.parse_unit("GWh")


@pytest.mark.parametrize("v,unit,text", [(1.3e6, "GPU", "1.3 million GPUs"), (350000, "GPU", "350,000 GPUs"),
                                         (1, "GPU", "1 GPU"), (5000, "MW", "5,000 MW"), (1.5, "MW", "1.5 MW")])
def test_format_quantity(v, unit, text):
    assert vc.format_quantity(v, unit) == text


def test_unit_filter_and_named_clusters():
    df, rep = facts(unit="GPU")
    assert set(df.unit) == {"GPU"} and rep.removed == {"of another unit": 3}
    df, _ = facts()
    named = dict(zip(df.quote + "@" + df.start.astype(str), df.named))
    assert named["2GW@0"] and named["250,000 H200s@10"]
    assert not named["hundreds of thousands of GPUs@5"] and not named["300MW@40"] and not named["1 million GPUs@0"]
    assert df.loc[df.quote == "300MW", "label_shown"].item() == vc.UNKNOWN_LABEL
    assert df.loc[df.doc_id == "b", "status_shown"].tolist()[0] == vc.UNKNOWN_STATUS


def test_company_and_date_filters_shared_with_spending():
    df, rep = facts(company="Hooli")
    assert set(df.doc_id) == {"b"}
    df, rep = facts(date_from="2025-01-01")
    assert set(df.quote) == {"2GW"}  # the year-2026 event; the 2024 articles and the undated one drop
    assert rep.removed["without any date (neither an event date nor a publication date)"] == 1


def test_timeline_merges_equal_points_and_falls_back_to_publication():
    df, _ = facts()
    tl = vc.compute_timeline(df)
    assert len(tl) == 4  # two equal 2GW mentions drawn once; the undated doc is not placed
    gw = tl[tl.quote == "2GW"].iloc[0]
    assert gw.n_mentions == 2 and gw.evidence == "a[0:3]; a[50:53]" and gw.hover == "2GW<br>—<br>2GW"
    assert gw.x == pd.Timestamp("2026-01-01") and gw.x_end == pd.Timestamp("2027-01-01")
    pub = tl[tl.quote == "300MW"].iloc[0]
    assert pub.date_basis == "publication" and pub.x == pub.x_end == pd.Timestamp("2024-09-10")
    vague = tl[tl.approximate].iloc[0]
    assert vague.error_plus == pytest.approx(9e5)


def test_unplaced_lists_what_has_no_date():
    df, _ = facts()
    un = vc.unplaced(df)
    assert list(un.quote) == ["1 million GPUs"]
    assert len(un) + vc.compute_timeline(df)["n_mentions"].sum() == len(df)


def test_named_clusters_and_status_summary():
    df, _ = facts()
    cl = vc.named_clusters(df)
    assert list(zip(cl.label, cl.unit)) == [("Zephyr", "GPU"), ("Zephyr", "MW")]
    assert cl.set_index("unit").loc["MW", "n_mentions"] == 2
    assert cl.set_index("unit").loc["MW", "figures"] == "2,000 MW"
    st = vc.status_summary(df)
    gpu = st[st.unit == "GPU"]
    assert list(gpu.status) == ["target", "existing", vc.UNKNOWN_STATUS]
    assert gpu.set_index("status").loc["target", "largest"] == "1 million GPUs"


def test_evidence_table_keeps_every_row():
    df, _ = facts()
    ev = vc.evidence_table(df)
    assert len(ev) == 6 and list(ev.columns[:5]) == ["doc_id", "title", "start", "end", "quote"]
    assert ev.loc[ev.quote == "hundreds of thousands of GPUs", "value"].item() == "100,000 GPUs to 1 million GPUs"


def test_empty():
    df, rep = facts(company="Nobody")
    assert df.empty and rep.n_out == 0
    assert vc.compute_timeline(df).empty and vc.unplaced(df).empty
    assert vc.named_clusters(df).empty and vc.status_summary(df).empty and vc.evidence_table(df).empty


def test_generic_labels_come_from_the_lexicon():
    g = vc.generic_labels()
    assert "data center" in g and "power plant" in g


def test_compute_facts_carry_the_hover():
    df, _ = vc.compute_facts(compute(), documents(), None, mentions(), generic=GENERIC)
    h100 = df[df["quote"] == "250,000 H200s"].iloc[0]["hover"]
    assert "value: 250,000 GPUs" in h100 and "chip: H200" in h100 and "“250,000 H200s”" in h100
