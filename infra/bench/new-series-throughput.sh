#!/bin/sh
# Ingest of new series (a host's first batch: every series unseen) against ingest of known series (the same
# series again), same batch shape, same run, fresh hosts every round, on a fresh database of the local
# MariaDB (or VIGIL_TEST_JDBC_URL). Prints statements and commits per batch too (a count load does not change).
# Usage: infra/bench/new-series-throughput.sh [rounds=8] [hosts-per-round=10]   (batches of 1,000 samples)
set -eu
cd "$(dirname "$0")/../.."
ROUNDS=${1:-8}
HOSTS=${2:-10}
mvn -B -q -o -pl functions/core,functions/ingest -am verify \
  -Dtest=NewSeriesThroughputBench -Dsurefire.failIfNoSpecifiedTests=false \
  -DargLine="-Dbench.rounds=$ROUNDS -Dbench.hosts=$HOSTS" >/dev/null
cat functions/ingest/target/new-series-throughput.txt
