#!/usr/bin/env bash
# Ingest throughput over HTTP vs raw JDBC batch inserts into the same MariaDB/MySQL database, same run.
# Usage: infra/bench/ingest-throughput.sh [senders=4] [batches-per-sender=50] [rounds=3]
# Needs: the ingest jar (built here if missing) and a MySQL-compatible server (VIGIL_BENCH_SERVER,
# default jdbc:mysql://127.0.0.1:3306/ with root and no password).
# VIGIL_BENCH_PORT (18181), VIGIL_BENCH_JAR (another build to compare), VIGIL_BENCH_WARMUP (100 batches per sender
# before the rounds, so the rounds do not time the JIT), VIGIL_BENCH_JAVA_OPTS (e.g. a JFR recording).
set -euo pipefail
cd "$(dirname "$0")/../.."
SENDERS=${1:-4}
BATCHES=${2:-50}
SERVER=${VIGIL_BENCH_SERVER:-jdbc:mysql://127.0.0.1:3306/}
DB=vigil_bench_$(date +%s)
PORT=${VIGIL_BENCH_PORT:-18181}
JAR=${VIGIL_BENCH_JAR:-functions/ingest/target/vigil-ingest-0.1.0-SNAPSHOT-lambda.jar}
[ -f "$JAR" ] || mvn -B -q -pl functions/ingest -am package -DskipTests
CONNECTOR=$(find ~/.m2/repository/com/mysql/mysql-connector-j -name 'mysql-connector-j-*.jar' | sort | tail -1)

mysql -uroot -h127.0.0.1 -e "CREATE DATABASE $DB CHARACTER SET utf8mb4"
cleanup() { [ -n "${PID:-}" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null; mysql -uroot -h127.0.0.1 -e "DROP DATABASE IF EXISTS $DB"; }
trap cleanup EXIT

VIGIL_JDBC_URL="${SERVER}${DB}" VIGIL_ADMIN_TOKEN=bench-admin MICRONAUT_SERVER_PORT=$PORT \
  VIGIL_INGEST_RATE_LIMIT_ENABLED=false java ${VIGIL_BENCH_JAVA_OPTS:-} -jar "$JAR" > "${VIGIL_BENCH_LOG:-/tmp/vigil-ingest-bench-$PORT.log}" 2>&1 &
PID=$!
# a loaded machine may need a minute to start the server
for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.5; done
curl -sf "http://127.0.0.1:$PORT/health" >/dev/null || { echo "ingest did not start within 120 s; see its log" >&2; exit 1; }

java -cp "$CONNECTOR" infra/bench/IngestBench.java "http://127.0.0.1:$PORT" \
  "${SERVER}${DB}?user=root&rewriteBatchedStatements=true&useSSL=false" bench-admin "$SENDERS" "$BATCHES" "${3:-3}" "$PID" "${VIGIL_BENCH_WARMUP:-100}"
