import datetime as dt

from analysis.corpus.doc import make_doc
from analysis.extract.talent import TALENT_COLUMNS, extract_talent_moves


def moves(text, published=dt.date(2025, 3, 14)):
    doc = make_doc(text, doc_id="t", published=published)
    rows = extract_talent_moves(doc)
    for r in rows:
        assert list(r) == TALENT_COLUMNS
        assert doc.text[r["start"]:r["end"]] == r["quote"]
        s = doc.sentences[r["sent_id"]]
        assert s.start <= r["start"] < r["end"] <= s.end
    return rows


def one(rows, **kw):
    hits = [r for r in rows if all(r[k] == v for k, v in kw.items())]
    assert len(hits) == 1, (kw, rows)
    return hits[0]


def test_unregistered_hire_with_former_employer_and_role():
    rows = moves("Acme Robotics hired Jane Okafor, formerly Globex's head of research, as chief scientist.")
    r = one(rows, person="Jane Okafor")
    assert r["direction"] == "join" and r["to_org"] == "Acme Robotics" and r["from_org"] == "Globex"
    assert r["role"] == "chief scientist" and r["person_in_registry"] is False and r["count"] == 1


def test_subject_join_and_leave_with_dates():
    rows = moves("Tomasz Wierzbicki left Initech in January. "
                 "He joined Hooli as chief technology officer in February.")
    left = one(rows, direction="leave")
    assert left["person"] == "Tomasz Wierzbicki" and left["from_org"] == "Initech"
    assert left["event_date"] == "2025-01-01" and left["event_date_precision"] == "month"
    joined = one(rows, direction="join")
    assert joined["person"] == "Tomasz Wierzbicki"  # "He" resolved to the person named before
    assert joined["to_org"] == "Hooli" and joined["role"] == "chief technology officer"


def test_group_moves_with_counts():
    rows = moves("Globex poached 12 senior engineers from Initech last month. "
                 "Nine of the 20 authors of the original paper have since departed. "
                 "Hooli also lost a handful of researchers.")
    g = one(rows, count=12)
    assert g["direction"] == "join" and g["from_org"] == "Initech" and g["to_org"] == "Globex"
    assert g["person"] is None and g["count_text"].startswith("12")
    assert one(rows, count=9)["direction"] == "leave"
    h = one(rows, from_org="Hooli")
    assert h["direction"] == "leave" and h["count"] is None and h["count_approx"] is True


def test_pay_package_linked_to_the_move():
    rows = moves("Vandelay Industries lured Priya Raman from Hooli with a package worth $85 million. "
                 "Vandelay also invested $2 billion in Hooli.")
    r = one(rows, person="Priya Raman")
    assert r["pay_usd"] == 85_000_000 and r["from_org"] == "Hooli"
    assert len(rows) == 1  # an investment is not a move


def test_attempts_and_rumours_are_not_moves():
    rows = moves("Initech tried to hire Carlos Mendez before being rebuffed. "
                 "Globex is reportedly courting Mei Lin, the startup's chief scientist.")
    assert one(rows, person="Carlos Mendez")["direction"] == "attempt"
    assert one(rows, person="Mei Lin")["direction"] == "rumour"
    assert not any(r["direction"] in ("join", "leave") for r in rows)


def test_negatives_generic_hiring_talk_and_negation():
    rows = moves("Meta released earnings on Wednesday. Globex said it is not hiring Jane Okafor. "
                 "The firm keeps poaching talent and spending money. "
                 "Zuckerberg lost confidence in the team. Staff hoped to avoid layoffs.")
    assert rows == []


def test_surname_coreference_and_role_across_sentences():
    rows = moves("Initech hired Jane Okafor in May. The new lab will be led by Okafor, now Initech's "
                 "chief AI officer, and former Hooli CEO Raj Patel, who also joined in May.")
    jane = [r for r in rows if r["person"] == "Jane Okafor"]
    assert len(jane) == 2 and jane[1]["role"] == "chief AI officer"
    raj = one(rows, person="Raj Patel")
    assert raj["from_org"] == "Hooli" and raj["direction"] == "join" and raj["role"] is None


def test_relative_clause_and_along_with():
    rows = moves("One such hire was Ana Souza, who Globex's CEO named as its new head of AI. "
                 "Marco Rossi, the startup's founder, joined Hooli along with three engineers.")
    assert one(rows, person="Ana Souza")["direction"] == "join"
    assert one(rows, person="Marco Rossi")["to_org"] == "Hooli"
    assert one(rows, count=3)["direction"] == "join"



def test_previous_employer_from_relative_clause_apposition_and_memory():
    rows = moves("Hooli has hired Priya Natarajan, who previously led software at Initech, to run its "
                 "robotics group. Globex named Hiroshi Tanaka its new vice president of research. "
                 "Tanaka joins from Vandelay Labs, where he spent eight years. "
                 "Andrew Tulloch, a co-founder of Pied Piper Labs, later joined Hooli.")
    p = one(rows, person="Priya Natarajan")
    assert p["from_org"] == "Initech" and p["to_org"] == "Hooli" and p["role"] == "run its robotics group"
    t = [r for r in rows if r["person"] == "Hiroshi Tanaka"]
    assert t[0]["role"] == "vice president of research" and t[0]["to_org"] == "Globex"
    assert t[1]["from_org"] == "Vandelay Labs" and t[1]["to_org"] == "Globex"
    assert one(rows, person="Andrew Tulloch")["from_org"] == "Pied Piper Labs"


def test_accented_names_departures_and_group_rumours():
    rows = moves("The move follows a string of departures at Initech. Last month, Initech's head of "
                 "robotics engineering, Carlos Ibáñez, quit to found a startup. "
                 "Hooli is in talks to hire the founders of Pied Piper.")
    assert one(rows, cue="a string of departures")["from_org"] == "Initech"
    c = one(rows, person="Carlos Ibáñez")
    assert c["direction"] == "leave" and c["from_org"] == "Initech"
    assert c["event_date"] == "2025-02-01" and c["event_date_precision"] == "month"
    r = one(rows, direction="rumour")
    assert r["to_org"] == "Hooli" and r["from_org"] == "Pied Piper" and r["person"] is None


def test_approximate_counts_and_layoffs():
    rows = moves("Globex laid off about 600 employees in October. "
                 "Hooli poached more than 20 engineers from Initech.")
    lay = one(rows, direction="leave")
    assert lay["count"] == 600 and lay["count_approx"] is True and lay["from_org"] == "Globex"
    assert lay["event_date"] == "2024-10-01"
    j = one(rows, direction="join")
    assert j["count"] == 20 and j["count_approx"] is True and j["from_org"] == "Initech"


def test_non_employer_objects_are_not_moves():
    rows = moves("Jane Okafor left the meeting early. Raj Patel joined forces with Globex. "
                 "Mei Lin joined the company in 2023. Carlos Mendez left the startup last week. "
                 "Ana Souza left Hooli's AI unit.")
    assert sorted(r["person"] for r in rows) == ["Ana Souza", "Carlos Mendez", "Mei Lin"]


def test_coordinated_people_around_appositions_and_return_moves():
    rows = moves("In August, Globex hired Mei Lin, a co-creator of the Quill app, and Raj Patel, who "
                 "worked on search. Ana Souza and Carlos Mendez returned to Hooli within weeks.")
    assert {r["person"] for r in rows if r["direction"] == "join"} == {
        "Mei Lin", "Raj Patel", "Ana Souza", "Carlos Mendez"}
    assert one(rows, person="Raj Patel")["to_org"] == "Globex"
    assert one(rows, person="Carlos Mendez")["to_org"] == "Hooli"


def test_roles_given_directly_and_group_subjects():
    rows = moves("Globex Corp. appointed Sarah Kim chief executive officer on Monday. "
                 "Jonas Berg was named head of research at Hooli in March. "
                 "Initech's co-founders, Lee Chang and Maria Gomez, are leaving to start a venture. "
                 "Hooli hired Raj Patel to lead its consumer AI unit.")
    assert one(rows, person="Sarah Kim")["role"] == "chief executive officer"
    j = one(rows, person="Jonas Berg")
    assert j["role"] == "head of research" and j["to_org"] == "Hooli"
    assert {r["person"] for r in rows if r["direction"] == "leave"} == {"Lee Chang", "Maria Gomez"}
    assert one(rows, person="Raj Patel")["role"] == "lead its consumer AI unit"


def test_group_move_and_named_member_give_two_rows():
    rows = moves("Vexora Labs has lost four engineers this year, including Dana Whitfield, who defected "
                 "to Quorin. Five researchers, including senior engineer Ilse Varga, have left "
                 "Brightmoor Systems.")
    g = one(rows, count=4)
    assert g["direction"] == "leave" and g["from_org"] == "Vexora Labs" and g["person"] is None
    d = one(rows, person="Dana Whitfield")
    assert d["direction"] == "leave" and d["from_org"] == "Vexora Labs" and d["to_org"] == "Quorin"
    assert one(rows, count=5)["direction"] == "leave"
    assert one(rows, person="Ilse Varga")["direction"] == "leave"


def test_leave_to_join_is_one_move_row():
    rows = moves("Hal Brennan, Vexora Labs's head of research, left to join Quorin. "
                 "Marta Solberg quit Brightmoor Systems to join Tandem Robotics in May. "
                 "Owen Pike departed Brightmoor Systems for Tandem Robotics.")
    assert len(rows) == 3
    for person, src, dst in [("Hal Brennan", "Vexora Labs", "Quorin"),
                             ("Marta Solberg", "Brightmoor Systems", "Tandem Robotics"),
                             ("Owen Pike", "Brightmoor Systems", "Tandem Robotics")]:
        r = one(rows, person=person)
        assert (r["direction"], r["from_org"], r["to_org"]) == ("leave", src, dst)
    assert one(rows, person="Marta Solberg")["event_date"] == "2024-05-01"


def test_headline_hire_of_a_former_researcher_and_exodus():
    rows = moves("Tandem Robotics hires former Vexora researcher\n\nBrightmoor’s talent exodus deepens")
    j = one(rows, direction="join")
    assert j["to_org"] == "Tandem Robotics" and j["from_org"] == "Vexora"
    assert j["person"] is None and j["count"] == 1 and j["count_approx"] is False
    lv = one(rows, direction="leave")
    assert lv["from_org"] == "Brightmoor" and lv["count"] is None and lv["person"] is None


def test_non_moves_stay_negative_and_attempts_stay_attempts():
    rows = moves("Quorin joined forces with Tandem Robotics. Dana Whitfield left the meeting early. "
                 "Tandem Robotics hired a law firm to review the deal. Quorin released earnings on "
                 "Tuesday. Brightmoor Systems plans to hire 200 engineers. "
                 "Quorin tried to poach Owen Pike.")
    assert {r["direction"] for r in rows} == {"attempt"}
    assert one(rows, count=200)["to_org"] == "Brightmoor Systems"
    assert one(rows, person="Owen Pike")["to_org"] == "Quorin"


def test_relative_clause_between_person_and_leave_verb():
    # the employer named inside the clause
    r = one(moves("Orrin Vask, who had led Pellucid's vision team, quit in May."), person="Orrin Vask")
    assert r["direction"] == "leave" and r["from_org"] == "Pellucid" and r["to_org"] is None
    r = one(moves("Orrin Vask, who ran speech research at Pellucid Labs, departed last month."),
            person="Orrin Vask")
    assert r["direction"] == "leave" and r["from_org"] == "Pellucid Labs"
    # "the company": the organisation the document is about
    rows = moves("Zentrix Labs is rebuilding its robotics unit. "
                 "Mara Velloso, who oversaw the company's robotics efforts, left the company at the end of last year.")
    r = one(rows, person="Mara Velloso")
    assert r["direction"] == "leave" and r["from_org"] == "Zentrix Labs"
    assert r["quote"].startswith("Mara Velloso, who oversaw") and r["quote"].endswith("left")


def test_named_hire_with_fractional_group_of_the_startup():
    rows = moves("Brightwater hired Lumora co-founder Tessa Quill and about a quarter of the startup's employees.")
    p = one(rows, person="Tessa Quill")
    assert p["direction"] == "join" and p["to_org"] == "Brightwater" and p["from_org"] == "Lumora"
    g = one(rows, person=None)
    assert g["direction"] == "join" and g["count"] is None and g["count_approx"] is True
    assert g["count_text"] == "about a quarter of the startup's employees"
    assert g["from_org"] == "Lumora" and g["to_org"] == "Brightwater"


def test_vague_and_fractional_group_counts():
    rows = moves("Quillon Labs shrank its lab. Half of its research staff left after the merger.")
    g = one(rows, direction="leave")
    assert g["count_text"] == "Half of its research staff" and g["count"] is None and g["count_approx"] is True
    assert g["from_org"] == "Quillon Labs"
    g = one(moves("Dozens of engineers joined Brightwater Systems this spring."), direction="join")
    assert g["count_text"] == "Dozens of engineers" and g["count_approx"] is True
    assert g["to_org"] == "Brightwater Systems"
    # an exact count keeps its number; a qualifier stays in the group's text
    g = one(moves("Brightwater Systems hired more than 20 engineers from Lumora Labs."), direction="join")
    assert g["count"] == 20 and g["count_approx"] is True and g["count_text"] == "more than 20 engineers"


def test_cues_are_found_whatever_their_case_spacing_apostrophe_or_hyphenation():
    assert one(moves("Jane Okafor LEFT Globex in May."), direction="leave")["person"] == "Jane Okafor"
    assert one(moves("Jane Okafor has  left Globex."), direction="leave")["from_org"] == "Globex"
    assert one(moves("Hooli couldn’t land Jane Okafor."), direction="attempt")["person"] == "Jane Okafor"
    # a cue joined to the word before it by a hyphen is still that cue ("executive-exodus")
    assert one(moves("Apple faces an executive-exodus."), direction="leave")["from_org"] == "Apple"


def test_mentions_given_or_found_give_the_same_rows():
    from analysis.extract.mentions import find_mentions
    doc = make_doc("Globex hired Jane Okafor, a former Initech researcher, as chief scientist. "
                   "Okafor replaces Tom Berg, who left for Hooli.", doc_id="t")
    rows = extract_talent_moves(doc)
    assert rows and extract_talent_moves(doc, find_mentions(doc)) == rows
