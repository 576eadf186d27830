"""The complete schema: every table module registers its tables on the shared metadata when imported here."""

from inputdesk.storage import tables  # noqa: F401  core tables
from inputdesk.storage import tables_screening  # noqa: F401  hash lists, content hashes, matches
from inputdesk.storage import tables_analysis  # noqa: F401  analysis engine
from inputdesk.storage import tables_redaction  # noqa: F401  personal-data redaction proposals
from inputdesk.storage import tables_accounts, tables_review  # noqa: F401  staff accounts; review and publication
from inputdesk.storage.tables import metadata

__all__ = ["metadata"]
