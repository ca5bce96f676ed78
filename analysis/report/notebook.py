"""What every notebook needs: paths from parameters, the processed tables, saving and showing
charts and texts, the run record.

Notebooks narrate; this module computes. Nothing here knows about any particular company or corpus.
"""
from __future__ import annotations

import json
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import plotly.io as pio
from IPython.display import Markdown, display

from analysis import config
from analysis.report.charts import Chart
from analysis.report.format import md_dollars
from analysis.report.tables import Table

CITED_FILE = "cited-evidence.json"
PLOTLY_MIME = "application/vnd.plotly.v1+json"
MATH_IGNORED = '<div class="mathjax_ignore tex2jax_ignore">\n\n{}\n\n</div>'


def setup() -> None:
    """Plotly figures are stored as their JSON mimetype (JupyterLab renders it natively; the HTML
    export draws it with the site's plotly.js): the pages show them through `Figure`, and plotly's
    own renderer, for a figure shown directly, is the same one (`PLOTLY_RENDERER`, read when plotly
    first renders). pandas shows whole quotes."""
    os.environ["PLOTLY_RENDERER"] = "plotly_mimetype"
    pio.templates.default = "plotly_white"
    pd.set_option("display.max_colwidth", 200)
    pd.set_option("display.max_rows", 200)
    pd.set_option("display.width", 200)


def resolve_dir(value: str, default: Path) -> Path:
    p = Path(value) if value else default
    return p if p.is_absolute() else (config.REPO_ROOT / p)


@dataclass
class Tables:
    """The processed tables of one build, read back typed from their Parquet files (each read whole
    with pyarrow, columnar, without a CSV parse) or, for a folder without them (built before they
    existed), from CSV; plus the texts for quote checks."""
    processed: Path

    def __post_init__(self):
        if not self.has("documents"):
            raise FileNotFoundError(
                f"{self.processed}/documents.csv not found: run `python -m analysis build` first "
                f"(or pass processed_dir to the notebook)")
        self._cache: dict[str, pd.DataFrame] = {}

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self._cache:
            path = self.processed / f"{name}.parquet"
            if path.exists():
                df = pd.read_parquet(path)
            else:
                path = path.with_suffix(".csv")
                if not path.exists():
                    raise FileNotFoundError(f"{path} not found: this build did not produce the {name!r} table")
                df = pd.read_csv(path, keep_default_na=True)
            self._cache[name] = df
        return self._cache[name]

    def has(self, name: str) -> bool:
        return any((self.processed / f"{name}.{ext}").exists() for ext in ("parquet", "csv"))

    def get(self, name: str, columns: list[str] | None = None) -> pd.DataFrame | None:
        """The table if this build wrote it; else an empty table with `columns`, or None without them."""
        if self.has(name):
            return self[name]
        return None if columns is None else pd.DataFrame(columns=columns)

    @property
    def documents(self) -> pd.DataFrame:
        return self["documents"]

    @property
    def info(self) -> dict:
        p = self.processed / "build_info.json"
        return json.loads(p.read_text()) if p.exists() else {}

    def text(self, doc_id: str) -> str:
        return (self.processed / "text" / f"{doc_id}.txt").read_text(encoding="utf-8")

    def verify_quotes(self, *frames: pd.DataFrame) -> int:
        """Check that every row's quote is exactly text[start:end] of its document (rows without a
        span are skipped); returns the number checked, raises ValueError at the first mismatch."""
        n = 0
        for df in frames:
            if df.empty:
                continue
            for r in df[["doc_id", "start", "end", "quote"]].dropna().itertuples(index=False):
                if self.text(r.doc_id)[int(r.start):int(r.end)] != r.quote:
                    raise ValueError(f"{r.doc_id}[{r.start}:{r.end}] is not the quote {r.quote!r}")
                n += 1
        return n


def load(processed_dir: str = "") -> Tables:
    return Tables(resolve_dir(processed_dir, config.PROCESSED_DIR))


def figures_path(figures_dir: str = "") -> Path:
    p = resolve_dir(figures_dir, config.BUILD_DIR / "figures")
    p.mkdir(parents=True, exist_ok=True)
    return p


def save_table(data: pd.DataFrame, name: str, figures_dir: str = "") -> Path:
    """Save a table the page shows as `<name>.csv` in the figures folder."""
    path = figures_path(figures_dir) / f"{name}.csv"
    data.to_csv(path, index=False)
    return path


class Figure:
    """A plotly figure as a page shows it: one display output holding only plotly's JSON mimetype,
    the output plotly's `plotly_mimetype` renderer writes, made here with plotly's public `to_json`
    so that a kernel never loads plotly's renderer module (which imports nbformat and its JSON
    schema checks: about 0.7 s of CPU in every kernel)."""

    def __init__(self, figure):
        self.figure = figure

    def _ipython_display_(self) -> None:
        display({PLOTLY_MIME: json.loads(pio.to_json(self.figure, validate=False, remove_uids=False))}, raw=True)


def save_figure(chart: Chart, name: str, figures_dir: str = "", empty: str = ""):
    """Save the table behind a chart as `<name>.csv` and the figure beside it as `<name>.plotly.json`,
    then return what the cell shows: the figure (`Figure`), or the `empty` text when there is
    nothing to draw."""
    path = save_table(chart.data, name, figures_dir)
    if chart.figure is None:
        return markdown(empty)
    path.with_suffix(".plotly.json").write_text(chart.figure.to_json(), encoding="utf-8")
    return Figure(chart.figure)


def table(df: pd.DataFrame, empty: str = ""):
    """A table to show (`tables.Table`: at most 500 rows, searchable, sortable and paginated in the
    exported HTML), or the `empty` text (nothing when '') when it has no rows."""
    return Table(df) if len(df) else markdown(empty)


def evidence(df: pd.DataFrame, figures_dir: str = "", empty: str = ""):
    """The page's evidence table: as `table`, each row with its anchor (`format.evidence_anchor`),
    and the rows the front page links to (`cited_anchors`) shown even past the first 500."""
    return Table(df, keep=cited_anchors(figures_dir), anchored=True) if len(df) else markdown(empty)


def markdown(text: str) -> Markdown | None:
    """A text shown as Markdown exactly as written: every `$` escaped (`format.md_dollars`) and the
    whole inside a `mathjax_ignore` block, since JupyterLab's MathJax would otherwise typeset the
    text between two amounts as LaTeX even once Markdown has unescaped them; nothing (None) for an
    empty text."""
    return Markdown(MATH_IGNORED.format(md_dollars(text))) if text else None


def cited_anchors(figures_dir: str = "") -> set[str]:
    """Anchors of the evidence rows the front page links to (`CITED_FILE` in the figures folder,
    written by the front page, which runs first); empty when the front page has not run."""
    path = figures_path(figures_dir) / CITED_FILE
    return set(json.loads(path.read_text(encoding="utf-8"))) if path.exists() else set()


def save_cited(anchors: Iterable[str], figures_dir: str = "") -> Path:
    path = figures_path(figures_dir) / CITED_FILE
    path.write_text(json.dumps(sorted(set(anchors)), indent=1), encoding="utf-8")
    return path


def show(*items) -> None:
    """Display each item in turn (a text as Markdown, a table, a figure), skipping None and ''."""
    for item in items:
        if isinstance(item, str):
            item = markdown(item)
        if item is not None:
            display(item)


def focus_company(tables: Tables, company: str = "") -> str:
    """The company in focus: the parameter if given, else the organisation mentioned most often."""
    if company:
        return company
    mentions = tables.get("mentions")
    if mentions is not None:
        orgs = mentions[mentions["type"] == "org"]
        if not orgs.empty:
            return str(orgs["entity"].value_counts().idxmax())
    return ""


def run_record(tables: Tables, params: dict) -> Markdown:
    """The run record every page ends with: corpus hash, code version, parameters, time of run.
    A Markdown table (no column padding, so a longer commit id does not shift other text)."""
    info = tables.info
    rows = [("corpus hash", info.get("corpus_hash", "")),
            ("code version (tables built by)", info.get("code_version", "")),
            ("code version (notebook run by)", config.code_version()),
            ("tables built at", info.get("built_at", "")),
            ("notebook run at", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())),
            ("parameters", "`" + json.dumps(params, sort_keys=True, default=str) + "`")]
    return markdown("| run record | |\n|---|---|\n" + "\n".join(f"| {k} | {v} |" for k, v in rows))
