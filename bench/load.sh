#!/usr/bin/env bash
# Load benchmark: the server jar driven by wrk at one concurrency (32 by default), beside what the
# same machine does without Amends, measured in the same run: the HTTP ceiling (GET /v1/me), TPC-B
# (pgbench on PostgreSQL; the same statements through JDBC on H2) and a bare ledger transfer. Also
# counts what each request costs the database: statements, commits and (PostgreSQL) WAL records.
#   bench/load.sh                                   # H2 file database, shipped URL options
#   bench/load.sh --postgres 'jdbc:postgresql://127.0.0.1:5432/test?user=postgres'
#   bench/load.sh --seconds 15 --clients 32 --customers 500 --warmup-min 180 --profile   # with a JFR profile, summarised
#   bench/load.sh --postgres URL --costs-only   # only statements, commits and WAL per request, WAL by table and index
#   bench/load.sh --outbox              # also: redeem and grant with a webhook endpoint off and on in turn (issue 18)
#   bench/load.sh --outbox-only         # only that, after the warm-up (with --profile: JFR of redeem with the endpoint on)
# The older JDK-client benchmark (several concurrencies, database ceiling in-process, cost growth
# with a long history, outbox cost) is bench/load-java.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v wrk > /dev/null; then
  echo "wrk is missing; installing Debian's package" >&2
  apt-get install -y wrk > /dev/null || { apt-get update > /dev/null && apt-get install -y wrk > /dev/null; }
fi
if [[ " $* " == *" --postgres "* ]] && ! command -v pgbench > /dev/null; then
  echo "pgbench is missing; install postgresql-contrib or postgresql-client" >&2
  exit 1
fi
mvn -q -B -DskipTests package
mvn -q -B exec:java -Dexec.mainClass=com.amends.bench.WrkBenchmark -Dexec.args="$*" 2>&1 \
  | grep --line-buffered -vE '^(WARN|INFO|DEBUG) |^127\.0\.0\.1 |^\s*$|^(UPDATE SUMMARY|Run:|Previously run:|Filtered out:|Total change sets:|-{20,})'
exit "${PIPESTATUS[0]}"
