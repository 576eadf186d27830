"""Publication tests use the console's desk (tests/staff/staff_world.py)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "staff"))
