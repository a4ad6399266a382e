#!/bin/sh
# Cost of one notify planning pass on MariaDB (127.0.0.1) with many firing alerts: the pass that
# announces them, and the idle pass every tick makes when nothing is due.
# Usage: infra/bench/notify-plan.sh [hosts=500] [alerts-per-host=4]
cd "$(dirname "$0")/../.." || exit 1
LOG=$(mktemp)
if ! mvn -B -q -pl functions/core,functions/notify -am test -Dtest=PlanPassBench -Dsurefire.failIfNoSpecifiedTests=false \
  -DargLine="-Dbench.hosts=${1:-500} -Dbench.alerts-per-host=${2:-4}" >"$LOG" 2>&1; then
  tail -40 "$LOG"; rm -f "$LOG"; exit 1
fi
rm -f "$LOG"
grep -h BENCH functions/notify/target/surefire-reports/dev.vigil.notify.PlanPassBench-output.txt
