"""Errors the services raise about things a user asked for; their text says what to do next."""


class CallNotFound(KeyError):
    def __str__(self) -> str:
        return f"no call with id {self.args[0]!r}; see 'inputdesk call list'"


class SubmissionNotFound(KeyError):
    def __str__(self) -> str:
        return f"no submission {self.args[0]!r}; see 'inputdesk submissions list'"


class DuplicateSource(Exception):
    """Another import stored the same bytes for this call first."""
