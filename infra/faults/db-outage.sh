#!/usr/bin/env bash
# Database outage under a running ingest: kills a private MariaDB (SIGKILL, as a crash would), measures
# how fast every endpoint answers 503 with Retry-After and /health says DOWN, restarts the database and
# measures how long until samples are accepted again. Never touches the shared MariaDB on 3306.
# Usage: infra/faults/db-outage.sh [outage-seconds=20] [kill|stop]
#   kill (default): SIGKILL, connections are reset; stop: SIGSTOP, the database hangs without a word
#   (a frozen VM, a full disk), then SIGCONT instead of a restart.
# Needs: mariadbd, mariadb-install-db, curl, java 17; builds the ingest jar if missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUTAGE=${1:-20}
MODE=${2:-kill}
JAR=functions/ingest/target/vigil-ingest-0.1.0-SNAPSHOT-lambda.jar
[ -f "$JAR" ] || mvn -B -q -o -pl functions/ingest -am package -DskipTests
WORK=$(mktemp -d /tmp/vigil-db-outage-XXXX)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
DB_PORT=$(free_port)
API_PORT=$(free_port)
ADMIN=outage-admin-$RANDOM$RANDOM
ms() { date +%s%3N; }

start_db() {
  mariadbd --no-defaults --datadir="$WORK/data" --socket="$WORK/mysqld.sock" --pid-file="$WORK/mysqld.pid" \
    --port="$DB_PORT" --bind-address=127.0.0.1 --user=root --skip-log-bin --innodb-buffer-pool-size=32M \
    --skip-name-resolve >>"$WORK/mariadb.log" 2>&1 &
  DB_PID=$!
  for _ in $(seq 1 300); do
    mariadb -uroot -h127.0.0.1 -P"$DB_PORT" -e 'SELECT 1' >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "private MariaDB did not start; see $WORK/mariadb.log" >&2; exit 1
}
cleanup() {
  [ -n "${API_PID:-}" ] && kill "$API_PID" 2>/dev/null || true
  [ -n "${DB_PID:-}" ] && { kill -CONT "$DB_PID"; kill -9 "$DB_PID"; } 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

mariadb-install-db --no-defaults --datadir="$WORK/data" --auth-root-authentication-method=normal --skip-test-db >"$WORK/install.log" 2>&1
start_db
mariadb -uroot -h127.0.0.1 -P"$DB_PORT" -e 'CREATE DATABASE vigil CHARACTER SET utf8mb4'

VIGIL_JDBC_URL="jdbc:mysql://127.0.0.1:$DB_PORT/vigil?rewriteBatchedStatements=true&useSSL=false" VIGIL_JDBC_USER=root \
  VIGIL_ADMIN_TOKEN=$ADMIN MICRONAUT_SERVER_PORT=$API_PORT java -jar "$JAR" >"$WORK/ingest.log" 2>&1 &
API_PID=$!
U=http://127.0.0.1:$API_PORT
for _ in $(seq 1 120); do curl -sf "$U/health" >/dev/null 2>&1 && break; sleep 0.5; done
TOKEN=$(curl -sf -X POST "$U/api/v1/hosts" -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
  -d '{"name":"db-01"}' | sed 's/.*"token":"\([^"]*\)".*/\1/')
batch() { echo "{\"host\":\"db-01\",\"samples\":[{\"metric\":\"load1\",\"value\":$RANDOM}]}"; }
post() { curl -s -o "$WORK/body" -D "$WORK/head" -w '%{http_code} %{time_total}' -X POST "$U/api/v1/samples" \
  -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d "$(batch)"; }

echo "before the outage: POST /api/v1/samples -> $(post)"
if [ "$MODE" = stop ]; then kill -STOP "$DB_PID"; else kill -9 "$DB_PID"; wait "$DB_PID" 2>/dev/null || true; fi
KILLED=$(ms)
echo "database: $MODE"
printf '%-32s %6s %9s  %s\n' endpoint status seconds body
for ep in "POST /api/v1/samples" "GET /api/v1/hosts" "GET /api/v1/series?host=db-01" "GET /api/v1/overview" \
          "GET /api/v1/alerts" "GET /health"; do
  method=${ep%% *}; path=${ep#* }
  if [ "$method" = POST ]; then r=$(post); else
    r=$(curl -s -o "$WORK/body" -D "$WORK/head" -w '%{http_code} %{time_total}' "$U$path" -H "Authorization: Bearer $ADMIN"); fi
  [ -z "${FIRST_503:-}" ] && FIRST_503=$(( $(ms) - KILLED ))
  retry=$(grep -i '^retry-after' "$WORK/head" | tr -d '\r' || true)
  printf '%-32s %6s %9s  %s %s\n' "$ep" ${r% *} ${r#* } "$(cat "$WORK/body")" "${retry:+($retry)}"
done
echo "first answer ${FIRST_503} ms after the kill"
sleep "$OUTAGE"
echo "still down after ${OUTAGE} s: POST /api/v1/samples -> $(post)"
if [ "$MODE" = stop ]; then kill -CONT "$DB_PID"; else start_db; fi
UP=$(ms)
while :; do
  r=$(post)
  [ "${r% *}" = 202 ] && break
  [ $(( $(ms) - UP )) -gt 60000 ] && { echo "no recovery within 60 s: $r $(cat "$WORK/body")"; exit 1; }
  sleep 0.1
done
echo "recovered: samples accepted $(( $(ms) - UP )) ms after the database accepted connections (no restart of ingest)"
echo "health now: $(curl -s "$U/health")"
