"""Office-format writers for the demo corpus: DOCX (python-docx), ODT (odfpy) and hand-written RTF."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from datetime import datetime

from inputdesk.demo.document import DemoDocument

# Every zip entry gets this timestamp so that DOCX and ODT files are byte-identical between runs.
ZIP_TIMESTAMP = (2024, 1, 1, 0, 0, 0)


def normalise_zip(data: bytes, *, rewrite: Callable[[str, bytes], bytes] | None = None) -> bytes:
    """Rewrite a zip with fixed entry timestamps, keeping entry order and compression (ODT needs
    its `mimetype` entry first and stored); `rewrite` may change an entry's bytes on the way."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIMESTAMP)
            fixed.compress_type = info.compress_type
            fixed.external_attr = 0o644 << 16
            fixed.create_system = 3
            content = source.read(info.filename)
            target.writestr(fixed, rewrite(info.filename, content) if rewrite else content)
    return out.getvalue()


_XMLNS = re.compile(r'\s+xmlns:([\w-]+)="([^"]*)"')


def _declare_all_odf_namespaces(name: str, content: bytes) -> bytes:
    """odfpy declares on each root element every namespace any odfpy element has used so far in the
    process (a class-level dict), so the same document changes with what ran before it. Declaring
    the full, sorted set of known namespaces makes the output independent of that history."""
    if not name.endswith(".xml"):
        return content
    from odf.namespaces import nsdict

    xml = content.decode("utf-8")
    start = xml.index("<", xml.index("?>") + 2 if xml.startswith("<?xml") else 0)
    end = xml.index(">", start)
    root = xml[start:end]
    declared = {uri: prefix for prefix, uri in _XMLNS.findall(root)}
    declared.update(nsdict)
    bare_root = _XMLNS.sub("", root)
    tag, _, attributes = bare_root.partition(" ")
    ordered = sorted(declared.items(), key=lambda item: (item[1], item[0]))
    declarations = "".join(f' xmlns:{prefix}="{uri}"' for uri, prefix in ordered)
    new_root = tag + declarations + (" " + attributes if attributes else "")
    return (xml[:start] + new_root + xml[end:]).encode("utf-8")


def render_docx(doc: DemoDocument, *, created: datetime) -> bytes:
    import docx

    document = docx.Document()
    props = document.core_properties
    props.title = doc.title
    props.author = doc.author
    props.last_modified_by = doc.author
    props.comments = ""
    props.revision = 1
    props.created = created.replace(tzinfo=None)
    props.modified = created.replace(tzinfo=None)
    props.language = doc.language

    document.add_heading(doc.title, level=0)
    if doc.subtitle:
        document.add_paragraph(doc.subtitle, style="Subtitle")
    for block in doc.all_blocks():
        if block.kind == "heading":
            document.add_heading(block.text, level=min(block.level, 3))
        elif block.kind == "paragraph":
            document.add_paragraph(block.text)
        elif block.kind == "bullets":
            for item in block.items:
                document.add_paragraph(item, style="List Bullet")
        elif block.kind == "table":
            table = document.add_table(rows=len(block.rows), cols=len(block.rows[0]), style="Table Grid")
            for r, row in enumerate(block.rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
                    if r == 0:
                        for run in table.cell(r, c).paragraphs[0].runs:
                            run.bold = True
            document.add_paragraph("")
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_zip(buffer.getvalue())


def render_odt(doc: DemoDocument) -> bytes:
    from odf import dc, meta, style, text
    from odf.opendocument import OpenDocumentText

    document = OpenDocumentText()
    document.meta.addElement(dc.Title(text=doc.title))
    document.meta.addElement(meta.InitialCreator(text=doc.author))
    document.meta.addElement(dc.Language(text=doc.language))

    def paragraph_style(name: str, *, size: str, bold: bool, outline: int | None = None) -> style.Style:
        attributes = {"name": name, "family": "paragraph"}
        if outline is not None:
            attributes["defaultoutlinelevel"] = str(outline)
        st = style.Style(**attributes)
        st.addElement(style.ParagraphProperties(margintop="0.2cm", marginbottom="0.2cm"))
        st.addElement(style.TextProperties(fontsize=size, fontweight="bold" if bold else "normal"))
        document.styles.addElement(st)
        return st

    title_style = paragraph_style("Title", size="18pt", bold=True)
    heading_styles = {
        1: paragraph_style("Heading_20_1", size="14pt", bold=True, outline=1),
        2: paragraph_style("Heading_20_2", size="12pt", bold=True, outline=2),
    }
    body_style = paragraph_style("Text_20_body", size="11pt", bold=False)

    document.text.addElement(text.P(stylename=title_style, text=doc.title))
    if doc.subtitle:
        document.text.addElement(text.P(stylename=body_style, text=doc.subtitle))
    for block in doc.all_blocks():
        if block.kind == "heading":
            level = min(block.level, 2)
            document.text.addElement(text.H(outlinelevel=level, stylename=heading_styles[level], text=block.text))
        elif block.kind == "paragraph":
            document.text.addElement(text.P(stylename=body_style, text=block.text))
        elif block.kind == "bullets":
            for item in block.items:
                document.text.addElement(text.P(stylename=body_style, text=f"\u2022 {item}"))
        elif block.kind == "table":
            for row in block.rows:
                document.text.addElement(text.P(stylename=body_style, text=" | ".join(row)))
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_zip(buffer.getvalue(), rewrite=_declare_all_odf_namespaces)


def _rtf_escape(value: str) -> str:
    out = []
    for char in value:
        code = ord(char)
        if char in "\\{}":
            out.append("\\" + char)
        elif code < 128:
            out.append(char)
        else:
            # \uN takes a signed 16-bit number; "?" is the fallback for readers without Unicode.
            out.append(f"\\u{code if code < 32768 else code - 65536}?")
    return "".join(out)


def render_rtf(doc: DemoDocument, *, created: datetime) -> bytes:
    """Hand-written RTF, as a word processor from the 2000s would save it: styles, bold headings, \\uN escapes."""
    lines = [
        r"{\rtf1\ansi\ansicpg1252\deff0\uc1",
        r"{\fonttbl{\f0\fswiss\fcharset0 Arial;}{\f1\froman\fcharset0 Times New Roman;}}",
        r"{\stylesheet{\s0\f1\fs22 Normal;}{\s1\f0\fs32\b heading 1;}{\s2\f0\fs26\b heading 2;}}",
        "{\\info{\\title " + _rtf_escape(doc.title) + "}{\\author " + _rtf_escape(doc.author) + "}"
        + f"{{\\creatim\\yr{created.year}\\mo{created.month}\\dy{created.day}"
        + f"\\hr{created.hour}\\min{created.minute}}}}}",
        r"\paperw11906\paperh16838\margl1417\margr1417\margt1417\margb1417",
        r"{\pard\qc\s1\outlinelevel0\f0\fs36\b " + _rtf_escape(doc.title) + r"\par}",
    ]
    if doc.subtitle:
        lines.append(r"{\pard\qc\f1\fs22\i " + _rtf_escape(doc.subtitle) + r"\par}")
    for block in doc.all_blocks():
        if block.kind == "heading":
            level = min(block.level, 2)
            size = 28 if level == 1 else 24
            lines.append(
                rf"{{\pard\s{level}\outlinelevel{level - 1}\sb240\sa120\f0\fs{size}\b "
                + _rtf_escape(block.text)
                + r"\par}"
            )
        elif block.kind == "paragraph":
            lines.append(r"{\pard\s0\sa160\sl276\slmult1\f1\fs22 " + _rtf_escape(block.text) + r"\par}")
        elif block.kind == "bullets":
            for item in block.items:
                lines.append(r"{\pard\s0\fi-284\li568\sa80\f1\fs22 \bullet\tab " + _rtf_escape(item) + r"\par}")
        elif block.kind == "table":
            for row in block.rows:
                lines.append(r"{\pard\s0\sa80\f1\fs22 " + _rtf_escape("\t".join(row)) + r"\par}")
    lines.append("}")
    return ("\r\n".join(lines) + "\r\n").encode("ascii")
