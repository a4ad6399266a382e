#!/bin/sh
# Outbox delivery rate to a local SMTP server (GreenMail) and a loopback webhook, MariaDB on 127.0.0.1.
# Usage: infra/bench/notify-throughput.sh [hosts]   (prints BENCH lines)
cd "$(dirname "$0")/../.." || exit 1
mvn -B -q -pl functions/core,functions/notify -am verify -Dtest=OutboxThroughputBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.hosts="${1:-300}" -DargLine="-Dbench.hosts=${1:-300}" >/dev/null 2>&1
grep -h BENCH functions/notify/target/surefire-reports/dev.vigil.notify.OutboxThroughputBench-output.txt
