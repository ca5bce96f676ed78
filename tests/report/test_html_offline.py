"""`python -m analysis run` end to end, then every exported page opened in real headless Chromium
with every request outside file:// blocked: each chart must render, with no console errors."""
import json
import subprocess
import sys

import nbformat
import pytest

from analysis import config
from analysis.report.runner import discover
from browser import browser


@pytest.fixture(scope="module")
def run_output(tmp_path_factory):
    out = tmp_path_factory.mktemp("run")
    r = subprocess.run([sys.executable, "-m", "analysis", "run", "--out", str(out)], capture_output=True,
                       text=True, cwd=config.REPO_ROOT, timeout=1200)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    return out


def plotly_outputs(nb_path):
    nb = nbformat.read(nb_path, as_version=4)
    return sum(1 for c in nb.cells for o in c.get("outputs", [])
               if "application/vnd.plotly.v1+json" in o.get("data", {}))


def test_run_writes_executed_notebooks_html_and_index(run_output):
    names = [p.stem for p in discover()]
    assert names, "no notebooks"
    for n in names:
        assert (run_output / "notebooks" / f"{n}.ipynb").exists()
        assert (run_output / "html" / f"{n}.html").exists()
    index = (run_output / "html" / "index.html").read_text()
    positions = [index.index(f'href="{n}.html"') for n in names]
    assert positions == sorted(positions), "index lists notebooks out of order"
    for n in names:
        title = nbformat.read(config.NOTEBOOKS_DIR / f"{n}.ipynb", as_version=4).cells[0].source.splitlines()[0]
        assert title.lstrip("# ").strip() in index
    assert "corpus_hash" in index


def test_every_page_renders_every_chart_offline_without_errors(run_output):
    pages = sorted((run_output / "html").glob("*.html"))
    with browser() as b:
        for page_path in pages:
            page = b.new_page()
            errors, blocked = [], []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))

            def route(r):
                if r.request.url.startswith(("file:", "data:", "blob:", "about:")):
                    r.continue_()
                else:
                    blocked.append(r.request.url)
                    r.abort()

            page.route("**/*", route)
            page.goto(page_path.as_uri())
            page.wait_for_load_state("load")
            name = page_path.stem
            if name != "index":
                expected = plotly_outputs(run_output / "notebooks" / f"{name}.ipynb")
                assert expected > 0, f"{name} has no charts"
                page.wait_for_function(
                    f"document.querySelectorAll('.js-plotly-plot svg.main-svg').length >= {expected}", timeout=20000)
                plots = page.locator(".js-plotly-plot")
                assert plots.count() == expected, name
                for i in range(expected):
                    assert plots.nth(i).locator("svg.main-svg").count() >= 1, f"{name}: chart {i} did not render"
                    assert plots.nth(i).bounding_box()["height"] > 100, f"{name}: chart {i} is empty"
                body = page.inner_text("body")
                assert "corpus hash" in body and "parameters" in body and "run record" in body, f"{name}: no run record"
                # plotly.js inlined exactly once per page
                html = page_path.read_text()
                assert html.count("plotly.js v") <= 2 and "cdn" not in json.dumps(blocked).lower()
            assert not blocked, f"{name}: requests outside file:// {blocked}"
            assert not errors, f"{name}: console errors {errors}"
            page.close()
