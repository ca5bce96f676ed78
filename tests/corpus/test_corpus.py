"""The loader over small fixtures made here: bad inputs, encodings, HTML, front matter, offsets."""
import codecs
import logging

import pytest

from analysis.corpus.load import CorpusError, load_corpus, read_manifest

ARTICLE = ("Acme’s AI bet\n\nAcme Robotics said on Tuesday that it hired a chief scientist from Globex.\n"
           "The company plans to spend more on chips next year, the chief executive said.\n")


def write(folder, name, data):
    p = folder / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return p


def by_path(corpus):
    return {r.path: r for r in corpus.documents.itertuples()}


def test_bad_inputs_each_get_a_row_status_and_reason(tmp_path, caplog):
    write(tmp_path, "good.txt", ARTICLE)
    write(tmp_path, "empty.txt", b"")
    write(tmp_path, "blank.md", b"  \n\n ")
    write(tmp_path, "binary.txt", bytes(range(256)) * 4)
    write(tmp_path, "report.pdf", b"%PDF-1.4 whatever")
    write(tmp_path, "zcopy.txt", ARTICLE.replace("\n", "\r\n"))  # same normalised text
    write(tmp_path, "bad.txt", b"\x81\x8d\x8f\x90\x9d" * 20)  # undecodable everywhere
    with caplog.at_level(logging.WARNING, logger="analysis"):
        c = load_corpus(tmp_path, manifest_path=None)
    rows = by_path(c)
    assert len(rows) == 7
    assert rows["good.txt"].status == "ok"
    assert (rows["empty.txt"].status, rows["empty.txt"].reason) == ("rejected", "empty file")
    assert rows["blank.md"].status == "rejected" and "empty" in rows["blank.md"].reason
    assert rows["binary.txt"].status == "rejected" and "binary" in rows["binary.txt"].reason
    assert rows["report.pdf"].status == "rejected" and "unsupported extension '.pdf'" in rows["report.pdf"].reason
    assert rows["bad.txt"].status == "rejected" and "not valid" in rows["bad.txt"].reason
    # the first file in name order is kept, the copy is marked
    assert rows["good.txt"].status == "ok" and rows["zcopy.txt"].status == "duplicate"
    assert "same normalised text as good" in rows["zcopy.txt"].reason
    # a warning names every file that was not analysed
    for name in ["empty.txt", "blank.md", "binary.txt", "report.pdf", "zcopy.txt", "bad.txt"]:
        assert any(name in rec.getMessage() for rec in caplog.records), name
    assert [d.doc_id for d in c.docs] == ["good"]
    assert set(c.sentences.doc_id) == {"good"}


def test_missing_or_empty_folder_is_a_clear_error(tmp_path):
    with pytest.raises(CorpusError, match="does not exist"):
        load_corpus(tmp_path / "nope", manifest_path=None)
    (tmp_path / "empty").mkdir()
    with pytest.raises(CorpusError, match="is empty"):
        load_corpus(tmp_path / "empty", manifest_path=None)


@pytest.mark.parametrize("encoding,data", [
    ("utf-8", ARTICLE.encode("utf-8")),
    ("utf-8-sig", codecs.BOM_UTF8 + ARTICLE.encode("utf-8")),
    ("utf-16", ARTICLE.encode("utf-16")),  # with BOM
    ("utf-16-le", ARTICLE.encode("utf-16-le")),  # without BOM
    ("cp1252", ARTICLE.encode("cp1252")),
    ("latin-1", ARTICLE.replace("’", "'").replace("Acme", "Acmé").encode("latin-1")),
])
def test_encodings_decode_to_the_same_text(tmp_path, encoding, data):
    write(tmp_path, "a.txt", data)
    c = load_corpus(tmp_path, manifest_path=None)
    row = c.documents.iloc[0]
    assert row.status == "ok", row.reason
    text = c.docs[0].text
    expected = ARTICLE if encoding != "latin-1" else ARTICLE.replace("’", "'").replace("Acme", "Acmé")
    assert text == expected
    assert "hired a chief scientist" in text


def test_normalisation_nbsp_crlf_nfc_and_offsets(tmp_path):
    raw = "Cafe\u0301 news\r\n\r\nIt paid\u00a0$5\u202fbillion\u200b today. Next one.\r\n"
    write(tmp_path, "n.txt", raw)
    c = load_corpus(tmp_path, manifest_path=None)
    text = c.docs[0].text
    assert "\r" not in text and "\u00a0" not in text and "\u200b" not in text
    assert "Café news" in text and "It paid $5 billion today." in text
    for s in c.docs[0].sentences:
        assert text[s.start:s.end] == s.text
    for r in c.sentences.itertuples():
        assert text[r.start:r.end] == r.text


HTML = """<!DOCTYPE html><html><head><title>Acme hires a chief scientist | Example Wire</title>
<meta property="og:site_name" content="Example Wire">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<link rel="canonical" href="https://example.org/2024/03/05/acme-hires"></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/tech">Tech</a></li><li>Subscribe now</li></ul></nav>
<article><h1>Acme hires a chief scientist</h1>
<p>Acme Robotics hired Jane Okafor as chief scientist on Tuesday, the company said. She previously led research at Globex for six years and will report to the chief executive.</p>
<p>The move follows a $2 billion investment round in January that valued the startup at $20 billion, people familiar with the matter said.</p></article>
<footer>Copyright 2024 Example Wire. All rights reserved. <a href="/privacy">Privacy policy</a> <a href="/terms">Terms of use</a></footer>
<script>var tracking = 1;</script></body></html>"""


def test_html_article_text_without_navigation_or_footer(tmp_path):
    write(tmp_path, "page.html", HTML)
    c = load_corpus(tmp_path, manifest_path=None)
    row = c.documents.iloc[0]
    assert row.status == "ok", row.reason
    text = c.docs[0].text
    assert "Acme Robotics hired Jane Okafor" in text
    for junk in ["Home", "Privacy policy", "Terms of use", "tracking", "Subscribe now"]:
        assert junk not in text, junk
    assert row.title == "Acme hires a chief scientist"
    assert row.outlet == "Example Wire"
    assert (row.published, row.published_precision) == ("2024-03-05", "day")
    assert row.date_source == "html metadata"
    assert row.url == "https://example.org/2024/03/05/acme-hires"
    assert "html_extraction" in set(c.boilerplate.rule)


def test_html_without_article_is_rejected(tmp_path):
    write(tmp_path, "nav.html", "<html><body><nav><a href='/'>Home</a></nav></body></html>")
    write(tmp_path, "ok.txt", ARTICLE)
    c = load_corpus(tmp_path, manifest_path=None)
    rows = by_path(c)
    assert rows["nav.html"].status == "rejected" and "no article text" in rows["nav.html"].reason
    assert rows["ok.txt"].status == "ok"


def test_markdown_with_and_without_front_matter(tmp_path):
    write(tmp_path, "fm.md", "---\ntitle: Globex cuts its AI team\noutlet: Example Daily\ndate: 2023-04-12\n"
                             "url: https://example.net/globex\n---\n\n# Globex cuts its AI team\n\nGlobex laid off 40 researchers on Monday.\n")
    write(tmp_path, "plain.md", "# Initech ships a model\n\nInitech released its first model in May 2024.\n")
    c = load_corpus(tmp_path, manifest_path=None)
    rows = by_path(c)
    fm = rows["fm.md"]
    assert (fm.title, fm.outlet, fm.published, fm.published_precision, fm.date_source) == (
        "Globex cuts its AI team", "Example Daily", "2023-04-12", "day", "front matter")
    assert "title:" not in c.docs[0].text  # front matter is not article text
    plain = rows["plain.md"]
    assert plain.title == "Initech ships a model" and plain.title_source == "first line"
    assert plain.published_precision == "unknown" and plain.published is None or plain.published != plain.published
    sents = [s.text for s in c.docs[1].sentences]
    assert sents[0] == "Initech ships a model"  # heading marker excluded from the span


@pytest.mark.parametrize("front,why", [("title: [unclosed", "while parsing a flow sequence"),
                                       ("date: 2025-13-45", "month must be in 1..12")])
def test_malformed_front_matter_is_ignored_with_the_reason(tmp_path, caplog, front, why):
    write(tmp_path, "bad.md", f"---\n{front}\n---\n\n# Globex trims its lab\n\nGlobex laid off 40 researchers on Monday.\n")
    with caplog.at_level(logging.WARNING, logger="analysis"):
        c = load_corpus(tmp_path, manifest_path=None)
    row = c.documents.iloc[0]
    assert row.status == "ok" and row.reason.startswith("front matter ignored: ") and why in row.reason
    assert front not in c.docs[0].text and "---" not in c.docs[0].text
    assert (row.title, row.title_source) == ("Globex trims its lab", "first line")  # the next best source
    assert any(r.getMessage().startswith("bad.md: front matter ignored: ")
               and why in r.getMessage() for r in caplog.records), caplog.text


def test_dates_from_header_url_and_never_invented(tmp_path):
    write(tmp_path, "a.txt", "Big headline here\n\n07/23 2025 535\n\nA week ago Acme hired a researcher.\n")
    write(tmp_path, "b.txt", "Wednesday, July 30\n\nAcme said in 2025 it would spend more.\n\nhttps://example.com/2025/07/29/acme-spend.html\n")
    write(tmp_path, "c.txt", "Thursday, July 30\n\nAcme said it would spend more.\n")  # weekday pins no mentioned year
    write(tmp_path, "d.txt", "Acme said in 2024 it would spend more.\n")
    c = load_corpus(tmp_path, manifest_path=None)
    rows = by_path(c)
    assert (rows["a.txt"].published, rows["a.txt"].published_precision, rows["a.txt"].date_source) == (
        "2025-07-23", "day", "text header")
    assert (rows["b.txt"].published, rows["b.txt"].date_source) == ("2025-07-30", "text header (year from weekday)")
    assert rows["b.txt"].url == "https://example.com/2025/07/29/acme-spend.html"
    assert rows["c.txt"].published_precision == "unknown"
    assert rows["d.txt"].published_precision == "unknown"  # a year in the text is not a publication date
    # the dateline is boilerplate, not a sentence, but the date keeps its evidence
    meta = c.metadata[(c.metadata.field == "published") & (c.metadata.chosen)]
    a = meta[meta.doc_id == "a"].iloc[0]
    assert c.text("a")[int(a.start):int(a.end)] == a.quote == "07/23 2025"
    assert not any("07/23" in s.text for s in c.docs[0].sentences)


def test_manifest_supplies_what_the_text_lacks(tmp_path):
    seeds = tmp_path / "seeds"
    write(seeds, "x.txt", "Acme said it would spend more.\n")
    man = tmp_path / "manifest.csv"
    man.write_text("path,title,outlet,url,published,published_precision\nx.txt,Acme spends,Example Times,,2024-05-01,month\n")
    c = load_corpus(seeds, manifest_path=man)
    row = c.documents.iloc[0]
    assert (row.title, row.outlet, row.published, row.published_precision, row.date_source) == (
        "Acme spends", "Example Times", "2024-05-01", "month", "manifest")
    bad = tmp_path / "bad.csv"
    bad.write_text("path,published\nx.txt,last tuesday\n")
    with pytest.raises(CorpusError, match="bad.csv, line 2"):
        read_manifest(bad)


def test_boilerplate_rules_are_general(tmp_path):
    body = ("Initech is spending heavily on AI this year, the company said. It plans new data centers.\n\n"
            "Analysts expect costs to rise.\n\n")
    tail = ("Zentrix is the leading privacy-first browser for teams. Try it free.\n\n"
            "Subscribe to The Example Letter\n\nWhat are your thoughts? Tell us in the comments below.\n\n"
            "Share this article\n\n3 + 4 =\n\nThe copyright of this article belongs to the original author.\n")
    write(tmp_path, "x.txt", body + tail)
    c = load_corpus(tmp_path, manifest_path=None)
    rules = list(c.boilerplate.rule)
    assert rules == ["promo_blurb", "newsletter", "comment_prompt", "share_widget", "captcha", "reprint_disclaimer"]
    sents = " ".join(s.text for s in c.docs[0].sentences)
    assert "Zentrix" not in sents and "Subscribe" not in sents and "Analysts expect costs to rise." in sents
    for r in c.boilerplate.itertuples():
        assert c.docs[0].text[r.start:r.end] == r.quote


def test_a_company_the_article_is_about_is_not_a_promo(tmp_path):
    write(tmp_path, "x.txt", "Zentrix raised money this week.\n\nInvestors cheered.\n\n"
                             "Zentrix is the leading privacy-first browser for teams.\n")
    c = load_corpus(tmp_path, manifest_path=None)
    assert "promo_blurb" not in set(c.boilerplate.rule)


def test_doc_ids_are_unique_across_extensions_and_folders(tmp_path):
    write(tmp_path, "a.txt", ARTICLE)
    write(tmp_path, "a.md", ARTICLE + "\nMore text here.\n")
    write(tmp_path, "sub/a.txt", ARTICLE + "\nOther text here.\n")
    c = load_corpus(tmp_path, manifest_path=None)
    assert c.documents.doc_id.is_unique
    assert len(c.documents) == 3


def test_title_and_dateline_spans_exclude_surrounding_spaces(tmp_path):
    write(tmp_path, "x.txt", "   Acme bets big on chips   \n\n  07/23 2025  \n\nAcme said it would spend more.\n")
    c = load_corpus(tmp_path, manifest_path=None)
    row = c.documents.iloc[0]
    assert row.title == "Acme bets big on chips" and row.published == "2025-07-23"
    for r in c.metadata.dropna(subset=["start"]).itertuples():
        assert c.docs[0].text[int(r.start):int(r.end)] == r.quote


# one line each rule of data/lexicons/boilerplate.yaml marks (and the article must not lose)
RULE_EXAMPLES = {
    "newsletter": "Subscribe now to our feed",
    "comment_prompt": "Leave a reply",
    "share_widget": "Share this",
    "captcha": "7 + 3 = 10",
    "reprint_disclaimer": "All Rights Reserved 2024",
    "promo_blurb": "Zentrix is a leading maker of widgets",
    "bare_url": "https://example.com/a",
    "dateline": "Published: July 29, 2025",
}
BODY = [f"Body sentence number {i} of the article about chips." for i in range(20)]


def test_every_boilerplate_rule_has_an_example_and_marks_it_only_where_it_applies():
    """Each rule marks its example line in its own position (head, tail or anywhere) and nowhere
    else; the article's lines are never marked."""
    from analysis.corpus.boilerplate import find_boilerplate, load_rules

    head_n, tail_n, rules = load_rules()
    assert head_n <= 11 and tail_n <= 10  # so "middle" below (line 11 of 22) is in neither zone
    assert sorted(RULE_EXAMPLES) == sorted(r.id for r in rules)
    for rule in rules:
        line = RULE_EXAMPLES[rule.id]
        placed = {"head": ["Headline here", line, *BODY], "middle": ["Headline here", *BODY[:10], line, *BODY[10:]],
                  "tail": ["Headline here", *BODY, line]}
        for where, lines in placed.items():
            text = "\n\n".join(lines)
            found = find_boilerplate(text)
            marked = [text[r.start:r.end] for r in found if r.rule == rule.id]
            expect = rule.where == "any" or rule.where == where
            assert marked == ([line] if expect else []), (rule.id, where, found)
            assert not any(text[r.start:r.end] in BODY for r in found)


def test_a_boilerplate_line_is_marked_once_by_the_first_rule_that_matches():
    from analysis.corpus.boilerplate import find_boilerplate

    line = "Subscribe to our newsletter and join the conversation"  # newsletter, then comment_prompt
    text = "\n\n".join(["Headline here", *BODY, line])
    assert [(r.rule, text[r.start:r.end]) for r in find_boilerplate(text)] == [("newsletter", line)]


@pytest.mark.parametrize("rule,message", [
    ("{id: x, reason: r, pattern: '(unclosed'}", "rule 'x': bad regex"),
    ("{id: x, reason: r}", "rule 'x' has neither pattern nor dateline"),
    ("{id: x, reason: r, where: foot, pattern: a}", "where must be one of head, tail, any, not 'foot'"),
])
def test_a_bad_boilerplate_rule_is_a_clear_error(tmp_path, rule, message):
    from analysis.corpus.boilerplate import find_boilerplate

    path = write(tmp_path, "rules.yaml", f"rules:\n  - {rule}\n")
    with pytest.raises(ValueError, match=message.replace("(", r"\(")):
        find_boilerplate("Some text\n", str(path))


def test_boilerplate_matches_case_insensitively_beyond_ascii():
    """'ſ' (long s) and the Kelvin sign match 's' and 'k' under re.I, as the rules' regexes say."""
    from analysis.corpus.boilerplate import find_boilerplate
    text = "\n\n".join(["Headline here", "Body text — of the “article”.", "Body two.",
                       "Body three.", "\u017fubscribe now to the feed", "Bac\u212a to top"])
    assert [r.rule for r in find_boilerplate(text)] == ["newsletter", "share_widget"]
    text2 = text.replace("\u017fubscribe", "Subscribe — ’").replace("Bac\u212a", "Back")
    assert [r.rule for r in find_boilerplate(text2)] == ["share_widget"]


def test_files_are_listed_like_sorted_rglob(tmp_path):
    """list_files walks with os.walk for speed; the order and selection are pathlib's."""
    import os

    from analysis.corpus.load import list_files

    for rel in ["b.txt", "a-b/c.txt", "a/b.txt", "a/z/y.md", ".hidden.txt", "A.txt", "a b/x.html"]:
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("x")
    (tmp_path / "empty_dir").mkdir()
    expected = sorted(p for p in tmp_path.rglob("*") if p.is_file())
    assert list_files(tmp_path) == expected
    assert len(expected) == 7
    # a dangling link and a link to a folder are listed too (and rejected with the reason)
    os.symlink(tmp_path / "missing.txt", tmp_path / "broken.txt")
    os.symlink(tmp_path / "a", tmp_path / "a_link")
    assert list_files(tmp_path) == sorted(expected + [tmp_path / "broken.txt", tmp_path / "a_link"])
