package io.kubeplane.proxy.userspace;

import io.kubeplane.proxy.desired.Endpoint;
import io.kubeplane.proxy.desired.ServicePortName;
import io.kubeplane.proxy.desired.ServicePortRule;
import io.kubeplane.proxy.desired.Verdict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * One service port as the proxy carries it: its current endpoints per side (swapped whole at each
 * sync), its session affinity, the open connections per endpoint and its meters. The listeners of
 * the port hold it for as long as the port exists. Thread-safe: event loops pick and count, the sync
 * thread updates.
 */
final class ServicePortProxy {

    /** Which addresses a connection came in on: the ClusterIP, or a NodePort, externalIP or LB IP. */
    enum Side { CLUSTER, EXTERNAL }

    /** Where one side's traffic goes; the endpoint list is immutable. */
    record Routing(Verdict verdict, List<Endpoint> endpoints) {
    }

    /** The open connections to one endpoint: counted from the pick, tracked once connected. */
    static final class EndpointConnections {
        final AtomicInteger active = new AtomicInteger();
        final Set<Channel> channels = ConcurrentHashMap.newKeySet();
    }

    /** One connection's claim on its endpoint; released once, on a failed connect or on close. */
    final class Lease {
        private final EndpointConnections connections;
        private final AtomicBoolean released = new AtomicBoolean();

        private Lease(EndpointConnections connections) {
            this.connections = connections;
            connections.active.incrementAndGet();
            totalActive.incrementAndGet();
        }

        /** Tracks {@code channel} (closing it ends the connection) until it closes. */
        void attach(Channel channel) {
            connections.channels.add(channel);
            channel.closeFuture().addListener(f -> {
                connections.channels.remove(channel);
                release();
            });
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                connections.active.decrementAndGet();
                totalActive.decrementAndGet();
            }
        }
    }

    static final String METER_PREFIX = "kubeplane.proxy.userspace.";

    private final ServicePortName name;
    private final Balancing balancing;
    private final AffinityTable affinity;
    private final AtomicInteger turn = new AtomicInteger();
    private final AtomicInteger totalActive;
    private final Map<String, EndpointConnections> connections = new ConcurrentHashMap<>();
    private final MeterRegistry registry;
    private final Tags tags;
    private final List<Meter> meters = new ArrayList<>();
    final Counter connectionsTotal;
    final Counter bytesToEndpoint;
    final Counter bytesToClient;
    private volatile ServicePortRule rule;
    private volatile Routing cluster;
    private volatile Routing external;

    ServicePortProxy(ServicePortRule rule, Balancing balancing, LongSupplier nanoClock, AtomicInteger totalActive,
                     MeterRegistry registry) {
        this.name = rule.name();
        this.balancing = balancing;
        this.affinity = new AffinityTable(nanoClock);
        this.totalActive = totalActive;
        this.registry = registry;
        this.tags = Tags.of("service_port", name.toString(), "protocol", rule.protocol());
        this.connectionsTotal = meter(Counter.builder(METER_PREFIX + "connections")
                .description("Connections (TCP) and sessions (UDP) accepted for forwarding").tags(tags).register(registry));
        this.bytesToEndpoint = meter(Counter.builder(METER_PREFIX + "bytes").baseUnit("bytes")
                .tags(tags).tag("direction", "to_endpoint").register(registry));
        this.bytesToClient = meter(Counter.builder(METER_PREFIX + "bytes").baseUnit("bytes")
                .tags(tags).tag("direction", "to_client").register(registry));
        meter(Gauge.builder(METER_PREFIX + "connections.active", this, ServicePortProxy::active)
                .description("Open connections and sessions").tags(tags).register(registry));
        update(rule);
    }

    private <M extends Meter> M meter(M meter) {
        meters.add(meter);
        return meter;
    }

    ServicePortName name() {
        return name;
    }

    ServicePortRule rule() {
        return rule;
    }

    /** Swaps in the rule's endpoints and verdicts; connections already open are left alone. */
    void update(ServicePortRule rule) {
        this.rule = rule;
        this.cluster = new Routing(rule.internalVerdict(), rule.clusterEndpoints());
        this.external = new Routing(rule.externalVerdict(), rule.externalEndpoints());
        affinity.expire();
    }

    Routing routing(Side side) {
        return side == Side.CLUSTER ? cluster : external;
    }

    /**
     * The endpoint for a new connection from {@code clientIp}: its sticky one if it has one still
     * in the side's list and not yet tried, else the balancer's; none when every endpoint was tried.
     */
    @Nullable Endpoint pick(Routing routing, String clientIp, Set<String> tried) {
        int affinitySeconds = rule.affinitySeconds();
        if (affinitySeconds > 0) {
            String sticky = affinity.get(clientIp);
            if (sticky != null && !tried.contains(sticky)) {
                for (Endpoint e : routing.endpoints()) {
                    if (e.address().equals(sticky)) {
                        affinity.put(clientIp, sticky, affinitySeconds);
                        return e;
                    }
                }
            }
        }
        Endpoint picked = balancing.pick(routing.endpoints(), tried, turn, e -> active(e.address()));
        if (picked != null && affinitySeconds > 0) {
            affinity.put(clientIp, picked.address(), affinitySeconds);
        }
        return picked;
    }

    Lease acquire(Endpoint endpoint) {
        return new Lease(connections.computeIfAbsent(endpoint.address(), a -> new EndpointConnections()));
    }

    int active(String endpointAddress) {
        EndpointConnections c = connections.get(endpointAddress);
        return c == null ? 0 : c.active.get();
    }

    int active() {
        return connections.values().stream().mapToInt(c -> c.active.get()).sum();
    }

    /** Every endpoint address either side uses now. */
    Set<String> endpointAddresses() {
        Set<String> addresses = new HashSet<>();
        rule.clusterEndpoints().forEach(e -> addresses.add(e.address()));
        rule.externalEndpoints().forEach(e -> addresses.add(e.address()));
        return addresses;
    }

    /** Endpoint addresses with open connections, current or not. */
    Map<String, Integer> activeByEndpoint() {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        connections.forEach((address, c) -> counts.put(address, c.active.get()));
        return counts;
    }

    /**
     * Closes the connections to endpoints no side uses any more (the drain is over), or to every
     * endpoint when {@code all}; forgets idle endpoints that are gone.
     *
     * @return the closing connections
     */
    List<ChannelFuture> closeRemoved(boolean all) {
        Set<String> current = all ? Set.of() : endpointAddresses();
        List<ChannelFuture> closed = new ArrayList<>();
        for (Map.Entry<String, EndpointConnections> entry : connections.entrySet()) {
            if (current.contains(entry.getKey())) {
                continue;
            }
            for (Channel channel : entry.getValue().channels) {
                closed.add(channel.close());
            }
            if (entry.getValue().active.get() == 0) {
                connections.remove(entry.getKey(), entry.getValue());
            }
        }
        return closed;
    }

    /** Counts a connection or datagram that was not forwarded, by why: REJECT, DROP or CONNECT_FAILED. */
    void refused(String reason) {
        registry.counter(METER_PREFIX + "rejects", tags.and("reason", reason)).increment();
    }

    /** Removes the port's meters; its connections are closed by the caller. */
    void removeMeters() {
        meters.forEach(registry::remove);
        registry.find(METER_PREFIX + "rejects").tags(tags).meters().forEach(registry::remove);
    }
}
