"""One place for paths, colours and labels. Every path derives from the package's own location."""
from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_DIR.parent
DATA_DIR = REPO_ROOT / "data"
SEEDS_DIR = REPO_ROOT / "seeds"
PROCESSED_DIR = DATA_DIR / "processed"
NOTEBOOKS_DIR = REPO_ROOT / "notebooks"
BUILD_DIR = REPO_ROOT / "build"
TEMPLATES_DIR = PACKAGE_DIR / "templates"

# curated inputs (names, aliases, cue words, rate tables; never facts)
BOILERPLATE_RULES = DATA_DIR / "boilerplate.yaml"
OUTLETS = DATA_DIR / "outlets.yaml"
MANIFEST = DATA_DIR / "manifest.csv"
ABBREVIATIONS = DATA_DIR / "abbreviations.txt"

SUPPORTED_EXTENSIONS = (".txt", ".md", ".markdown", ".html", ".htm")

# colours shared by every notebook (colour-blind safe, Okabe-Ito)
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
PRECISION_ORDER = ["day", "month", "quarter", "year", "unknown"]
