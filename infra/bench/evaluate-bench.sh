#!/usr/bin/env bash
# One evaluation cycle with the default rules over generated fleets (default 1,000 and 10,000 hosts)
# on the local MariaDB (fresh database per fleet, dropped at exit), plus the delay from a threshold
# crossing to its FIRING event with the local 15 s schedule.
#   infra/bench/evaluate-bench.sh                 # 1000,10000 hosts
#   BENCH_HOSTS=500,5000 infra/bench/evaluate-bench.sh
# Test database server: VIGIL_TEST_JDBC_URL (+_USER/_PASSWORD), else 127.0.0.1:3306 root.
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -pl functions/core,functions/evaluate -am test \
  -Dtest=EvaluateBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.hosts="${BENCH_HOSTS:-1000,10000}" -Dbench.cycles="${BENCH_CYCLES:-3}" \
  -DredirectTestOutputToFile=false -DtrimStackTrace=true \
  -DargLine="-Xmx2g -Dbench.hosts=${BENCH_HOSTS:-1000,10000} -Dbench.cycles=${BENCH_CYCLES:-3} -Dbench.skipLatency=${BENCH_SKIP_LATENCY:-false}" \
  | grep -v '^\[' | grep -v '^SLF4J' | grep -v '|-'
