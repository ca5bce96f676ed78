"""Compute extraction (GPU counts, power capacity) on invented sentences."""
import pytest

from analysis.extract.compute import COMPUTE_COLUMNS, extract_compute
from analysis.corpus.doc import make_doc


def compute(text):
    d = make_doc(text)
    rows = extract_compute(d)
    for r in rows:
        assert d.text[r["start"]:r["end"]] == r["quote"]
        assert set(COMPUTE_COLUMNS) <= set(r)
    return rows


def one(text):
    rows = compute(text)
    assert len(rows) == 1, rows
    return rows[0]


@pytest.mark.parametrize("text,quote,qty,unit,approx", [
    ("xAI runs 1.3 million GPUs in Memphis.", "1.3 million GPUs", 1.3e6, "GPU", False),
    ("Oracle is targeting over a million GPUs by mid-2026.", "over a million GPUs", 1e6, "GPU", True),
    ("The lab bought 350,000 H100s last year.", "350,000 H100s", 350000, "GPU", False),
    ("It will have 600,000 H100 equivalents by year end.", "600,000 H100 equivalents", 600000, "GPU", False),
    ("Its halls house hundreds of thousands of GPUs.", "hundreds of thousands of GPUs", 1e5, "GPU", True),
    ("Amazon ordered 100,000 Nvidia Blackwell chips.", "100,000 Nvidia Blackwell chips", 1e5, "GPU", False),
    ("CoreWeave owns 250k GPUs.", "250k GPUs", 250000, "GPU", False),
    ("Its agents now run on about 40,000 of the Vega3 chips it leases.", "about 40,000 of the Vega3 chips",
     40000, "GPU", True),
    ("Only 300 of those chips were ever switched on.", "300 of those chips", 300, "GPU", False),
    ("Google is building the 1GW Atlas cluster.", "1GW", 1000, "MW", False),
    ("The campus will need 5 gigawatts of power.", "5 gigawatts", 5000, "MW", False),
    ("A 200MW gas turbine plant is planned.", "200MW", 200, "MW", False),
    ("Phase one adds 1.5 GW of capacity.", "1.5 GW", 1500, "MW", False),
    ("Microsoft plans a 5-gigawatt campus.", "5-gigawatt", 5000, "MW", False),
    ("Tokyo hosts a 300 megawatt site.", "300 megawatt", 300, "MW", False),
    ("Anthropic wants a gigawatt of compute.", "a gigawatt", 1000, "MW", False),
    ("The region needs several gigawatts of power.", "several gigawatts", 1000, "MW", True),
    ("It already draws hundreds of megawatts.", "hundreds of megawatts", 100, "MW", True),
    ("Zentra switched on a 24,000-GPU cluster in Ohio.", "24,000-GPU", 24000, "GPU", False),
    ("They trained it on a 2,048-H100 cluster.", "2,048-H100", 2048, "GPU", False),
])
def test_forms(text, quote, qty, unit, approx):
    r = one(text)
    assert r["quote"] == quote
    assert r["quantity"] == pytest.approx(qty)
    assert r["unit"] == unit
    assert r["approximate"] is approx


def test_power_range():
    r = one("The site could draw 1-2 GW eventually.")
    assert (r["quantity"], r["quantity_high"], r["unit"]) == (1000, 2000, "MW")


def test_notes_keep_chip_model():
    assert one("It will have 600,000 H100 equivalents.")["note"] == "H100 equivalents"
    assert one("The lab bought 350,000 H100s.")["note"] == "H100"
    assert one("xAI runs 1.3 million GPUs.")["note"] is None


@pytest.mark.parametrize("text", [
    "The plant produced 500 GWh last year.",
    "Revenue was $5 billion and 2 billion users logged in.",
    "The GPU market grew 40% in 2024.",
    "Around 5G networks, 300 engineers worked.",
    "It has hundreds of AI experts.",
    "In 2024 GPUs were scarce.",
    "By 2023 H100 supply had improved.",
])
def test_non_compute_is_ignored(text):
    assert compute(text) == []


@pytest.mark.parametrize("text,label", [
    ("Google is building the 1GW Atlas cluster.", "Atlas"),
    ("Amazon runs 2GW Rainier superclusters.", "Rainier"),
    ("The Stargate data center in Texas will scale to 1.2 GW.", "Stargate"),
    ("Oracle is building a 300MW natural gas power plant.", "power plant"),
    ("Its data centers house hundreds of thousands of GPUs.", "data center"),
    ("Investing in 500,000 GPUs for the 2GW Zeus cluster takes time.", "Zeus"),
])
def test_labels(text, label):
    assert compute(text)[0]["label"] == label


def test_two_named_sites_in_one_sentence():
    rows = compute("It is building the 1GW Atlas and 3GW Titan superclusters.")
    assert [(r["quantity"], r["label"]) for r in rows] == [(1000, "Atlas"), (3000, "Titan")]


@pytest.mark.parametrize("text,status", [
    ("Oracle is targeting 500,000 GPUs by mid-2026.", "target"),
    ("Oracle plans to deploy 500,000 GPUs.", "target"),
    ("Oracle will bring 2GW online.", "target"),
    ("Oracle already has 500,000 GPUs.", "existing"),
    ("Its data centers house 500,000 GPUs.", "existing"),
    ("The count was 500,000 GPUs.", None),
])
def test_status(text, status):
    assert one(text)["status"] == status


def test_registered_subject_beats_unregistered_place():
    from analysis.lexicon.registry import registry

    r = one("Microsoft said its Texas data center, a 2GW site, opens soon.")
    assert r["subject"] == registry().get("Microsoft").name  # not the nearer "Texas"


def test_would_have_is_a_target():
    assert one("It said it would have 1.3m GPUs by year-end.")["status"] == "target"


@pytest.mark.parametrize("text,quote,qty,note", [
    ("Marrow Systems bought 30,000 Kestrel chips.", "30,000 Kestrel chips", 30000, "Kestrel"),
    ("The lab runs a cluster of 12,000 Tidal accelerators.", "12,000 Tidal accelerators", 12000, "Tidal"),
    ("It will deploy 4,000 Kestrel Nova chips this year.", "4,000 Kestrel Nova chips", 4000, "Kestrel Nova"),
])
def test_unknown_chip_brand_counts_as_gpus(text, quote, qty, note):
    r = one(text)
    assert (r["quote"], r["quantity"], r["unit"], r["note"]) == (quote, qty, "GPU", note)


@pytest.mark.parametrize("text", [
    "It sold 2024 Kestrel chips.",
    "The factory fries 10,000 Tortilla chips a day.",
    "The vendor sold 5,000 Crunchy chips in bags.",
    "By 2025 Kestrel chips were scarce.",
])
def test_unknown_brand_non_ai_chips_are_ignored(text):
    assert compute(text) == []


@pytest.mark.parametrize("text,confidence", [
    ("Vandelay runs 48,000 H200 chips in Ohio.", "high"),
    ("Vandelay is adding two gigawatts of capacity.", "high"),
    ("Vandelay runs about 48,000 GPUs in Ohio.", "medium"),
    ("Vandelay runs tens of thousands of GPUs in Ohio.", "low"),
])
def test_confidence_grades_how_exactly_the_figure_is_stated(text, confidence):
    assert one(text)["confidence"] == confidence


def test_units_of_gpu():
    r = one("Hanbit received 50,000 units of GPU from its cloud partner.")
    assert (r["quantity"], r["unit"]) == (50000, "GPU")
    assert compute("Hanbit sold 50,000 units of its phone.") == []
