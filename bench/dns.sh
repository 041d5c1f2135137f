#!/usr/bin/env bash
# Benchmark of dns-service (issue: dns) against NSD, the reference authoritative server, on this
# machine: the local cluster serves SERVICES Services (ClusterIP, a named port) in namespace
# `bench`; NSD serves the same records (A and SRV, same TTL) from a zone file written from the
# cluster's own Services. dnsperf sends the same query mix to both (80 % A of existing Services,
# 10 % SRV, 10 % names that do not exist), ROUNDS rounds of SECONDS each in alternating order;
# then, at half of NSD's median rate, dns-service's per-query latencies (dnsperf -v) give p50/p99.
# Last, 200 Services created one at a time: from each create's answer to its first DNS answer.
# Needs: JDK 25, PostgreSQL on 127.0.0.1:5432, kubectl, dig, dnsperf and nsd (Debian packages:
# apt-get install bind9-dnsutils dnsperf nsd), a built tree (./mvnw -DskipTests install).
# Usage: bench/dns.sh [services] [seconds] [rounds]   (default 1000 10 3)
set -euo pipefail
cd "$(dirname "$0")/.."
SERVICES=${1:-1000}
SECONDS_PER_RUN=${2:-10}
ROUNDS=${3:-3}
for tool in kubectl dig dnsperf nsd; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install bind9-dnsutils dnsperf nsd"; exit 1; }
done
DNS_PORT=11053
NSD_PORT=11054
. bench/local-cluster.sh
start_local_cluster kubeplane_bench_dns
export KUBECONFIG="$HOME_DIR/kubeconfig"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -r), $("$JAVA" -version 2>&1 | head -n 1), $(nsd -v 2>&1 | head -n 1), dnsperf $(dnsperf -h 2>&1 | awk '/^Version/ {print $2}')"

kubectl create namespace bench >/dev/null
for i in $(seq 0 $((SERVICES - 1))); do
  printf -- '---\napiVersion: v1\nkind: Service\nmetadata: {name: svc-%d, namespace: bench}\nspec:\n  selector: {app: svc-%d}\n  ports: [{name: http, port: 80, targetPort: 8080}]\n' "$i" "$i"
done > "$HOME_DIR/services.yaml"
kubectl create -f "$HOME_DIR/services.yaml" >/dev/null
last="svc-$((SERVICES - 1)).bench.svc.cluster.local"
until [ -n "$(dig @127.0.0.1 -p $DNS_PORT +short "$last" A)" ]; do sleep 0.5; done
echo "$SERVICES Services answerable in DNS"

# The same records for NSD, written from the Services' ClusterIPs.
NSD_DIR="$HOME_DIR/nsd"
mkdir -p "$NSD_DIR"
{
  printf '$ORIGIN cluster.local.\n$TTL 5\n'
  printf '@ IN SOA ns.dns.cluster.local. hostmaster.cluster.local. 1 7200 1800 86400 5\n@ IN NS ns.dns.cluster.local.\nns.dns IN A 10.96.0.10\n'
  kubectl -n bench get services -o jsonpath='{range .items[*]}{.metadata.name} {.spec.clusterIP}{"\n"}{end}' |
    awk '{ printf "%s.bench.svc IN A %s\n_http._tcp.%s.bench.svc IN SRV 0 100 80 %s.bench.svc.cluster.local.\n", $1, $2, $1, $1 }'
} > "$NSD_DIR/cluster.local.zone"
cat > "$NSD_DIR/nsd.conf" <<CONF
server:
  ip-address: 127.0.0.1@$NSD_PORT
  username: ""
  zonesdir: "$NSD_DIR"
  pidfile: "$NSD_DIR/nsd.pid"
  database: ""
  xfrdfile: "$NSD_DIR/xfrd.state"
  zonelistfile: "$NSD_DIR/zone.list"
  logfile: "$NSD_DIR/nsd.log"
  server-count: 1
  hide-version: yes
  # Debian's NSD limits answers per client network (RRL, 200/s); dnsperf is one client.
  rrl-ratelimit: 0
  rrl-whitelist-ratelimit: 0
remote-control:
  control-enable: no
zone:
  name: cluster.local
  zonefile: cluster.local.zone
CONF
nsd -d -c "$NSD_DIR/nsd.conf" &
BENCH_PIDS+=($!)
until [ -n "$(dig @127.0.0.1 -p $NSD_PORT +short "$last" A 2>/dev/null)" ]; do sleep 0.2; done
for name in "svc-7.bench.svc.cluster.local A" "_http._tcp.svc-7.bench.svc.cluster.local SRV"; do
  set -- $name
  ours=$(dig @127.0.0.1 -p $DNS_PORT +short "$1" "$2")
  theirs=$(dig @127.0.0.1 -p $NSD_PORT +short "$1" "$2")
  [ "$ours" = "$theirs" ] || { echo "the two servers differ on $name: '$ours' vs '$theirs'"; exit 1; }
done
echo "NSD serves the same records"

# 10,000 queries, the same file for both servers.
awk -v n="$SERVICES" 'BEGIN { srand(42); for (i = 0; i < 10000; i++) { s = int(rand() * n); k = i % 10;
  if (k < 8) printf "svc-%d.bench.svc.cluster.local A\n", s;
  else if (k == 8) printf "_http._tcp.svc-%d.bench.svc.cluster.local SRV\n", s;
  else printf "nosuch-%d.bench.svc.cluster.local A\n", s } }' > "$HOME_DIR/queries.txt"

run() { # server-port -> queries per second; dnsperf's whole report goes to $HOME_DIR/dnsperf-<port>.log
  dnsperf -s 127.0.0.1 -p "$1" -d "$HOME_DIR/queries.txt" -l "$SECONDS_PER_RUN" -c 8 -T 2 -q 200 > "$HOME_DIR/dnsperf-$1.log" 2>&1
  grep -E "Queries (completed|lost)|Response codes" "$HOME_DIR/dnsperf-$1.log" | tr -s ' ' | sed 's/^/    /' >&2
  awk '/Queries per second/ {print int($4)}' "$HOME_DIR/dnsperf-$1.log"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
OURS=() THEIRS=()
for round in $(seq 1 "$ROUNDS"); do
  if [ $((round % 2)) -eq 1 ]; then
    OURS+=("$(run $DNS_PORT)"); THEIRS+=("$(run $NSD_PORT)")
  else
    THEIRS+=("$(run $NSD_PORT)"); OURS+=("$(run $DNS_PORT)")
  fi
  echo "round $round: dns-service ${OURS[-1]} q/s, NSD ${THEIRS[-1]} q/s"
done
ours=$(printf '%s\n' "${OURS[@]}" | median)
theirs=$(printf '%s\n' "${THEIRS[@]}" | median)
echo "median: dns-service $ours q/s, NSD $theirs q/s, ratio $(awk -v a="$ours" -v b="$theirs" 'BEGIN {printf "%.2f", a / b}') (target >= 0.5)"

half=$((theirs / 2))
latency() { # server-port -> p50/p90/p99/max in ms at half of NSD's rate
  dnsperf -s 127.0.0.1 -p "$1" -d "$HOME_DIR/queries.txt" -l "$SECONDS_PER_RUN" -c 8 -T 2 -Q "$half" -v 2>/dev/null |
    awk '/^> / {print $NF * 1000}' | sort -n |
    awk '{a[NR]=$1} END {printf "%d answers: p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms", NR, a[int(NR*0.5)], a[int(NR*0.9)], a[int(NR*0.99)], a[NR]}'
}
echo "at $half q/s: dns-service $(latency $DNS_PORT) (target p99 < 1 ms)"
echo "at $half q/s: NSD         $(latency $NSD_PORT)"

kubectl create namespace late >/dev/null
"$JAVA" bench/DnsLatency.java "$API" "$TOKEN" $DNS_PORT late 200
