"""The canary's tools: plant unique markers, read every byte a visitor (or a downloader) could get, find markers."""

from __future__ import annotations

import html
import io
import re
import secrets
import zipfile
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from inputdesk.services.redaction_pdf import pdf_text

LINK = re.compile(r'(?:href|src)\s*=\s*"([^"]*)"', re.IGNORECASE)


def marker(kind: str) -> str:
    return f"CANARY{kind.upper()}{secrets.token_hex(4).upper()}"


def readable(data: bytes, content_type: str = "") -> str:
    """Everything a person or a program could read out of a response or a file: its bytes as text, the text
    layer of a PDF, and every member of an Office/ZIP file."""
    parts = [data.decode("utf-8", "replace"), data.decode("latin-1")]
    if data.startswith(b"%PDF") or "pdf" in content_type:
        try:
            parts.append(pdf_text(data))
        except Exception as problem:  # a damaged PDF must not hide a leak: report it
            parts.append(f"<unreadable pdf: {problem}>")
    if data.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in archive.namelist():
                parts.append(name)
                parts.append(archive.read(name).decode("utf-8", "replace"))
    return "\n".join(parts)


def leaks(text: str, markers: dict[str, str]) -> list[str]:
    folded = text.casefold()
    return [kind for kind, mark in markers.items() if mark.casefold() in folded]


def crawl(client, starts: list[str], limit: int = 3000) -> dict[str, object]:
    """GET every same-site URL reachable from `starts` by links (href, src); returns url -> response."""
    seen: dict[str, object] = {}
    queue = list(starts)
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        response = client.get(url)
        seen[url] = response
        location = response.headers.get("location")
        found = [location] if location else []
        if "html" in response.headers.get("content-type", ""):
            found += [html.unescape(link) for link in LINK.findall(response.text)]
        for link in found:
            target = urljoin(url, link).split("#")[0]
            parts = urlsplit(target)
            if parts.scheme in ("", "http") and parts.netloc in ("", "127.0.0.1") and not parts.path.startswith("//"):
                relative = parts.path + (f"?{parts.query}" if parts.query else "")
                if relative and relative not in seen:
                    queue.append(relative)
    return seen


def export_files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
