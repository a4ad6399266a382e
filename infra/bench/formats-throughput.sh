#!/bin/sh
# Parse + store throughput of the Prometheus, Influx and collectd ingest paths against native JSON,
# measured in one run on a fresh database of the local MariaDB (or VIGIL_TEST_JDBC_URL).
# Usage: infra/bench/formats-throughput.sh [batches]   (1,000 samples per batch, default 60)
set -eu
cd "$(dirname "$0")/../.."
mvn -B -q -pl functions/core,functions/ingest -am verify \
  -Dtest=FormatsThroughputBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.batches="${1:-60}" -DargLine="-Dbench.batches=${1:-60}" >/dev/null
cat functions/ingest/target/formats-throughput.txt
