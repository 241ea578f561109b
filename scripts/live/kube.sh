#!/usr/bin/env bash
# The live tier's Kubernetes: a control plane on 127.0.0.1 only, built from public Go modules.
#   kube.sh build    builds (or finds cached) the control plane, the Pulumi Kubernetes provider and the
#                    NetworkPolicy evaluator; prints (last line) one directory to put on PATH
#   kube.sh start    builds the control plane if needed, starts etcd, kube-apiserver, kube-controller-manager, waits for
#                    /readyz, writes .live/kubeconfig (idempotent)
#   kube.sh stop     stops what start started, by PID
#   kube.sh status   what runs
# Everything lives under <repo>/.live/kube (git-ignored): etcd's data, certificates, keys, logs, PIDs.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BUILD_WHO=kube
# shellcheck source=scripts/live/build-lib.sh
source "$ROOT/scripts/live/build-lib.sh"

# Builds share 2 cores with everything else: run them politely.
gobuild() { nice -n 10 go build -trimpath -ldflags "-s -w" "$@"; }

# etcd, kube-apiserver and kube-controller-manager in one binary (live/kube-control-plane/main.go).
control_plane() {
  cd "$ROOT/live/kube-control-plane"
  gobuild -o "$OUT/kube-control-plane" .
}

# The Pulumi Kubernetes provider at the served pseudo-version (live/kubernetes-provider): its two
# embedded files are written at build time, in a copy, from the JSON the module ships.
provider_kubernetes() {
  local src="$OUT/src" mod
  cp -r "$ROOT/live/kubernetes-provider" "$src"
  cd "$src"
  # go list -m gives no directory for a module not yet downloaded (an empty module cache): download first.
  go mod download github.com/pulumi/pulumi-kubernetes/provider/v4
  mod=$(go list -m -f '{{.Dir}}' github.com/pulumi/pulumi-kubernetes/provider/v4)
  [[ -n $mod ]] || { echo "no module directory for pulumi-kubernetes/provider/v4" >&2; return 1; }
  go run ./gen "$mod/cmd/pulumi-resource-kubernetes" "$K8S_PROVIDER_VERSION" .
  gobuild -o "$OUT/pulumi-resource-kubernetes" \
    -ldflags "-s -w -X github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version.Version=$K8S_PROVIDER_VERSION" .
  rm -rf "$src"
}
# The @pulumi/kubernetes the tests pin (package.json); the engine asks for a plugin of this version.
K8S_PROVIDER_VERSION=4.34.2

# Our evaluator around cyclonus (live/netpol-eval); its go test runs first, so a failing one is never cached.
netpol_eval() {
  cd "$ROOT/live/netpol-eval"
  nice -n 10 go test ./... >&2
  gobuild -o "$OUT/portcatalog-netpol-eval" .
}

build_all() {
  local cp_bin provider_bin eval_bin
  cp_bin=$(build kube-control-plane "$ROOT/live/kube-control-plane" kube-control-plane control_plane)
  eval_bin=$(build portcatalog-netpol-eval "$ROOT/live/netpol-eval" portcatalog-netpol-eval netpol_eval)
  provider_bin=$(build pulumi-resource-kubernetes "$ROOT/live/kubernetes-provider" pulumi-resource-kubernetes provider_kubernetes)
  path_dir kube-path "$cp_bin" "$provider_bin" "$eval_bin"
}

LIVE="$ROOT/.live"
KUBE="$LIVE/kube"
PKI="$KUBE/pki"
PIDS="$LIVE/pids"
LOGS="$LIVE/logs"
API="https://127.0.0.1:6443"
KCM_PORT=10257
KUBECONFIG_FILE="$LIVE/kubeconfig"

running() { [[ -f "$PIDS/$1.pid" ]] && kill -0 "$(cat "$PIDS/$1.pid")" 2>/dev/null; }

# Waits (bounded) until a command succeeds; on timeout shows the log's tail.
wait_for() {
  local what=$1 log=$2 tries=$3
  shift 3
  for ((i = 0; i < tries; i++)); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 1
  done
  say "$what did not answer in ${tries}s; last lines of $log: $(tail -n 15 "$log" 2>/dev/null | tr '\n' ' ')"
  exit 1
}

# A CA, the API server's serving certificate (127.0.0.1, localhost), an admin's client certificate
# (group system:masters) and the service-account key pair; made once, kept in .live/kube/pki.
make_pki() {
  [[ -f "$PKI/.done" ]] && return 0
  rm -rf "$PKI" && mkdir -p "$PKI" && chmod 700 "$PKI"
  (
    cd "$PKI"
    openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 3650 -subj "/CN=portcatalog-live-ca" \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
    openssl req -newkey rsa:2048 -nodes -keyout apiserver.key -out apiserver.csr -subj "/CN=kube-apiserver"
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes.default.svc\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n' >apiserver.ext
    openssl x509 -req -in apiserver.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out apiserver.crt -days 3650 -extfile apiserver.ext
    openssl req -newkey rsa:2048 -nodes -keyout admin.key -out admin.csr -subj "/O=system:masters/CN=portcatalog-admin"
    printf 'extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n' >admin.ext
    openssl x509 -req -in admin.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out admin.crt -days 3650 -extfile admin.ext
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out sa.key
    openssl pkey -in sa.key -pubout -out sa.pub
    rm -f ./*.csr ./*.ext
  ) >"$LOGS/kube-pki.log" 2>&1 || { say "making certificates failed: $(tail -n 5 "$LOGS/kube-pki.log" | tr '\n' ' ')"; exit 1; }
  touch "$PKI/.done"
}

write_kubeconfig() {
  local tmp="$KUBECONFIG_FILE.tmp.$$"
  cat >"$tmp" <<EOK
apiVersion: v1
kind: Config
clusters:
- name: portcatalog-live
  cluster:
    server: $API
    certificate-authority: $PKI/ca.crt
users:
- name: portcatalog-admin
  user:
    client-certificate: $PKI/admin.crt
    client-key: $PKI/admin.key
contexts:
- name: portcatalog-live
  context:
    cluster: portcatalog-live
    user: portcatalog-admin
current-context: portcatalog-live
EOK
  mv "$tmp" "$KUBECONFIG_FILE"
}

api_get() { curl -sf --cacert "$PKI/ca.crt" --cert "$PKI/admin.crt" --key "$PKI/admin.key" "$API$1"; }

start_etcd() {
  running etcd && return 0
  mkdir -p "$KUBE/etcd" && chmod 700 "$KUBE/etcd"
  "$BIN/kube-control-plane" etcd --data-dir "$KUBE/etcd" \
    --listen-client-url http://127.0.0.1:2379 --listen-peer-url http://127.0.0.1:2380 >"$LOGS/etcd.log" 2>&1 &
  echo $! >"$PIDS/etcd.pid"
  wait_for etcd "$LOGS/etcd.log" 60 curl -sf http://127.0.0.1:2379/health
}

start_apiserver() {
  running kube-apiserver && return 0
  # --endpoint-reconciler-type=none: the `kubernetes` Service's endpoints may not be a loopback address.
  "$BIN/kube-control-plane" kube-apiserver \
    --etcd-servers=http://127.0.0.1:2379 \
    --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port=6443 \
    --tls-cert-file="$PKI/apiserver.crt" --tls-private-key-file="$PKI/apiserver.key" \
    --client-ca-file="$PKI/ca.crt" --authorization-mode=RBAC \
    --service-account-issuer=https://kubernetes.default.svc \
    --service-account-key-file="$PKI/sa.pub" --service-account-signing-key-file="$PKI/sa.key" \
    --service-cluster-ip-range=10.96.0.0/16 --endpoint-reconciler-type=none \
    --profiling=false >"$LOGS/kube-apiserver.log" 2>&1 &
  echo $! >"$PIDS/kube-apiserver.pid"
  wait_for kube-apiserver "$LOGS/kube-apiserver.log" 180 api_get /readyz
}

# The garbage collector and the namespace controller only: Pulumi deletes with foreground propagation,
# which the garbage collector finishes, and a deleted namespace is emptied by the namespace controller.
start_controller_manager() {
  running kube-controller-manager && return 0
  mkdir -p "$KUBE/controller-manager"
  "$BIN/kube-control-plane" kube-controller-manager \
    --kubeconfig="$KUBECONFIG_FILE" \
    --authentication-kubeconfig="$KUBECONFIG_FILE" --authorization-kubeconfig="$KUBECONFIG_FILE" \
    --controllers=garbage-collector-controller,namespace-controller \
    --service-account-private-key-file="$PKI/sa.key" \
    --bind-address=127.0.0.1 --secure-port=$KCM_PORT --cert-dir="$KUBE/controller-manager" \
    --leader-elect=false --profiling=false >"$LOGS/kube-controller-manager.log" 2>&1 &
  echo $! >"$PIDS/kube-controller-manager.pid"
  wait_for kube-controller-manager "$LOGS/kube-controller-manager.log" 120 curl -sfk "https://127.0.0.1:$KCM_PORT/healthz"
}

stop_one() {
  local name=$1 pid
  [[ -f "$PIDS/$name.pid" ]] || return 0
  pid=$(cat "$PIDS/$name.pid")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for ((i = 0; i < 30; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$PIDS/$name.pid"
}

SERVICES=(etcd kube-apiserver kube-controller-manager)

case "${1:-}" in
build)
  build_all
  ;;
start)
  mkdir -p "$PIDS" "$LOGS" "$KUBE"
  # Only the control plane is needed to start; `build` makes the rest (start.sh runs both).
  BIN=$(dirname "$(build kube-control-plane "$ROOT/live/kube-control-plane" kube-control-plane control_plane)")
  make_pki
  write_kubeconfig
  start_etcd
  start_apiserver
  start_controller_manager
  say "kube-apiserver $API ready; KUBECONFIG=$KUBECONFIG_FILE"
  ;;
stop)
  # The controller manager first, etcd last: each depends on the next.
  for ((i = ${#SERVICES[@]} - 1; i >= 0; i--)); do stop_one "${SERVICES[i]}"; done
  ;;
status)
  for s in "${SERVICES[@]}"; do if running "$s"; then echo "$s: running (pid $(cat "$PIDS/$s.pid"))"; else echo "$s: stopped"; fi; done
  ;;
*)
  echo "usage: kube.sh build|start|stop|status" >&2
  exit 2
  ;;
esac
