#!/bin/sh
# Outbox delivery rate to a local SMTP server (GreenMail) and a loopback webhook, MariaDB on 127.0.0.1,
# with ratios against raw jakarta-mail / HttpClient sends of the same messages in the same run: ROUNDS
# passes of each, alternating, both raw streams at once as the product's two workers run; median ratio.
# Usage: infra/bench/notify-throughput.sh [hosts=300] [rounds=5] [profile=false]
# Prints BENCH lines, then FIGURE lines (notify_email_vs_smtp, notify_webhook_vs_http; target ratio 0.7).
cd "$(dirname "$0")/../.." || exit 1
LOG=$(mktemp)
if ! mvn -B -q -o -pl functions/core,functions/notify -am test -Dtest=OutboxThroughputBench -Dsurefire.failIfNoSpecifiedTests=false \
  -DargLine="-Dbench.hosts=${1:-300} -Dbench.rounds=${2:-5} -Dbench.profile=${3:-false}" >"$LOG" 2>&1; then
  tail -40 "$LOG"; rm -f "$LOG"; exit 1
fi
rm -f "$LOG"
OUT=functions/notify/target/surefire-reports/dev.vigil.notify.OutboxThroughputBench-output.txt
grep -h '^BENCH' "$OUT"
grep -h '^FIGURE' "$OUT"
