"""Executed notebook → HTML page that renders every plotly chart offline.

Plotly figures stay as their JSON mimetype in the .ipynb (small, deterministic, rendered natively
by JupyterLab); at export time `PlotlyOfflinePreprocessor` turns each into a div drawn by the one
shared `plotly.min.js` written beside the pages (`write_plotlyjs`, loaded with a relative
`<script src>`, so file:// works), and the `offline` template drops the CDN script tags of the lab
template, hides the code behind a "show code" button, shows the parameters as a small table and adds
search, sort and pages to the tables (`analysis.report.tables`).
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import Preprocessor

from analysis import config
from analysis.report import pages

PLOTLY_MIME = "application/vnd.plotly.v1+json"
PLOTLY_JS = "plotly.min.js"
_IPYNB_LINK = re.compile(r"\]\(([\w-]+)\.ipynb(#[\w-]*)?\)")
_PARAM_LINE = re.compile(r"^(\w+)\s*(?::\s*[\w\[\], ]+)?=\s*(.+?)\s*(?:#\s*(.*))?$")


class PlotlyOfflinePreprocessor(Preprocessor):
    """Replace plotly JSON outputs by a div and the script that draws it with the shared plotly.js."""

    def preprocess(self, nb, resources):
        import plotly.io as pio

        for cell in nb.cells:
            for out in cell.get("outputs", []):
                data = out.get("data") if out.get("output_type") in ("display_data", "execute_result") else None
                if not data or PLOTLY_MIME not in data:
                    continue
                fig = data[PLOTLY_MIME]
                div = pio.to_html(fig, include_plotlyjs=False, full_html=False, include_mathjax=False,
                                  config={"displaylogo": False, "responsive": True})
                out["data"] = {"text/html": div, "text/plain": data.get("text/plain", "<Figure>")}
        return nb, resources


def notebook_title(nb) -> str:
    """The title of a notebook read with nbformat (`pages.title`)."""
    return pages.title(nb.cells)


def write_plotlyjs(html_dir: Path) -> Path:
    """The one plotly.js every page of the site loads (written once, beside the pages)."""
    from plotly.offline import get_plotlyjs

    path = Path(html_dir) / PLOTLY_JS
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(get_plotlyjs(), encoding="utf-8")
    return path


LAB_CSS = "lab.css"
LAB_CSS_FILES = ("static/index.css", "static/theme-light.css")  # what the lab template inlines in every page


def _exporter() -> HTMLExporter:
    return HTMLExporter(template_name="offline", extra_template_basedirs=[str(config.TEMPLATES_DIR)])


def write_lab_css(html_dir: Path) -> Path:
    """The JupyterLab style sheet every page links to (`lab.css`, written once beside the pages, as
    plotly.js is) instead of a copy of about 250 kB inlined in each: the lab template's own
    `LAB_CSS_FILES`, read through its Jinja loader."""
    env = _exporter().environment
    path = Path(html_dir) / LAB_CSS
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(env.loader.get_source(env, name)[0] for name in LAB_CSS_FILES), encoding="utf-8")
    return path


def _nav(prev: tuple[str, str] | None, nxt: tuple[str, str] | None, bottom: bool = False) -> str:
    left = f'<a href="{prev[0]}">← {html.escape(prev[1])}</a>' if prev else "<span></span>"
    right = f'<a href="{nxt[0]}">{html.escape(nxt[1])} →</a>' if nxt else "<span></span>"
    cls = "collection-nav bottom" if bottom else "collection-nav"
    toggle = "" if bottom else '<button type="button" class="code-toggle" aria-pressed="false">show code</button>'
    return f'<nav class="{cls}">{left}<a href="index.html">Front page</a>{toggle}{right}</nav>'


def parameters(nb) -> list[tuple[str, str, str]]:
    """(name, value used, what it means) of the notebook's `parameters` cell: the value papermill
    injected when there is one, else the default written in the cell; the comment as the meaning."""
    injected = (nb.metadata.get("papermill") or {}).get("parameters") or {}
    rows = []
    for cell in nb.cells:
        if cell.cell_type == "code" and "parameters" in cell.metadata.get("tags", []):
            for line in cell.source.splitlines():
                m = _PARAM_LINE.match(line.strip())
                if m:
                    name, default, meaning = m.group(1), m.group(2), m.group(3) or ""
                    value = json.dumps(injected[name]) if name in injected else default
                    rows.append((name, value, meaning))
    return rows


def parameters_html(nb) -> str:
    rows = "".join(f"<tr><th>{html.escape(n)}</th><td><code>{html.escape(v)}</code></td><td>{html.escape(m)}</td></tr>"
                   for n, v, m in parameters(nb))
    return (f'<table class="run-parameters"><caption>Parameters of this run</caption>{rows}</table>'
            if rows else "")


class NotebookLinksPreprocessor(Preprocessor):
    """Links to a sibling notebook in Markdown outputs (`01-spending.ipynb#ev-…`, which JupyterLab
    opens) point to its exported page (`01-spending.html#ev-…`) in the HTML."""

    def preprocess(self, nb, resources):
        for cell in nb.cells:
            for out in cell.get("outputs", []):
                data = out.get("data") or {}
                if "text/markdown" in data:
                    data["text/markdown"] = _IPYNB_LINK.sub(r"](\1.html\2)", data["text/markdown"])
        return nb, resources


def export_html(executed: Path, out_html: Path, prev=None, nxt=None) -> None:
    nb = nbformat.read(executed, as_version=4)
    exporter = _exporter()
    exporter.register_preprocessor(PlotlyOfflinePreprocessor(), enabled=True)
    exporter.register_preprocessor(NotebookLinksPreprocessor(), enabled=True)
    resources = {"nav_html": _nav(prev, nxt) + parameters_html(nb), "nav_html_bottom": _nav(prev, nxt, bottom=True),
                 "metadata": {"name": notebook_title(nb) or executed.stem}}
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    out_html.parent.mkdir(parents=True, exist_ok=True)
    out_html.write_text(body, encoding="utf-8")
