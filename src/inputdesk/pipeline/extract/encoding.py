"""Decode text files from whatever encoding the submitter's computer used."""

from __future__ import annotations

import codecs
import re
import unicodedata

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# Legacy code pages in the order we believe them when two readings look equally good:
# Western European first (French, Spanish and English submissions), then Cyrillic, Chinese, Arabic.
_PREFERRED = ("cp1252", "cp1251", "koi8_r", "gb18030", "cp1256", "cp1250", "big5", "cp1253", "cp1254", "cp1255")
# Well-formed UTF-8 sequences of two to four bytes: text holding several is UTF-8, whatever else it holds.
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_STRAY = "inputdesk-stray-cp1252"


def _stray_as_cp1252(error: UnicodeDecodeError) -> tuple[str, int]:
    # A byte that is not UTF-8 in a UTF-8 text is nearly always a Windows-1252 character pasted from an older
    # program (a curly apostrophe, an accented letter).
    return error.object[error.start:error.end].decode("cp1252", "replace"), error.end


codecs.register_error(_STRAY, _stray_as_cp1252)
_SAMPLE_CHARS = 20_000


def _decoded(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def decode_text(data: bytes) -> str | None:
    """The text, from a byte-order mark, UTF-8, or the most plausible legacy code page;
    None when it is not text in any encoding."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    wide = utf16_without_bom(data) if b"\x00" in data[:4096] else None  # NUL bytes are valid UTF-8 too
    if wide is not None:
        return wide
    utf8 = _decoded(data, "utf-8")
    if utf8 is not None:
        return utf8
    mixed = _mostly_utf8(data)
    if mixed is not None:
        return mixed
    from charset_normalizer import from_bytes

    candidates: dict[str, str] = {}
    cp1252 = _decoded(data, "cp1252")  # None when the bytes hold one of the five cp1252 leaves undefined
    if cp1252 is not None:
        candidates["cp1252"] = cp1252
    candidates["koi8_r"] = data.decode("koi8_r")  # Russian mail and old Unix files; charset_normalizer misses it
    matches = list(from_bytes(data))
    if matches:
        best_chaos = matches[0].chaos
        for match in matches[:6]:
            if match.chaos <= best_chaos + 0.05:
                candidates.setdefault(match.encoding, str(match))
    if not candidates:
        return None
    # charset_normalizer alone mistakes short Spanish for Big5 and French for cp1250; the reading
    # with the fewest oddities wins, ties going to the more common code page.
    return min(
        candidates.items(),
        key=lambda item: (_oddity(item[1][:_SAMPLE_CHARS]), _rank(item[0])),
    )[1]


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few stray bytes of another code page, read as UTF-8 with those bytes as Windows-1252; None
    when the bytes hold more strays than well-formed UTF-8 sequences (then it is another encoding)."""
    sequences = len(_UTF8_SEQUENCE.findall(data))
    if not sequences:
        return None
    strict = data.decode("utf-8", "replace")
    strays = strict.count("\ufffd") - data.decode("utf-8", "ignore").count("\ufffd")
    return data.decode("utf-8", _STRAY) if strays <= sequences else None


def utf16_without_bom(data: bytes) -> str | None:
    """Text saved as UTF-16 without a byte-order mark (some Windows programs): in Latin-script text every other
    byte is zero. None otherwise."""
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs < 8:
        return None
    high_le, high_be = sample[1::2].count(0), sample[0::2].count(0)
    if high_le > 0.6 * pairs and high_be < 0.1 * pairs:
        encoding = "utf-16-le"
    elif high_be > 0.6 * pairs and high_le < 0.1 * pairs:
        encoding = "utf-16-be"
    else:
        return None
    return data[: len(data) // 2 * 2].decode(encoding, "replace")


def _rank(encoding: str) -> int:
    normalised = encoding.replace("_", "").replace("-", "").lower()
    for rank, preferred in enumerate(_PREFERRED):
        if normalised == preferred:
            return rank
    return len(_PREFERRED)


def _script(char: str) -> str:
    script = unicodedata.name(char, "UNKNOWN").split(" ", 1)[0]
    return "CJK" if script in ("HIRAGANA", "KATAKANA", "HANGUL") else script


# Non-ASCII marks that do sit between letters in real text (French apostrophe, hyphens, Catalan dot).
_INNER_MARKS = {"\u2019", "\u2010", "\u2011", "\u00b7"}


def _oddity(text: str) -> float:
    """How wrong a reading looks: letters of two scripts glued together ("pa韘"), symbols
    inside words ("Za¿ó³"), capitals inside words ("нЩ"), or mostly accented Latin (Cyrillic or Arabic read as
    Western)."""
    odd = latin = accented = 0
    previous_script = ""
    previous_kind = ""  # "letter", "mark" (a non-ASCII symbol right after a letter) or ""
    previous_lower = False
    for char in text:
        if char.isalpha():
            script = _script(char)
            if previous_kind == "mark" or (previous_kind == "letter" and script != previous_script):
                odd += 1
            elif previous_kind == "letter" and previous_lower and char.isupper() and not char.isascii():
                odd += 1  # "нЩ УЮЙФБЕН": the case of every letter flipped, as KOI8-R read as Windows-1251 looks
            previous_lower = char.islower()
            if script == "LATIN":
                latin += 1
                accented += not char.isascii()
            previous_script, previous_kind = script, "letter"
        elif previous_kind == "letter" and not char.isascii() and char not in _INNER_MARKS and not char.isspace():
            previous_kind = "mark"
        else:
            previous_kind = ""
    share_accented = accented / latin if latin else 0.0
    return odd / max(1, len(text)) + (share_accented if share_accented > 0.3 else 0.0)
