#!/usr/bin/env bash
# npm run test:live — the live tier: starts the engine, Neutron and Kubernetes, runs test/live, stops what it started.
# Ends with one line "N passed, N failed".
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
if ! bash scripts/live/start.sh; then
  echo "0 passed, 1 failed (live:start failed; see .live/logs)"
  exit 1
fi
trap 'bash scripts/live/stop.sh' EXIT
# shellcheck disable=SC1091
source .live/env.sh
node node_modules/mocha/bin/mocha.js --config test/live/mocharc.cjs
