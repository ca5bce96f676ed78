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
    for name in [*local.tables, "documents", "sentences", "boilerplate", "metadata"]:
        for ext in ("csv", "parquet"):
            assert (tmp_path / "local" / f"{name}.{ext}").read_bytes() == (tmp_path / "dask" / f"{name}.{ext}").read_bytes()
    texts = sorted(p.name for p in (tmp_path / "dask" / "text").iterdir())
    assert texts == sorted(p.name for p in (tmp_path / "local" / "text").iterdir()) and texts
    assert dask.corpus.docs == []  # on Dask the texts stay on disk, not in this process


def test_dask_parts_drop_duplicates_across_partitions_and_keep_the_local_tables(tmp_path, monkeypatch):
    """Partitions of 3 files, so that a duplicate (the same text as a file of an earlier partition)
    and a rejected file land in other partitions than the files they follow: the workers' Parquet
    parts still give the local engine's tables, with the duplicate's rows dropped, and the parts
    folder is gone from the output."""
    import shutil

    monkeypatch.setattr(engine_mod, "PARTITION", 3)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seeds = sorted(p for p in config.SEEDS_DIR.iterdir() if p.suffix in (".txt", ".md"))
    for p in seeds:
        shutil.copy(p, corpus / p.name)
    (corpus / "zz_copy.txt").write_bytes(seeds[0].read_bytes())  # the last file: a duplicate of the first
    (corpus / "b_empty.txt").write_bytes(b"")  # rejected
    local = build(corpus, tmp_path / "local", jobs=1, cache=False)
    dask = build(corpus, tmp_path / "dask", jobs=2, cache=False, engine="dask")
    status = dict(zip(dask.corpus.documents["path"], dask.corpus.documents["status"]))
    assert status["zz_copy.txt"] == "duplicate" and status["b_empty.txt"] == "rejected"
    assert len(dask.corpus.documents) == len(seeds) + 2 > 3 * 2  # at least three partitions
    pd.testing.assert_frame_equal(local.corpus.documents, dask.corpus.documents)
    for name in ("sentences", "boilerplate", "metadata"):
        pd.testing.assert_frame_equal(getattr(local.corpus, name), getattr(dask.corpus, name))
    for name in local.tables:
        pd.testing.assert_frame_equal(local.tables[name], dask.tables[name])
    copy_id = dask.corpus.documents.set_index("path").loc["zz_copy.txt", "doc_id"]
    assert not (dask.tables["mentions"]["doc_id"] == copy_id).any() and len(dask.tables["mentions"])
    assert sorted(p.name for p in (tmp_path / "dask").iterdir()) == sorted(p.name for p in (tmp_path / "local").iterdir())
    for f in (tmp_path / "local").glob("*.*"):
        if f.name != "build_info.json":  # (it holds the time of the build)
            assert f.read_bytes() == (tmp_path / "dask" / f.name).read_bytes(), f.name
    assert not list(tmp_path.glob("*building*")) and not (tmp_path / "dask" / "parts").exists()
