#!/usr/bin/env bash
# Benchmark of proxy-agent's userspace mode (issue: proxy-agent): requests per second and latency
# through a NodePort, against HAProxy (Debian's package, tcp mode, roundrobin) forwarding the same
# traffic to the same three backends, and against one backend directly, in the same run, with wrk
# (small HTTP responses, keep-alive). Loopback only.
# Needs: JDK 25, wrk, haproxy, a built tree (./mvnw -DskipTests install).
# Usage: bench/userspace-proxy.sh [seconds] [connections] [balancing]   (15, 32, random)
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-15}
CONNECTIONS=${2:-32}
BALANCING=${3:-random}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
NODE_PORT=31080 HAPROXY_PORT=31081 BASE=31090
WORK=$(mktemp -d /tmp/kubeplane-userspace.XXXXXX)
PIDS=()
trap 'kill "${PIDS[@]}" 2>/dev/null; rm -rf "$WORK"' EXIT

./mvnw -B -q -o test-compile -pl proxy-agent
./mvnw -B -q -o dependency:build-classpath -pl proxy-agent -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test
touch "$WORK/proxy.log"
"$JAVA_HOME/bin/java" -cp "proxy-agent/target/classes:proxy-agent/target/test-classes:$(cat "$WORK/cp.txt")" \
  io.kubeplane.proxy.userspace.UserspaceProxyBenchmark $NODE_PORT $BASE "$BALANCING" > "$WORK/proxy.log" 2>&1 &
PIDS+=($!)
until grep -q ready "$WORK/proxy.log"; do sleep 0.2; kill -0 "${PIDS[0]}" || { cat "$WORK/proxy.log"; exit 1; }; done

cat > "$WORK/haproxy.cfg" <<CFG
global
  maxconn 4096
defaults
  mode tcp
  timeout connect 2s
  timeout client 30s
  timeout server 30s
frontend web
  bind 127.0.0.1:$HAPROXY_PORT
  default_backend pods
backend pods
  balance roundrobin
  server a 127.0.0.1:$((BASE + 1))
  server b 127.0.0.1:$((BASE + 2))
  server c 127.0.0.1:$((BASE + 3))
CFG
haproxy -f "$WORK/haproxy.cfg" -db > "$WORK/haproxy.log" 2>&1 &
PIDS+=($!)
sleep 1

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -r), $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1), $(haproxy -v | head -n 1)"
run() {
  local name=$1 url=$2
  wrk -t2 -c"$CONNECTIONS" -d5s "$url" > /dev/null # warm-up
  wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --latency "$url" > "$WORK/$name.txt"
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/$name.txt")
  p50=$(awk '$1 == "50%" {print $2}' "$WORK/$name.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$WORK/$name.txt")
  echo "$name: $rps req/s, p50 $p50, p99 $p99"
  eval "${name}_rps=$rps; ${name}_p99=$p99"
}
run direct "http://127.0.0.1:$((BASE + 1))/"
run haproxy "http://127.0.0.1:$HAPROXY_PORT/"
run kubeplane "http://127.0.0.1:$NODE_PORT/"
ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) { sub(/us$/, "", v); print v / 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v); print v } else { sub(/s$/, "", v); print v * 1000 } }'; }
echo "ratio kubeplane/haproxy: $(awk -v a="$kubeplane_rps" -v b="$haproxy_rps" 'BEGIN { printf "%.2f", a / b }') (target >= 0.8)"
echo "added p99 vs direct: $(awk -v a="$(ms "$kubeplane_p99")" -v b="$(ms "$direct_p99")" 'BEGIN { printf "%.2f ms", a - b }') (target < 1 ms);" \
     "haproxy's: $(awk -v a="$(ms "$haproxy_p99")" -v b="$(ms "$direct_p99")" 'BEGIN { printf "%.2f ms", a - b }')"
