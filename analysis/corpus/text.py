"""Bytes → text: encoding detection, binary detection and Unicode normalisation.

Every offset in every table points into the string `normalise()` returns, so normalisation happens
exactly once, here, before anything else looks at the text.
"""
from __future__ import annotations

import codecs
import re
import unicodedata


class UnreadableFile(ValueError):
    """The bytes cannot be turned into article text; the message says why."""


_SPACES = re.compile("[\u00a0\u2007\u202f\u2000-\u200a\u3000\t\f\v]")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_LINE_BREAKS = re.compile("\r\n|\r|\u2028|\u2029|\u0085")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")


def normalise(text: str) -> str:
    """NFC, one kind of space, one kind of line break, no zero-width or control characters.

    Quotes, dashes and ellipses are kept as printed, so quotes in tables match what readers see.
    """
    text = unicodedata.normalize("NFC", text)
    text = _LINE_BREAKS.sub("\n", text)
    text = _ZERO_WIDTH.sub("", text)
    text = _CONTROL.sub("", text)
    text = _SPACES.sub(" ", text)
    return text


_NON_CONTROL_BYTES = bytes(b for b in range(256) if not (b < 9 or 13 < b < 32))


def looks_binary(data: bytes) -> bool:
    """NUL bytes outside UTF-16, or many control bytes, mean this is not a text file."""
    sample = data[:8192]
    if not sample:
        return False
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in sample:
        # UTF-16 without BOM: every other byte NUL on ASCII text
        evens, odds = sample[0::2], sample[1::2]
        if odds.count(0) > 0.4 * len(odds) or evens.count(0) > 0.4 * len(evens):
            return False
        return True
    control = len(sample.translate(None, _NON_CONTROL_BYTES))
    return control > 0.05 * len(sample)


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes, returning (text, encoding name). Raises UnreadableFile with a reason."""
    if looks_binary(data):
        raise UnreadableFile("binary content (NUL or control bytes), not a text document")
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="strict"), "utf-8-sig"
    for bom, name in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(name), "utf-16"
            except UnicodeDecodeError as e:
                raise UnreadableFile(f"UTF-16 byte-order mark but undecodable bytes: {e}") from e
    if b"\x00" in data[:8192]:
        name = "utf-16-le" if data[1::2].count(0) > data[0::2].count(0) else "utf-16-be"
        try:
            return data.decode(name), name
        except UnicodeDecodeError as e:
            raise UnreadableFile(f"looks like UTF-16 without BOM but does not decode: {e}") from e
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Not UTF-8: ask charset-normalizer, accept only the single-byte Western encodings news uses
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    candidates = []
    if best is not None and best.encoding:
        candidates.append(best.encoding)
    candidates += ["cp1252", "latin-1"]
    for enc in candidates:
        enc_norm = codecs.lookup(enc).name
        if enc_norm not in {"cp1252", "iso8859-1", "latin-1", "iso8859-15", "cp1250", "iso8859-2"}:
            continue
        try:
            text = data.decode(enc_norm)
        except UnicodeDecodeError:
            continue
        if _CONTROL.search(text.replace("\x81", "")):
            continue
        # cp1252 leaves 0x81, 0x8d, 0x8f, 0x90, 0x9d undefined; latin-1 maps them to C1 controls
        if any("\x80" <= ch <= "\x9f" for ch in text):
            continue
        return text, "cp1252" if enc_norm == "cp1252" else enc_norm
    raise UnreadableFile("not valid UTF-8, UTF-16 or a Western single-byte encoding")


def is_word_char(c: str) -> bool:
    """Whether `c` is a character of re's \\w (str patterns)."""
    return c.isalnum() or c == "_"


_WORDS = re.compile(r"\w+(?:[-'’]\w+)*")


def count_words(text: str) -> int:
    return len(_WORDS.findall(text))
