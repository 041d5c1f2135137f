package io.kubeplane.proxy.pods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.kubeplane.proxy.userspace.NettyTransport;
import io.kubeplane.proxy.userspace.Preamble;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The pod network of node-1 at 127.0.0.1 (a free port) and its responders: pods 10.244.1.0/24,
 * ClusterIPs 10.96.0.0/12. Pod IPs are not bindable here, so the responders answer only through it.
 */
class PodNetworkTest {

    private final NettyTransport transport = NettyTransport.create("test-pods", 1);
    private final PodResponders responders = new PodResponders(transport, "node-1", "10.96.0.10", false);
    private final PodNetwork network = PodNetwork.start(transport, responders, "127.0.0.1", 0);

    @AfterEach
    void stop() {
        network.close();
        responders.close();
        transport.close();
    }

    private static Pod pod(String name, String ip, String node, String phase) {
        return pod(name, ip, node, phase, 8080, 5353);
    }

    private static Pod pod(String name, String ip, String node, String phase, int httpPort, int dnsPort) {
        return new PodBuilder().withNewMetadata().withNamespace("shop").withName(name).endMetadata()
                .withNewSpec().withNodeName(node).addNewContainer().withName("app")
                    .addNewPort().withName("http").withContainerPort(httpPort).endPort()
                    .addNewPort().withContainerPort(7000).endPort()
                    .addNewPort().withName("dns").withContainerPort(dnsPort).withProtocol("UDP").endPort()
                .endContainer().endSpec()
                .withNewStatus().withPhase(phase).withPodIP(ip).endStatus().build();
    }

    private void runPods() {
        responders.update(List.of(pod("web-7d9c-abcde", "10.244.1.5", "node-1", "Running"),
                        pod("web-7d9c-fghij", "10.244.2.5", "node-2", "Running"),
                        pod("web-7d9c-klmno", "10.244.1.6", "node-1", "Pending")),
                List.of(new ServiceBuilder().withNewMetadata().withNamespace("shop").withName("web").endMetadata()
                        .withNewSpec().withClusterIP("10.96.0.20").addNewPort().withPort(80).endPort().endSpec().build()));
    }

    private Socket open(Preamble preamble) throws IOException {
        Socket s = new Socket();
        s.connect(network.localAddress(), 2000);
        s.setSoTimeout(3000);
        s.getOutputStream().write(preamble.encode());
        return s;
    }

    private String http(String path) throws IOException {
        try (Socket s = open(new Preamble("TCP", "10.244.1.5", 8080))) {
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: pod\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return response.substring(response.indexOf("\r\n\r\n") + 4);
        }
    }

    @Test
    void anHttpPortAnswersWhoItIsItsEnvironmentAndItsResolvConf() throws IOException {
        runPods();

        assertThat(http("/")).isEqualTo("web-7d9c-abcde 10.244.1.5 node-1\n");
        assertThat(http("/env")).contains("WEB_SERVICE_HOST=10.96.0.20\n", "WEB_PORT_80_TCP=tcp://10.96.0.20:80\n");
        assertThat(http("/resolv.conf")).startsWith("search shop.svc.cluster.local ").contains("nameserver 10.96.0.10\n");
    }

    @Test
    void otherTcpPortsEchoAndUdpPortsEchoFramedDatagrams() throws IOException {
        runPods();

        try (Socket s = open(new Preamble("TCP", "10.244.1.5", 7000))) {
            s.getOutputStream().write("ping\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(s.getInputStream().readNBytes(5), StandardCharsets.US_ASCII)).isEqualTo("ping\n");
        }
        try (Socket s = open(new Preamble("UDP", "10.244.1.5", 5353))) {
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            out.writeShort(3);
            out.write("abc".getBytes(StandardCharsets.US_ASCII));
            DataInputStream in = new DataInputStream(s.getInputStream());
            assertThat(in.readUnsignedShort()).isEqualTo(3);
            assertThat(new String(in.readNBytes(3), StandardCharsets.US_ASCII)).isEqualTo("abc");
        }
    }

    @Test
    void aPodPortNotRunningHereIsReset() throws IOException {
        runPods();

        for (Preamble absent : List.of(new Preamble("TCP", "10.244.2.5", 8080), // on node-2
                new Preamble("TCP", "10.244.1.6", 8080), // Pending
                new Preamble("TCP", "10.244.1.5", 9999), // undeclared port
                new Preamble("UDP", "10.244.1.5", 8080))) { // wrong protocol
            try (Socket s = open(absent)) {
                assertThatThrownBy(() -> {
                    s.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    s.getInputStream().read();
                }).as(absent.toString()).isInstanceOf(SocketException.class);
            }
        }
    }

    @Test
    void aStoppedPodsConnectionsClose() throws IOException {
        runPods();
        try (Socket s = open(new Preamble("TCP", "10.244.1.5", 7000))) {
            s.getOutputStream().write("x".getBytes(StandardCharsets.US_ASCII));
            assertThat(s.getInputStream().read()).isEqualTo('x');

            responders.update(List.of(), List.of());

            assertThat(responders.find("10.244.1.5", 7000, "TCP")).isEmpty();
            await().atMost(Duration.ofSeconds(3)).until(() -> {
                try {
                    return s.getInputStream().read() < 0;
                } catch (IOException reset) {
                    return true;
                }
            });
        }
    }

    @Test
    void respondersListenOnPodIpsTheHostHas() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.9"))) {
            port = free.getLocalPort();
        }
        try (PodResponders loopback = new PodResponders(transport, "node-1", "10.96.0.10", true)) {
            // A port named http is HTTP whatever its number.
            loopback.update(List.of(pod("local-0", "127.0.0.9", "node-1", "Running", port, port),
                    pod("remote-0", "10.244.1.9", "node-1", "Running")), List.of());

            assertThat(loopback.listening("127.0.0.9", port, "TCP")).isTrue();
            assertThat(loopback.listening("127.0.0.9", port, "UDP")).isTrue();
            assertThat(loopback.listening("10.244.1.9", 8080, "TCP")).isFalse();
            assertThat(loopback.find("10.244.1.9", 8080, "TCP")).isPresent();
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.9", port), 2000);
                s.setSoTimeout(3000);
                s.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                s.getInputStream().transferTo(all);
                assertThat(all.toString(StandardCharsets.UTF_8)).endsWith("\r\n\r\nlocal-0 127.0.0.9 node-1\n");
            }
        }
    }
}
