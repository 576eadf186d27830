"""Typed settings, read from INPUTDESK_* environment variables (or passed explicitly)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from inputdesk.domain.extraction import ExtractionLimits


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="INPUTDESK_", extra="ignore")

    data_dir: Path = Field(default=Path("inputdesk-data"), description="Where the database (SQLite) and the blob store live.")
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL. Default: SQLite file <data_dir>/inputdesk.db. "
        "PostgreSQL: postgresql+psycopg://user@host:5432/dbname",
    )
    max_file_mb: int = Field(default=50, description="Largest file accepted for import or upload, in MiB.")
    extraction_timeout_s: float = Field(default=60.0, description="Wall-clock limit for extracting one file.")
    extraction_memory_mb: int = Field(default=1024, description="Address-space limit of the extraction worker process.")
    extraction_max_pages: int = Field(default=2000, description="PDFs claiming more pages are refused as a possible PDF bomb.")
    sandbox: bool = Field(default=True, description="Run extraction in a resource-limited child process.")

    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'inputdesk.db').resolve()}"

    @property
    def blob_dir(self) -> Path:
        return self.data_dir / "blobs"

    def extraction_limits(self) -> ExtractionLimits:
        return ExtractionLimits(
            max_bytes=self.max_file_mb * 1024 * 1024,
            timeout_s=self.extraction_timeout_s,
            memory_mb=self.extraction_memory_mb,
            max_pages=self.extraction_max_pages,
        )
