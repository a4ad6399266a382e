#!/usr/bin/env bash
# Expire one day of samples by partition drop vs batched DELETE (with ingest running), and roll up
# one hour. Needs a MySQL/MariaDB server (default 127.0.0.1:3306, root, no password; override with
# BENCH_JDBC_SERVER=jdbc:mysql://host:port/ BENCH_JDBC_USER BENCH_JDBC_PASSWORD).
# Scale: HOSTS (250) x SERIES (40) x one day at INTERVAL_S (60). The issue's 1,000 x 40 x 5,760
# (15 s) is 230M rows; pick what the machine's time budget allows and report it as run.
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -pl functions/core,functions/housekeeping -am test-compile
mvn -B -q -pl functions/housekeeping dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
    -Dmdep.includeScope=test >/dev/null
CP="functions/housekeeping/target/test-classes:functions/housekeeping/target/classes:functions/core/target/classes:functions/core/target/test-classes:$(cat functions/housekeeping/target/bench.classpath)"
exec java -Xmx2g -cp "$CP" dev.vigil.housekeeping.bench.HousekeepingBenchmark
