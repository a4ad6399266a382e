#!/bin/sh
# Outbox delivery rate to a local SMTP server (GreenMail) and a loopback webhook, MariaDB on 127.0.0.1,
# with ratios against raw jakarta-mail / HttpClient sends of the same messages in the same run.
# Usage: infra/bench/notify-throughput.sh [hosts=300] [profile=false]   (prints BENCH lines)
cd "$(dirname "$0")/../.." || exit 1
LOG=$(mktemp)
if ! mvn -B -q -pl functions/core,functions/notify -am verify -Dtest=OutboxThroughputBench -Dsurefire.failIfNoSpecifiedTests=false \
  -DargLine="-Dbench.hosts=${1:-300} -Dbench.profile=${2:-false}" >"$LOG" 2>&1; then
  tail -40 "$LOG"; rm -f "$LOG"; exit 1
fi
rm -f "$LOG"
grep -h BENCH functions/notify/target/surefire-reports/dev.vigil.notify.OutboxThroughputBench-output.txt
