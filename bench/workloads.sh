#!/usr/bin/env bash
# Benchmark of workload-controller and the node agents (issue: workloads), against the local
# cluster on this machine: one Deployment (with a Service) scaled from 0 to REPLICAS on the two
# local nodes; the time from the scale request until every pod is Running and Ready and every one
# is a ready endpoint in the Service's EndpointSlices, i.e. scheduled, given an IP by ipam-service,
# reported by its node's agent and followed by endpoints-controller. KWOK, the reference
# simulator, publishes about 20 pods per second; the target is 100 per second.
# Needs: JDK 25, PostgreSQL on 127.0.0.1:5432, jq, a built tree (./mvnw -DskipTests install).
# Usage: bench/workloads.sh [replicas]   (default 1000)
set -euo pipefail
cd "$(dirname "$0")/.."
REPLICAS=${1:-1000}
. bench/local-cluster.sh

# A /22 per node, so each of the two nodes has room for 1000 pod IPs.
KUBEPLANE_IPAM_NODECIDRMASKSIZE=22 start_local_cluster kubeplane_bench_workloads
export KUBECONFIG="$HOME_DIR/kubeconfig"

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -r), $("$JAVA" -version 2>&1 | head -n 1)"
until [ "$(kubectl get nodes --no-headers 2>/dev/null | grep -c ' Ready')" -ge 2 ]; do sleep 0.5; done
kubectl create namespace scale >/dev/null
kubectl -n scale create deployment web --image=nginx --replicas=0 --port=8080 >/dev/null
kubectl -n scale expose deployment web --port=80 --target-port=8080 >/dev/null

ready_pods() {
  curl -s -H "Authorization: Bearer $TOKEN" "$API/api/v1/namespaces/scale/pods?labelSelector=app%3Dweb" \
    | jq '[.items[] | select(.metadata.deletionTimestamp == null and .status.phase == "Running"
             and any(.status.conditions[]?; .type == "Ready" and .status == "True"))] | length'
}
ready_endpoints() {
  curl -s -H "Authorization: Bearer $TOKEN" \
    "$API/apis/discovery.k8s.io/v1/namespaces/scale/endpointslices?labelSelector=kubernetes.io%2Fservice-name%3Dweb" \
    | jq '[.items[].endpoints // [] | .[] | select(.conditions.ready == true)] | length'
}

echo "== scale 0 -> $REPLICAS"
START=$(date +%s%N)
kubectl -n scale scale deployment web --replicas="$REPLICAS" >/dev/null
PODS_AT=""
while true; do
  NOW=$(date +%s%N)
  if [ $(( (NOW - START) / 1000000000 )) -gt 300 ]; then echo "not converged after 300 s"; exit 1; fi
  if [ -z "$PODS_AT" ] && [ "$(ready_pods)" -ge "$REPLICAS" ]; then
    PODS_AT=$(( ($(date +%s%N) - START) / 1000000 ))
  fi
  if [ -n "$PODS_AT" ] && [ "$(ready_endpoints)" -ge "$REPLICAS" ]; then break; fi
  sleep 0.2
done
END=$(( ($(date +%s%N) - START) / 1000000 ))
echo "every pod Running and Ready after ${PODS_AT} ms; every pod a ready endpoint after ${END} ms"
echo "rate: $(( REPLICAS * 1000 / END )) pods/s (KWOK ~20 pods/s, target 100 pods/s)"
kubectl -n scale get deployment web
kubectl get pods -n scale -o jsonpath='{range .items[*]}{.spec.nodeName}{"\n"}{end}' | sort | uniq -c
