#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests (tests/Gateway.BrowserTests), unless it is there.
# Idempotent and quiet; exits non-zero when Chromium cannot be installed. Needs root (CI runs as root).
# Nothing else may fetch a browser: Playwright's own download ("playwright install") never runs here.
exec "$(dirname "${BASH_SOURCE[0]}")/apt-install.sh" chromium /usr/bin/chromium
