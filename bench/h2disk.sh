#!/usr/bin/env bash
# The H2 file against its disk, on the server jar with config.yml's H2 URL (see docs/RELIABILITY.md,
# "H2 and its disk"). Prints tables.
#   bench/h2disk.sh                                  # growth: 100,000 grants and redemptions, the file
#                                                    # against its live bytes every 10,000, then compacted
#   bench/h2disk.sh --requests 20000 --every 5000 --max-seconds 600
#   bench/h2disk.sh --mode full                      # a full disk: the server's file size limit lowered to
#                                                    # its file's size under writes (prlimit), then raised
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -DskipTests package
# The run uses a copy of the jar, so that the tree can be rebuilt while it goes on.
jar="$(mktemp -d)/amends.jar"
cp target/amends.jar "$jar"
mvn -q -B exec:java -Damends.bench.jar="$jar" -Dexec.mainClass=com.amends.bench.H2DiskBenchmark -Dexec.args="$*" 2>&1 \
  | grep --line-buffered -vE '^(WARN|INFO|DEBUG) |^127\.0\.0\.1 |^\s*$|^(UPDATE SUMMARY|Run:|Previously run:|Filtered out:|Total change sets:|-{20,})'
exit "${PIPESTATUS[0]}"
