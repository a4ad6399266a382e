#!/usr/bin/env bash
# Installs the Vigil agent on a Linux server as a systemd service.
#   sudo infra/agent/install.sh path/to/vigil-agent.jar https://vigil.example.com <host-token> [host-name]
# Creates the 'vigil' system user, /opt/vigil-agent (jar + launcher), /etc/vigil/agent.yml (mode 600),
# /var/lib/vigil-agent (spool), a logrotate rule, and starts vigil-agent.service.
set -euo pipefail
[ "$(id -u)" -eq 0 ] || { echo "run as root (sudo)" >&2; exit 1; }
[ $# -ge 3 ] || { echo "usage: $0 vigil-agent.jar URL TOKEN [HOST]" >&2; exit 2; }
JAR=$1 URL=$2 TOKEN=$3 HOST=${4:-$(hostname -s)}
HERE=$(cd "$(dirname "$0")" && pwd)
command -v java >/dev/null || { echo "Java 17+ is required (apt-get install openjdk-17-jre-headless)" >&2; exit 1; }

id vigil >/dev/null 2>&1 || useradd --system --home /var/lib/vigil-agent --shell /usr/sbin/nologin vigil
install -d -o root -g root -m 755 /opt/vigil-agent
install -m 644 "$JAR" /opt/vigil-agent/vigil-agent.jar
install -m 755 "$HERE/../../functions/agent/src/dist/vigil-agent" /opt/vigil-agent/vigil-agent
install -d -o vigil -g vigil -m 750 /var/lib/vigil-agent /var/log/vigil-agent
install -d -o root -g vigil -m 750 /etc/vigil
if [ ! -f /etc/vigil/agent.yml ]; then
  umask 077
  cat > /etc/vigil/agent.yml <<YML
url: $URL
host: $HOST
token: $TOKEN
interval: 15s
spool:
  dir: /var/lib/vigil-agent/spool
YML
  chown root:vigil /etc/vigil/agent.yml
  chmod 640 /etc/vigil/agent.yml
fi
install -m 644 "$HERE/vigil-agent.service" /etc/systemd/system/vigil-agent.service
install -m 644 "$HERE/../logrotate/vigil-agent" /etc/logrotate.d/vigil-agent
systemctl daemon-reload
systemctl enable --now vigil-agent.service
/opt/vigil-agent/vigil-agent --config /etc/vigil/agent.yml --dry-run >/dev/null && echo "vigil-agent installed; config /etc/vigil/agent.yml"
