"""Still images of the charts (`run --images png,svg`): kaleido with Debian's chromium."""
import subprocess
import sys

import plotly.graph_objects as go
import pytest

from analysis import config
from analysis.report.images import figure_files, save_images


def test_every_figure_of_a_page_is_saved_as_png_and_svg(tmp_path):
    for name in ("07-a", "07-b", "08-other"):
        go.Figure(go.Bar(x=["p", "q"], y=[1, 2], name=name)).write_json(tmp_path / f"{name}.plotly.json")
    assert [p.name for p in figure_files(tmp_path, "07")] == ["07-a.plotly.json", "07-b.plotly.json"]
    written = save_images(tmp_path, "07-test", ("png", "svg"))
    assert sorted(p.name for p in written) == ["07-a.png", "07-a.svg", "07-b.png", "07-b.svg"]
    assert (tmp_path / "07-a.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "<svg" in (tmp_path / "07-b.svg").read_text()[:500]
    assert not (tmp_path / "08-other.png").exists()


def test_a_page_without_figures_writes_nothing(tmp_path):
    assert save_images(tmp_path, "09-none", ("png",)) == []


def test_unknown_format_is_refused(tmp_path):
    with pytest.raises(ValueError, match="unknown image format"):
        save_images(tmp_path, "07-x", ("gif",))
    r = subprocess.run([sys.executable, "-m", "analysis", "run", "--images", "png,gif", "--out", str(tmp_path)],
                       capture_output=True, text=True, cwd=config.REPO_ROOT, timeout=60)
    assert r.returncode == 2 and "unknown image format(s) gif" in r.stderr
