"""Typed settings, read from INPUTDESK_* environment variables (or passed explicitly)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr
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
    # --- web portal ---
    web_secret_key: SecretStr | None = Field(
        default=None, description="Key signing form tokens and receipt links. Default: generated once into "
        "<data_dir>/web-secret.key.")
    web_languages: str = Field(default="en,fr,es", description="UI languages offered, comma-separated; the first "
                               "is the default. Each needs a catalogue in web/locales (English needs none).")
    # A class of children at one school or a ministry behind one address share it: room for a few dozen
    # submissions in a few minutes, still far from what a flood would need.
    web_rate_limit_per_minute: float = Field(default=30.0, description="Form posts per minute allowed from one "
                                             "client address, once its burst is used up.")
    web_rate_limit_burst: int = Field(default=60, description="Form posts one client address may make at once.")
    web_deadline_grace_minutes: float = Field(default=60.0, description="How long after a closing deadline a draft "
                                              "begun before it may still be sent (it is marked late).")
    web_draft_ttl_hours: float = Field(default=24.0, description="How long an unsent draft and its staged "
                                       "uploads are kept before they are deleted.")
    web_background_processing: bool = Field(default=True, description="Extract and screen portal submissions in a "
                                            "background thread after they are stored, so the receipt comes at once.")
    # --- personal data (docs/personal-data.md) ---
    personal_data_screen: bool = Field(default=True, description="Look for personal data in every received "
                                       "submission and propose redactions for a reviewer to decide.")
    personal_data_languages: str = Field(default="en,fr,es,ar,ru,zh", description="Languages the detector is set "
                                         "up for, comma-separated; others get the language-neutral patterns only.")
    personal_data_ner: bool = Field(default=True, description="Use installed spaCy models to find names and places; "
                                    "false: patterns only.")
    personal_data_threshold: float = Field(default=0.5, description="Lowest detector score that becomes a "
                                           "redaction proposal.")
    personal_data_child_threshold: float = Field(default=0.3, description="The same for submissions from the child "
                                                 "path, which are also checked for places and organisations.")
    personal_data_max_chars: int = Field(default=2_000_000, description="Characters of one submission checked for "
                                         "personal data (about a minute's work); the rest is left for a person to "
                                         "read, and the submission cannot be published until someone does.")

    # --- analysis (docs/analysis.md) ---
    analysis_embedder: str = Field(default="use", description="Sentence embedder for question mapping, themes and "
                                   "semantic search: 'use' (multilingual USE v3, shipped in a PyPI package) or "
                                   "'hashing' (no model; no meaning across languages).")
    analysis_threads: int = Field(default=2, description="CPU threads the embedder may use.")
    analysis_taxonomy_dir: Path | None = Field(default=None, description="Folder holding '<call id>.taxonomy.yaml' "
                                               "files; default: the taxonomies shipped with InputDesk.")
    analysis_seed: int = Field(default=42, description="Seed of the theme clustering: the same passages and seed "
                               "give the same themes.")
    analysis_duplicate_threshold: float = Field(default=0.7, description="Lowest Jaccard similarity of word "
                                                "3-grams at which two passages count as near-duplicates.")

    # --- screening: hash lists and quarantine (docs/screening.md) ---
    screening_key: SecretStr | None = Field(
        default=None, description="Fernet key (32 url-safe base64 bytes) encrypting imported hash lists and staff "
        "TOTP secrets at rest. Default: generated once into <data_dir>/screening.key; keep it out of database backups.")
    screening_pdq_max_distance: int = Field(default=31, ge=0, le=128, description="A picture matches a listed PDQ "
                                            "hash when at most this many of the 256 bits differ.")
    screening_pdq_min_quality: int = Field(default=50, ge=0, le=100, description="PDQ hashes of lower quality "
                                           "(flat, featureless pictures) are stored but never matched.")
    screening_pdq_max_side: int = Field(default=2048, ge=64, description="Pictures are scaled down to this long "
                                        "side, in pixels, before PDQ hashing.")
    screening_max_image_pixels: int = Field(default=89_478_485, ge=1, description="Pictures claiming more pixels "
                                            "are not decoded (decompression bombs); the file is flagged.")
    screening_workers: int = Field(default=0, ge=0, description="Sandboxed hashing processes working in parallel; "
                                   "0: one per CPU, at most 4.")

    # --- staff console (docs/console.md) ---
    staff_totp_required_roles: str = Field(default="admin", description="Roles that must sign in with a TOTP code "
                                           "as well as a password, comma-separated (admin, reviewer, analyst).")
    staff_login_max_failures: int = Field(default=5, ge=1, description="Failed sign-ins in a row after which an "
                                          "account is locked.")
    staff_lockout_minutes: float = Field(default=15.0, gt=0, description="How long a locked account stays locked.")
    staff_login_rate_per_minute: float = Field(default=10.0, description="Sign-in attempts per minute allowed from "
                                               "one client address, once its burst is used up.")
    staff_login_burst: int = Field(default=10, ge=1, description="Sign-in attempts one client address may make "
                                   "at once.")
    staff_session_idle_minutes: float = Field(default=60.0, gt=0, description="A console session ends after this "
                                              "long without a request.")
    staff_session_max_hours: float = Field(default=12.0, gt=0, description="A console session ends this long "
                                           "after sign-in, however active.")

    # --- report drafting (docs/reporting.md) ---
    report_console_url: str = Field(default="http://127.0.0.1:8000", description="Address of the staff console "
                                    "that citations in HTML and Markdown reports link to; empty: links relative "
                                    "to the site that shows the report.")
    report_quotes_per_theme: int = Field(default=3, ge=2, le=5, description="Representative passages quoted for "
                                         "each theme (2 to 5).")
    report_summary_url: str | None = Field(default=None, description="OpenAI-compatible endpoint (up to /v1) that "
                                           "drafts a summary per theme from its cited passages; unset: no summaries.")
    report_summary_model: str = Field(default="", description="Model name sent to the summary endpoint.")
    report_summary_api_key: SecretStr | None = Field(default=None, description="Bearer key for the summary "
                                                     "endpoint, if it needs one.")
    report_summary_timeout_s: float = Field(default=60.0, gt=0, description="How long to wait for one summary.")

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
