"""Small invented tables (no seed, no real company) in the shapes the build writes, shared by the
chart and finding tests. Each fixture returns what its notebook's views make of them."""
import pandas as pd
import pytest

from analysis.report.views import compute as vcomp
from analysis.report.views import models as vmod
from analysis.report.views import spending as vspend
from analysis.report.views import talent as vtal


@pytest.fixture
def documents():
    return pd.DataFrame({
        "doc_id": ["d1", "d2", "d3", "d4"],
        "path": ["a.txt", "b.html", "c.txt", "d.txt"],
        "title": ["Acme bets big", "Globex results", "Undated memo", "Copy of a"],
        "outlet": ["Wire", None, None, None],
        "published": ["2024-03-10", "2024-11-01", None, None],
        "published_precision": ["day", "month", "unknown", "unknown"],
        "date_source": ["meta", "text", None, None],
        "n_words": [120, 80, 40, 0], "n_sentences": [6, 4, 2, 0], "n_chars": [700, 500, 250, 0],
        "n_boilerplate": [1, 0, 0, 0],
        "status": ["ok", "ok", "ok", "duplicate"], "reason": [None, None, None, "copy of d1"],
    })


@pytest.fixture
def metadata():
    return pd.DataFrame({"doc_id": ["d1", "d2"], "field": ["published", "published"], "chosen": [True, True],
                         "quote": ["10 March 2024", "November 2024"], "start": [0, 5], "end": [13, 18]})


@pytest.fixture
def boilerplate():
    return pd.DataFrame({"doc_id": ["d1", "d1"], "rule": ["newsletter", "share"], "reason": ["sign-up prompt", "share"],
                         "n_chars": [35, 14], "start": [600, 650], "end": [635, 664],
                         "quote": ["Sign up for our newsletter today!!", "Share this now"]})


@pytest.fixture
def mentions():
    return pd.DataFrame({"doc_id": ["d1", "d2", "d2", "d3"], "sent_id": [0, 0, 1, 0],
                         "entity": ["Acme", "Globex", "Acme", "Jane Roe"], "surface": ["Acme", "Globex", "Acme", "Roe"],
                         "type": ["org", "org", "org", "person"]})


@pytest.fixture
def sentences():
    return pd.DataFrame({"doc_id": ["d1", "d1", "d2", "d2", "d3"], "sent_id": [0, 1, 0, 2, 0],
                         "start": [0, 80, 0, 40, 0], "end": [79, 113, 35, 93, 18],
                         "text": ["Acme will invest $5 billion next year in data centers and chips of every kind.",
                                  "It has spent billions of dollars.", "Globex paid €2 billion for Initech.",
                                  "Globex sees expenses of $113 billion to $118 billion.", "$300 million offer."]})


@pytest.fixture
def amount_rows():
    """Five amounts: a dated plan, a vague range, a euro deal, a stated range, a pay offer."""
    rows = [
        ("d1", 0, 10, 22, "$5 billion", 5e9, None, "USD", 5e9, None, "False", "investment", "plan", "Acme",
         "2025-01-01", "year"),
        ("d1", 1, 40, 61, "billions of dollars", 1e9, 1e10, "USD", 1e9, 1e10, "True", "investment", None, None,
         None, None),
        ("d2", 0, 5, 16, "€2 billion", 2.2e9, None, "EUR", 2e9, None, "False", "acquisition", "actual", "Globex",
         "2024-06-01", "month"),
        ("d2", 2, 30, 58, "$113 billion to $118 billion", 113e9, 118e9, "USD", 113e9, 118e9, "False", None, "plan",
         "Globex", None, None),
        ("d3", 0, 0, 12, "$300 million", 3e8, None, "USD", 3e8, None, "False", "pay package", None, "Jane Roe",
         None, None),
    ]
    cols = ["doc_id", "sent_id", "start", "end", "quote", "value_usd", "value_usd_high", "currency", "value_native",
            "value_native_high", "approximate", "label", "kind", "subject", "event_date", "event_date_precision"]
    table = pd.DataFrame(rows, columns=cols)
    table["attribution"] = ["on_record", "unattributed", "analyst", "unattributed", "anonymous"]
    table["attribution_source"] = ["Jo Bloggs", None, "Big Bank", None, "people familiar"]
    return table


@pytest.fixture
def amounts(amount_rows, documents, sentences, mentions):
    """`spending_facts` of `amount_rows` with no filter."""
    return vspend.spending_facts(amount_rows, documents, sentences, mentions)


@pytest.fixture
def compute_facts(documents):
    """`compute_facts` of six figures: a dated 2GW target said twice, a named cluster's GPUs, a
    vague GPU range, a figure dated by its article only, one from an undated article."""
    rows = [
        ("d1", 0, 0, 3, "2GW", 2000.0, None, "MW", "False", "Zephyr", "target", None, "Initech", "2026-01-01", "year"),
        ("d1", 3, 50, 53, "2GW", 2000.0, None, "MW", "False", "Zephyr", "target", None, "Initech", "2026-01-01", "year"),
        ("d1", 1, 10, 26, "250,000 H200s", 250000.0, None, "GPU", "False", "Zephyr", "existing", "H200", None, None,
         None),
        ("d2", 0, 5, 34, "hundreds of thousands of GPUs", 1e5, 1e6, "GPU", "True", "data center", None, None,
         "Hooli", None, None),
        ("d2", 2, 40, 45, "300MW", 300.0, None, "MW", "False", None, "existing", None, None, None, None),
        ("d3", 0, 0, 14, "1 million GPUs", 1e6, None, "GPU", "False", "cluster", "target", None, None, None, None),
    ]
    cols = ["doc_id", "sent_id", "start", "end", "quote", "quantity", "quantity_high", "unit", "approximate",
            "label", "status", "note", "subject", "event_date", "event_date_precision"]
    table = pd.DataFrame(rows, columns=cols)
    table["attribution"] = "unattributed"
    table["attribution_source"] = None
    return vcomp.compute_facts(table, documents, generic=frozenset({"data center", "cluster"}))


def move(doc_id="d1", start=0, direction="join", person=None, from_org=None, to_org=None, count=None,
         count_text=None, role=None, pay_usd=None, event_date=None, precision=None):
    quote = f"q{doc_id}{start}"
    return {"doc_id": doc_id, "sent_id": 0, "start": start, "end": start + len(quote), "quote": quote,
            "person": person, "from_org": from_org, "to_org": to_org, "role": role,
            "count": 1 if person and count is None else count, "count_text": count_text, "direction": direction,
            "pay_usd": pay_usd, "event_date": event_date, "event_date_precision": precision, "cue": "cue",
            "attribution": "unattributed", "attribution_source": None}


@pytest.fixture
def moves(documents):
    """`prepare`d talent moves: two named joins to Acme (one paid), a group of five leaving Acme,
    a group of unstated size leaving Acme for Globex, an undated named leave, an attempt."""
    return vtal.prepare(pd.DataFrame([
        move(start=0, person="Ann Lee", from_org="Globex", to_org="Acme", role="chief scientist", pay_usd=2e8,
             event_date="2024-02-01", precision="month"),
        move(doc_id="d2", start=0, person="Bo Chan", to_org="Acme"),
        move(start=20, direction="leave", count=5, count_text="five engineers", from_org="Acme"),
        move(doc_id="d2", start=30, direction="leave", count_text="many researchers", from_org="Acme",
             to_org="Globex"),
        move(doc_id="d3", start=0, direction="leave", person="Cy Dee", from_org="Initech"),
        move(doc_id="d2", start=50, direction="attempt", person="Di Eve", to_org="Acme"),
    ]), documents)


def model_event(doc_id="d1", start=0, model="Zeta 2", org="Acme", event="release", event_date=None, precision=None,
                architecture=None, access=None):
    quote = f"q{doc_id}{start}"
    return {"doc_id": doc_id, "sent_id": 0, "start": start, "end": start + len(quote), "quote": quote,
            "model": model, "model_family": model.split()[0], "model_in_registry": False, "org": org,
            "event": event, "event_date": event_date, "event_date_precision": precision,
            "architecture": architecture, "access": access, "cue": "cue", "attribution": "unattributed",
            "attribution_source": None}


@pytest.fixture
def model_events():
    return pd.DataFrame([
        model_event(start=0, event="announce", event_date="2024-02-01", precision="month", architecture="moe"),
        model_event(doc_id="d2", start=0, event="release", event_date="2024-06-01", precision="day", access="open"),
        model_event(doc_id="d2", start=10, event="release", event_date="2024-06-01", precision="day"),
        model_event(start=20, model="Omega", org="Globex", event="delay"),
    ])


@pytest.fixture
def model_rows(model_events, documents):
    """`prepare`d model events with Acme in focus: Zeta 2 announced then released (said twice), a
    rival's undated delay."""
    return vmod.prepare(model_events, documents, "Acme")


def theme_row(doc, sent, theme, tone, side="", cues="c"):
    start = sent * 100
    return {"doc_id": doc, "sent_id": sent, "start": start, "end": start + 5, "quote": f"{doc}-{sent} $quote",
            "theme": theme, "cue": "c", "cue_start": start, "cue_end": start + 1, "side": side,
            "tone": tone, "negated": False, "cues": cues}


@pytest.fixture
def theme_rows():
    return pd.DataFrame([
        theme_row("d1", 0, "debate", 0.2, "left"),
        theme_row("d1", 1, "debate", -0.9, "right", cues="a; b"),
        theme_row("d1", 1, "plain", -0.9),
        theme_row("d2", 0, "debate", 0.5, "left"),
        theme_row("d2", 1, "debate", 0.1, ""),
        theme_row("d3", 0, "plain", 0.3),
        theme_row("d3", 1, "plain", -0.3, cues="x; y"),
    ])


def claim_amount(doc, value, subject="Globex", label="investment", start=0):
    q = f"{subject} {label} {value}"
    return {"doc_id": doc, "sent_id": 0, "start": start, "end": start + len(q), "quote": q, "value_usd": value,
            "value_usd_high": None, "label": label, "subject": subject, "approximate": False,
            "event_date": None, "event_date_precision": None}


@pytest.fixture
def claims(documents):
    """The claims table of five amounts: Globex's investment told as $10 and $20 billion (a conflict),
    Hooli's told twice alike (corroborated), Initech's once."""
    from analysis.pipeline.claims import claims_table

    rows = [claim_amount("d1", 10e9), claim_amount("d2", 20e9), claim_amount("d1", 3e6, subject="Initech", start=50),
            claim_amount("d2", 1e9, subject="Hooli", start=80), claim_amount("d3", 1e9, subject="Hooli", start=90)]
    return claims_table({"amounts": pd.DataFrame(rows)}, documents)


@pytest.fixture
def attributions():
    return pd.DataFrame({"doc_id": ["d1", "d1", "d2", "d3"], "sent_id": [0, 1, 0, 0],
                         "attribution": ["anonymous", "unattributed", "on_record", "anonymous"],
                         "attribution_source": ["insiders", "", "Jo Bloggs", "people familiar"]})
