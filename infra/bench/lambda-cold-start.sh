#!/usr/bin/env bash
# Cold start of each function's packaged Lambda jar in a fresh JVM, to its first handled event.
# Usage: infra/bench/lambda-cold-start.sh [runs=3]
# Prints one line per run and function, plus jar sizes. Uses a fresh MariaDB/MySQL database.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-3}
SERVER=${VIGIL_BENCH_SERVER:-jdbc:mysql://127.0.0.1:3306/}
DB=vigil_coldstart_$(date +%s)
mysql -uroot -h127.0.0.1 -e "CREATE DATABASE $DB CHARACTER SET utf8mb4"
trap 'mysql -uroot -h127.0.0.1 -e "DROP DATABASE IF EXISTS $DB"' EXIT
export VIGIL_JDBC_URL="${SERVER}${DB}" VIGIL_JDBC_USER=root VIGIL_JDBC_PASSWORD= VIGIL_ADMIN_TOKEN=coldstart

# function  handler-class  event-class  event-file
FUNCTIONS=(
  "ingest dev.vigil.ingest.IngestLambdaHandler com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent infra/events/ingest-health.json"
)
for f in evaluate notify housekeeping; do
  handler=$(find functions/$f/src/main/java -name "*Handler.java" 2>/dev/null | head -1 || true)
  [ -n "$handler" ] || continue
  cls=$(echo "$handler" | sed 's#.*/src/main/java/##; s#\.java$##; s#/#.#g')
  event=$(ls infra/events/$f-*.json 2>/dev/null | head -1)
  FUNCTIONS+=("$f $cls com.amazonaws.services.lambda.runtime.events.ScheduledEvent $event")
done

for spec in "${FUNCTIONS[@]}"; do
  read -r name cls evcls event <<<"$spec"
  jar=$(ls functions/$name/target/vigil-$name-*-lambda.jar 2>/dev/null | head -1)
  if [ -z "$jar" ]; then echo "$name: no packaged jar (mvn -B -q package -DskipTests first)"; continue; fi
  echo "$name jar_bytes=$(stat -c %s "$jar")"
  for i in $(seq 1 "$RUNS"); do
    java -XX:+TieredCompilation -XX:TieredStopAtLevel=1 -cp "$jar" infra/bench/ColdStart.java "$cls" "$evcls" "$event" 2>/dev/null | grep '^handler='
  done
done
