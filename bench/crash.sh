#!/usr/bin/env bash
# Crash test: the server jar under many clients' grants, redemptions, holds and reversals, killed
# with kill -9 at a random moment, 20 rounds. After each restart the clients retry what got no
# answer, with the same Idempotency-Key; then nothing acknowledged may be lost or doubled, the
# books must reconcile and no balance may be negative. Prints a table; exits non-zero on failure.
#   bench/crash.sh                                   # H2 file database, with config.yml's settings
#   bench/crash.sh --postgres 'jdbc:postgresql://127.0.0.1:5432/test?user=postgres'
#   bench/crash.sh --rounds 5 --clients 8
#   bench/crash.sh --h2-options ';MODE=PostgreSQL;DEFAULT_NULL_ORDERING=HIGH'   # other H2 URL options
# With --campaign, the background crediting instead: a 2,500-row batch per round, polled without
# pauses, killed as soon as a credit shows; nothing shown may be gone after the restart.
#   bench/crash.sh --campaign [--rounds 8] [--recipients 2500] [--resume-wait 180] [--postgres ...]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -DskipTests package
mvn -q -B exec:java -Dexec.mainClass=com.amends.bench.CrashTest -Dexec.args="$*"
