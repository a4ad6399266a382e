#!/bin/sh
# Prometheus remote-write ingest rate against the native JSON path, both over HTTP, in one run on a fresh
# database of the local MariaDB (or VIGIL_TEST_JDBC_URL). Batches of 500 series as Prometheus sends them.
# Usage: infra/bench/remote-write-throughput.sh [batches]   (default 200)
set -eu
cd "$(dirname "$0")/../.."
mvn -B -q -pl functions/core,functions/ingest -am verify \
  -Dtest=RemoteWriteThroughputBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.batches="${1:-200}" -DargLine="-Dbench.batches=${1:-200}" >/dev/null
cat functions/ingest/target/remote-write-throughput.txt
