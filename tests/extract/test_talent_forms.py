"""Move forms of real news, each on a sentence written for the test (other names, other companies)."""
import datetime as dt

from analysis.corpus.doc import make_doc
from analysis.extract.talent import TALENT_COLUMNS, extract_talent_moves
from analysis.lexicon.firstnames import is_first_name


def moves(text):
    doc = make_doc(text, doc_id="t", published=dt.date(2025, 3, 14))
    rows = extract_talent_moves(doc)
    for r in rows:
        assert list(r) == TALENT_COLUMNS and doc.text[r["start"]:r["end"]] == r["quote"]
        assert r["confidence"] in ("high", "medium", "low")
    return rows


def judged(rows):
    return [r for r in rows if r["direction"] in ("join", "leave")]


def test_first_name_lexicon_knows_given_names_not_common_words():
    assert is_first_name("Kate") and is_first_name("Oriol")
    assert not is_first_name("Alongside") and not is_first_name("kate") and not is_first_name("Nvidia")


def test_unregistered_person_with_a_given_name_and_progressive_leave_cues():
    r = judged(moves("Regulators learned that Kate Brennan was leaving Nvidia for Intel."))
    assert [(x["person"], x["from_org"], x["to_org"], x["confidence"]) for x in r] == \
        [("Kate Brennan", "Nvidia", "Intel", "medium")]
    r = judged(moves("Nvidia said that Marta Ilves, its head of sales, would be retiring from her role."))
    assert [(x["person"], x["direction"]) for x in r] == [("Marta Ilves", "leave")]


def test_pronoun_subject_in_the_same_sentence_and_the_next():
    rows = moves("Last month, veteran engineer Tomas Berg announced that he was leaving Intel for Nvidia. "
                 "He's becoming chief technology officer of the chip unit.")
    left, joined = judged(rows)
    assert left["person"] == joined["person"] == "Tomas Berg"
    assert left["confidence"] == "medium" and joined["confidence"] == "low"
    assert joined["role"].startswith("chief technology officer")


def test_hedged_moves_are_rumours_not_moves():
    rows = moves("Sources said that Peter Lind wants to join another company if he leaves Nvidia.")
    assert rows and all(r["direction"] == "rumour" and r["confidence"] == "low" for r in rows)


def test_words_of_a_web_address_are_not_cues():
    rows = moves("This story first ran at https://example.com/news/intel-talent-exodus-continues.html today.")
    assert rows == []


def test_possessive_and_pronoun_noun_cues():
    rows = judged(moves("Greta Holm announced her resignation from Intel on Monday."))
    assert [(r["person"], r["from_org"]) for r in rows] == [("Greta Holm", "Intel")]


def test_a_spate_of_exits_names_no_mover():
    assert judged(moves("Peter Lind suggests spate of Intel exits was planned")) == []


def test_first_person_post_is_the_speakers_move():
    rows = judged(moves("March 3: Lena Park, an engineer, wrote: “Today is my last day at Nvidia.”"))
    assert [(r["person"], r["from_org"], r["confidence"]) for r in rows] == [("Lena Park", "Nvidia", "low")]


def test_role_only_headline_resolves_to_the_person_named_in_that_role():
    doc = ("Intel’s CFO steps down\n\nThe chipmaker announced changes on Monday. "
           "Intel CFO Marta Ilves will leave at the end of the month.")
    rows = judged(moves(doc))
    head = [r for r in rows if r["sent_id"] == 0]
    assert [(r["person"], r["confidence"]) for r in head] == [("Marta Ilves", "low")]


def test_all_but_n_of_m_and_an_included_subgroup():
    g = judged(moves("Reports say all but three of the 12 co-founders at Intel had departed the company."))
    assert [r["count"] for r in g] == [9]
    g = judged(moves("In total, 14 engineers at Intel, including three co-founders, left the company."))
    assert [r["count"] for r in g] == [14]


def test_titles_in_a_list_of_hires_and_along_with_before_the_verb():
    rows = judged(moves("Nvidia is now hiring Initech CEO Lena Park, co-founder Tomas Berg, and some of its staff."))
    assert {r["person"] for r in rows if r["person"]} == {"Lena Park", "Tomas Berg"}
    rows = judged(moves("Initech founder Lena Park along with Tomas Berg, the company's president, joined Nvidia."))
    assert {r["person"] for r in rows} == {"Lena Park", "Tomas Berg"}


def test_a_photo_caption_left_is_no_departure():
    rows = judged(moves("My guides were the lab's director, Lena Park (pictured below left) and Tomas Berg."))
    assert rows == []


def test_reportedly_is_still_a_move():
    rows = judged(moves("This week, Lin Wei and Zhao Min reportedly left the company, Intel said."))
    assert [(r["person"], r["direction"]) for r in rows] == [("Lin Wei", "leave"), ("Zhao Min", "leave")]
