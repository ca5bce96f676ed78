from analysis.corpus.doc import make_doc
from analysis.corpus.sentences import split_sentences


def spans_text(text):
    return [text[s:e] for s, e in split_sentences(text)]


def test_abbreviations_and_initials_do_not_split():
    text = "Mr. Smith joined Acme Inc. in June. He left J. Doe's team. U.S. regulators noticed."
    assert spans_text(text) == ["Mr. Smith joined Acme Inc. in June.", "He left J. Doe's team.",
                                "U.S. regulators noticed."]


def test_bullets_and_headings_are_units_and_markers_excluded():
    text = "Key Takeaways\n- First point here.\n• Second point\n\nA Heading Without Punctuation\nBody text."
    assert spans_text(text) == ["Key Takeaways", "First point here.", "Second point",
                                "A Heading Without Punctuation", "Body text."]


def test_wrapped_lines_join_into_one_sentence():
    text = ("The company said on Tuesday that it would spend a great deal more on data\n"
            "centres next year, according to a filing.\nNext sentence.")
    assert spans_text(text) == [
        "The company said on Tuesday that it would spend a great deal more on data\n"
        "centres next year, according to a filing.", "Next sentence."]


def test_decimals_and_quotes():
    text = "It paid $14.3 billion. “We are built for this,” he said. Then it stopped."
    assert spans_text(text) == ["It paid $14.3 billion.", "“We are built for this,” he said.", "Then it stopped."]


def test_offsets_always_match():
    d = make_doc("  Hello there.  \r\n\r\nSecond\u00a0para!  Third?\n")
    assert [s.text for s in d.sentences] == ["Hello there.", "Second para!", "Third?"]
    for s in d.sentences:
        assert d.text[s.start:s.end] == s.text


def test_sentence_starting_with_lowercase_brand_is_split():
    assert spans_text("It grew fast. xAI delayed its model. iPhone sales fell. it was not split.") == [
        "It grew fast.", "xAI delayed its model.", "iPhone sales fell. it was not split."]
