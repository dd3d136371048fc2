#!/usr/bin/env bash
# Checks deploy/systemd/patrolscores.service with `systemd-analyze verify` (installs Debian's systemd
# package when it is missing; no running systemd is needed).
#
# verify exits 0 on an unknown key or a bad value and only prints a warning, so ANY output (standard
# output or error) is a failure here. It also complains that the executables the unit names do not
# exist, which is true on a CI machine: so the unit checked is a copy in a temporary folder, identical
# but for the /opt/patrolscores/ prefix of its paths, which points at stand-in executables created
# there. Every other line is checked as written.
# Prints what verify said and exits 1 on any output; 2 when systemd-analyze cannot be had.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
UNIT=deploy/systemd/patrolscores.service

if ! command -v systemd-analyze >/dev/null; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq systemd) >/dev/null 2>&1 || true
fi
command -v systemd-analyze >/dev/null || { echo "check-systemd: systemd-analyze is missing (Debian package systemd)" >&2; exit 2; }

work=$(mktemp -d /tmp/patrolscores-systemd.XXXXXX)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/opt/patrolscores"
for program in $(grep -oE '/opt/patrolscores/[^[:space:]]+' "$UNIT" | sort -u); do
  stand_in="$work$program"
  printf '#!/bin/sh\nexit 0\n' >"$stand_in"
  chmod +x "$stand_in"
done
sed "s#/opt/patrolscores/#$work/opt/patrolscores/#g" "$UNIT" >"$work/patrolscores.service"

status=0
output=$(systemd-analyze verify "$work/patrolscores.service" 2>&1) || status=$?
if [ -n "$output" ] || [ "$status" -ne 0 ]; then
  printf '%s\n' "$output" | sed "s#$work#<temp>#g" >&2
  echo "check-systemd: systemd-analyze verify $UNIT exited $status and printed the above (any output is a failure)" >&2
  exit 1
fi
echo "check-systemd: $UNIT verified" >&2
