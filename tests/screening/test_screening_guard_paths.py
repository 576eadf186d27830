"""Every path to a stored file's bytes goes through the content guard: no other code reads the blob store."""

from __future__ import annotations

import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "inputdesk"
# Machine-only readers: the intake extracts and screens before anyone can see a file; screening hashes;
# the guard itself hands out bytes. A new reader must go through ContentGuard.read_document instead.
ALLOWED = {"services/intake.py", "services/screening.py", "services/quarantine.py", "cli/screening.py"}
BLOB_READ = re.compile(r"\bblobs?(?:_store)?\.get\b")


def test_only_the_guard_and_the_machine_screens_read_stored_bytes():
    readers = {str(p.relative_to(SRC)) for p in SRC.rglob("*.py") if BLOB_READ.search(p.read_text(encoding="utf-8"))}
    assert readers <= ALLOWED, (f"{sorted(readers - ALLOWED)} read the blob store directly; serve bytes with "
                                "ContentGuard.read_document (inputdesk.services.quarantine) so quarantine holds")
