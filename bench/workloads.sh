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

# Polls small answers, so that the benchmark itself does not load the api-server: the Deployment's
# status (readyReplicas counts the pods that are Running and Ready), and the EndpointSlices only
# once every pod is ready.
ready_pods() {
  curl -s -H "Authorization: Bearer $TOKEN" "$API/apis/apps/v1/namespaces/scale/deployments/web" | jq '.status.readyReplicas // 0'
}
ready_endpoints() {
  curl -s -H "Authorization: Bearer $TOKEN" \
    "$API/apis/discovery.k8s.io/v1/namespaces/scale/endpointslices?labelSelector=kubernetes.io%2Fservice-name%3Dweb" \
    | jq '[.items[].endpoints // [] | .[] | select(.conditions.ready == true)] | length'
}
# Scales to $1 and waits until that many pods are ready endpoints; prints the two times in ms.
scale_and_wait() {
  local replicas=$1 start pods_at="" now
  start=$(date +%s%N)
  kubectl -n scale scale deployment web --replicas="$replicas" >/dev/null
  while true; do
    now=$(date +%s%N)
    if [ $(( (now - start) / 1000000000 )) -gt 300 ]; then echo "not converged after 300 s" >&2; exit 1; fi
    if [ -z "$pods_at" ] && [ "$(ready_pods)" -ge "$replicas" ]; then
      pods_at=$(( ($(date +%s%N) - start) / 1000000 ))
    fi
    if [ -n "$pods_at" ] && [ "$(ready_endpoints)" -ge "$replicas" ]; then break; fi
    sleep 0.2
  done
  echo "$pods_at $(( ($(date +%s%N) - start) / 1000000 ))"
}
scale_to_zero() {
  kubectl -n scale scale deployment web --replicas=0 >/dev/null
  until [ "$(kubectl -n scale get pods --no-headers 2>/dev/null | wc -l)" -eq 0 ]; do sleep 0.5; done
}

report() {
  local label=$1 pods_at=$2 end=$3
  echo "$label: every pod Running and Ready after ${pods_at} ms; every pod a ready endpoint after ${end} ms;" \
       "$(( REPLICAS * 1000 / end )) pods/s (KWOK ~20 pods/s, target 100 pods/s)"
}

# The first scale-up meets a JVM that has not compiled the paths it takes; the second one, after
# scaling back to zero, shows the steady state a running cluster has.
echo "== scale 0 -> $REPLICAS, a cold JVM"
read -r PODS_AT END < <(scale_and_wait "$REPLICAS")
report cold "$PODS_AT" "$END"
kubectl -n scale get deployment web
kubectl get pods -n scale -o jsonpath='{range .items[*]}{.spec.nodeName}{"\n"}{end}' | sort | uniq -c
scale_to_zero
echo "== scale 0 -> $REPLICAS again, warm"
read -r PODS_AT END < <(scale_and_wait "$REPLICAS")
report warm "$PODS_AT" "$END"
