"""The complete schema: every table module registers its tables on the shared metadata when imported here."""

from inputdesk.storage import tables  # noqa: F401  core tables
from inputdesk.storage.tables import metadata

__all__ = ["metadata"]
