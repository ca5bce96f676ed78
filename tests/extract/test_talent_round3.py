"""Move forms of round 3 (generality): sentences of our own about invented companies and people."""
from test_talent_general import moves, people


def test_a_longtime_employee_apposition_names_the_organisation_left():
    rows = moves("Lio Barrera, a longtime Vantor executive, is leaving the company to join Norrin, "
                 "Bloomberg reported.")
    assert people(rows) == [("Lio Barrera", "leave", "Vantor", "Norrin")]


def test_the_organisation_joined_is_never_the_one_left():
    rows = moves("Lio Barrera, a longtime executive, is leaving the company to join Norrin, Bloomberg reported.")
    assert people(rows) == [("Lio Barrera", "leave", None, "Norrin")]


def test_a_hire_whose_relative_clause_names_the_former_employer():
    rows = moves("Hooli poaches Globex's head of research\n"
                 "Hooli has hired Mira Castell, who led research at Globex, the company said.")
    assert people(rows) == [("Mira Castell", "join", "Globex", "Hooli")]
    # an organisation after a comma is no longer in the relative clause
    rows = moves("Hooli has hired Mira Castell, who worked on search, the company told Globex.")
    assert people(rows) == [("Mira Castell", "join", None, "Hooli")]


def test_went_to_work_for_a_startup_named_in_apposition():
    rows = moves("After leaving Vantor, Ada Morrow went to work for Bram Okafor's startup, Kestrel.")
    assert ("Ada Morrow", "join", "Vantor", "Kestrel") in people(rows)
    rows = moves("Ada Morrow went to work for Kestrel, an AI startup, in 2024.")
    assert people(rows) == [("Ada Morrow", "join", None, "Kestrel")]
    assert people(moves("Ada Morrow went to work on the problem.")) == []


def test_have_them_join_the_team_and_its_hedges():
    rows = moves("“We are thrilled to have Bram Okafor and Lio Barrera join the team,” said Norrin CEO Ada Morrow.")
    assert people(rows) == [("Bram Okafor", "join", None, "Norrin"), ("Lio Barrera", "join", None, "Norrin")]
    rows = moves("Pellam CEO Ada Morrow said she hoped to have Bram Okafor join the team by summer.")
    assert people(rows) == [] and [r["direction"] for r in rows] == ["rumour"]


def test_the_one_replaced_leaves_but_succeeds_says_nothing_of_the_predecessor():
    assert people(moves("Ada Morrow succeeds Bram Okafor as chief executive of Vantor.")) == [
        ("Ada Morrow", "join", None, "Vantor")]
    # "replacing X": X gives up the post (a participle that states the change)
    assert sorted(people(moves("Vantor named Ada Morrow chief technology officer, replacing Bram Okafor.")), key=str) == [
        ("Ada Morrow", "join", None, "Vantor"), ("Bram Okafor", "leave", "Vantor", None)]
    assert moves("Ada Morrow said she would be replacing her old laptop.") == []
    rows = moves("Vantor named Ada Morrow chief technology officer, replacing Bram Okafor, who left in May.")
    assert ("Bram Okafor", "leave", "Vantor", None) in people(rows)


def test_a_relative_clause_with_helped_names_the_former_employer():
    rows = moves("Priya Nandakumar, who helped build Globex's models, will join Corvane Labs next month.")
    assert people(rows) == [("Priya Nandakumar", "join", "Globex", "Corvane Labs")]


def test_lost_a_person_to_a_rival():
    rows = moves("The departure of Priya Nandakumar comes weeks after Marlow lost its head of product, "
                 "Omar Farouk, to Corvane.")
    assert ("Omar Farouk", "leave", "Marlow", "Corvane") in people(rows)
    assert ("Priya Nandakumar", "leave", "Marlow", None) in people(rows)


def test_news_forms_of_hires_and_exits():
    assert people(moves("Corvane Labs has hired Dana Reyes, Marlow AI's former head of research, to lead a new "
                        "superintelligence team, according to people familiar with the matter.")) == [
        ("Dana Reyes", "join", "Marlow AI", "Corvane Labs")]
    assert people(moves("Timeline: January 2025 - Kenji Arima leaves Marlow AI for Corvane. March 2025 - Sofia "
                        "Bell joins Corvane.")) == [("Kenji Arima", "leave", "Marlow AI", "Corvane"),
                                                    ("Sofia Bell", "join", None, "Corvane")]
    assert people(moves("Q: Who is leaving? A: Marlow's head of safety, Jonas Weber, is leaving to start a "
                        "company.")) == [("Jonas Weber", "leave", "Marlow", None)]
    assert people(moves("Reporting by Jane Smith; Editing by Mark Potter")) == []


def test_them_as_the_object_is_the_people_named_together_just_before():
    rows = moves("Bram Okafor and Lio Barrera built Kestrel's models. Norrin CEO Ada Morrow said she was thrilled "
                 "to have them join the team.")
    assert people(rows) == [("Bram Okafor", "join", None, "Norrin"), ("Lio Barrera", "join", None, "Norrin")]
    assert {r["confidence"] for r in rows} == {"low"}
    # a group, not people, before: no one
    assert people(moves("Norrin had 40 engineers. Globex hired them in May.")) == []


def test_the_company_left_is_not_the_origin_named_in_a_relative_clause():
    rows = moves("Tom Price, who joined Marlow AI from Corvane Labs in 2022, has left the company.")
    assert ("Tom Price", "leave", "Marlow AI", None) in people(rows)
    assert not any(p[1] == "leave" and p[2] == "Corvane Labs" for p in people(rows))


def test_resurfaced_at_is_out_after_and_a_stint_after_the_cue():
    assert people(moves("Sofia Bell, the former head of Marlow AI's safety team, has resurfaced at Corvane Labs.")) == [
        ("Sofia Bell", "join", "Marlow AI", "Corvane Labs")]
    assert people(moves("Lumetra CEO Oskar Lindqvist is out after just 18 months in the job.")) == [
        ("Oskar Lindqvist", "leave", "Lumetra", None)]
    assert people(moves("Jonas Weber is returning to Corvane Labs after a two-year stint at Marlow AI.")) == [
        ("Jonas Weber", "join", "Marlow AI", "Corvane Labs")]


def test_a_fronted_departure_clause_names_the_organisation_left():
    for text in ("After leaving Vantor, Dana Holt joined Zentra as chief scientist.",
                 "Dana Holt joined Zentra after quitting Vantor in May."):
        assert people(moves(text)) == [("Dana Holt", "join", "Vantor", "Zentra")]
    # "after" a stint that names no organisation gives none
    assert people(moves("After leaving, Dana Holt joined Zentra as chief scientist.")) == [
        ("Dana Holt", "join", None, "Zentra")]


def test_losing_money_to_something_is_no_organisation_of_a_move():
    rows = moves("The bank said it lost money to Fraud after Dana Holt left the company in May.")
    assert [(p, d, f) for p, d, f, _ in people(rows)] == [("Dana Holt", "leave", None)]
    # the form with a person or a role between "lost" and "to" still names where they went
    rows = moves("Zentra lost its head of product, Jane Okafor, to Globex in May.")
    assert people(rows) == [("Jane Okafor", "leave", "Zentra", "Globex")]


def test_a_group_including_a_titled_member_is_two_rows():
    rows = moves("Vantor has lost five senior researchers, including co-founder Luc Mercier.")
    assert sorted(people(rows), key=str) == sorted([(None, "leave", "Vantor", None),
                                                    ("Luc Mercier", "leave", "Vantor", None)], key=str)
    assert [r["count"] for r in rows if r["person"] is None] == [5]


def test_more_ways_to_name_the_organisation_a_hire_comes_from():
    cases = {
        "Former Vantor executive Dana Holt has joined Zentra as chief operating officer.": ("Vantor", "Zentra"),
        "Zentra has tapped Vantor veteran Dana Holt to lead its model team.": ("Vantor", "Zentra"),
        "Zentra poached Dana Holt, Vantor's head of AI, last week.": ("Vantor", "Zentra"),
        "Zentra hired Dana Holt, previously head of product at Vantor.": ("Vantor", "Zentra"),
        "Dana Holt was hired by Zentra from Vantor in March.": ("Vantor", "Zentra"),
    }
    for text, (left, joined) in cases.items():
        assert people(moves(text)) == [("Dana Holt", "join", left, joined)], text
    # a hire's own new title is no origin
    assert people(moves("Zentra hired Dana Holt, its new head of AI, last week.")) == [
        ("Dana Holt", "join", None, "Zentra")]


def test_left_one_organisation_for_another():
    assert people(moves("Dana Holt has departed Zentra for Vantor.")) == [("Dana Holt", "leave", "Zentra", "Vantor")]
    assert people(moves("Dana Holt left Zentra for rival Vantor in May.")) == [("Dana Holt", "leave", "Zentra", "Vantor")]


def test_job_cuts_are_a_counted_departure():
    rows = moves("Vantor Robotics cut 80 jobs as it pivots away from consumer chatbots.")
    assert [(r["count"], r["direction"], r["from_org"]) for r in rows if r["count"]] == [(80, "leave", "Vantor Robotics")]
    assert moves("Vantor Robotics cut prices by 20% and cut its stake in Kestrel Labs.") == []


def test_an_acquihired_team_of_stated_size_and_its_named_members():
    rows = moves("Zentra Systems is paying $250 million to license Kestrel's technology and hire its "
                 "40-person research team, including co-founders Dana Holt and Sam Ortiz.")
    assert sorted(people(rows), key=str) == sorted([
        (None, "join", "Kestrel", "Zentra Systems"), ("Dana Holt", "join", "Kestrel", "Zentra Systems"),
        ("Sam Ortiz", "join", "Kestrel", "Zentra Systems")], key=str)
    assert [r["count"] for r in rows if r["person"] is None] == [40]


def test_a_group_that_followed_a_mover_makes_the_same_move():
    rows = moves("Dana Holt left Zentra for Vantor in May. Six engineers followed her, a person familiar said.")
    assert (None, "leave", "Zentra", "Vantor") in people(rows)
    assert [r["count"] for r in rows if r["person"] is None] == [6]
    rows = moves("Dana Holt was poached by Vantor Labs in August, and three of her colleagues followed.")
    assert sorted(people(rows), key=str) == sorted([("Dana Holt", "join", None, "Vantor Labs"),
                                                    (None, "join", None, "Vantor Labs")], key=str)
    # "followed" with no mover before it is nothing
    assert moves("The stock fell, and the bonds followed.") == []


def test_a_time_phrase_after_a_departure_verb_is_no_object():
    rows = moves("Zentra's chief scientist, Dana Holt, resigned the day the deal was announced, a colleague said.")
    assert people(rows) == [("Dana Holt", "leave", "Zentra", None)]
    assert moves("Dana Holt left the meeting early.") == []


def test_a_group_moving_alongside_a_person():
    rows = moves("Vantor Labs lost its research chief. Dana Holt will join Zentra in April, alongside six "
                 "researchers from her Vantor team.")
    assert sorted(people(rows), key=str) == sorted([("Dana Holt", "join", "Vantor Labs", "Zentra"),
                                                    (None, "join", "Vantor Labs", "Zentra")], key=str)


def test_moved_from_one_organisation_to_another_and_becoming_a_role():
    assert people(moves("Dana Holt moved from Vantor to Zentra last year.")) == [("Dana Holt", "join", "Vantor", "Zentra")]
    assert people(moves("Dana Holt jumped from Vantor to rival Zentra in May.")) == [
        ("Dana Holt", "join", "Vantor", "Zentra")]
    assert moves("Dana Holt switched from engineering to sales.") == []
    assert people(moves("Zentra announced that Dana Holt would become its chief technology officer.")) == [
        ("Dana Holt", "join", None, "Zentra")]
    assert moves("Dana Holt became a billionaire last year.") == []


def test_a_veteran_of_an_organisation_comes_from_it():
    rows = moves("Zentra has appointed Dana Holt, a veteran of Vantor Labs, as its new head of research.")
    assert people(rows) == [("Dana Holt", "join", "Vantor Labs", "Zentra")]


def test_resigned_from_one_organisation_and_joined_another_is_one_move():
    assert people(moves("Dana Holt resigned from Vantor and joined Zentra days later.")) == [
        ("Dana Holt", "leave", "Vantor", "Zentra")]
    assert moves("Dana Holt was barred from joining Zentra by a noncompete.") == []
    # "in May" is a month, not a hedge
    assert people(moves("Dana Holt left Vantor in May and joined Zentra in June.")) == [
        ("Dana Holt", "leave", "Vantor", "Zentra")]


def test_alongside_a_person_is_no_move_of_theirs_and_a_group_inside_an_organisation():
    assert people(moves("Dana Holt joined Zentra to co-lead the new lab alongside Sam Ortiz.")) == [
        ("Dana Holt", "join", None, "Zentra")]
    rows = moves("Zentra hired Dana Holt and most of Vantor Labs' staff. Zentra hired most of Kestrel Labs's staff.")
    assert (None, "join", "Kestrel Labs", "Zentra") in people(rows)


def test_headline_forms_of_the_organisation_a_hire_comes_from():
    body = "\n\nThe AI startup Zentra said on Tuesday that the hire was part of its plan."
    assert people(moves("Zentra hires Vantor Labs' AI chief Dana Holt" + body)) == [
        ("Dana Holt", "join", "Vantor Labs", "Zentra")]
    assert people(moves("Zentra taps ex-Vantor Labs exec Dana Holt as CTO" + body)) == [
        ("Dana Holt", "join", "Vantor Labs", "Zentra")]


def test_more_appositions_and_tenses_of_a_move():
    assert people(moves("Dana Holt (pictured), Zentra's former head of research, has joined Vantor.")) == [
        ("Dana Holt", "join", "Zentra", "Vantor")]
    assert people(moves("Sam Ortiz, previously Zentra's general counsel, joined Vantor last month.")) == [
        ("Sam Ortiz", "join", "Zentra", "Vantor")]
    assert people(moves("Zentra said Dana Holt, who has led its cloud business since 2019, would retire.")) == [
        ("Dana Holt", "leave", "Zentra", None)]
    assert people(moves("Dana Holt is the latest executive to leave Zentra this year.")) == [
        ("Dana Holt", "leave", "Zentra", None)]
    rows = moves("In a memo, Zentra chief executive Sam Ortiz said that Dana Holt had been promoted to president.")
    assert ("Dana Holt", "join", None, "Zentra") in people(rows)


def test_left_to_start_a_company_names_where_the_person_went():
    rows = moves("Dana Holt, a former Vantor Labs engineer, left in November to start Kestrel Robotics.")
    assert people(rows) == [("Dana Holt", "leave", "Vantor Labs", "Kestrel Robotics")]


def test_korean_names_descriptions_before_an_employer_and_leaving_for_a_rival():
    rows = moves("Zentra recruited Park Ji-hoon, a former Vantor Labs engineer, as chief technology officer.")
    assert people(rows) == [("Park Ji-hoon", "join", "Vantor Labs", "Zentra")]
    assert people(moves("Co-founder Dana Holt left Zentra in May.")) == [("Dana Holt", "leave", "Zentra", None)]
    rows = moves("Zentra hired Sam Ortiz, a former executive at the cloud company Vantor Systems.")
    assert people(rows) == [("Sam Ortiz", "join", "Vantor Systems", "Zentra")]
    rows = moves("Zentra lost staff. Three senior members of the Quill team have left Zentra for rival Vantor Labs.")
    assert (None, "leave", "Zentra", "Vantor Labs") in people(rows)


def test_a_place_adjective_is_no_organisation():
    from analysis.extract.mentions import find_mentions
    from analysis.corpus.doc import make_doc
    doc = make_doc("Dana Holt, formerly a director at Durham-based software house Wearside Digital, joined Zentra.",
                   doc_id="t")
    assert "Durham-based" not in {m.surface for m in find_mentions(doc)}


def test_in_a_column_of_many_companies_the_company_is_the_one_named_nearby():
    text = ("People moves\n\n"
            "Dana Holt stepped down as chief executive of Vantor Labs. The board appointed finance chief "
            "Sam Ortiz as interim chief executive.\n\n"
            "Kestrel Robotics withdrew its Lumen 2 chatbot. Its head of trust, Ada Morrow, resigned two days later.\n\n"
            "Zentra Systems hired Ivo Stark from Quorum Labs.")
    rows = moves(text)
    assert ("Sam Ortiz", "join", None, "Vantor Labs") in people(rows)
    assert ("Ada Morrow", "leave", "Kestrel Robotics", None) in people(rows)


def test_an_org_described_as_a_model_group_is_no_model():
    from analysis.extract.mentions import find_mentions
    from analysis.corpus.doc import make_doc
    doc = make_doc("Corvane, the Amsterdam-based AI cloud and model group, paused a rollout. Corvane withdrew "
                   "a chatbot.", doc_id="t")
    assert {(m.surface, m.type) for m in find_mentions(doc) if m.surface == "Corvane"} == {("Corvane", "org")}


def test_job_cuts_and_a_departure_in_the_next_clause_are_two_moves():
    rows = moves("Caspian Labs cut 80 jobs, about 12 percent of its workforce, and its chief product officer, "
                 "Diego Marin, is leaving at the end of the quarter.")
    assert sorted(people(rows), key=str) == sorted([(None, "leave", "Caspian Labs", None),
                                                    ("Diego Marin", "leave", "Caspian Labs", None)], key=str)
    assert [r["count"] for r in rows if r["person"] is None] == [80]


def test_first_person_moves_in_a_transcript_are_the_speakers():
    text = ("Podcast with Dana Holt of Zentra Labs\n\nHOST: How was the year?\n\n"
            "DANA HOLT: A lot. I left Vantor Labs in January, and I joined Zentra Labs as chief executive in March.\n\n"
            "HOST: I joined this show in 2019.")
    rows = moves(text)
    assert people(rows) == [("Dana Holt", "leave", "Vantor Labs", "Zentra Labs")]


def test_a_group_named_after_its_organisation_moving_to_another():
    rows = moves("About 210 Kestrel Robotics employees will move to Zentra when the deal closes.")
    assert people(rows) == [(None, "join", "Kestrel Robotics", "Zentra")]
    assert [r["count"] for r in rows] == [210]
    assert moves("Zentra researchers will move to Dana Holt's team.") == []


def test_the_hirer_before_a_relative_clause():
    rows = moves("In other moves, Pellam Works hired two designers. Quorrel Vision, which raised $12.5 million "
                 "in May, poached four researchers from Halvard Systems, people familiar with the matter said.")
    assert (None, "join", "Halvard Systems", "Quorrel Vision") in people(rows)


def test_taking_over_after_a_departure_is_at_the_company_the_sentence_names():
    text = ("Norrin announced a speech model on Monday. On Friday, Vantor chief executive Lio Barrera resigned, "
            "and finance chief Ada Morrow took over as chief executive.")
    assert people(moves(text)) == [("Lio Barrera", "leave", "Vantor", None), ("Ada Morrow", "join", None, "Vantor")]
    # a company the person comes from is not the one taken over
    text = "Norrin announced a speech model on Monday. After leaving Vantor, Ada Morrow took over as chief executive."
    assert ("Ada Morrow", "join", None, "Vantor") not in people(moves(text))


def test_we_in_a_transcript_is_the_company_the_speaker_joined():
    text = ("Podcast with Dana Holt\n\nHOST: How was the year?\n\n"
            "DANA HOLT: I left Vantor Labs in January, and I joined Zentra Labs as chief executive in March.\n\n"
            "HOST: Vantor Labs said it will grow.\n\n"
            "HOLT: And we hired Ada Morrow from Norrin to run inference.\n\n"
            "HOST: Vantor Labs hired twice as many.")
    assert ("Ada Morrow", "join", "Norrin", "Zentra Labs") in people(moves(text))


def test_we_in_a_quotation_is_the_company_of_the_one_it_is_attributed_to():
    text = ("Vantor Labs has lost staff to Zentra Labs. Vantor Labs said it will grow. "
            "“We hired Ada Morrow from Norrin,” said Zentra Labs chief executive Dana Holt.")
    assert ("Ada Morrow", "join", "Norrin", "Zentra Labs") in people(moves(text))
    text = ("Vantor Labs has lost staff to Zentra Labs. Vantor Labs said it will grow. "
            "“We hired Ada Morrow from Norrin,” said Dana Holt, Zentra Labs' chief executive.")
    assert ("Ada Morrow", "join", "Norrin", "Zentra Labs") in people(moves(text))
    # a company named later in the attribution is not the speaker's
    text = ("Vantor Labs has lost staff to Zentra Labs. Vantor Labs said it will grow. "
            "“We hired Ada Morrow,” said Dana Holt, who left Norrin last year.")
    assert ("Ada Morrow", "join", None, "Norrin") not in people(moves(text))


def test_a_group_right_after_the_cue_is_its_object_and_a_person_after_a_comma_is_not():
    rows = moves("Vantor laid off 60 people in its support team in May, a decision Ada Morrow defended.")
    assert [(r["person"], r["count"], r["direction"], r["from_org"]) for r in rows] == [(None, 60, "leave", "Vantor")]
    # a member of the group named after "including" and a description
    rows = moves("Zentra poached six engineers from Vantor, including the head of its speech project, Ada Morrow.")
    assert sorted((r["person"] or "", r["count"]) for r in rows) == [("", 6), ("Ada Morrow", 1)]
    assert {(r["from_org"], r["to_org"]) for r in rows} == {("Vantor", "Zentra")}


def test_replaced_by_brings_the_successor_in_and_was_succeeded_is_a_departure():
    text = ("Zentra Labs named Ada Morrow chief executive in 2023. She was replaced by Bo Lin, "
            "a former executive at the cloud company Vantor, in May.")
    assert ("Bo Lin", "join", "Vantor", "Zentra Labs") in people(moves(text))
    rows = moves("Ada Morrow was succeeded by Bo Lin at Zentra Labs.")
    assert people(rows) == [("Ada Morrow", "leave", "Zentra Labs", None), ("Bo Lin", "join", None, "Zentra Labs")]


def test_a_move_to_a_company_described_by_its_city():
    rows = moves("Ada Morrow moved to Singapore-based Zentra as head of Asia last month.")
    assert people(rows) == [("Ada Morrow", "join", None, "Zentra")] and rows[0]["role"] == "head"
    rows = moves("Ada Morrow left Vantor for San Francisco-based Zentra in May.")
    assert people(rows) == [("Ada Morrow", "leave", "Vantor", "Zentra")]


def test_parted_ways_let_go_and_came_from():
    rows = moves("Pellgrave Labs raised money. Vantor Mobile and its vice-president of devices, Ada Morrow, "
                 "have parted ways.")
    assert people(rows) == [("Ada Morrow", "leave", "Vantor Mobile", None)]
    rows = moves("Zentra Labs said about 120 people had been let go in March.")
    assert [(r["count"], r["direction"], r["from_org"]) for r in rows] == [(120, "leave", "Zentra Labs")]
    rows = moves("Zentra Labs grew fast. Its head of engineering, Bo Lin, came from Vantor in March.")
    assert people(rows) == [("Bo Lin", "join", "Vantor", "Zentra Labs")]
    # money that came from investors moves nobody
    assert moves("Zentra Labs said the money came from Vantor in March.") == []


def test_joined_from_a_described_firm_with_an_ampersand():
    rows = moves("Zentra Labs hired a lawyer. The filing lists Bo Lin as general counsel; he joined from the law "
                 "firm Orme & Vale in October.")
    assert ("Bo Lin", "join", "Orme & Vale", "Zentra Labs") in people(rows)


def test_job_cuts_and_counts_with_thousands_separators():
    rows = moves("Zentra Labs' annual report details 1,150 job cuts, a $7.4 billion charge.")
    assert [(r["count"], r["direction"], r["from_org"], r["quote"]) for r in rows] == [
        (1150, "leave", "Zentra Labs", "1,150 job cuts")]
    rows = moves("Zentra Labs hired 1,200 engineers in 2024 and announced 300 layoffs in May.")
    assert sorted((r["count"], r["direction"]) for r in rows) == [(300, "leave"), (1200, "join")]
    assert moves("Zentra Labs avoided layoffs in May.") == []


def test_becoming_its_role_is_at_the_company_named_before():
    rows = moves("Norrin raised money. Ada Morrow left Vantor for Zentra on September 2, becoming its chief scientist.")
    assert {(r["from_org"], r["to_org"]) for r in rows} == {("Vantor", "Zentra")}
    assert "chief scientist" in {r["role"] for r in rows}


def test_its_role_before_a_person_who_leaves_is_the_company_named_before():
    # (a story about Vantor: the company in focus is Vantor)
    text = ("Vantor leads the test. Vantor's model won four of five rounds, and Vantor said it would ship it widely. "
            "Vantor also cut prices. Zentra confirmed that its chief scientist, Ada Morrow, stepped down in July.")
    assert people(moves(text)) == [("Ada Morrow", "leave", "Zentra", None)]


def test_she_in_a_profile_is_the_person_it_is_about():
    text = ("Ada Morrow, who built Zentra's models, dies at 71\n\n"
            "Ada Morrow, the computer scientist, died on Sunday. She was 71. Her family confirmed it.\n\n"
            "Born in Leeds, she studied mathematics and joined Vantor University as a lecturer in 1989. "
            "In 1997 she won a grant.\n\n"
            "In 2009 she left Vantor University to join Zentra Labs as head of research.")
    assert ("Ada Morrow", "leave", "Vantor University", "Zentra Labs") in people(moves(text))
    # a role ("the AI pioneer") is not a pronoun: it does not fall back on the person the story is about
    text = ("Ada Morrow runs Zentra. Ada Morrow said so. Bo Lin agreed.\n\nLater, Zentra couldn't land the AI "
            "pioneer Vantor wanted.")
    assert ("Ada Morrow", "attempt") not in {(r["person"], r["direction"]) for r in moves(text)}


def test_it_in_a_paragraph_opened_by_another_company_is_that_company():
    text = ("Vantor Labs hired 40 engineers. Vantor Labs said it would grow, and Vantor Labs raised money.\n\n"
            "Zentra Electronics, the country's third-largest phone maker, is reorganising around AI. Last year it cut about "
            "300 employees and appointed Ada Morrow, a former executive of Norrin, as head of research.")
    rows = {(r["person"], r["count"]): (r["from_org"], r["to_org"]) for r in moves(text)}
    assert rows[(None, 300)] == ("Zentra Electronics", None) and rows[("Ada Morrow", 1)] == ("Norrin", "Zentra Electronics")
    # ... not when the paragraph names the company in focus
    text = ("Vantor Labs hired 40 engineers. Vantor Labs said it would grow, and Vantor Labs raised money.\n\n"
            "Zentra is a rival. Vantor Labs said last year it cut about 300 employees.")
    assert {(r["count"], r["from_org"]) for r in moves(text) if r["count"] == 300} == {(300, "Vantor Labs")}


def test_among_those_who_defected_were():
    text = "Vantor Labs lost staff this year. Among those who defected to Zentra in February were Ada Morrow, Bo Lin and Cy Tran."
    assert {p for p in people(moves(text)) if p[0]} == {("Ada Morrow", "leave", "Vantor Labs", None),
                                                        ("Bo Lin", "leave", "Vantor Labs", None),
                                                        ("Cy Tran", "leave", "Vantor Labs", None)}


def test_a_group_of_a_company_that_will_join_another():
    rows = moves("The 85 employees of Kestrel will join Zentra Labs' research division.")
    assert [(r["count"], r["direction"], r["to_org"]) for r in rows] == [(85, "join", "Zentra Labs")]
    # a noun after "of" is still no verb: "a spate of Globex exits"
    assert moves("A spate of Globex exits followed.") == []


def test_left_the_company_for_its_rival_and_were_dismissed():
    rows = moves("Zentra Labs is shrinking. At least 14 engineers have left the company for its rival Vantor since May.")
    assert [(r["count"], r["from_org"], r["to_org"]) for r in rows] == [(14, "Zentra Labs", "Vantor")]
    rows = moves("Zentra Labs is shrinking. About 120 employees of the e-commerce team were dismissed in March.")
    assert [(r["count"], r["direction"], r["from_org"]) for r in rows] == [(120, "leave", "Zentra Labs")]


def test_hired_from_a_described_company_is_where_the_person_came_from():
    text = "Zentra Labs is growing. Its chief operating officer is Ada Morrow, who was hired from the chip designer Vantor Semiconductor in May."
    assert people(moves(text)) == [("Ada Morrow", "join", "Vantor Semiconductor", "Zentra Labs")]


def test_a_participle_apposition_lured_or_hired_from():
    text = "Zentra Labs named three executives. Bo Lin, lured from the audio team at Vantor Labs, will run speech."
    assert ("Bo Lin", "join", "Vantor Labs", "Zentra Labs") in people(moves(text))
    assert people(moves("Zentra Labs hired Bo Lin, poached from Vantor in May.")) == [("Bo Lin", "join", "Vantor", "Zentra Labs")]
    assert moves("Zentra Labs said the money came from the sale of its stake.") == []
