"""The per-document cache: a rebuild extracts only new or changed files, gives the same tables, and
never trusts a cache it cannot read or that another extraction version wrote."""
import json
import logging
import shutil

import pandas as pd
import pyarrow.parquet as pq
import pytest

from analysis.pipeline import cache as cache_mod
from analysis.pipeline.build import CACHE_DIR, build
from analysis.pipeline.engine import Engine

ART = ("Initech said on Monday it would spend $3 billion on data centers in 2026.\n\n"
       "Globex hired Jane Roe from Initech as chief scientist, the company said.\n")


def seeds(folder, n=4):
    folder.mkdir(exist_ok=True)
    for i in range(n):
        (folder / f"a{i}.txt").write_text(f"Story {i}\n\n{ART}Story {i} ends here.\n", encoding="utf-8")
    return folder


def stored_table(out, name):
    meta = json.loads((out / CACHE_DIR / "meta.json").read_text())
    return pq.read_table(out / CACHE_DIR / meta["tables"][name])


def same_tables(a, b):
    pd.testing.assert_frame_equal(a.corpus.documents, b.corpus.documents)
    pd.testing.assert_frame_equal(a.corpus.sentences, b.corpus.sentences)
    for name in a.tables:
        pd.testing.assert_frame_equal(a.tables[name], b.tables[name], check_dtype=False)


def test_a_rebuild_reuses_every_unchanged_file_and_gives_the_same_tables(tmp_path):
    folder, out = seeds(tmp_path / "s"), tmp_path / "out"
    first = build(folder, out)
    assert first.reused == 0 and (out / CACHE_DIR / "meta.json").exists()
    texts = {p.name: p.read_text() for p in (out / "text").iterdir()}
    again = build(folder, out)
    assert again.reused == 4
    same_tables(first, again)
    assert {p.name: p.read_text() for p in (out / "text").iterdir()} == texts
    same_tables(first, build(folder, tmp_path / "nocache", cache=False))
    assert not (tmp_path / "nocache" / CACHE_DIR).exists()


def test_only_new_or_changed_files_are_extracted_and_removed_ones_dropped(tmp_path, monkeypatch):
    from analysis.pipeline import build as build_mod
    folder, out = seeds(tmp_path / "s"), tmp_path / "out"
    build(folder, out)
    (folder / "a1.txt").write_text("Story 1, rewritten\n\nHooli will spend $9 billion on chips.\n", encoding="utf-8")
    (folder / "a3.txt").unlink()
    (folder / "new.txt").write_text("A new one\n\nHooli hired John Doe from Globex.\n", encoding="utf-8")
    engines = []  # how many files the engine is given (it starts a worker pool only for many)

    def recording(name, jobs, scheduler, n_files):
        engines.append(n_files)
        return Engine(name, jobs, scheduler, n_files)

    monkeypatch.setattr(build_mod, "Engine", recording)
    r = build(folder, out)
    assert r.reused == 2 and engines == [2]  # a0, a2 reused; a1 and new.txt extracted
    amounts = r.tables["amounts"]
    assert 9e9 in set(amounts["value_usd"]) and "a3" not in set(r.corpus.documents["doc_id"])
    assert len(stored_table(out, "documents")) == 4  # a3 dropped, a1 replaced
    same_tables(r, build(folder, tmp_path / "fresh", cache=False))


def test_a_new_extraction_version_extracts_everything_again(tmp_path, monkeypatch, caplog):
    folder, out = seeds(tmp_path / "s"), tmp_path / "out"
    build(folder, out)
    monkeypatch.setattr(cache_mod, "extraction_version", lambda: "another")
    with caplog.at_level(logging.INFO, logger="analysis"):
        assert build(folder, out).reused == 0
    assert "lexicon changed" in caplog.text
    assert build(folder, out).reused == 4


def test_the_extraction_version_follows_the_lexicons(tmp_path, monkeypatch):
    before = cache_mod.extraction_version()
    data = tmp_path / "data"
    (data / "lexicons").mkdir(parents=True)
    (data / "registry").mkdir()
    monkeypatch.setattr(cache_mod.config, "DATA_DIR", data)
    (data / "lexicons" / "talent.yaml").write_text("join_obj: [hired]\n")
    one = cache_mod.extraction_version()
    (data / "lexicons" / "talent.yaml").write_text("join_obj: [hired, tapped]\n")
    assert len({before, one, cache_mod.extraction_version()}) == 3


@pytest.mark.parametrize("damage", ["no meta", "meta not json", "file missing", "not parquet", "bit flip",
                                    "no key column"])
def test_a_cache_that_cannot_be_read_is_reported_and_rebuilt(tmp_path, caplog, damage):
    folder, out = seeds(tmp_path / "s"), tmp_path / "out"
    first = build(folder, out)
    cache = out / CACHE_DIR
    meta = json.loads((cache / "meta.json").read_text())
    sentences, documents = cache / meta["tables"]["sentences"], cache / meta["tables"]["documents"]
    if damage == "no meta":
        (cache / "meta.json").write_text("{}")
    elif damage == "meta not json":
        (cache / "meta.json").write_text("not json")
    elif damage == "file missing":
        sentences.unlink()
    elif damage == "not parquet":
        sentences.write_bytes(b"this is not a Parquet file" * 100)
    elif damage == "bit flip":  # a damaged page inside an otherwise valid file: its checksum fails
        data = bytearray(sentences.read_bytes())
        data[len(data) // 3] ^= 0xFF
        sentences.write_bytes(bytes(data))
    else:
        pq.write_table(pq.read_table(documents).drop_columns(["_key"]), documents)
    with caplog.at_level(logging.WARNING, logger="analysis"):
        r = build(folder, out)
    assert "cache" in caplog.text and "cannot be read" in caplog.text
    assert r.reused == 0
    same_tables(first, r)
    assert build(folder, out).reused == 4  # rebuilt


def test_a_failed_build_leaves_the_cache_as_it_was(tmp_path, monkeypatch):
    from analysis.pipeline import build as build_mod
    folder, out = seeds(tmp_path / "s"), tmp_path / "out"
    build(folder, out)
    before = {p.name: p.read_bytes() for p in (out / CACHE_DIR).iterdir()}
    (folder / "a0.txt").write_text("Changed\n\nHooli will spend $2 billion.\n", encoding="utf-8")
    monkeypatch.setattr(build_mod, "claims_table", lambda *a, **k: 1 / 0)
    monkeypatch.setattr(build_mod, "update_claims", lambda *a, **k: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        build(folder, out)
    assert {p.name: p.read_bytes() for p in (out / CACHE_DIR).iterdir()} == before


def test_an_output_folder_written_without_the_cache_is_not_trusted_for_its_texts(tmp_path, caplog):
    """A build without the cache rewrites the output (texts included) but not the cache: the next
    build must not keep texts that the cache does not describe."""
    folder, out = seeds(tmp_path / "s", 2), tmp_path / "out"
    build(folder, out)
    original = (folder / "a0.txt").read_text()
    (folder / "a0.txt").write_text("Changed\n\nHooli will spend $2 billion.\n", encoding="utf-8")
    build(folder, out, cache=False)
    (folder / "a0.txt").write_text(original, encoding="utf-8")  # back to what the cache holds
    with caplog.at_level(logging.INFO, logger="analysis"):
        r = build(folder, out)
    assert "written by another build" in caplog.text and r.reused == 0
    assert (out / "text" / "a0.txt").read_text().startswith("Story 0")


def test_a_file_whose_doc_id_changes_is_extracted_again(tmp_path):
    """Doc ids come from paths, and a clash is resolved in corpus order: adding a.md beside a.txt
    gives a.md the id "a" and a.txt "a_txt". a.txt's stored entry carries the old id, so it must not
    be reused (the key includes the doc_id)."""
    folder, out = seeds(tmp_path / "s", 2), tmp_path / "out"
    build(folder, out)
    (folder / "a0.md").write_text("Another\n\nHooli will spend $5 billion on chips.\n", encoding="utf-8")
    r = build(folder, out)
    assert sorted(r.corpus.documents["doc_id"]) == ["a0", "a0_txt", "a1"] and r.reused == 1
    same_tables(r, build(folder, tmp_path / "fresh", cache=False))


def output_files(out):
    """Every file a build wrote (tables, texts), by path; not build_info.json or the cache."""
    return {str(p.relative_to(out)): p.read_bytes() for p in out.rglob("*")
            if p.is_file() and CACHE_DIR.name not in p.parts and p.name != "build_info.json"}


def test_after_add_change_remove_and_duplicate_the_output_equals_a_build_without_the_cache(tmp_path):
    """Each step rebuilds from the cache (unchanged documents' rows and the claims of untouched
    buckets kept, texts of unchanged documents left in place) and must write exactly the files of
    a fresh build without the cache: every CSV, Parquet and text file."""
    from analysis.tools.bench import generate_corpus
    from analysis.tools.bench_scale import ADDED

    folder, out = tmp_path / "s", tmp_path / "out"
    generate_corpus(folder, 10, mean_chars=1500)  # seed sentences recombined: claims across documents
    files = sorted(folder.iterdir())
    (folder / "empty.txt").write_bytes(b"")  # rejected, from the cache like the others
    build(folder, out, jobs=1)

    def step(name):
        r = build(folder, out, jobs=1)
        fresh = build(folder, tmp_path / name, jobs=1, cache=False)
        same_tables(r, fresh)
        assert output_files(out) == output_files(tmp_path / name), name
        return r

    (folder / "zz_added.txt").write_text(ADDED, encoding="utf-8")
    assert step("add").reused == 11
    files[3].write_text(files[7].read_text() + "\nHooli also bought Initech for $2 billion.\n")
    assert step("change").reused == 11
    files[5].unlink()
    assert step("remove").reused == 11
    (folder / "aa_copy.txt").write_bytes(files[0].read_bytes())  # earlier in corpus order: files[0] a duplicate
    r = step("duplicate")
    assert r.corpus.documents.set_index("doc_id").loc[files[0].stem, "status"] == "duplicate"
    (folder / "aa_copy.txt").unlink()  # files[0] analysed again: its text is back
    r = step("duplicate gone")
    assert (out / "text" / f"{files[0].stem}.txt").exists() and r.reused == 11
    assert set(r.corpus.documents["status"]) == {"ok", "rejected"}


def test_texts_deleted_from_the_output_are_written_again(tmp_path):
    folder, out = seeds(tmp_path / "s", 3), tmp_path / "out"
    build(folder, out)
    texts = {p.name: p.read_text() for p in (out / "text").iterdir()}
    (out / "text" / "a1.txt").unlink()  # one text gone: extracted again to write it
    assert build(folder, out).reused == 3
    assert {p.name: p.read_text() for p in (out / "text").iterdir()} == texts
    shutil.rmtree(out / "text")  # the whole folder gone: a full build
    assert build(folder, out).reused == 0
    assert {p.name: p.read_text() for p in (out / "text").iterdir()} == texts
