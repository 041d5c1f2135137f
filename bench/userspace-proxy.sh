#!/usr/bin/env bash
# Userspace data plane vs HAProxy: the same three pod HTTP responders (127.0.100.1-3:18080, served
# by PodResponders in listen mode, in a JVM of their own) behind kubeplane's NodePort (127.0.0.1:31080, round-robin,
# direct connector) and behind HAProxy (127.0.0.1:31081, tcp mode, roundrobin); wrk also hits one
# backend directly. Prints req/s, p50, p99, the kubeplane/HAProxy ratio (target >= 0.8) and the
# p99 kubeplane adds over direct (target < 1 ms), as medians over interleaved rounds.
# Usage: bench/userspace-proxy.sh [duration of each wrk run, default 15s] [rounds, default 3]
#        BENCH_JAVA_OPTS="-Xlog:gc:file=/tmp/gc-%p.log" bench/userspace-proxy.sh   (more JVM options for both JVMs)
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
DURATION=${1:-15s}
ROUNDS=${2:-3}
NODE_PORT=31080 HAPROXY_PORT=31081 POD_PORT=18080
PODS=(127.0.100.1 127.0.100.2 127.0.100.3)
WORK=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

./mvnw -B -o -q test-compile -pl proxy-agent
./mvnw -B -o -q dependency:build-classpath -pl proxy-agent -Dmdep.outputFile="$WORK/cp" -Dmdep.includeScope=test
CP="proxy-agent/target/test-classes:proxy-agent/target/classes:$(cat "$WORK/cp")"

# Two JVMs: the pods' responders, and the proxy in front of them (its own threads, as HAProxy has).
start() { # role args...
  : >"$WORK/$1.log"  # exists before the poll below reads it
  # --add-opens: lets Netty's NIO transport swap in its array-backed selected-key set (what it does
  # on JDKs that allow it); without it every select walks a HashSet.
  "$JAVA_HOME/bin/java" -Xms256m -Xmx256m --add-opens=java.base/sun.nio.ch=ALL-UNNAMED ${BENCH_JAVA_OPTS:-} -cp "$CP" io.kubeplane.proxy.userspace.UserspaceBench "$@" \
    >"$WORK/$1.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do grep -q READY "$WORK/$1.log" && break; sleep 0.2; done
  grep READY "$WORK/$1.log" || { cat "$WORK/$1.log"; exit 1; }
}
start pods "$POD_PORT" "${PODS[@]}"
start proxy "$NODE_PORT" "$POD_PORT" "${PODS[@]}"

{
  printf 'global\n  maxconn 4096\n  nbthread 2\ndefaults\n  mode tcp\n  timeout connect 5s\n  timeout client 60s\n  timeout server 60s\n'
  printf 'frontend fe\n  bind 127.0.0.1:%s\n  default_backend pods\nbackend pods\n  balance roundrobin\n' "$HAPROXY_PORT"
  i=0; for ip in "${PODS[@]}"; do printf '  server p%s %s:%s\n' $i "$ip" "$POD_PORT"; i=$((i+1)); done
} >"$WORK/haproxy.cfg"
haproxy -f "$WORK/haproxy.cfg" -db >"$WORK/haproxy.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do curl -fsS "http://127.0.0.1:$HAPROXY_PORT/" >/dev/null 2>&1 && break; sleep 0.1; done

run() { # name url: one wrk run, its figures appended to $WORK/<name>.runs as "rps p50us p99us"
  wrk -t2 -c32 -d"$DURATION" --latency "$2" >"$WORK/$1.wrk"
  rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/$1.wrk")
  p50=$(awk '$1=="50%" {print $2}' "$WORK/$1.wrk")
  p99=$(awk '$1=="99%" {print $2}' "$WORK/$1.wrk")
  errs=$(grep -E 'Socket errors|Non-2xx' "$WORK/$1.wrk" | tr -s ' ' | tr '\n' ';' || true)
  printf '  %-10s %10s req/s  p50 %8s  p99 %8s  %s\n' "$1" "$rps" "$p50" "$p99" "$errs"
  echo "$rps $(us "$p50") $(us "$p99")" >>"$WORK/$1.runs"
}
# wrk prints latencies as 812.00us, 1.20ms or 1.02s: to microseconds.
us() { awk -v v="$1" 'BEGIN { n=v+0; if (v ~ /us$/) print n; else if (v ~ /ms$/) print n*1000; else print n*1000000 }'; }
# The median of column $2 of file $1.
median() { sort -g -k"$2,$2" "$1" | awk -v c="$2" '{ v[NR] = $c } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

curl -fsS "http://127.0.0.1:$NODE_PORT/" >/dev/null
# Warm the JITs of the proxy and the pods, then measure the three targets in turn, ROUNDS times,
# each round in another order: on a shared machine the load moves, and medians over interleaved
# runs compare the targets under the same conditions.
wrk -t2 -c32 -d5s "http://127.0.0.1:$NODE_PORT/" >/dev/null
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg) before; wrk -t2 -c32 -d$DURATION --latency, $ROUNDS rounds"
targets=(kubeplane haproxy direct)
declare -A url=([kubeplane]="http://127.0.0.1:$NODE_PORT/" [haproxy]="http://127.0.0.1:$HAPROXY_PORT/"
                [direct]="http://${PODS[0]}:$POD_PORT/")
for r in $(seq "$ROUNDS"); do
  echo "round $r"
  for i in 0 1 2; do t=${targets[$(( (i + r - 1) % 3 ))]}; run "$t" "${url[$t]}"; done
done
echo "load $(cut -d' ' -f1-3 /proc/loadavg) after"
echo "medians:"
for t in "${targets[@]}"; do
  printf '  %-10s %10.0f req/s  p50 %6.0f us  p99 %6.0f us\n' "$t" "$(median "$WORK/$t.runs" 1)" \
    "$(median "$WORK/$t.runs" 2)" "$(median "$WORK/$t.runs" 3)"
done
awk -v k="$(median "$WORK/kubeplane.runs" 1)" -v h="$(median "$WORK/haproxy.runs" 1)" \
  'BEGIN { printf "ratio kubeplane/haproxy: %.2f (target >= 0.80)\n", k/h }'
awk -v k="$(median "$WORK/kubeplane.runs" 3)" -v d="$(median "$WORK/direct.runs" 3)" \
  'BEGIN { printf "p99 added vs direct: %.0f us (target < 1000 us)\n", k-d }'
