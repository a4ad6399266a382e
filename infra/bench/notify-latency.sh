#!/bin/sh
# Event-to-email latency: alert + FIRING event written like evaluate does, the real NotifySchedule at its
# local period, the real clock, GreenMail as SMTP server, MariaDB on 127.0.0.1. One line per group wait.
# Usage: infra/bench/notify-latency.sh [alerts=5] [group-waits=30s,5s,0s] [interval=10s] [settle=2s]
cd "$(dirname "$0")/../.." || exit 1
LOG=$(mktemp)
if ! mvn -B -q -pl functions/core,functions/notify -am verify -Dtest=NotifyLatencyBench -Dsurefire.failIfNoSpecifiedTests=false \
  -DargLine="-Dbench.alerts=${1:-5} -Dbench.group-waits=${2:-30s,5s,0s} -Dbench.interval=${3:-10s} -Dbench.settle=${4:-2s}" >"$LOG" 2>&1; then
  tail -40 "$LOG"; rm -f "$LOG"; exit 1
fi
rm -f "$LOG"
grep -h BENCH functions/notify/target/surefire-reports/dev.vigil.notify.NotifyLatencyBench-output.txt
