"""Optional compiled builds of the hot extraction modules (Cython), used only while they match
their source.

The package is plain Python. `python -m analysis compile` (run by `.ci/make-venv`) compiles the
modules in `MODULES` unchanged with Cython into `analysis/_compiled/` (not in git), with a manifest
holding the SHA-256 of each source it compiled. On `import analysis`, `install()` puts a finder in
front of Python's own that loads `analysis.<module>` from its compiled file only when the module's
`.py` still has that digest: an edited module is imported from its source (with a warning) until it
is compiled again, so a stale binary can never shadow the code you read. `ANALYSIS_PURE=1` in the
environment turns the compiled modules off altogether.

Same code, same results (a test builds the seeds both ways and compares every table); the gain is
the interpreter's dispatch overhead on the per-document work (README, "Speed").
"""
from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import shutil
import sys
import tempfile
import warnings
from pathlib import Path

PACKAGE = __name__.rpartition(".")[0] or "analysis"
PACKAGE_DIR = Path(__file__).resolve().parent
COMPILED_DIR = PACKAGE_DIR / "_compiled"
MANIFEST = "manifest.json"
PURE_ENV = "ANALYSIS_PURE"
# the modules that run once per document (extractors and what they call); `config` is left out on
# purpose (it locates the repository from its own `__file__`)
MODULES = ("entities", "themes", "attribution", "talent", "models", "money", "compute", "sentences",
           "corpus", "text", "boilerplate", "dates", "metadata", "build", "claims", "doc")
DIRECTIVES = {"language_level": 3, "annotation_typing": False, "binding": True}


def source_digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def read_manifest(folder: Path = COMPILED_DIR) -> dict[str, dict]:
    """Module -> {"file": compiled file name, "sha256": digest of the source compiled}; {} when
    nothing was compiled or the manifest is unreadable."""
    try:
        data = json.loads((Path(folder) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    mods = data.get("modules") if isinstance(data, dict) else None
    if not isinstance(mods, dict) or data.get("python") != sys.implementation.cache_tag:
        return {}
    return {m: v for m, v in mods.items()
            if isinstance(v, dict) and isinstance(v.get("file"), str) and isinstance(v.get("sha256"), str)}


def _source_matches(source_dir: Path, mod: str, entry: dict) -> bool:
    """Whether `mod`'s source in `source_dir` still has the digest its compiled file was built from."""
    try:
        return source_digest(Path(source_dir) / f"{mod}.py") == entry["sha256"]
    except OSError:
        return False


class CompiledFinder(importlib.abc.MetaPathFinder):
    """Finds `<package>.<module>` in `folder` for the modules of `manifest` whose source in
    `source_dir` still has the digest that was compiled; leaves every other import alone."""

    def __init__(self, manifest: dict[str, dict], folder: Path = COMPILED_DIR,
                 source_dir: Path = PACKAGE_DIR, package: str = PACKAGE):
        self.manifest, self.folder, self.source_dir, self.package = manifest, Path(folder), Path(source_dir), package
        self.stale: list[str] = []

    def find_spec(self, fullname, path=None, target=None):
        pkg, _, mod = fullname.rpartition(".")
        entry = self.manifest.get(mod) if pkg == self.package else None
        if entry is None:
            return None
        binary = self.folder / entry["file"]
        if not _source_matches(self.source_dir, mod, entry):
            if mod not in self.stale:
                self.stale.append(mod)
                warnings.warn(f"{fullname}: the source changed since it was compiled; using the source "
                              f"(python -m analysis compile to compile it again)", stacklevel=2)
            return None
        if not binary.is_file():
            return None
        loader = importlib.machinery.ExtensionFileLoader(fullname, str(binary))
        return importlib.util.spec_from_file_location(fullname, binary, loader=loader)


def install() -> CompiledFinder | None:
    """Put the finder for the compiled modules first on `sys.meta_path` (once), unless turned off
    or nothing was compiled."""
    if os.environ.get(PURE_ENV, "") not in ("", "0"):
        return None
    for f in sys.meta_path:
        if isinstance(f, CompiledFinder):
            return f
    manifest = read_manifest()
    if not manifest:
        return None
    finder = CompiledFinder(manifest)
    sys.meta_path.insert(0, finder)
    return finder


def status() -> dict[str, str]:
    """Module -> "compiled" | "source" for `MODULES` as imported now (imports them)."""
    out = {}
    for mod in MODULES:
        m = importlib.import_module(f"{PACKAGE}.{mod}")
        out[mod] = "compiled" if isinstance(getattr(m, "__loader__", None),
                                            importlib.machinery.ExtensionFileLoader) else "source"
    return out


def stale_modules(modules=MODULES, folder: Path = COMPILED_DIR) -> list[str]:
    """The `modules` without a compiled file matching their current source."""
    manifest = read_manifest(folder)
    out = []
    for mod in modules:
        entry = manifest.get(mod)
        if entry is None or not (Path(folder) / entry["file"]).is_file() or not _source_matches(PACKAGE_DIR, mod, entry):
            out.append(mod)
    return out


def compile_modules(modules=MODULES, jobs: int = 2, folder: Path = COMPILED_DIR) -> dict[str, dict]:
    """Compile `modules` with Cython into `folder`, keeping what is already there for the others,
    and write its manifest; returns the manifest. Sources are copied first, so each digest is that
    of exactly the bytes compiled; the folder is replaced only when everything compiled."""
    from Cython.Build import cythonize  # build-time only
    from setuptools import Distribution, Extension

    folder = Path(folder)
    keep = {m: v for m, v in read_manifest(folder).items() if m not in modules and (folder / v["file"]).is_file()}
    with tempfile.TemporaryDirectory(prefix="analysis-compile-") as tmp:
        staged = Path(tmp) / "out"
        staged.mkdir()
        manifest = {}
        for mod, entry in keep.items():
            shutil.copy2(folder / entry["file"], staged / entry["file"])
            manifest[mod] = entry
        if modules:
            src = Path(tmp) / "src" / PACKAGE
            src.mkdir(parents=True)
            (src / "__init__.py").write_text("")  # so Cython names the modules <package>.<module>
            digests = {}
            for mod in modules:
                data = (PACKAGE_DIR / f"{mod}.py").read_bytes()
                (src / f"{mod}.py").write_bytes(data)
                digests[mod] = hashlib.sha256(data).hexdigest()
            # generated C: its compiler warnings say nothing about this code; no debug info (faster)
            flags = [] if sys.platform == "win32" else ["-w", "-g0"]
            exts = [Extension(f"{PACKAGE}.{m}", [str(src / f"{m}.py")], extra_compile_args=flags) for m in modules]
            exts = cythonize(exts, compiler_directives=dict(DIRECTIVES), quiet=True, nthreads=jobs,
                             build_dir=str(Path(tmp) / "c"))
            dist = Distribution({"name": PACKAGE, "ext_modules": exts})
            cmd = dist.get_command_obj("build_ext")
            cmd.build_lib, cmd.build_temp, cmd.parallel = str(Path(tmp) / "lib"), str(Path(tmp) / "tmp"), jobs
            cmd.ensure_finalized()
            cmd.run()
            for mod in modules:
                built = Path(cmd.get_ext_fullpath(f"{PACKAGE}.{mod}"))
                shutil.copy2(built, staged / built.name)
                manifest[mod] = {"file": built.name, "sha256": digests[mod]}
        (staged / MANIFEST).write_text(json.dumps(
            {"python": sys.implementation.cache_tag, "modules": manifest}, indent=1, sort_keys=True))
        if folder.exists():
            shutil.rmtree(folder)
        shutil.copytree(staged, folder)
    return manifest


def main(argv: list[str] | None = None) -> int:
    import argparse

    p = argparse.ArgumentParser(prog="python -m analysis compile", description=__doc__.split("\n\n")[0])
    p.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    p.add_argument("--all", action="store_true", help="compile every module, not only those whose source changed")
    p.add_argument("--clean", action="store_true", help="remove the compiled modules (use the sources)")
    p.add_argument("--status", action="store_true", help="say which modules are compiled, then stop")
    args = p.parse_args(argv)
    if args.clean:
        shutil.rmtree(COMPILED_DIR, ignore_errors=True)
        print(f"removed {COMPILED_DIR}")
        return 0
    if args.status:
        for mod, how in status().items():
            print(f"{mod}: {how}")
        return 0
    try:
        import Cython  # noqa: F401
    except ImportError:
        print("error: Cython is not installed (pip install -r requirements.txt)", file=sys.stderr)
        return 2
    todo = list(MODULES) if args.all else stale_modules()
    if not todo:
        print(f"all {len(MODULES)} modules are compiled and match their source")
        return 0
    try:
        compile_modules(todo, jobs=args.jobs)
    except (Exception, SystemExit) as e:  # no compiler or Python headers: the sources keep working
        print(f"error: compiling failed ({type(e).__name__}: {e}); the pure-Python modules are used",
              file=sys.stderr)
        return 1
    print(f"compiled {', '.join(todo)} into {COMPILED_DIR}")
    return 0
