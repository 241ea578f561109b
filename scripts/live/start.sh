#!/usr/bin/env bash
# npm run live:start — builds or finds the engine, starts Keystone and Neutron and the Kubernetes control
# plane (scripts/live/kube.sh), writes .live/env.sh.
# Idempotent: with everything built and running it only checks.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
mkdir -p "$ROOT/.live"
bin_dir="$(bash "$ROOT/scripts/live/engine.sh" | tail -n 1)"
bash "$ROOT/scripts/live/cloud.sh" start
# The provider and the evaluator, next to the engine on PATH.
kube_dir="$(bash "$ROOT/scripts/live/kube.sh" build | tail -n 1)"
bash "$ROOT/scripts/live/kube.sh" start
tmp="$ROOT/.live/env.sh.tmp.$$"
{
  echo "# Written by scripts/live/start.sh: the real engine first on PATH, an OpenStack admin, a Kubernetes admin."
  echo "export PATH=$bin_dir:$kube_dir:\$PATH"
  echo "export KUBECONFIG=$ROOT/.live/kubeconfig"
  echo "export PULUMI_SKIP_UPDATE_CHECK=1 PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=1"
  cat "$ROOT/.live/cloud.env"
} >"$tmp"
mv "$tmp" "$ROOT/.live/env.sh"
echo "live: ready; source .live/env.sh" >&2
