"""One analysed call per test session (SQLite, hashing embedder), and its exports in every format, made once:
rendering charts imports matplotlib, which takes a second."""

from __future__ import annotations

import io
import zipfile

import pytest

from inputdesk.storage.database import make_engine, upgrade

from .world import CALL, build_report_world


@pytest.fixture(scope="session")
def report_world(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("reporting")
    engine = make_engine(f"sqlite:///{data_dir / 'inputdesk.db'}")
    upgrade(engine)
    yield build_report_world(data_dir, engine)
    engine.dispose()


@pytest.fixture(scope="session")
def report(report_world):
    """The digest and rows of reviewed submissions only (the default)."""
    return report_world.reporting.report(CALL)


@pytest.fixture(scope="session")
def exports(report_world):
    """(format, include_unreviewed) -> bytes, each rendered once."""
    made = {}

    def get(fmt: str, include_unreviewed: bool = False) -> bytes:
        if (fmt, include_unreviewed) not in made:
            made[(fmt, include_unreviewed)] = report_world.reporting.export(
                CALL, fmt, include_unreviewed=include_unreviewed, console_url="https://console.example")[0]
        return made[(fmt, include_unreviewed)]

    return get


def text_parts(data: bytes) -> dict[str, str]:
    """Every part of a file as text: the members of a zip (DOCX, XLSX, QDPX), or the file itself."""
    if data[:2] != b"PK":
        return {"file": data.decode("utf-8")}
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name).decode("utf-8", errors="replace") for name in z.namelist()}
