"""The build: invariants refuse bad output; the parallel build equals the serial one."""
import io
import pandas as pd
import pytest

from analysis import config
from analysis.pipeline import build as build_mod
from analysis.pipeline.build import build
from analysis.pipeline.invariants import BuildError

ART = ("Initech said on Monday it would spend $3 billion on data centers in 2026, its chief executive said.\n\n"
       "Globex hired Jane Roe from Initech as chief scientist.\n")


def make_seeds(folder, n):
    folder.mkdir()
    for i in range(n):
        (folder / f"a{i:03d}.txt").write_text(f"Headline number {i}\n\n" + ART + f"Item {i} closes the story.\n")
    return folder


def test_build_refuses_to_write_when_an_extractor_breaks_a_span(tmp_path, monkeypatch):
    seeds = make_seeds(tmp_path / "seeds", 2)

    def lying(doc):
        return [{"doc_id": doc.doc_id, "sent_id": 0, "start": 0, "end": 3, "quote": "xyz"}]

    monkeypatch.setattr(build_mod, "EXTRACTORS", [(t, lying if t == "amounts" else fn, cols)
                                                  for t, fn, cols in build_mod.EXTRACTORS])
    out = tmp_path / "out"
    with pytest.raises(BuildError, match=r"amounts: span a000\[0:3\] does not match quote 'xyz'"):
        build(seeds, out)
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["seeds"]  # no staging folder left


def test_parallel_build_equals_serial_build(tmp_path):
    seeds = make_seeds(tmp_path / "seeds", 60)
    serial = build(seeds, None, jobs=1)
    parallel = build(seeds, None, jobs=2)
    pd.testing.assert_frame_equal(serial.corpus.documents, parallel.corpus.documents)
    pd.testing.assert_frame_equal(serial.corpus.sentences, parallel.corpus.sentences)
    assert serial.tables.keys() == parallel.tables.keys()
    for name in serial.tables:
        pd.testing.assert_frame_equal(serial.tables[name], parallel.tables[name], check_dtype=False)
    assert len(serial.corpus.docs) == 60


def test_tables_written_as_csv_read_back_like_pandas_and_as_typed_parquet(tmp_path):
    from analysis.pipeline.build import write_table
    df = pd.DataFrame({"doc_id": ["a", "b", "c"], "quote": ['He said "no", then left', None, "x,y\nz"],
                       "value": [1.5e9, None, 3.0], "n": [1, 2, 3], "flag": [True, False, True],
                       "mixed": [1, "two", None]})
    write_table(df, tmp_path, "fast")
    df.to_csv(tmp_path / "pandas.csv", index=False)
    pd.testing.assert_frame_equal(pd.read_csv(tmp_path / "fast.csv"), pd.read_csv(tmp_path / "pandas.csv"))
    typed = pd.read_parquet(tmp_path / "fast.parquet")
    assert typed["mixed"].tolist()[:2] == ["1", "two"]  # mixed values as text
    plain = df.drop(columns="mixed")
    write_table(plain, tmp_path, "fast2")  # the Arrow path proper
    plain.to_csv(tmp_path / "pandas2.csv", index=False)
    pd.testing.assert_frame_equal(pd.read_csv(tmp_path / "fast2.csv"), pd.read_csv(tmp_path / "pandas2.csv"))
    back = pd.read_parquet(tmp_path / "fast2.parquet")
    pd.testing.assert_frame_equal(back, plain, check_dtype=False)
    assert back["n"].dtype == "int64" and back["flag"].dtype == bool


def test_every_table_is_written_as_csv_and_parquet(tmp_path):
    out = tmp_path / "out"
    build(make_seeds(tmp_path / "seeds", 2), out)
    csvs = {p.stem for p in out.glob("*.csv")}
    assert {"documents", "amounts", "claims", "theme_shares"} <= csvs
    assert {p.stem for p in out.glob("*.parquet")} == csvs
    for name in csvs:
        assert len(pd.read_parquet(out / f"{name}.parquet")) == len(pd.read_csv(out / f"{name}.csv"))


def test_rows_as_tuples_in_column_order():
    from analysis.pipeline.build import as_tuples, table_columns

    rows = [{"doc_id": "a", "start": 1, "quote": "x"}, {"doc_id": "b", "start": 2, "quote": "y"}]
    assert as_tuples(rows, ["quote", "doc_id"]) == [("x", "a"), ("y", "b")]
    assert as_tuples(rows, ["doc_id", "missing"]) == [("a", None), ("b", None)]  # a key a row lacks
    assert as_tuples(rows, ["start"]) == [(1,), (2,)]
    cols = ["doc_id", "attribution", "quote"]
    assert table_columns("amounts", cols) == ["doc_id", "quote", "attribution", "attribution_source"]
    assert table_columns("themes", cols) == cols


def test_fact_rows_carry_the_attribution_of_their_sentence(tmp_path):
    seeds = make_seeds(tmp_path / "seeds", 2)
    r = build(seeds, None, jobs=1)
    att = r.tables["attributions"].set_index(["doc_id", "sent_id"])
    for name in build_mod.ATTRIBUTED:
        df = r.tables[name]
        assert list(df.columns[-2:]) == ["attribution", "attribution_source"]
        for row in df.itertuples():
            a = att.loc[(row.doc_id, row.sent_id)]
            assert (row.attribution, row.attribution_source) == (a.attribution, a.attribution_source)
    assert len(r.tables["amounts"]) and len(r.tables["talent_moves"])


def test_tables_collected_in_parts_equal_tables_built_at_once(tmp_path, monkeypatch):
    """The build turns rows into DataFrames every COLLECT_EVERY documents while the workers run;
    the concatenated parts have the same values and dtypes as one frame built from all rows."""
    seeds = make_seeds(tmp_path / "seeds", 30)
    (seeds / "a000_copy.txt").write_text((seeds / "a000.txt").read_text())  # a duplicate, left out
    (seeds / "broken.txt").write_bytes(b"")  # rejected
    whole = build(seeds, None, jobs=1)
    monkeypatch.setattr(build_mod, "COLLECT_EVERY", 4)
    parts = build(seeds, None, jobs=1)
    for name in ("documents", "sentences", "boilerplate", "metadata"):
        pd.testing.assert_frame_equal(getattr(whole.corpus, name), getattr(parts.corpus, name))
    for name in whole.tables:
        pd.testing.assert_frame_equal(whole.tables[name], parts.tables[name])
    assert (whole.corpus.documents["status"] == "duplicate").sum() == 1


def test_parts_typed_as_pandas_types_all_their_values():
    """Rows become Arrow tables in parts; the concatenated parts read back into pandas exactly as
    one frame built from all rows (a column empty in one part is typed by the others)."""
    from analysis.pipeline.rows import concat_parts, rows_table

    cols = ["doc_id", "value", "label", "flag", "n"]
    a = [("a", None, None, True, 1)]
    b = [("b", 2, "capex", None, 2), ("c", None, None, False, 3)]
    c = [("d", 2.5, "opex", True, 4)]
    whole = pd.DataFrame.from_records(a + b + c, columns=cols)
    got = concat_parts([rows_table(a, cols), rows_table(b, cols), rows_table(c, cols)], cols).to_pandas()
    pd.testing.assert_frame_equal(got, whole)
    assert concat_parts([], cols).column_names == cols


def test_a_build_failing_late_leaves_the_previous_output_untouched(tmp_path, monkeypatch):
    """Files are staged beside `out` while the cross-document tables are computed; a failure there
    removes the staging folder and leaves the previous build as it was."""
    seeds = make_seeds(tmp_path / "seeds", 3)
    out = tmp_path / "out"
    build(seeds, out, jobs=1)
    (out / "notes.txt").write_text("mine")  # not the build's: kept by every build
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (seeds / "a000.txt").write_text("Globex spent $9 billion on chips in 2026.\n")

    def boom(*a, **k):
        raise RuntimeError("claims failed")

    monkeypatch.setattr(build_mod, "claims_table", boom)
    monkeypatch.setattr(build_mod, "update_claims", boom)
    with pytest.raises(RuntimeError, match="claims failed"):
        build(seeds, out, jobs=1)
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "seeds"]  # no staging folder left
    monkeypatch.undo()
    build(seeds, out, jobs=1)
    assert (out / "text" / "a000.txt").read_text().startswith("Globex spent")
    assert (out / "notes.txt").read_text() == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "seeds"]


def test_text_files_only_for_accepted_documents(tmp_path):
    seeds = make_seeds(tmp_path / "seeds", 2)
    (seeds / "a000_copy.txt").write_text((seeds / "a000.txt").read_text())  # duplicate of a000
    (seeds / "empty.txt").write_bytes(b"")  # rejected
    r = build(seeds, tmp_path / "out", jobs=1)
    assert sorted(p.name for p in (tmp_path / "out" / "text").iterdir()) == ["a000.txt", "a001.txt"]
    assert set(r.corpus.documents["status"]) == {"ok", "duplicate", "rejected"}


class _Terminal(io.StringIO):
    def __init__(self, tty):
        super().__init__()
        self.tty = tty

    def isatty(self):
        return self.tty


def test_progress_bar_on_a_terminal_only():
    for tty in (True, False):
        stream = _Terminal(tty)
        bar = build_mod.progress_bar(40, stream)
        for _ in range(40):
            bar.update()
        bar.refresh()  # (it redraws at most every half second by itself)
        bar.close()
        shown = stream.getvalue()
        assert ("40/40" in shown and "file/s" in shown) if tty else shown == ""


def test_each_phase_has_its_wall_and_this_process_cpu_seconds(tmp_path):
    r = build(config.SEEDS_DIR, tmp_path / "out", jobs=1, cache=False)
    assert list(r.cpu_timings) == list(r.timings) and "cross-document (theme shares, claims)" in r.timings
    assert all(v >= 0 for v in r.cpu_timings.values())
    # one thread of this process extracts (no pool for 5 files): its CPU time is within the wall time
    phase = "extract (new or changed files)"
    assert 0 < r.cpu_timings[phase] <= r.timings[phase] * 1.1 + 0.05


def test_parquet_bytes_do_not_depend_on_how_the_rows_were_gathered(tmp_path):
    """A table put together from many parts (Dask's partitions, the collector's batches) is written
    to the same Parquet bytes as the table built at once (the pages of a long text column would
    otherwise break where the parts did)."""
    rows = [("doc%04d" % i, i, f"sentence {i} " + "words of some length " * (i % 40)) for i in range(6000)]
    cols = ["doc_id", "sent_id", "text"]
    whole = pd.DataFrame.from_records(rows, columns=cols)
    import pyarrow as pa

    parts = build_mod.concat_parts([pa.Table.from_pandas(pd.DataFrame.from_records(rows[i:i + 64], columns=cols),
                                                         preserve_index=False)
                                    for i in range(0, len(rows), 64)], cols).to_pandas()
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    build_mod.write_table(whole, tmp_path / "a", "t")
    build_mod.write_table(parts, tmp_path / "b", "t")
    assert (tmp_path / "a" / "t.parquet").read_bytes() == (tmp_path / "b" / "t.parquet").read_bytes()
    assert (tmp_path / "a" / "t.csv").read_bytes() == (tmp_path / "b" / "t.csv").read_bytes()
