#!/usr/bin/env bash
# The local all-in-one's start time (JVM start to /health answering 200) and its resident memory
# and CPU over a run with its in-process agent sampling this machine every 15 s.
# Usage: infra/bench/local-footprint.sh [jar=functions/local/target/vigil-local.jar] [seconds=600]
set -euo pipefail
JAR=$(realpath "${1:-functions/local/target/vigil-local.jar}")
SECONDS_TO_RUN=${2:-600}
PORT=${VIGIL_BENCH_PORT:-18484}
WORK=$(mktemp -d)
cd "$WORK"
start_ns=$(date +%s%N)
MICRONAUT_SERVER_PORT=$PORT java -jar "$JAR" > "$WORK/local.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$WORK"' EXIT
until curl -sf "http://127.0.0.1:$PORT/health" >/dev/null; do
  kill -0 $PID 2>/dev/null || { echo "local app died:"; tail -20 "$WORK/local.log"; exit 1; }
  sleep 0.1
done
ready_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
echo "start_to_health_ms=$ready_ms"
ticks=$(getconf CLK_TCK)
cpu0=$(awk '{print $14+$15}' /proc/$PID/stat); t0=$(date +%s)
max=0
for _ in $(seq 1 $((SECONDS_TO_RUN / 10))); do
  sleep 10
  rss=$(awk '/VmRSS/ {print $2}' /proc/$PID/status)
  [ "$rss" -gt "$max" ] && max=$rss
done
cpu1=$(awk '{print $14+$15}' /proc/$PID/stat); t1=$(date +%s)
rss=$(awk '/VmRSS/ {print $2}' /proc/$PID/status)
samples=$(curl -sf -H "Authorization: Bearer $(cat data/admin-token)" "http://127.0.0.1:$PORT/api/v1/overview" || true)
echo "after_seconds=$((t1 - t0)) rss_end_mb=$((rss / 1024)) rss_max_mb=$((max / 1024))"
awk -v c=$((cpu1 - cpu0)) -v t=$((t1 - t0)) -v hz="$ticks" 'BEGIN {printf "cpu_percent_of_one_core=%.2f\n", 100 * c / hz / t}'
echo "overview=$samples"
