#!/usr/bin/env bash
# Load benchmark with a JDK HTTP client (bench/load.sh drives wrk instead): the server jar under fixed concurrency (validate, redeem, hot, grant, mixed at 8,
# 32 and 128 clients), beside its HTTP ceiling and its database ceiling measured in the same run,
# then wallet and ledger cost with a 100,000-entry history. Prints one table. Long on H2: filling
# that history through the API takes most of the run (see docs/PERFORMANCE.md).
#   bench/load-java.sh                                   # H2 file database, server at -Xmx256m
#   bench/load-java.sh --postgres 'jdbc:postgresql://127.0.0.1:5432/test?user=postgres'
#   bench/load-java.sh --scenarios redeem --clients 32 --profile   # with a JFR profile of the server, summarised
#   bench/load-java.sh --seconds 5 --history 10000                 # a quicker look
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -DskipTests package
mvn -q -B exec:java -Dexec.mainClass=com.amends.bench.LoadBenchmark -Dexec.args="$*" 2>&1 \
  | grep --line-buffered -vE '^(WARN|INFO|DEBUG) |^127\.0\.0\.1 |^\s*$|^(UPDATE SUMMARY|Run:|Previously run:|Filtered out:|Total change sets:|-{20,})'
exit "${PIPESTATUS[0]}"
