package io.kubeplane.proxy.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.kubeplane.proxy.desired.DesiredState;
import io.kubeplane.proxy.desired.Endpoint;
import io.kubeplane.proxy.desired.ProxyState;
import io.kubeplane.proxy.desired.ServicePortName;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The IPVS renderer, nft's acceptance of the nftables text, and the trace, over one small cluster: a LoadBalancer with three pods and a port without endpoints. */
class RulesTest {

    private static final ServicePortName WEB = new ServicePortName("default", "web", "http", "TCP");

    private static ProxyState state() {
        Service web = new ServiceBuilder().withNewMetadata().withNamespace("default").withName("web").endMetadata()
                .withNewSpec().withType("LoadBalancer").withClusterIP("10.96.0.10").withClusterIPs("10.96.0.10")
                .addNewPort().withName("http").withProtocol("TCP").withPort(80).withNodePort(30080).endPort()
                .withSessionAffinity("ClientIP").endSpec()
                .withNewStatus().withNewLoadBalancer().addNewIngress().withIp("127.0.100.1").endIngress().endLoadBalancer()
                .endStatus().build();
        Service empty = new ServiceBuilder().withNewMetadata().withNamespace("default").withName("empty").endMetadata()
                .withNewSpec().withType("ClusterIP").withClusterIP("10.96.0.11").withClusterIPs("10.96.0.11")
                .addNewPort().withProtocol("UDP").withPort(53).endPort().endSpec().build();
        EndpointSliceBuilder slice = new EndpointSliceBuilder().withNewMetadata().withNamespace("default").withName("web-x")
                .addToLabels("kubernetes.io/service-name", "web").endMetadata().withAddressType("IPv4")
                .addNewPort().withName("http").withProtocol("TCP").withPort(8080).endPort();
        for (String[] ep : new String[][] {{"10.244.0.9", "node-1"}, {"10.244.1.4", "node-2"}, {"10.244.1.5", "node-2"}}) {
            slice.addNewEndpoint().withAddresses(ep[0]).withNodeName(ep[1]).withNewConditions().withReady(true).endConditions()
                    .withNewTargetRef().withKind("Pod").withNamespace("default").withName("web-" + ep[0]).endTargetRef()
                    .endEndpoint();
        }
        return DesiredState.compute("node-1", List.of("192.168.1.10"), List.of(web, empty), List.<EndpointSlice>of(slice.build()));
    }

    @Test
    void nftablesTextIsAcceptedByNft() throws Exception {
        String rules = new NftablesRules().full(state());
        assertThat(rules).contains("add element ip kube-proxy service-ips { 10.96.0.10 . tcp . 80 : goto service-",
                "add element ip kube-proxy service-ips { 127.0.100.1 . tcp . 80 : goto external-",
                "add element ip kube-proxy service-nodeports { tcp . 30080 : goto external-",
                "add element ip kube-proxy no-endpoint-services { 10.96.0.11 . udp . 53 comment \"default/empty\" : goto reject-chain }");
        Path file = Files.createTempFile("kube-proxy", ".nft");
        try {
            Files.writeString(file, rules);
            Process nft = new ProcessBuilder("nft", "-c", "-f", file.toString()).redirectErrorStream(true).start();
            String output = new String(nft.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(nft.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(nft.exitValue()).as("nft -c says: %s", output).isZero();
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void ipvsVirtualServers() {
        String rules = new IpvsRules("rr").render(state());
        assertThat(rules).contains("-A -t 10.96.0.10:80 -s rr -p 10800", "-a -t 10.96.0.10:80 -r 10.244.1.4:8080 -m -w 1",
                "-A -t 192.168.1.10:30080 -s rr -p 10800", "-A -t 127.0.100.1:80 -s rr -p 10800",
                "inet 10.96.0.11/32 scope global kube-ipvs0", "add KUBE-NODE-PORT-TCP 30080",
                "# no endpoints (connections fail): default/empty");
    }

    @Test
    void traceFollowsThePacket() {
        PacketTrace viaNodePort = PacketTrace.of(state(), "192.0.2.7", "192.168.1.10", 30080, "tcp");
        assertThat(viaNodePort.verdict()).isEqualTo("forwarded");
        assertThat(viaNodePort.service()).isEqualTo("default/web:http");
        assertThat(viaNodePort.endpoint()).isIn("10.244.0.9:8080", "10.244.1.4:8080", "10.244.1.5:8080");
        assertThat(viaNodePort.text()).contains("KUBE-NODEPORTS", "KUBE-EXT-CDGGSHYLG3RE2FKL", "probability 0.3333333333",
                "ClientIP affinity 10800 s", "DNAT to " + viaNodePort.endpoint());
        assertThat(PacketTrace.of(state(), "192.0.2.7", "192.168.1.10", 30080, "TCP")).isEqualTo(viaNodePort);
        assertThat(PacketTrace.of(state(), "10.244.0.9", "10.96.0.11", 53, "UDP").verdict()).isEqualTo("rejected");
        assertThat(PacketTrace.of(state(), "10.244.0.9", "10.96.0.99", 80, "TCP").verdict()).isEqualTo("no service");
    }
}
