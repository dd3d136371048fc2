#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests (tests/Gateway.BrowserTests), unless it is there.
# Idempotent and quiet; exits non-zero when Chromium cannot be installed. Needs root (CI runs as root).
# Nothing else may fetch a browser: Playwright's own download ("playwright install") never runs here.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-browser: $CHROMIUM is missing and installing it needs root" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
log=$(mktemp /tmp/install-browser.XXXXXX)
trap 'rm -f "$log"' EXIT

install() {
  apt-get install -y -qq --no-install-recommends chromium >"$log" 2>&1
}

# Refresh the package lists only when apt does not know the package (or the first attempt failed).
if ! apt-cache show chromium >/dev/null 2>&1 || ! install; then
  if ! apt-get update -qq >"$log" 2>&1 || ! install; then
    cat "$log" >&2
    echo "install-browser: could not install chromium" >&2
    exit 1
  fi
fi

if [ ! -x "$CHROMIUM" ]; then
  echo "install-browser: chromium installed but $CHROMIUM is missing" >&2
  exit 1
fi
