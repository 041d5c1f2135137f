package io.kubeplane.proxy.userspace;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.kubeplane.proxy.desired.Endpoint;
import io.kubeplane.proxy.desired.ProxyState;
import io.kubeplane.proxy.desired.ServicePortName;
import io.kubeplane.proxy.desired.ServicePortRule;
import io.kubeplane.proxy.desired.Verdict;
import io.kubeplane.proxy.pods.PodNetwork;
import io.kubeplane.proxy.pods.PodResponders;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Two nodes on loopback for the userspace tests, each with its pod responders behind its pod
 * network, reached through the {@code agents} connector:
 *
 * <pre>
 *   node-1  127.0.0.1   pods 10.244.1.x   (the proxy's own node; NodePorts on 127.0.0.1)
 *   node-2  127.0.0.2   pods 10.244.2.x
 *   clients 127.0.0.5, 127.0.0.6;  LoadBalancer/ClusterIP stand-ins 127.0.100.x;  real ClusterIPs 10.96.x.x
 * </pre>
 *
 * Pod IPs are not routable here, as in the local cluster. Ports are ephemeral ones found free.
 */
final class LoopbackCluster implements AutoCloseable {

    static final String NODE_1 = "node-1";
    static final String NODE_2 = "node-2";
    static final Map<String, String> NODE_IPS = Map.of(NODE_1, "127.0.0.1", NODE_2, "127.0.0.2");

    final NettyTransport transport = NettyTransport.create("test-userspace", 2);
    final PodResponders node1Pods = new PodResponders(transport, NODE_1, "10.96.0.10", false);
    final PodResponders node2Pods = new PodResponders(transport, NODE_2, "10.96.0.10", false);
    final PodNetwork node1Network = PodNetwork.start(transport, node1Pods, "127.0.0.1", 0);
    final int podNetworkPort = node1Network.localAddress().getPort();
    final PodNetwork node2Network = PodNetwork.start(transport, node2Pods, "127.0.0.2", podNetworkPort);
    final EndpointConnector agents = new AgentsConnector(transport,
            node -> Optional.ofNullable(NODE_IPS.get(node)), podNetworkPort, 2000);

    /** web-0 and web-1 on node-1, web-2 on node-2; each declares http 8080/TCP and dns 5353/UDP. */
    final List<Pod> pods = List.of(pod("web-0", "10.244.1.10", NODE_1), pod("web-1", "10.244.1.11", NODE_1),
            pod("web-2", "10.244.2.10", NODE_2));

    LoopbackCluster() {
        node1Pods.update(pods, List.<Service>of());
        node2Pods.update(pods, List.<Service>of());
    }

    static Pod pod(String name, String ip, String node) {
        return new PodBuilder().withNewMetadata().withNamespace("default").withName(name).withUid(name).endMetadata()
                .withNewSpec().withNodeName(node).addNewContainer().withName("app")
                    .addNewPort().withName("http").withContainerPort(8080).withProtocol("TCP").endPort()
                    .addNewPort().withName("dns").withContainerPort(5353).withProtocol("UDP").endPort()
                .endContainer().endSpec()
                .withNewStatus().withPhase("Running").withPodIP(ip).endStatus().build();
    }

    /** The endpoints of the pods' port, as an EndpointSlice gives them, from node-1's point of view. */
    List<Endpoint> endpoints(int port, String... names) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Pod p : pods) {
            if (names.length == 0 || List.of(names).contains(p.getMetadata().getName())) {
                String node = p.getSpec().getNodeName();
                endpoints.add(new Endpoint(p.getStatus().getPodIP(), port, node, true, true, false, NODE_1.equals(node),
                        "default/" + p.getMetadata().getName()));
            }
        }
        return endpoints.stream().sorted().toList();
    }

    static ServicePortRule nodePort(String name, String protocol, int nodePort, List<Endpoint> endpoints, int affinity) {
        Verdict verdict = endpoints.isEmpty() ? Verdict.REJECT : Verdict.FORWARD;
        return new ServicePortRule(new ServicePortName("default", name, "", protocol), "NodePort", protocol,
                List.of("10.96.0.50"), 80, nodePort, List.of(), List.of(), false, false, affinity, 0, endpoints,
                endpoints, verdict, verdict);
    }

    static ProxyState state(ServicePortRule... rules) {
        TreeMap<ServicePortName, ServicePortRule> ports = new TreeMap<>();
        for (ServicePortRule r : rules) {
            ports.put(r.name(), r);
        }
        return new ProxyState(NODE_1, List.of("127.0.0.1"), ports);
    }

    /** A port free on 127.0.0.1 for TCP and UDP alike, from the ephemeral range. */
    static int freePort() throws IOException {
        for (int i = 0; i < 20; i++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                int port = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress("127.0.0.1", port))) {
                    return port;
                } catch (IOException taken) {
                    // try another
                }
            }
        }
        throw new IOException("no free port");
    }

    /** One HTTP/1.1 request on a new connection from {@code clientIp}; the body of the answer. */
    static String get(String clientIp, InetSocketAddress to, String path) throws IOException {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(clientIp, 0));
            s.connect(to, 2000);
            s.setSoTimeout(5000);
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int body = response.indexOf("\r\n\r\n");
            if (!response.startsWith("HTTP/1.1 200") || body < 0) {
                throw new IOException("unexpected answer: " + response);
            }
            return response.substring(body + 4);
        }
    }

    /** A kept-alive connection sending requests one at a time. */
    static final class KeepAlive implements AutoCloseable {
        final Socket socket = new Socket();
        private final OutputStream out;
        private final InputStream in;

        KeepAlive(String clientIp, InetSocketAddress to) throws IOException {
            socket.bind(new InetSocketAddress(clientIp, 0));
            socket.connect(to, 2000);
            socket.setSoTimeout(5000);
            out = socket.getOutputStream();
            in = socket.getInputStream();
        }

        /** The body of {@code GET /}, read by its Content-Length. */
        String get() throws IOException {
            out.write("GET / HTTP/1.1\r\nHost: test\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("closed after " + head);
                }
                head.write(b);
            }
            String headers = head.toString(StandardCharsets.US_ASCII).toLowerCase();
            int at = headers.indexOf("content-length: ") + "content-length: ".length();
            int length = Integer.parseInt(headers.substring(at, headers.indexOf("\r\n", at)).trim());
            return new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** The pod name in a {@code GET /} body: {@code web-1 10.244.1.11 node-1}. */
    static String podOf(String body) {
        return body.split(" ")[0];
    }

    @Override
    public void close() {
        node1Network.close();
        node2Network.close();
        node1Pods.close();
        node2Pods.close();
        transport.close();
    }
}
