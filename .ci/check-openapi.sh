#!/usr/bin/env bash
# Lints the committed OpenAPI document, docs/openapi.json, with Redocly's CLI (@redocly/cli, pinned below,
# installed from npm into a cache folder on first use) and the rules of .ci/redocly.yaml. Redocly exits 0 on
# warnings; here any error or warning is a failure.
# (That the committed copy is the document the gateway serves is a test: OpenApiDocumentTests.)
# Prints the problems and exits 1 on any; 2 when the linter cannot be had.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
DOCUMENT=docs/openapi.json
VERSION=2.77.0
TOOLS=${PATROLSCORES_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/patrolscores-tools}/redocly-$VERSION
REDOCLY=$TOOLS/node_modules/.bin/redocly

log() { printf '[check-openapi] %s\n' "$*" >&2; }

if [ ! -x "$REDOCLY" ]; then
  command -v npm >/dev/null || { log "npm is required to install @redocly/cli"; exit 2; }
  mkdir -p "$TOOLS"
  if ! npm install --prefix "$TOOLS" --no-audit --no-fund --silent "@redocly/cli@$VERSION" >"$TOOLS/install.log" 2>&1; then
    cat "$TOOLS/install.log" >&2
    log "could not install @redocly/cli@$VERSION"
    exit 2
  fi
fi

report=$(mktemp /tmp/patrolscores-redocly.XXXXXX)
trap 'rm -f "$report"' EXIT
"$REDOCLY" lint "$DOCUMENT" --config .ci/redocly.yaml --format=json >"$report" 2>/dev/null || true

if ! totals=$(python3 - "$report" <<'PY'
import json, sys
try:
    report = json.load(open(sys.argv[1]))
except Exception as error:
    sys.exit(f"no lint report ({error})")
totals = report.get("totals", {})
print(totals.get("errors", 0) + totals.get("warnings", 0))
PY
); then
  log "redocly produced no report"
  exit 1
fi

if [ "$totals" -ne 0 ]; then
  # The same run again, in the readable format, for the log.
  "$REDOCLY" lint "$DOCUMENT" --config .ci/redocly.yaml >&2 || true
  log "FAIL: $DOCUMENT has $totals lint problem(s) (errors and warnings both count)"
  exit 1
fi
log "$DOCUMENT: no lint problems (@redocly/cli $VERSION, .ci/redocly.yaml)"
