"""Executed notebook → self-contained HTML that renders every plotly chart offline.

Plotly figures stay as their JSON mimetype in the .ipynb (small, deterministic, rendered natively
by JupyterLab); at export time `PlotlyOfflinePreprocessor` turns each into HTML with plotly.js
inlined once per page, and the `offline` template drops the CDN script tags of the lab template.
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

PLOTLY_MIME = "application/vnd.plotly.v1+json"


class PlotlyOfflinePreprocessor(Preprocessor):
    """Replace plotly JSON outputs by offline HTML (plotly.js inlined in the first figure only)."""

    def preprocess(self, nb, resources):
        import plotly.io as pio

        first = True
        for cell in nb.cells:
            for out in cell.get("outputs", []):
                data = out.get("data") if out.get("output_type") in ("display_data", "execute_result") else None
                if not data or PLOTLY_MIME not in data:
                    continue
                fig = data[PLOTLY_MIME]
                div = pio.to_html(fig, include_plotlyjs=first, full_html=False, include_mathjax=False,
                                  config={"displaylogo": False, "responsive": True})
                first = False
                out["data"] = {"text/html": div, "text/plain": data.get("text/plain", "<Figure>")}
        return nb, resources


def notebook_title(nb) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = re.search(r"^#\s+(.+)$", cell.source, re.M)
            if m:
                return m.group(1).strip()
    return ""


def notebook_summary(nb) -> str:
    """The first paragraph after the H1 of the first markdown cell, as one line."""
    for cell in nb.cells:
        if cell.cell_type == "markdown" and re.search(r"^#\s", cell.source, re.M):
            paras = [p.strip() for p in re.split(r"\n\s*\n", re.sub(r"^#\s+.+$", "", cell.source, count=1, flags=re.M)) if p.strip()]
            return re.sub(r"\s+", " ", paras[0]) if paras else ""
    return ""


def _nav(prev: tuple[str, str] | None, nxt: tuple[str, str] | None, bottom: bool = False) -> str:
    left = f'<a href="{prev[0]}">← {html.escape(prev[1])}</a>' if prev else "<span></span>"
    right = f'<a href="{nxt[0]}">{html.escape(nxt[1])} →</a>' if nxt else "<span></span>"
    cls = "collection-nav bottom" if bottom else "collection-nav"
    return f'<nav class="{cls}">{left}<a href="index.html">Contents</a>{right}</nav>'


def export_html(executed: Path, out_html: Path, prev=None, nxt=None) -> None:
    nb = nbformat.read(executed, as_version=4)
    exporter = HTMLExporter(template_name="offline", extra_template_basedirs=[str(config.TEMPLATES_DIR)])
    exporter.register_preprocessor(PlotlyOfflinePreprocessor(), enabled=True)
    resources = {"nav_html": _nav(prev, nxt), "nav_html_bottom": _nav(prev, nxt, bottom=True),
                 "metadata": {"name": notebook_title(nb) or executed.stem}}
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    out_html.parent.mkdir(parents=True, exist_ok=True)
    out_html.write_text(body, encoding="utf-8")


def write_index(entries: list[dict], out_html: Path, run_info: dict) -> None:
    """entries: [{'file': 'NN-x.html', 'title': ..., 'summary': ...}] in order."""
    items = "\n".join(
        f'<li><a href="{html.escape(e["file"])}">{html.escape(e["title"] or e["file"])}</a>'
        f'<p>{html.escape(e["summary"])}</p></li>' for e in entries)
    record = "".join(f"<tr><th>{html.escape(str(k))}</th><td>{html.escape(json.dumps(v) if not isinstance(v, str) else v)}</td></tr>"
                     for k, v in run_info.items())
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Analysis notebooks</title>
<style>body{{font-family:system-ui,sans-serif;max-width:52em;margin:2em auto;padding:0 1em;line-height:1.5}}
li{{margin-bottom:1em}} li p{{margin:.2em 0;color:#444}} table{{border-collapse:collapse;font-size:13px}}
th,td{{text-align:left;padding:2px 8px;border-bottom:1px solid #eee}}</style></head>
<body><h1>Analysis notebooks</h1>
<p>Every number, name and date in these pages comes from a table row that carries its evidence
(document id, character span and exact quote).</p>
<ol>
{items}
</ol>
<h2>Run record</h2><table>{record}</table>
</body></html>
"""
    out_html.write_text(page, encoding="utf-8")
