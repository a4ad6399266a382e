#!/bin/sh
# Web console figures (issue 12), measured in Debian's headless Chromium against the local app on MariaDB:
#  1. fleet page with 1,000 hosts: navigation to every tile drawn (median of 5 reloads after a warm-up);
#  2. host page with 30 days of 15 s samples (13 series, rolled up like housekeeping does): navigation to
#     every chart drawn, for the 1h / 24h / 7d / 30d ranges;
#  3. total size of the console's JS and CSS as served, uPlot included, before compression.
# Usage: infra/bench/console-bench.sh [hosts=1000] [trials=5]
cd "$(dirname "$0")/../.." || exit 1
CONSOLE=functions/ingest/src/main/resources/console
UPLOT=$(find ~/.m2/repository/org/webjars/npm/uplot/1.6.30 -name 'uplot-1.6.30.jar' | head -1)
OWN=$(find "$CONSOLE" -name '*.js' -o -name '*.css' | xargs cat | wc -c)
VENDOR=$(unzip -p "$UPLOT" META-INF/resources/webjars/uplot/1.6.30/dist/uPlot.iife.min.js \
  META-INF/resources/webjars/uplot/1.6.30/dist/uPlot.min.css | wc -c)
HTML=$(wc -c <"$CONSOLE/index.html")
echo "BENCH console size: $((OWN + VENDOR)) bytes of JS and CSS ($OWN own, $VENDOR uPlot), index.html $HTML bytes, uncompressed"
LOG=$(mktemp)
if ! mvn -B -q -pl functions/local -am test -Dtest=ConsoleBench -Dsurefire.failIfNoSpecifiedTests=false \
  -DargLine="-Dbench.hosts=${1:-1000} -Dbench.trials=${2:-5}" >"$LOG" 2>&1; then
  tail -40 "$LOG"; rm -f "$LOG"; exit 1
fi
rm -f "$LOG"
grep -h BENCH functions/local/target/surefire-reports/dev.vigil.local.console.ConsoleBench-output.txt
