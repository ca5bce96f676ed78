"""Conventions every committed notebook keeps (checked statically, without running it)."""
import ast
import re

import nbformat
import pytest

from analysis.report.runner import declared_parameters, discover

NOTEBOOKS = discover()
MONEY_OR_UNITS = re.compile(r"[$€£]\s?\d|\b\d+(?:\.\d+)?\s*(?:billion|million|trillion|bn|tn|GW|MW|GPUs?)\b", re.I)
LOCAL_PATH = re.compile(r"/(?:root|home|tmp|work)/")
YEAR_LITERAL = re.compile(r"(?<![\w.])(?:19|20)\d\d(?![\w.])")
MAX_CODE_LINES = 400  # non-blank lines of code cells, all notebooks together: notebooks narrate, the package computes


def code_cells(path):
    return [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]


def imported_modules(tree: ast.AST) -> list[str]:
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            out += [f"{node.module}.{a.name}" for a in node.names]
    return out


def test_there_are_notebooks():
    assert [p.name[:2] for p in NOTEBOOKS] == sorted(p.name[:2] for p in NOTEBOOKS)
    assert NOTEBOOKS[0].name == "00-corpus.ipynb"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_conventions(path):
    nb = nbformat.read(path, as_version=4)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith(f"# {path.name[:2]} "), "first cell: H1 title"
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1, "exactly one parameters cell"
    params = declared_parameters(path)
    assert {"processed_dir", "figures_dir"} <= set(params), "the runner injects processed_dir and figures_dir"
    for c in nb.cells:
        if c.cell_type != "code":
            continue
        assert "sys.path" not in c.source, "import the installed package, never patch sys.path"
        if "parameters" in c.metadata.get("tags", []):
            continue
        assert not MONEY_OR_UNITS.search(c.source), f"literal amount in code: {c.source[:80]!r}"
        assert not YEAR_LITERAL.search(c.source), f"literal year in code: {c.source[:80]!r}"
        for o in c.get("outputs", []):
            assert o.get("output_type") != "error", f"stored error output in {path.name}"
            text = o.get("text", "") if isinstance(o.get("text", ""), str) else "".join(o["text"])
            assert not LOCAL_PATH.search(text), f"stored output leaks a local path: {text[:80]!r}"
    assert any("run_record" in c.source for c in nb.cells if c.cell_type == "code"), "ends with a run record"
    assert any(c.get("outputs") for c in nb.cells if c.cell_type == "code"), "committed with outputs"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_narrate_and_the_package_computes(path):
    """No function, class or lambda is defined in a notebook, and it imports only the report layer
    (views, charts, findings, notebook helpers) and the config."""
    for c in code_cells(path):
        tree = ast.parse(c.source)
        defined = [type(n).__name__ for n in ast.walk(tree)
                   if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda))]
        assert not defined, f"{path.name}: {defined} in a code cell; move it to analysis/report/"
        for name in imported_modules(tree):
            assert name.startswith("analysis.report.") or name == "analysis.config", f"{path.name} imports {name}"


def test_notebooks_hold_at_most_400_code_lines_together():
    lines = {p.name: sum(1 for c in code_cells(p) for line in c.source.splitlines() if line.strip())
             for p in NOTEBOOKS}
    assert sum(lines.values()) <= MAX_CODE_LINES, lines
