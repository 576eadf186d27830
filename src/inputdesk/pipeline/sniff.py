"""Tell what a received file really is from its bytes, whatever its name says."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import PurePath

from inputdesk.domain.extraction import FileKind

# How much of a file we look at to decide; enough for headers and an HTML preamble.
SAMPLE_BYTES = 64 * 1024

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Outlook stores every property as a stream named like this (UTF-16 in the OLE directory).
_MSG_MARKERS = ("__substg1.0_".encode("utf-16-le"), "__properties_version1.0".encode("utf-16-le"))

# A password-protected Word, Excel or PowerPoint file (2007 and later) is an OLE container of these two streams.
_ENCRYPTED_OFFICE = ("EncryptionInfo".encode("utf-16-le"), "EncryptedPackage".encode("utf-16-le"))

_IMAGE_MAGIC = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",
    b"GIF87a",
    b"GIF89a",
    b"II*\x00",
    b"MM\x00*",
)

_ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
_PDF_LATE_HEADER = re.compile(rb"%PDF-\d\.\d")

# Headers that only e-mail has at the very top; two ordinary ones, or one of the
# transport ones, make a file an e-mail rather than a note that starts "Subject: ...".
_MAIL_HEADERS = {
    "from",
    "to",
    "cc",
    "subject",
    "date",
    "message-id",
    "mime-version",
    "received",
    "return-path",
    "delivered-to",
    "reply-to",
    "content-type",
    "x-mailer",
    "sender",
    "in-reply-to",
    "references",
    "thread-topic",
    "dkim-signature",
    "authentication-results",
}
_TRANSPORT_HEADERS = {"received", "return-path", "delivered-to", "mime-version", "message-id", "dkim-signature"}
_HEADER_LINE = re.compile(rb"^([A-Za-z0-9][A-Za-z0-9-]{0,76}):")
_HTML_START = re.compile(rb"<!doctype\s+html|<html[\s>]", re.IGNORECASE)

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def sniff(data: bytes, filename: str) -> FileKind:
    """The kind of file judged by its content alone; `filename` is accepted so callers
    can pass what they have, but an extension never changes the verdict."""
    head = data[:SAMPLE_BYTES]
    if head.startswith(b"%PDF"):
        return FileKind.PDF
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _sniff_zip(data)
    if head.startswith(b"{\\rtf"):
        return FileKind.RTF
    if head.startswith(_OLE2):
        return FileKind.MSG if any(m in data for m in _MSG_MARKERS) else FileKind.UNKNOWN
    if _is_image(head):
        return FileKind.IMAGE
    if _PDF_LATE_HEADER.search(head[:1024]):
        # Some generators put junk before the header; PDF readers accept it within 1 KB.
        return FileKind.PDF
    text = _decode_sample(head)
    if text is None:
        return FileKind.UNKNOWN
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("From ") and "\n" in stripped and _looks_like_headers(stripped.split("\n", 1)[1]):
        return FileKind.MBOX
    if _looks_like_headers(stripped):
        return FileKind.EML
    if _HTML_START.search(stripped[:1024].encode("utf-8", "ignore")):
        return FileKind.HTML
    return FileKind.TEXT


def _sniff_zip(data: bytes) -> FileKind:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                with archive.open("mimetype") as member:
                    if member.read(len(_ODT_MIMETYPE) + 8).strip() == _ODT_MIMETYPE:
                        return FileKind.ODT
            if "word/document.xml" in names or ("[Content_Types].xml" in names and _has_word_part(archive)):
                if "word/vbaProject.bin" in names or _content_types_say_macros(archive):
                    return FileKind.DOCM
                return FileKind.DOCX
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, NotImplementedError):
        # A damaged archive: the first member's name still tells a Word or ODF file
        # apart, so the extractor can report it as damaged rather than as "an archive".
        first_name = data[30 : 30 + int.from_bytes(data[26:28], "little")]
        if first_name == b"mimetype" and _ODT_MIMETYPE in data[:200]:
            return FileKind.ODT
        if first_name in (b"[Content_Types].xml", b"word/document.xml", b"_rels/.rels"):
            return FileKind.DOCX
    return FileKind.ZIP


def _has_word_part(archive: zipfile.ZipFile) -> bool:
    return any(n.startswith("word/") for n in archive.namelist())


def _content_types_say_macros(archive: zipfile.ZipFile) -> bool:
    try:
        with archive.open("[Content_Types].xml") as member:
            return b"macroenabled" in member.read(SAMPLE_BYTES).lower()
    except KeyError:
        return False


def _is_image(head: bytes) -> bool:
    if head.startswith(_IMAGE_MAGIC):
        return True
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return True
    # "BM" alone is too weak (a text could start with it); check the DIB header size too.
    return head[:2] == b"BM" and int.from_bytes(head[14:18], "little") in (12, 40, 52, 56, 64, 108, 124)


def _decode_sample(head: bytes) -> str | None:
    """The sample as text, or None when it is binary."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            try:
                return head.decode(encoding, errors="ignore")
            except LookupError:  # pragma: no cover - all listed codecs exist
                return None
    if not head:
        return None
    if b"\x00" in head:
        from .extract.encoding import utf16_without_bom  # here: the extract package imports this module

        utf16 = utf16_without_bom(head)
        if utf16 is not None or head.count(b"\x00") > len(head) // 100:
            return utf16
        # A few stray NULs (a broken mail program, a bad copy) do not make text binary: an e-mail with one in
        # its body is still an e-mail, whose Date and sender count.
        head = head.replace(b"\x00", b"")
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as error:
        # The sample may end in the middle of a character; only that is forgivable.
        if error.start < len(head) - 4:
            text = _decode_legacy(head)
            if text is None:
                return None
        else:
            text = head[: error.start].decode("utf-8")
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\t\n\r\f\v\x1a")
    return text if controls <= len(text) // 100 else None


def _decode_legacy(head: bytes) -> str | None:
    from .extract.encoding import decode_text

    return decode_text(head)


def _looks_like_headers(text: str) -> bool:
    names: list[str] = []
    for raw_line in text.encode("utf-8", "ignore").splitlines()[:60]:
        if not raw_line.strip():
            break
        if raw_line[:1] in (b" ", b"\t") and names:
            continue  # folded continuation of the previous header
        match = _HEADER_LINE.match(raw_line)
        if not match:
            return False
        names.append(match.group(1).decode("ascii").lower())
    known = [n for n in names if n in _MAIL_HEADERS]
    # A sender, or a header only mail servers write: a note that starts "To: the Rapporteur / Subject: ..." is a
    # letter typed as text, not an e-mail, and reading it as one would drop those lines from its text.
    return bool(names) and (("from" in known and len(set(known)) >= 2) or any(n in _TRANSPORT_HEADERS for n in known))


# What people call each kind, and the extensions that honestly name it.
_KIND_WORDS = {
    FileKind.PDF: ("a PDF document", {".pdf"}),
    FileKind.DOCX: ("a Word document (.docx)", {".docx", ".doc", ".dotx"}),
    FileKind.DOCM: ("a macro-enabled Word document (.docm)", {".docm", ".dotm"}),
    FileKind.ODT: ("an OpenDocument text (.odt)", {".odt", ".ott"}),
    FileKind.RTF: ("a Rich Text document (.rtf)", {".rtf", ".doc"}),
    FileKind.HTML: ("a web page (HTML)", {".html", ".htm", ".xhtml", ".txt"}),
    FileKind.TEXT: ("plain text", {".txt", ".md", ".markdown", ".text", ".csv", ".tsv", ".log", ""}),
    FileKind.IMAGE: ("an image", {".png", ".jpg", ".jpeg", ".gif", ".webp", ".tif", ".tiff", ".bmp"}),
    FileKind.EML: ("an e-mail message", {".eml", ".txt", ".msg", ".mht", ""}),
    FileKind.MBOX: ("a mailbox of e-mails (mbox)", {".mbox", ".mbx", ".txt", ""}),
    FileKind.MSG: ("an Outlook message (.msg)", {".msg"}),
    FileKind.ZIP: ("a ZIP archive", {".zip"}),
}

# Content we recognise only to name it in a message (none of it is read), with the
# extensions that honestly name it.
_FOREIGN = (
    (b"MZ", "a Windows executable", {".exe", ".dll", ".com", ".scr"}),
    (b"\x7fELF", "a Linux executable", {"", ".so", ".bin"}),
    (b"\xd0\xcf\x11\xe0", "a legacy Microsoft Office file (.doc, .xls or .ppt)", {".doc", ".xls", ".ppt", ".dot"}),
    (b"Rar!", "a RAR archive", {".rar"}),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", {".7z"}),
    (b"\x1f\x8b", "a gzip-compressed file", {".gz", ".tgz"}),
)


def is_encrypted_office(data: bytes) -> bool:
    """A Word, Excel or PowerPoint file protected by a password (it is then no ZIP but an OLE container)."""
    return data.startswith(_OLE2) and all(marker in data for marker in _ENCRYPTED_OFFICE)


def _foreign(data: bytes | None) -> tuple[str, set[str]] | None:
    for magic, words, extensions in _FOREIGN:
        if data and data.startswith(magic):
            return words, extensions
    return None


def describe_content(kind: FileKind, data: bytes | None = None) -> str:
    """What the content is, in words a reviewer would use."""
    if kind is FileKind.UNKNOWN:
        foreign = _foreign(data)
        return foreign[0] if foreign else "of a type we do not recognise"
    return _KIND_WORDS[kind][0]


def describe_mismatch(kind: FileKind, filename: str, data: bytes | None = None) -> str | None:
    """A sentence when the file's extension contradicts its content, else None.

    `data` is optional: with it, unreadable content can be named ("a Windows executable").
    """
    suffix = PurePath(filename).suffix.lower()
    if kind is FileKind.UNKNOWN:
        foreign = _foreign(data)
        known_suffixes = set().union(*(extensions for _, extensions in _KIND_WORDS.values())) - {""}
        if foreign is None and suffix not in known_suffixes:
            return None  # neither the name nor the content says anything we know
        if foreign is not None and suffix in foreign[1]:
            return None
    elif suffix in _KIND_WORDS[kind][1]:
        return None
    name = PurePath(filename).name or "the file"
    return f"The file is named {name} but its content is {describe_content(kind, data)}."
