"""Plain-text, Markdown and HTML writers for the demo corpus."""

from __future__ import annotations

import html
import textwrap

from inputdesk.demo.document import DemoDocument


def render_txt(doc: DemoDocument, *, wrap: int | None = 76, heading_style: str = "underline") -> bytes:
    """Plain text the way people type it into a mail client: underlined or upper-case headings, wrapped lines."""

    def fill(value: str, indent: str = "") -> str:
        if wrap is None:
            return indent + value
        return textwrap.fill(value, width=wrap, initial_indent=indent, subsequent_indent=" " * len(indent))

    out = [doc.title, "=" * min(len(doc.title), wrap or 76), ""]
    if doc.subtitle:
        out += [fill(doc.subtitle), ""]
    for block in doc.all_blocks():
        if block.kind == "heading":
            if heading_style == "upper":
                out += [block.text.upper(), ""]
            else:
                out += [block.text, "-" * min(len(block.text), wrap or 76), ""]
        elif block.kind == "paragraph":
            out += [fill(block.text), ""]
        elif block.kind == "bullets":
            out += [fill(item, "  - ") for item in block.items] + [""]
        elif block.kind == "table":
            widths = [max(len(row[c]) for row in block.rows) for c in range(len(block.rows[0]))]
            for row in block.rows:
                out.append("  ".join(cell.ljust(widths[c]) for c, cell in enumerate(row)).rstrip())
            out.append("")
    return ("\n".join(out).rstrip() + "\n").encode("utf-8")


def render_md(doc: DemoDocument) -> bytes:
    out = [f"# {doc.title}", ""]
    if doc.subtitle:
        out += [f"*{doc.subtitle}*", ""]
    for block in doc.all_blocks():
        if block.kind == "heading":
            out += ["#" * (block.level + 1) + " " + block.text, ""]
        elif block.kind == "paragraph":
            out += [block.text, ""]
        elif block.kind == "bullets":
            out += [f"- {item}" for item in block.items] + [""]
        elif block.kind == "table":
            header, *rows = block.rows
            out.append("| " + " | ".join(header) + " |")
            out.append("|" + "|".join("---" for _ in header) + "|")
            out += ["| " + " | ".join(row) + " |" for row in rows]
            out.append("")
    return ("\n".join(out).rstrip() + "\n").encode("utf-8")


def render_html(doc: DemoDocument, *, extra_head: str = "") -> bytes:
    e = html.escape
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{doc.language}">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{e(doc.title)}</title>",
        f'<meta name="author" content="{e(doc.author)}">',
        "<style>body{font-family:Georgia,serif;max-width:42rem;margin:2rem auto;line-height:1.5}"
        "table{border-collapse:collapse}td,th{border:1px solid #999;padding:.3rem}</style>",
    ]
    if extra_head:
        out.append(extra_head)
    out += ["</head>", "<body>", f"<h1>{e(doc.title)}</h1>"]
    if doc.subtitle:
        out.append(f'<p class="subtitle"><em>{e(doc.subtitle)}</em></p>')
    for block in doc.all_blocks():
        if block.kind == "heading":
            level = min(block.level + 1, 6)
            out.append(f"<h{level}>{e(block.text)}</h{level}>")
        elif block.kind == "paragraph":
            out.append(f"<p>{e(block.text)}</p>")
        elif block.kind == "bullets":
            out.append("<ul>" + "".join(f"<li>{e(item)}</li>" for item in block.items) + "</ul>")
        elif block.kind == "table":
            header, *rows = block.rows
            out.append("<table>")
            out.append("<tr>" + "".join(f"<th>{e(cell)}</th>" for cell in header) + "</tr>")
            out += ["<tr>" + "".join(f"<td>{e(cell)}</td>" for cell in row) + "</tr>" for row in rows]
            out.append("</table>")
    out += ["</body>", "</html>"]
    return ("\n".join(out) + "\n").encode("utf-8")
