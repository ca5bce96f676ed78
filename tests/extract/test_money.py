"""Money extraction on invented sentences (other companies, currencies and forms than the seeds)."""
import datetime as dt

import pytest

from analysis.extract import money
from analysis.corpus.doc import make_doc
from analysis.extract.money import AMOUNT_COLUMNS, extract_amounts


def amounts(text, **kw):
    d = make_doc(text, **kw)
    rows = extract_amounts(d)
    for r in rows:
        assert d.text[r["start"]:r["end"]] == r["quote"]
        assert set(AMOUNT_COLUMNS) <= set(r)
    return rows


def one(text):
    rows = amounts(text)
    assert len(rows) == 1, rows
    return rows[0]


@pytest.mark.parametrize("text,quote,low,high,currency", [
    ("Acme posted revenue of $14.3 billion last year.", "$14.3 billion", 14.3e9, None, "USD"),
    ("The startup raised $200 million from investors.", "$200 million", 2e8, None, "USD"),
    ("Globex sees capex of $113 billion to $118 billion.", "$113 billion to $118 billion", 113e9, 118e9, "USD"),
    ("Initech guided capital expenditure of $115-135 billion.", "$115-135 billion", 115e9, 135e9, "USD"),
    ("Spending will be between $66 and $72 billion this year.", "between $66 and $72 billion", 66e9, 72e9, "USD"),
    ("Umbrella agreed a $60B buyout.", "$60B", 60e9, None, "USD"),
    ("Earnings came in at $8.88 per share.", "$8.88", 8.88, None, "USD"),
    ("Hooli is valued at $1.2tn by the market.", "$1.2tn", 1.2e12, None, "USD"),
    ("Vandelay made a $10 billion bet on robots.", "$10 billion", 1e10, None, "USD"),
    ("The group raised US$5 billion in bonds.", "US$5 billion", 5e9, None, "USD"),
    ("They borrowed 5 billion dollars.", "5 billion dollars", 5e9, None, "USD"),
    ("Total spending could hit $2.5 trillion by 2030.", "$2.5 trillion", 2.5e12, None, "USD"),
    ("The fund paid $1,250,000 for the patents.", "$1,250,000", 1.25e6, None, "USD"),
    ("Wayne Enterprises spent $3.5bn on servers.", "$3.5bn", 3.5e9, None, "USD"),
    ("Stark paid two billion dollars for the lab.", "two billion dollars", 2e9, None, "USD"),
    ("The deal is worth $500k to the founders.", "$500k", 5e5, None, "USD"),
])
def test_dollar_forms(text, quote, low, high, currency):
    r = one(text)
    assert r["quote"] == quote
    assert r["value_usd"] == pytest.approx(low)
    assert (r["value_usd_high"] is None) if high is None else r["value_usd_high"] == pytest.approx(high)
    assert r["currency"] == currency
    assert r["approximate"] is False


@pytest.mark.parametrize("text,quote,native,currency", [
    ("Arm's owner will invest £22bn in British sites.", "£22bn", 22e9, "GBP"),
    ("Mistral raised €5 billion in a new round.", "€5 billion", 5e9, "EUR"),
    ("SAP earmarked 3 billion euros for cloud.", "3 billion euros", 3e9, "EUR"),
    ("DeepMind's budget rose to £1.2 tn, said nobody.", "£1.2 tn", 1.2e12, "GBP"),
    ("Baidu will spend 10 billion yuan on chips.", "10 billion yuan", 10e9, "CNY"),
    ("SoftBank committed ¥500 billion to the venture.", "¥500 billion", 500e9, "JPY"),
    ("Shopify's C$2bn loan closed.", "C$2bn", 2e9, "CAD"),
    ("Tata invested Rs 500 crore in the plant.", "Rs 500 crore", 5e9, "INR"),
    ("Nvidia's sales hit €1.2 billion in Q2.", "€1.2 billion", 1.2e9, "EUR"),
])
def test_other_currencies_keep_native_value_and_convert(text, quote, native, currency):
    r = one(text)
    assert r["quote"] == quote
    assert r["currency"] == currency
    assert r["value_native"] == pytest.approx(native)
    rate = money.lexicon().rates[currency]
    assert rate != 1.0
    assert r["value_usd"] == pytest.approx(native * rate)


def test_rate_table_is_documented():
    text = money.CURRENCY_RATES.read_text()
    assert "as_of" in text and "source" in text
    assert money.lexicon().rates["USD"] == 1.0


@pytest.mark.parametrize("text,quote,qualifier", [
    ("Capex reached nearly $15 billion.", "nearly $15 billion", "nearly"),
    ("Oracle may spend up to $72B on data centers.", "up to $72B", "up to"),
    ("Amazon plans more than $160bn of investment.", "more than $160bn", "more than"),
    ("The fine was about €4 million.", "about €4 million", "about"),
])
def test_qualifiers_are_kept_and_make_it_approximate(text, quote, qualifier):
    r = one(text)
    assert r["quote"] == quote
    assert r["qualifier"] == qualifier
    assert r["approximate"] is True


@pytest.mark.parametrize("text,quote,low", [
    ("Google will pour hundreds of billions of dollars into AI.", "hundreds of billions of dollars", 1e11),
    ("Microsoft invested tens of billions of dollars in cloud.", "tens of billions of dollars", 1e10),
    ("Apple spends billions of dollars on chips.", "billions of dollars", 1e9),
    ("The lab wasted millions of dollars.", "millions of dollars", 1e6),
    ("Samsung will spend billions on new fabs.", "billions", 1e9),
    ("Intel invested billions in foundries.", "billions", 1e9),
    ("Tesla signed a multibillion-dollar contract.", "multibillion-dollar", 1e9),
    ("Apple will spend several billion dollars on it.", "several billion dollars", 1e9),
    ("Dell pays trillions of dollars? No: it pays millions of dollars.", None, None),
])
def test_vague_magnitudes_follow_the_nominal_rule(text, quote, low):
    if quote is None:  # two vague amounts in one sentence
        rows = amounts(text)
        assert [r["quote"] for r in rows] == ["trillions of dollars", "millions of dollars"]
        assert [r["value_usd"] for r in rows] == [1e12, 1e6]
        return
    r = one(text)
    assert r["quote"] == quote
    assert r["approximate"] is True
    assert r["value_usd"] == pytest.approx(low)
    assert r["value_usd_high"] == pytest.approx(10 * low)


@pytest.mark.parametrize("text", [
    "The app has 2 billion daily active users.",
    "It counted 450,000 users in May.",
    "These features drive billions of daily interactions.",
    "Revenue growth slowed to 15% from 22% in 2023.",
    "In 2025, the company hired 300 engineers.",
    "Nvidia shipped 3.7 million GPUs and sold 40 million shares.",
    "Billions of people use the service each month.",
    "The 10 − 6 = 4 puzzle.",
    "The engineer lost 10 pounds during the sprint.",
    "Shares of $META rose after the Series B.",
])
def test_non_money_is_ignored(text):
    assert amounts(text) == []


def test_change_from_to_gives_two_amounts():
    rows = amounts("Revenue rose from $5 billion to $7 billion.")
    assert [r["quote"] for r in rows] == ["$5 billion", "$7 billion"]
    assert [r["value_usd"] for r in rows] == [5e9, 7e9]


def test_and_without_between_is_not_a_range():
    rows = amounts("It spent $5 billion and $3 billion in two rounds.")
    assert [r["quote"] for r in rows] == ["$5 billion", "$3 billion"]


def test_several_amounts_in_one_sentence_with_labels():
    rows = amounts("Contoso reported revenue of $40 billion, while its losses widened to $2 billion.")
    assert [(r["quote"], r["label"]) for r in rows] == [("$40 billion", "revenue"), ("$2 billion", "loss")]


@pytest.mark.parametrize("text,label", [
    ("Amazon agreed to acquire the startup for $4 billion.", "acquisition"),
    ("Alphabet guided 2026 capex of $75 billion.", "capex"),
    ("The chipmaker's valuation hit $300 billion.", "valuation"),
    ("Netflix suffered a $2 billion decline in ad sales last quarter.", "decline"),
    ("The researcher was lured with a pay package of $250 million.", "pay package"),
    ("Anthropic raised $13 billion in a funding round.", "funding"),
    ("Its free cash flow was $20 billion.", "cash flow"),
    ("IBM expects total expenses of $60 billion.", "expenses"),
    ("Oracle took a $3 billion stake in the lab.", "stake"),
])
def test_labels_from_cue_words(text, label):
    assert one(text)["label"] == label


def test_label_unknown_stays_none():
    assert one("The figure was $5 billion.")["label"] is None


@pytest.mark.parametrize("text,kind", [
    ("Nokia plans to invest $2 billion next year.", "plan"),
    ("Nokia invested $2 billion last year.", "actual"),
])
def test_kind(text, kind):
    assert one(text)["kind"] == kind


@pytest.mark.parametrize("text,subject", [
    ("Moreover, Zorblax's $10 billion bet on chips failed.", "Zorblax"),
    ("Last year Quuxcorp invested $3 billion in robotics.", "Quuxcorp"),
    ("Research led by scientists like Jane Roe made Quuxcorp's annual $100 billion cash flow possible.", "Quuxcorp"),
    ("The figure was $5 billion.", None),
    ("Moreover, the ad business suffered a $7 billion decline.", None),
])
def test_subject_heuristic(text, subject):
    """Names the registry does not list: the capitalised-name heuristic."""
    assert one(text)["subject"] == subject


def test_subject_with_whatever_entity_module_is_installed():
    r = one("Last year Microsoft invested $3 billion in robotics.")
    assert r["subject"] in ("Microsoft", "Microsoft Corporation", "Microsoft Corp.")


def test_only_article_sentences_are_searched():
    d = make_doc("Intel spent $5 billion on fabs.")
    d2 = type(d)(d.doc_id, d.text, (), d.published, d.published_precision, d.title)
    assert extract_amounts(d2) == []


def test_event_date_columns_present_and_consistent():
    rows = amounts("In March 2024, Initech invested $2 billion in Globex.", published=dt.date(2025, 1, 1))
    r = rows[0]
    assert r["event_date"] == "2024-03-01" and r["event_date_precision"] == "month"


def test_a_sentence_initial_name_is_a_subject_when_the_document_names_it_mid_sentence():
    # at the start of a sentence every word is capitalised; elsewhere in the document it shows a name
    assert one("Quuxcorp invested $3 billion in robotics.")["subject"] is None
    rows = amounts("Quuxcorp invested $3 billion in robotics. Analysts praised Quuxcorp.")
    assert rows[0]["subject"] == "Quuxcorp"


def test_acqui_hire_is_an_acquisition():
    # "acqui-hired" is one cue ("acqui-hire*"), not "acqui" + the pay cue "hired"
    assert one("Google effectively acqui-hired the startup for $2.7 billion.")["label"] == "acquisition"


@pytest.mark.parametrize("text,confidence", [
    ("Initech will spend $4.5 billion on servers.", "high"),
    ("Initech will spend three million euros on servers.", "high"),
    ("Initech will spend more than $4.5 billion on servers.", "medium"),
    ("Initech will spend roughly £2bn on servers.", "medium"),
    ("Initech will spend tens of billions of dollars on servers.", "low"),
    ("Initech poured billions into servers.", "low"),
])
def test_confidence_grades_how_exactly_the_figure_is_stated(text, confidence):
    assert one(text)["confidence"] == confidence


def test_a_hyphenated_scale_word():
    r = one("Vantor launched a $10-billion fund for AI startups.")
    assert (r["quote"], r["value_usd"]) == ("$10-billion", 10e9)
    r = one("Capex will be $115-135 billion this year.")
    assert (r["value_usd"], r["value_usd_high"]) == (115e9, 135e9)


def test_korean_won_only_with_a_scale_word():
    r = one("Hanbit AI raised 312 billion won from investors.")
    assert (r["currency"], r["value_native"]) == ("KRW", 312e9)
    assert amounts("The team scored 2 goals and won the final.") == []
