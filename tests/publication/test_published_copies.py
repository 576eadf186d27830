"""A published copy of a Word file holds only words that extraction read and the personal-data check saw: one that
carries other words (a mailto: link's hidden address, an equation, a chart) is published as text only."""

from __future__ import annotations

import io

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

import pytest
from staff_world import SEED, World

from inputdesk.domain.accounts import Role
from inputdesk.domain.redaction import RedactionStatus
from inputdesk.domain.submission import SubmissionStatus


@pytest.fixture
def world(tmp_path):
    desk = World(tmp_path)
    desk.reviewer = desk.user("rita", Role.REVIEWER)
    yield desk
    desk.close()


def word_file(*, hidden_address: bool = False) -> bytes:
    document = Document()
    document.add_paragraph("The Lowland Network answers question one: grooming starts on game chats.")
    footer = document.sections[0].footer.paragraphs[0]
    footer.add_run("Lowland Network, page ")
    footer._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>'))
    footer._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:instrText> PAGE \\* MERGEFORMAT </w:instrText></w:r>'))
    footer._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>'))
    if hidden_address:
        rid = document.part.relate_to("mailto:hidden.person@example.org", RT.HYPERLINK, is_external=True)
        link = parse_xml(f'<w:hyperlink {nsdecls("w", "r")} r:id="{rid}"><w:r><w:t>Write to us</w:t></w:r>'
                         "</w:hyperlink>")
        document.add_paragraph()._p.append(link)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def publish_as_written(world, reference: str) -> None:
    """A reviewer keeps the text as written (the detector may take 'Lowland Network' for a name) and approves."""
    review = world.staff.review
    review.decide_redactions(world.reviewer, reference, [], RedactionStatus.REJECTED)
    review.correct_metadata(world.reviewer, reference, {}, checked=True)
    review.set_status(world.reviewer, reference, SubmissionStatus.APPROVED, confirm_public=True)


def published_names(world, reference: str) -> list[str]:
    [listed] = [s for s in world.staff.publication.public_call(SEED).submissions if s.id == reference]
    return [f.name for f in listed.files]


def test_a_word_file_whose_words_were_all_read_is_published_as_a_cleaned_copy(world):
    s = world.receive(word_file(), filename="answers.docx", organisation="Lowland Network")
    publish_as_written(world, s.reference)
    assert published_names(world, s.reference) == [f"{s.reference}.pdf", f"{s.reference}-1.docx"]


def test_a_word_file_hiding_an_address_in_a_link_is_published_as_text_only(world):
    s = world.receive(word_file(hidden_address=True), filename="answers.docx", organisation="Lowland Network")
    publish_as_written(world, s.reference)
    assert published_names(world, s.reference) == [f"{s.reference}.pdf"]
    text = world.staff.publication.public_file(SEED, s.reference, f"{s.reference}.pdf")[1]
    assert b"hidden.person" not in text
