#!/usr/bin/env bash
# The local all-in-one's start time (JVM start to /health answering 200) and its resident memory
# and CPU over a run with its in-process agent sampling this machine every 15 s.
# Usage: infra/bench/local-footprint.sh [jar=functions/local/target/vigil-local.jar] [seconds=180]
# Runs the README's command (the launcher functions/local/src/dist/vigil-local and its JVM flags) and, as the
# baseline in the same run, plain `java -jar` (the JVM sizing itself for the machine); BASELINE=0 skips it.
# Each app has its own data directory; ports VIGIL_BENCH_PORT (default 18484) and the next one.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR=$(realpath "${1:-functions/local/target/vigil-local.jar}")
SECONDS_TO_RUN=${2:-180}
PORT=${VIGIL_BENCH_PORT:-18484}
LAUNCHER=$ROOT/functions/local/src/dist/vigil-local
WORK=$(mktemp -d)
declare -A PID READY MAX CPU0
NAMES=(launcher)
[ "${BASELINE:-1}" = 1 ] && NAMES+=(java-jar)
cleanup() {
  for n in "${NAMES[@]}"; do [ -n "${PID[$n]:-}" ] && kill "${PID[$n]}" 2>/dev/null || true; done
  for n in "${NAMES[@]}"; do [ -n "${PID[$n]:-}" ] && wait "${PID[$n]}" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

port_of() { [ "$1" = launcher ] && echo "$PORT" || echo $((PORT + 1)); }
start_ns=$(date +%s%N)
for n in "${NAMES[@]}"; do
  mkdir -p "$WORK/$n"
  if [ "$n" = launcher ]; then
    (cd "$WORK/$n" && MICRONAUT_SERVER_PORT=$(port_of "$n") VIGIL_LOCAL_JAR=$JAR exec "$LAUNCHER" > log 2>&1) &
  else
    (cd "$WORK/$n" && MICRONAUT_SERVER_PORT=$(port_of "$n") exec java -jar "$JAR" > log 2>&1) &
  fi
  PID[$n]=$!
done
for n in "${NAMES[@]}"; do
  until curl -sf "http://127.0.0.1:$(port_of "$n")/health" >/dev/null; do
    kill -0 "${PID[$n]}" 2>/dev/null || { echo "local app ($n) died:"; tail -20 "$WORK/$n/log"; exit 1; }
    sleep 0.1
  done
  READY[$n]=$(( ($(date +%s%N) - start_ns) / 1000000 ))
done
ticks=$(getconf CLK_TCK)
for n in "${NAMES[@]}"; do CPU0[$n]=$(awk '{print $14+$15}' "/proc/${PID[$n]}/stat"); MAX[$n]=0; done
t0=$(date +%s)
for _ in $(seq 1 $((SECONDS_TO_RUN / 10))); do
  sleep 10
  for n in "${NAMES[@]}"; do
    rss=$(awk '/VmRSS/ {print $2}' "/proc/${PID[$n]}/status")
    [ "$rss" -gt "${MAX[$n]}" ] && MAX[$n]=$rss
  done
done
t1=$(date +%s)
echo "after_seconds=$((t1 - t0)) load=$(cut -d' ' -f1-3 /proc/loadavg) (both apps started together: start times include each other's)"
for n in "${NAMES[@]}"; do
  p=${PID[$n]}
  cpu1=$(awk '{print $14+$15}' "/proc/$p/stat")
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$p/status")
  samples=$(curl -sf -H "Authorization: Bearer $(cat "$WORK/$n/data/admin-token")" "http://127.0.0.1:$(port_of "$n")/api/v1/overview" || true)
  echo "$n: start_to_health_ms=${READY[$n]} rss_end_mb=$((rss / 1024)) rss_max_mb=$((MAX[$n] / 1024))" \
    "$(awk -v c=$((cpu1 - CPU0[$n])) -v t=$((t1 - t0)) -v hz="$ticks" 'BEGIN {printf "cpu_percent_of_one_core=%.2f", 100 * c / hz / t}')"
  echo "$n: overview=$samples"
done
echo "flags(launcher)=$(sed -n 's/^DEFAULT_JVM_OPTS="\(.*\)"$/\1/p' "$LAUNCHER") MALLOC_ARENA_MAX=2"
if [ "${BASELINE:-1}" = 1 ]; then
  awk -v s="${MAX[launcher]}" -v b="${MAX[java-jar]}" \
    'BEGIN {printf "FIGURE\tlocal_rss_mb\t%.1f\tMB\t%.1f\t%.2f\t200\n", s / 1024, b / 1024, s / b}'
else
  awk -v s="${MAX[launcher]}" 'BEGIN {printf "FIGURE\tlocal_rss_mb\t%.1f\tMB\t-\t-\t200\n", s / 1024}'
fi
