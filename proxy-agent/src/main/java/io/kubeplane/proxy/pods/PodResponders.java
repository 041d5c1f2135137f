package io.kubeplane.proxy.pods;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.kubeplane.proxy.userspace.NettyTransport;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stand-ins for the containers of this node's pods: a {@link Responder} for every declared
 * {@code containerPort} of every Running pod bound here that has its IP. Streams reach them through
 * the {@link PodNetwork}; with {@code listenOnPodIPs} they also listen on the pod's own address
 * where this host can bind it (loopback addresses in tests and benchmarks; not 10.244.x.x).
 *
 * <p>Fed by {@link #update} with the node's pods and the cluster's services (for {@code /env}); a
 * pod that stops running, or whose port goes, has its connections closed, as its container's
 * would be. Thread-safe: {@code update} from one thread at a time, {@link #find} from any.
 */
public final class PodResponders implements AutoCloseable {

    public static final String DEFAULT_CLUSTER_DNS_IP = "10.96.0.10";

    private static final Logger log = LoggerFactory.getLogger(PodResponders.class);

    /** A pod port's address, which one pod at a time can hold. */
    private record Key(String ip, int port, String protocol) {
    }

    private final NettyTransport transport;
    private final String nodeName;
    private final String clusterDnsIp;
    private final boolean listenOnPodIPs;
    private final Map<Key, Responder> responders = new ConcurrentHashMap<>();
    private final Map<Key, Channel> listening = new ConcurrentHashMap<>();
    private final Map<String, String> envByPod = new ConcurrentHashMap<>();
    private volatile List<Service> services = List.of();

    /**
     * @param nodeName       only pods bound to this node are served
     * @param clusterDnsIp   the nameserver of the pods' resolv.conf
     * @param listenOnPodIPs also listen on each pod's IP at its ports, where bindable
     */
    public PodResponders(NettyTransport transport, String nodeName, String clusterDnsIp, boolean listenOnPodIPs) {
        this.transport = transport;
        this.nodeName = nodeName;
        this.clusterDnsIp = clusterDnsIp;
        this.listenOnPodIPs = listenOnPodIPs;
    }

    /** Serves the running pods of this node among {@code pods}; {@code services} feed {@code /env}. */
    public synchronized void update(List<Pod> pods, List<Service> services) {
        this.services = List.copyOf(services);
        envByPod.clear();
        Map<Key, Responder> wanted = new LinkedHashMap<>();
        for (Pod pod : pods) {
            if (!running(pod)) {
                continue;
            }
            String namespace = pod.getMetadata().getNamespace();
            String name = pod.getMetadata().getName();
            String ip = pod.getStatus().getPodIP();
            boolean links = pod.getSpec().getEnableServiceLinks() == null || pod.getSpec().getEnableServiceLinks();
            for (Container container : pod.getSpec().getContainers()) {
                for (ContainerPort cp : container.getPorts() == null ? List.<ContainerPort>of() : container.getPorts()) {
                    String protocol = cp.getProtocol() == null ? "TCP" : cp.getProtocol();
                    if (cp.getContainerPort() == null || !("TCP".equals(protocol) || "UDP".equals(protocol))) {
                        continue;
                    }
                    Key key = new Key(ip, cp.getContainerPort(), protocol);
                    wanted.putIfAbsent(key, new Responder(namespace, name, ip, nodeName, cp.getContainerPort(), protocol,
                            cp.getName() == null ? "" : cp.getName(), clusterDnsIp,
                            () -> env(namespace + "/" + name, namespace, links)));
                }
            }
        }
        responders.forEach((key, old) -> {
            Responder now = wanted.get(key);
            if (now == null || !now.sameAs(old)) {
                responders.remove(key);
                Channel socket = listening.remove(key);
                if (socket != null) {
                    socket.close();
                }
                old.closeConnections();
            }
        });
        List<Map.Entry<Key, ChannelFuture>> binding = new ArrayList<>();
        wanted.forEach((key, responder) -> {
            if (responders.putIfAbsent(key, responder) == null && listenOnPodIPs) {
                binding.add(Map.entry(key, listen(key, responder)));
            }
        });
        for (Map.Entry<Key, ChannelFuture> b : binding) {
            ChannelFuture f = b.getValue();
            if (f.awaitUninterruptibly(10, TimeUnit.SECONDS) && f.isSuccess()
                && responders.get(b.getKey()) != null) {
                listening.put(b.getKey(), f.channel());
            } else {
                f.channel().close();
                log.debug("Pod port {} answers only through the pod network: {}", b.getKey(),
                        f.cause() == null ? "bind timed out" : f.cause().getMessage());
            }
        }
    }

    /** kubelet would run it: bound here, phase Running, IP given. */
    private boolean running(Pod pod) {
        return pod.getSpec() != null && nodeName.equals(pod.getSpec().getNodeName()) && pod.getStatus() != null
               && "Running".equals(pod.getStatus().getPhase()) && pod.getStatus().getPodIP() != null
               && !pod.getStatus().getPodIP().isEmpty() && pod.getSpec().getContainers() != null;
    }

    private String env(String podKey, String namespace, boolean links) {
        return envByPod.computeIfAbsent(podKey, k -> PodEnvironment.envText(
                PodEnvironment.serviceVariables(namespace, links, services)));
    }

    private ChannelFuture listen(Key key, Responder responder) {
        if ("UDP".equals(key.protocol())) {
            return transport.datagram(transport.group()).handler(Echo.DATAGRAM).bind(key.ip(), key.port());
        }
        return transport.server().option(ChannelOption.SO_BACKLOG, 1024).childHandler(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                responder.serve(ch);
            }
        }).bind(key.ip(), key.port());
    }

    /** The responder of a pod port on this node, if one runs there. */
    public Optional<Responder> find(String ip, int port, String protocol) {
        return Optional.ofNullable(responders.get(new Key(ip, port, protocol)));
    }

    /** Every responder, by pod and port. */
    public List<Responder> responders() {
        return responders.values().stream().sorted(Comparator.comparing(Responder::namespace)
                .thenComparing(Responder::podName).thenComparingInt(Responder::port)
                .thenComparing(Responder::protocol)).toList();
    }

    /** Whether the pod port also listens on its own address. */
    public boolean listening(String ip, int port, String protocol) {
        return listening.containsKey(new Key(ip, port, protocol));
    }

    @Override
    public synchronized void close() {
        List<ChannelFuture> closing = new ArrayList<>();
        listening.values().forEach(c -> closing.add(c.close()));
        listening.clear();
        responders.values().forEach(Responder::closeConnections);
        responders.clear();
        closing.forEach(f -> f.awaitUninterruptibly(10, TimeUnit.SECONDS));
    }
}
