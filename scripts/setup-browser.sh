#!/usr/bin/env bash
# Browser tests need Debian's chromium (never a browser downloaded by Playwright) and axe-core from npm.
# Idempotent and quiet: does nothing when both are already there. In CI a failure is an error; elsewhere a
# warning, and the browser tests skip saying why.
set -uo pipefail
cd "$(dirname "$0")/.."

fail() {
  echo "setup-browser: $1" >&2
  if [ "${CI:-}" = "true" ]; then exit 1; fi
  exit 0
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"; else return 1; fi
}

apt_install() {
  as_root apt-get update -qq >/dev/null 2>&1
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null 2>&1
}

if ! command -v chromium >/dev/null 2>&1; then
  apt_install chromium || fail "could not install Debian's chromium (apt-get install chromium); browser tests will skip"
fi

if [ ! -f tests/browser/node_modules/axe-core/axe.min.js ]; then
  if ! command -v npm >/dev/null 2>&1; then
    apt_install npm || fail "npm is missing and could not be installed; browser tests will skip"
  fi
  (cd tests/browser && npm ci --silent --no-audit --no-fund >/dev/null 2>&1) \
    || fail "npm could not install axe-core into tests/browser/node_modules"
fi
