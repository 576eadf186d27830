"""Errors the services raise about things a user asked for; their text says what to do next."""


class CallNotFound(KeyError):
    def __str__(self) -> str:
        return f"no call with id {self.args[0]!r}; see 'inputdesk call list'"


class SubmissionNotFound(KeyError):
    def __str__(self) -> str:
        return f"no submission {self.args[0]!r}; see 'inputdesk submissions list'"


class DuplicateSource(Exception):
    """Another import stored the same bytes for this call first."""


class BlobTooLarge(Exception):
    """A stored file over the per-file limit, which is not read into memory (screens count it as not screened)."""

    def __init__(self, sha256: str, size: int):
        super().__init__(sha256, size)
        self.sha256, self.size = sha256, size
