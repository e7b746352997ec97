#!/usr/bin/env bash
# Finance reports over a year of journal entries (1,000,000 by default), each beside a plain
# SUM over the postings table in the same run. Prints a table.
#   bench/reports.sh                                  # H2 file database
#   bench/reports.sh --postgres 'jdbc:postgresql://127.0.0.1:5432/test?user=postgres'
#   bench/reports.sh --entries 200000
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -DskipTests test-compile
mvn -q -B exec:java -Dexec.mainClass=com.amends.bench.ReportBenchmark -Dexec.args="$*" 2>&1 \
  | grep --line-buffered -vE '^(WARN|INFO|DEBUG)|^\s*$|^(UPDATE SUMMARY|Run:|Previously run:|Filtered out:|Total change sets:|-{20,})'
exit "${PIPESTATUS[0]}"
