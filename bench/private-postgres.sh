#!/usr/bin/env bash
# A PostgreSQL server of its own for the outage benchmark, so that stopping it disturbs no other
# database work on the machine. Debian's PostgreSQL binaries (PG_BIN to use others).
#   bench/private-postgres.sh DIR init PORT     # a new cluster in DIR, listening on 127.0.0.1:PORT, trust auth
#   bench/private-postgres.sh DIR start|stop    # stop is a fast shutdown, as a restart or failover does
#   bench/private-postgres.sh DIR destroy       # stops it and deletes DIR
set -euo pipefail
dir=$1
action=$2
bin=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -1)}
# initdb and the server refuse to run as root: as root, run them as the postgres user.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case $action in
  init)
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi
    as_owner "$bin/initdb" -D "$dir/data" -A trust -U postgres > /dev/null
    cat >> "$dir/data/postgresql.conf" <<CONF
port = $3
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
max_connections = 200
CONF
    ;;
  start) as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 start > /dev/null ;;
  stop) as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop > /dev/null ;;
  destroy)
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop > /dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 DIR init PORT | start | stop | destroy" >&2; exit 2 ;;
esac
