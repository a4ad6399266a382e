#!/bin/sh
# Time from a Vigil alert firing to a real Alertmanager (Debian's prometheus-alertmanager) listing it,
# with the local app on its defaults and VIGIL_NOTIFY_ALERTMANAGER_URLS pointing at it.
# Usage: infra/bench/alertmanager-latency.sh [trials=8]
cd "$(dirname "$0")/../.." || exit 1
LOG=$(mktemp)
if ! mvn -B -q -pl functions/local -am test -Dtest=AlertmanagerLatencyBench -Dsurefire.failIfNoSpecifiedTests=false \
  -DargLine="-Dbench.trials=${1:-8}" >"$LOG" 2>&1; then
  tail -40 "$LOG"; rm -f "$LOG"; exit 1
fi
rm -f "$LOG"
grep -h BENCH functions/local/target/surefire-reports/dev.vigil.local.AlertmanagerLatencyBench-output.txt
