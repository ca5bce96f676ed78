"""A small theme lexicon of the same shape as data/lexicons/themes.yaml, shared by the themes and
theme-shares tests so that they do not depend on the curated cue lists (which users edit)."""
from analysis.extract.themes import lexicon_from_dict

LEX = lexicon_from_dict({
    "plurals": True,
    "negation": {"window": 4,
                 "negators": ["not", "no", "never", "no longer", "without", "abandon*",
                              "instead of", "rather than"],
                 "scope_breakers": ["but", "and", "while", "which"]},
    "themes": [
        {"name": "open_vs_closed", "description": "d", "cues": ["weights"],
         "sides": {"open": {"cues": ["open-source", "open weights"]},
                   "closed": {"cues": ["proprietary", "closed-source", "closed model"]}}},
        {"name": "ai_general", "description": "d", "cues": ["AI", {"cue": "MoE", "case": True}]},
        {"name": "talent", "description": "d", "cues": ["poach*", "talent war"]},
        {"name": "meta_vs_ai", "description": "d", "requires": ["metaverse"], "cues": ["pivot"],
         "sides": {"metaverse": {"cues": ["metaverse"]}, "ai": {"cues": ["generative AI"]}}},
    ],
})
