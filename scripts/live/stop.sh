#!/usr/bin/env bash
# npm run live:stop — stops what live:start started, by PID.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
rc=0
bash "$HERE/kube.sh" stop || rc=$?
bash "$HERE/cloud.sh" stop || rc=$?
exit $rc
