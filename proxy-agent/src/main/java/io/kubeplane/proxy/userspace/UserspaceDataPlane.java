package io.kubeplane.proxy.userspace;

import io.kubeplane.proxy.dataplane.DataPlane;
import io.kubeplane.proxy.desired.Endpoint;
import io.kubeplane.proxy.desired.ProxyState;
import io.kubeplane.proxy.desired.ServicePortRule;
import io.kubeplane.proxy.desired.Verdict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --mode userspace}: a real TCP proxy on the node, kube-proxy's job done in user space. It
 * listens at every NodePort on the node's addresses and, where this host has the address, at every
 * ClusterIP, externalIP and LoadBalancer IP of each service port; each connection goes to an
 * endpoint picked at random, round-robin or by least connections, ClientIP affinity keeping a
 * client on its endpoint; a port whose verdict is REJECT resets connections at once, DROP closes
 * them unanswered. A sync opens and closes only the listeners that changed; connections to an
 * endpoint that is gone are closed after the drain period. One virtual thread per direction of a
 * connection. UDP is not carried. Thread-safe; {@link #sync} from one thread at a time.
 */
public final class UserspaceDataPlane implements DataPlane {

    private static final Logger log = LoggerFactory.getLogger(UserspaceDataPlane.class);
    public static final String MODE = "userspace";

    /** Where one listener is and what it serves. */
    public record Listen(String address, int port) implements Comparable<Listen> {
        @Override
        public int compareTo(Listen other) {
            int byAddress = address.compareTo(other.address);
            return byAddress != 0 ? byAddress : Integer.compare(port, other.port);
        }

        @Override
        public String toString() {
            return (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
        }
    }

    private record Target(ServicePortRule rule, boolean external) {
        List<Endpoint> endpoints() {
            return external ? rule.externalEndpoints() : rule.clusterEndpoints();
        }

        Verdict verdict() {
            return external ? rule.externalVerdict() : rule.internalVerdict();
        }
    }

    private record Affinity(String endpoint, long expiresAtNanos) {
    }

    private final EndpointConnector connector;
    private final String balancing;
    private final Duration drainPeriod;
    private final Map<Listen, ServerSocket> listeners = new ConcurrentHashMap<>();
    private final Map<Listen, String> skipped = new ConcurrentHashMap<>();
    private final Map<Listen, Target> targets = new ConcurrentHashMap<>();
    private final Map<String, Set<Socket>> connections = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> roundRobin = new ConcurrentHashMap<>();
    private final Map<String, Affinity> affinities = new ConcurrentHashMap<>();
    private final AtomicLong active = new AtomicLong();
    private final Counter accepted;
    private final Counter rejected;
    private final Counter failed;

    /**
     * @param balancing   {@code random}, {@code round-robin} or {@code least-connections}
     * @param drainPeriod how long a connection to a removed endpoint may go on
     */
    public UserspaceDataPlane(EndpointConnector connector, String balancing, Duration drainPeriod, MeterRegistry registry) {
        this.connector = connector;
        this.balancing = balancing;
        this.drainPeriod = drainPeriod;
        this.accepted = Counter.builder("kubeplane.proxy.userspace.connections").description("Connections accepted")
                .register(registry);
        this.rejected = Counter.builder("kubeplane.proxy.userspace.rejected")
                .description("Connections refused: no endpoints (REJECT) or none on this node (DROP)").register(registry);
        this.failed = Counter.builder("kubeplane.proxy.userspace.endpoint.failures")
                .description("Connections whose endpoint could not be reached").register(registry);
        Gauge.builder("kubeplane.proxy.userspace.active", active, AtomicLong::get).description("Connections open now")
                .register(registry);
    }

    @Override
    public String mode() {
        return MODE;
    }

    @Override
    public SyncResult sync(ProxyState state) {
        Map<Listen, Target> wanted = new TreeMap<>();
        for (ServicePortRule rule : state.ports().values()) {
            if (!"TCP".equals(rule.protocol())) {
                continue;
            }
            rule.clusterIPs().forEach(ip -> wanted.put(new Listen(ip, rule.port()), new Target(rule, false)));
            rule.externalIPs().forEach(ip -> wanted.put(new Listen(ip, rule.port()), new Target(rule, true)));
            rule.loadBalancerIPs().forEach(ip -> wanted.put(new Listen(ip, rule.port()), new Target(rule, true)));
            if (rule.nodePort() > 0) {
                state.nodeIPs().forEach(ip -> wanted.put(new Listen(ip, rule.nodePort()), new Target(rule, true)));
            }
        }
        int opened = 0;
        int closedCount = 0;
        for (Listen gone : new ArrayList<>(listeners.keySet())) {
            if (!wanted.containsKey(gone)) {
                closeQuietly(listeners.remove(gone));
                closedCount++;
            }
        }
        skipped.keySet().retainAll(wanted.keySet());
        targets.putAll(wanted);
        targets.keySet().retainAll(wanted.keySet());
        for (Listen listen : wanted.keySet()) {
            if (!listeners.containsKey(listen) && !skipped.containsKey(listen)) {
                if (open(listen)) {
                    opened++;
                }
            }
        }
        drainRemovedEndpoints(state);
        return new SyncResult(false, opened + closedCount, "userspace: " + listeners.size() + " listening (" + opened
                + " opened, " + closedCount + " closed), " + skipped.size() + " addresses not on this host");
    }

    private boolean open(Listen listen) {
        try {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getByName(listen.address()), listen.port()), 512);
            listeners.put(listen, server);
            Thread.ofVirtual().name("proxy-" + listen).start(() -> accept(listen, server));
            return true;
        } catch (IOException e) {
            skipped.put(listen, String.valueOf(e.getMessage()));
            return false;
        }
    }

    private void accept(Listen listen, ServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread.ofVirtual().start(() -> handle(listen, client));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    log.debug("accept on {}: {}", listen, e.getMessage());
                }
            }
        }
    }

    private void handle(Listen listen, Socket client) {
        Target target = targets.get(listen);
        accepted.increment();
        if (target == null || target.verdict() != Verdict.FORWARD || target.endpoints().isEmpty()) {
            rejected.increment();
            try {
                if (target == null || target.verdict() != Verdict.DROP) {
                    client.setSoLinger(true, 0); // a reset, at once: nobody waits on a port with no endpoints
                }
            } catch (IOException e) {
                // closing anyway
            }
            closeQuietly(client);
            return;
        }
        String clientIp = client.getInetAddress().getHostAddress();
        Endpoint endpoint = choose(target, clientIp);
        Socket upstream;
        try {
            upstream = connector.connect(endpoint);
        } catch (IOException e) {
            failed.increment();
            log.debug("{} -> {}: {}", listen, endpoint.address(), e.getMessage());
            try {
                client.setSoLinger(true, 0);
            } catch (IOException ignored) {
                // closing anyway
            }
            closeQuietly(client);
            return;
        }
        Set<Socket> open = connections.computeIfAbsent(endpoint.address(), k -> ConcurrentHashMap.newKeySet());
        open.add(client);
        active.incrementAndGet();
        try {
            client.setTcpNoDelay(true);
            upstream.setTcpNoDelay(true);
            Thread back = Thread.ofVirtual().start(() -> pipe(upstream, client));
            pipe(client, upstream);
            back.join();
        } catch (IOException | InterruptedException e) {
            // a side closed
        } finally {
            open.remove(client);
            active.decrementAndGet();
            closeQuietly(client);
            closeQuietly(upstream);
        }
    }

    /** Copies until {@code from} ends, then half-closes {@code to}. */
    private static void pipe(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
            }
            to.shutdownOutput();
        } catch (IOException e) {
            closeQuietly(to);
            closeQuietly(from);
        }
    }

    private Endpoint choose(Target target, String clientIp) {
        List<Endpoint> endpoints = target.endpoints();
        String service = target.rule().name() + (target.external() ? "/external" : "");
        if (target.rule().sessionAffinity()) {
            Affinity known = affinities.get(service + "/" + clientIp);
            if (known != null && known.expiresAtNanos() - System.nanoTime() > 0) {
                for (Endpoint e : endpoints) {
                    if (e.address().equals(known.endpoint())) {
                        remember(service, clientIp, e, target.rule().affinitySeconds());
                        return e;
                    }
                }
            }
        }
        Endpoint chosen = switch (balancing) {
            case "round-robin" -> endpoints.get(Math.floorMod(
                    roundRobin.computeIfAbsent(service, k -> new AtomicInteger()).getAndIncrement(), endpoints.size()));
            case "least-connections" -> {
                Endpoint least = endpoints.getFirst();
                int fewest = Integer.MAX_VALUE;
                for (Endpoint e : endpoints) {
                    Set<Socket> open = connections.get(e.address());
                    int count = open == null ? 0 : open.size();
                    if (count < fewest) {
                        fewest = count;
                        least = e;
                    }
                }
                yield least;
            }
            default -> endpoints.get(ThreadLocalRandom.current().nextInt(endpoints.size()));
        };
        if (target.rule().sessionAffinity()) {
            remember(service, clientIp, chosen, target.rule().affinitySeconds());
        }
        return chosen;
    }

    private void remember(String service, String clientIp, Endpoint endpoint, int seconds) {
        affinities.put(service + "/" + clientIp, new Affinity(endpoint.address(), System.nanoTime() + seconds * 1_000_000_000L));
    }

    /** Connections to endpoints no service port uses any more end after the drain period. */
    private void drainRemovedEndpoints(ProxyState state) {
        Set<String> live = ConcurrentHashMap.newKeySet();
        state.ports().values().forEach(r -> r.allEndpoints().forEach(e -> live.add(e.address())));
        for (Map.Entry<String, Set<Socket>> entry : connections.entrySet()) {
            if (!live.contains(entry.getKey()) && !entry.getValue().isEmpty()) {
                List<Socket> draining = List.copyOf(entry.getValue());
                Thread.ofVirtual().start(() -> {
                    try {
                        Thread.sleep(drainPeriod);
                    } catch (InterruptedException e) {
                        return;
                    }
                    draining.forEach(UserspaceDataPlane::closeQuietly);
                });
            }
        }
        connections.entrySet().removeIf(e -> !live.contains(e.getKey()) && e.getValue().isEmpty());
        affinities.entrySet().removeIf(e -> !live.contains(e.getValue().endpoint())
                                           || e.getValue().expiresAtNanos() - System.nanoTime() < 0);
    }

    /** What listens where, and which addresses this host does not have. */
    public record View(Map<String, String> listening, Map<String, String> notListening, long activeConnections) {
    }

    public View view() {
        Map<String, String> listening = new TreeMap<>();
        listeners.keySet().forEach(l -> {
            Target t = targets.get(l);
            listening.put(l.toString(), t == null ? "" : t.rule().name() + (t.external() ? " (external)" : " (cluster IP)"));
        });
        Map<String, String> notListening = new TreeMap<>();
        skipped.forEach((l, why) -> notListening.put(l.toString(), why));
        return new View(listening, notListening, active.get());
    }

    @Override
    public void close() {
        listeners.values().forEach(UserspaceDataPlane::closeQuietly);
        listeners.clear();
        connections.values().forEach(set -> set.forEach(UserspaceDataPlane::closeQuietly));
        connections.clear();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // closing anyway
        }
    }
}
