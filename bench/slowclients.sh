#!/usr/bin/env bash
# Slow clients: the server jar while 1,000 and then 2,000 connections send a grant's headers and then
# its body a byte a second. Times GET /v1/me and a grant before and during, reads how many
# connections the server holds and how many request threads are busy, and counts how the trickling
# connections end (408, closed, still open).
#   bench/slowclients.sh                                   # H2 file database, shipped settings
#   bench/slowclients.sh --postgres 'jdbc:postgresql://127.0.0.1:5432/test?user=postgres'
#   bench/slowclients.sh --connections 1000,2000 --seconds 15 --samples 40
#   bench/slowclients.sh --max-connections 1500            # the API port's connection limit (4,000 shipped)
#   bench/slowclients.sh --jar /path/to/older/amends.jar   # another build, e.g. one without the protection
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(ulimit -n)" -lt 8192 ]; then
  ulimit -n 8192 2> /dev/null || echo "ulimit -n is $(ulimit -n): too few file descriptors for 2,000 connections" >&2
fi
mvn -q -B -DskipTests package
mvn -q -B exec:java -Dexec.mainClass=com.amends.bench.SlowClientBenchmark -Dexec.args="$*" 2>&1 \
  | grep --line-buffered -vE '^(WARN|INFO|DEBUG) |^127\.0\.0\.1 |^\s*$|^(UPDATE SUMMARY|Run:|Previously run:|Filtered out:|Total change sets:|-{20,})'
exit "${PIPESTATUS[0]}"
