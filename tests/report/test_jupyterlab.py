"""JupyterLab on loopback: the notebooks (the front page included) are listed and open with the
python3 kernel; the project's settings turn off the news pop-up; and the outputs of notebooks run on
a corpus full of dollar amounts, asterisks and underscores show as written, never typeset by MathJax."""
import json
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager

import nbformat
import pytest

from analysis import config
from analysis.report.runner import discover, pages
from browser import browser


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url, data=None, method=None):
    req = urllib.request.Request(url, data=json.dumps(data).encode() if data is not None else None,
                                 method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.loads(r.read() or b"null")


@contextmanager
def jupyter_lab(root, runtime, *extra):
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", f"--port={port}",
         "--ServerApp.ip=127.0.0.1", "--IdentityProvider.token=", "--ServerApp.password=",
         "--ServerApp.disable_check_xsrf=True", f"--ServerApp.root_dir={root}", *extra],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env={**__import__("os").environ,
                                                               "JUPYTER_RUNTIME_DIR": str(runtime)})
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                get(base + "/api/status")
                break
            except OSError:
                time.sleep(0.5)
        else:
            raise RuntimeError("jupyter lab did not start")
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    with jupyter_lab(config.REPO_ROOT, tmp_path_factory.mktemp("jupyter-runtime")) as base:
        yield base


def test_notebooks_are_listed_with_python3_kernelspec(lab):
    listing = get(lab + "/api/contents/notebooks")
    names = {c["name"] for c in listing["content"]}
    expected = [p.name for p in pages()]
    assert "index.ipynb" in expected and set(expected) <= names
    assert "python3" in get(lab + "/api/kernelspecs")["kernelspecs"]
    for name in expected:
        nb = get(lab + f"/api/contents/notebooks/{name}")
        assert nb["content"]["metadata"]["kernelspec"]["name"] == "python3", name


def test_notebook_opens_in_the_lab_ui_with_python3_kernel(lab):
    name = discover()[0].name
    with browser() as b:
        page = b.new_page(viewport={"width": 1400, "height": 900})
        page.goto(f"{lab}/lab/tree/notebooks/{name}")
        kernel = page.locator(".jp-NotebookPanel-toolbar .jp-Toolbar-kernelName").first
        kernel.wait_for(timeout=60000)
        page.wait_for_function(
            "() => [...document.querySelectorAll('.jp-Toolbar-kernelName')].some(e => e.textContent.includes('Python 3'))",
            timeout=60000)
        # the kernel really started: the server reports a session for this notebook on python3
        deadline = time.time() + 60
        while time.time() < deadline:
            sessions = [s for s in get(lab + "/api/sessions") if s["path"].endswith(name)]
            if sessions:
                break
            time.sleep(0.5)
        assert sessions and sessions[0]["kernel"]["name"] == "python3"
        # the saved outputs (a rendered plotly chart) show in the lab
        page.wait_for_selector(".js-plotly-plot svg.main-svg", timeout=60000)
        page.close()


def test_the_news_pop_up_is_off(lab):
    settings = get(lab + "/lab/api/settings/@jupyterlab/apputils-extension:notification")
    defaults = {k: v.get("default") for k, v in settings["schema"]["properties"].items()}  # overrides.json
    assert defaults["fetchNews"] == "false" and defaults["checkForUpdates"] is False


TRICKY = ["""Acme's capex guidance: Acme will spend $113 billion to $118 billion in 2025, up from $72 billion.
Acme paid $14.3 billion for a stake in Initech, said chief_financial_officer Jo Bloggs, calling it *the* bet.
""", """Acme plans to spend $600 billion on data centers through 2028, and Globex spends $5 billion on __compute__.
Acme offered *some* researchers pay packages of $100 million to $300 million, according to people_familiar.
"""]


@pytest.fixture(scope="module")
def tricky_run(tmp_path_factory):
    """A run on two articles whose quotes hold several dollar amounts, asterisks and underscores, plus
    a control notebook whose Markdown output is NOT escaped (MathJax must typeset that one)."""
    corpus = tmp_path_factory.mktemp("tricky")
    for i, day in enumerate(("2025-07-01", "2025-07-30")):
        (corpus / f"a{i}.md").write_text(f"---\ntitle: Acme_spends *big* {i}\ndate: {day}\n---\n{TRICKY[i]}",
                                         encoding="utf-8")
    out = tmp_path_factory.mktemp("tricky-run")
    r = subprocess.run([sys.executable, "-m", "analysis", "run", "--seeds", str(corpus), "--out", str(out)],
                       capture_output=True, text=True, cwd=config.REPO_ROOT, timeout=900)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    cell = nbformat.v4.new_code_cell("")
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/markdown": "from $113 billion to $118 billion"})]
    nb.cells = [cell]
    nbformat.write(nb, out / "notebooks" / "control.ipynb")
    return out


def rendered_math(b, base, name):
    """Open one notebook alone in the lab UI (a fresh page, workspace reset) and return (MathJax
    elements in its outputs, the text of its outputs)."""
    page = b.new_page(viewport={"width": 1400, "height": 900})
    page.goto(f"{base}/lab/tree/{name}?reset")
    page.wait_for_function(
        "n => [...document.querySelectorAll('.lm-TabBar-tab.lm-mod-current .lm-TabBar-tabLabel')]"
        ".some(e => e.textContent.trim() === n)", arg=name, timeout=60000)
    page.wait_for_selector(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output", state="attached",
                           timeout=60000)
    page.wait_for_timeout(3000)  # MathJax typesets after the outputs are attached
    found = page.evaluate("""() => {
        const outs = [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output')];
        return [outs.reduce((n, o) => n + o.querySelectorAll('mjx-container, .MathJax, .MathJax_Display').length, 0),
                outs.map(o => o.textContent).join('\\n')];
    }""")
    page.close()
    return found


def test_no_output_is_typeset_as_latex(tricky_run, tmp_path_factory):
    notebooks = tricky_run / "notebooks"
    names = sorted(p.name for p in notebooks.glob("*.ipynb") if p.name != "control.ipynb")
    assert "index.ipynb" in names and len(names) == len(pages())
    # every cell rendered at once (JupyterLab 4 otherwise attaches only the cells in view)
    settings = tmp_path_factory.mktemp("lab-settings")
    (settings / "@jupyterlab" / "notebook-extension").mkdir(parents=True)
    (settings / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings").write_text(
        json.dumps({"windowingMode": "none"}))
    with jupyter_lab(notebooks, tmp_path_factory.mktemp("jupyter-runtime"), f"--LabApp.user_settings_dir={settings}") as base, \
            browser() as b:
        n_math, _ = rendered_math(b, base, "control.ipynb")
        assert n_math > 0, "the control (unescaped dollars) should be typeset: the check would see nothing"
        seen = ""
        for name in names:
            n_math, text = rendered_math(b, base, name)
            assert n_math == 0, f"{name}: {n_math} output element(s) typeset by MathJax"
            seen += text
    assert "$113 billion to $118 billion" in seen and "$100 million to $300 million" in seen and "*big*" in seen
