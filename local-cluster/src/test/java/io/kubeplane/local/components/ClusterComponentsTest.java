package io.kubeplane.local.components;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubeplane.local.LocalClusterSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterComponentsTest {

    private static final LocalClusterSettings.Ports PORTS = new LocalClusterSettings.Ports(
            18080, 16443, 18081, 18082, 18083, 18084, 18085, 18086, 11053);

    private final List<Component> components = ClusterComponents.of(PORTS, "127.0.0.1:19092",
            Path.of("/home/dev/.kubeplane/tokens.csv"), Path.of("/home/dev/.kubeplane/authorization.yaml"),
            Path.of("/home/dev/.kubeplane/pki"),
            new ClusterComponents.ControllerAccess(Path.of("/home/dev/.kubeplane/pki/ca.crt"), Path.of("/home/dev/.kubeplane/components")),
            Map.of("ipam-service", List.of("--kubeplane.ipam.controllers.repair-interval=5s")), java.util.Set.of());

    @Test
    void startsTheApiServerFirstThenEveryOtherComponentOnItsPort() {
        assertThat(components).extracting(Component::name).containsExactly("api-server", "ipam-service",
                "endpoints-controller", "dns-service", "proxy-agent-node-1", "proxy-agent-node-2", "workload-controller");
        assertThat(components).extracting(Component::port).containsExactly(18080, 18081, 18082, 18083, 18084, 18086, 18085);
        assertThat(components).allSatisfy(c -> assertThat(c.arguments()).contains(
                "--server.port=" + c.port(), "--server.address=127.0.0.1",
                "--spring.kafka.bootstrap-servers=127.0.0.1:19092",
                "--spring.main.register-shutdown-hook=false"));
    }

    @Test
    void theApiServersReadyzCoversEveryOtherComponent() {
        assertThat(components.getFirst().arguments()).contains("--kubeplane.api-server.readiness-urls="
                + "http://127.0.0.1:18081/actuator/health/readiness,"
                + "http://127.0.0.1:18082/actuator/health/readiness,"
                + "http://127.0.0.1:18083/actuator/health/readiness,"
                + "http://127.0.0.1:18084/actuator/health/readiness,"
                + "http://127.0.0.1:18086/actuator/health/readiness,"
                + "http://127.0.0.1:18085/actuator/health/readiness");
    }

    @Test
    void theApiServerServesTlsWithTheClustersTokensCertificatesAndBroker() {
        assertThat(components.getFirst().arguments()).contains(
                "--kubeplane.api-server.token-file=/home/dev/.kubeplane/tokens.csv",
                "--kubeplane.api-server.secure-serving.port=16443",
                "--kubeplane.api-server.secure-serving.bind-address=127.0.0.1",
                "--kubeplane.api-server.secure-serving.cert-dir=/home/dev/.kubeplane/pki",
                "--kubeplane.api-server.relay.bootstrap-servers=127.0.0.1:19092");
    }

    @Test
    void theApiServerTakesServiceAddressesFromIpamWhichHandsOutALoopbackLoadBalancerPool() {
        assertThat(components.getFirst().arguments()).contains("--kubeplane.api-server.ipam.url=http://127.0.0.1:18081");
        assertThat(components.get(1).arguments()).contains("--kubeplane.ipam.load-balancer-pools.default[0]=127.0.100.0/24");
    }

    @Test
    void controllersReachTheTlsPortWithTheirOwnTokenFilesAndExtraArgumentsComeLast() {
        List<String> ipam = components.get(1).arguments();
        assertThat(ipam).contains("--kubeplane.ipam.controllers.api-server=https://127.0.0.1:16443",
                "--kubeplane.ipam.controllers.token-file=/home/dev/.kubeplane/components/ipam-service.token",
                "--kubeplane.ipam.controllers.ca-file=/home/dev/.kubeplane/pki/ca.crt");
        assertThat(ipam.getLast()).isEqualTo("--kubeplane.ipam.controllers.repair-interval=5s");
        assertThat(components.get(2).arguments()).noneMatch(a -> a.contains("repair-interval"));
        assertThat(components.get(2).arguments()).contains("--kubeplane.endpoints.api-server=https://127.0.0.1:16443",
                "--kubeplane.endpoints.token-file=/home/dev/.kubeplane/components/endpoints-controller.token",
                "--kubeplane.endpoints.ca-file=/home/dev/.kubeplane/pki/ca.crt");
    }

    @Test
    void eachNodeHasAnAgentWithItsNameAddressAndToken() {
        assertThat(components.get(4).arguments()).contains("--kubeplane.agent.node-name=node-1",
                "--kubeplane.agent.node-ip=127.0.0.1", "--kubeplane.agent.api-server=https://127.0.0.1:16443",
                "--kubeplane.agent.token-file=/home/dev/.kubeplane/components/proxy-agent-node-1.token");
        assertThat(components.get(5).arguments()).contains("--kubeplane.agent.node-name=node-2",
                "--kubeplane.agent.node-ip=127.0.0.2");
        assertThat(components.get(6).arguments()).contains("--kubeplane.workloads.api-server=https://127.0.0.1:16443");
        assertThat(ClusterComponents.tokenHolders()).contains("workload-controller", "proxy-agent-node-1", "proxy-agent-node-2");
    }

    @Test
    void disablingProxyAgentLeavesOutEveryNodeAgent() {
        List<Component> some = ClusterComponents.of(PORTS, "127.0.0.1:19092", Path.of("/t/tokens.csv"), Path.of("/t/a.yaml"),
                Path.of("/t/pki"), new ClusterComponents.ControllerAccess(Path.of("/t/pki/ca.crt"), Path.of("/t/components")),
                Map.of(), java.util.Set.of("proxy-agent"));
        assertThat(some).extracting(Component::name).noneMatch(name -> name.startsWith("proxy-agent"));
    }

    @Test
    void aDisabledComponentIsNotStartedNorWaitedFor() {
        List<Component> some = ClusterComponents.of(PORTS, "127.0.0.1:19092", Path.of("/t/tokens.csv"), Path.of("/t/a.yaml"),
                Path.of("/t/pki"), new ClusterComponents.ControllerAccess(Path.of("/t/pki/ca.crt"), Path.of("/t/components")),
                Map.of(), java.util.Set.of("endpoints-controller"));
        assertThat(some).extracting(Component::name).doesNotContain("endpoints-controller").contains("ipam-service");
        assertThat(some.getFirst().arguments()).noneMatch(a -> a.contains(":18082"));
    }

    @Test
    void eachStartGetsAFreshApplication() {
        Component apiServer = components.getFirst();
        assertThat(apiServer.application().get()).isNotSameAs(apiServer.application().get());
    }
}
