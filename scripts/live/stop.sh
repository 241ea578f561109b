#!/usr/bin/env bash
# npm run live:stop — stops what live:start started, by PID.
set -euo pipefail
exec bash "$(cd "$(dirname "$0")" && pwd)/cloud.sh" stop
