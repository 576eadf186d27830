#!/usr/bin/env bash
# Create .venv (if needed) and install InputDesk with the given extras, e.g. `scripts/setup-venv.sh dev`.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
extras=${1:-}
spec="."
[ -n "$extras" ] && spec=".[$extras]"
# Quiet, but show errors; the stamp skips a reinstall when nothing changed.
stamp=".venv/.installed-$(echo "$extras" | tr ',' '-')-$(sha256sum pyproject.toml | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
  .venv/bin/python -m pip install -q -e "$spec" 2>&1 | grep -v "^WARNING: Location" || true
  .venv/bin/python -c "import inputdesk" && touch "$stamp"
fi
