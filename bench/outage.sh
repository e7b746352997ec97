#!/usr/bin/env bash
# Faults operators meet, beyond the kill of bench/crash.sh, with the same clients and checks
# (nothing acknowledged lost or doubled, every stored answer replayed, the books reconciled,
# every event delivered), each a table:
#   1. PostgreSQL restarted under load (3 rounds);
#   2. PostgreSQL stopped for 60 s under load (1 round);
#   3. two server instances on one PostgreSQL behind HAProxy, one killed with kill -9 (3 rounds).
# 1 and 2 run on a PostgreSQL server of this script's own (bench/private-postgres.sh), so that
# stopping it disturbs nothing else; 3 on the one given (default: the local test server).
#   bench/outage.sh [--postgres URL] [--clients 8] [--outage-seconds 60] [--only restart|outage|instance]
set -euo pipefail
cd "$(dirname "$0")/.."
postgres='jdbc:postgresql://127.0.0.1:5432/test?user=postgres'
clients=8
outage=60
only=
while [ $# -gt 0 ]; do
  case $1 in
    --postgres) postgres=$2; shift 2 ;;
    --clients) clients=$2; shift 2 ;;
    --outage-seconds) outage=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
if ! command -v haproxy > /dev/null; then
  echo "haproxy is missing; installing Debian's package" >&2
  apt-get install -y haproxy > /dev/null || { apt-get update > /dev/null && apt-get install -y haproxy > /dev/null; }
fi
mvn -q -B -DskipTests package
crash() {
  local args=
  for arg in "$@"; do args+=" '$arg'"; done # one argument may hold spaces (the control command)
  mvn -q -B exec:java -Dexec.mainClass=com.amends.bench.CrashTest -Dexec.args="$args" 2>&1 \
    | grep --line-buffered -vE '^(WARN|INFO|DEBUG) |^127\.0\.0\.1 |^\s*$'
  return "${PIPESTATUS[0]}"
}
status=0
if [ -z "$only" ] || [ "$only" = restart ] || [ "$only" = outage ]; then
  dir=$(mktemp -d -t amends-postgres.XXXXXX)
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  trap 'bench/private-postgres.sh "$dir" destroy' EXIT
  bench/private-postgres.sh "$dir" init "$port"
  bench/private-postgres.sh "$dir" start
  url="jdbc:postgresql://127.0.0.1:$port/postgres?user=postgres"
  control="bench/private-postgres.sh $dir"
  if [ -z "$only" ] || [ "$only" = restart ]; then
    echo "== PostgreSQL restarted under load"
    crash --postgres "$url" --fault database --database-control "$control" --outage-seconds 0 --rounds 3 \
      --clients "$clients" || status=1
  fi
  if [ -z "$only" ] || [ "$only" = outage ]; then
    echo "== PostgreSQL stopped for $outage s under load"
    crash --postgres "$url" --fault database --database-control "$control" --outage-seconds "$outage" --rounds 1 \
      --clients "$clients" || status=1
  fi
fi
if [ -z "$only" ] || [ "$only" = instance ]; then
  echo "== Two instances behind HAProxy, one killed"
  crash --postgres "$postgres" --fault instance --rounds 3 --clients "$clients" || status=1
fi
exit $status
