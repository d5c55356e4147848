#!/usr/bin/env bash
# Fails when src/gen differs from what `npm run get` produces from schema/, so the committed
# bindings never drift from the committed schema subset.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run --silent get
if ! git diff --quiet -- src/gen || [ -n "$(git status --porcelain -- src/gen)" ]; then
  echo "error: src/gen is out of date with schema/grafana-provider.subset.json." >&2
  git status --short -- src/gen >&2
  echo "Run 'npm run get' and commit the result." >&2
  exit 1
fi
echo "generated bindings match the schema subset"
