#!/usr/bin/env bash
# Lints the OpenAPI document that `psl openapi` prints (the one served at /api/v1/openapi.json)
# with Redocly's recommended rules, every warning an error.
set -euo pipefail
psl="$1"
here="$(cd "$(dirname "$0")" && pwd)"
redocly="$here/../../web/node_modules/.bin/redocly"
if [ ! -x "$redocly" ]; then
  echo "openapi lint: $redocly is missing; run scripts/bootstrap.sh (or make test)" >&2
  exit 1
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$psl" openapi > "$work/openapi.json"
REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
  "$redocly" lint "$work/openapi.json" --config "$here/redocly.yaml" 2>&1 | grep -v '[║╔╚]'
