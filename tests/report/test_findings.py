"""Every findings function on the small tables of conftest.py: the text names the figures and where
they come from, and an empty table gives the stated 'nothing found' text (or ''), not an error."""
import pandas as pd

from analysis.report.findings import claims as fclaims
from analysis.report.findings import compute as fcomp
from analysis.report.findings import corpus as fcorpus
from analysis.report.findings import models as fmod
from analysis.report.findings import narratives as fnarr
from analysis.report.findings import spending as fspend
from analysis.report.findings import talent as ftal
from analysis.report.views import claims as vclaims
from analysis.report.views import compute as vcomp
from analysis.report.views import models as vmod
from analysis.report.views import narratives as vnarr
from analysis.report.views import spending as vspend
from analysis.report.views import talent as vtal

THEMES = ["debate", "plain"]


# ----------------------------------------------------------------------------- 00 corpus

def test_corpus_overview(documents):
    text = fcorpus.overview(documents, "Acme")
    assert text.startswith("The folder holds 4 files; 3 were analysed and 1 were not (see the end of this page).")
    assert "2 documents have a publication date (1 from meta, 1 from text); 1 stays undated" in text
    assert text.endswith("the company in focus, is **Acme**.")
    assert "company in focus" not in fcorpus.overview(documents)
    empty = fcorpus.overview(documents.iloc[0:0])
    assert empty.startswith("The folder holds 0 files; 0 were analysed. 0 documents have a publication date")


# ----------------------------------------------------------------------------- 01 spending

def test_spending_overview(amounts):
    facts, report = amounts
    text = fspend.overview(facts, report)
    assert "The articles state 5 amounts of money. No filter applied." in text
    assert "**5 amounts** from 3 documents remain: 1 approximate or order-of-magnitude, 1 stated as a range" in text
    assert "1 amount was reported in another currency (EUR)" in text


def test_spending_overview_with_filters_and_nothing_left(amounts):
    facts, report = amounts
    report = vspend.FilterReport(n_in=5, n_out=0, removed={"below the minimum amount": 5})
    text = fspend.overview(facts.iloc[0:0], report, focus="Acme", company="", date_from="2024-01-01", min_usd=1e12)
    assert ("Filters applied: amounts from documents that mention **Acme** (the organisation the corpus mentions"
            " most) dated between 2024-01-01 and the latest date, of at least $1 trillion;"
            " removed: 5 below the minimum amount.") in text
    assert text.endswith("**No amount matched these filters**, so the charts and tables below are empty.")


def test_largest_by_label_names_the_figure_and_its_source(amounts):
    facts, _ = amounts
    lines = fspend.largest_by_label(facts).splitlines()
    assert lines[2] == ("- **(no label)**: 1 amount, the largest $113 billion to $118 billion"
                        " (“\\$113 billion to \\$118 billion”, d2; subject: Globex)")
    assert lines[3] == "- **investment**: 2 amounts, the largest $5 billion (“\\$5 billion”, d1; subject: Acme)"
    assert fspend.largest_by_label(facts.iloc[0:0]) == "No amount, so no label to summarise."


def test_undated_amounts_heading(amounts):
    facts, _ = amounts
    assert fspend.undated(vspend.undated_amounts(facts), facts).startswith("**Without an event date (3).**")
    dated = facts[facts["event_date"].notna()]
    assert fspend.undated(vspend.undated_amounts(dated), dated) == "Every amount shown has an event date."
    assert fspend.undated(dated.iloc[0:0], dated.iloc[0:0]) == "No amount, so none to list without a date."


# ----------------------------------------------------------------------------- 02 compute

def test_compute_overview(compute_facts):
    facts, report = compute_facts
    text = fcomp.overview(facts, report)
    assert "Filters applied: figures from documents that mention any company; none was removed." in text
    assert ("**6 figures** remain: 3 GPU counts, 3 power capacity figures; 3 target, 2 existing, 1 (not stated);"
            " 1 approximate or order-of-magnitude; 1 named cluster or site.") in text
    only_mw = fcomp.overview(facts, report, "Initech", "Initech", unit="mw")
    assert "mention **Initech**, unit MW only;" in only_mw and "(the organisation" not in only_mw
    assert fcomp.overview(facts.iloc[0:0], report).endswith("**No compute figure matched these filters**, so the"
                                                             " charts and tables below are empty.")


def test_unplaced_and_named_clusters(compute_facts):
    facts, _ = compute_facts
    assert fcomp.unplaced(vcomp.unplaced(facts), facts).startswith("**Not placed in time (1).**")
    assert fcomp.unplaced(facts.iloc[0:0], facts) == "Every figure shown could be placed in time."
    assert fcomp.unplaced(facts.iloc[0:0], facts.iloc[0:0]) == "No figure, so none to list as unplaced."
    assert fcomp.named_clusters(vcomp.named_clusters(facts)) == (
        "Named in the articles: **Zephyr**: 250,000 GPUs (existing, 1 mention), 2,000 MW (target, 2 mentions).")
    assert fcomp.named_clusters(vcomp.named_clusters(facts.iloc[0:0])) == "No named cluster or site among these figures."


# ----------------------------------------------------------------------------- 03 talent

def test_talent_overview(moves):
    kept, notes = vtal.filter_moves(moves, "Acme", include_attempts=False)
    text = ftal.overview(moves, kept, "Acme", include_attempts=False, filter_notes=notes)
    assert "holds 6 statements from 3 documents. Shown: moves to or from **Acme**, attempts and rumours excluded." in text
    assert "Left out: 1 row(s) not involving Acme; 1 attempt/rumour row(s)." in text
    assert text.endswith("Kept: 2 arrivals, 2 departures (statements); 2 named people moved.")
    nothing = ftal.overview(moves, moves.iloc[0:0], "Acme", date_from="2030-01-01")
    assert "dated from 2030-01-01" in nothing and "**Nothing matched these parameters**" in nothing


def test_talent_flows_names_the_widest(moves):
    text = ftal.flows(vtal.flows(moves))
    assert text.startswith("5 flows between 5 nodes. The widest runs from **Acme** to **(unknown destination)**"
                           " (5 people in stated numbers).")
    assert "Most arrivals: **Acme** (2). Most departures: **Acme** (6)." in text
    assert text.endswith("1 group of unstated size is drawn as one person each.")
    assert ftal.flows(vtal.flows(moves.iloc[0:0])) == ""


def test_named_moves_finding_names_the_pay(moves):
    named = vtal.named_moves(moves)
    assert ftal.named_moves(named) == (
        "3 named moves (3 statements), dated from 2024-02-01 to 2024-11-01; 1 with a role, 1 with reported pay"
        " (**Ann Lee**: $200 million). 1 move without any date is listed below.")
    assert ftal.named_moves(named.iloc[0:0]) == "No named person's move matches the parameters."


def test_departures_finding_names_the_top_organisation(moves):
    text = ftal.departures(vtal.departure_summary(vtal.departures(moves)))
    assert text.startswith("3 departure statements from 2 organisations. **Acme** has the most: 2 statements:"
                           " 0 named people and 2 groups; the groups of stated size add up to 5 people;"
                           " 1 group has no stated size.")
    assert ftal.departures(vtal.departure_summary(vtal.departures(moves.iloc[0:0]))) == ""


def test_attempts_finding(moves):
    attempts = vtal.attempts_view(moves)
    assert ftal.attempts(attempts) == "1 attempt, aimed at 1 target: Di Eve."
    assert ftal.attempts(attempts, include_attempts=False).startswith("Attempts and rumours are excluded")
    assert ftal.attempts(attempts.iloc[0:0]) == "No hiring attempt or rumour matches the parameters."


# ----------------------------------------------------------------------------- 04 models

def test_models_overview(model_rows):
    text = fmod.overview(model_rows, model_rows, "Acme")
    assert text.startswith("The model table holds 4 statements from 2 documents about 2 models."
                           " The company in focus is **Acme**.")
    assert "3 statements concern the company in focus (1 model), 1 statement concerns 1 rival (1 model)." in text
    rows, shown, unknown = vmod.filter_events(model_rows, "delay, launch")
    text = fmod.overview(model_rows, rows, "Acme", "delay, launch", shown, unknown)
    assert "Shown: only the event types delay (3 statements of other types left out)." in text
    assert "No statement has the requested type(s): launch." in text and "No event is attributed to Acme." in text
    empty = fmod.overview(model_rows.iloc[0:0], model_rows.iloc[0:0])
    assert "No company is in focus." in empty and "**Nothing matched these parameters**" in empty


def test_models_overview_says_how_many_hedged_statements_are_left_out(model_events, documents):
    hedged = model_events.assign(status=["stated", "considered", "hypothetical", "stated"])
    everything = vmod.prepare(hedged, documents, "Acme")
    rows, shown, unknown = vmod.filter_events(everything, "delay")
    text = fmod.overview(everything, rows, "Acme", "delay", shown, unknown)
    assert "2 statements only consider or suppose an event" in text and "left out of every chart" in text
    assert "(1 statement of other types left out)" in text
    one = vmod.prepare(model_events.assign(status=["stated", "stated", "hypothetical", "stated"]), documents, "Acme")
    assert "1 statement only considers or supposes an event" in fmod.overview(one, vmod.filter_events(one)[0], "Acme")
    stated = vmod.prepare(model_events, documents)  # no status column: every row is stated
    assert "only consider" not in fmod.overview(stated, stated)
    # a denial is counted as such, not as a statement that considers an event
    denied = vmod.prepare(model_events.assign(status=["stated", "denied", "hypothetical", "stated"]), documents)
    text = fmod.overview(denied, vmod.filter_events(denied)[0])
    assert "1 statement only considers or supposes an event" in text
    assert "1 statement denies one (status denied" in text and "left out of every chart" in text
    only_denied = vmod.prepare(model_events.assign(status=["stated", "denied", "stated", "stated"]), documents)
    text = fmod.overview(only_denied, vmod.filter_events(only_denied)[0])
    assert "considers" not in text and "1 statement denies one" in text


def test_models_timeline_and_summary(model_rows):
    line = vmod.timeline(model_rows)
    assert fmod.timeline(line, model_rows) == (
        "2 dated events, from 2024-02 (**Zeta 2**, announce) to 2024-06-01 (**Zeta 2**, release);"
        " 2 for the company in focus, 0 for rivals. 1 statement without a date is in the map and the list below.")
    assert fmod.timeline(line.iloc[0:0], model_rows) == ""
    summary = vmod.model_summary(model_rows)
    assert fmod.models(summary, "Acme") == (
        "2 models: architecture 1 moe, 1 unknown; access 1 open, 1 unknown. The most-reported is **Zeta 2**"
        " (Acme, 3 statements: announce, release). The company in focus has 1 model in the table.")
    assert fmod.models(summary.iloc[0:0]) == ""


# ----------------------------------------------------------------------------- 05 narratives

def test_narratives_overview(theme_rows, documents):
    docs = vnarr.document_order(documents)
    text = fnarr.overview(docs, THEMES, theme_rows)
    assert text == ("3 analysed documents, 2 themes shown; 6 sentences touch at least one theme. 1 document has no"
                    " publication date and is placed last, labelled *undated*.")
    chosen = fnarr.overview(docs, ["plain"], theme_rows, ["plain", "other"], ["other"])
    assert "1 theme shown (of 2 found in the articles)" in chosen and "so left out: other." in chosen


def test_heatmap_finding(theme_rows, documents):
    grid = vnarr.theme_document_grid(theme_rows, None, documents, THEMES)
    assert fnarr.heatmap(grid) == ("The most-discussed theme is **debate** (4 sentences in 2 documents). The highest"
                                   " concentration is **plain** in *Undated memo* (undated): 100% of its sentences.")
    assert fnarr.heatmap(grid.iloc[0:0]) == "Nothing to summarise: no theme sentences."


def test_tone_finding(theme_rows, documents):
    summary = vnarr.tone_summary(vnarr.tone_by_theme(theme_rows, documents, THEMES))
    text = fnarr.tone(summary)
    assert text.startswith("The most negative theme by median tone is **plain** (median -0.30; 67% of its"
                           " 3 sentences read negative); the most positive is **debate** (median +0.15).")
    assert fnarr.tone(summary.iloc[0:0]) == "No theme sentences, so no tone to compare."


def test_debates_finding(theme_rows, documents):
    sides = vnarr.debate_sides(theme_rows, documents, THEMES)
    assert fnarr.debates(sides) == ("- **debate**: left 2, right 1 sentences, mostly *left* overall; of the"
                                    " 2 documents taking a side, leading side: left in 1, tied in 1.")
    no_side = vnarr.debate_sides(theme_rows.assign(side=""), documents, THEMES)
    assert fnarr.debates(no_side) == "No debate theme has sentences taking a side."


def test_strongest_quotes_markdown_escapes_and_cites(theme_rows, documents):
    quotes = vnarr.strongest_quotes(theme_rows, documents, None, ["plain"], 1)
    md = fnarr.strongest_quotes(quotes)
    assert md.startswith("### plain\n> d1-1 \\$quote") and "`d1:100-105`" in md and "*Acme bets big*, Wire" in md
    q = quotes.assign(quote="It cost $5 *now*", title="T_1", outlet="(outlet unknown)")
    md = fnarr.strongest_quotes(q)
    assert "\\*now\\*" in md and "T\\_1" in md and "(outlet unknown)" not in md
    assert fnarr.strongest_quotes(quotes.iloc[0:0]) == "No theme sentences to quote."


def test_focus_finding(theme_rows, mentions):
    rows = vnarr.focus_mentions(theme_rows, mentions, "Acme")
    assert fnarr.focus(rows, "Acme") == ("2 of 7 theme sentences (a sentence counts once per theme) name **Acme**;"
                                         " the theme most tied to it is **debate** (50% of its sentences).")
    assert fnarr.focus(vnarr.focus_mentions(theme_rows, mentions, ""), "").startswith("No company in focus")


# ----------------------------------------------------------------------------- 06 claims

def test_corroboration_finding(claims, documents):
    view = vclaims.claims_view(claims, documents, 1, "Globex")
    text = fclaims.corroboration(view, vclaims.corroboration_counts(view), 1, "Globex")
    assert text == ("Of 3 claims, 2 are corroborated by two or more documents and 1 rest on a single document."
                    " The kind best corroborated is **amount** (67% of its claims). The most widely reported claim"
                    " is *investment · globex* (2 documents). 1 of the claims name **Globex** in their key or quotes.")
    single = view[view["status"] == vclaims.SINGLE]
    assert "best corroborated" not in fclaims.corroboration(single, vclaims.corroboration_counts(single))
    assert fclaims.corroboration(view.iloc[0:0], view.iloc[0:0]) == "No claims to summarise."
    assert fclaims.no_corroboration_chart(2) == "No claim is reported by at least 2 documents."


def test_sourcing_finding(attributions, sentences, documents):
    mix = vclaims.attribution_mix(attributions, sentences, documents)
    assert fclaims.sourcing(mix) == (
        "Across the corpus 75% of sentences are attributed to a source; 50% rest on unnamed sources. The document"
        " leaning most on them is *Undated memo* (undated): 100% of its sentences (people familiar). 2 documents"
        " of 3 cite unnamed sources at all.")
    assert fclaims.sourcing(mix.iloc[0:0]) == "No attribution table to summarise."


def test_conflicts_findings(claims, documents):
    conflicting = vclaims.conflicts(claims, documents)
    view = vclaims.claims_view(claims, documents)
    assert fclaims.conflicts(conflicting) == "1 claim with conflicting values."
    assert fclaims.conflicts(conflicting.iloc[0:0]) == "No claim has conflicting values."
    assert fclaims.no_conflict_chart(view, conflicting.iloc[0:0]) == (
        "No conflicts: among 3 claims shown, no two documents give disagreeing values for any number.")


def test_histories_finding(model_events, documents):
    timeline = vclaims.model_timeline(model_events, documents, "Acme")
    assert fclaims.histories(timeline, "Acme") == ("2 models with reported events. The longest history is"
                                                   " **Zeta 2**: announce → release. 1 of the models are"
                                                   " attributed to **Acme**.")
    undated = vclaims.model_timeline(model_events.assign(event_date=None), documents.assign(published=None))
    assert fclaims.histories(undated).endswith("steps carry no date at all and are listed below.")
    assert fclaims.histories(vclaims.model_timeline(None, documents)) == "No model events in this build."
