#!/usr/bin/env bash
# Heap of dns-service (issue: dns) holding SERVICES headless Services with ENDPOINTS ready
# endpoints each (default 10,000 × 10 = 100,000 endpoints; target under 300 MB): the local cluster
# runs without its dns-service, bench/DnsScale.java writes the Services and their EndpointSlices,
# then dns-service starts alone from its exec jar with -Xmx300m and, once it answers for the last
# Service with all its addresses, jcmd reports the heap used after a full GC.
# Needs: JDK 25, PostgreSQL on 127.0.0.1:5432, dig, a built tree (./mvnw -DskipTests install).
# Usage: bench/dns-heap.sh [services] [endpoints per service]
set -euo pipefail
cd "$(dirname "$0")/.."
SERVICES=${1:-10000}
ENDPOINTS=${2:-10}
. bench/local-cluster.sh
start_local_cluster kubeplane_bench_dns_heap --disable=dns-service
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -r), $("$JAVA" -version 2>&1 | head -n 1)"
"$JAVA" bench/DnsScale.java "$API" "$TOKEN" dnsheap "$SERVICES" "$ENDPOINTS"

JAR=$(ls dns-service/target/dns-service-*-exec.jar)
START=$(date +%s%N)
"$JAVA" -Xmx300m -jar "$JAR" --server.port=18083 --server.address=127.0.0.1 \
  --spring.kafka.bootstrap-servers=127.0.0.1:19092 --kubeplane.dns.port=11053 > "$HOME_DIR/dns.log" 2>&1 &
DNS_PID=$!
BENCH_PIDS+=("$DNS_PID")
last="h-$((SERVICES - 1)).dnsheap.svc.cluster.local"
until [ "$(dig @127.0.0.1 -p 11053 +tcp +short "$last" A 2>/dev/null | grep -c .)" -ge "$ENDPOINTS" ]; do
  kill -0 $DNS_PID 2>/dev/null || { tail -50 "$HOME_DIR/dns.log"; exit 1; }
  sleep 0.5
done
END=$(date +%s%N)
echo "dns-service answers for all $SERVICES Services $(( (END - START) / 1000000 )) ms after its JVM started"
dig @127.0.0.1 -p 11053 +short "h-$((SERVICES - 1))-3.$last" A | sed 's/^/  a hostname record: /'
"$JAVA_HOME/bin/jcmd" $DNS_PID GC.run >/dev/null
echo "heap after a full GC: $("$JAVA_HOME/bin/jcmd" $DNS_PID GC.heap_info | grep -oE 'used [0-9]+K' | head -1) (-Xmx300m; target under 300 MB)"
"$JAVA_HOME/bin/jcmd" $DNS_PID GC.class_histogram | head -12
