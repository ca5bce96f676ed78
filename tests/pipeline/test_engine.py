"""The engines: the same tables from the local process pool and from Dask distributed."""
import pandas as pd
import pytest

from analysis import config
from analysis.pipeline import engine as engine_mod
from analysis.pipeline.build import build
from analysis.pipeline.engine import Engine

DEV_B = config.REPO_ROOT.parent / "shared" / "corpora" / "dev" / "B" / "docs"


def _square(x):
    return x * x


def test_dask_returns_every_result_in_order_through_a_bounded_window(monkeypatch):
    monkeypatch.setattr(engine_mod, "PARTITION", 7)
    with Engine("dask", jobs=2, n_items=100) as runner:
        assert runner.client is not None and runner.pool is None and runner.jobs == 2
        assert list(runner.map(_square, list(range(100)))) == [x * x for x in range(100)]


def test_local_engine_uses_a_pool_only_for_fifty_files_or_more():
    with Engine("local", jobs=2, n_items=10) as small, Engine("local", jobs=2, n_items=50) as big:
        assert small.pool is None and big.pool is not None
        assert list(big.map(_square, [1, 2, 3])) == [1, 4, 9]


def test_an_unknown_engine_is_refused():
    with pytest.raises(ValueError, match="unknown engine 'spark'"):
        Engine("spark")


@pytest.mark.parametrize("folder", [config.SEEDS_DIR, DEV_B], ids=["seeds", "dev-B"])
def test_dask_with_two_workers_gives_the_tables_of_the_local_engine(tmp_path, folder):
    if not folder.exists():
        pytest.skip(f"{folder} is not beside the project")
    local = build(folder, tmp_path / "local", jobs=2, cache=False)
    dask = build(folder, tmp_path / "dask", jobs=2, cache=False, engine="dask")
    pd.testing.assert_frame_equal(local.corpus.documents, dask.corpus.documents)
    pd.testing.assert_frame_equal(local.corpus.sentences, dask.corpus.sentences)
    assert local.tables.keys() == dask.tables.keys()
    for name in local.tables:
        pd.testing.assert_frame_equal(local.tables[name], dask.tables[name])
    for name in local.tables:
        assert (tmp_path / "local" / f"{name}.csv").read_bytes() == (tmp_path / "dask" / f"{name}.csv").read_bytes()
    texts = sorted(p.name for p in (tmp_path / "dask" / "text").iterdir())
    assert texts == sorted(p.name for p in (tmp_path / "local" / "text").iterdir()) and texts
    assert dask.corpus.docs == []  # on Dask the texts stay on disk, not in this process
