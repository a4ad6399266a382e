#!/bin/sh
# Cost of the per-host series limits on ingest throughput: limits on and off in one run on one fresh
# database of the local MariaDB (or VIGIL_TEST_JDBC_URL), rounds interleaved, ratio printed.
# Usage: infra/bench/series-limits-throughput.sh [batches]   (1,000 samples per batch and state, default 100)
set -eu
cd "$(dirname "$0")/../.."
mvn -B -q -o -pl functions/core,functions/ingest -am verify \
  -Dtest=SeriesLimitsThroughputBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.batches="${1:-100}" -DargLine="-Dbench.batches=${1:-100}" >/dev/null
cat functions/ingest/target/series-limits-throughput.txt
