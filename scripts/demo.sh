#!/usr/bin/env bash
# First README command: install, build the demo instance (seed call + fictional corpus) and serve it locally.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-venv.sh
exec .venv/bin/inputdesk demo --data-dir "${INPUTDESK_DEMO_DIR:-demo-data}" "$@"
