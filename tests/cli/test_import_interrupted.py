"""kill -9 in the middle of an import, then the same command again: nothing lost, nothing twice."""

from __future__ import annotations

import io
import os
import signal
import sqlite3
import subprocess
import sys
import time

from docx import Document as DocxDocument

FILES = 40


def _docx(n: int) -> bytes:
    doc = DocxDocument()
    doc.add_heading(f"Submission {n}", level=1)
    doc.add_paragraph(f"Fictional organisation number {n} recommends that States regulate generative AI tools "
                      "and that platforms apply safety by design and hash matching.")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _count(db, sql: str) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return conn.execute(sql).fetchone()[0]
    except sqlite3.OperationalError:  # database or table not created yet
        return 0


def _import(folder, env) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "inputdesk.cli.main", "import", str(folder)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def test_kill_minus_nine_then_rerun_loses_and_duplicates_nothing(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    for n in range(FILES):
        (folder / f"sub{n:02d}.docx").write_bytes(_docx(n))
    env = dict(os.environ, INPUTDESK_DATA_DIR=str(tmp_path / "data"), INPUTDESK_SANDBOX="false",
               INPUTDESK_PERSONAL_DATA_SCREEN="false", COLUMNS="200")
    subprocess.run([sys.executable, "-m", "inputdesk.cli.main", "init"], env=env, check=True, capture_output=True)
    db = tmp_path / "data" / "inputdesk.db"

    first = _import(folder, env)
    deadline = time.monotonic() + 120
    while _count(db, "select count(*) from submissions") < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    first.send_signal(signal.SIGKILL)
    first.wait()
    killed_at = _count(db, "select count(*) from submissions")
    assert 0 < killed_at < FILES, "the kill should land in the middle of the import"

    second = _import(folder, env)
    output, _ = second.communicate(timeout=300)
    assert second.returncode == 0, output
    assert _count(db, "select count(*) from submissions") == FILES
    assert _count(db, "select count(distinct source_sha256) from submissions") == FILES
    assert _count(db, "select count(*) from submissions where status in ('received', 'screening')") == 0
    assert _count(db, "select count(*) from documents where status = 'pending'") == 0
    blobs = [p for p in (tmp_path / "data" / "blobs").rglob("*") if p.is_file() and not p.name.startswith(".")]
    assert len(blobs) == FILES
