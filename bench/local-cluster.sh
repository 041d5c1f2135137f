# Sourced by the benchmarks that run against the whole local cluster: starts kubeplane-local on a
# fresh database of the local PostgreSQL, on the 18080-18086 ports and DNS on 11053 (so a cluster on the default
# ports is no obstacle), waits for /readyz, and on exit stops it and anything listed in
# BENCH_PIDS. Sets JAVA, PGUSER, HOME_DIR, API, CLUSTER and TOKEN (the admin's).
# Usage: start_local_cluster <database> [more kubeplane-local flags]

export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
PGUSER=${KUBEPLANE_DB_USER:-postgres}
export PGPASSWORD=${KUBEPLANE_DB_PASSWORD:-}
API=http://127.0.0.1:18080
BENCH_PIDS=()

start_local_cluster() {
  local db=$1
  shift
  HOME_DIR=$(mktemp -d /tmp/kubeplane-bench.XXXXXX)
  psql -h 127.0.0.1 -U "$PGUSER" -d postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
  ./kubeplane-local --home="$HOME_DIR" --db-url="jdbc:postgresql://127.0.0.1:5432/$db" --db-user="$PGUSER" \
    --api-server-port=18080 --secure-port=16443 --kafka-port=19092 --ipam-service-port=18081 \
    --endpoints-controller-port=18082 --dns-service-port=18083 --proxy-agent-port=18084 \
    --workload-controller-port=18085 --second-proxy-agent-port=18086 --dns-port=11053 "$@" > "$HOME_DIR/cluster.log" 2>&1 &
  CLUSTER=$!
  trap 'kill "${BENCH_PIDS[@]}" $CLUSTER 2>/dev/null; wait $CLUSTER 2>/dev/null; rm -rf "$HOME_DIR"' EXIT
  for _ in $(seq 1 180); do
    curl -sf "$API/readyz" >/dev/null 2>&1 && break
    kill -0 $CLUSTER 2>/dev/null || { cat "$HOME_DIR/cluster.log"; exit 1; }
    sleep 1
  done
  TOKEN=$(grep -v '^#' "$HOME_DIR/tokens.csv" | grep kubeplane-admin | cut -d, -f1 | head -n 1)
}
