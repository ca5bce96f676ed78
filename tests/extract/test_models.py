import datetime as dt

from analysis.corpus.doc import make_doc
from analysis.extract.models import MODEL_EVENT_COLUMNS, extract_model_events


def events(text, published=dt.date(2025, 7, 30)):
    doc = make_doc(text, doc_id="t", published=published)
    rows = extract_model_events(doc)
    for r in rows:
        assert list(r) == MODEL_EVENT_COLUMNS
        assert doc.text[r["start"]:r["end"]] == r["quote"]
        s = doc.sentences[r["sent_id"]]
        assert s.start <= r["start"] < r["end"] <= s.end
    return rows


def pairs(rows):
    return sorted((r["model"], r["event"]) for r in rows)


def test_unregistered_model_release_with_org_date_and_attributes():
    rows = events("Initech released Zephyr 2.5, its new open-source language model, in June. "
                  "Zephyr 2.5 is a mixture-of-experts model.")
    assert pairs(rows) == [("Zephyr 2.5", "release")]
    r = rows[0]
    assert r["model_in_registry"] is False and r["org"] == "Initech"
    assert r["event_date"] == "2025-06-01" and r["event_date_precision"] == "month"
    assert r["access"] == "open" and r["architecture"] == "moe"


def test_unregistered_version_of_a_registered_family():
    rows = events("Google delayed Gemini 7 until next year.")
    assert pairs(rows) == [("Gemini 7", "delay")]
    assert rows[0]["model_family"] == "Gemini" and rows[0]["org"] == "Google"


def test_each_event_type_from_cues():
    rows = events("Globex announced Nimbus-3, a reasoning model. "
                  "Hooli pulled its Quill chatbot after complaints. "
                  "Initech scrapped the Orion model. "
                  "Acme postponed the launch of Vega 2 LLM. "
                  "Acme aims to ship the Vega 3 model by December.")
    got = pairs(rows)
    assert ("Nimbus-3", "announce") in got
    assert ("Quill", "withdraw") in got
    assert ("Orion", "cancel") in got
    assert ("Vega 2", "delay") in got
    assert ("Vega 3", "plan") in got


def test_anaphora_resolves_to_the_model_named_before():
    rows = events("Llama 3.1 was a big step. The model was delayed twice before it shipped. "
                  "Acme released the Orion model and Vega 2 LLM. The model was then withdrawn.")
    got = pairs(rows)
    assert ("Llama 3.1", "delay") in got
    # two candidates in the previous sentence: ambiguous, so no withdraw row is invented
    assert not any(e == "withdraw" for _, e in got)


def test_coordination_passive_and_relative_clauses():
    rows = events("Galactica and BlenderBot 3, which Meta withdrew, were criticised. "
                  "Quill 2 and Quill 3 models were pulled by Hooli.")
    got = pairs(rows)
    assert ("Galactica", "withdraw") in got and ("BlenderBot 3", "withdraw") in got
    assert ("Quill 2", "withdraw") in got and ("Quill 3", "withdraw") in got


def test_negatives_without_a_model():
    rows = events("Meta released earnings on Wednesday. OpenAI launched a new office in Paris. "
                  "By releasing Llama models openly, Meta builds goodwill. "
                  "The company plans to continue releasing leading models.")
    assert rows == []


def test_registry_defaults_and_stated_access():
    rows = events("Meta may abandon the open-source Behemoth model. OpenAI released GPT-5.")
    r = {x["model"]: x for x in rows}
    assert r["Llama 4 Behemoth"]["event"] == "cancel" and r["Llama 4 Behemoth"]["access"] == "open"
    assert r["Llama 4 Behemoth"]["architecture"] == "moe" and r["Llama 4 Behemoth"]["org"] == "Meta"
    assert r["GPT-5"]["access"] == "closed" and r["GPT-5"]["event"] == "release"



def test_negated_plans_and_products_powered_by_models_are_not_events():
    rows = events("Anthropic has no plans to release Claude 5 this year. "
                  "Meta launched the Meta AI app in April, powered by Llama 4. "
                  "Launched with fanfare, the company’s Zephyr 2 model disappointed.")
    assert pairs(rows) == [("Zephyr 2", "release")]


def test_release_of_a_new_version_of_a_family():
    rows = events("Globex released a new version of its Llama family of models.")
    assert pairs(rows) == [("Llama", "release")]


def test_nominal_release_that_is_delayed_paused_development_and_promises():
    rows = events("The release of Vega 2 LLM was delayed to August. "
                  "Hooli has paused development of the Quill 3 model. "
                  "Acme open-sourced the Orion 2 model last month and promised to open-source Orion 3 soon. "
                  "Apple said its Foundation Models framework would ship soon. "
                  "Earnings released on Thursday showed growth.")
    got = pairs(rows)
    assert got == sorted([("Vega 2", "delay"), ("Quill 3", "delay"), ("Orion 2", "release"),
                          ("Orion 3", "plan")])
    r = {x["model"]: x for x in rows}
    assert r["Orion 2"]["event_date"] == "2025-06-01" and r["Orion 3"]["model_family"] == "Orion"
    doc = make_doc("Apple said its Foundation Models framework would ship soon. "
                   "Earnings released on Thursday showed growth.")
    from analysis.extract.mentions import find_mentions
    assert find_mentions(doc)[0].surface == "Apple" and len(find_mentions(doc)) == 1


# a sentence that speaks of AI models (`model_context`), put beside sentences that name a model only
# by a release verb: without one, "will ship Orbital-3" might be a rocket
CONTEXT = "The benchmarks were close."


def test_unregistered_versioned_names_after_release_and_plan_verbs():
    sentences = ["Vexora Labs said it would release Orbital-3 next year.",
                 "Quorin plans to launch Nimbus-2B in the autumn.",
                 "Falcon 180B was released as open source in March.",
                 "Tandem Robotics unveiled Atlas 1.5 on Tuesday.",
                 "Brightmoor rolled out Kestrel 4 Pro to all users.",
                 "Quorin shelved Orbital-4 after safety tests.",
                 "Vexora Labs pulled Nimbus-3B after complaints about errors."]
    # each sentence beside one that speaks of models
    rows = events(" ".join(s for i in range(0, 7, 2) for s in [CONTEXT] + sentences[i:i + 2]))
    assert pairs(rows) == sorted([("Orbital-3", "plan"), ("Nimbus-2B", "plan"), ("Falcon 180B", "release"),
                                  ("Atlas 1.5", "announce"), ("Kestrel 4 Pro", "release"),
                                  ("Orbital-4", "cancel"), ("Nimbus-3B", "withdraw")])
    r = {x["model"]: x for x in rows}
    assert r["Orbital-3"]["org"] == "Vexora Labs" and r["Falcon 180B"]["access"] == "open"
    assert r["Atlas 1.5"]["org"] == "Tandem Robotics" and r["Orbital-3"]["model_in_registry"] is False


def test_registered_versioned_names_after_verbs():
    rows = events("Google rolled out Gemini 2.5 Pro to all users. OpenAI is expected to release GPT-5. "
                  "Anthropic unveiled Claude Opus 4.")
    # "unveiled" is an announcement unless the document says the model became available
    assert pairs(rows) == sorted([("Gemini 2.5", "release"), ("GPT-5", "plan"), ("Claude 4", "announce")])


def test_training_earnings_and_offices_are_not_model_events():
    rows = events("The model was trained on public data. Quorin released earnings on Tuesday. "
                  "Quorin launched a new office in Berlin. Vexora Labs released Q3 results.")
    assert rows == []


def test_family_of_models_and_tiered_plan():
    rows = events("Corvane Labs released its Halcyon family of models in December. "
                  "It plans to launch Halcyon Premier early next year.")
    assert pairs(rows) == [("Halcyon", "release"), ("Halcyon Premier", "plan")]
    rel = [r for r in rows if r["event"] == "release"][0]
    plan = [r for r in rows if r["event"] == "plan"][0]
    assert rel["model_family"] == "Halcyon" and rel["org"] == "Corvane Labs"
    assert plan["model_family"] == "Halcyon" and plan["org"] == "Corvane Labs"
    assert plan["quote"] == "plans to launch Halcyon Premier"
    # a tier word alone is enough after a plan verb; the family is the name itself when unseen
    rows = events("Vextra Systems will launch Borealis Ultra next month, its benchmarks show.")
    assert pairs(rows) == [("Borealis Ultra", "plan")] and rows[0]["model_family"] == "Borealis Ultra"
    # no tier, no version, no model noun: not a model
    assert events("Vextra Systems will launch Borealis next month.") == []


def one(rows, model, event):
    got = [r for r in rows if r["model"] == model and r["event"] == event]
    assert len(got) == 1, pairs(rows)
    return got[0]


def test_versioned_and_tiered_names_of_a_registered_family():
    rows = events("Anthropic released Claude Sonnet 6 to every user on Monday. "
                  "Elon Musk's xAI announced the release of Grok 5 Turbo, a cheaper model.")
    r = one(rows, "Claude Sonnet 6", "release")
    assert r["model_family"] == "Claude" and r["model_in_registry"] is False and r["confidence"] == "medium"
    assert one(rows, "Grok 5 Turbo", "release")["org"] == "xAI"  # the announced event is the event
    assert not any(e == "announce" for _, e in pairs(rows))


def test_unregistered_multiword_and_code_names_need_a_model_noun_in_the_document():
    rows = events("Initech’s Paper Crane 3 is rolling out today across its apps. "
                  "The Paper Crane 3 model draws diagrams from a sketch. "
                  "Hooli made its QX-Speech-2 voice model available to developers. "
                  "Hooli plans on rolling out QX-Chat-3, its new LLM, next month. "
                  "Globex is rolling out the Orbit Fold 4 phone.")
    assert pairs(rows) == [("Paper Crane 3", "release"), ("QX-Chat-3", "plan"), ("QX-Speech-2", "release")]
    assert one(rows, "QX-Chat-3", "plan")["quote"].startswith("plans on rolling out")
    assert one(rows, "Paper Crane 3", "release")["model_family"] == "Paper Crane"


def test_future_words_make_plans_and_negated_future_is_no_event():
    rows = events("Globex will open-source the Vega 4 model in March. "
                  "The Quill 4 model is in preview and will be generally released soon. "
                  "Acme is set to launch the Zeta 5 model. "
                  "Acme does not plan to release the Zeta 6 model.")
    assert pairs(rows) == [("Quill 4", "plan"), ("Vega 4", "plan"), ("Zeta 5", "plan")]


def test_considered_and_hypothetical_events_keep_their_event_with_a_status():
    rows = events("Initech may scrap the Orion 2 model. "
                  "Globex considered delaying the Vega 4 LLM. "
                  "Acme could release the Zeta 5 model this year. "
                  "Hooli withdrew the Quill 3 model in May.")
    assert one(rows, "Orion 2", "cancel")["status"] == "hypothetical"
    assert one(rows, "Vega 4", "delay")["status"] == "considered"
    assert one(rows, "Zeta 5", "release")["status"] == "hypothetical"
    stated = one(rows, "Quill 3", "withdraw")
    assert stated["status"] == "stated" and stated["confidence"] == "medium"
    assert all(r["confidence"] == "low" for r in rows if r["status"] != "stated")


def test_confidence_and_where_attributes_come_from():
    rows = events("OpenAI released GPT-5 in August. Mistral released the open-weight Mixtral model.")
    gpt = one(rows, "GPT-5", "release")
    assert gpt["confidence"] == "high" and (gpt["access"], gpt["access_source"]) == ("closed", "registry")
    assert gpt["architecture"] is None and gpt["architecture_source"] is None
    mix = one(rows, "Mixtral", "release")
    assert (mix["access"], mix["access_source"]) == ("open", "sentence")
    assert (mix["architecture"], mix["architecture_source"]) == ("moe", "registry")


def test_pronoun_list_after_colon_and_asides():
    rows = events("Mixtral drew praise from researchers in many countries over the past several months, "
                  "and it is now open source. "
                  "Globex released two models: the chat model Kite-2 and the speech model Kite-Voice-1. "
                  "The Zephyr 3 model (also called Llama 9) is rolling out today.")
    got = pairs(rows)
    assert ("Mixtral", "release") in got and one(rows, "Mixtral", "release")["confidence"] == "low"
    assert ("Kite-2", "release") in got and ("Kite-Voice-1", "release") in got
    assert ("Zephyr 3", "release") in got and not any(m == "Llama 9" for m, _ in got)


def test_products_and_teams_named_after_a_model_are_not_the_model():
    rows = events("Hooli shut down the Gemini app in Canada. xAI launched Grok Studio in May. "
                  "The Grok team deprecated old code. "
                  "The new version of Alexa isn't expected to launch until 2027.")
    assert pairs(rows) == [("Alexa", "delay")]


def test_an_announcement_the_document_shows_was_a_launch_is_a_release():
    rows = events("On Monday, Hooli unveiled Zephyr 3, its new reasoning model. Zephyr 3 is now available "
                  "to every user. In March, Hooli announced the Quill 2 model. Quill 2 is now available too. "
                  "Globex introduced Vega 5, its new LLM, on Tuesday.", published=dt.date(2025, 7, 30))
    assert sorted(set(pairs(rows))) == [("Quill 2", "announce"), ("Quill 2", "release"), ("Vega 5", "announce"),
                                        ("Zephyr 3", "release")]
    assert one(rows, "Quill 2", "announce")["event_date"] == "2025-03-01"  # an earlier announcement stays one


def test_versions_of_a_name_are_found_from_the_word_index_as_a_scan_finds_them():
    """`model_names._Others.versions` looks for a name's versions where its first word is written
    (an index of the document's words, built once); it finds exactly what a scan of the whole
    document with the same pattern finds."""
    import re

    from analysis.extract.model_names import _Others

    text = ("Stargate 2 and Stargate-3, Stargatev4, Stargate 5.1.2 and -Stargate 6, SuperStargate 7, "
            "Stargate2x, (Stargate 8), Stargate Stargate 9, Wear OS 6 and Wear OS6, OS 7, Nova_2 3, "
            "Zeta.Pro 2, Zeta.Pro2 and Zeta 3, Zürich 5, Zürichv6, Stargate.\nStargate 10")
    others = _Others(text)
    for base in ("Stargate", "Wear OS", "OS", "Nova_2", "Zeta.Pro", "Zeta", "Zürich", "Star", "Missing"):
        rx = re.compile(rf"(?<![\w-]){re.escape(base)}[ -]?v?\d[\w.]*")
        assert others.versions(base, base + " 1") == [m.span() for m in rx.finditer(text)], base
    assert others.versions(None, "Stargate") == [m.span() for m in re.finditer("Stargate", text)]


def test_apps_are_found_from_the_places_of_app_phrases_as_a_search_per_name_finds_them():
    """`model_names._Apps` finds the places of app phrases once and compares the text before them
    with each name; the answer is the one a search for every occurrence of the name gives."""
    import re

    from analysis.extract.model_names import _APP_AFTER, _Apps

    text = ("Zephyr is the most downloaded iOS app. Nova 2 was a top app for weeks. Orbit is a model. "
            "SuperNova 3 on iOS and Android. Nova 3 is great. Quill Chat has become the number one app in "
            "Japan. Lyra  on  Android, apps on iOS. Zephyr is a model too.")

    def by_search(name):
        return any(_APP_AFTER.match(text, m.start() + len(name)) for m in re.finditer(f"(?={re.escape(name)})", text))

    apps = _Apps(text)
    names = ["Zephyr", "Nova 2", "Orbit", "Nova 3", "SuperNova 3", "Quill Chat", "Quill", "Lyra", "apps", "Missing",
             "Nova", "e", "Japan. Lyra"]
    assert [apps(n) for n in names] == [by_search(n) for n in names]
    assert [apps(n) for n in names][:6] == [True, True, False, True, True, True]


def test_names_without_a_version_are_judged_from_the_places_of_heads_and_programme_words():
    """`_is_other` on a name without a version compares the text at the places where a
    `not_model_heads` noun follows or a programme word precedes (found once per document); the
    answer is the one a search for every occurrence of the name gives."""
    import re

    from analysis.extract.model_names import _is_other, _Others, _shapes

    sh = _shapes()
    text = ("Project Zephyr launched. The Nova operating system, SuperNova, a console and Orbit, its newest "
            "GPU. Mission  Lyra flew; Operation\nQuill too. Vega is a model. Programme Altair; ProjectCygnus. "
            "Deneb data center and Deneb model. abab abab abab console. Rigel\tcluster.")

    def by_search(name):
        return any(sh.not_heads.match(text, m.end()) or sh.programme.search(text, max(0, m.start() - 12), m.start())
                   for m in re.finditer(re.escape(name), text))

    names = ["Zephyr", "Nova", "Orbit", "Lyra", "Quill", "Vega", "Altair", "Cygnus", "Deneb", "abab abab", "Rigel",
             "Missing", "ova", "Zeph"]
    others = _Others(text)
    assert [_is_other(text, n, sh, others) for n in names] == [by_search(n) for n in names]
    assert [_is_other(text, n, sh, _Others(text)) for n in names[:6]] == [True, True, True, True, True, False]
