"""Execute the numbered notebooks with papermill and export them to offline HTML.

Parameters are validated before any notebook runs (papermill itself only warns about an unknown
name and injects strings unchecked): a name no notebook declares, or a value that does not parse as
the declared type, is a `ParameterError` naming the notebook(s) and the expected type.
"""
from __future__ import annotations

import ast
import json
import resource
import sys
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from pathlib import Path

import nbformat
import papermill as pm

from analysis import config
from analysis.report.export import export_html, notebook_title, write_lab_css, write_plotlyjs
from analysis.report.pages import FRONT_PAGE, discover, front_page, pages  # noqa: F401 (the runner's API)
from analysis.report.params import as_bool, as_list

PARALLEL_NOTEBOOKS = 2  # kernels at once: this machine has two cores
_TYPES = {"str": str, "int": int, "float": float, "bool": bool, "list": list, "dict": dict}


class ParameterError(ValueError):
    pass


class NotebookFailed(RuntimeError):
    pass


def declared_parameters(path: Path) -> dict[str, tuple[str, object]]:
    """{name: (type name, default value)} of the notebook's `parameters` cell."""
    out = {}
    for name, info in pm.inspect_notebook(str(path)).items():
        try:
            default = ast.literal_eval(info["default"])
        except (ValueError, SyntaxError):
            default = info["default"]
        tname = info["inferred_type_name"]
        if tname not in _TYPES:
            tname = type(default).__name__ if type(default).__name__ in _TYPES else "str"
        out[name] = (tname, default)
    return out


def parse_value(name: str, raw: str, tname: str):
    """`raw` (a command-line string) as the declared type `tname`; a ParameterError otherwise."""
    try:
        if tname == "str":
            return raw
        if tname == "bool":
            return as_bool(raw)
        if tname == "int":
            return int(raw)
        if tname == "float":
            return float(raw)
        if tname == "list":
            return as_list(raw)
        if tname == "dict":
            v = json.loads(raw)
            if isinstance(v, dict):
                return v
    except ValueError:  # json.JSONDecodeError is a ValueError
        pass
    raise ParameterError(f"parameter {name!r}: {raw!r} is not a valid {tname}")


def validate(pairs: list[tuple[str, str]], notebooks: list[Path]) -> dict[Path, dict]:
    """Map each notebook to the typed parameters it declares among `pairs`."""
    declared = {nb: declared_parameters(nb) for nb in notebooks}
    known: dict[str, set[str]] = {}
    for nb, params in declared.items():
        for name, (tname, _) in params.items():
            known.setdefault(name, set()).add(tname)
    per_nb: dict[Path, dict] = {nb: {} for nb in notebooks}
    errors = []
    for name, raw in pairs:
        if name not in known:
            errors.append(f"unknown parameter {name!r}; the notebooks declare: {', '.join(sorted(known))}")
            continue
        for nb, params in declared.items():
            if name in params:
                try:
                    per_nb[nb][name] = parse_value(name, raw, params[name][0])
                except ParameterError as e:
                    errors.append(f"{nb.name}: {e}")
    if errors:
        raise ParameterError("\n".join(dict.fromkeys(errors)))
    return per_nb


def _failure(nb_out: Path, err: Exception) -> str:
    """The failure in words: the notebook, the failing cell (counted without papermill's added
    cells) and its first line, the error, and where the partial output notebook is."""
    cell = getattr(err, "exec_count", None)
    ename, evalue = getattr(err, "ename", type(err).__name__), getattr(err, "evalue", str(err))
    kept = f"  partial output notebook kept at {nb_out}"
    if nb_out.exists():
        nb = nbformat.read(nb_out, as_version=4)
        added = {"injected-parameters", "papermill-error-cell-tag"}
        original = [c for c in nb.cells if not added & set(c.metadata.get("tags", []))]
        for i, c in enumerate(original):
            if any(o.get("output_type") == "error" for o in c.get("outputs", [])):
                src = c.source.strip().splitlines()
                return (f"{nb_out.name}: cell {i} (execution count {c.get('execution_count')}) failed: "
                        f"{ename}: {evalue}\n  first line of the cell: {src[0] if src else ''}\n{kept}")
    return f"{nb_out.name}: cell {cell} failed: {ename}: {evalue}\n{kept}"


# The kernel's own log is not for the reader of `python -m analysis run`: its start-up warning that
# TCP is unencrypted (it runs on loopback only), and the "KeyboardInterrupt caught in kernel" error
# it logs when jupyter_client's shutdown interrupts it (every shutdown sends SIGINT first) while it
# is still handling a message. A failing cell or a dead kernel reaches the run through papermill.
KERNEL_ARGS = ["--IPKernelApp.log_level=CRITICAL"]


def execute(nb: Path, out_nb: Path, params: dict, cwd: Path | None = None, progress: bool = True) -> None:
    """Execute `nb` with papermill into `out_nb`, written once when it has run (or, on a failing
    cell, with the error): not rewritten and revalidated after every cell, which costs a page of
    a 1,000-article run about a fifth of its CPU time."""
    out_nb.parent.mkdir(parents=True, exist_ok=True)
    try:
        pm.execute_notebook(str(nb), str(out_nb), parameters=params, kernel_name="python3",
                            progress_bar=progress, cwd=str(cwd or nb.parent), extra_arguments=KERNEL_ARGS,
                            request_save_on_cell_execute=False)
    except pm.PapermillExecutionError as e:
        raise NotebookFailed(_failure(out_nb, e)) from e


def _run_params(nb: Path, processed: Path, figures: Path, seeds: Path | None, given: dict) -> dict:
    declared = declared_parameters(nb)
    params = {}
    if "processed_dir" in declared:
        params["processed_dir"] = str(Path(processed).resolve())
    if "figures_dir" in declared:
        params["figures_dir"] = str(figures)
    if "seeds_dir" in declared and seeds is not None:
        params["seeds_dir"] = str(Path(seeds).resolve())
    params.update(given)
    return params


def _html_name(nb: Path) -> str:
    return "index.html" if nb.name == FRONT_PAGE else nb.stem + ".html"


def waits_for_front_page(nb: Path) -> bool:
    """True for a page whose code shows an evidence table (`notebook.evidence`): that table keeps
    the rows the front page cites, which the front page writes when it runs, so the page starts
    only once the front page has finished. Every other page starts at once."""
    if nb.name == FRONT_PAGE:
        return False
    cells = nbformat.read(nb, as_version=4).cells
    return any("nb.evidence(" in c.source for c in cells if c.cell_type == "code")


def _cpu_seconds() -> float:
    """User + system CPU of this process and of its finished children (the notebook's kernel)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def execute_and_export(nb: Path, out: Path, params: dict, prev, nxt, images: tuple[str, ...] = ()) -> dict:
    """Execute one notebook into OUT/notebooks/ and export it to OUT/html/; returns the seconds
    each step took (`execute`, `export`, `images`) and the CPU seconds of the whole (`cpu`: this
    process and the notebook's kernel). A top-level function so that a process pool can run it."""
    cpu0, t0 = _cpu_seconds(), time.perf_counter()
    target = out / "notebooks" / nb.name
    execute(nb, target, params, progress=False)
    t1 = time.perf_counter()
    export_html(target, out / "html" / _html_name(nb), prev, nxt)
    t2 = time.perf_counter()
    if images:
        from analysis.report.images import save_images

        save_images(Path(params.get("figures_dir") or out / "figures"), nb.stem, images)
    t3 = time.perf_counter()
    return {"execute": t1 - t0, "export": t2 - t1, "images": t3 - t2, "cpu": _cpu_seconds() - cpu0}


def _timing(nb: Path, took: dict) -> str:
    images = f", images {took['images']:.1f}s" if took.get("images", 0) >= 0.05 else ""
    return (f"{nb.name} executed in {took['execute']:.1f}s, exported in {took['export']:.1f}s{images} "
            f"(CPU {took['cpu']:.1f}s)")


def run_all(processed: Path, out: Path, pairs: list[tuple[str, str]], notebooks_dir: Path = config.NOTEBOOKS_DIR,
            seeds: Path | None = None, progress: bool = True, log=print, jobs: int = PARALLEL_NOTEBOOKS,
            images: tuple[str, ...] = ()) -> list[Path]:
    """Execute every page `jobs` at a time (each in its own process and kernel), exporting each to
    offline HTML as soon as it has run; a failure stops the run. The front page starts first; a
    page that shows the evidence rows it cites waits for it (`waits_for_front_page`), the others
    run beside it. Logs each page's execute and export seconds and its CPU time.
    `images`: also save every chart as these image formats beside its CSV (`report.images`)."""
    numbered = discover(notebooks_dir)
    if not numbered:
        raise NotebookFailed(f"no numbered notebooks (NN-name.ipynb) in {notebooks_dir}")
    notebooks = pages(notebooks_dir)
    per_nb = validate(pairs, notebooks)
    out = Path(out).resolve()
    (out / "notebooks").mkdir(parents=True, exist_ok=True)
    figures = out / "figures"
    write_plotlyjs(out / "html")
    write_lab_css(out / "html")
    titles = [notebook_title(nbformat.read(nb, as_version=4)) or nb.stem for nb in notebooks]
    links = [(_html_name(nb), t) for nb, t in zip(notebooks, titles)]
    tasks = []
    for i, nb in enumerate(notebooks):
        params = _run_params(nb, processed, figures, seeds, per_nb[nb])
        tasks.append((nb, out, params, links[i - 1] if i else None, links[i + 1] if i + 1 < len(links) else None,
                      tuple(images)))
    front = front_page(notebooks_dir)
    waiting = {task[0] for task in tasks if front and waits_for_front_page(task[0])}
    # the front page, then the pages that need not wait for it, then those that do
    pending = sorted(tasks, key=lambda task: (task[0] != front, task[0] in waiting))
    log(f"executing {len(tasks)} notebooks, {jobs} at a time"
        + (f" ({', '.join(sorted(nb.name for nb in waiting))} after {front.name})" if waiting else ""))
    t0, cpu = time.perf_counter(), 0.0
    front_done = front is None
    with ProcessPoolExecutor(max_workers=max(1, jobs)) as pool:
        # at most `jobs` in flight: after a failure no further notebook starts (those running finish)
        running: dict = {}
        while pending or running:
            while len(running) < max(1, jobs):
                ready = [task for task in pending if front_done or task[0] not in waiting]
                if not ready:
                    break
                pending.remove(ready[0])
                running[pool.submit(execute_and_export, *ready[0])] = ready[0][0]
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for f in finished:
                nb = running.pop(f)
                try:
                    took = f.result()
                except NotebookFailed:
                    pending.clear()
                    wait(running)
                    raise
                cpu += took["cpu"]
                front_done = front_done or nb == front
                log(_timing(nb, took))
    log(f"{len(tasks)} notebooks in {time.perf_counter() - t0:.1f}s (CPU {cpu:.1f}s); "
        f"front page: {out / 'html' / 'index.html'}")
    return [out / "notebooks" / nb.name for nb in notebooks]


def refresh_committed(notebooks_dir: Path = config.NOTEBOOKS_DIR, processed: Path = config.PROCESSED_DIR,
                      log=print) -> None:
    """Re-execute the committed notebooks in place on the seed corpus (default parameters), so their
    saved outputs are what nbval compares a fresh run against."""
    for nb in pages(notebooks_dir):
        log(f"refreshing {nb.name}")
        execute(nb, nb, {}, progress=sys.stderr.isatty())
        _strip_volatile_metadata(nb)


def _strip_volatile_metadata(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    nb.metadata.pop("papermill", None)
    for c in nb.cells:
        c.metadata.pop("papermill", None)
        c.metadata.pop("execution", None)
    # papermill tags the injected cell; in place with no parameters there is none, keep it so
    nbformat.write(nb, path)
