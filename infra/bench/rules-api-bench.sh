#!/usr/bin/env bash
# Rules as data: one full evaluation cycle at 1,000 hosts with 100 API rules and 1,000 per-host overrides,
# against the same cycle with the default rules only (same run, same database, rounds A B C A B C; B has the API rules without the overrides), on the local
# MariaDB (fresh database, dropped at exit).
#   infra/bench/rules-api-bench.sh
#   BENCH_HOSTS=2000 BENCH_API_RULES=200 BENCH_OVERRIDES=2000 BENCH_CYCLES=7 infra/bench/rules-api-bench.sh
# Test database server: VIGIL_TEST_JDBC_URL (+_USER/_PASSWORD), else 127.0.0.1:3306 root.
set -euo pipefail
cd "$(dirname "$0")/../.."
ARGS="-Dbench.hosts=${BENCH_HOSTS:-1000} -Dbench.apiRules=${BENCH_API_RULES:-100} -Dbench.overrides=${BENCH_OVERRIDES:-1000} -Dbench.cycles=${BENCH_CYCLES:-5}"
mvn -B -q -pl functions/core,functions/evaluate -am test \
  -Dtest=RulesApiBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -DredirectTestOutputToFile=false -DtrimStackTrace=true \
  -DargLine="-Xmx2g $ARGS" \
  | grep -v '^\[' | grep -v '^SLF4J' | grep -v '|-'
# surefire keeps a test's output in its report file: show the figures from there
sed -n '/== rules-api benchmark/,$p' functions/evaluate/target/surefire-reports/dev.vigil.evaluate.bench.RulesApiBenchmark-output.txt
