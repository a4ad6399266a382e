#!/usr/bin/env bash
# Cold start of each function's packaged Lambda jar run by the AWS runtime interface client 2.10.1 (as the
# AWS Java base images run it) against a Runtime API stub: process start to the first answer, median of
# ROUNDS fresh JVMs per function, on a fresh local MariaDB/MySQL database (dropped at the end). Each round also
# starts the function without the jar's class data sharing archive (the baseline), alternating.
# Usage: infra/bench/lambda-ric-cold-start.sh [rounds=3]   (builds the jars; add -o to MAVEN_ARGS offline)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${1:-3}
LOG=$(mktemp)
trap 'rm -f "$LOG"' EXIT
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
mvn -B ${MAVEN_ARGS:-} -pl functions/local -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=LambdaRuntimeColdStartBench -Dfailsafe.failIfNoSpecifiedTests=false -Dvigil.bench.rounds="$ROUNDS" \
  >"$LOG" 2>&1 || { tail -50 "$LOG"; exit 1; }
sed -n '/^function /,/^$/p' "$LOG"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
grep -P '^FIGURE\t' "$LOG"
