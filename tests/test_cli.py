"""The command line as a user runs it: real subprocesses, real files."""
import json
import subprocess
import sys

import nbformat
import pytest

from analysis import config

PY = sys.executable


def cli(*args, cwd=config.REPO_ROOT, timeout=600):
    return subprocess.run([PY, "-m", "analysis", *args], capture_output=True, text=True, cwd=cwd, timeout=timeout)


def test_build_writes_every_table_and_lists_rejects(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("Acme Robotics hired a chief scientist from Globex in June, the company said.\n")
    (seeds / "empty.txt").write_text("")
    out = tmp_path / "out"
    r = cli("build", "--seeds", str(seeds), "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert "rejected: empty.txt: empty file" in r.stdout
    assert "empty.txt" in r.stderr  # a warning names it
    for name in ["documents", "sentences", "boilerplate", "metadata"]:
        assert (out / f"{name}.csv").exists(), name
    import pandas as pd
    docs = pd.read_csv(out / "documents.csv")
    for col in ["doc_id", "path", "title", "outlet", "url", "published", "published_precision", "date_source",
                "n_words", "sha256", "status", "reason"]:
        assert col in docs.columns, col
    sents = pd.read_csv(out / "sentences.csv")
    assert list(sents.columns) == ["doc_id", "sent_id", "start", "end", "text"]
    text = (out / "text" / "a.txt").read_text()
    for r_ in sents.itertuples():
        assert text[r_.start:r_.end] == r_.text
    info = json.loads((out / "build_info.json").read_text())
    assert info["n_ok"] == 1 and info["n_rejected"] == 1


@pytest.mark.parametrize("make", ["missing", "empty"])
def test_missing_or_empty_seeds_is_an_error_with_nonzero_exit(tmp_path, make):
    seeds = tmp_path / "seeds"
    if make == "empty":
        seeds.mkdir()
    r = cli("build", "--seeds", str(seeds), "--out", str(tmp_path / "out"))
    assert r.returncode == 2
    assert str(seeds) in r.stderr and ("does not exist" in r.stderr or "is empty" in r.stderr)
    assert not (tmp_path / "out").exists()


def test_run_rejects_unknown_parameter_before_running_anything(tmp_path):
    r = cli("run", "--out", str(tmp_path / "o"), "-p", "compnay", "Acme")
    assert r.returncode == 2
    assert "unknown parameter 'compnay'" in r.stderr and "company" in r.stderr
    assert not (tmp_path / "o").exists()


def test_run_rejects_wrongly_typed_parameter(tmp_path):
    nbdir = tmp_path / "nbs"
    nbdir.mkdir()
    nb = nbformat.v4.new_notebook()
    c = nbformat.v4.new_code_cell("min_usd: float = 0.0\nlimit: int = 10\nshow: bool = True")
    c.metadata["tags"] = ["parameters"]
    nb.cells = [c]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, nbdir / "01-x.ipynb")
    from analysis.report.runner import ParameterError, discover, validate
    nbs = discover(nbdir)
    with pytest.raises(ParameterError, match="'limit': 'ten' is not a valid int"):
        validate([("limit", "ten")], nbs)
    with pytest.raises(ParameterError, match="'show': 'maybe' is not a valid bool"):
        validate([("show", "maybe")], nbs)
    assert validate([("min_usd", "1e9"), ("limit", "3"), ("show", "false")], nbs) == {
        nbs[0]: {"min_usd": 1e9, "limit": 3, "show": False}}


def test_failing_notebook_stops_the_run_names_the_cell_and_keeps_partial_output(tmp_path):
    from analysis.report.runner import NotebookFailed, run_all
    nbdir = tmp_path / "nbs"
    nbdir.mkdir()
    for name, src in [("00-ok.ipynb", "x = 1"), ("01-bad.ipynb", "raise ValueError('no such column: spend')"),
                      ("02-never.ipynb", "y = 2")]:
        nb = nbformat.v4.new_notebook()
        p = nbformat.v4.new_code_cell("processed_dir: str = ''")
        p.metadata["tags"] = ["parameters"]
        nb.cells = [nbformat.v4.new_markdown_cell(f"# {name}"), p, nbformat.v4.new_code_cell(src)]
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nbformat.write(nb, nbdir / name)
    out = tmp_path / "out"
    with pytest.raises(NotebookFailed) as e:  # one at a time: nothing after the failing notebook runs
        run_all(tmp_path, out, [], notebooks_dir=nbdir, progress=False, log=lambda *_: None, jobs=1)
    msg = str(e.value)
    assert "01-bad.ipynb" in msg and "ValueError" in msg and "no such column: spend" in msg and "cell 2" in msg
    assert (out / "notebooks" / "01-bad.ipynb").exists()  # partial output kept
    assert not (out / "notebooks" / "02-never.ipynb").exists()  # the run stopped
    with pytest.raises(NotebookFailed, match=r"01-bad.ipynb: cell 2 .*no such column: spend"):  # two at a time
        run_all(tmp_path, tmp_path / "out2", [], notebooks_dir=nbdir, progress=False, log=lambda *_: None, jobs=2)


def test_executing_a_notebook_prints_no_kernel_start_up_noise(tmp_path):
    """The kernel's "running over TCP without encryption" warning is not the user's business."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("print(6 * 7)")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, tmp_path / "00-tiny.ipynb")
    code = ("from pathlib import Path; from analysis.report.runner import execute; "
            f"execute(Path({str(tmp_path / '00-tiny.ipynb')!r}), Path({str(tmp_path / 'out.ipynb')!r}), {{}}, "
            "progress=False)")
    r = subprocess.run([PY, "-c", code], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "42" in nbformat.read(tmp_path / "out.ipynb", as_version=4).cells[0].outputs[0]["text"]
    assert "encryption" not in r.stderr and "WARNING" not in r.stderr and "ERROR" not in r.stderr, r.stderr


def test_pages_showing_evidence_wait_for_the_front_page_the_others_run_beside_it(tmp_path):
    """The front page writes the rows it cites; a page whose code calls nb.evidence starts only
    once it has finished, another page starts at once (two at a time)."""
    from analysis.report.runner import run_all, waits_for_front_page
    nbdir = tmp_path / "nbs"
    nbdir.mkdir()
    marker, log = tmp_path / "front-page-done", tmp_path / "order.txt"
    sources = {
        "index.ipynb": f"import time, pathlib; time.sleep(4); pathlib.Path({str(marker)!r}).write_text('x')",
        "00-beside.ipynb": f"import pathlib; open({str(log)!r}, 'a').write('00 ' + str(pathlib.Path({str(marker)!r}).exists()) + '\\n')",
        "01-after.ipynb": f"import pathlib; open({str(log)!r}, 'a').write('01 ' + str(pathlib.Path({str(marker)!r}).exists()) + '\\n')"
                          "\n# the page shows its evidence: nb.evidence(rows)",
    }
    for name, src in sources.items():
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_markdown_cell(f"# {name}"), nbformat.v4.new_code_cell(src)]
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nbformat.write(nb, nbdir / name)
    assert [waits_for_front_page(nbdir / n) for n in sources] == [False, False, True]
    assert waits_for_front_page(config.NOTEBOOKS_DIR / "01-spending.ipynb")
    assert not waits_for_front_page(config.NOTEBOOKS_DIR / "06-claims.ipynb")
    lines = []
    run_all(tmp_path, tmp_path / "out", [], notebooks_dir=nbdir, progress=False, log=lines.append, jobs=2)
    assert sorted(log.read_text().split("\n")[:2]) == ["00 False", "01 True"]  # 00 ran beside the front page
    assert any(line.startswith("01-after.ipynb executed in") and "CPU" in line for line in lines), lines
    assert (tmp_path / "out" / "html" / "index.html").exists()


def test_build_on_dask_names_its_workers_and_dashboard(tmp_path):
    r = cli("build", "--seeds", str(config.SEEDS_DIR), "--out", str(tmp_path / "out"), "--engine", "dask",
            "--jobs", "2")
    assert r.returncode == 0, r.stderr
    assert "dask: 2 workers on a local cluster; dashboard: none (local cluster)" in r.stderr
    assert "warning: dask" not in r.stderr
