#!/usr/bin/env bash
# Second README command: install with test extras and run the whole suite, on SQLite and PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-venv.sh dev
# PostgreSQL storage tests: use the local server (trust auth). In CI a missing server is an error, not a skip.
export INPUTDESK_TEST_POSTGRES_URL=${INPUTDESK_TEST_POSTGRES_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/test}
if ! .venv/bin/python - <<'PY'
import os, sys
from sqlalchemy import create_engine, text
try:
    with create_engine(os.environ["INPUTDESK_TEST_POSTGRES_URL"]).connect() as c:
        c.execute(text("select 1"))
except Exception as exc:
    print(f"PostgreSQL not reachable: {exc}", file=sys.stderr)
    sys.exit(1)
PY
then
  if [ "${CI:-}" = "true" ]; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
    sleep 2
  else
    echo "PostgreSQL is not reachable; its tests will be skipped (CI requires it)." >&2
    unset INPUTDESK_TEST_POSTGRES_URL
  fi
fi
if [ -f scripts/setup-browser.sh ]; then bash scripts/setup-browser.sh; fi
exec .venv/bin/python -m pytest "$@"
