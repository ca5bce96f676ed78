"""What every notebook needs: paths from parameters, the processed tables, figure saving, run record.

Notebooks narrate; this module computes. Nothing here knows about any particular company or corpus.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis import config


def setup() -> None:
    """Plotly figures are stored as their JSON mimetype (JupyterLab renders it natively; the HTML
    export inlines plotly.js); pandas shows whole quotes."""
    import plotly.io as pio

    pio.renderers.default = "plotly_mimetype"
    pio.templates.default = "plotly_white"
    pd.set_option("display.max_colwidth", 200)
    pd.set_option("display.max_rows", 200)
    pd.set_option("display.width", 200)


def resolve_dir(value: str, default: Path) -> Path:
    p = Path(value) if value else default
    return p if p.is_absolute() else (config.REPO_ROOT / p)


@dataclass
class Tables:
    """The processed tables of one build, read back from CSV, plus the texts for quote checks."""
    processed: Path

    def __post_init__(self):
        if not (self.processed / "documents.csv").exists():
            raise FileNotFoundError(
                f"{self.processed}/documents.csv not found: run `python -m analysis build` first "
                f"(or pass processed_dir to the notebook)")
        self._cache: dict[str, pd.DataFrame] = {}

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self._cache:
            path = self.processed / f"{name}.csv"
            if not path.exists():
                raise FileNotFoundError(f"{path} not found: this build did not produce the {name!r} table")
            df = pd.read_csv(path, keep_default_na=True)
            self._cache[name] = df
        return self._cache[name]

    def has(self, name: str) -> bool:
        return (self.processed / f"{name}.csv").exists()

    @property
    def documents(self) -> pd.DataFrame:
        return self["documents"]

    @property
    def info(self) -> dict:
        p = self.processed / "build_info.json"
        return json.loads(p.read_text()) if p.exists() else {}

    def text(self, doc_id: str) -> str:
        return (self.processed / "text" / f"{doc_id}.txt").read_text(encoding="utf-8")

    def verify_quotes(self, df: pd.DataFrame) -> int:
        """Assert every row's quote is exactly text[start:end]; returns the number checked."""
        n = 0
        for r in df[["doc_id", "start", "end", "quote"]].dropna().itertuples(index=False):
            t = self.text(r.doc_id)
            assert t[int(r.start):int(r.end)] == r.quote, f"{r.doc_id}[{r.start}:{r.end}] != {r.quote!r}"
            n += 1
        return n


def load(processed_dir: str = "") -> Tables:
    return Tables(resolve_dir(processed_dir, config.PROCESSED_DIR))


def figures_path(figures_dir: str = "") -> Path:
    p = resolve_dir(figures_dir, config.BUILD_DIR / "figures")
    p.mkdir(parents=True, exist_ok=True)
    return p


def save_figure(fig, data: pd.DataFrame, name: str, figures_dir: str = ""):
    """Save the table behind a chart as `<name>.csv` beside it (and the figure as JSON), then
    return the figure so the cell displays it."""
    d = figures_path(figures_dir)
    data.to_csv(d / f"{name}.csv", index=False)
    if fig is not None:
        (d / f"{name}.plotly.json").write_text(fig.to_json(), encoding="utf-8")
    return fig


def wrap(text: object, width: int = 60) -> str:
    """Hover text: wrap long quotes with <br> so tooltips stay readable."""
    import textwrap

    if text is None or (isinstance(text, float) and pd.isna(text)):
        return ""
    return "<br>".join(textwrap.wrap(str(text), width)) or ""


def focus_company(tables: Tables, company: str = "") -> str:
    """The company in focus: the parameter if given, else the organisation mentioned most often."""
    if company:
        return company
    if tables.has("mentions"):
        m = tables["mentions"]
        orgs = m[m["type"] == "org"]
        if not orgs.empty:
            return str(orgs["entity"].value_counts().idxmax())
    return ""


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def run_record(tables: Tables, params: dict):
    """The run record every page ends with: corpus hash, code version, parameters, time of run.
    A Markdown table (no column padding, so a longer commit id does not shift other text)."""
    from IPython.display import Markdown

    from analysis.pipeline.build import git_commit

    info = tables.info
    rows = [("corpus hash", info.get("corpus_hash", "")),
            ("code version (tables built by)", info.get("code_version", "")),
            ("code version (notebook run by)", git_commit()),
            ("tables built at", info.get("built_at", "")),
            ("notebook run at", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())),
            ("parameters", "`" + json.dumps(params, sort_keys=True, default=str) + "`")]
    return Markdown("| run record | |\n|---|---|\n" + "\n".join(f"| {k} | {v} |" for k, v in rows))
