"""Compute mentions (accelerator counts and power capacity) → one cited row per mention.

`extract_compute(doc)` returns rows with `doc_id, sent_id, start, end, quote` (``doc.text[start:end]
== quote``), ``quantity`` (``quantity_high`` for ranges) and ``unit``:

* ``GPU``: counts of accelerators — ``1.3 million GPUs``, ``350,000 H100s``, ``600,000 H100
  equivalents``, ``100,000 Nvidia Blackwell chips``, ``over a million GPUs`` (qualifier kept in the
  quote, ``approximate=True``), vague ``hundreds of thousands of GPUs`` (``approximate=True``,
  nominal rule as for money: quantity = multiplier × scale, quantity_high = 10 × quantity);
  ``note`` keeps the chip model or "… equivalents".
* ``MW``: power capacity — ``1GW`` → 1000, ``5 gigawatts`` → 5000, ``200MW``, ``1.5 GW``,
  ``5-gigawatt``, ``a gigawatt``, ranges ``1-2 GW``; vague ``several gigawatts`` / ``hundreds of
  megawatts`` (approximate, same order-of-magnitude rule). Energy (GWh/MWh) is not capacity and is
  ignored.

``label`` is the named cluster/site when the sentence gives one ("the 1GW Prometheus cluster" →
Prometheus; "the Hyperion data center … 5GW" → Hyperion), else a generic label from cue words
(power plant, data center, cluster, supercomputer, chips, compute). ``status`` is ``target`` or
``existing`` from the nearest cue ("targeting", "by mid-2025", "plans", "will", "building" vs
"has", "house", "operates"); unknown is ``None``. ``subject``, event dates and
``confidence`` as in `analysis.extract.money`. All lexicons: ``data/lexicons/compute.yaml``.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import NamedTuple

from analysis import config
from analysis.corpus.doc import Doc, Sentence
from analysis.extract.clauses import SentenceDates
from analysis.extract.confidence import figure_confidence
from analysis.extract.money import MONEY_LABELS, head_cue, nearest_cue, qualifier_before
from analysis.extract.money import lexicon as money_lexicon
from analysis.extract.subjects import SubjectFinder
from analysis.lexicon import yamlfile
from analysis.lexicon.cues import Cue, CueFinder, CueLists, compile_cues, cue_list_pattern

COMPUTE_UNITS = config.COMPUTE_CUES

COMPUTE_COLUMNS = [
    "doc_id", "sent_id", "start", "end", "quote", "quantity", "quantity_high", "unit",
    "approximate", "qualifier", "confidence", "label", "status", "note", "subject",
    "event_date", "event_date_precision",
]


class ComputeLexicon:
    def __init__(self, units: dict, money: dict):
        self.money = money
        self.power = {k.lower(): float(v) for k, v in units["power_units"].items()}
        self.count_scales = {k.lower(): float(v) for k, v in units["count_scales"].items()}
        self.number_words = {str(k).lower(): float(v) for k, v in money["number_words"].items()}
        self.vague_mult = {(k or "").lower(): float(v) for k, v in units["vague_multipliers"].items()}
        self.vague_scales = {k.lower(): float(v) for k, v in units["vague_scales"].items()}

        NUM = r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d,]\d)"
        WN = r"(?<![A-Za-z])(?i:" + "|".join(sorted(self.number_words, key=len, reverse=True)) + r")"
        long_cs = [k for k in self.count_scales if len(k) > 1]
        short_cs = [k for k in self.count_scales if len(k) == 1]
        CS = r"(?:\s(?i:" + "|".join(long_cs) + r")(?![A-Za-z])|[" + "".join(short_cs) + r"](?![A-Za-z]))"
        PU_word = [k for k in units["power_units"] if len(k) > 2]
        PU_sym = [k for k in units["power_units"] if len(k) <= 2]
        PU = r"(?:(?i:" + "|".join(sorted(PU_word, key=len, reverse=True)) + r")|" \
             + "|".join(PU_sym) + r")(?![A-Za-z])"
        PUW = r"(?i:" + "|".join(sorted(PU_word, key=len, reverse=True)) + r")(?![A-Za-z])"
        VPM = "(?i:tens|hundreds|several|multiple|a\\s+few|many)"
        self.vague_power_mult = {"tens": 10.0, "hundreds": 100.0}
        CHIP = units["chip_model_regex"]
        # brand names and chip nouns, matched as written
        BRAND = cue_list_pattern([Cue(str(b), case=True) for b in units["chip_brands"]])
        NOUN = cue_list_pattern([Cue(str(n), case=True) for n in units["gpu_nouns"]])
        # an unknown brand before a chip noun: "30,000 Kestrel chips" (not "5,000 Tortilla chips")
        UNOUN = cue_list_pattern([Cue(str(n), case=True) for n in units.get("unknown_brand_nouns") or []])
        self.not_brands = {str(b).lower() for b in units.get("not_chip_brands", [])}
        self.non_ai = compile_cues(units.get("non_ai_chip_cues", []))
        VM = "(?i:" + "|".join(k for k in self.vague_mult if k) + ")"
        VS = "(?i:" + "|".join(self.vague_scales) + ")"
        # every alternative begins a word: no letter before it
        self.rx = re.compile(rf"""
          (?<![A-Za-z])
          (?:
          (?P<pw>
            (?P<pn1>{NUM})(?:\s?(?:-|–|(?i:to))\s?(?P<pn2>{NUM}))?[\s-]?(?P<pu>{PU})
          )
        | (?P<pwn>
            (?P<pww>{WN})[\s-](?P<pwu>{PUW})
          )
        | (?P<pv>
            (?<![\w-])(?P<pvm>{VPM})\s+(?:of\s+)?(?P<pvu>(?i:gigawatts|megawatts))(?![A-Za-z])
          )
        | (?P<gpu>
            (?:(?P<gn>{NUM})(?P<gs>{CS})?|(?P<gw>{WN})\s(?P<gws>(?i:million|thousand|hundred))(?![A-Za-z]))
            (?:\s?(?:-|–|(?i:to))\s?(?P<gn2>{NUM})(?P<gs2>{CS})?)?
            (?:\sof\s(?:the|its|their|these|those))?   # "1 million of the Trainium2 chips"
            [\s-](?:(?:{BRAND})\s){{0,2}}             # (a hyphen: "a 24,000-GPU cluster")
            (?:(?P<model>{CHIP})(?:s(?![A-Za-z]))?(?:\s(?P<noun1>{NOUN}))?|(?P<noun2>{NOUN})
               |(?P<ubrand>[A-Z][a-z][\w-]*(?:\s[A-Z][a-z][\w-]*)?)\s(?P<noun3>{UNOUN})(?![A-Za-z]))
          )
        | (?P<vg>
            (?<![\w-])(?P<vm>{VM}\s+of\s+)?(?P<vs>{VS})\s+of\s+(?:(?:{BRAND})\s){{0,2}}
            (?:(?P<vmodel>{CHIP})s?(?![A-Za-z])(?:\s{NOUN})?|{NOUN})
          )
          )
        """, re.X)
        self.status = CueFinder(units.get("status_cues", {}))
        self.labels = CueFinder(units.get("labels", {}))
        self.cue_lists = CueLists([self.labels, self.status])  # one scan per sentence finds both
        stop = set(str(money.get("subject_stopwords", "")).split()) | set(units.get("not_site_names", []))
        self.not_site = {w.lower() for w in stop}
        self.chip_rx = re.compile(CHIP)
        brands = {str(b).lower() for b in units["chip_brands"]}
        self.not_subject = lambda name: bool(self.chip_rx.fullmatch(name)) or name.lower() in brands
        name = r"((?:[A-Z][\w-]+)(?:\s[A-Z][\w-]+)?)"
        self.name_after_rx = re.compile(r"\s" + name)
        self.site_rx = re.compile(r"(?<![\w])" + name + r"\s+" + cue_list_pattern(units.get("site_nouns", [])))


@lru_cache(maxsize=1)
def lexicon() -> ComputeLexicon:
    return ComputeLexicon(yamlfile.load(COMPUTE_UNITS), yamlfile.load(MONEY_LABELS))


_YEAR = re.compile(r"(?:19|20)\d\d")
_MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"}


def _num(s: str) -> float:
    return float(s.replace(",", ""))


class SentenceCues(NamedTuple):
    """What the figures of one sentence take their label and status from, found once per sentence
    (`sentence_cues`), however many figures it holds; hit lists left to right and disjoint."""
    power_labels: tuple  # label hits a power figure may take (all but "chips")
    chip_labels: tuple   # label hits a chip count may take (all but "power plant")
    status: tuple        # status cue hits ("target" or "existing")
    sites: tuple         # (start, end, name) of the named sites ("the Hyperion data center")
    non_ai: bool         # the sentence speaks of chips that are not AI accelerators ("bags of chips")


def sentence_cues(lex: ComputeLexicon, text: str, sent: Sentence) -> SentenceCues:
    """The label and status cue hits of `sent` (from one scan, `CueLists`), its sites and chips."""
    labels, status = lex.cue_lists.find(text, sent.start, sent.end)
    return SentenceCues(tuple(h for h in labels if h[0] != "chips"),
                        tuple(h for h in labels if h[0] != "power plant"),
                        tuple(status), _sites(lex, text, sent.start, sent.end),
                        lex.non_ai.search(text, sent.start, sent.end) is not None)


def _site_label(lex: ComputeLexicon, text: str, sent: Sentence, cues: SentenceCues, start: int, end: int,
                is_power: bool):
    if is_power:
        # "the 1GW Prometheus cluster", "1GW Prometheus and 5GW Hyperion superclusters"
        m = lex.name_after_rx.match(text, end, sent.end)
        if m:
            words = [w for w in m.group(1).split() if w.lower() not in lex.not_site]
            if words and m.group(1).split()[0].lower() not in lex.not_site:
                return words[0] if len(words) == 1 else " ".join(words)
    # a power figure is never labelled "chips", a chip count never "power plant"
    hits = cues.power_labels if is_power else cues.chip_labels
    h = head_cue(text, hits, end)  # "a 200MW natural gas power plant"
    if h is not None and len(text[end:h[1]].split()) <= 3:
        return h[0]
    best = _nearest_site(cues.sites, start, end)
    if best is not None:
        return best
    h = nearest_cue(hits, start, end, right_penalty=0.8)
    return h[0] if h else None


def _sites(lex: ComputeLexicon, text: str, start: int, end: int) -> tuple[tuple[int, int, str], ...]:
    """(start, end, name) of the named sites of a sentence ("the Hyperion data center"), left to
    right and disjoint."""
    out = []
    for m in lex.site_rx.finditer(text, start, end):
        words = m.group(1).split()
        while words and words[0].lower() in lex.not_site:
            words.pop(0)
        if words and words[-1].lower() not in lex.not_site:
            out.append((m.start(), m.end(), " ".join(words)))
    return tuple(out)


def _nearest_site(sites: tuple, start: int, end: int) -> str | None:
    """The site nearest to [start, end): one overlapping it, else the nearer of the last one before
    and the first one after (the one before on a tie), found by bisection."""
    i = bisect.bisect_right(sites, start, key=lambda x: x[1])  # sites[:i] end before the span
    j = bisect.bisect_left(sites, end, lo=i, key=lambda x: x[0])  # sites[j:] start after it
    left = sites[i - 1] if i else None
    if j > i and not (left and left[1] == start):
        return sites[i][2]  # overlapping the span
    right = sites[j] if j < len(sites) else None
    if left is None or right is None:
        return (left or right or (None, None, None))[2]
    return left[2] if start - left[1] <= right[0] - end else right[2]


def extract_compute(doc: Doc) -> list[dict]:
    """One row per compute mention inside `doc.sentences` (columns: `COMPUTE_COLUMNS`)."""
    lex = lexicon()
    text = doc.text
    rows: list[dict] = []
    cand = [(sent, list(lex.rx.finditer(text, sent.start, sent.end))) for sent in doc.sentences]
    cand = [c for c in cand if c[1]]
    if not cand:
        return rows
    money = money_lexicon()
    subjects = SubjectFinder(doc, money.subject_stop, money.subject_skip)
    for sent, matches in cand:
        cues = sentence_cues(lex, text, sent)
        dates = SentenceDates(doc, sent)
        for m in matches:
            g = m.groupdict()
            note = None
            vague = False
            if g["pw"] is not None:
                mult = lex.power[g["pu"].lower()] if g["pu"].lower() in lex.power else lex.power[g["pu"]]
                q = _num(g["pn1"]) * mult
                qh = _num(g["pn2"]) * mult if g["pn2"] else None
                unit = "MW"
            elif g["pwn"] is not None:
                q = lex.number_words[g["pww"].lower()] * lex.power[g["pwu"].lower()]
                qh = None
                unit = "MW"
            elif g["pv"] is not None:
                q = lex.vague_power_mult.get(g["pvm"].lower(), 1.0) * lex.power[g["pvu"].lower()]
                qh = 10 * q
                unit = "MW"
                vague = True
            elif g["gpu"] is not None:
                if g["gn"] is not None and not g["gs"] and _YEAR.fullmatch(g["gn"]):
                    continue  # "In 2024 GPUs were scarce", "2023 H100 shipments"
                if g["gn"] is not None:
                    sc = lex.count_scales.get((g["gs"] or "").strip().lower(), 1.0)
                    q = _num(g["gn"]) * sc
                else:
                    q = lex.number_words[g["gw"].lower()] * {"million": 1e6, "thousand": 1e3,
                                                             "hundred": 1e2}[g["gws"].lower()]
                    sc = 1.0
                qh = None
                if g["gn2"]:
                    sc2 = lex.count_scales.get((g["gs2"] or "").strip().lower(), sc)
                    qh = _num(g["gn2"]) * sc2
                    if not g["gs"] and g["gs2"]:
                        q = _num(g["gn"]) * sc2
                unit = "GPU"
                noun = (g["noun1"] or g["noun2"] or "")
                if g["ubrand"]:
                    words = g["ubrand"].split()
                    if any(w.lower() in lex.not_brands or w.lower() in lex.not_site or w in _MONTHS
                           for w in words) or cues.non_ai:
                        continue  # "5,000 Tortilla chips", "bags of chips"
                    note = g["ubrand"]
                elif g["model"]:
                    note = g["model"] + (" equivalents" if noun.lower().endswith("equivalents") else "")
                elif noun.lower().endswith("equivalents"):
                    note = noun
            else:
                mult = lex.vague_mult.get(g["vm"].split()[0].lower() if g["vm"] else "", 1.0)
                q = mult * lex.vague_scales[g["vs"].lower()]
                qh = q * 10
                unit = "GPU"
                note = g["vmodel"]
                vague = True
            end = m.end()
            qualifier, start = qualifier_before(text, sent, m.start())
            st = nearest_cue(cues.status, start, end, right_penalty=1.2)
            ed, ep = dates.event_date(start)
            rows.append({
                "doc_id": doc.doc_id, "sent_id": sent.sent_id, "start": start, "end": end,
                "quote": text[start:end], "quantity": q, "quantity_high": qh, "unit": unit,
                "approximate": bool(vague or qualifier), "qualifier": qualifier,
                "confidence": figure_confidence(vague, qualifier),
                "label": _site_label(lex, text, sent, cues, m.start(), m.end(), unit == "MW"),
                "status": st[0] if st else None, "note": note,
                "subject": subjects.find(sent, start, end, exclude=lex.not_subject),
                "event_date": ed, "event_date_precision": ep,
            })
    return rows
