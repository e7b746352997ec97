#!/usr/bin/env bash
# Webhook delivery benchmark: events written by a campaign, delivered by the server's worker to a
# receiver in the benchmark's JVM, beside a plain HTTP client sending the same bodies to the same
# receiver at the same concurrency. One fresh server per in-flight setting. Prints one table.
#   bench/webhooks.sh                                  # H2 file database, 20,000 events, in flight 2,16,2,16
#   bench/webhooks.sh --postgres 'jdbc:postgresql://127.0.0.1:5432/test?user=postgres'
#   bench/webhooks.sh --events 5000 --in-flight 8
#   bench/webhooks.sh --in-flight 2 --warmup-rounds 4 --profile   # JFR of the server while it delivers, summarised
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -DskipTests package
mvn -q -B exec:java -Dexec.mainClass=com.amends.bench.WebhookBenchmark -Dexec.args="$*" 2>&1 \
  | grep --line-buffered -vE '^(WARN|INFO|DEBUG) |^127\.0\.0\.1 |^\s*$|^(UPDATE SUMMARY|Run:|Previously run:|Filtered out:|Total change sets:|-{20,})'
exit "${PIPESTATUS[0]}"
