#!/usr/bin/env bash
# Runs `npm test` on each current Node LTS line besides the one on PATH (Node 20 reached its end
# of life in April 2026; users run 22 and 24). Each Node comes from the npm registry's `node`
# package, installed under .toolchain/node-<major>/, and goes first on PATH for that run, so
# jest, the compiled CLI and the scratch apps the tests make all run on it.
#
#   bash scripts/test-node-lines.sh          # 22 and 24
#   bash scripts/test-node-lines.sh 24       # one line
set -euo pipefail
cd "$(dirname "$0")/.."
lines=("$@")
[ "${#lines[@]}" -gt 0 ] || lines=(22 24)

for major in "${lines[@]}"; do
  prefix=".toolchain/node-$major"
  bin="$PWD/$prefix/node_modules/node/bin"
  if [ ! -x "$bin/node" ] || [ "$("$bin/node" -p 'process.versions.node.split(".")[0]')" != "$major" ]; then
    echo "[node-lines] installing node@$major from the npm registry into $prefix"
    mkdir -p "$prefix"
    npm install --prefix "$prefix" --no-save --no-audit --no-fund --loglevel=error "node@$major" >/dev/null
  fi
  version="$("$bin/node" --version)"
  echo "[node-lines] npm test on Node $version"
  # The lib/ a test build leaves is Node-independent JavaScript; jest's cache is keyed by Node
  # version, so the runs do not share compiled test files.
  PATH="$bin:$PATH" npm test
  echo "[node-lines] Node $version: passed"
done
