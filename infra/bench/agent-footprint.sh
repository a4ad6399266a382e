#!/usr/bin/env bash
# Footprint of the shaded agent: resident memory and CPU while posting every 15 s to a tiny local receiver.
# Builds nothing. Usage: infra/bench/agent-footprint.sh [jar] [duration-seconds] [interval]
#   defaults: functions/agent/target/vigil-agent.jar, 180, 15s (600 for the 10-minute figure)
# Runs the shipped launcher (functions/agent/src/dist/vigil-agent: its flags, MALLOC_ARENA_MAX and its class-data
# archive) and, as a baseline in the same run, `java -jar` with the JVM defaults (BASELINE=0 to skip).
# The launcher first runs WARMUP seconds (default 20) so that the measured start maps the archive of the classes
# the agent loads, as a service restarted once does (CDS=0: no archive, the JDK's default one).
# JAVA (default: java on PATH) picks the JDK; AGENT_OPTS overrides the launcher flags.
# CPU is reported twice: over the whole run from process start (JVM start-up included), and in steady state,
# from STEADY_AFTER seconds (default: one interval, at least 15) to the end, which is what a service that runs for
# months costs; the agent_cpu_percent figure is the steady one.
# A third agent "probes" (shipped flags) joins the same run when MYSQL_URL (+ MYSQL_USER, MYSQL_PASSWORD) and/or
# LARGEST_DIRS_ROOT are set: the mysql: probe against that server and largest-dirs scans of that root every
# LARGEST_DIRS_EVERY (default 5m; the first scan starts 30 s after the agent).
# LOG_WATCH=1 adds log watch to that agent: LOG_FILES (default 3) files, each appended LOG_RATE (default 20)
# lines a second by a writer in this script, one line in ten matching the mysql preset's patterns.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
jar=${1:-$root/functions/agent/target/vigil-agent.jar}
duration=${2:-180}
interval=${3:-15s}
java=${JAVA:-java}
[ -f "$jar" ] || { echo "no agent jar at $jar (build: mvn -B -q -pl functions/agent verify)" >&2; exit 2; }
launcher=$root/functions/agent/src/dist/vigil-agent
shipped_opts=${AGENT_OPTS:-$(sed -n 's/^DEFAULT_JVM_OPTS="\(.*\)"$/\1/p' "$launcher")}
java_home=""
case $java in */bin/java) java_home=${java%/bin/java} ;; esac

work=$(mktemp -d)
pids=()
declare -A pid rss_max rss_last
# start_agent runs in a command substitution, so its pids come back through pid[] rather than pids.
cleanup() { for p in "${pids[@]}" "${pid[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

cat > "$work/receiver.py" <<'PY'
import http.server, json, sys
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get('Content-Length', 0)))
        n = len(json.loads(body).get('samples', []))
        out = json.dumps({"accepted": n, "duplicates": 0}).encode()
        self.send_response(202); self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(out))); self.end_headers(); self.wfile.write(out)
        with open(sys.argv[2], 'a') as f: f.write('%d\n' % n)
    def log_message(self, *a): pass
s = http.server.HTTPServer(('127.0.0.1', 0), H)
open(sys.argv[1], 'w').write(str(s.server_address[1]))
s.serve_forever()
PY
python3 "$work/receiver.py" "$work/port" "$work/posts" & pids+=($!)
for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done
port=$(cat "$work/port")

start_agent() { # name opts|launcher [extra yaml]
    local name=$1 opts=$2 extra=${3:-}
    mkdir -p "$work/$name"
    cat > "$work/$name/agent.yml" <<YML
url: http://127.0.0.1:$port
host: bench-$name
token: bench
interval: $interval
spool: {dir: $work/$name/spool}
$extra
YML
    if [ "$opts" = launcher ]; then
        JAVA_HOME=$java_home VIGIL_AGENT_JAR=$jar VIGIL_AGENT_JAVA_OPTS=${AGENT_OPTS:-} VIGIL_AGENT_CDS_DIR=$work/cds \
            VIGIL_AGENT_CDS=$([ "${CDS:-1}" = 1 ] && echo on || echo off) \
            "$launcher" --config "$work/$name/agent.yml" > "$work/$name/log" 2>&1 &
    else
        # shellcheck disable=SC2086
        $java $opts -jar "$jar" --config "$work/$name/agent.yml" > "$work/$name/log" 2>&1 &
    fi
    pids+=($!)
    echo $!
}

tck=$(getconf CLK_TCK)
if [ "${CDS:-1}" = 1 ] && [ "${WARMUP:-20}" -gt 0 ]; then
    pid[warmup]=$(start_agent warmup launcher)
    sleep "${WARMUP:-20}"
    kill "${pid[warmup]}"
    while [ -d "/proc/${pid[warmup]}" ]; do sleep 0.2; done
fi
names=(shipped)
pid[shipped]=$(start_agent shipped launcher)
if [ "${BASELINE:-1}" = 1 ]; then names+=(default); pid[default]=$(start_agent default ""); fi
probes_yml=""
if [ -n "${MYSQL_URL:-}" ]; then
    probes_yml+="mysql: {url: \"$MYSQL_URL\", user: \"${MYSQL_USER:-root}\", password: \"${MYSQL_PASSWORD:-}\"}"$'\n'
fi
if [ -n "${LARGEST_DIRS_ROOT:-}" ]; then
    probes_yml+="largest-dirs: {roots: [\"$LARGEST_DIRS_ROOT\"], every: ${LARGEST_DIRS_EVERY:-5m}, when-used-above: 99, budget: 5m}"$'\n'
fi
if [ "${LOG_WATCH:-0}" = 1 ]; then
    mkdir -p "$work/logs"
    probes_yml+="logs:"$'\n'
    for i in $(seq "${LOG_FILES:-3}"); do
        : > "$work/logs/app-$i.log"
        probes_yml+="  - {name: app-$i, path: \"$work/logs/app-$i.log\", preset: mysql}"$'\n'
    done
    python3 - "$work/logs" "${LOG_FILES:-3}" "${LOG_RATE:-20}" <<'PY' & pids+=($!)
import sys, time
folder, files, rate = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
handles = [open('%s/app-%d.log' % (folder, i + 1), 'a', buffering=1) for i in range(files)]
n = 0
start = time.time()
while True:
    for h in handles:
        if n % 10 == 0:
            h.write('2026-11-30T01:00:00 0 [ERROR] InnoDB: Write to file ./ibdata1 failed: No space left on device (line %d)\n' % n)
        else:
            h.write('2026-11-30T01:00:00 0 [Note] Aborted connection %d to db: unconnected user: host: 10.0.0.%d (Got an error reading)\n' % (n, n % 250))
    n += 1
    time.sleep(max(0.0, start + n / rate - time.time()))
PY
fi
if [ -n "$probes_yml" ]; then names+=(probes); pid[probes]=$(start_agent probes launcher "$probes_yml"); fi
for n in "${names[@]}"; do rss_max[$n]=0; rss_last[$n]=0; done
declare -A steady_ticks
ticks_of() { awk '{print $14 + $15}' "/proc/$1/stat"; }
interval_s=$(echo "$interval" | sed -n 's/^\([0-9]*\)s$/\1/p')
steady_after=${STEADY_AFTER:-$(( ${interval_s:-15} > 15 ? ${interval_s:-15} : 15 ))}

t0=$(date +%s.%N)
end=$(( $(date +%s) + duration ))
steady_from=$(( $(date +%s) + steady_after ))
t_steady=""
while [ "$(date +%s)" -lt "$end" ]; do
    if [ -z "$t_steady" ] && [ "$(date +%s)" -ge "$steady_from" ]; then
        t_steady=$(date +%s.%N)
        for n in "${names[@]}"; do steady_ticks[$n]=$(ticks_of "${pid[$n]}"); done
    fi
    for n in "${names[@]}"; do
        p=${pid[$n]}
        [ -d /proc/$p ] || { echo "agent $n exited early:" >&2; tail -20 "$work/$n/log" >&2; exit 1; }
        kb=$(awk '/^VmRSS:/ {print $2}' /proc/$p/status)
        rss_last[$n]=$kb
        [ "$kb" -gt "${rss_max[$n]}" ] && rss_max[$n]=$kb
    done
    sleep 1
done
t_end=$(date +%s.%N)
wall=$(echo "$t_end - $t0" | bc -l)
steady_wall=$(echo "$t_end - ${t_steady:-$t0}" | bc -l)

echo "jdk=$($java -version 2>&1 | head -1 | tr -d '"') duration_s=$duration interval=$interval posts=$(wc -l < "$work/posts") load=$(cut -d' ' -f1-3 /proc/loadavg)"
for n in "${names[@]}"; do
    p=${pid[$n]}
    ticks=$(ticks_of "$p")
    cpu_all=$(echo "100 * $ticks / $tck / $wall" | bc -l)
    cpu=$(echo "100 * ($ticks - ${steady_ticks[$n]:-0}) / $tck / $steady_wall" | bc -l)
    printf '%s: rss_max_mb=%.1f rss_end_mb=%.1f cpu_percent_of_one_core=%.3f cpu_percent_with_start=%.3f\n' "$n" \
        "$(echo "${rss_max[$n]} / 1024" | bc -l)" "$(echo "${rss_last[$n]} / 1024" | bc -l)" "$cpu" "$cpu_all"
    eval "cpu_$n=$cpu"
    eval "cpu_all_$n=$cpu_all"
done
echo "steady state: the last $(printf '%.0f' "$steady_wall") s of $(printf '%.0f' "$wall") s (from ${steady_after} s after start)"
echo "flags(shipped)=$shipped_opts MALLOC_ARENA_MAX=2 cds_archive=$(ls "$work"/cds/*.jsa 2>/dev/null | wc -l)"
if [ -n "$probes_yml" ]; then
    printf 'ratio probes/shipped: rss_max=%.2f rss_end=%.2f\n' \
        "$(echo "${rss_max[probes]} / ${rss_max[shipped]}" | bc -l)" "$(echo "${rss_last[probes]} / ${rss_last[shipped]}" | bc -l)"
    grep -h "Largest directories\|MySQL" "$work/probes/log" | tail -5 || true
    [ "${LOG_WATCH:-0}" = 1 ] && echo "log watch: ${LOG_FILES:-3} files x ${LOG_RATE:-20} lines/s, $(cat "$work"/logs/*.log | wc -l) lines written"
fi
if [ "${BASELINE:-1}" = 1 ]; then
    printf 'ratio shipped/default: rss_max=%.2f rss_end=%.2f\n' \
        "$(echo "${rss_max[shipped]} / ${rss_max[default]}" | bc -l)" "$(echo "${rss_last[shipped]} / ${rss_last[default]}" | bc -l)"
fi
mb() { echo "$1 / 1024" | bc -l | xargs printf '%.1f'; }
if [ "${BASELINE:-1}" = 1 ]; then
    printf 'FIGURE\tagent_rss_mb\t%s\tMB\t%s\t%.2f\t48\n' "$(mb "${rss_max[shipped]}")" "$(mb "${rss_max[default]}")" \
        "$(echo "${rss_max[shipped]} / ${rss_max[default]}" | bc -l)"
    printf 'FIGURE\tagent_cpu_percent\t%.3f\t%%\t%.3f\t%s\t0.5\n' "$cpu_shipped" "$cpu_default" \
        "$(echo "$cpu_default > 0" | bc -l | grep -q 1 && printf '%.2f' "$(echo "$cpu_shipped / $cpu_default" | bc -l)" || echo -)"
    printf 'FIGURE\tagent_cpu_percent_with_start\t%.3f\t%%\t%.3f\t%s\t-\n' "$cpu_all_shipped" "$cpu_all_default" \
        "$(echo "$cpu_all_default > 0" | bc -l | grep -q 1 && printf '%.2f' "$(echo "$cpu_all_shipped / $cpu_all_default" | bc -l)" || echo -)"
else
    printf 'FIGURE\tagent_rss_mb\t%s\tMB\t-\t-\t48\n' "$(mb "${rss_max[shipped]}")"
    printf 'FIGURE\tagent_cpu_percent\t%.3f\t%%\t-\t-\t0.5\n' "$cpu_shipped"
    printf 'FIGURE\tagent_cpu_percent_with_start\t%.3f\t%%\t-\t-\t-\n' "$cpu_all_shipped"
fi
