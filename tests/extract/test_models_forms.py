"""Model-event forms of round 2 (generality): each test is a sentence of our own, other names."""
from test_models import events  # the helper that checks every row's columns and span


def pairs(rows):
    return sorted(set((r["model"], r["event"]) for r in rows))


def test_names_listed_after_models_dash_are_models_even_with_the_company_name():
    rows = events("Initech unveiled its first three models — Initech Coder, Initech Math, and Initech Chat — "
                  "in May 2024.")
    assert pairs(rows) == [("Initech Chat", "announce"), ("Initech Coder", "announce"), ("Initech Math", "announce")]
    assert all(r["org"] == "Initech" for r in rows)


def test_a_list_of_lower_case_words_is_no_list_of_names():
    rows = events("Initech unveiled three models: small, medium and large.")
    assert rows == []


def test_the_company_name_before_a_tier_word_and_a_version_stays_in_the_name():
    rows = events("Globex released Globex Coder V2, its new coding model, in June.")
    assert pairs(rows) == [("Globex Coder V2", "release")]


def test_another_version_of_a_name_shown_to_be_a_model_is_a_model():
    rows = events("Hooli has already announced two versions of its language model Vega 1 and Vega 2.")
    assert pairs(rows) == [("Vega 1", "announce"), ("Vega 2", "announce")]


def test_a_versioned_name_with_a_launch_or_rollout_is_a_model():
    rows = events("A week after Nimbus 3.0's launch in Brazil, Globex suspended Nimbus 3.0's global rollout.")
    assert pairs(rows) == [("Nimbus 3.0", "delay"), ("Nimbus 3.0", "release")]


def test_upon_its_release_is_the_release_of_the_subject():
    rows = events("The Atlas 4 model drew criticism from artists almost immediately upon its release.")
    assert pairs(rows) == [("Atlas 4", "release")]


def test_a_name_ending_in_model_and_an_availability_sentence():
    rows = events("Introducing our K2 Image Model. It's quick and cheap. Priced at $8 a month, "
                  "it's available now.")
    assert pairs(rows) == [("K2 Image Model", "release")]
    assert [r["cue"] for r in rows] == ["Introducing", "available now"]


def test_it_across_sentences_only_for_a_cue_without_object():
    rows = events("Globex unveiled the Kestrel 2 model in May. It is now launching a phone in Europe.")
    assert pairs(rows) == [("Kestrel 2", "announce")]


def test_opened_to_the_public_is_a_release_and_an_earlier_dated_announcement_stays():
    rows = events("The company introduced the Lumen model in March 2022 and opened it to public use "
                  "a year later.")
    assert pairs(rows) == [("Lumen", "announce"), ("Lumen", "release")]


def test_an_announcement_of_open_weights_is_a_release():
    rows = events("Hooli unveiled its new Zephyr 6 open-weight models on Monday.")
    assert pairs(rows) == [("Zephyr 6", "release")]


def test_an_announcement_followed_by_the_launch_is_a_release():
    rows = events("Globex introduced its Orca 2 Small Model series on Monday. The systems run on phones. "
                  "The launch drew praise from developers.")
    assert pairs(rows) == [("Orca 2 Small Model", "release")]
    rows = events("Globex introduced its Orca 2 Small Model series on Monday. The launch of its rival "
                  "was delayed.")
    assert ("Orca 2 Small Model", "announce") in pairs(rows)


def test_a_name_the_document_calls_an_app_or_a_device_is_no_model():
    rows = events("Last week, Initech released Parlez on iOS and Android, its AI assistant. "
                  "Parlez is currently the most downloaded app in Spain. Hooli launched the Orbit 10 phone.")
    assert rows == []


def test_a_hyphenated_compound_before_models_is_no_name():
    rows = events("Globex is working on new Speech-Vision-Action models that run on drones.")
    assert rows == []


def test_a_condition_is_no_event_but_a_possibility_keeps_its_status():
    rows = events("It is only a matter of time before Hooli releases the Quasar 2 model. "
                  "If Initech ever launches the Lyra 3 model, prices will fall. "
                  "Globex might delay the Vesta 2 model.")
    assert pairs(rows) == [("Vesta 2", "delay")]
    assert rows[0]["status"] == "hypothetical"


def test_a_plan_that_did_not_happen_is_a_delay():
    rows = events("Hooli had planned to launch the Zephyr 3 model in May, but the rollout slipped. "
                  "The Vega 2 model was supposed to ship last year. "
                  "Initech planned to release the Orion model in June. "
                  "Acme had planned to launch the Nova 2 model in November.")
    assert pairs(rows) == [("Nova 2", "plan"), ("Orion", "plan"), ("Vega 2", "delay"), ("Zephyr 3", "delay")]


def test_an_anaphor_before_any_model_is_named_points_forward():
    rows = events("Globex has reportedly suspended the global rollout of its new AI video generator. "
                  "Kestrel 2.0's debut in Canada drew criticism.")
    assert pairs(rows) == [("Kestrel 2.0", "delay"), ("Kestrel 2.0", "release")]
    # once a model is named, "the model" only looks back
    rows = events("Hooli released the Quill 2 model. Globex delayed the model. Then came Quill 3 LLM.")
    assert ("Quill 3", "delay") not in pairs(rows)


def test_registered_video_model_in_a_relative_clause():
    rows = events("OpenAI's Sora, which debuted last year, makes short clips.")
    assert pairs(rows) == [("Sora", "release")]
    assert rows[0]["org"] == "OpenAI" and rows[0]["confidence"] == "high"


def test_planning_a_model_is_a_plan():
    rows = events("Globex is planning a Falcon 5 model for next spring.")
    assert pairs(rows) == [("Falcon 5", "plan")]


def test_a_code_name_as_the_object_of_a_release_verb_is_a_model_unless_an_apposition_says_otherwise():
    rows = events("Initech open-sourced Lumo-A7B last week. Globex has shelved Deep Canvas 4. "
                  "Hooli unveiled Atlas V3, its humanoid robot. The models were trained on public data.")
    assert pairs(rows) == [("Deep Canvas 4", "cancel"), ("Lumo-A7B", "release")]


def test_arrived_is_a_release_but_a_bare_arrive_is_no_event():
    rows = events("Initech said its moment may arrive soon, Lumo 3.1 model or not. Globex's Vega 9 model arrived in May.")
    assert pairs(rows) == [("Vega 9", "release")]


def test_an_anaphor_does_not_cross_to_another_companys_model():
    rows = events("Meta released Llama 4 in April. OpenAI has delayed its open-weight model again. "
                  "Meta later delayed the model's larger version.")
    assert ("Llama 4", "delay") in pairs(rows)
    assert [r["org"] for r in rows if r["event"] == "delay"] == ["Meta"]


def test_available_immediately_in_a_relative_clause_makes_the_announcement_a_release():
    rows = events("Initech today announced Lumo 7, which it says is available immediately, and the Lumo 7 model.")
    assert pairs(rows) == [("Lumo 7", "release")]


def test_names_listed_after_models_comma_but_not_companies():
    rows = events("Hooli released two models, Kite 2 and Kite Mini, on Tuesday. "
                  "Analysts compared the models, Google and Meta, at length.")
    assert pairs(rows) == [("Kite 2", "release"), ("Kite Mini", "release")]


def test_generally_available_in_the_plural():
    rows = events("Globex's Vega 4 models are now generally available.")
    assert pairs(rows) == [("Vega 4", "release")]


def test_scrapped_plans_for_a_model_is_a_cancellation_and_a_models_app_is_not_the_model():
    rows = events("xAI has scrapped plans for Grok 3.5. OpenAI shut down ChatGPT's standalone app last week.")
    assert pairs(rows) == [("Grok 3.5", "cancel")]


def test_the_month_may_is_no_hedge():
    rows = events("In May Hooli released the Zephyr 2 model. Hooli may release the Zephyr 3 model.")
    assert {r["model"]: r["status"] for r in rows} == {"Zephyr 2": "stated", "Zephyr 3": "hypothetical"}


def test_a_paper_or_a_statement_about_a_model_is_not_the_model():
    rows = events("Initech released a statement about Lumo 2 LLM on Friday. "
                  "Globex released a paper describing how the Vega 3 model was trained.")
    assert rows == []


def test_a_versioned_product_that_is_no_model_is_no_model_event():
    # a release verb alone, with nothing about models near: an operating system, a console
    assert events("Microsoft will ship Windows 12 next year.") == []
    assert events("Sony will launch the PlayStation 6 in 2027.") == []
    # ... even in an article about models, when the document calls the name (or another version
    # of it) something else, or a programme
    text = ("Hooli released Zephyr 3, its new language model, on Monday. The model runs on the Orbix 11 "
            "operating system. Hooli will also ship Orbix 12 with new models next year.")
    assert pairs(events(text)) == [("Zephyr 3", "release")]
    text = "Hooli said its models will be trained at Project Halo 2. Hooli will build Project Halo 2 in Texas."
    assert events(text) == []
    # the same verb beside a sentence that speaks of models: a model
    assert pairs(events("Hooli will ship Orbix 12 next year. Its benchmarks beat every open model.")) == [
        ("Orbix 12", "plan")]


def test_an_ai_lab_in_the_sentence_is_enough_context():
    assert pairs(events("Cohere shipped Vireo 8 last week.")) == [("Vireo 8", "release")]


def test_a_version_of_a_letter_and_a_number():
    rows = events("Moonshot released Kestrel K3, an open-weight model with a trillion parameters.")
    assert pairs(rows) == [("Kestrel K3", "release")]
    rows = events("Initech is rolling out Lumo T2 to enterprise customers. The model is faster.")
    assert pairs(rows) == [("Lumo T2", "release")]
    # a chip's code after a company's name is no model name
    assert events("Initech launched the H300 to rivals' surprise. The model business grew.") == []


def test_due_is_a_plan():
    rows = events("Globex's Vega 9 model is due in the second half of the year.")
    assert pairs(rows) == [("Vega 9", "plan")]


def test_withdrawal_forms_phase_out_and_stop_offering():
    text = "Initech makes the Lumo 3 model. Initech is phasing out Lumo 2 in favour of Lumo 3."
    assert pairs(events(text)) == [("Lumo 2", "withdraw")]
    text = "Initech makes the Lumo 3 model. The company has stopped offering Lumo 2, its older model."
    assert pairs(events(text)) == [("Lumo 2", "withdraw")]


def test_on_hold_is_a_delay_and_work_abandoned_or_plans_scrapped_is_a_cancellation():
    assert pairs(events("Initech put the Lumo 4 model on hold after safety tests.")) == [("Lumo 4", "delay")]
    text = "Initech makes the Lumo 3 model. Initech abandoned work on Lumo 5 last year."
    assert pairs(events(text)) == [("Lumo 5", "cancel")]
    # the plan that was scrapped is no plan of its own
    assert pairs(events("Initech scrapped plans to release a larger Lumo 4 model.")) == [("Lumo 4", "cancel")]


def test_generally_available_in_the_future_is_a_plan():
    rows = events("Initech's Lumo 4 model will be generally available in June.")
    assert pairs(rows) == [("Lumo 4", "plan")]


def test_an_unregistered_name_as_the_subject_of_due_or_inside_made_available():
    text = "Globex's Vega 9 is due in the second half of the year. Globex trains the model in Ohio."
    assert pairs(events(text)) == [("Vega 9", "plan")]
    text = "Globex made Nova 2 Pro available to all customers. The model is cheaper."
    assert pairs(events(text)) == [("Nova 2 Pro", "release")]
    # the same words with nothing about models near: no model
    assert events("Globex made Nova 2 Pro available to all customers.") == []


def test_a_letter_and_number_name_after_a_possessive_before_model():
    rows = events("Globex's R3 model is expected to launch in May.")
    assert pairs(rows) == [("R3", "plan")]


def test_a_tiered_name_of_several_words_defined_as_a_model_by_an_apposition():
    rows = events("Initech launched Nano Lumo Pro, its new image model, on Tuesday.")
    assert pairs(rows) == [("Nano Lumo Pro", "release")]
    # a registered family and a tier word stay the registered name ("Gemini Pro, its LLM")
    rows = events("Google released Gemini Pro, its powerful LLM.")
    assert [(r["model_family"], r["event"]) for r in rows] == [("Gemini", "release")]


def test_ending_support_is_a_withdrawal():
    text = "Initech makes the Lumo 1 model. Initech will stop supporting Lumo 1 in June."
    assert pairs(events(text)) == [("Lumo 1", "withdraw")]


def test_an_apposition_that_calls_the_name_hardware_makes_it_no_model():
    assert events("Globex unveiled Vanta 3, its AI chip for training large models.") == []
    assert events("Globex launched Vanta Ultra, its newest GPU, for training models.") == []
    assert events("Globex released Vista 4, a headset with AI models on board.") == []
    # a model apposition still makes it a model
    assert pairs(events("Globex released Vista 4, its newest language model.")) == [("Vista 4", "release")]


def test_model_words_in_another_paragraph_or_after_a_preposition_do_not_make_a_product_a_model():
    text = ("Globex released Vista 4, its newest language model. It may open-source Vista 4 later.\n\n"
            "Initech, meanwhile, will ship Orbix 12 with a built-in assistant next year.")
    assert ("Orbix 12", "plan") not in pairs(events(text))
    # in the same paragraph, the sentence before speaks of models: a model
    text = "Globex released Vista 4, its newest language model. Initech will ship Orbix 12 next year."
    assert ("Orbix 12", "plan") in pairs(events(text))
