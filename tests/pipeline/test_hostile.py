"""Hostile input: a folder of odd files builds, every file accounted for, nothing outside read."""
import logging
import os
import time
from pathlib import Path

import pandas as pd
import pytest

from analysis.corpus.limits import Limits, TimeBudgetExceeded, library_logs, refusal, time_budget
from analysis.corpus.load import list_files, load_corpus
from analysis.pipeline import build as build_mod
from analysis.pipeline.build import build
from analysis.tools.hostile import ARTICLE, make_hostile_folder

SECRET = "S3CRET-MARKER-never-in-a-table"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    outside = root / "outside.txt"
    outside.write_text(f"{SECRET}\n\n" + ARTICLE.replace("Acme", "Outsider"), encoding="utf-8")
    folder = root / "corpus"
    what = make_hostile_folder(folder, outside=outside)
    os.symlink("/etc/passwd", folder / "etc_passwd.txt")
    what["etc_passwd.txt"] = "a link to /etc/passwd"
    os.mkfifo(folder / "pipe.txt")  # reading it would block the build forever
    what["pipe.txt"] = "a named pipe"
    t0 = time.perf_counter()
    result = build(folder, root / "out", jobs=1)
    return folder, root / "out", what, result, time.perf_counter() - t0


def rows_by_path(result):
    return {r.path: r for r in result.corpus.documents.itertuples()}


def test_every_file_is_accounted_for_with_status_and_reason(hostile):
    folder, _out, what, result, _seconds = hostile
    rows = rows_by_path(result)
    assert set(rows) == set(what)  # every entry, links and pipes included, has exactly one row
    for path, row in rows.items():
        assert row.status in ("ok", "rejected", "duplicate"), path
        if row.status != "ok":
            assert row.reason, path
    reason = {p: (r.status, r.reason) for p, r in rows.items()}
    assert reason["article.txt"][0] == "ok"
    assert reason["duplicate.txt"][0] == "duplicate"
    assert reason["passwd_link.txt"] == ("rejected", reason["passwd_link.txt"][1])
    assert "points outside the folder" in reason["passwd_link.txt"][1]
    assert "points outside the folder" in reason["etc_passwd.txt"][1]
    assert "link loop" in reason["loop_a.txt"][1] and "link loop" in reason["self_loop.txt"][1]
    assert "a link to nothing" in reason["dangling.txt"][1]
    assert "a link to a folder" in reason["sub/up"][1]
    assert "not a regular file" in reason["pipe.txt"][1]
    assert "above the limit of 2 MB" in reason["huge.txt"][1]
    assert reason["empty.txt"] == ("rejected", "empty file")
    assert "binary" in reason["binary.txt"][1] and "binary" in reason["fake_pdf.txt"][1]
    assert "unsupported extension" in reason["report.pdf"][1] and "unsupported" in reason["archive.zip"][1]
    assert reason["utf16.txt"][0] == "ok" and reason["cp1252.txt"][0] == "ok"
    assert reason["inside_link.txt"][0] == "duplicate"  # a link inside the folder is read like a file
    fm = rows["bad_front_matter.md"]
    assert fm.status == "ok" and fm.reason.startswith("front matter ignored: ")
    assert fm.title == "Acme builds a cluster" and fm.title_source == "first line"
    assert "levels deep" in reason["hostile_deeply_nested_HTML.html"][1]
    for name in ("hostile_money_figures_in_one_sentence.txt", "hostile_one_enormous_line.txt",
                 "hostile_thousands_of_names.txt", "hostile_thousands_of_attributed_sentences.txt",
                 "hostile_thousands_of_model_names.txt"):
        assert reason[name][0] == "ok", reason[name]


def test_nothing_outside_the_folder_is_read_or_published(hostile):
    folder, out, _what, result, _seconds = hostile
    passwd = Path("/etc/passwd").read_text(encoding="utf-8", errors="replace")
    first_line = next(line for line in passwd.splitlines() if line.strip())
    for f in out.rglob("*"):
        if f.is_file() and f.suffix in (".csv", ".txt", ".json"):
            body = f.read_text(encoding="utf-8", errors="replace")
            assert SECRET not in body and first_line not in body, f
    rows = rows_by_path(result)
    assert pd.isna(rows["passwd_link.txt"].sha256)  # not even hashed: its bytes were never opened
    assert "Outsider" not in set(result.tables["mentions"]["entity"].astype(str))


def test_the_hostile_folder_builds_again_from_the_cache(hostile):
    folder, out, what, _result, _seconds = hostile
    again = build(folder, out, jobs=1)
    assert again.reused == len(what) and len(again.corpus.documents) == len(what)


def test_refusal_reasons(tmp_path):
    (tmp_path / "a.txt").write_text("x" * 2000)
    assert refusal(tmp_path / "a.txt", tmp_path, 4000) is None
    assert "above the limit" in refusal(tmp_path / "a.txt", tmp_path, 1000)
    assert refusal(tmp_path / "a.txt", tmp_path, None) is None
    os.symlink(tmp_path / "a.txt", tmp_path / "in.txt")
    assert refusal(tmp_path / "in.txt", tmp_path, None) is None


def test_an_unreadable_file_is_rejected_with_the_os_error(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.txt").write_text(ARTICLE.replace("Acme", "Zenith"))
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == "b.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    docs = load_corpus(tmp_path, manifest_path=None).documents.set_index("path")
    assert docs.loc["a.txt", "status"] == "ok"
    assert docs.loc["b.txt", "status"] == "rejected" and "Permission denied" in docs.loc["b.txt", "reason"]


def test_a_runaway_document_becomes_a_rejected_row(tmp_path, monkeypatch):
    (tmp_path / "fast.txt").write_text(ARTICLE)
    (tmp_path / "slow.txt").write_text(ARTICLE.replace("Acme", "Slowco"))
    real = build_mod.extract_document

    def extract(doc):
        while "Slowco" in doc.text:  # a runaway: never ends on its own
            time.sleep(0.01)
        return real(doc)

    monkeypatch.setattr(build_mod, "extract_document", extract)
    r = build(tmp_path, None, jobs=1, doc_seconds=0.5)
    docs = r.corpus.documents.set_index("path")
    assert docs.loc["fast.txt", "status"] == "ok"
    assert docs.loc["slow.txt", "status"] == "rejected"
    assert docs.loc["slow.txt", "reason"] == "took longer than 0.5 s (build --doc-seconds)"


def test_time_budget_outside_the_main_thread_is_not_enforced():
    import threading

    seen = []

    def run():
        with time_budget(0.01):
            time.sleep(0.05)
        seen.append("done")

    t = threading.Thread(target=run)
    t.start()
    t.join()
    assert seen == ["done"]
    with pytest.raises(TimeBudgetExceeded):
        with time_budget(0.05):
            while True:
                time.sleep(0.01)


def test_library_log_lines_do_not_reach_the_terminal(caplog, capsys):
    with caplog.at_level(logging.DEBUG, logger="analysis"):
        with library_logs("page.html"):
            logging.getLogger("trafilatura").warning("discarding data: %s", None)
    assert "discarding data" not in capsys.readouterr().err
    relayed = [r for r in caplog.records if r.name == "analysis"]
    assert [(r.levelno, r.getMessage()) for r in relayed] == [
        (logging.DEBUG, "page.html: trafilatura: discarding data: None")]
    assert logging.getLogger("trafilatura").propagate  # restored after the file


def test_links_to_folders_and_loops_are_listed(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text(ARTICLE)
    os.symlink(tmp_path / "d", tmp_path / "d_link")
    os.symlink(tmp_path / "loop", tmp_path / "loop")
    assert [p.name for p in list_files(tmp_path)] == ["a.txt", "d_link", "loop"]
    limits = Limits(tmp_path)
    assert limits.refusal(tmp_path / "d_link") == "a link to a folder, not followed"
    assert "link loop" in limits.refusal(tmp_path / "loop")
