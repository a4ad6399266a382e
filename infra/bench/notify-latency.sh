#!/bin/sh
# Notification latency, two figures:
#  1. sample-to-SMTP (issue 10's target): the local app on its defaults (embedded H2, evaluate 15 s,
#     notify 10 s, the default routing tree), a real SMTP server in the JVM; each trial posts one
#     sample above DiskSpaceLow's critical threshold and waits for the email. min / median / p95.
#  2. event-to-email: alert + FIRING event written like evaluate does, the real NotifySchedule at its
#     local period, MariaDB on 127.0.0.1. One line per group wait.
# Usage: infra/bench/notify-latency.sh [trials=10] [alerts=5] [group-waits=30s,10s,0s] [interval=10s]
cd "$(dirname "$0")/../.." || exit 1
LOG=$(mktemp)
if ! mvn -B -q -pl functions/local -am test -Dtest=SampleToEmailLatencyBench -Dsurefire.failIfNoSpecifiedTests=false \
  -DargLine="-Dbench.trials=${1:-10}" >"$LOG" 2>&1; then
  tail -40 "$LOG"; rm -f "$LOG"; exit 1
fi
grep -h BENCH functions/local/target/surefire-reports/dev.vigil.local.SampleToEmailLatencyBench-output.txt
if ! mvn -B -q -pl functions/core,functions/notify -am verify -Dtest=NotifyLatencyBench -Dsurefire.failIfNoSpecifiedTests=false \
  -DargLine="-Dbench.alerts=${2:-5} -Dbench.group-waits=${3:-30s,10s,0s} -Dbench.interval=${4:-10s}" >"$LOG" 2>&1; then
  tail -40 "$LOG"; rm -f "$LOG"; exit 1
fi
rm -f "$LOG"
grep -h BENCH functions/notify/target/surefire-reports/dev.vigil.notify.NotifyLatencyBench-output.txt
