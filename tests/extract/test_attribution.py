"""Attribution of sentences to sources, on sentences written for these tests (fictional names)."""
from __future__ import annotations

import pytest

from analysis.extract.attribution import ATTRIBUTION_COLUMNS, KINDS, attribute, attributions_frame, load_cues
from analysis.corpus.doc import make_doc

# Deterministic: the shipped cue file, but no organisation registry (data/registry/entities.yaml is
# curated by others and may change); one test below uses the default registry too.
CUES = load_cues(entities="/nonexistent/entities.yaml")


def attr(text: str, cues=CUES):
    doc = make_doc(text, doc_id="t")
    return doc, attribute(doc, cues)


def one(sentence: str) -> dict:
    _, rows = attr(sentence)
    assert len(rows) == 1, rows
    return rows[0]


@pytest.mark.parametrize("sentence, kind, source, phrase", [
    # on_record: named people, before and after the verb, titles stripped
    ("Revenue will double next year, Jane Okafor said.", "on_record", "Jane Okafor", "Jane Okafor said"),
    ("Initech CEO Priya Raman said the model ships in May.", "on_record", "Priya Raman",
     "Initech CEO Priya Raman said"),
    ("“The model is ready,” said Tomas Lindqvist, chief technology officer at Globex.",
     "on_record", "Tomas Lindqvist", "said Tomas Lindqvist"),
    ("The chip is late, but founder Ada Byron told reporters it would ship.", "on_record", "Ada Byron",
     "founder Ada Byron told reporters"),
    # analyst: firm analysts, a named person described as an analyst
    ("Hooli analysts said in a note that spending will rise.", "analyst", "Hooli", "Hooli analysts said"),
    ("Analysts at Northwind Securities said margins would fall.", "analyst", "Northwind Securities",
     "Analysts at Northwind Securities said"),
    ("Margins are thin, said Leo Marchetti, an analyst at Vandelay Capital.", "analyst", "Leo Marchetti",
     "said Leo Marchetti"),
    ("Growth will slow, according to an analyst at Pied Piper Research.", "analyst", "Pied Piper Research",
     "according to an analyst at Pied Piper Research"),
    # company: spokespeople, statements, the company
    ("A Globex spokesperson said the plan is unchanged.", "company", "Globex",
     "A Globex spokesperson said"),
    ("The company said in a statement that no jobs would be cut.", "company", "",
     "The company said in a statement"),
    ("Initech declined to comment, but a spokeswoman said talks continue.", "company", "",
     "a spokeswoman said"),
    # anonymous
    ("The lab will delay the model, according to people familiar with the matter.", "anonymous",
     "people familiar with the matter", "according to people familiar with the matter"),
    ("Insiders describe a tense mood, sources said.", "anonymous", "sources", "sources said"),
    ("The team was cut in half, the people said.", "anonymous", "the people", "the people said"),
    ("Two researchers quit last week, said a person familiar with the plans.", "anonymous",
     "a person familiar with the plans", "said a person familiar with the plans"),
    # report
    ("The Daily Planet first reported that the deal had collapsed.", "report", "The Daily Planet",
     "The Daily Planet first reported"),
    ("The startup raised more money, Reuters reported on Tuesday.", "report", "Reuters",
     "Reuters reported"),
    ("According to The Wall Street Journal, the merger is off.", "report", "The Wall Street Journal",
     "According to The Wall Street Journal"),
    ("Hiring slowed sharply, CNBC reported.", "report", "CNBC", "CNBC reported"),
])
def test_every_kind(sentence, kind, source, phrase):
    doc, rows = attr(sentence)
    r = rows[0]
    assert r["attribution"] == kind, r
    assert r["attribution_source"] == source
    assert r["attr_quote"] == phrase
    assert doc.text[r["attr_start"]:r["attr_end"]] == r["attr_quote"]
    assert r["attr_sent_id"] == r["sent_id"] and r["carried"] is False


@pytest.mark.parametrize("sentence", [
    "The company reported strong earnings on a busy day.",     # reported + object: not a source
    "Globex reports quarterly earnings next week.",
    "The model has 400 billion parameters and was trained on text.",
    "Nobody knows what the unit will be called.",
    "She was said to be unhappy.",                             # passive, no speaker
    "Sales rose and said nothing about margins.",
])
def test_unattributed(sentence):
    r = one(sentence)
    assert r["attribution"] == "unattributed"
    assert r["attr_start"] is None and r["attr_quote"] == "" and r["attribution_source"] == ""


def test_columns_and_one_row_per_sentence():
    doc, rows = attr("First sentence here. Second one, Jane Okafor said. Third is plain.")
    assert [r["sent_id"] for r in rows] == [s.sent_id for s in doc.sentences]
    for r in rows:
        assert list(r) == ATTRIBUTION_COLUMNS and r["attribution"] in KINDS
    df = attributions_frame([doc], CUES)
    assert list(df.columns) == ATTRIBUTION_COLUMNS and len(df) == 3
    assert df["attribution"].tolist() == ["unattributed", "on_record", "unattributed"]


def test_surname_resolves_to_full_name_and_keeps_analyst_role():
    text = ("Costs rise, said Leo Marchetti, an analyst at Vandelay Capital. "
            "Margins will recover next year, Marchetti said. "
            "Demand is strong, Priya Raman said. Supply is short, Raman said.")
    _, rows = attr(text)
    assert [(r["attribution"], r["attribution_source"]) for r in rows] == [
        ("analyst", "Leo Marchetti"), ("analyst", "Leo Marchetti"),
        ("on_record", "Priya Raman"), ("on_record", "Priya Raman")]


def test_single_unknown_capitalised_subject_is_company():
    r = one("Globex said the product would launch in June.")
    assert r["attribution"] == "company" and r["attribution_source"] == "Globex"


def test_pronoun_and_definite_subjects_borrow_source():
    text = ("Costs rise, Priya Raman said. Prices will follow, she said. "
            "Analysts at Northwind Securities said demand is weak. Supply is fine, the analysts wrote.")
    _, rows = attr(text)
    assert [(r["attribution"], r["attribution_source"]) for r in rows] == [
        ("on_record", "Priya Raman"), ("on_record", "Priya Raman"),
        ("analyst", "Northwind Securities"), ("analyst", "Northwind Securities")]


def test_quote_carry_over_forward_and_backward():
    text = ("“We will keep shipping,” the spokesperson said. “We have no plans to change.”\n\n"
            "“It is early.” “We are watching closely,” said Jane Okafor, who runs the lab.\n\n"
            "“This one has no speaker.”\n\n"
            "“Unquoted neighbour,” Ada Byron said. The weather is nice. “Not carried.”")
    doc, rows = attr(text)
    got = [(r["attribution"], r["carried"], r["attr_sent_id"]) for r in rows]
    assert got == [
        ("company", False, 0), ("company", True, 0),
        ("on_record", True, 3), ("on_record", False, 3),
        ("unattributed", False, None),
        ("on_record", False, 5), ("unattributed", False, None), ("unattributed", False, None),
    ]
    carried = rows[1]
    assert doc.text[carried["attr_start"]:carried["attr_end"]] == "the spokesperson said"


def test_no_carry_over_across_paragraphs():
    _, rows = attr("“We will keep shipping,” the spokesperson said.\n\n“A new paragraph quote.”")
    assert rows[1]["attribution"] == "unattributed"


def test_verbs_inside_quotes_are_ignored():
    r = one("“People familiar with the matter said nothing,” Jane Okafor said.")
    assert r["attribution"] == "on_record" and r["attribution_source"] == "Jane Okafor"


def test_multiple_kinds_recorded():
    r = one("Reuters reported, citing people familiar with the matter, that the deal collapsed.")
    assert r["attribution"] == "report"
    assert r["attributions_all"] == "report; anonymous"


def test_case_and_word_boundaries():
    # "sources" inside "resources" / "said" inside "saids" are not cues
    r = one("The resources were reallocated to the saids project.")
    assert r["attribution"] == "unattributed"
    r = one("The plan changed, SOURCES SAID.")
    assert r["attribution"] == "anonymous"


def test_default_cues_with_registry_load():
    cues = load_cues()
    doc = make_doc("The lab will grow, people familiar with the matter said.", doc_id="x")
    assert attribute(doc, cues)[0]["attribution"] == "anonymous"


def test_anchor_lists_from_one_scan_find_what_each_list_finds():
    """The four anchor lists are found from one scan of the sentence (`CueLists`); each must
    find exactly what its own pattern finds scanning the sentence alone."""
    import random

    from analysis.extract.attribution import ANCHOR_KEYS

    assert len(CUES.anchors.finders) == len(ANCHOR_KEYS)
    rng = random.Random(11)
    words = ["said", "Said", "SAYS", "told reporters", "according to", "According  to", "reported",
             "reports", "citing", "a report by", "source:", "wrote", "Jane Doe", "the company", "“", "”",
             ",", "that", "on", "Meta", "analysts", "people familiar", "saidx", "unsaid", "acc-ording",
             "ſaid", "İn", "in a note", "noted", "."]
    for _ in range(3000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 16)))
        assert CUES.anchors.find(text) == [f.find(text) for f in CUES.anchors.finders], text
    assert [h.label for h in CUES.anchors.find("ſaid, according to X")[0]] == ["speech_verbs"]



@pytest.mark.parametrize("sentence, kind", [
    # a subject with cues of several classes: anonymous, then analyst, then company, then report
    ("The plan changed, people familiar with the analysts said.", "anonymous"),
    ("The plan changed, company analysts said.", "analyst"),
    ("The plan changed, the company's Reuters liaison said.", "company"),
    ("The plan changed, Reuters staff wrote.", "report"),
    # the appositive counts for analyst and company only
    ("The plan changed, said Ana Ruiz, an analyst at Hooli.", "analyst"),
    ("The plan changed, said Ana Ruiz, a spokeswoman for Hooli.", "company"),
])
def test_source_classes_in_priority_order(sentence, kind):
    assert one(sentence)["attribution"] == kind
