"""Still images of the charts (`python -m analysis run --images png,svg`): every figure a page saved
as `<name>.plotly.json` (`notebook.save_figure`) is also written as `<name>.png` / `.svg` beside its
CSV, for people who paste charts into a story.

kaleido draws them with the chromium on PATH (BROWSER_PATH overrides it); one kaleido server serves
all the figures of a page, so each image costs well under a second rather than a browser start.
"""
from __future__ import annotations

import warnings
from pathlib import Path

import plotly.io as pio

FORMATS = ("png", "svg", "pdf")


def figure_files(figures_dir: Path, prefix: str) -> list[Path]:
    """The saved figures of one page: `<prefix>-*.plotly.json` ('01' for 01-spending, 'index')."""
    return sorted(Path(figures_dir).glob(f"{prefix}-*.plotly.json"))


def save_images(figures_dir: Path, page: str, formats: tuple[str, ...]) -> list[Path]:
    """Write each figure of `page` (a notebook's name: its prefix before the first '-') in each
    format; returns the files written."""
    import kaleido

    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown image format(s) {unknown}: use {', '.join(FORMATS)}")
    sources = figure_files(figures_dir, page.split("-")[0])
    if not sources:
        return []
    figures, paths = [], []
    for src in sources:
        fig = pio.read_json(src)
        stem = src.name[: -len(".plotly.json")]
        for fmt in formats:
            figures.append(fig)
            paths.append(src.with_name(f"{stem}.{fmt}"))
    kaleido.start_sync_server(silence_warnings=True)
    try:
        with warnings.catch_warnings():
            # plotly passes its default kaleido options, which a running server does not take
            warnings.filterwarnings("ignore", message="The kopts argument is ignored")
            for fig, path in zip(figures, paths):
                pio.write_image(fig, path, format=path.suffix[1:])
    finally:
        kaleido.stop_sync_server(silence_warnings=True)
    return paths
