"""Hostile input: generators of adversarial documents and of a folder of odd files.

Two uses:

* `GENERATORS`: name → function(n) returning one document's text whose size grows with `n` (one
  sentence holding `n` money figures, one enormous line, `n` nested HTML elements, `n` names on one
  line, `n` attributed sentences, `n` model names). `python -m analysis bench --hostile` times the per-document work (`build.process_one_file`: read,
  decode, boilerplate, metadata, sentences and every extractor) on each at size n and 2n, and
  prints MB/s and the doubling ratio time(2n)/time(n): about 2 means linear cost. Time is the CPU
  time (user + sys, `resource.getrusage`) of this process, which does the work, printed beside the
  wall-clock time: on a shared machine the wall clock also counts the time other jobs hold the
  CPU, the CPU time does not. The goals are checked on CPU time.
* `make_hostile_folder(folder)`: a corpus folder of the files a user may have lying around (empty,
  binary, UTF-16, cp1252, PDF bytes, zip and gzip archives, a duplicate, a link loop, a link to a
  file outside the folder, a file above the size limit, bad front matter) plus one document of each
  generator; the build must account for every one of them.

All texts are made up here and deterministic; no name in them refers to anyone.
"""
from __future__ import annotations

import gzip
import io
import os
import resource
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Callable

_FIRST = ["Ada", "Boris", "Carla", "Dmitri", "Elena", "Farid", "Greta", "Hugo", "Ines", "Jonas"]
_LAST = ["Abel", "Brandt", "Castell", "Dorn", "Ekholm", "Fiore", "Gallo", "Hartig", "Ivers", "Jost"]


def money_sentence(n: int) -> str:
    """One sentence listing `n` money figures (a table pasted as text)."""
    figures = ", ".join(f"${1 + i % 97}.{i % 10} billion" for i in range(n))
    return f"Acme Corp reported spending of {figures} and nothing else in the quarter.\n"


def long_line(n: int) -> str:
    """One enormous line of `n` short clauses, with no line break and few sentence ends."""
    words = ["the", "company", "said", "it", "would", "spend", "more", "on", "data", "centers"]
    return " ".join(words[i % len(words)] + ("," if i % 7 == 0 else "") for i in range(n)) + ".\n"


def nested_html(n: int) -> str:
    """An article wrapped in `n` nested elements (machine-written markup)."""
    body = ("<p>Acme Corp said it would spend $5 billion on data centers this year, its chief "
            "executive told analysts on a call on Tuesday, adding that more was planned.</p>") * 3
    return ("<html><head><title>Acme spends</title></head><body>" + "<div>" * n + body + "</div>" * n
            + "</body></html>\n")


def many_names(n: int) -> str:
    """`n` capitalised two-word names on one line (a list of attendees pasted as text)."""
    names = ", ".join(f"{_FIRST[i % 10]} {_LAST[(i // 10) % 10]}{'' if i < 100 else i // 100}" for i in range(n))
    return f"Acme Corp hired {names} and Boris Dorn from Initech.\n"


def attributed_sentences(n: int) -> str:
    """`n` short sentences on one line, each attributed to a named person (a transcript or a list
    of statements): the document-wide state of the attribution step must not grow with them."""
    return " ".join(f"{_FIRST[i % 10]} {_LAST[(i // 10) % 10]} said the plan number {i} works."
                    for i in range(n)) + "\n"


def model_names(n: int) -> str:
    """`n` sentences each naming a different versioned model (a release list pasted as text): what
    is learnt about a name over the whole document must not be read again per name."""
    def name(i: int) -> str:
        return "".join("abcdefghijklmnopqrstuvwxyz"[i // 26 ** k % 26] for k in range(3)).capitalize() + "ium"
    return " ".join(f"The {name(i)} {1 + i % 9} model was released by Acme Corp." for i in range(n)) + "\n"


def ordinary(n: int) -> str:
    """The reference: ordinary news prose of about 50·n characters (seed sentences recombined, as
    `bench` does), to compare each generator's MB/s with, measured in the same run."""
    import random

    from analysis.config import SEEDS_DIR
    from analysis.tools.bench import make_article, sentence_pool

    return make_article(random.Random(0), sentence_pool(SEEDS_DIR), 50 * n)


REFERENCE = "reference: ordinary articles"
# name → (function(n), file extension, default n)
GENERATORS: dict[str, tuple[Callable[[int], str], str, int]] = {
    REFERENCE: (ordinary, ".txt", 1000),
    "money figures in one sentence": (money_sentence, ".txt", 2000),
    "one enormous line": (long_line, ".txt", 100_000),
    "deeply nested HTML": (nested_html, ".html", 5000),
    "thousands of names": (many_names, ".txt", 4000),
    "thousands of attributed sentences": (attributed_sentences, ".txt", 4000),
    "thousands of model names": (model_names, ".txt", 2000),
}


REPEAT = 3  # runs per size; the fastest counts (this machine is shared: the others were slowed)


def cpu_seconds() -> float:
    """User + sys CPU seconds this process has used so far."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def time_document(text: str, ext: str) -> tuple[float, float]:
    """(CPU seconds, wall seconds) the build's per-document work (`build.process_one_file`) takes on
    `text` saved as one file, in this process."""
    from analysis.pipeline.build import process_one_file

    with tempfile.TemporaryDirectory(prefix="analysis-hostile-") as tmp:
        path = Path(tmp) / f"doc{ext}"
        path.write_text(text, encoding="utf-8")
        c0, t0 = cpu_seconds(), time.perf_counter()
        process_one_file(path, Path(path.name), "doc", {})
        return cpu_seconds() - c0, time.perf_counter() - t0


def _rate(mb: float, seconds: float) -> float:
    return mb / seconds if seconds > 0 else float("inf")


def measure(name: str, n: int | None = None) -> dict:
    """MB/s at size 2n and the doubling ratio time(2n)/time(n) of one generator, on CPU time
    (`cpu_*`, `mbs`, `ratio`) and on wall-clock time (`wall_*`, `mbs_wall`, `ratio_wall`)."""
    fn, ext, default = GENERATORS[name]
    n = n or default
    time_document(fn(10), ext)  # warm-up: lexicons and patterns loaded
    out = {"generator": name, "n": n}
    texts = {"n": fn(n), "2n": fn(2 * n)}
    runs: dict[str, list[tuple[float, float]]] = {"n": [], "2n": []}
    for _ in range(REPEAT):  # n and 2n interleaved, so that a slow spell of the machine hits both
        for label, text in texts.items():
            runs[label].append(time_document(text, ext))
    for label, text in texts.items():
        out[f"mb_{label}"] = len(text.encode("utf-8")) / 1e6
        out[f"cpu_{label}"] = min(c for c, _w in runs[label])  # the least disturbed run
        out[f"wall_{label}"] = min(w for _c, w in runs[label])
    out["mbs"] = _rate(out["mb_2n"], out["cpu_2n"])
    out["mbs_wall"] = _rate(out["mb_2n"], out["wall_2n"])
    out["ratio"] = out["cpu_2n"] / out["cpu_n"] if out["cpu_n"] > 0 else float("inf")
    out["ratio_wall"] = out["wall_2n"] / out["wall_n"] if out["wall_n"] > 0 else float("inf")
    return out


def report(scale: float = 1.0) -> list[dict]:
    """`bench --hostile`: every generator measured and printed, with the reference (ordinary
    articles) measured in the same run; returns the measurements."""
    rows = []
    print("per-document work (build.process_one_file: read, split, every extractor) on one file, 1 process, "
          f"fastest of {REPEAT} runs")
    print("CPU = user+sys seconds of this process (resource.getrusage); wall = elapsed (counts other jobs' load)")
    print(f"{'generator':<34} {'n':>7} {'MB (2n)':>7} {'CPU s n':>7} {'CPU s 2n':>8} {'MB/s CPU':>8} "
          f"{'vs ref':>7} {'2n/n CPU':>8} {'wall s 2n':>9} {'MB/s wall':>9} {'2n/n wall':>9}")
    for name, (_fn, _ext, default) in GENERATORS.items():
        r = measure(name, max(10, int(default * scale)))
        rows.append(r)
        r["vs_ref"] = r["mbs"] / rows[0]["mbs"]
        print(f"{name:<34} {r['n']:>7} {r['mb_2n']:>7.3f} {r['cpu_n']:>7.3f} {r['cpu_2n']:>8.3f} {r['mbs']:>8.2f} "
              f"{r['vs_ref']:>6.2f}x {r['ratio']:>8.2f} {r['wall_2n']:>9.3f} {r['mbs_wall']:>9.2f} {r['ratio_wall']:>9.2f}")
    hostile = rows[1:]
    slow = [r["generator"] for r in hostile if r["mbs"] < 0.3]
    steep = [r["generator"] for r in rows if r["ratio"] > 2.2]
    print(f"goal: at least 0.3 MB/s (CPU) on every generator: {'met' if not slow else 'NOT met: ' + ', '.join(slow)}")
    print(f"goal: doubling the input at most ~2.2x the CPU time: {'met' if not steep else 'NOT met: ' + ', '.join(steep)}")
    return rows


# ----------------------------------------------------------------------------- the folder

ARTICLE = ("Acme Corp said on Tuesday it would spend $5 billion on new data centers next year, "
           "according to its chief executive, who told analysts the plan would add 1 GW of capacity.\n\n"
           "The company has also hired Ada Brandt from Initech to lead the effort, it said.\n")


def _zip_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("article.txt", ARTICLE)
    return buf.getvalue()


def make_hostile_folder(folder: Path, outside: Path | None = None, huge_mb: float = 2.5) -> dict[str, str]:
    """Write the hostile corpus into `folder` (created); returns file name → what it is. `outside`
    is a file outside the folder the link points at (default /etc/passwd)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, bytes] = {
        "article.txt": ARTICLE.encode(),
        "duplicate.txt": ARTICLE.encode(),
        "empty.txt": b"",
        "blank.txt": b" \n\n \t\n",
        "binary.txt": bytes(range(256)) * 40,
        "utf16.txt": ("\ufeff" + ARTICLE.replace("Acme", "Zenith")).encode("utf-16-le"),
        "cp1252.txt": ARTICLE.replace("Acme", "Caf\u00e9 Corp \u2013").encode("cp1252"),
        "report.pdf": b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n",
        "fake_pdf.txt": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 44 >>\nstream\n\x00\x01\x02\nendstream\n",
        "archive.zip": _zip_bytes(),
        "archive.txt.gz": gzip.compress(ARTICLE.encode()),
        "zipped_as_text.txt": _zip_bytes(),
        "bad_front_matter.md": ("---\ntitle: [unclosed\nauthor: : :\n---\n# Acme builds a cluster\n\n"
                                + ARTICLE.replace("Acme", "Borealis")).encode(),
        "huge.txt": (ARTICLE.replace("Acme", "Huge") * int(huge_mb * 1e6 / len(ARTICLE) + 1)).encode(),
    }
    what = {
        "article.txt": "an ordinary article", "duplicate.txt": "the same text as article.txt",
        "empty.txt": "no bytes", "blank.txt": "only white space", "binary.txt": "binary bytes",
        "utf16.txt": "UTF-16 with a byte-order mark", "cp1252.txt": "Windows-1252 text",
        "report.pdf": "PDF bytes", "fake_pdf.txt": "PDF bytes named .txt", "archive.zip": "a zip archive",
        "archive.txt.gz": "a gzip archive", "zipped_as_text.txt": "a zip archive named .txt",
        "bad_front_matter.md": "front matter that is not YAML", "huge.txt": f"{huge_mb} MB of text",
    }
    for name, (fn, ext, default) in list(GENERATORS.items())[1:]:
        fname = "hostile_" + name.replace(" ", "_") + ext
        files[fname] = fn(default).encode("utf-8")
        what[fname] = name
    for name, data in files.items():
        (folder / name).write_bytes(data)
    links = {
        "passwd_link.txt": (outside or Path("/etc/passwd"), "a link to a file outside the folder"),
        "loop_a.txt": (folder / "loop_b.txt", "a link loop"),
        "loop_b.txt": (folder / "loop_a.txt", "a link loop"),
        "self_loop.txt": (folder / "self_loop.txt", "a link to itself"),
        "inside_link.txt": (folder / "article.txt", "a link to a file inside the folder"),
        "dangling.txt": (folder / "missing.txt", "a link to nothing"),
    }
    for name, (target, desc) in links.items():
        os.symlink(target, folder / name)
        what[name] = desc
    sub = folder / "sub"
    sub.mkdir(exist_ok=True)
    (sub / "nested.txt").write_text(ARTICLE.replace("Acme", "Nested"), encoding="utf-8")
    what["sub/nested.txt"] = "an article in a subfolder"
    os.symlink(folder, sub / "up")  # a link to a folder (would loop if followed)
    what["sub/up"] = "a link to a parent folder"
    return what
