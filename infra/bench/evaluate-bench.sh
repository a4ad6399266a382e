#!/usr/bin/env bash
# One evaluation cycle with the default rules over generated fleets (default 1,000 and 10,000 hosts)
# on the local MariaDB (fresh database per fleet, dropped at exit), plus the delay from a threshold
# crossing to its FIRING event with the local 15 s schedule.
#   infra/bench/evaluate-bench.sh                 # 1000,10000 hosts
#   BENCH_HOSTS=500,5000 infra/bench/evaluate-bench.sh
#   BENCH_HOSTS=1000,10000 BENCH_CYCLES=3 BENCH_SKIP_LATENCY=true infra/bench/evaluate-bench.sh   # issue 17's figure
# Ends with FIGURE lines: evaluate_<n>_full_ms (every rule due; target 2500 at 10k), evaluate_<n>_statements,
# evaluate_growth_<first>_to_<n> (target 11 for 10x the hosts).
# Test database server: VIGIL_TEST_JDBC_URL (+_USER/_PASSWORD), else 127.0.0.1:3306 root.
set -euo pipefail
cd "$(dirname "$0")/../.."
# the root pom sends test output to surefire's report file: read it from there
report=functions/evaluate/target/surefire-reports/dev.vigil.evaluate.bench.EvaluateBenchmark-output.txt
rm -f "$report"
mvn -B -q -pl functions/core,functions/evaluate -am test \
  -Dtest=EvaluateBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.hosts="${BENCH_HOSTS:-1000,10000}" -Dbench.cycles="${BENCH_CYCLES:-3}" -DtrimStackTrace=true \
  -DargLine="-Xmx2g -Dbench.hosts=${BENCH_HOSTS:-1000,10000} -Dbench.cycles=${BENCH_CYCLES:-3} -Dbench.skipLatency=${BENCH_SKIP_LATENCY:-false}" \
  | grep -v '^SLF4J' || true
[ -f "$report" ] || { echo "evaluate-bench: the benchmark did not run" >&2; exit 1; }
grep -v '^\[' "$report" | grep -v '^SLF4J' | grep -v '^FIGURE' | grep -v '^[0-9:.]* \(DEBUG\|INFO\|WARN\)' || true
# the figures last, for infra/bench/all.sh
grep '^FIGURE' "$report" || { echo "evaluate-bench: no figures (the benchmark failed?)" >&2; exit 1; }
