#!/usr/bin/env bash
# Finds what the suites run against — redis-server and ZooKeeper, Chromium (the browser test) and kubectl
# (rendering the Kubernetes manifests), Prometheus and promtool (the monitoring suites) — and installs Debian's packages where they are missing.
set -euo pipefail

zk_jar() {
  for jar in /usr/share/java/zookeeper.jar /usr/share/zookeeper/zookeeper.jar; do
    [ -f "$jar" ] && { echo "$jar"; return 0; }
  done
  return 1
}

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
{ zk_jar >/dev/null && command -v java >/dev/null 2>&1; } || missing+=(zookeeper)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v kubectl >/dev/null 2>&1 || missing+=(kubernetes-client)
{ command -v prometheus >/dev/null 2>&1 && command -v promtool >/dev/null 2>&1; } || missing+=(prometheus)

found() {
  echo "services: redis-server $(command -v redis-server), zookeeper $(zk_jar), chromium $(command -v chromium), kubectl $(command -v kubectl), prometheus $(command -v prometheus)"
}

if [ ${#missing[@]} -eq 0 ]; then
  found
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "Missing: ${missing[*]}. Install them with:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

echo "installing ${missing[*]} with apt-get"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# Debian starts the packaged services on their default ports; the suites start their own on free ports.
for svc in redis-server zookeeper prometheus prometheus-node-exporter; do
  if command -v systemctl >/dev/null 2>&1; then systemctl stop "$svc" >/dev/null 2>&1 || true; fi
done
found
