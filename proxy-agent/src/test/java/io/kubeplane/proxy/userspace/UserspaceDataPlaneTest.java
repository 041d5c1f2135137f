package io.kubeplane.proxy.userspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.kubeplane.proxy.desired.DesiredState;
import io.kubeplane.proxy.desired.ProxyState;
import io.kubeplane.proxy.pods.PodNetwork;
import io.kubeplane.proxy.pods.PodResponders;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The userspace proxy with real sockets on loopback: three pods on two "nodes" (127.0.0.1 and
 * 127.0.0.2, each with its pod network), reached through a NodePort with the agents connector.
 */
class UserspaceDataPlaneTest {

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static Pod pod(String name, String ip, String node) {
        return new PodBuilder().withNewMetadata().withNamespace("shop").withName(name).endMetadata()
                .withNewSpec().withNodeName(node).addNewContainer().withName("web").addNewPort().withContainerPort(8080)
                .endPort().endContainer().endSpec().withNewStatus().withPhase("Running").withPodIP(ip).endStatus().build();
    }

    private static Service service(int nodePort, String affinity) {
        return new ServiceBuilder().withNewMetadata().withNamespace("shop").withName("web").endMetadata()
                .withNewSpec().withType("NodePort").withClusterIP("10.96.0.20").withClusterIPs("10.96.0.20")
                .withSessionAffinity(affinity).addNewPort().withProtocol("TCP").withPort(80).withNodePort(nodePort).endPort()
                .endSpec().build();
    }

    private static EndpointSlice slice(List<Pod> pods) {
        EndpointSliceBuilder b = new EndpointSliceBuilder().withNewMetadata().withNamespace("shop").withName("web-a")
                .addToLabels("kubernetes.io/service-name", "web").endMetadata().withAddressType("IPv4")
                .addNewPort().withProtocol("TCP").withPort(8080).endPort();
        pods.forEach(p -> b.addNewEndpoint().withAddresses(p.getStatus().getPodIP()).withNodeName(p.getSpec().getNodeName())
                .withNewConditions().withReady(true).endConditions().endEndpoint());
        return b.build();
    }

    private static String fetch(int port, String path) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(3000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return response.substring(response.indexOf("\r\n\r\n") + 4);
        }
    }

    private UserspaceDataPlane plane(String balancing, int podNetworkPort) {
        UserspaceDataPlane plane = new UserspaceDataPlane(
                EndpointConnector.agents(node -> "node-1".equals(node) ? "127.0.0.1" : "127.0.0.2", podNetworkPort),
                balancing, Duration.ofMillis(200), new SimpleMeterRegistry());
        open.add(plane);
        return plane;
    }

    private ProxyState cluster(int podNetworkPort, List<Pod> pods, Service service) throws IOException {
        for (String node : List.of("node-1", "node-2")) {
            PodResponders responders = new PodResponders(node, "10.96.0.10");
            responders.update(pods.stream().filter(p -> node.equals(p.getSpec().getNodeName())).toList(), List.of(service));
            open.add(new PodNetwork(responders, "node-1".equals(node) ? "127.0.0.1" : "127.0.0.2", podNetworkPort));
        }
        return DesiredState.compute("node-1", List.of("127.0.0.1"), List.of(service), List.of(slice(pods)));
    }

    @Test
    void aNodePortReachesPodsOnBothNodesAndFollowsTheEndpoints() throws Exception {
        int nodePort = freePort();
        int podNetwork = freePort();
        List<Pod> pods = List.of(pod("web-1", "10.244.0.4", "node-1"), pod("web-2", "10.244.1.4", "node-2"),
                pod("web-3", "10.244.1.5", "node-2"));
        ProxyState state = cluster(podNetwork, pods, service(nodePort, "None"));
        UserspaceDataPlane plane = plane("round-robin", podNetwork);
        assertThat(plane.sync(state).changed()).isEqualTo(1);
        assertThat(plane.sync(state).changed()).isZero();

        Set<String> answers = new TreeSet<>();
        for (int i = 0; i < 6; i++) {
            answers.add(fetch(nodePort, "/"));
        }
        assertThat(answers).containsExactly("web-1 10.244.0.4 node-1\n", "web-2 10.244.1.4 node-2\n",
                "web-3 10.244.1.5 node-2\n");
        assertThat(fetch(nodePort, "/env")).contains("WEB_SERVICE_HOST=10.96.0.20\n", "WEB_PORT_80_TCP_ADDR=10.96.0.20\n");

        plane.sync(DesiredState.compute("node-1", List.of("127.0.0.1"), List.of(service(nodePort, "None")),
                List.of(slice(pods.subList(0, 1)))));
        for (int i = 0; i < 4; i++) {
            assertThat(fetch(nodePort, "/")).startsWith("web-1 ");
        }
    }

    @Test
    void clientIpAffinityKeepsAClientOnOnePod() throws Exception {
        int nodePort = freePort();
        int podNetwork = freePort();
        List<Pod> pods = List.of(pod("web-1", "10.244.0.4", "node-1"), pod("web-2", "10.244.1.4", "node-2"));
        UserspaceDataPlane plane = plane("random", podNetwork);
        plane.sync(cluster(podNetwork, pods, service(nodePort, "ClientIP")));

        Set<String> answers = new TreeSet<>();
        for (int i = 0; i < 10; i++) {
            answers.add(fetch(nodePort, "/"));
        }
        assertThat(answers).hasSize(1);
    }

    @Test
    void noEndpointsResetsAtOnceAndCloseFreesThePort() throws Exception {
        int nodePort = freePort();
        UserspaceDataPlane plane = plane("random", freePort());
        plane.sync(DesiredState.compute("node-1", List.of("127.0.0.1"), List.of(service(nodePort, "None")), List.of()));
        assertThat(plane.view().listening()).containsKey("127.0.0.1:" + nodePort);

        long start = System.nanoTime();
        assertThat(catchThrowable(() -> fetch(nodePort, "/"))).isInstanceOf(IOException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));

        plane.close();
        try (ServerSocket again = new ServerSocket()) {
            again.setReuseAddress(true); // the reset connection may linger in TIME_WAIT; the listener is gone
            again.bind(new InetSocketAddress("127.0.0.1", nodePort));
            assertThat(again.isBound()).isTrue();
        }
    }
}
