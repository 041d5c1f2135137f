package io.kubeplane.proxy.userspace;

import io.kubeplane.proxy.dataplane.DataPlane;
import io.kubeplane.proxy.desired.Endpoint;
import io.kubeplane.proxy.desired.ProxyState;
import io.kubeplane.proxy.desired.ServicePortName;
import io.kubeplane.proxy.desired.ServicePortRule;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.util.concurrent.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --mode userspace}: carries service traffic through a TCP/UDP proxy in the agent, as
 * kube-proxy's old userspace mode did, but on a few Netty event loops instead of a thread per
 * connection. For each service port it listens on every node IP at the NodePort, and at the port on
 * each ClusterIP, externalIP and load-balancer IP this host can bind (an address it has not is
 * skipped and shown in {@link #view()}); a connection to a ClusterIP goes to the cluster-side
 * endpoints, one to the others to the external-side endpoints.
 *
 * <p>A sync changes only what changed: listeners open and close by address, endpoint lists are
 * swapped whole, and connections to an endpoint that went away are closed once
 * {@link Settings#drainPeriod()} has passed (unless it came back). {@link #close()} closes every
 * listener and connection; the {@link NettyTransport} stays its owner's to close.
 *
 * <p>Thread-safety: {@link #sync} from one thread at a time (the agent's sync loop); {@link #view()}
 * from any thread; connections run on the transport's event loops.
 */
public final class UserspaceDataPlane implements DataPlane {

    public static final String MODE = "userspace";

    private static final Logger log = LoggerFactory.getLogger(UserspaceDataPlane.class);
    private static final long BIND_TIMEOUT_SECONDS = 10;

    /**
     * @param balancing      how a connection without affinity gets its endpoint
     * @param drainPeriod    how long a connection to a removed endpoint may go on: 10 s by default, long
     *                       enough for a request in flight when the endpoint went not-ready to finish,
     *                       short enough that a long-lived stream moves to a live pod soon after a rollout
     *                       (the agent's pods stop 2 s after deletion, a kubelet's after at most 30 s)
     * @param udpIdleTimeout how long a UDP session lives without a datagram: 30 s, conntrack's
     *                       {@code nf_conntrack_udp_timeout}
     */
    public record Settings(Balancing balancing, Duration drainPeriod, Duration udpIdleTimeout) {

        public static Settings defaults() {
            return new Settings(Balancing.RANDOM, Duration.ofSeconds(10), Duration.ofSeconds(30));
        }

        public Settings withBalancing(Balancing b) {
            return new Settings(b, drainPeriod, udpIdleTimeout);
        }

        public Settings withDrainPeriod(Duration d) {
            return new Settings(balancing, d, udpIdleTimeout);
        }

        public Settings withUdpIdleTimeout(Duration d) {
            return new Settings(balancing, drainPeriod, d);
        }
    }

    /** How a listener came to be: which address list of the rule named it. */
    enum Kind {
        CLUSTER_IP("ClusterIP", ServicePortProxy.Side.CLUSTER), NODE_PORT("NodePort", ServicePortProxy.Side.EXTERNAL),
        EXTERNAL_IP("externalIP", ServicePortProxy.Side.EXTERNAL),
        LOAD_BALANCER("LoadBalancer", ServicePortProxy.Side.EXTERNAL);

        final String text;
        final ServicePortProxy.Side side;

        Kind(String text, ServicePortProxy.Side side) {
            this.text = text;
            this.side = side;
        }
    }

    /** A listening socket's identity: what the kernel would refuse to bind twice. */
    record ListenerKey(String ip, int port, String protocol) {
        String address() {
            return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port;
        }
    }

    /** What a listening socket is for. */
    record Binding(ServicePortName name, Kind kind) {
    }

    private record Listener(Binding binding, Channel channel) {
    }

    /** A socket one service port asked for. */
    private record Want(ListenerKey key, Binding binding) {
    }

    private final NettyTransport transport;
    private final EndpointConnector connector;
    private final MeterRegistry registry;
    private final Settings settings;
    private final AtomicInteger totalActive = new AtomicInteger();
    private final Map<ServicePortName, ServicePortProxy> ports = new ConcurrentHashMap<>();
    private final Map<ListenerKey, Listener> listeners = new ConcurrentHashMap<>();
    private final Map<Want, String> skipped = new ConcurrentHashMap<>();
    private final Set<Future<?>> drains = ConcurrentHashMap.newKeySet();
    private boolean synced;
    private volatile boolean closed;

    /**
     * @param transport the event loops to run on, shared or not; not closed by {@link #close()}
     * @param connector how endpoints are reached: {@link DirectConnector} or {@link AgentsConnector}
     */
    public UserspaceDataPlane(NettyTransport transport, EndpointConnector connector, MeterRegistry registry,
                              Settings settings) {
        this.transport = transport;
        this.connector = connector;
        this.registry = registry;
        this.settings = settings;
        Gauge.builder(ServicePortProxy.METER_PREFIX + "listeners", listeners, Map::size)
                .description("Sockets the userspace proxy listens on").register(registry);
        Gauge.builder(ServicePortProxy.METER_PREFIX + "skipped", skipped, Map::size)
                .description("Service addresses the userspace proxy could not bind").register(registry);
        Gauge.builder(ServicePortProxy.METER_PREFIX + "connections.open", totalActive, AtomicInteger::get)
                .description("Open connections and UDP sessions, all service ports").register(registry);
    }

    @Override
    public String mode() {
        return MODE;
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public synchronized SyncResult sync(ProxyState state) throws SyncException {
        if (closed) {
            throw new SyncException("userspace data plane is closed");
        }
        boolean full = !synced;
        // 1. Service ports: new ones get a proxy, changed ones swap their endpoints in place.
        Set<ServicePortName> changedNames = new HashSet<>();
        List<ServicePortProxy> draining = new ArrayList<>();
        List<ServicePortProxy> removed = new ArrayList<>();
        for (ServicePortName name : List.copyOf(ports.keySet())) {
            if (!state.ports().containsKey(name)) {
                removed.add(ports.remove(name));
                changedNames.add(name);
            }
        }
        for (ServicePortRule rule : state.ports().values()) {
            ServicePortProxy port = ports.get(rule.name());
            if (port == null) {
                ports.put(rule.name(), new ServicePortProxy(rule, settings.balancing(), System::nanoTime, totalActive,
                        registry));
                changedNames.add(rule.name());
            } else if (!port.rule().equals(rule)) {
                Set<String> before = port.endpointAddresses();
                port.update(rule);
                changedNames.add(rule.name());
                if (!port.endpointAddresses().containsAll(before)) {
                    draining.add(port);
                }
            }
        }
        // 2. Listeners: close what is no longer wanted as it was, then bind what is new.
        Map<ListenerKey, Binding> wanted = new LinkedHashMap<>();
        Map<Want, String> refused = new LinkedHashMap<>();
        wantedListeners(state, wanted, refused);
        List<ChannelFuture> closing = new ArrayList<>();
        listeners.forEach((key, listener) -> {
            if (!listener.binding().equals(wanted.get(key))) {
                listeners.remove(key);
                closing.add(listener.channel().close());
            }
        });
        // An address that could not be bound is tried again only when its service port changes.
        skipped.keySet().removeIf(want -> !want.binding().equals(wanted.get(want.key()))
                || changedNames.contains(want.binding().name()));
        skipped.putAll(refused);
        for (ChannelFuture f : closing) {
            f.awaitUninterruptibly(BIND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        Map<ListenerKey, ChannelFuture> binding = new LinkedHashMap<>();
        wanted.forEach((key, b) -> {
            if (!listeners.containsKey(key) && !skipped.containsKey(new Want(key, b))) {
                binding.put(key, bind(key, b, ports.get(b.name())));
            }
        });
        int opened = 0;
        for (Map.Entry<ListenerKey, ChannelFuture> e : binding.entrySet()) {
            ChannelFuture f = e.getValue();
            Binding b = wanted.get(e.getKey());
            if (!f.awaitUninterruptibly(BIND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                f.channel().close();
                skipped.put(new Want(e.getKey(), b), "bind timed out");
            } else if (f.isSuccess()) {
                listeners.put(e.getKey(), new Listener(b, f.channel()));
                opened++;
            } else {
                String reason = f.cause().getMessage() == null ? f.cause().toString() : f.cause().getMessage();
                skipped.put(new Want(e.getKey(), b), reason);
                log.debug("userspace: not listening on {} {} for {}: {}", e.getKey().protocol(), e.getKey().address(),
                        b.name(), reason);
            }
        }
        // 3. Connections to endpoints that went away end after the drain period.
        if (!draining.isEmpty() || !removed.isEmpty()) {
            drainLater(draining, removed);
        }
        synced = true;
        return new SyncResult(full, changedNames.size(), "userspace: %d service ports changed; listening on %d (+%d -%d), %d skipped"
                .formatted(changedNames.size(), listeners.size(), opened, closing.size(), skipped.size()));
    }

    /** Every socket the state asks for; an address two service ports want goes to the first. */
    private static void wantedListeners(ProxyState state, Map<ListenerKey, Binding> wanted,
                                        Map<Want, String> refused) {
        for (ServicePortRule rule : state.ports().values()) {
            List<Map.Entry<String, Kind>> addresses = new ArrayList<>();
            if (rule.nodePort() > 0) {
                state.nodeIPs().forEach(ip -> addresses.add(Map.entry(ip, Kind.NODE_PORT)));
            }
            rule.clusterIPs().forEach(ip -> addresses.add(Map.entry(ip, Kind.CLUSTER_IP)));
            rule.externalIPs().forEach(ip -> addresses.add(Map.entry(ip, Kind.EXTERNAL_IP)));
            rule.loadBalancerIPs().forEach(ip -> addresses.add(Map.entry(ip, Kind.LOAD_BALANCER)));
            for (Map.Entry<String, Kind> a : addresses) {
                int port = a.getValue() == Kind.NODE_PORT ? rule.nodePort() : rule.port();
                ListenerKey key = new ListenerKey(a.getKey(), port, rule.protocol());
                Binding b = new Binding(rule.name(), a.getValue());
                Binding first = wanted.get(key);
                if (!"TCP".equals(rule.protocol()) && !"UDP".equals(rule.protocol())) {
                    refused.put(new Want(key, b), rule.protocol() + " is not carried in userspace mode");
                } else if (first != null && !first.name().equals(b.name())) {
                    refused.put(new Want(key, b), "also wanted by " + first.name());
                } else if (first == null) {
                    wanted.put(key, b);
                }
            }
        }
    }

    private ChannelFuture bind(ListenerKey key, Binding binding, ServicePortProxy port) {
        ServicePortProxy.Side side = binding.kind().side;
        if ("UDP".equals(key.protocol())) {
            return transport.datagram(transport.group())
                    .handler(new UdpRelay(port, side, connector, settings.udpIdleTimeout()))
                    .bind(key.ip(), key.port());
        }
        // SO_REUSEADDR: a port comes back at once after close(), despite connections in TIME_WAIT.
        return transport.server().option(ChannelOption.SO_BACKLOG, 1024).option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.AUTO_READ, false)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new TcpRelay(port, side, connector));
                    }
                }).bind(key.ip(), key.port());
    }

    private void drainLater(List<ServicePortProxy> draining, List<ServicePortProxy> removed) {
        Runnable drain = () -> {
            int closed = 0;
            for (ServicePortProxy port : draining) {
                // A port removed since then loses all its connections.
                closed += port.closeRemoved(ports.get(port.name()) != port).size();
            }
            for (ServicePortProxy port : removed) {
                closed += port.closeRemoved(true).size();
                port.removeMeters();
            }
            if (closed > 0) {
                log.info("userspace: closed {} connections to removed endpoints after the {} drain", closed,
                        settings.drainPeriod());
            }
        };
        Future<?>[] task = new Future<?>[1];
        task[0] = transport.group().schedule(() -> {
            drains.remove(task[0]);
            drain.run();
        }, settings.drainPeriod().toMillis(), TimeUnit.MILLISECONDS);
        drains.add(task[0]);
    }

    /** Per service port, in order: where it listens, what it could not bind, its endpoints' connections. */
    public List<UserspaceView> view() {
        Map<ServicePortName, List<UserspaceView.Listening>> listening = new TreeMap<>();
        listeners.entrySet().stream().sorted(Comparator.comparing(e -> e.getKey().toString())).forEach(e ->
                listening.computeIfAbsent(e.getValue().binding().name(), n -> new ArrayList<>())
                        .add(new UserspaceView.Listening(e.getKey().address(), e.getValue().binding().kind().text)));
        Map<ServicePortName, List<UserspaceView.Skipped>> skips = new TreeMap<>();
        skipped.entrySet().stream().sorted(Comparator.comparing(e -> e.getKey().toString())).forEach(e ->
                skips.computeIfAbsent(e.getKey().binding().name(), n -> new ArrayList<>())
                        .add(new UserspaceView.Skipped(e.getKey().key().address(), e.getKey().binding().kind().text,
                                e.getValue())));
        List<UserspaceView> views = new ArrayList<>();
        for (ServicePortProxy port : new TreeMap<>(ports).values()) {
            ServicePortRule rule = port.rule();
            Map<String, Integer> active = port.activeByEndpoint();
            Set<String> cluster = new HashSet<>();
            rule.clusterEndpoints().forEach(e -> cluster.add(e.address()));
            Set<String> external = new HashSet<>();
            rule.externalEndpoints().forEach(e -> external.add(e.address()));
            List<UserspaceView.EndpointConnections> endpoints = new ArrayList<>();
            for (Endpoint e : rule.allEndpoints()) {
                endpoints.add(new UserspaceView.EndpointConnections(e.address(), e.nodeName(), e.pod(),
                        cluster.contains(e.address()), external.contains(e.address()), active.getOrDefault(e.address(), 0)));
                active.remove(e.address());
            }
            active.forEach((address, count) -> {
                if (count > 0) {
                    endpoints.add(new UserspaceView.EndpointConnections(address, "", "", false, false, count));
                }
            });
            views.add(new UserspaceView(port.name().toString(), rule.protocol(), rule.internalVerdict().name(),
                    rule.externalVerdict().name(), listening.getOrDefault(port.name(), List.of()),
                    skips.getOrDefault(port.name(), List.of()), endpoints));
        }
        return views;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        drains.forEach(f -> f.cancel(false));
        drains.clear();
        List<ChannelFuture> closing = new ArrayList<>();
        listeners.values().forEach(l -> closing.add(l.channel().close()));
        listeners.clear();
        skipped.clear();
        for (ServicePortProxy port : ports.values()) {
            closing.addAll(port.closeRemoved(true));
            port.removeMeters();
        }
        ports.clear();
        for (ChannelFuture f : closing) {
            f.awaitUninterruptibly(BIND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }
}
