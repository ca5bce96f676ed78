"""Model-event forms of round 3 (generality): sentences of our own about invented companies."""
from test_models import events  # the helper that checks every row's columns and span


def pairs(rows):
    return sorted(set((r["model"], r["event"]) for r in rows))


def test_a_lower_case_code_name_the_sentence_calls_a_model():
    assert pairs(events("Zentrix released o3-mini, its smallest reasoning model, to all developers.")) == [
        ("o3-mini", "release")]
    assert pairs(events("Zentrix said its kappa-2 mini model is now available in the API.")) == [
        ("kappa-2 mini", "release")]
    # without a model noun next to it, a lower-case code name is nothing
    assert events("Zentrix released the top-10 list of covid-19 apps, the company said.") == []


def test_a_capitalised_word_after_a_versioned_name_is_part_of_it():
    rows = events("Quorra unveiled Lyra 5 Scout and Lyra 5 Maverick, two models in its Lyra 5 family.")
    assert pairs(rows) == [("Lyra 5 Maverick", "announce"), ("Lyra 5 Scout", "announce")]
    rows = events("Quorra launched Lyra 5 Scout on Monday. The model beats rivals on coding.")
    assert pairs(rows) == [("Lyra 5 Scout", "release")]
    # a weekday, or a headline in title case, is no part of the name
    rows = events("Quorra launched its Lyra 5 model Monday. Quorra launched Lyra 5 Tuesday, it said.")
    assert {r["model"] for r in rows} == {"Lyra 5"}


def test_several_capitalised_words_before_model_are_a_name():
    rows = events("Amberly made its Titan Text Lite model generally available to cloud customers, its first "
                  "generative AI offering.")
    assert pairs(rows) == [("Titan Text Lite", "release")]
    # ... in a document that speaks of AI: not a car
    assert events("Toyota launched its Corolla Cross model in Europe.") == []
    # a leading word that is no name, or a single word, is not taken
    assert events("Vantor said its Chinese AI model would launch soon.") == []


def test_a_denied_event_is_kept_as_denied():
    rows = events("Zentrix denied it had delayed Orion 2, saying the model remains on track for March.")
    assert [(r["model"], r["event"], r["status"], r["confidence"]) for r in rows] == [
        ("Orion 2", "delay", "denied", "low")]
    rows = events("Zentrix denied reports that it had delayed Orion 2, its next language model.")
    assert [r["status"] for r in rows] == ["denied"]


def test_a_launch_still_to_come_does_not_make_the_announcement_a_release():
    rows = events("Quorra announced Lyra 6, its next flagship model, on Monday. The launch is planned for May.")
    assert pairs(rows) == [("Lyra 6", "announce")]
    rows = events("Quorra announced Lyra 6, its next flagship model, on Monday. The launch drew praise.")
    assert pairs(rows) == [("Lyra 6", "release")]
    # "The launch of" another model is that model's release, not this one's
    rows = events("Quorra announced Lyra 6, its next flagship model. The launch of Lyra 5 Pro drew complaints.")
    assert pairs(rows) == [("Lyra 5 Pro", "release"), ("Lyra 6", "announce")]


def test_operating_systems_are_no_models_even_beside_a_model():
    assert events("Globex released Android 16 to Pixel phones on Tuesday, with its Gemini model built in.") == []
    assert events("Globex began rolling out Windows 11 24H2 to PCs this week. The update adds an AI model.") == []


def test_arrive_and_slated_for_are_plans():
    assert pairs(events("Pellam's Sable 3 model will arrive later this year, CEO Ada Morrow told Bloomberg.")) == [
        ("Sable 3", "plan")]
    assert pairs(events("Q: When will the Helix 3 model ship? A: Vantor says Helix 3 is slated for the first "
                        "quarter.")) == [("Helix 3", "plan")]


# news styles (Reuters, Bloomberg, TechCrunch, press releases, lists) about invented companies

def test_the_subject_of_a_cue_after_a_relative_clause():
    rows = events("Marlow AI's Quill 2 model, which was expected in the spring, has been delayed until at "
                  "least September, people with knowledge of the matter said.")
    assert pairs(rows) == [("Quill 2", "delay")]


def test_an_announcement_that_repeats_a_release_of_the_sentence_is_one_row():
    rows = events("Corvane Labs is launching Tessel Mini, a smaller, cheaper model for developers, the company "
                  "announced Wednesday.")
    assert [(r["model"], r["event"]) for r in rows] == [("Tessel Mini", "release")]


def test_open_sourced_the_weights_of_a_name():
    rows = events("Marlow AI has open-sourced the weights of Quill 2 Small under an Apache 2.0 license, making "
                  "it available on Hugging Face.")
    assert pairs(rows) == [("Quill 2 Small", "release")]


def test_a_list_after_models_and_a_few_words_and_a_colon():
    rows = events("Corvane released three models on Thursday: Tessel Nano, Tessel Edge and Tessel Max.")
    assert pairs(rows) == [("Tessel Edge", "release"), ("Tessel Max", "release"), ("Tessel Nano", "release")]
    assert events("Corvane said the models it trained last year: Bob Smith and Alice Jones worked on them.") == []


def test_a_press_release_announcing_availability():
    rows = events("PALO ALTO, Calif.--(BUSINESS WIRE)--Lumetra Inc., a leader in enterprise AI, today announced "
                  "the availability of Lumetra Core 2, its next-generation foundation model. Lumetra Core 2 is "
                  "available immediately through the Lumetra platform and major cloud marketplaces.")
    assert pairs(rows) == [("Lumetra Core 2", "release")]


def test_a_timeline_of_events():
    rows = events("In March, Marlow released its Quill 2 model. In May, it open-sourced Quill 2 Small. By August, "
                  "Quill 3 was delayed.")
    assert pairs(rows) == [("Quill 2", "release"), ("Quill 2 Small", "release"), ("Quill 3", "delay")]


def test_hedged_or_negated_news_forms_are_not_stated_events():
    assert events("Marlow AI said it has no plans to release Quill 4, its next model, this year.") == []
    rows = events("Marlow may delay Quill 4, its next model, The Information reported.")
    assert [r["status"] for r in rows] == ["hypothetical"]


def test_an_unversioned_name_before_model_is_not_a_licence_or_a_person():
    assert events("Corvane released a Creative Commons model license for its AI.") == []
    assert events("Corvane released the Jane Doe model, an AI, on Monday.") == []
    assert events("Corvane launched a Business Insider model of pricing for AI.") == []


def test_more_withdrawal_delay_and_release_phrasings():
    assert pairs(events("Corvane's Tessel 4 won't ship until next year. The company says the model needs more "
                        "safety testing.")) == [("Tessel 4", "delay")]
    assert pairs(events("Corvane's latest AI model, Tessel 3.7, is available starting today.")) == [
        ("Tessel 3.7", "release")]
    assert pairs(events("Corvane pulled the plug on Tessel Video 2, its AI video generator, after six months.")) == [
        ("Tessel Video 2", "withdraw")]
    assert pairs(events("Marlow AI is killing off Quill 2, the lightweight model it launched last year.")) == [
        ("Quill 2", "release"), ("Quill 2", "withdraw")]


def test_the_last_word_of_a_title_case_phrase_before_model_is_no_name():
    assert events("Zentra launched a new Mixture Of Experts model last week, the company said.") == []
    assert pairs(events("Zentra released a Mixture Of Experts model called Nimbus-2 on Tuesday.")) == [
        ("Nimbus-2", "release")]
    assert pairs(events("Zentra released the Zephyr model on Tuesday.")) == [("Zephyr", "release")]


def test_a_bulleted_list_of_models_under_a_release_sentence():
    text = ("Zentra released three new models on Tuesday:\n\n"
            "- Quill 3, its flagship reasoning model\n"
            "- Quill 3 Mini, a smaller version for phones\n"
            "* Quill Coder: aimed at programmers\n\n"
            "- Kestrel said it was not impressed\n\n"
            "The company also said it would delay Quill 4 until next year.")
    rows = events(text)
    assert pairs(rows) == sorted([("Quill 3", "release"), ("Quill 3 Mini", "release"), ("Quill Coder", "release"),
                                  ("Quill 4", "delay")])
    item = [r for r in rows if r["model"] == "Quill Coder"][0]
    assert item["quote"] == "Quill Coder: aimed at programmers" and item["cue"] == "released"
    # bullets under a sentence that does not introduce models are no models
    assert events("Zentra said three things on Tuesday:\n\n- Quill Coder, aimed at programmers\n"
                  "- Quill Lab, in Paris\n") == []


def test_a_car_model_is_no_anaphor_of_an_ai_model():
    rows = events("Zentra released Quill 4 on Monday. Orlen Motors unveiled the Tessera XR, its first electric "
                  "car model, on Tuesday.")
    assert pairs(rows) == [("Quill 4", "release")]
    # (the anaphor itself still works: tests/extract/test_models.py, anaphora)


AI_INTRO = "Zentra is an AI startup that builds large language models. "


def test_an_event_on_the_launch_of_a_model_and_appositions_after_a_model_noun():
    assert pairs(events(AI_INTRO + "Zentra has delayed the launch of Quill 4 to 2026.")) == [("Quill 4", "delay")]
    assert pairs(events(AI_INTRO + "Zentra has delayed the launch of its next flagship model, Quill 4, to 2026.")) == [
        ("Quill 4", "delay")]
    assert pairs(events(AI_INTRO + "The release of Quill 4 has been pushed to next year.")) == [("Quill 4", "delay")]
    assert pairs(events(AI_INTRO + "Zentra released a new model, called Quill 4, on Monday.")) == [("Quill 4", "release")]
    # a comma that ends no apposition to a model noun still cuts the object off
    assert events(AI_INTRO + "Zentra released an app for phones, with Quill 4 inside.") == []


def test_a_name_without_a_version_defined_by_its_kind_of_model():
    assert pairs(events("Zentra debuted Reel, a video generation model, at its developer conference.")) == [
        ("Reel", "release")]
    assert pairs(events("Zentra released Perch, an open-weight reasoning model, on Monday.")) == [("Perch", "release")]
    assert events("Zentra hired Dana Ruiz, a fashion model, for its launch campaign.") == []


def test_appositions_with_the_kind_of_model_colon_lists_and_hyphenated_adjectives():
    rows = events(AI_INTRO + "Zentra released Quill 2 in May. Echo, the real-time voice model Zentra previewed in "
                  "November, has been delayed again.")
    assert pairs(rows) == [("Echo", "announce"), ("Echo", "delay"), ("Quill 2", "release")]
    assert pairs(events(AI_INTRO + "Also announced: Quill 3 Vision, a multimodal model.")) == [
        ("Quill 3 Vision", "announce")]
    assert pairs(events(AI_INTRO + "Zentra released its in-house Cobalt 2 model on Monday.")) == [("Cobalt 2", "release")]
    assert ("Quill Code", "delay") in pairs(events(
        AI_INTRO + "Quill Code, the coding model that was delayed from last autumn, is now available."))
    # a person described by the kind of work they do is no model
    assert events(AI_INTRO + "Dana Holt, the AI model researcher, joined Zentra.") == []


def test_a_planned_model_beside_another_event_and_a_relative_clause_with_another_subject():
    assert pairs(events(AI_INTRO + "Last year Zentra scrapped Civic, a planned chatbot for councils, after a pilot.")) == [
        ("Civic", "cancel")]
    # alone, "its planned model" is a plan
    assert pairs(events(AI_INTRO + "Zentra's planned Quill 4 model will arrive next year.")) == [("Quill 4", "plan")]
    assert pairs(events(AI_INTRO + "Quill 4, which Vantor released last week, is popular.")) == [("Quill 4", "release")]


def test_the_name_right_after_the_model_noun():
    assert pairs(events(AI_INTRO + "Zentra launched its small model Quill Mini on Monday.")) == [("Quill Mini", "release")]
    assert pairs(events(AI_INTRO + "Vyomika released its Telugu model Nandi in June and has since withdrawn Nandi.")) == [
        ("Nandi", "release"), ("Nandi", "withdraw")]
    assert pairs(events(AI_INTRO + "Zentra put its speech model Sutra Voice on hold.")) == [("Sutra Voice", "delay")]
    assert pairs(events(AI_INTRO + "Zentra released its open model Gipfel 7B to researchers.")) == [("Gipfel 7B", "release")]
    # the subject of a relative clause after the noun is no name of it
    assert ("Arclume", "announce") not in pairs(events(
        AI_INTRO + "Echo, the voice model Arclume previewed in November, has been delayed."))


def test_a_versioned_name_after_a_company_the_story_names_is_its_model():
    text = ("Pellam Works raised $40 million on Monday. Pellam delayed Pellam-2 to the summer. "
            "Pellam-2 finally went on sale in June.")
    rows = events(text)
    assert pairs(rows) == [("Pellam-2", "delay"), ("Pellam-2", "release")]
    assert {r["model_family"] for r in rows} == {"Pellam"}
    # a versioned name after no company of the story is still nothing without a model noun
    assert events("Pellam Works raised $40 million on Monday. Its rival delayed Corvo-2 to the summer.") == []


def test_came_out_is_a_release_of_the_model_before_it():
    assert pairs(events(AI_INTRO + "Its first model, Quill 3, came out in April.")) == [("Quill 3", "release")]
    assert events(AI_INTRO + "A report came out in April.") == []


def test_a_versioned_name_a_company_of_the_story_owns_and_releases_is_a_model():
    text = ("Pellam Works tested three assistants for coders. Its tool solved 31 tasks, against 29 for "
            "Vantor's Corvo 2, which Vantor released last week.")
    assert pairs(events(text)) == [("Corvo 2", "release")]
    # ... not when no company of the story owns it
    assert events("Pellam Works tested three tools. It solved 31 tasks, against 29 for Corvo 2, which shipped "
                  "last week.") == []


def test_a_name_in_quotation_marks_or_in_an_apposition_after_the_model_noun():
    assert pairs(events(AI_INTRO + "Zentra postponed the launch of its voice assistant 'Lumi' to next year.")) == [
        ("Lumi", "delay")]
    assert pairs(events(AI_INTRO + "Zentra released its chat model “Quill” in May.")) == [("Quill", "release")]
    assert pairs(events(AI_INTRO + "A smaller coding model, Quill Mini-R, has been pushed back to 2027.")) == [
        ("Quill Mini-R", "delay")]
    # a quotation that is no name, and a company named after the noun and a comma, are no models
    assert events(AI_INTRO + "Zentra said its model 'would be late' this year.") == []
    assert events(AI_INTRO + "The model, Vantor said, was delayed.") == []


def test_hyphenated_and_quoted_names_and_their_family():
    rows = events(AI_INTRO + "Zentra open-sourced Quill-Mini 4B on Monday and plans to release \"Tessa-LM 2\" in May.")
    assert pairs(rows) == [("Quill-Mini 4B", "release"), ("Tessa-LM 2", "plan")]
    assert {r["model"]: r["model_family"] for r in rows} == {"Quill-Mini 4B": "Quill-Mini", "Tessa-LM 2": "Tessa-LM"}
    # the letters joined to the number are the version: the family of "Quill-R1" is Quill
    rows = events(AI_INTRO + "Zentra released its Quill-R1 model and its Quill 3 model in June.")
    assert {r["model"]: r["model_family"] for r in rows} == {"Quill-R1": "Quill", "Quill 3": "Quill"}


def test_an_anaphor_with_a_name_in_apposition_is_that_model():
    text = (AI_INTRO + "Zentra plans to release \"Tessa 2\" in May. The earlier model, \"Tessa\", released in 2025, "
            "was withdrawn from sale last month.")
    assert ("Tessa", "withdraw") in pairs(events(text)) and ("Tessa 2", "withdraw") not in pairs(events(text))


def test_became_generally_available_and_out_now_are_releases():
    assert pairs(events(AI_INTRO + "Quill Mini 2, which became generally available in September, sells well.")) == [
        ("Quill Mini 2", "release")]
    assert pairs(events(AI_INTRO + "Quill 3 is out now for paying users.")) == [("Quill 3", "release")]


def test_voice_and_code_end_model_names_not_people():
    rows = events(AI_INTRO + "Its speech model, Verity Voice, was pulled from public beta in March.")
    assert pairs(rows) == [("Verity Voice", "withdraw")]


def test_a_one_sentence_paragraph_reads_the_paragraph_after_it():
    text = "Zentra postpones \"Tessa 2\" to autumn\n\nZentra said its large language model would improve."
    assert pairs(events(text)) == [("Tessa 2", "delay")]
    # ... not the paragraph before it
    text = "Zentra said its large language model would improve.\n\nVantor, meanwhile, will ship Orbix 12 next year."
    assert events(text) == []


def test_an_apposition_after_a_possessive_model_noun_or_a_successor():
    assert pairs(events(AI_INTRO + "Vantor's clinical model, MedKite, was withdrawn from its hospital pilot.")) == [
        ("MedKite", "withdraw")]
    assert pairs(events(AI_INTRO + "Zentra released Quill 2 in May and plans to release a larger successor, "
                                   "Quill Pro, in December.")) == [("Quill 2", "release"), ("Quill Pro", "plan")]
    # a person named after "a model," is no model ("a fashion model, Dana Holt,")
    assert events("The campaign hired a fashion model, Dana Holt, in May.") == []


def test_sunset_a_kind_word_before_the_noun_and_a_comparative_before_the_name():
    assert pairs(events(AI_INTRO + "Quill 1.0 was sunset on August 1.")) == [("Quill 1.0", "withdraw")]
    assert pairs(events(AI_INTRO + "Vantor withdrew its Kalimba voice assistant from sale.")) == [("Kalimba", "withdraw")]
    assert pairs(events(AI_INTRO + "Zentra released the smaller Quill 3 Flash and cancelled the planned "
                                   "Quill 4 Turbo.")) == [("Quill 3 Flash", "release"), ("Quill 4 Turbo", "cancel")]


def test_release_it_after_the_one_model_the_sentence_names():
    rows = events(AI_INTRO + "The Quill 3 model is the next one, and we're planning to release it in the spring.")
    assert [(r["model"], r["event"], r["quote"], r["confidence"]) for r in rows] == [
        ("Quill 3", "plan", "planning to release it", "low")]


def test_accented_names_quoted_names_after_a_verb_and_a_name_after_a_model_noun_that_looks_like_a_person():
    assert pairs(events(AI_INTRO + "Vantor presented Caraúna 3, its new language model, on Tuesday.")) == [
        ("Caraúna 3", "announce")]
    assert pairs(events(AI_INTRO + "Vantor quietly cancelled “Nightjar,” a coding model.")) == [("Nightjar", "cancel")]
    assert pairs(events(AI_INTRO + "In March Vantor rolled out its clinical-notes model, Vessa Scribe, to 40 "
                                   "hospitals.")) == [("Vessa Scribe", "release")]
