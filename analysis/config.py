"""One place for paths, colours and labels. Every path derives from the package's own location."""
from __future__ import annotations

import subprocess
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_DIR.parent
DATA_DIR = REPO_ROOT / "data"
SEEDS_DIR = REPO_ROOT / "seeds"
PROCESSED_DIR = DATA_DIR / "processed"
NOTEBOOKS_DIR = REPO_ROOT / "notebooks"
BUILD_DIR = REPO_ROOT / "build"
TEMPLATES_DIR = PACKAGE_DIR / "report" / "templates"

# Curated inputs, never facts. registry/: names, aliases, types (and reference rates); lexicons/:
# cue words and rules, one file per module that uses them.
REGISTRY_DIR = DATA_DIR / "registry"
ENTITIES = REGISTRY_DIR / "entities.yaml"      # organisations, people, AI models (extract.mentions)
OUTLETS = REGISTRY_DIR / "outlets.yaml"        # outlet names, web domains (corpus.metadata)
CURRENCIES = REGISTRY_DIR / "currencies.yaml"  # fixed rates to USD, with date and source (extract.money)

LEXICONS_DIR = DATA_DIR / "lexicons"
ABBREVIATIONS = LEXICONS_DIR / "abbreviations.txt"  # tokens ending in "." that end no sentence
BOILERPLATE_RULES = LEXICONS_DIR / "boilerplate.yaml"  # lines that are not the article
ATTRIBUTION_CUES = LEXICONS_DIR / "attribution.yaml"
COMPUTE_CUES = LEXICONS_DIR / "compute.yaml"
MODEL_CUES = LEXICONS_DIR / "models.yaml"
MONEY_CUES = LEXICONS_DIR / "money.yaml"
TALENT_CUES = LEXICONS_DIR / "talent.yaml"
THEME_CUES = LEXICONS_DIR / "themes.yaml"

MANIFEST = DATA_DIR / "manifest.csv"  # optional per-file metadata (title, outlet, date) given by hand

SUPPORTED_EXTENSIONS = (".txt", ".md", ".markdown", ".html", ".htm")

# colours shared by every notebook (colour-blind safe, Okabe-Ito)
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
PRECISION_ORDER = ["day", "month", "quarter", "year", "unknown"]


def code_version() -> str:
    """The commit the code runs on: its short hash, '-dirty' when tracked files are changed;
    'unknown' outside a git checkout. Recorded by the build and by every notebook's run record."""
    try:
        out = subprocess.run(["git", "-C", str(REPO_ROOT), "describe", "--always", "--dirty", "--exclude=*"],
                             capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return out.stdout.strip() if out.returncode == 0 else "unknown"
