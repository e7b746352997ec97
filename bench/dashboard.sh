#!/usr/bin/env bash
# The finance dashboard over a year of journal entries (1,000,000 by default, loaded as
# bench/reports.sh loads them, each with its grant row): the report API's time for each request
# the page makes and for all of them at once, then the page itself in headless Chromium (Debian's
# chromium and chromium-driver, as the browser tests use), from navigation to every section drawn.
#   bench/dashboard.sh                                  # H2 file database, a year by month
#   bench/dashboard.sh --postgres 'jdbc:postgresql://127.0.0.1:5432/test?user=postgres'
#   bench/dashboard.sh --entries 200000 --bucket day --rounds 3
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -DskipTests test-compile
mvn -q -B exec:java -Dexec.mainClass=com.amends.bench.DashboardBenchmark -Dexec.args="$*" 2>&1 \
  | grep --line-buffered -vE '^(WARN|INFO|DEBUG)|^\s*$|^(UPDATE SUMMARY|Run:|Previously run:|Filtered out:|Total change sets:|-{20,})'
exit "${PIPESTATUS[0]}"
