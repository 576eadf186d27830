"""Find every picture and file inside a received file and hash it; never raises for bad content.

What is looked into, by content (not name): pictures; PDFs (the embedded image streams themselves, not a
rendering of the pages, and files attached to the PDF); Word and OpenDocument files and ZIP archives (their
members, e.g. `word/media/image1.png`); e-mails (every non-text MIME part, so attachments are screened even
when the message could not be read). Containers are opened recursively up to `ScanLimits.max_depth`, reading
at most `max_expanded_bytes` in all, so a bomb costs a bounded amount of work.
"""

from __future__ import annotations

import io
import zipfile
from email import policy
from email.parser import BytesParser

from inputdesk.domain.extraction import FileKind
from inputdesk.domain.hash_screening import ContentHash, ContentScan, ScanLimits

from ..sniff import sniff
from .hashing import PictureProblem, check_size, crypto_hashes, fit, open_picture, pdq_hashes

_CONTAINERS = (FileKind.DOCX, FileKind.DOCM, FileKind.ODT, FileKind.ZIP)
# Office XML parts carry text and layout, never pictures; hashing them only costs time.
_MARKUP = (".xml", ".rels", ".vml")


def scan_content(data: bytes, filename: str = "", limits: ScanLimits | None = None) -> ContentScan:
    """All hashes of a file: MD5/SHA-1/SHA-256 of it and of every member or embedded file, and the
    eight PDQ hashes (with quality) of every picture found, each labelled with where it was found."""
    scan = Scan(limits or ScanLimits())
    scan.hashes.extend(crypto_hashes(data))
    scan.walk(data, "", 0, filename)
    return scan.result()


class Scan:
    """The running state of one file's scan: what was found and what budget is left."""

    def __init__(self, limits: ScanLimits):
        self.limits = limits
        self.hashes: list[ContentHash] = []
        self.problems: list[str] = []
        self.images = 0
        self.expanded = 0
        self._too_many_reported = False

    def result(self) -> ContentScan:
        return ContentScan(tuple(self.hashes), self.images, tuple(self.problems))

    def problem(self, text: str) -> None:
        if len(self.problems) < 50:
            self.problems.append(text)

    # --- what a piece of content is --------------------------------------------
    def walk(self, data: bytes, label: str, depth: int, filename: str = "") -> None:
        kind = sniff(data, filename or label)
        if kind == FileKind.IMAGE:
            self.encoded_picture(data, label)
        elif kind == FileKind.PDF:
            from .pdf_images import scan_pdf

            scan_pdf(self, data, label, depth)
        elif kind in _CONTAINERS:
            self.archive(data, label, depth, office=kind != FileKind.ZIP)
        elif kind == FileKind.EML:
            self.email(data, label, depth)

    def member(self, data: bytes, label: str, depth: int) -> None:
        """A file inside another one: hash its bytes, then look inside it too."""
        self.hashes.extend(crypto_hashes(data, label))
        if depth + 1 > self.limits.max_depth:
            self.problem(f"{label}: nested deeper than {self.limits.max_depth} levels; its contents were not screened")
            return
        self.walk(data, label, depth + 1)

    def take(self, size: int, label: str) -> bool:
        """Reserve `size` bytes of the expansion budget; False (and a problem noted) when it is spent."""
        if self.expanded + size > self.limits.max_expanded_bytes:
            self.problem(f"{label}: not screened, the file expands to more than "
                         f"{self.limits.max_expanded_bytes // (1024 * 1024)} MiB in all")
            return False
        self.expanded += size
        return True

    # --- pictures ----------------------------------------------------------------
    def picture_slot(self, label: str) -> bool:
        if self.images >= self.limits.max_images:
            if not self._too_many_reported:
                self.problem(f"more than {self.limits.max_images} pictures; the rest were not hashed perceptually")
                self._too_many_reported = True
            return False
        self.images += 1
        return True

    def encoded_picture(self, data: bytes, label: str) -> None:
        if not self.picture_slot(label):
            return
        try:
            self.hashes.extend(pdq_hashes(open_picture(data, self.limits, _what(label)), label))
        except PictureProblem as problem:
            self.problem(str(problem))

    def decoded_picture(self, decode, size: tuple[int, int], label: str) -> None:
        """A picture whose pixels `decode()` produces (as a Pillow image) once its size is known to be safe."""
        if not self.picture_slot(label):
            return
        try:
            check_size(size, self.limits, _what(label))
            self.hashes.extend(pdq_hashes(fit(decode(), self.limits), label))
        except PictureProblem as problem:
            self.problem(str(problem))
        except MemoryError:
            self.problem(f"{_what(label)} needed too much memory to decode")
        except Exception as error:  # noqa: BLE001 - a damaged stream must not end the scan
            self.problem(f"{_what(label)} could not be decoded ({type(error).__name__})")

    # --- containers --------------------------------------------------------------
    def archive(self, data: bytes, label: str, depth: int, *, office: bool) -> None:
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                for info in archive.infolist():
                    if info.is_dir() or (office and (info.filename.lower().endswith(_MARKUP)
                                                     or info.filename == "mimetype")):
                        continue
                    name = _join(label, info.filename)
                    if info.flag_bits & 0x1:
                        self.problem(f"{name}: encrypted inside the archive; it could not be screened")
                        continue
                    if not self.take(info.file_size, name):
                        return
                    with archive.open(info) as stream:
                        # A member may lie about its size: never read past what was reserved.
                        content = stream.read(info.file_size + 1)
                    if len(content) > info.file_size:
                        self.problem(f"{name}: larger than its archive entry says; it was not screened")
                        continue
                    self.member(content, name, depth)
        except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, NotImplementedError, EOFError):
            self.problem(f"{_what(label)} is a damaged archive; its members could not all be screened")

    def email(self, data: bytes, label: str, depth: int) -> None:
        try:
            message = BytesParser(policy=policy.compat32).parsebytes(data)
            parts = [p for p in message.walk() if not p.is_multipart()]
        except Exception:  # noqa: BLE001 - a broken message still had its bytes hashed
            self.problem(f"{_what(label)} could not be parsed as an e-mail")
            return
        for number, part in enumerate(parts, start=1):
            if part.get_content_maintype() == "text" and not part.get_filename():
                continue
            try:
                payload = part.get_payload(decode=True)
            except Exception:  # noqa: BLE001 - an undecodable part is skipped like an empty one
                payload = None
            if not payload:
                continue
            name = _join(label, f"e-mail part {number}" + (f" ({part.get_filename()})" if part.get_filename() else ""))
            if not self.take(len(payload), name):
                return
            self.member(payload, name, depth)


def _join(label: str, name: str) -> str:
    return f"{label} > {name}" if label else name


def _what(label: str) -> str:
    return label or "the file"
