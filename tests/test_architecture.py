"""The package's shape, as the README's "How the code is organised" describes it: layers import only
downwards, no module reaches into another's private names, no module grows past a reader's page
count, no broad `except` hides an error, and nothing edits `sys.path`."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from analysis import config

PACKAGE = config.PACKAGE_DIR
# a layer may import from its own layer and the ones before it
LAYERS = {"lexicon": 0, "corpus": 1, "extract": 2, "pipeline": 3, "report": 4, "tools": 5, "cli": 5,
          "__main__": 6}
MAX_LINES = 600
MODULES = sorted(p for p in PACKAGE.rglob("*.py"))


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _layer(module: str) -> int | None:
    parts = module.split(".")
    return LAYERS.get(parts[1]) if len(parts) > 1 else None  # `analysis` itself, config: any layer


def _imports(path: Path):
    """(imported module, names) for every `from analysis... import` and `import analysis...`."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("analysis"):
            yield node.module, [a.name for a in node.names]
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name.startswith("analysis"):
                    yield a.name, []


def test_every_package_is_a_known_layer():
    packages = {p.parent.relative_to(PACKAGE).parts[0] for p in MODULES if p.parent != PACKAGE}
    assert packages <= set(LAYERS), packages - set(LAYERS)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_layers_import_only_downwards_and_no_private_names(path):
    me = _module_name(path)
    mine = _layer(me)
    for module, names in _imports(path):
        theirs = _layer(module)
        if mine is not None and theirs is not None:
            assert theirs <= mine, f"{me} (layer {mine}) imports {module} (layer {theirs})"
        private = [n for n in names if n.startswith("_")]
        assert not private, f"{me} imports private names {private} from {module}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_modules_stay_short_and_hide_no_errors(path):
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= MAX_LINES
    assert "sys.path" not in text
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.ExceptHandler):
            broad = node.type is None or (isinstance(node.type, ast.Name)
                                          and node.type.id in ("Exception", "BaseException"))
            reraises = any(isinstance(n, ast.Raise) for n in ast.walk(node))
            assert not broad or reraises, f"{path.name}:{node.lineno} catches every error without re-raising"


def test_the_checks_see_a_violation():
    """The import walk finds what it must reject (so the tests above cannot pass vacuously)."""
    assert _layer("analysis.report.views.talent") == 4 and _layer("analysis.corpus.doc") == 1
    found = dict(_imports(PACKAGE / "pipeline" / "build.py"))
    assert any(m.startswith("analysis.extract.") for m in found)
