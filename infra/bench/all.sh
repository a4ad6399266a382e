#!/usr/bin/env bash
# Every benchmark of issue 17 in one go on this machine, one after the other (they measure), each on its own
# fresh databases (the scripts create and drop them), then one table: figure, value, baseline from the same
# run, ratio, target, pass/fail, and the command that reruns each bench.
#
# Usage: infra/bench/all.sh [--full] [--no-build] [--only ID[,ID]] [--compare OLD.tsv] [--no-results] [--out FILE]
#   --full         the scripts' full sizes (10,000-host evaluation with 3 cycles and the latency trials, 600 s
#                  footprints, ...); default: small sizes, under 15 minutes on 2 cores including the build
#   --no-build     skip `mvn -B -q package -DskipTests` at the start (MAVEN_ARGS, e.g. -o, is passed to it)
#   --only IDS     run only these benches (ids: evaluate shards ingest new-series notify lambda agent local)
#   --compare OLD  add the figures of an earlier run (its tsv) as a "before" column and the change
#   --no-results   do not rewrite the generated section of infra/bench/RESULTS.md (implied by --only)
#   --out FILE     where the raw FIGURE lines go (default infra/bench/results/last-run.tsv; with --only
#                  infra/bench/results/last-only.tsv)
#   --report TSV   run nothing: print (and write to RESULTS.md) the table of an earlier run's tsv
# BENCH_TIMEOUT_SCALE multiplies every bench's timeout (default 1). Logs: target/bench-all/<id>.log (with the
# surefire/failsafe output files the bench wrote, where Maven sends test output).
#
# Contract with the bench scripts: each ends its output with lines
#   FIGURE<TAB>name<TAB>value<TAB>unit<TAB>baseline<TAB>ratio<TAB>target     (baseline/ratio/target may be -)
# A script that prints none is read by a fallback parser of its older output (parse_<id> below).
# Target: `<N`, `<=N`, `>N`, `>=N`, a word that must match exactly (`yes`), `-` (none), or a bare number whose
# direction comes from the name: `_vs_` (a ratio) means at least N, `growth` at most N, anything else
# (`_ms`, `_mb`, `_percent`) under N. The target is checked against the ratio column for `_vs_` figures
# that have a ratio, otherwise against the value.
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 1
ROOT=$(pwd)

MODE=small BUILD=1 ONLY="" COMPARE="" REPORT_ONLY="" WRITE_RESULTS=1 OUT=infra/bench/results/last-run.tsv
while [ $# -gt 0 ]; do
  case $1 in
    --full) MODE=full ;;
    --no-build) BUILD=0 ;;
    --only) ONLY=$2; WRITE_RESULTS=0; [ "$OUT" != infra/bench/results/last-run.tsv ] || OUT=infra/bench/results/last-only.tsv; shift ;;
    --compare) COMPARE=$2; shift ;;
    --no-results) WRITE_RESULTS=0 ;;
    --out) OUT=$2; shift ;;
    --report) REPORT_ONLY=$2; shift ;;
    -h|--help) sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
[ -z "$COMPARE" ] || [ -f "$COMPARE" ] || { echo "no such file: $COMPARE" >&2; exit 2; }
SCALE=${BENCH_TIMEOUT_SCALE:-1}
LOGS=$ROOT/target/bench-all
mkdir -p "$LOGS" "$(dirname "$OUT")"
say() { echo "[all.sh $(date -u +%H:%M:%S)] $*" >&2; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
databases() { mysql -uroot -h127.0.0.1 -Nse 'SHOW DATABASES' 2>/dev/null | sort; }

# ---- the benches: id, command (small / full) and timeout in seconds -------------------------------------
BENCH_IDS=(evaluate shards ingest new-series notify lambda agent local)
bench_command() { # id -> sets CMD (empty when the script is missing) and TIMEOUT
  local id=$1 s=infra/bench
  CMD="" TIMEOUT=300
  case $id in
    evaluate) TIMEOUT=600
      if [ $MODE = full ]; then CMD="$s/evaluate-bench.sh"; TIMEOUT=2400
      else CMD="BENCH_HOSTS=1000,10000 BENCH_CYCLES=2 BENCH_SKIP_LATENCY=true $s/evaluate-bench.sh"; fi ;;
    shards) TIMEOUT=600
      [ -f $s/evaluate-shards.sh ] || return 0
      if [ $MODE = full ]; then CMD="$s/evaluate-shards.sh"; TIMEOUT=2400; else CMD="$s/evaluate-shards.sh"; fi ;;
    ingest) TIMEOUT=300
      if [ $MODE = full ]; then CMD="VIGIL_BENCH_PORT=$(free_port) $s/ingest-throughput.sh 4 100 5"; TIMEOUT=1200
      else CMD="VIGIL_BENCH_PORT=$(free_port) $s/ingest-throughput.sh 4 50 3"; fi ;;
    new-series) TIMEOUT=300
      # the ingest helper's bench when it exists; until then the series-limits bench measures both rates
      if [ -f $s/new-series-throughput.sh ]; then
        if [ $MODE = full ]; then CMD="$s/new-series-throughput.sh"; TIMEOUT=1200; else CMD="$s/new-series-throughput.sh"; fi
      elif grep -q FIGURE $s/formats-throughput.sh 2>/dev/null; then
        if [ $MODE = full ]; then CMD="$s/formats-throughput.sh"; TIMEOUT=1200; else CMD="$s/formats-throughput.sh 30"; fi
      elif [ $MODE = full ]; then CMD="$s/series-limits-throughput.sh"; TIMEOUT=1200
      else CMD="$s/series-limits-throughput.sh 30"; fi ;;
    notify) TIMEOUT=420
      if [ $MODE = full ]; then CMD="$s/notify-throughput.sh 300"; TIMEOUT=1200; else CMD="$s/notify-throughput.sh 100"; fi ;;
    lambda) TIMEOUT=900 # the script packages every module again before its fresh JVMs; at load 18, 3 rounds took over 600 s
      if [ $MODE = full ]; then CMD="$s/lambda-ric-cold-start.sh 3"; TIMEOUT=1800; else CMD="$s/lambda-ric-cold-start.sh 1"; fi ;;
    agent) TIMEOUT=200
      if [ $MODE = full ]; then CMD="$s/agent-footprint.sh functions/agent/target/vigil-agent.jar 600 15s"; TIMEOUT=720
      else CMD="$s/agent-footprint.sh functions/agent/target/vigil-agent.jar 90 15s"; fi ;;
    local) TIMEOUT=200
      if [ $MODE = full ]; then CMD="VIGIL_BENCH_PORT=$(free_port) $s/local-footprint.sh functions/local/target/vigil-local.jar 600"; TIMEOUT=720
      else CMD="VIGIL_BENCH_PORT=$(free_port) $s/local-footprint.sh functions/local/target/vigil-local.jar 90"; fi ;;
  esac
  TIMEOUT=$(awk -v t="$TIMEOUT" -v s="$SCALE" 'BEGIN {printf "%d", t * s}')
}

# ---- fallback parsers of the scripts' output before they printed FIGURE lines ---------------------------
fig() { printf 'FIGURE\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@"; }
parse_evaluate() { # summary table: hosts, sample rows, full cycle ms, statements, Questions, full ratio, 15s cycle ms (...)
  awk '$1 ~ /^[0-9]+$/ && $6 ~ /^[0-9.]+x$/ && NF >= 7 {
         k = ($1 % 1000 == 0) ? ($1 / 1000) "k" : $1
         printf "FIGURE\tevaluate_%s_full_ms\t%s\tms\t-\t-\t%s\n", k, $3, ($1 == 10000 ? "<2500" : "-")
         printf "FIGURE\tevaluate_%s_full_statements\t%s\tstatements\t-\t-\t-\n", k, $4
         if (first == "") first = k; last = k; growth = substr($6, 1, length($6) - 1) }
       END { if (first != "" && last != first)
               printf "FIGURE\tevaluate_growth_%s_to_%s\t%s\tx\t-\t-\t<=11\n", first, last, growth }' "$1"
}
parse_ingest() {
  local raw http ratio
  raw=$(sed -n 's/^raw_jdbc_batch_rows_per_s=\([0-9.]*\).*/\1/p' "$1")
  http=$(sed -n 's/^http_ingest_samples_per_s=\([0-9.]*\).*/\1/p' "$1")
  ratio=$(sed -n 's/^ratio_http_over_raw=\([0-9.]*\).*/\1/p' "$1")
  [ -n "$ratio" ] && fig ingest_http_vs_jdbc "$http" samples/s "$raw" "$ratio" '>=0.7'
}
parse_new-series() { # series-limits-throughput.sh: "known series: on N samples/s, off M samples/s, ..." (limits on = default)
  awk '/^known series:/ {known = $4} /^new series:/ {fresh = $4}
       END { if (known > 0 && fresh != "")
               printf "FIGURE\tingest_new_vs_known_series\t%s\tsamples/s\t%s\t%.2f\t>=0.5\n", fresh, known, fresh / known }' "$1"
}
parse_notify() { # BENCH email:   vigil 120 msg/s, raw jakarta-mail (...) 420 msg/s, ratio 0.29
  awk '/^BENCH (email|webhook):/ {
         kind = ($2 == "email:") ? "notify_email_vs_smtp" : "notify_webhook_vs_http"
         n = 0; for (i = 3; i <= NF; i++) if ($(i + 1) ~ /^msg\/s/) v[++n] = $i
         printf "FIGURE\t%s\t%s\tmsg/s\t%s\t%s\t>=0.7\n", kind, v[1], v[2], $NF }' "$1"
}
parse_lambda() { # function       median_ms  runs_ms ...
  awk '/^function +median_ms/ {on = 1; next} on && NF == 0 {on = 0}
       on && $1 ~ /^[a-z]+$/ && $2 ~ /^[0-9]+$/ { printf "FIGURE\tlambda_cold_start_%s_ms\t%s\tms\t-\t-\t<1500\n", $1, $2 }' "$1"
}
parse_agent() { # shipped: rss_max_mb=51.4 rss_end_mb=51.0 cpu_percent_of_one_core=0.210 / default: ...
  awk -F'[ =]' '/^(shipped|default): rss_max_mb=/ { who = substr($1, 1, length($1) - 1); rss[who] = $3; cpu[who] = $7 }
       END { if ("shipped" in rss) {
               if ("default" in rss) {
                 printf "FIGURE\tagent_rss_mb\t%s\tMB\t%s\t%.2f\t<48\n", rss["shipped"], rss["default"], rss["shipped"] / rss["default"]
                 printf "FIGURE\tagent_cpu_percent\t%s\t%%\t%s\t%.2f\t<0.5\n", cpu["shipped"], cpu["default"], (cpu["default"] > 0 ? cpu["shipped"] / cpu["default"] : 0)
               } else {
                 printf "FIGURE\tagent_rss_mb\t%s\tMB\t-\t-\t<48\n", rss["shipped"]
                 printf "FIGURE\tagent_cpu_percent\t%s\t%%\t-\t-\t<0.5\n", cpu["shipped"] } } }' "$1"
}
parse_local() {
  local start rss cpu
  start=$(sed -n 's/^start_to_health_ms=\([0-9]*\).*/\1/p' "$1")
  rss=$(sed -n 's/.*rss_max_mb=\([0-9.]*\).*/\1/p' "$1")
  cpu=$(sed -n 's/^cpu_percent_of_one_core=\([0-9.]*\).*/\1/p' "$1")
  [ -n "$rss" ] && fig local_rss_mb "$rss" MB - - '<200'
  [ -n "$start" ] && fig local_start_ms "$start" ms - - -
  [ -n "$cpu" ] && fig local_cpu_percent "$cpu" % - - -
  return 0
}

# ---- verdicts -------------------------------------------------------------------------------------------
# verdict name value ratio target -> pass | FAIL | - (no target or nothing numeric to check)
verdict() {
  awk -v name="$1" -v value="$2" -v ratio="$3" -v target="$4" 'BEGIN {
    if (target == "-" || target == "") { print "-"; exit }
    num = "^-?[0-9]*[.]?[0-9]+$"
    x = (name ~ /_vs_/ && ratio ~ num) ? ratio : value
    if (match(target, /^(<=|>=|<|>|=)/)) { op = substr(target, 1, RLENGTH); n = substr(target, RLENGTH + 1) }
    else if (target ~ /^[0-9.]+$/) { n = target; op = (name ~ /_vs_/) ? ">=" : (name ~ /growth/) ? "<=" : "<" }
    else { op = "="; n = target }
    if (op == "=") { print (x == n ? "pass" : "FAIL"); exit }
    if (x !~ num) { print "-"; exit }
    x += 0; n += 0
    ok = (op == "<") ? x < n : (op == "<=") ? x <= n : (op == ">") ? x > n : x >= n
    print (ok ? "pass" : "FAIL") }'
}
shown_target() { # the target with its direction made explicit
  awk -v name="$1" -v t="$2" 'BEGIN {
    if (t ~ /^[0-9.]+$/) t = ((name ~ /_vs_/) ? ">=" : (name ~ /growth/) ? "<=" : "<") t
    print t }'
}

# ---- run ------------------------------------------------------------------------------------------------
if [ -z "$REPORT_ONLY" ]; then
  STARTED=$(date +%s)
  LOAD_BEFORE=$(loadavg)
  COMMIT=$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- functions infra 2>/dev/null || echo "+dirty")
  say "mode $MODE, commit $COMMIT, load average $LOAD_BEFORE, logs in $LOGS"
  if [ $BUILD = 1 ]; then
    say "building the jars: mvn -B -q ${MAVEN_ARGS:-} package -DskipTests"
    # shellcheck disable=SC2086
    if ! timeout -k 15 "$(( 1200 * SCALE ))" mvn -B -q ${MAVEN_ARGS:-} package -DskipTests > "$LOGS/build.log" 2>&1; then
      tail -30 "$LOGS/build.log" >&2; say "build failed (log: $LOGS/build.log)"; exit 1
    fi
    say "built in $(( $(date +%s) - STARTED )) s"
  fi

  TSV=$(mktemp)
  MARIADB=$(mysql -uroot -h127.0.0.1 -Nse "SELECT CONCAT(VERSION(), ', buffer pool ', ROUND(@@innodb_buffer_pool_size / 1048576), ' MB')" 2>/dev/null || echo "unknown")
  {
    printf '#META\tmode\t%s\n' "$MODE"
    printf '#META\tdate\t%s\n' "$(date -u -d @"$STARTED" '+%Y-%m-%d %H:%M UTC')"
    printf '#META\tcommit\t%s\n' "$COMMIT"
    printf '#META\tbuild\t%s\n' "$([ $BUILD = 1 ] && echo yes || echo no)"
    printf '#META\tmachine\t%s\n' "$(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo) RAM, MariaDB $MARIADB, $(java -version 2>&1 | head -1 | tr -d '"')"
    printf '#META\tload_before\t%s\n' "$LOAD_BEFORE"
  } > "$TSV"
  declare -A STATUS SECS COMMANDS
  for id in "${BENCH_IDS[@]}"; do
    if [ -n "$ONLY" ] && [[ ",$ONLY," != *",$id,"* ]]; then continue; fi
    bench_command "$id"
    COMMANDS[$id]=$CMD
    if [ -z "$CMD" ]; then
      STATUS[$id]=missing SECS[$id]=0; say "$id: no script yet, skipped"
      printf 'STATUS\t%s\tmissing\t0\t-\n' "$id" >> "$TSV"; continue
    fi
    log=$LOGS/$id.log
    say "$id: $CMD (timeout ${TIMEOUT} s, load $(loadavg))"
    dbs_before=$(databases)
    t0=$(date +%s)
    touch "$LOGS/.started"
    # timeout leads its own process group; whatever the bench left running in it (agent-footprint.sh's agents
    # outlive it) is ended with the group
    timeout -k 20 "$TIMEOUT" bash -c "$CMD" > "$log" 2>&1 &
    tpid=$!
    wait $tpid
    rc=$?
    if pgrep -g $tpid >/dev/null; then
      say "$id: ending processes it left running: $(pgrep -g $tpid | tr '\n' ' ')"; kill -- -$tpid 2>/dev/null
    fi
    # the build sends test output to surefire/failsafe report files: a bench test's lines may only be there
    find functions -path '*/target/*-reports/*-output.txt' -newer "$LOGS/.started" 2>/dev/null | while read -r f; do
      printf '\n---- %s\n' "$f"; cat "$f"
    done >> "$log"
    SECS[$id]=$(( $(date +%s) - t0 ))
    case $rc in 0) STATUS[$id]=ok ;; 124|137) STATUS[$id]=timeout ;; *) STATUS[$id]="error (exit $rc)" ;; esac
    figures=$(grep -P '^FIGURE\t' "$log" | awk -F'\t' '!seen[$2]++' || true)
    if [ -z "$figures" ] && declare -F "parse_$id" >/dev/null; then figures=$("parse_$id" "$log" | awk -F'\t' '!seen[$2]++' || true); fi
    [ -n "$figures" ] && printf '%s\n' "$figures" | awk -F'\t' -v OFS='\t' -v id="$id" '{print $0, id}' >> "$TSV"
    printf 'STATUS\t%s\t%s\t%s\t%s\n' "$id" "${STATUS[$id]}" "${SECS[$id]}" "$CMD" >> "$TSV"
    left=$(comm -13 <(echo "$dbs_before") <(databases) | tr '\n' ' ')
    [ -z "$left" ] || say "$id: databases that appeared during the bench and still exist (maybe another session's): $left"
    say "$id: ${STATUS[$id]} after ${SECS[$id]} s, $(printf '%s\n' "$figures" | grep -c FIGURE) figures"
    [ "${STATUS[$id]}" = ok ] || tail -15 "$log" | sed "s/^/  $id| /" >&2
  done
  LOAD_AFTER=$(loadavg)
  DURATION=$(( $(date +%s) - STARTED ))
  printf '#META\tload_after\t%s\n#META\tduration\t%s\n' "$LOAD_AFTER" "$DURATION" >> "$TSV"
  cp "$TSV" "$OUT"
  rm -f "$TSV"
else
  OUT=$REPORT_ONLY
fi

# ---- table ----------------------------------------------------------------------------------------------
fmt() { # a number with at most 3 significant decimals, thousands kept plain
  awk -v x="$1" 'BEGIN { if (x !~ /^-?[0-9.]+$/) { print x; exit }
    if (x + 0 >= 100 || x == int(x)) printf "%d\n", x + 0.5; else if (x + 0 >= 10) printf "%.1f\n", x
    else if (length(x) <= 5) print x; else printf "%.3g\n", x }'
}
old_figure() { # name -> "value<TAB>ratio" from the --compare file
  [ -n "$COMPARE" ] && awk -F'\t' -v n="$1" '$1 == "FIGURE" && $2 == n {print $3 "\t" $6; exit}' "$COMPARE"
}
checked() { # name value ratio -> the number the target applies to
  if [[ $1 == *_vs_* && $3 =~ ^[0-9.]+$ ]]; then echo "$3"; else echo "$2"; fi
}
table() {
  local name value unit baseline ratio target id
  if [ -n "$COMPARE" ]; then
    echo "| figure | before | after | unit | baseline (same run) | ratio | target | result | change | bench |"
    echo "|---|---|---|---|---|---|---|---|---|---|"
  else
    echo "| figure | value | unit | baseline (same run) | ratio | target | result | bench |"
    echo "|---|---|---|---|---|---|---|---|"
  fi
  local -A shown=()
  while IFS=$'\t' read -r kind name value unit baseline ratio target id; do
    [ "$kind" = FIGURE ] && [ -z "${shown[$name]:-}" ] || continue
    shown[$name]=1
    local v r t before="" change=""
    v=$(fmt "$value"); r=$(fmt "$ratio"); t=$(shown_target "$name" "$target")
    if [ -n "$COMPARE" ]; then
      local old ov orr a b
      old=$(old_figure "$name")
      if [ -n "$old" ]; then
        ov=${old%%$'\t'*}; orr=${old#*$'\t'}
        before=$(fmt "$ov"); [ "$orr" = "-" ] || before="$before ($(fmt "$orr"))"
        a=$(checked "$name" "$value" "$ratio"); b=$(checked "$name" "$ov" "$orr")
        change=$(awk -v a="$a" -v b="$b" 'BEGIN { if (a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/ && b > 0) printf "%.2fx", a / b; else print "-" }')
      else before="-"; change="-"; fi
      echo "| $name | $before | $v | $unit | $(fmt "$baseline") | $r | $t | $(verdict "$name" "$value" "$ratio" "$target") | $change | $id |"
    else
      echo "| $name | $v | $unit | $(fmt "$baseline") | $r | $t | $(verdict "$name" "$value" "$ratio" "$target") | $id |"
    fi
  done < "$OUT"
  # benches that gave no figure at all still get a line
  while IFS=$'\t' read -r kind id status _; do
    [ "$kind" = STATUS ] || continue
    grep -qP "^FIGURE\t.*\t$id\$" "$OUT" && continue
    local result=FAIL; [ "$status" = missing ] && result=-
    [ "$status" = ok ] && status="ok, but no FIGURE lines"
    if [ -n "$COMPARE" ]; then echo "| ($id) | | $status | | | | | $result | | $id |"
    else echo "| ($id) | $status | | | | | $result | $id |"; fi
  done < "$OUT"
}
reruns() {
  echo "Rerun one bench (\`infra/bench/all.sh --no-build --only ID\` reruns it and prints its lines):"
  echo
  while IFS=$'\t' read -r kind id status secs cmd; do
    [ "$kind" = STATUS ] || continue
    if [ "$status" = missing ]; then echo "- $id: no script yet"; continue; fi
    echo "- $id ($status, ${secs} s): \`$cmd\`"
  done < "$OUT"
}
meta() { awk -F'\t' -v k="$2" '$1 == "#META" && $2 == k {print $3; exit}' "$1"; }
MODE=$(meta "$OUT" mode) DURATION=$(meta "$OUT" duration) LOAD_BEFORE=$(meta "$OUT" load_before) LOAD_AFTER=$(meta "$OUT" load_after)
REPORT=$(
  echo "The $MODE run of \`infra/bench/all.sh$([ "$MODE" = full ] && echo ' --full')\`, $(meta "$OUT" date), commit \`$(meta "$OUT" commit)\`, $DURATION s in all"
  echo "(build included: $(meta "$OUT" build)). Machine: $(meta "$OUT" machine). Load average before $LOAD_BEFORE, after $LOAD_AFTER."
  [ -z "$COMPARE" ] || echo "Before: \`$COMPARE\` ($(meta "$COMPARE" mode) run, $(meta "$COMPARE" date), commit \`$(meta "$COMPARE" commit)\`, load average $(meta "$COMPARE" load_before) -> $(meta "$COMPARE" load_after))."
  echo
  table
  echo
  reruns
)
echo
echo "$REPORT"
echo
[ -n "$REPORT_ONLY" ] || say "figures in $OUT; $DURATION s in all; load average $LOAD_BEFORE -> $LOAD_AFTER"

if [ $WRITE_RESULTS = 1 ]; then
  RESULTS=infra/bench/RESULTS.md
  BLOCK=$(mktemp)
  { echo "<!-- all.sh:begin (generated by infra/bench/all.sh; edits here are overwritten) -->"; echo "$REPORT"; echo "<!-- all.sh:end -->"; } > "$BLOCK"
  if grep -q '^<!-- all.sh:begin' "$RESULTS"; then
    awk -v block="$BLOCK" '/^<!-- all.sh:begin/ { while ((getline l < block) > 0) print l; skip = 1; next }
                           /^<!-- all.sh:end/ { skip = 0; next } !skip' "$RESULTS" > "$RESULTS.tmp"
  else # first time: before the first section
    awk -v block="$BLOCK" '/^## / && !done { while ((getline l < block) > 0) print l; print ""; done = 1 } { print }' "$RESULTS" > "$RESULTS.tmp"
  fi
  mv "$RESULTS.tmp" "$RESULTS"
  rm -f "$BLOCK"
  say "rewrote the generated section of $RESULTS"
fi
