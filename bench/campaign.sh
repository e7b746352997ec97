#!/usr/bin/env bash
# Campaign crediting benchmark: 100,000 customers credited through the API, beside a raw JDBC
# batch insert of the same rows into the same database. Prints a table.
#   bench/campaign.sh                                  # H2 file database
#   bench/campaign.sh --postgres 'jdbc:postgresql://127.0.0.1:5432/test?user=postgres'
#   bench/campaign.sh --customers 20000
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -DskipTests test-compile
mvn -q -B exec:java -Dexec.mainClass=com.amends.bench.CampaignBenchmark -Dexec.args="$*" 2>&1 \
  | grep -vE '^(WARN|INFO|DEBUG)|^\s*$'
exit "${PIPESTATUS[0]}"
