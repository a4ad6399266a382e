#!/usr/bin/env bash
# Vigil fault suite: drives real processes through faults and checks that nothing is lost and nothing doubled.
#
#   infra/faults/run.sh [--long] [--keep] [scenario ...]
#
# Scenarios (all by default): db-outage smtp-down webhook-500 apps-2 apps-3 ingest-restart
#   db-outage       the database is killed (SIGKILL) under sender load and restarted
#   smtp-down       the SMTP server is down for minutes while alerts fire, then comes up (Debian python3-aiosmtpd)
#   webhook-500     the webhook receiver answers 500 for a while, then 200
#   apps-2, apps-3  two / three local apps started at the same moment on one fresh database, load spread over them
#   ingest-restart  the app serving ingest is stopped under load and started again
# Defaults are scaled down (about 12 minutes on 2 cores); --long uses outages of minutes (about 35 minutes).
# --keep leaves the work directory (logs, private database) for a look afterwards.
#
# Everything runs on loopback with free ports: a PRIVATE MariaDB (own datadir and port, started here, never
# the shared server), local apps (functions/local/target/vigil-local.jar, built when missing), a sender that
# behaves like the agent (infra/faults/LoadSender.java: keeps a batch until it is acknowledged), and real
# receivers (webhook_catcher.py, smtp_catcher.py). Each scenario prints what was sent, acknowledged, stored
# and delivered; the suite ends with one table and exits non-zero when any line fails.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$ROOT/infra/faults"
cd "$ROOT"

long=0
keep=0
scenarios=()
for arg in "$@"; do
  case "$arg" in
    --long) long=1 ;;
    --keep) keep=1 ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) scenarios+=("$arg") ;;
  esac
done
[ ${#scenarios[@]} -gt 0 ] || scenarios=(db-outage smtp-down webhook-500 apps-2 apps-3 ingest-restart)

if [ $long = 1 ]; then
  LOAD_S=300; DB_DOWN_S=80; SMTP_DOWN_S=300; WEBHOOK_FAIL_S=240; RESTART_DOWN_S=20; DRAIN_S=300
else
  LOAD_S=45; DB_DOWN_S=20; SMTP_DOWN_S=90; WEBHOOK_FAIL_S=45; RESTART_DOWN_S=5; DRAIN_S=150
fi
ALERT_HOSTS=5          # hosts that each raise one critical DiskSpaceLow alert in the notify scenarios
LOAD_HOSTS=4           # sender threads (one host each) in the sample scenarios

WORK=$(mktemp -d /tmp/vigil-faults.XXXXXX)
ADMIN_TOKEN="fault-suite-admin-$(date +%s)"
PY=/usr/bin/python3    # Debian's python, which has python3-aiosmtpd (a pyenv shim may not)
LOCAL_JAR="$ROOT/functions/local/target/vigil-local.jar"
pids=()                # every process this script started, stopped by id at exit
TABLE="$WORK/table.tsv"
printf 'scenario\tsent\tacked\tstored\tdelivered\tlost\tdoubled\tresult\n' > "$TABLE"

log() { printf '== %s %s\n' "$(date -u +%H:%M:%S)" "$*"; }

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  sleep 1
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  if [ $keep = 1 ]; then echo "work directory kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# --- prerequisites ----------------------------------------------------------------------------------------
[ -x /usr/sbin/mariadbd ] || { echo "needs MariaDB: apt-get install -y --no-install-recommends mariadb-server" >&2; exit 2; }
"$PY" -c 'import aiosmtpd' 2>/dev/null \
  || { echo "needs aiosmtpd: apt-get install -y --no-install-recommends python3-aiosmtpd" >&2; exit 2; }
if [ ! -f "$LOCAL_JAR" ]; then
  log "building functions/local/target/vigil-local.jar"
  mvn -B -q -o package -DskipTests -pl functions/local -am >/dev/null 2>&1 \
    || mvn -B -q package -DskipTests -pl functions/local -am
fi
mkdir -p "$WORK/classes"
javac -d "$WORK/classes" "$HERE/LoadSender.java"

cat > "$WORK/rules.yml" <<'EOF'
# The senders post only what the scenario needs: no host-down alerts when a sender pauses in an outage.
mode: extend
overrides:
  - {rule: HostDown, enabled: false}
EOF

# --- the private database ---------------------------------------------------------------------------------
DB_PORT=$(free_port)
DB_DIR="$WORK/mariadb"
db_sql() { mysql -uroot -h127.0.0.1 -P"$DB_PORT" --connect-timeout=3 -N -e "$@"; }
db_start() {
  /usr/sbin/mariadbd --no-defaults --datadir="$DB_DIR/data" --socket="$DB_DIR/sock" --port="$DB_PORT" \
    --bind-address=127.0.0.1 --user=root --pid-file="$DB_DIR/pid" --skip-log-bin --innodb-buffer-pool-size=64M \
    --max-connections=300 --log-error="$DB_DIR/error.log" >/dev/null 2>&1 &
  db_pid=$!
  pids+=("$db_pid")
  for _ in $(seq 1 60); do db_sql 'SELECT 1' >/dev/null 2>&1 && return 0; sleep 1; done
  echo "private MariaDB did not start; see $DB_DIR/error.log" >&2; return 1
}
db_kill() { kill -9 "$db_pid"; wait "$db_pid" 2>/dev/null || true; }
mkdir -p "$DB_DIR"
mariadb-install-db --no-defaults --datadir="$DB_DIR/data" --user=root --auth-root-authentication-method=normal \
  --skip-test-db >"$DB_DIR/install.log" 2>&1
db_start
log "private MariaDB on 127.0.0.1:$DB_PORT ($DB_DIR)"

# --- local apps -------------------------------------------------------------------------------------------
declare -A app_pid app_port
# app_start NAME DATABASE [VAR=value ...]: a local app on a free port (or its earlier one), agent off.
app_start() {
  local name=$1 db=$2; shift 2
  local port=${app_port[$name]:-$(free_port)}
  app_port[$name]=$port
  mkdir -p "$WORK/$name"
  env VIGIL_JDBC_URL="jdbc:mysql://127.0.0.1:$DB_PORT/$db?useSSL=false&allowPublicKeyRetrieval=true&rewriteBatchedStatements=true" \
    VIGIL_JDBC_USER=root VIGIL_JDBC_PASSWORD= MICRONAUT_SERVER_PORT="$port" VIGIL_ADMIN_TOKEN="$ADMIN_TOKEN" \
    VIGIL_LOCAL_DATA_DIR="$WORK/$name" VIGIL_LOCAL_AGENT_ENABLED=false VIGIL_HOUSEKEEPING_SCHEDULE_ENABLED=false \
    VIGIL_RULES_FILE="$WORK/rules.yml" VIGIL_NOTIFY_GROUP_WAIT=5s VIGIL_NOTIFY_INITIAL_BACKOFF=5s \
    VIGIL_NOTIFY_MAX_BACKOFF=20s "$@" \
    java -Xmx256m -XX:+UseSerialGC -jar "$LOCAL_JAR" >>"$WORK/$name.log" 2>&1 &
  app_pid[$name]=$!
  pids+=("${app_pid[$name]}")
}
app_wait() {
  local name=$1
  for _ in $(seq 1 180); do
    curl -s -o /dev/null --max-time 2 "http://127.0.0.1:${app_port[$name]}/health" && return 0
    kill -0 "${app_pid[$name]}" 2>/dev/null || { echo "app $name died; see $WORK/$name.log" >&2; tail -20 "$WORK/$name.log" >&2; return 1; }
    sleep 1
  done
  echo "app $name did not answer in 180 s; see $WORK/$name.log" >&2; return 1
}
app_stop() { kill "${app_pid[$1]}" 2>/dev/null || true; wait "${app_pid[$1]}" 2>/dev/null || true; }
app_url() { echo "http://127.0.0.1:${app_port[$1]}"; }

# send PREFIX URLS DURATION_S [--alert] [LoadSender args]: runs the sender in the background; its summary lands in $WORK/PREFIX.sent
send() {
  local prefix=$1 urls=$2 duration=$3; shift 3
  java -cp "$WORK/classes" LoadSender --urls "$urls" --admin-token "$ADMIN_TOKEN" --prefix "$prefix" \
    --duration-s "$duration" --drain-s "$DRAIN_S" --out "$WORK/$prefix.sent" "$@" >"$WORK/$prefix.sender.log" 2>&1 &
  sender_pid=$!
  pids+=("$sender_pid")
}
sent_value() { sed -n "s/^$2=//p" "$WORK/$1.sent"; }
stored_samples() {
  db_sql "SELECT COUNT(*) FROM $1.samples s JOIN $1.series se ON se.id = s.series_id
          JOIN $1.hosts h ON h.id = se.host_id WHERE h.name LIKE '$2-%'"
}

row() { printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >> "$TABLE"; printf '   %s: sent %s, acknowledged %s, stored %s, delivered %s, lost %s, doubled %s -> %s\n' "$@"; }

# A sample scenario's line: every sample sent must be acknowledged and stored exactly once.
sample_row() {
  local scenario=$1 db=$2 prefix=$3
  wait "$sender_pid" || true
  local sent acked stored unacked
  sent=$(sent_value "$prefix" sent); acked=$(sent_value "$prefix" acked); unacked=$(sent_value "$prefix" unacked_batches)
  stored=$(stored_samples "$db" "$prefix")
  local lost=$((sent - stored)) doubled=$((stored > sent ? stored - sent : 0)) result=ok
  { [ "$lost" -eq 0 ] && [ "$doubled" -eq 0 ] && [ "$acked" -eq "$sent" ] && [ "$unacked" -eq 0 ]; } || result=FAIL
  row "$scenario" "$sent" "$acked" "$stored" "-" "$lost" "$doubled" "$result"
  log "$scenario sender: $(tr '\n' ' ' < "$WORK/$prefix.sent")"
}

# Alerts of a notify scenario: how many fired, how many outbox items exist / were marked sent.
alert_counts() {
  local db=$1 prefix=$2
  fired=$(db_sql "SELECT COUNT(*) FROM $db.alerts WHERE host LIKE '$prefix-%' AND rule = 'DiskSpaceLow'")
  outbox=$(db_sql "SELECT COUNT(*) FROM $db.notify_outbox WHERE kind = 'FIRING' AND group_key LIKE '%$prefix-%'")
  outbox_sent=$(db_sql "SELECT COUNT(*) FROM $db.notify_outbox WHERE kind = 'FIRING' AND status = 'SENT' AND group_key LIKE '%$prefix-%'")
}

webhook_delivered() { "$PY" "$HERE/delivered.py" webhook "$@"; }
smtp_delivered() { "$PY" "$HERE/delivered.py" smtp "$@"; }

# notify_row SCENARIO DB PREFIX DELIVERED_FN FILE: waits until every fired alert was delivered (or the drain ends).
notify_row() {
  local scenario=$1 db=$2 prefix=$3 fn=$4 file=$5 total=0 distinct=0
  local deadline=$(( $(date +%s) + DRAIN_S ))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    read -r total distinct < <($fn "$file" "$prefix")
    [ "$distinct" -ge "$ALERT_HOSTS" ] && break
    sleep 5
  done
  sleep 15   # anything doubled would arrive within a notify run or two
  read -r total distinct < <($fn "$file" "$prefix")
  alert_counts "$db" "$prefix"
  local lost=$((fired - distinct)) doubled=$((total - distinct)) result=ok
  { [ "$fired" -eq "$ALERT_HOSTS" ] && [ "$lost" -eq 0 ] && [ "$doubled" -eq 0 ]; } || result=FAIL
  row "$scenario" "$fired alerts" "$outbox_sent/$outbox sent" "$outbox outbox" "$total" "$lost" "$doubled" "$result"
}

# --- scenarios --------------------------------------------------------------------------------------------
scenario_db_outage() {
  db_sql "CREATE DATABASE f_db"
  app_start db f_db; app_wait db
  send fdb "$(app_url db)" "$LOAD_S" --hosts "$LOAD_HOSTS"
  health_probe "$(app_url db)" "$WORK/db-health.log"
  local probe=$!
  sleep $((LOAD_S / 3))
  log "db-outage: killing the database (SIGKILL) for $DB_DOWN_S s"
  local killed_at; killed_at=$(date +%s%3N)
  db_kill
  sleep "$DB_DOWN_S"
  local back_at; back_at=$(date +%s%3N)
  db_start
  log "db-outage: database back"
  sample_row db-outage f_db fdb
  kill "$probe" 2>/dev/null || true
  # /health while the database was away: when it first said so (an answer other than 200, or none in 5 s),
  # and when it said 200 again after the restart
  awk -v k="$killed_at" -v b="$back_at" '
    $1 >= k && $2 != "200" && !down { down = $1; printf "   /health: first non-200 answer (%s) %.1f s after the kill", $2, ($1 - k) / 1000 }
    $1 >= b && $2 == "200" && !up { up = $1; printf ", 200 again %.1f s after the database returned\n", ($1 - b) / 1000 }
    END { if (!down) print "   /health: no failure seen"; else if (!up) print ", never 200 again" }' "$WORK/db-health.log"
  app_stop db
}

# health_probe URL FILE: every 0.5 s, "<epoch ms at the request> <status>" ("000": no answer within 5 s).
health_probe() {
  ( while true; do
      local at; at=$(date +%s%3N)
      echo "$at $(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$1/health")" >> "$2"
      sleep 0.5
    done ) &
  pids+=("$!")
}

scenario_ingest_restart() {
  db_sql "CREATE DATABASE f_restart"
  app_start ingest f_restart; app_wait ingest
  send frestart "$(app_url ingest)" "$LOAD_S" --hosts "$LOAD_HOSTS"
  sleep $((LOAD_S / 3))
  log "ingest-restart: stopping the app under load, starting it again after $RESTART_DOWN_S s"
  app_stop ingest
  sleep "$RESTART_DOWN_S"
  app_start ingest f_restart; app_wait ingest
  sample_row ingest-restart f_restart frestart
  app_stop ingest
}

scenario_smtp_down() {
  db_sql "CREATE DATABASE f_smtp"
  local smtp_port; smtp_port=$(free_port)
  app_start smtp f_smtp VIGIL_SMTP_HOST=127.0.0.1 VIGIL_SMTP_PORT="$smtp_port" VIGIL_NOTIFY_CRITICAL_RECEIVERS=email
  app_wait smtp
  log "smtp-down: alerts fire while nothing listens on SMTP port $smtp_port for $SMTP_DOWN_S s"
  send fsmtp "$(app_url smtp)" $((SMTP_DOWN_S + 60)) --hosts "$ALERT_HOSTS" --batch 2 --interval-ms 5000 --alert
  sleep "$SMTP_DOWN_S"
  "$PY" "$HERE/smtp_catcher.py" "$smtp_port" "$WORK/smtp.jsonl" >"$WORK/smtp-catcher.log" 2>&1 &
  pids+=("$!")
  log "smtp-down: SMTP server up"
  notify_row smtp-down f_smtp fsmtp smtp_delivered "$WORK/smtp.jsonl"
  wait "$sender_pid" || true
  app_stop smtp
}

scenario_webhook_500() {
  db_sql "CREATE DATABASE f_hook"
  local hook_port; hook_port=$(free_port)
  "$PY" "$HERE/webhook_catcher.py" "$hook_port" "$WORK/hook.jsonl" "$WEBHOOK_FAIL_S" \
    >"$WORK/webhook-catcher.log" 2>&1 &
  pids+=("$!")
  app_start hook f_hook VIGIL_NOTIFY_WEBHOOK_URLS="http://127.0.0.1:$hook_port/hook" VIGIL_NOTIFY_CRITICAL_RECEIVERS=webhook
  app_wait hook
  log "webhook-500: the receiver answers 500 for $WEBHOOK_FAIL_S s from the first delivery, then 200"
  send fhook "$(app_url hook)" $((WEBHOOK_FAIL_S + 60)) --hosts "$ALERT_HOSTS" --batch 2 --interval-ms 5000 --alert
  notify_row webhook-500 f_hook fhook webhook_delivered "$WORK/hook.jsonl"
  local failed; failed=$(grep -c '"status": 500' "$WORK/hook.jsonl" || true)
  log "webhook-500: $failed deliveries answered 500 before the receiver recovered"
  wait "$sender_pid" || true
  app_stop hook
}

# apps N: N local apps started at the same moment on one fresh database; samples spread over all of them,
# alerts delivered by whichever app's notify claims them: every sample stored once, every alert delivered once.
scenario_apps() {
  local n=$1 db="f_apps$1" names=() urls=""
  db_sql "CREATE DATABASE $db"
  local hook_port; hook_port=$(free_port)
  "$PY" "$HERE/webhook_catcher.py" "$hook_port" "$WORK/apps$n.jsonl" 0 >"$WORK/apps$n-catcher.log" 2>&1 &
  pids+=("$!")
  for i in $(seq 1 "$n"); do
    names+=("apps$n-$i")
    app_start "apps$n-$i" "$db" VIGIL_NOTIFY_WEBHOOK_URLS="http://127.0.0.1:$hook_port/hook" VIGIL_NOTIFY_CRITICAL_RECEIVERS=webhook
  done
  for name in "${names[@]}"; do
    app_wait "$name"
    urls="${urls:+$urls,}$(app_url "$name")"
  done
  log "apps-$n: $n apps started together on $db: ${urls}"
  send "fapps$n" "$urls" "$LOAD_S" --hosts "$ALERT_HOSTS" --batch 10 --interval-ms 500 --alert
  notify_row "apps-$n alerts" "$db" "fapps$n" webhook_delivered "$WORK/apps$n.jsonl"
  sample_row "apps-$n samples" "$db" "fapps$n"
  for name in "${names[@]}"; do app_stop "$name"; done
}

for s in "${scenarios[@]}"; do
  log "scenario $s"
  case "$s" in
    db-outage) scenario_db_outage ;;
    smtp-down) scenario_smtp_down ;;
    webhook-500) scenario_webhook_500 ;;
    apps-2) scenario_apps 2 ;;
    apps-3) scenario_apps 3 ;;
    ingest-restart) scenario_ingest_restart ;;
    *) echo "unknown scenario '$s'" >&2; exit 2 ;;
  esac
done

echo
echo "Fault suite ($([ $long = 1 ] && echo long || echo scaled-down): load ${LOAD_S}s, db down ${DB_DOWN_S}s, smtp down ${SMTP_DOWN_S}s, webhook 500s ${WEBHOOK_FAIL_S}s, restart gap ${RESTART_DOWN_S}s)"
column -t -s $'\t' "$TABLE"
! grep -q 'FAIL$' "$TABLE"
