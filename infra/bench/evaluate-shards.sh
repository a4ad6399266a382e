#!/usr/bin/env bash
# One evaluator against 4 shards (vigil.evaluate.shards) over a generated fleet (default 10,000 hosts, the
# EvaluateBenchmark fleet) on the local MariaDB, fresh database dropped at exit. Checks that the shards, run one
# after another and all at once, leave exactly the alerts and events of one evaluator over three cycles
# (raise, escalate, resolve), then times full cycles (every rule due) in alternating rounds.
#   infra/bench/evaluate-shards.sh                       # 10,000 hosts, 4 shards, 3 rounds
#   BENCH_HOSTS=1000 BENCH_SHARDS=2 infra/bench/evaluate-shards.sh
# Test database server: VIGIL_TEST_JDBC_URL (+_USER/_PASSWORD), else 127.0.0.1:3306 root.
set -euo pipefail
cd "$(dirname "$0")/../.."
HOSTS="${BENCH_HOSTS:-10000}" SHARDS="${BENCH_SHARDS:-4}" ROUNDS="${BENCH_ROUNDS:-3}"
OUT=functions/evaluate/target/surefire-reports/dev.vigil.evaluate.bench.EvaluateShardsBenchmark-output.txt
rm -f "$OUT"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
LOG=$(mktemp)
trap 'rm -f "$LOG"' EXIT
status=0
mvn -B -q -o -pl functions/core,functions/evaluate -am test \
  -Dtest=EvaluateShardsBenchmark -Dsurefire.failIfNoSpecifiedTests=false -DtrimStackTrace=true \
  -DargLine="-Xmx2g -Dbench.hosts=$HOSTS -Dbench.shards=$SHARDS -Dbench.rounds=$ROUNDS" >"$LOG" 2>&1 || status=$?
[ "$status" -eq 0 ] || grep -v '^SLF4J' "$LOG" | tail -40
# the parent pom sends test output to a file: print the benchmark's lines (FIGURE lines come last)
[ -f "$OUT" ] && grep -v -e '^\s*|-' -e '^SLF4J' -e '^\s*$' -e '^[0-9:. ]*\[' "$OUT"
exit $status
