"""JupyterLab on loopback: the notebooks are listed and open with the python3 kernel."""
import json
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from analysis import config
from analysis.report.runner import discover
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


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    port = free_port()
    runtime = tmp_path_factory.mktemp("jupyter-runtime")
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", f"--port={port}",
         "--ServerApp.ip=127.0.0.1", "--IdentityProvider.token=", "--ServerApp.password=",
         "--ServerApp.disable_check_xsrf=True", f"--ServerApp.root_dir={config.REPO_ROOT}"],
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


def test_notebooks_are_listed_with_python3_kernelspec(lab):
    listing = get(lab + "/api/contents/notebooks")
    names = {c["name"] for c in listing["content"]}
    expected = [p.name for p in discover()]
    assert expected and set(expected) <= names
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
