"""The pages of the report: which notebooks there are and in what order, and each one's title and
summary. Notebooks are read here as the JSON they are (no nbformat), so the front page's kernel,
which lists the pages, loads neither nbformat nor papermill."""
from __future__ import annotations

import json
import re
from pathlib import Path

from analysis import config

NOTEBOOK_RX = re.compile(r"^\d\d-[\w-]+\.ipynb$")
FRONT_PAGE = "index.ipynb"


def discover(notebooks_dir: Path = config.NOTEBOOKS_DIR) -> list[Path]:
    """The numbered pages (NN-name.ipynb) in order."""
    return sorted(p for p in Path(notebooks_dir).glob("*.ipynb") if NOTEBOOK_RX.match(p.name))


def front_page(notebooks_dir: Path = config.NOTEBOOKS_DIR) -> Path | None:
    """The front page notebook (`index.ipynb`), which starts first: it writes the anchors of the
    evidence rows it cites, which the pages' evidence tables then always show."""
    p = Path(notebooks_dir) / FRONT_PAGE
    return p if p.exists() else None


def pages(notebooks_dir: Path = config.NOTEBOOKS_DIR) -> list[Path]:
    """Every notebook the run executes, in order: the front page, then the numbered pages."""
    front = front_page(notebooks_dir)
    return ([front] if front else []) + discover(notebooks_dir)


def cells(path: Path) -> list[dict]:
    """The notebook's cells as dicts, each `source` one string."""
    out = []
    for cell in json.loads(Path(path).read_text(encoding="utf-8"))["cells"]:
        source = cell.get("source", "")
        out.append({**cell, "source": "".join(source) if isinstance(source, list) else source})
    return out


def title(cells: list[dict]) -> str:
    """The text of the first H1 of the markdown cells ('' without one)."""
    for cell in cells:
        if cell["cell_type"] == "markdown":
            m = re.search(r"^#\s+(.+)$", cell["source"], re.M)
            if m:
                return m.group(1).strip()
    return ""


def summary(cells: list[dict]) -> str:
    """The first paragraph after the H1 of the first markdown cell, as one line."""
    for cell in cells:
        if cell["cell_type"] == "markdown" and re.search(r"^#\s", cell["source"], re.M):
            text = re.sub(r"^#\s+.+$", "", cell["source"], count=1, flags=re.M)
            paras = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
            return re.sub(r"\s+", " ", paras[0]) if paras else ""
    return ""
