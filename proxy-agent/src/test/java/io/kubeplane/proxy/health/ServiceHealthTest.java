package io.kubeplane.proxy.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.kubeplane.proxy.desired.DesiredState;
import io.kubeplane.proxy.desired.ProxyState;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The health check answers kube-proxy gives a load balancer, from the desired state and over real HTTP. */
class ServiceHealthTest {

    private static final int HEALTH_PORT = 32100;

    private static Service web(String policy) {
        return new ServiceBuilder().withNewMetadata().withNamespace("shop").withName("web").endMetadata()
                .withNewSpec().withType("LoadBalancer").withClusterIP("10.96.0.20").withClusterIPs("10.96.0.20")
                .withExternalTrafficPolicy(policy).withHealthCheckNodePort(policy.equals("Local") ? HEALTH_PORT : null)
                .addNewPort().withName("http").withProtocol("TCP").withPort(80).withNodePort(30080).endPort().endSpec()
                .build();
    }

    private static EndpointSlice slice() {
        EndpointSliceBuilder slice = new EndpointSliceBuilder().withNewMetadata().withNamespace("shop").withName("web-x")
                .addToLabels("kubernetes.io/service-name", "web").endMetadata().withAddressType("IPv4")
                .addNewPort().withName("http").withProtocol("TCP").withPort(8080).endPort();
        slice.addNewEndpoint().withAddresses("10.244.0.5").withNodeName("node-1").withNewConditions().withReady(true)
                .endConditions().endEndpoint();
        slice.addNewEndpoint().withAddresses("10.244.0.6").withNodeName("node-1").withNewConditions().withReady(false)
                .endConditions().endEndpoint();
        slice.addNewEndpoint().withAddresses("10.244.1.5").withNodeName("node-2").withNewConditions().withReady(true)
                .endConditions().endEndpoint();
        return slice.build();
    }

    private static ProxyState on(String node, Service service) {
        return DesiredState.compute(node, List.of("192.168.0.2"), List.of(service), List.of(slice()));
    }

    @Test
    void aNodeWithAReadyLocalEndpointPassesAndOneWithoutFails() {
        ServiceHealth node1 = ServiceHealth.of(on("node-1", web("Local"))).get(HEALTH_PORT);
        ServiceHealth node3 = ServiceHealth.of(on("node-3", web("Local"))).get(HEALTH_PORT);

        assertThat(node1).isEqualTo(new ServiceHealth("shop", "web", 1));
        assertThat(node1.status(true)).isEqualTo(200);
        assertThat(node1.status(false)).isEqualTo(503);
        assertThat(node3.localEndpoints()).isZero();
        assertThat(node3.status(true)).isEqualTo(503);
        assertThat(node1.body(true)).isEqualTo("{\n\t\"service\": {\n\t\t\"namespace\": \"shop\",\n\t\t\"name\": \"web\"\n\t},\n"
                                               + "\t\"localEndpoints\": 1,\n\t\"serviceProxyHealthy\": true\n}");
    }

    @Test
    void clusterPolicyServicesHaveNoHealthCheck() {
        assertThat(ServiceHealth.of(on("node-1", web("Cluster")))).isEmpty();
    }

    @Test
    void serversOpenAnswerAndCloseWithTheServices() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create("http://127.0.0.1:" + port + "/");
        try (HealthCheckServers servers = new HealthCheckServers("127.0.0.1", () -> true)) {
            servers.update(Map.of(port, new ServiceHealth("shop", "web", 2)));
            HttpResponse<String> up = http.send(java.net.http.HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(up.statusCode()).isEqualTo(200);
            assertThat(up.body()).contains("\"localEndpoints\": 2");
            assertThat(up.headers().firstValue("X-Load-Balancing-Endpoint-Weight")).hasValue("2");

            servers.update(Map.of(port, new ServiceHealth("shop", "web", 0)));
            assertThat(http.send(java.net.http.HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(503);

            servers.update(Map.of());
            assertThat(servers.ports()).isEmpty();
            assertThatThrownBy(() -> http.send(java.net.http.HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
        }
    }
}
