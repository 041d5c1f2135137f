#!/usr/bin/env bash
# Benchmarks of ipam-service (issue: ipam-service), each against a fresh database on this machine:
#   1. ClusterIP allocations per second through its HTTP API with 16 keep-alive clients (wrk), with
#      pgbench inserting one row per transaction with 16 clients into the same PostgreSQL for reference;
#   2. allocation latency on an empty /16 and on the same /16 at 99% full.
# Needs: JDK 25, a built ipam-service (./mvnw -pl ipam-service -am package -DskipTests), PostgreSQL on
# 127.0.0.1:5432, wrk and pgbench.
# Usage: bench/ipam.sh [duration-seconds]   (default 20)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-20}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
PGUSER=${KUBEPLANE_DB_USER:-postgres}
export PGPASSWORD=${KUBEPLANE_DB_PASSWORD:-}
DB=kubeplane_ipam_bench
PORT=18181
JAR=$(ls ipam-service/target/ipam-service-*-exec.jar)
LOG=$(mktemp /tmp/ipam-bench.XXXXXX)

start_ipam() { # $1: service CIDR
  psql -h 127.0.0.1 -U "$PGUSER" -d postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
  "$JAVA" -jar "$JAR" --server.port=$PORT --server.address=127.0.0.1 \
    --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$DB" --spring.datasource.username="$PGUSER" \
    --spring.datasource.password="$PGPASSWORD" --kubeplane.ipam.service-cidrs[0]="$1" > "$LOG" 2>&1 &
  IPAM=$!
  for _ in $(seq 1 60); do
    curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1 && return
    kill -0 $IPAM 2>/dev/null || { cat "$LOG"; exit 1; }
    sleep 1
  done
}
stop_ipam() { kill $IPAM 2>/dev/null; wait $IPAM 2>/dev/null || true; }
trap 'stop_ipam; rm -f "$LOG"' EXIT

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -r), $("$JAVA" -version 2>&1 | head -n 1)"

start_ipam 10.96.0.0/12
echo "== warm-up (20 s)"
wrk -t2 -c16 -d20s -s bench/allocate-cluster-ip.lua "http://127.0.0.1:$PORT" -- warm | grep Requests/sec
echo "== ipam-service: ClusterIP allocations, 16 connections, ${DURATION}s"
wrk -t2 -c16 -d"${DURATION}s" --latency -s bench/allocate-cluster-ip.lua "http://127.0.0.1:$PORT" -- run | tee "$LOG.wrk"
echo "== pgbench: one-row insert per transaction, 16 clients, ${DURATION}s"
psql -h 127.0.0.1 -U "$PGUSER" -d $DB -qc "CREATE TABLE pgbench_plain (id bigserial PRIMARY KEY, value text NOT NULL)"
echo "INSERT INTO pgbench_plain (value) VALUES ('10.96.0.1');" > "$LOG.sql"
pgbench -h 127.0.0.1 -U "$PGUSER" -n -c 16 -j 2 -T "$DURATION" -f "$LOG.sql" $DB | tee "$LOG.pgbench" | grep -E "tps|latency"
ours=$(awk '/Requests\/sec/ {print $2}' "$LOG.wrk")
theirs=$(awk '/^tps/ {print $3}' "$LOG.pgbench")
echo "== allocations/s: ipam-service $ours, pgbench $theirs, ratio $(awk -v a="$ours" -v b="$theirs" 'BEGIN {printf "%.2f", a/b}')"
rm -f "$LOG.wrk" "$LOG.sql" "$LOG.pgbench"
stop_ipam

echo "== allocation latency on a /16, empty and 99% full"
start_ipam 10.100.0.0/16
"$JAVA" bench/IpamLatency.java "http://127.0.0.1:$PORT" 65534 99 5000
