#!/usr/bin/env bash
# Usage: apt-install.sh PACKAGE BINARY. Installs Debian's PACKAGE unless BINARY is there already (the tests' tools:
# install-browser.sh, install-tmux.sh). Idempotent and quiet; exits non-zero when it cannot be installed.
# Needs root (CI runs as root).
set -euo pipefail

PACKAGE=$1
BINARY=$2

if [ -x "$BINARY" ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "apt-install: $BINARY is missing and installing it needs root" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
log=$(mktemp /tmp/apt-install.XXXXXX)
trap 'rm -f "$log"' EXIT

install() {
  apt-get install -y -qq --no-install-recommends "$PACKAGE" >"$log" 2>&1
}

# Refresh the package lists only when apt does not know the package (or the first attempt failed).
if ! apt-cache show "$PACKAGE" >/dev/null 2>&1 || ! install; then
  if ! apt-get update -qq >"$log" 2>&1 || ! install; then
    cat "$log" >&2
    echo "apt-install: could not install $PACKAGE" >&2
    exit 1
  fi
fi

if [ ! -x "$BINARY" ]; then
  echo "apt-install: $PACKAGE installed but $BINARY is missing" >&2
  exit 1
fi
