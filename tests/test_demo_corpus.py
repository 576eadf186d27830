"""The fictional demo corpus: an organiser's test set of submissions in every format the call may receive."""

from __future__ import annotations

import csv
import email
import hashlib
import io
import mailbox
import re
import zipfile
from email import policy
from pathlib import Path

import docx
import pikepdf
import pypdfium2 as pdfium
import pytest
from odf import teletype
from odf import text as odf_text
from odf.opendocument import load as load_odt
from PIL import Image
from striprtf.striprtf import rtf_to_text

from inputdesk.demo.corpus import main, write_demo_corpus
from inputdesk.demo.plan import DEADLINE, MANIFEST_COLUMNS, ROLES
from inputdesk.demo.questions import CALL_QUESTIONS

EMAIL = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")
ALLOWED_MAIL_DOMAIN = re.compile(r"(?:^|\.)example\.(?:org|com|net)$", re.IGNORECASE)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_demo_corpus(tmp_path_factory.mktemp("demo") / "corpus")


@pytest.fixture(scope="module")
def manifest_rows(corpus):
    with corpus.manifest.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames) == MANIFEST_COLUMNS
        return list(reader)


def _pdf_text(data: bytes, password: str | None = None) -> str:
    pdf = pdfium.PdfDocument(data, password=password)
    return "\n".join(page.get_textpage().get_text_range() for page in pdf)


def _docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    core = document.core_properties
    return "\n".join([p.text for p in document.paragraphs] + cells + [core.author or "", core.title or ""])


def _mail_text(message) -> str:
    parts = []
    for header in ("From", "To", "Message-ID"):
        parts.append(str(message.get(header, "")))
    for part in message.walk():
        if part.get_content_maintype() == "multipart":
            continue
        payload = part.get_payload(decode=True)
        if part.get_content_type() == "application/pdf":
            parts.append(_pdf_text(payload))
        elif part.get_filename("").endswith(".docx"):
            parts.append(_docx_text(payload))
        else:
            parts.append(payload.decode(part.get_content_charset() or "utf-8"))
    return "\n".join(parts)


def extract_text(path: Path, password: str | None = None) -> str:
    """Roughly what the intake pipeline should recover from each kind of file."""
    data = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return _pdf_text(data, password)
    if suffix == ".docx":
        return _docx_text(data)
    if suffix == ".odt":
        return teletype.extractText(load_odt(io.BytesIO(data)).text)
    if suffix == ".rtf":
        return rtf_to_text(data.decode("ascii"))
    if suffix == ".eml":
        return _mail_text(email.message_from_bytes(data, policy=policy.default))
    if suffix == ".mbox":
        return "\n".join(_mail_text(m) for m in mailbox.mbox(str(path), factory=None))
    if suffix == ".png":
        return ""
    return data.decode("utf-8")


def test_the_corpus_has_enough_submissions_from_enough_kinds_of_stakeholder(corpus, manifest_rows):
    assert len(corpus.submissions) >= 15
    assert len({s.stakeholder_category for s in corpus.submissions}) >= 8
    assert len({row["stakeholder_category"] for row in manifest_rows}) >= 8
    assert all(path.is_file() for path in corpus.files)
    assert len({s.key for s in corpus.submissions}) == len(corpus.submissions)


def test_every_manifest_path_exists_and_annexes_are_not_submissions(corpus, manifest_rows):
    files = {row["file"] for row in manifest_rows}
    assert len(files) == len(manifest_rows)
    for row in manifest_rows:
        assert (corpus.manifest.parent / row["file"]).is_file(), row["file"]
        for annex in filter(None, row["annexes"].split(";")):
            assert (corpus.manifest.parent / annex).is_file(), annex
            assert annex not in files
    assert any(row["annexes"].endswith(".png") for row in manifest_rows)
    assert not any("HRC_Kestrel_Bay" in row["file"] for row in manifest_rows)  # e-mail attachments stay inside


def test_manifest_values_follow_the_import_format(manifest_rows):
    for row in manifest_rows:
        assert re.fullmatch(r"[A-Z]{2}", row["country"])
        assert row["language"] in {"en", "fr", "es"}
        assert row["confidential"] in {"yes", "no"} and row["from_child"] in {"yes", "no"}
        assert "2024-03-01T00:00:00Z" <= row["received_at"] <= "2024-05-31T23:59:59Z"
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", row["received_at"])
    assert sum(row["received_at"] > DEADLINE for row in manifest_rows) >= 2
    assert [row["confidential"] for row in manifest_rows].count("yes") == 1
    assert [row["from_child"] for row in manifest_rows].count("yes") == 1
    joint = [row for row in manifest_rows if row["joint_authors"]]
    assert len(joint) == 1 and len(joint[0]["joint_authors"].split(";")) == 3


def test_some_files_are_left_out_of_the_manifest_for_the_importer_to_infer(corpus, manifest_rows):
    listed = {row["file"] for row in manifest_rows} | {
        annex for row in manifest_rows for annex in row["annexes"].split(";") if annex
    }
    unlisted = {p.relative_to(corpus.out_dir).as_posix() for p in corpus.files if p != corpus.manifest} - listed
    assert 2 <= len(unlisted) <= 3
    assert any(name.endswith(".mbox") for name in unlisted) and any(name.endswith(".txt") for name in unlisted)
    assert {s.file for s in corpus.submissions if not s.in_manifest} == unlisted


def test_every_special_role_is_demonstrated(corpus):
    seen = {role for s in corpus.submissions for role in s.roles}
    assert seen == set(ROLES)
    for role in ("quoted_headings", "numbered_answers", "free_form", "multi_page"):
        assert corpus.with_role(role)


def test_each_language_is_present(corpus):
    languages = [s.language for s in corpus.submissions]
    assert "en" in languages and languages.count("fr") >= 2 and languages.count("es") >= 2


def test_submissions_are_substantive_except_the_childs(corpus):
    for s in corpus.submissions:
        if s.from_child:
            assert 100 <= s.word_count < 300
        else:
            assert 300 <= s.word_count <= 1500, (s.file, s.word_count)


def test_the_corpus_is_byte_identical_from_run_to_run(corpus, tmp_path):
    again = write_demo_corpus(tmp_path / "again")

    def digests(c):
        return {p.relative_to(c.out_dir).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in c.files}

    assert digests(again) == digests(corpus)


def test_the_locked_pdf_needs_its_password(corpus):
    locked = corpus.with_role("encrypted")[0]
    path = corpus.out_dir / locked.file
    with pytest.raises(pikepdf.PasswordError):
        pikepdf.open(path)
    with pikepdf.open(path, password=locked.password) as pdf:
        assert len(pdf.pages) >= 1
    assert "Colegio de Abogados" in extract_text(path, locked.password)


def test_the_damaged_pdf_cannot_be_opened(corpus):
    damaged = corpus.with_role("corrupt")[0]
    assert damaged.file.endswith(".pdf") and not damaged.readable
    with pytest.raises(pdfium.PdfiumError):
        pdfium.PdfDocument(corpus.out_dir / damaged.file)


def test_two_pdfs_run_over_several_pages(corpus):
    for s in corpus.with_role("multi_page"):
        assert len(pdfium.PdfDocument(corpus.out_dir / s.file)) >= 2


def test_the_emailed_submission_carries_a_pdf_and_a_docx(corpus):
    planned = corpus.with_role("email_attachments")[0]
    message = email.message_from_bytes((corpus.out_dir / planned.file).read_bytes(), policy=policy.default)
    attachments = list(message.iter_attachments())
    assert [a.get_filename() for a in attachments] == list(planned.attachments)
    assert {a.get_content_type() for a in attachments} == {
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    }
    assert "Dear Special Rapporteur" in message.get_body(("plain",)).get_content()
    assert message["Message-ID"] == planned.message_id


def test_the_mailbox_holds_two_submissions_from_two_organisations(corpus):
    planned = corpus.with_role("mbox")
    path = corpus.out_dir / planned[0].file
    messages = list(mailbox.mbox(str(path)))
    assert len(messages) == 2
    senders = [email.utils.parseaddr(str(m["From"]))[1] for m in messages]
    assert senders == [s.contact_email for s in planned]
    assert len({s.organisation for s in planned}) == 2


def test_office_documents_keep_their_structure(corpus):
    table_docx = corpus.out_dir / "northbridge_cybercrime_unit.docx"
    document = docx.Document(table_docx)
    assert any(p.style.name == "Heading 1" for p in document.paragraphs)
    assert len(document.tables) == 1
    odt = load_odt(str(corpus.out_dir / "ofdel_contribution.odt"))
    assert len(odt.getElementsByType(odf_text.H)) >= 5
    assert Image.open(corpus.out_dir / "annexes/safe_harbour_hotline_2023_infographic.png").size == (1200, 800)


def test_special_submissions_say_what_they_are(corpus):
    confidential = corpus.with_role("confidential")[0]
    assert "confidential" in extract_text(corpus.out_dir / confidential.file).lower()

    joint = corpus.with_role("joint")[0]
    joint_text = extract_text(corpus.out_dir / joint.file)
    assert all(name in joint_text for name in joint.joint_authors)

    personal = corpus.with_role("personal_data")[0]
    personal_text = " ".join(extract_text(corpus.out_dir / personal.file).split())
    assert all(value in personal_text for value in personal.personal_data)

    resend = corpus.with_role("near_duplicate")[0]
    original = corpus.by_key(resend.duplicate_of)
    first, second = (extract_text(corpus.out_dir / s.file) for s in (original, resend))
    assert second.endswith(first.split("\n", 2)[2]) and len(second) - len(first) < 300

    letters = corpus.with_role("campaign")
    texts = [extract_text(corpus.out_dir / s.file) for s in letters]
    assert len({s.organisation for s in letters}) == 2 and texts[0] != texts[1]
    assert all("We ask the Special Rapporteur to call on" in text for text in texts)

    quoting = corpus.with_role("quoted_headings")[0]
    quoting_text = " ".join(extract_text(corpus.out_dir / quoting.file).split())
    assert all(CALL_QUESTIONS[q] in quoting_text for q in quoting.questions)

    for numbered in corpus.with_role("numbered_answers"):
        numbered_text = extract_text(corpus.out_dir / numbered.file)
        assert re.search(r"^(?:Pregunta 2|2\.)$", numbered_text, re.MULTILINE), numbered.file
        assert CALL_QUESTIONS["q2"] not in numbered_text

    child = corpus.with_role("child")[0]
    assert child.from_child and child.stakeholder_category == "communities_children"


def _raw_texts(path: Path) -> list[str]:
    """Text a file carries besides its body: headers, XML parts, document properties."""
    data = path.read_bytes()
    if path.suffix in (".docx", ".odt"):
        archive = zipfile.ZipFile(io.BytesIO(data))
        return [archive.read(name).decode("utf-8") for name in archive.namelist() if name.endswith(".xml")]
    if path.suffix in (".pdf", ".png"):
        return []  # compressed streams; PDF text and metadata are checked through extraction
    return [data.decode("utf-8")]


def test_no_email_address_outside_the_example_domains(corpus):
    for s in corpus.submissions:
        assert ALLOWED_MAIL_DOMAIN.search(s.contact_email.split("@")[1])
    for path in corpus.files:
        planned = [s for s in corpus.submissions if s.file == path.relative_to(corpus.out_dir).as_posix()]
        texts = _raw_texts(path)
        if not planned or planned[0].readable:
            password = planned[0].password if planned else None
            texts.append(extract_text(path, password))
            if path.suffix == ".pdf":
                with pikepdf.open(path, password=password or "") as pdf:
                    texts.append(" ".join(str(value) for value in pdf.docinfo.values()))
        for text in texts:
            for domain in EMAIL.findall(text):
                assert ALLOWED_MAIL_DOMAIN.search(domain), f"{path.name}: {domain}"


def test_the_command_line_writes_the_corpus(tmp_path, capsys):
    assert main([str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "manifest.csv").is_file()
    assert "fictional submissions" in capsys.readouterr().out
