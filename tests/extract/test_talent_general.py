"""General move forms taught in round 2 (each on sentences written for the test: other people,
other companies), and what is never a move (bylines)."""
import datetime as dt

from analysis.corpus.doc import make_doc
from analysis.extract.talent import TALENT_COLUMNS, extract_talent_moves


def moves(text):
    doc = make_doc(text, doc_id="t", published=dt.date(2025, 3, 14))
    rows = extract_talent_moves(doc)
    for r in rows:
        assert list(r) == TALENT_COLUMNS and doc.text[r["start"]:r["end"]] == r["quote"]
    return rows


def judged(rows):
    return [r for r in rows if r["direction"] in ("join", "leave")]


def people(rows):
    return [(r["person"], r["direction"], r["from_org"], r["to_org"]) for r in judged(rows)]


def test_a_list_of_names_closed_by_and_is_every_one_of_them():
    rows = moves("Intel hired Petra Lund, Omar Haddad, and Ines Moreau from Nvidia.")
    assert [p[0] for p in people(rows)] == ["Petra Lund", "Omar Haddad", "Ines Moreau"]
    assert {p[2] for p in people(rows)} == {"Nvidia"}
    # a comma without a closing "and" is no list: the second name is the speaker
    rows = moves("Intel hired Petra Lund, Omar Haddad said on Monday.")
    assert [p[0] for p in people(rows)] == ["Petra Lund"]


def test_welcome_back_and_headed_back_to():
    rows = moves("“We are delighted to welcome Petra Lund and Omar Haddad back to Intel,” the company said.")
    assert [(p[0], p[1], p[3]) for p in people(rows)] == [("Petra Lund", "join", "Intel"),
                                                          ("Omar Haddad", "join", "Intel")]
    rows = moves("Nvidia said that Ines Moreau is heading back to Intel after two years.")
    assert [(p[0], p[1], p[3]) for p in people(rows)] == [("Ines Moreau", "join", "Intel")]
    assert not judged(moves("Ines Moreau is heading back to the office after two years."))


def test_split_with_and_parted_ways_with():
    rows = moves("Nvidia's chief executive, Petra Lund, was formerly a director at Intel and split with Intel in 2021.")
    assert [(p[0], p[1], p[2]) for p in people(rows)] == [("Petra Lund", "leave", "Intel")]
    rows = moves("Omar Haddad was the first hire at Nvidia. Nvidia has parted ways with Omar Haddad, the board said.")
    assert ("Omar Haddad", "leave", "Nvidia", None) in people(rows)


def test_removal_with_an_adverb_in_the_passive_and_its_negation():
    rows = moves("Intel went through a crisis in May, when CEO Petra Lund was briefly removed.")
    assert people(rows) == [("Petra Lund", "leave", "Intel", None)]
    assert not judged(moves("Intel went through a crisis in May, but CEO Petra Lund was not removed."))
    rows = moves("Omar Haddad left Nvidia shortly after the firing of CEO Petra Lund.")
    assert ("Petra Lund", "leave", "Nvidia", None) in people(rows)


def test_will_be_the_new_role_names_the_person_and_the_organisation():
    rows = moves("“Ines Moreau will be the new CFO of Nvidia,” the founder said.")
    assert [(p[0], p[1], p[3]) for p in people(rows)] == [("Ines Moreau", "join", "Nvidia")]


def test_brought_with_him_a_named_colleague():
    rows = moves("Omar Haddad later founded Tessellate, and he brought with him Intel's former design lead "
                 "Petra Lund.")
    assert any(p[0] == "Petra Lund" and p[1] == "join" and p[2] == "Intel" for p in people(rows))


def test_talks_and_willingness_are_no_move():
    rows = moves("Nvidia CEO Omar Haddad was in advanced talks to hire Petra Lund, sources said.")
    assert not judged(rows) and [r["direction"] for r in rows] == ["rumour"]
    rows = moves("Petra Lund said she was willing to leave Intel for the right role.")
    assert not judged(rows)


def test_the_company_left_is_the_one_named_in_the_same_sentence():
    # "left the company": Intel, named in the relative clause, not the startup named after
    rows = moves("Petra Lund, who served as Intel's CTO until May, left the company and co-founded Nvidia "
                 "with Omar Haddad. Nvidia is based in Lyon. Nvidia raised money. Nvidia grew.")
    assert ("Petra Lund", "leave", "Intel", None) in people(rows)


def test_reported_speech_the_subject_is_in_the_reported_clause():
    rows = moves("Nvidia CEO Omar Haddad told staff that ‘a dozen engineers from Intel have chosen to join us’.")
    assert [(r["person"], r["count"]) for r in judged(rows)] == [(None, 12)]
    rows = moves("Petra Lund, who said that the offer was fair, joined Nvidia.")
    assert [p[0] for p in people(rows)] == ["Petra Lund"]


def test_the_description_of_a_speaker_is_not_the_organisation_of_the_mover():
    rows = moves("Ines Moreau, Nvidia's head of sales, announced that Omar Haddad would be headed back to Intel.")
    assert people(rows) == [("Omar Haddad", "join", None, "Intel")]


def test_a_person_who_left_the_focus_company_does_not_join_it_by_default():
    rows = moves("Petra Lund is leaving Nvidia to start a company. Nvidia makes chips. Nvidia sells chips. "
                 "Lund reportedly plans to serve as CEO.")
    assert all(not (p[1] == "join" and p[3] == "Nvidia") for p in people(rows))


def test_bylines_and_credit_lines_are_never_movers():
    text = ("By Priya Raman\n\nNvidia hired Tom Okafor from Intel on Monday.\n\n"
            "Priya Raman joined Nvidia in 2019 and covers chips for the site.")
    assert [p[0] for p in people(moves(text))] == ["Tom Okafor"]
    # without the byline, the same sentence is a move
    assert "Priya Raman" in [p[0] for p in people(moves(text.split("\n\n", 1)[1]))]
    rows = moves("Intel hired Tom Okafor. (Reporting by Ann Lindqvist in London; Editing by Mark Potter)")
    assert [p[0] for p in people(rows)] == ["Tom Okafor"]
    # "By contrast": no person after the cue, no credit line
    assert [p[0] for p in people(moves("By contrast, Tom Okafor joined Nvidia."))] == ["Tom Okafor"]


def test_a_person_described_then_named_in_the_next_sentence():
    text = ("Nvidia has lost one of its most senior chip engineers. Petra Lund, a principal engineer on the "
            "Grace team, said on Monday that she had left.")
    first = judged(moves(text))[0]
    assert (first["person"], first["from_org"], first["confidence"]) == ("Petra Lund", "Nvidia", "low")
    # the next sentence names someone in another role: the group of one stays unnamed
    rows = judged(moves("Nvidia has lost one of its top engineers. Petra Lund, an analyst at Intel, called it a blow."))
    assert [(r["person"], r["count"]) for r in rows] == [(None, 1)]


def test_a_person_who_goes_with_another_makes_the_same_move():
    rows = moves("Petra Lund has left Intel to join Nvidia. Intel's chief architect, Omar Haddad, accompanies "
                 "Lund in the move.")
    assert people(rows) == [("Petra Lund", "leave", "Intel", "Nvidia"), ("Omar Haddad", "leave", "Intel", "Nvidia")]
    # inverted, with a list separated by semicolons
    rows = moves("Petra Lund is leaving Intel to start a company. Coming with her as co-founders are several "
                 "engineers, including Omar Haddad, a senior fellow; Ines Moreau, a researcher; and Tom Okafor.")
    assert [p[0] for p in people(rows) if p[0]] == ["Petra Lund", "Omar Haddad", "Ines Moreau", "Tom Okafor"]
    assert {(p[1], p[2]) for p in people(rows)} == {("leave", "Intel")}
    # no move stated for the person followed: nothing to copy
    assert not judged(moves("Omar Haddad followed Petra Lund into the meeting."))


def test_a_counted_group_of_departing_staff_and_a_running_total():
    rows = judged(moves("Intel is losing engineers. Four of the departing researchers plan to start a company together."))
    assert [(r["person"], r["count"], r["direction"]) for r in rows][-1] == (None, 4, "leave")
    rows = judged(moves("Two more engineers left Intel this week, bringing the total to nine out of the original 15."))
    assert sorted((r["count"], r["from_org"]) for r in rows) == [(2, "Intel"), (9, "Intel")]
    # a total with no move stated in the sentence is no move
    assert not judged(moves("Intel sold more chips, bringing the total to nine out of the original 15 plants."))


def test_the_people_listed_under_a_heading_that_states_the_move():
    text = ("Several engineers left Intel this month.\n\n"
            "The following engineers have announced their departures from Intel in recent days:\n\n"
            "March 3: Petra Lund, a chip designer, wrote: “On to new things.” She thanked the team.\n\n"
            "March 4: Kwabena Osei-Tutu, who ran the test lab, posted a farewell note.\n\n"
            "- Omar Haddad wrote that he left Intel to travel.\n\n"
            "Intel declined to comment on the departures.")
    got = {(p[0], p[1], p[2]) for p in people(moves(text)) if p[0]}
    assert got == {("Petra Lund", "leave", "Intel"), ("Kwabena Osei-Tutu", "leave", "Intel"),
                   ("Omar Haddad", "leave", "Intel")}
    # without the heading the items are no moves
    assert not [p for p in people(moves(text.replace("The following engineers have announced their departures "
                                                     "from Intel in recent days:", "Some reactions:"))) if p[0] == "Petra Lund"]


def test_a_role_changing_hands_and_a_unit_put_under_someone():
    rows = moves("Control of Nvidia's robotics group has changed hands from Petra Lund, Nvidia's vice president of "
                 "research and design, to Omar Haddad, the head of software.")
    assert people(rows) == [("Petra Lund", "leave", "Nvidia", None), ("Omar Haddad", "join", None, "Nvidia")]
    rows = moves("Last year Intel reorganised its foundry unit, bringing it under Ines Moreau, a 20-year veteran of "
                 "the company.")
    assert people(rows) == [("Ines Moreau", "join", None, "Intel")]
    assert not judged(moves("The suspect was placed under arrest by Intel security."))


def test_an_organisation_no_registry_lists_after_departs_exits_and_ousted():
    assert people(moves("Ravi Shankar departs Cisco after eleven years.")) == [("Ravi Shankar", "leave", "Cisco", None)]
    assert people(moves("Elena Petrova exits Palantir to start her own company.")) == [
        ("Elena Petrova", "leave", "Palantir", None)]
    assert people(moves("Zoom ousted chief operating officer Karen Liu after the outage.")) == [
        ("Karen Liu", "leave", "Zoom", None)]
    # "head of AI at Siemens": the organisation after a role with a capitalised complement
    rows = moves("Nora Lindgren succeeds Paul Becker as head of AI at Siemens.")
    assert ("Nora Lindgren", "join", None, "Siemens") in people(rows)


def test_leaving_for_an_organisation_is_no_departure_from_it():
    assert people(moves("The startup's co-founder, Arjun Patel, is leaving for Cohere.")) == [
        ("Arjun Patel", "leave", None, "Cohere")]


def test_the_company_joined_is_not_the_one_the_person_comes_from():
    # the only organisation named is the one he left: "the company" cannot be it
    rows = moves("Former Hooli CEO Tom Okafor joined the company as head of products.")
    assert people(rows) == [("Tom Okafor", "join", "Hooli", None)]
    # a named organisation after the cue still wins
    rows = moves("Former Hooli CEO Tom Okafor joined Hooli again as head of products.")
    assert people(rows) == [("Tom Okafor", "join", None, "Hooli")]


def test_made_a_person_a_role_is_an_appointment_but_made_a_person_rich_is_not():
    rows = moves("Intel made Petra Lund its chief scientist.")
    assert [(r["person"], r["direction"], r["role"]) for r in judged(rows)] == [("Petra Lund", "join", "chief scientist")]
    rows = moves("The board made Omar Haddad chief executive of Nvidia last week.")
    assert people(rows) == [("Omar Haddad", "join", None, "Nvidia")]
    assert not judged(moves("The deal made Omar Haddad a billionaire."))
    assert not judged(moves("Remarks made by Omar Haddad upset Intel's chief scientist."))


def test_would_take_over_is_a_move():
    rows = moves("Nvidia said Ines Moreau would take over from Tom Okafor as chief executive.")
    assert ("Ines Moreau", "join", None, "Nvidia") in people(rows)


def test_the_organisation_a_group_or_person_goes_to_after_lost_to_and_left_for():
    rows = moves("Hooli lost five senior researchers to Globex this year.")
    assert [(r["count"], r["from_org"], r["to_org"]) for r in judged(rows)] == [(5, "Hooli", "Globex")]
    rows = moves("Ana Souza, who left for Globex in May, was the first.")
    assert ("Ana Souza", "leave", None, "Globex") in people(rows)


def test_leaving_his_own_startup_is_no_departure_from_the_company_he_joins():
    assert people(moves("Tom Okafor left his startup to join Nvidia.")) == [("Tom Okafor", "leave", None, "Nvidia")]
    # named in an apposition: that is the organisation left
    rows = moves("Tom Okafor quit his own company, Quillwork, and later joined Nvidia.")
    assert people(rows) == [("Tom Okafor", "leave", "Quillwork", "Nvidia")]


def test_a_former_title_in_a_possessive_apposition_is_where_a_joiner_comes_from():
    rows = moves("Ines Moreau, Intel's former chief scientist, is joining Nvidia.")
    assert people(rows) == [("Ines Moreau", "join", "Intel", "Nvidia")]
    # a present title may be the new one: no origin from it
    rows = moves("Ines Moreau, Nvidia's new chief scientist, joined last week.")
    assert [p[2] for p in people(rows)] == [None]


def test_years_at_an_organisation_before_the_move_is_where_the_person_comes_from():
    rows = moves("After nine years at Globex, Ana Souza is moving to Hooli.")
    assert people(rows) == [("Ana Souza", "join", "Globex", "Hooli")]
    rows = moves("Following a short stint at Initech, Omar Haddad left for Nvidia.")
    assert people(rows) == [("Omar Haddad", "leave", "Initech", "Nvidia")]


def test_a_university_or_hospital_is_never_a_person_and_can_be_the_employer():
    assert not judged(moves("Carnegie Mellon University joined the effort to train the model."))
    rows = moves("Duke University hired Ana Souza as a professor.")
    assert people(rows) == [("Ana Souza", "join", None, "Duke University")]
    rows = moves("Massachusetts General Hospital hired Ana Souza.")
    assert people(rows) == [("Ana Souza", "join", None, "Massachusetts General Hospital")]


def test_a_move_verb_used_as_a_noun_names_no_mover():
    # the reporter of "the hire" is not the one hired
    rows = moves("Ben Carter, who first reported the hire, said Ana Souza joined Hooli.")
    assert [p[0] for p in people(rows)] == ["Ana Souza"]
    assert not judged(moves("Hooli is on a hiring spree, Ben Carter said."))


def test_lists_of_departures():
    for text in ("Intel's recent departures include Ana Souza, Ben Carter and Chloe Dubois.",
                 "Among those leaving Intel are Ana Souza, Ben Carter and Chloe Dubois."):
        assert people(moves(text)) == [("Ana Souza", "leave", "Intel", None), ("Ben Carter", "leave", "Intel", None),
                                       ("Chloe Dubois", "leave", "Intel", None)], text
    rows = moves("Those who have left include Ana Souza and Ben Carter.")
    assert [p[0] for p in people(rows)] == ["Ana Souza", "Ben Carter"]


def test_both_before_coordinated_names_and_both_formerly_of_after_them():
    rows = moves("Both Ana Souza and Ben Carter have left Intel.")
    assert [p[0] for p in people(rows)] == ["Ana Souza", "Ben Carter"]
    rows = moves("Nvidia has hired Ana Souza and Ben Carter, both formerly of Globex.")
    assert people(rows) == [("Ana Souza", "join", "Globex", "Nvidia"), ("Ben Carter", "join", "Globex", "Nvidia")]


def test_a_relative_clause_names_where_a_joiner_comes_from():
    rows = moves("Ana Souza, who led Globex's AI lab for six years, will join Hooli in May as chief scientist.")
    assert people(rows) == [("Ana Souza", "join", "Globex", "Hooli")]
    # the organisation named in the relative clause of a departure, anywhere in it
    rows = moves("Ana Souza, who ran the robotics and drones unit at Globex, left in May.")
    assert people(rows)[0][:3] == ("Ana Souza", "leave", "Globex")


def test_a_role_as_the_object_resolves_to_the_person_named_in_that_role():
    rows = moves("Hooli has hired Globex's head of research, the company said on Tuesday. "
                 "Ana Souza, Globex's head of research since 2019, will start in May.")
    assert people(rows) == [("Ana Souza", "join", "Globex", "Hooli")] and judged(rows)[0]["confidence"] == "low"
    # nobody named in that role: no person
    rows = moves("Hooli has hired Globex's head of research, the company said on Tuesday. "
                 "Ana Souza, a Globex engineer, will start in May.")
    assert [p[0] for p in people(rows)] == [None] or not people(rows)


def test_replaced_by_names_who_leaves_and_who_joins():
    rows = moves("At Intel, research director Tomás Ortega was replaced by Ananya Rao in January.")
    assert people(rows) == [("Tomás Ortega", "leave", "Intel", None), ("Ananya Rao", "join", None, "Intel")]
    rows = moves("Nvidia's chief executive Ana Souza was replaced as CEO by Ben Carter last year.")
    assert ("Ben Carter", "join", None, "Nvidia") in people(rows)
    # things replaced, and a team that belongs to someone: no mover
    assert not judged(moves("Intel's old servers were replaced by Ben Carter's team."))


def test_a_timeline_of_moves_in_bullets():
    text = ("A timeline of Hooli's departures\n\n"
            "- January: Ana Souza, chief scientist, leaves for Globex.\n"
            "- May: Hooli hires Chloe Dubois from Initech as chief technology officer.\n"
            "- June 2025 — Dan Okoro, co-founder, exits.")
    assert [p for p in people(moves(text)) if p[0]] == [
        ("Ana Souza", "leave", "Hooli", "Globex"), ("Chloe Dubois", "join", "Initech", "Hooli"),
                                   ("Dan Okoro", "leave", "Hooli", None)]
