"""Report drafting: the evidence digest of a call (model, build) and its exports (DOCX, HTML, Markdown, XLSX,
REFI-QDA). See docs/reporting.md."""
