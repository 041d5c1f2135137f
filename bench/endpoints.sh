#!/usr/bin/env bash
# Benchmarks of endpoints-controller (issue: endpoints), against the local cluster on this machine:
#   1. cold start: with SERVICES Services x PODS pods each already in the store, a fresh
#      endpoints-controller JVM (-Xmx512m) is started; the time until every Service has its
#      Endpoints and EndpointSlices, and the heap it holds then (live set after a full GC);
#   2. a pod readiness change to the EndpointSlice event a watcher sees, p99 over FLIPS flips.
# Needs: JDK 25, PostgreSQL on 127.0.0.1:5432, a built tree (./mvnw -DskipTests install).
# Usage: bench/endpoints.sh [services] [pods-per-service] [flips]   (default 5000 20 200)
#        CONTROLLER_ARGS="--kubeplane.endpoints.workers=10" bench/endpoints.sh   (more controller settings)
#        CONTROLLER_JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/cold.jfr" bench/endpoints.sh   (a profile)
set -euo pipefail
cd "$(dirname "$0")/.."
SERVICES=${1:-5000}
PODS=${2:-20}
FLIPS=${3:-200}
CONTROLLER=http://127.0.0.1:18082
. bench/local-cluster.sh

# The cluster without its endpoints-controller: the one measured runs in its own JVM.
start_local_cluster kubeplane_bench_endpoints --disable=endpoints-controller

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -r), $("$JAVA" -version 2>&1 | head -n 1)"
echo "== populate: $SERVICES services x $PODS pods"
"$JAVA" bench/EndpointsScale.java populate "$API" "$TOKEN" scale "$SERVICES" "$PODS"

echo "== cold start of endpoints-controller (-Xmx512m)"
JAR=$(ls endpoints-controller/target/endpoints-controller-*-exec.jar)
START=$(date +%s%N)
"$JAVA" -Xmx512m ${CONTROLLER_JAVA_OPTS:-} -jar "$JAR" --server.port=18082 --server.address=127.0.0.1 \
  --spring.kafka.bootstrap-servers=127.0.0.1:19092 \
  --kubeplane.endpoints.api-server=https://127.0.0.1:16443 \
  --kubeplane.endpoints.token-file="$HOME_DIR/components/endpoints-controller.token" \
  --kubeplane.endpoints.ca-file="$HOME_DIR/pki/ca.crt" ${CONTROLLER_ARGS:-} > "$HOME_DIR/controller.log" 2>&1 &
CONTROLLER_PID=$!
BENCH_PIDS+=("$CONTROLLER_PID")
metric() { { curl -s "$CONTROLLER/actuator/prometheus" || true; } | awk -v m="$1" '$0 ~ m {s += $2} END {printf "%d", s}'; }
while true; do
  kill -0 $CONTROLLER_PID 2>/dev/null || { tail -50 "$HOME_DIR/controller.log"; exit 1; }
  slices=$(metric 'endpoints_controller_writes_total\\{kind="EndpointSlice",manager="endpointslice-controller')
  endpoints=$(metric 'endpoints_controller_writes_total\\{kind="Endpoints"')
  depth=$(metric '^controller_queue_depth')
  if [ "${slices:-0}" -ge "$SERVICES" ] && [ "${endpoints:-0}" -ge "$SERVICES" ] && [ "${depth:-1}" -eq 0 ]; then break; fi
  sleep 0.2
done
END=$(date +%s%N)
echo "converged: $slices slice writes, $endpoints Endpoints writes, in $(( (END - START) / 1000000 )) ms from JVM start"
grep -E "Started EndpointsControllerApplication|controllers running" "$HOME_DIR/controller.log" | sed 's/^.*  : //'
"$JAVA_HOME/bin/jcmd" $CONTROLLER_PID GC.run >/dev/null
echo "heap after a full GC: $("$JAVA_HOME/bin/jcmd" $CONTROLLER_PID GC.heap_info | grep -oE 'used [0-9]+K' | head -1)"
"$JAVA" bench/EndpointsScale.java count "$API" "$TOKEN" scale

echo "== readiness flips ($FLIPS)"
"$JAVA" bench/EndpointsScale.java flips "$API" "$TOKEN" scale "$SERVICES" "$PODS" "$FLIPS"
