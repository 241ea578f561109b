#!/usr/bin/env bash
# Debian's own Keystone and Neutron server on loopback, for the live tier.
#   cloud.sh start   install what is missing, initialise, start, wait until both answer (idempotent)
#   cloud.sh stop    stop what start started, by PID
#   cloud.sh status  what runs
# Everything lives under <repo>/.live (git-ignored): MariaDB's data, keys, configs, logs, PIDs.
# MariaDB listens on a socket only; Keystone on 127.0.0.1:5000, Neutron on 127.0.0.1:9696.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
LIVE="$ROOT/.live"
RUN="$LIVE/cloud"
PIDS="$LIVE/pids"
LOGS="$LIVE/logs"
SOCK="$RUN/mysql/mysqld.sock"
KEYSTONE_PORT=5000
NEUTRON_PORT=9696
PASSWORD=portcatalog-live
AUTH_URL="http://127.0.0.1:$KEYSTONE_PORT/v3"
# The openstack client and the services are Debian's: run them with Debian's python, whatever python3 PATH finds.
OPENSTACK=(/usr/bin/python3 /usr/bin/openstack)
PACKAGES=(mariadb-server keystone neutron-server neutron-common python3-openstackclient)

say() { echo "cloud: $*" >&2; }
die() { say "$*"; exit 1; }

running() { [[ -f "$PIDS/$1.pid" ]] && kill -0 "$(cat "$PIDS/$1.pid")" 2>/dev/null; }

install_packages() {
  local missing=()
  for p in "${PACKAGES[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p"); done
  ((${#missing[@]})) || return 0
  say "installing ${missing[*]}"
  [[ $(id -u) -eq 0 ]] || die "installing ${missing[*]} needs root (apt-get)"
  # Package scripts must not start system daemons: this tier runs its own, privately.
  local rcd=/usr/sbin/policy-rc.d had_rcd=""
  [[ -e $rcd ]] && had_rcd="$(cat "$rcd")"
  printf '#!/bin/sh\nexit 101\n' >"$rcd" && chmod +x "$rcd"
  # dbconfig-common and endpoint registration ask questions; answer no, we configure by hand.
  debconf-set-selections <<'EOF'
keystone keystone/configure_db boolean false
keystone keystone/register-endpoint boolean false
keystone keystone/create-admin-tenant boolean false
neutron-common neutron/configure_db boolean false
neutron-common neutron/register-endpoint boolean false
EOF
  local rc=0
  { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"; } >"$LOGS/apt.log" 2>&1 || rc=$?
  if [[ -n $had_rcd ]]; then printf '%s\n' "$had_rcd" >"$rcd"; else rm -f "$rcd"; fi
  ((rc == 0)) || die "apt-get failed ($rc): $(tail -n 3 "$LOGS/apt.log" | tr '\n' ' ')"
  # Debian's packages may have started nothing, but make sure no system copy holds our ports.
  for svc in keystone neutron-api neutron-server neutron-rpc-server mariadb; do service "$svc" stop >/dev/null 2>&1 || true; done
}

# Waits (bounded) until a command succeeds; on timeout shows the log's tail.
wait_for() {
  local what=$1 log=$2 tries=$3
  shift 3
  for ((i = 0; i < tries; i++)); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 1
  done
  die "$what did not answer in ${tries}s; last lines of $log: $(tail -n 15 "$log" 2>/dev/null | tr '\n' ' ')"
}

write_configs() {
  mkdir -p "$RUN/keystone/fernet-keys" "$RUN/keystone/credential-keys" "$RUN/neutron/lock" "$RUN/etc"
  chmod 700 "$RUN/keystone/fernet-keys" "$RUN/keystone/credential-keys"
  cat >"$RUN/etc/my.cnf" <<EOF
[mysqld]
datadir = $RUN/mysql/data
socket = $SOCK
pid-file = $RUN/mysql/mysqld.pid
skip-networking
user = root
innodb_buffer_pool_size = 64M
max_connections = 200
character-set-server = utf8mb4
[client]
socket = $SOCK
EOF
  cat >"$RUN/etc/keystone.conf" <<EOF
[DEFAULT]
use_stderr = true
[database]
connection = mysql+pymysql://keystone:$PASSWORD@localhost/keystone?unix_socket=$SOCK
[token]
provider = fernet
[fernet_tokens]
key_repository = $RUN/keystone/fernet-keys
[fernet_receipts]
key_repository = $RUN/keystone/fernet-keys
[credential]
key_repository = $RUN/keystone/credential-keys
EOF
  cat >"$RUN/etc/neutron.conf" <<EOF
[DEFAULT]
bind_host = 127.0.0.1
bind_port = $NEUTRON_PORT
core_plugin = ml2
service_plugins =
auth_strategy = keystone
state_path = $RUN/neutron
api_paste_config = $RUN/etc/api-paste.ini
# One process, no RPC workers: only the API is used, over an in-process message transport.
api_workers = 1
rpc_workers = 0
rpc_state_report_workers = 0
transport_url = fake://
notify_nova_on_port_status_changes = false
notify_nova_on_port_data_changes = false
use_stderr = true
[database]
connection = mysql+pymysql://neutron:$PASSWORD@localhost/neutron?unix_socket=$SOCK
[keystone_authtoken]
www_authenticate_uri = http://127.0.0.1:$KEYSTONE_PORT/
auth_url = http://127.0.0.1:$KEYSTONE_PORT/
auth_type = password
project_domain_name = Default
user_domain_name = Default
project_name = service
username = neutron
password = $PASSWORD
[oslo_concurrency]
lock_path = $RUN/neutron/lock
[oslo_messaging_notifications]
driver = noop
[agent]
report_interval = 0
EOF
  cat >"$RUN/etc/ml2_conf.ini" <<EOF
[ml2]
type_drivers = local,flat
tenant_network_types = local
mechanism_drivers =
extension_drivers = port_security
[securitygroup]
firewall_driver = noop
enable_security_group = true
EOF
}

# Neutron's paste pipeline, as its source tree ships it (Debian keeps it under /usr/share or /etc).
api_paste() {
  local f
  for f in /etc/neutron/api-paste.ini /etc/neutron/api-paste.ini.dpkg-new /usr/share/neutron-common/api-paste.ini; do
    [[ -f $f ]] && { cp "$f" "$RUN/etc/api-paste.ini"; return 0; }
  done
  f=$(/usr/bin/python3 -c 'import neutron, os; print(os.path.join(os.path.dirname(neutron.__file__), "..", "etc", "api-paste.ini"))' 2>/dev/null || true)
  [[ -n $f && -f $f ]] && { cp "$f" "$RUN/etc/api-paste.ini"; return 0; }
  die "no api-paste.ini for neutron found"
}

sql() { mysql --socket="$SOCK" -uroot -e "$1"; }

start_mysql() {
  running mysql && return 0
  if [[ ! -d "$RUN/mysql/data/mysql" ]]; then
    mkdir -p "$RUN/mysql/data"
    mysql_install_db --defaults-file="$RUN/etc/my.cnf" --auth-root-authentication-method=socket >"$LOGS/mysql-install.log" 2>&1 || die "mysql_install_db failed: $(tail -n 5 "$LOGS/mysql-install.log" | tr '\n' ' ')"
  fi
  mariadbd --defaults-file="$RUN/etc/my.cnf" >"$LOGS/mysql.log" 2>&1 &
  echo $! >"$PIDS/mysql.pid"
  wait_for MariaDB "$LOGS/mysql.log" 60 mysqladmin --socket="$SOCK" -uroot ping
  sql "CREATE DATABASE IF NOT EXISTS keystone; CREATE DATABASE IF NOT EXISTS neutron;
       CREATE USER IF NOT EXISTS 'keystone'@'localhost' IDENTIFIED BY '$PASSWORD'; GRANT ALL ON keystone.* TO 'keystone'@'localhost';
       CREATE USER IF NOT EXISTS 'neutron'@'localhost' IDENTIFIED BY '$PASSWORD'; GRANT ALL ON neutron.* TO 'neutron'@'localhost';"
}

keystone_manage() { keystone-manage --config-file "$RUN/etc/keystone.conf" "$@" >>"$LOGS/keystone-manage.log" 2>&1 || die "keystone-manage $1 failed: $(tail -n 5 "$LOGS/keystone-manage.log" | tr '\n' ' ')"; }

admin_env() {
  export OS_AUTH_URL="$AUTH_URL" OS_USERNAME=admin OS_PASSWORD="$PASSWORD" OS_PROJECT_NAME=admin
  export OS_USER_DOMAIN_NAME=Default OS_PROJECT_DOMAIN_NAME=Default OS_REGION_NAME=RegionOne OS_IDENTITY_API_VERSION=3
}
os() { "${OPENSTACK[@]}" "$@"; }

start_keystone() {
  running keystone && return 0
  if [[ ! -f "$RUN/keystone/.bootstrapped" ]]; then
    keystone_manage db_sync
    keystone_manage fernet_setup --keystone-user root --keystone-group root
    keystone_manage credential_setup --keystone-user root --keystone-group root
    keystone_manage bootstrap --bootstrap-password "$PASSWORD" --bootstrap-admin-url "$AUTH_URL/" \
      --bootstrap-internal-url "$AUTH_URL/" --bootstrap-public-url "$AUTH_URL/" --bootstrap-region-id RegionOne
  fi
  OS_KEYSTONE_CONFIG_FILES="$RUN/etc/keystone.conf" keystone-wsgi-public --host 127.0.0.1 --port "$KEYSTONE_PORT" >"$LOGS/keystone.log" 2>&1 &
  echo $! >"$PIDS/keystone.pid"
  wait_for Keystone "$LOGS/keystone.log" 90 curl -sf "$AUTH_URL/"
  if [[ ! -f "$RUN/keystone/.bootstrapped" ]]; then
    admin_env
    os project show service >/dev/null 2>&1 || os project create --domain Default service >/dev/null
    os user show neutron >/dev/null 2>&1 || os user create --domain Default --password "$PASSWORD" neutron >/dev/null
    os role add --project service --user neutron admin
    os service show network >/dev/null 2>&1 || os service create --name neutron network >/dev/null
    for iface in public internal admin; do
      os endpoint list --service network --interface "$iface" -f value -c ID | grep -q . ||
        os endpoint create --region RegionOne network "$iface" "http://127.0.0.1:$NEUTRON_PORT" >/dev/null
    done
    touch "$RUN/keystone/.bootstrapped"
  fi
}

neutron_args=()
start_neutron() {
  running neutron && return 0
  neutron_args=(--config-file "$RUN/etc/neutron.conf" --config-file "$RUN/etc/ml2_conf.ini")
  if [[ ! -f "$RUN/neutron/.migrated" ]]; then
    neutron-db-manage "${neutron_args[@]}" upgrade heads >"$LOGS/neutron-db-manage.log" 2>&1 || die "neutron-db-manage failed: $(tail -n 5 "$LOGS/neutron-db-manage.log" | tr '\n' ' ')"
    touch "$RUN/neutron/.migrated"
  fi
  neutron-server "${neutron_args[@]}" >"$LOGS/neutron.log" 2>&1 &
  echo $! >"$PIDS/neutron.pid"
  admin_env
  wait_for Neutron "$LOGS/neutron.log" 120 os security group list
}

write_env() {
  cat >"$LIVE/cloud.env" <<EOF
export OS_AUTH_URL=$AUTH_URL
export OS_USERNAME=admin
export OS_PASSWORD=$PASSWORD
export OS_PROJECT_NAME=admin
export OS_USER_DOMAIN_NAME=Default
export OS_PROJECT_DOMAIN_NAME=Default
export OS_REGION_NAME=RegionOne
export OS_IDENTITY_API_VERSION=3
EOF
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

case "${1:-}" in
start)
  mkdir -p "$PIDS" "$LOGS"
  install_packages
  write_configs
  api_paste
  start_mysql
  start_keystone
  start_neutron
  write_env
  say "Keystone $AUTH_URL and Neutron http://127.0.0.1:$NEUTRON_PORT answer"
  ;;
stop)
  # Neutron first: it holds connections to the others.
  for s in neutron keystone mysql; do stop_one "$s"; done
  ;;
status)
  for s in mysql keystone neutron; do if running "$s"; then echo "$s: running (pid $(cat "$PIDS/$s.pid"))"; else echo "$s: stopped"; fi; done
  ;;
*)
  die "usage: cloud.sh start|stop|status"
  ;;
esac
