#!/usr/bin/env bash
# Benchmarks of the api-server (issue: foundation), run against the local cluster on this machine:
#   1. Service creates per second with 16 keep-alive clients (wrk), against pgbench inserting the
#      same JSON rows into a plain table with 16 clients in the same PostgreSQL, in the same run;
#   2. listing 10,000 services;
#   3. watch delivery latency after a create returns.
# Needs: JDK 25, PostgreSQL on 127.0.0.1:5432, wrk and pgbench (apt-get install wrk postgresql-client).
# Usage: bench/api-server.sh [duration-seconds]   (default 20)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-20}
. bench/local-cluster.sh
DB=kubeplane_bench
start_local_cluster $DB
auth=(-H "Authorization: Bearer $TOKEN")
curl -sf "${auth[@]}" -H 'Content-Type: application/json' -d '{"metadata":{"name":"bench"}}' "$API/api/v1/namespaces" >/dev/null

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -r), $("$JAVA" -version 2>&1 | head -n 1)"
echo "postgres: $(psql -h 127.0.0.1 -U "$PGUSER" -d $DB -tAc 'show server_version')"

# The JIT needs a while on a JVM that runs every component: measured here, throughput keeps rising
# for about half a minute of load before it levels off.
echo "== warm-up (40 s)"
curl -sf "${auth[@]}" -H 'Content-Type: application/json' -d '{"metadata":{"name":"warmup"}}' "$API/api/v1/namespaces" >/dev/null
wrk -t2 -c16 -d40s -s bench/create-service.lua "$API" -- warmup "$TOKEN" | grep Requests/sec

echo "== kubeplane: POST services, 16 connections, ${DURATION}s"
wrk -t2 -c16 -d"${DURATION}s" --latency -s bench/create-service.lua "$API" -- bench "$TOKEN" | tee "$HOME_DIR/wrk.txt"

echo "== pgbench: the same JSON row into a plain table, 16 clients, ${DURATION}s"
BODY='{"apiVersion":"v1","kind":"Service","metadata":{"name":"s-1-1","labels":{"app":"bench"}},"spec":{"selector":{"app":"bench"},"ports":[{"name":"http","port":80,"targetPort":8080}]}}'
psql -h 127.0.0.1 -U "$PGUSER" -d $DB -qc "CREATE TABLE IF NOT EXISTS pgbench_plain (id bigserial PRIMARY KEY, body jsonb NOT NULL)"
echo "INSERT INTO pgbench_plain (body) VALUES ('$BODY');" > "$HOME_DIR/plain.sql"
pgbench -h 127.0.0.1 -U "$PGUSER" -n -c 16 -j 2 -T "$DURATION" -f "$HOME_DIR/plain.sql" $DB | tee "$HOME_DIR/pgbench.txt" | grep -E "tps|latency"

ours=$(awk '/Requests\/sec/ {print $2}' "$HOME_DIR/wrk.txt")
theirs=$(awk '/^tps/ {print $3}' "$HOME_DIR/pgbench.txt")
echo "== creates/s: kubeplane $ours, pgbench $theirs, ratio $(awk -v a="$ours" -v b="$theirs" 'BEGIN {printf "%.2f", a/b}')"

echo "== list 10,000 services"
"$JAVA" bench/BulkCreate.java "$API" "$TOKEN" list10k 10000
for i in $(seq 1 10); do
  curl -s -o /dev/null -w '%{time_total}\n' "${auth[@]}" "$API/api/v1/namespaces/list10k/services"
done | sort -n | awk '{t[NR]=$1} END {printf "list of 10,000: min %.0f ms, median %.0f ms, max %.0f ms (10 runs)\n", t[1]*1000, t[5]*1000, t[10]*1000}'
echo "items: $(curl -s "${auth[@]}" "$API/api/v1/namespaces/list10k/services" | grep -o '"kind": *"Service"' | wc -l)"

echo "== watch delivery"
curl -sf "${auth[@]}" -H 'Content-Type: application/json' -d '{"metadata":{"name":"watch"}}' "$API/api/v1/namespaces" >/dev/null
"$JAVA" bench/WatchLatency.java "$API" "$TOKEN" watch 2000
