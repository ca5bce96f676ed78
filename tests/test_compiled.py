"""The optional compiled modules (analysis/compiled.py): used only while they match their source,
and giving exactly the tables the sources give."""
import hashlib
import importlib.machinery
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import warnings
from pathlib import Path

import pytest

from analysis import compiled, config
from analysis.build import build

EXT = importlib.machinery.EXTENSION_SUFFIXES[0]


def _fake(tmp_path: Path, source: str = "X = 1\n"):
    """A source folder with mod.py and a compiled folder whose manifest matches it."""
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir(parents=True)
    out.mkdir(parents=True)
    (src / "mod.py").write_text(source)
    (out / f"mod{EXT}").write_bytes(b"not really a binary")
    digest = hashlib.sha256(source.encode()).hexdigest()
    manifest = {"mod": {"file": f"mod{EXT}", "sha256": digest}}
    (out / compiled.MANIFEST).write_text(json.dumps({"python": sys.implementation.cache_tag, "modules": manifest}))
    return src, out, manifest


def test_finder_serves_the_binary_only_while_the_source_matches(tmp_path):
    src, out, manifest = _fake(tmp_path)
    f = compiled.CompiledFinder(manifest, out, src, "pkg")
    spec = f.find_spec("pkg.mod")
    assert spec is not None and spec.origin == str(out / f"mod{EXT}")
    assert isinstance(spec.loader, importlib.machinery.ExtensionFileLoader)
    assert f.find_spec("pkg.other") is None and f.find_spec("elsewhere.mod") is None and f.find_spec("mod") is None
    (src / "mod.py").write_text("X = 2\n")  # edited after compiling: the source wins, with a warning
    with pytest.warns(UserWarning, match="pkg.mod: the source changed"):
        assert f.find_spec("pkg.mod") is None
    assert f.stale == ["mod"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # said once
        assert f.find_spec("pkg.mod") is None


def test_finder_without_the_binary_or_the_source(tmp_path):
    src, out, manifest = _fake(tmp_path)
    (out / f"mod{EXT}").unlink()
    assert compiled.CompiledFinder(manifest, out, src, "pkg").find_spec("pkg.mod") is None
    src2, out2, manifest2 = _fake(tmp_path / "b")
    (src2 / "mod.py").unlink()
    with pytest.warns(UserWarning):
        assert compiled.CompiledFinder(manifest2, out2, src2, "pkg").find_spec("pkg.mod") is None


def test_manifest_for_another_python_or_unreadable_is_ignored(tmp_path):
    _src, out, manifest = _fake(tmp_path)
    assert compiled.read_manifest(out) == manifest
    (out / compiled.MANIFEST).write_text(json.dumps({"python": "cpython-27", "modules": manifest}))
    assert compiled.read_manifest(out) == {}
    (out / compiled.MANIFEST).write_text("{not json")
    assert compiled.read_manifest(out) == {}
    assert compiled.read_manifest(tmp_path / "missing") == {}


def test_stale_modules_names_edited_and_missing_ones(tmp_path, monkeypatch):
    src, out, _ = _fake(tmp_path)
    monkeypatch.setattr(compiled, "PACKAGE_DIR", src)
    (src / "other.py").write_text("Y = 1\n")
    assert compiled.stale_modules(("mod", "other"), out) == ["other"]
    (src / "mod.py").write_text("X = 3\n")
    assert compiled.stale_modules(("mod", "other"), out) == ["mod", "other"]


def test_pure_environment_turns_the_finder_off(monkeypatch):
    monkeypatch.setenv(compiled.PURE_ENV, "1")
    before = list(sys.meta_path)
    assert compiled.install() is None
    assert sys.meta_path == before


def _can_compile() -> bool:
    try:
        import Cython  # noqa: F401
    except ImportError:
        return False
    include = Path(sysconfig.get_paths()["include"]) / "Python.h"
    return shutil.which(os.environ.get("CC", "cc")) is not None and include.is_file()


def test_modules_are_compiled_where_they_can_be():
    """Each hot module is imported compiled exactly when a compiled file matching its source is
    there; and where Cython and a C compiler are available (as `.ci/make-venv` sets up), every module
    has a compiled file (an edited module is allowed to be stale: it then runs from its source)."""
    manifest = compiled.read_manifest()
    fresh = set(compiled.MODULES) - set(compiled.stale_modules())
    status = compiled.status()
    if os.environ.get(compiled.PURE_ENV, "") in ("", "0"):
        assert {m for m, how in status.items() if how == "compiled"} == fresh
    else:
        assert set(status.values()) == {"source"}
    if _can_compile():
        assert set(manifest) == set(compiled.MODULES), "run: python -m analysis compile"


def test_compiled_and_source_modules_build_the_same_tables(tmp_path):
    """The seeds and the held-out articles built here (compiled modules where present) and in a
    process that imports every module from its source: byte-identical tables."""
    env = {**os.environ, compiled.PURE_ENV: "1"}
    for name, src in (("seeds", config.SEEDS_DIR), ("heldout", config.REPO_ROOT / "tests/heldout/articles")):
        a, b = tmp_path / name / "here", tmp_path / name / "pure"
        build(src, a, jobs=1)
        subprocess.run([sys.executable, "-m", "analysis", "build", "--seeds", str(src), "--out", str(b),
                        "--jobs", "1"], check=True, env=env, capture_output=True, text=True)
        files = sorted(p.name for p in a.glob("*.csv"))
        assert files and files == sorted(p.name for p in b.glob("*.csv"))
        for f in files:
            assert (a / f).read_bytes() == (b / f).read_bytes(), f"{name}/{f} differs"
