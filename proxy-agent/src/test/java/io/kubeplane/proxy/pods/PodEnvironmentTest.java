package io.kubeplane.proxy.pods;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** ClusterIPs 10.96.0.0/12 and fd00:10:96::/112; the pod is in namespace {@code shop}. */
class PodEnvironmentTest {

    private static Service service(String namespace, String name, String clusterIP, String... ports) {
        ServiceBuilder b = new ServiceBuilder().withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
                .withNewSpec().withClusterIP(clusterIP).endSpec();
        for (String p : ports) {
            String[] parts = p.split("/"); // name/port/protocol, name may be empty
            b.editSpec().addNewPort().withName(parts[0].isEmpty() ? null : parts[0]).withPort(Integer.parseInt(parts[1]))
                    .withProtocol(parts.length > 2 ? parts[2] : null).endPort().endSpec();
        }
        return b.build();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(Named.of("one unnamed TCP port", List.of(service("shop", "web", "10.96.0.20", "/80"))), true,
                        Map.of("WEB_SERVICE_HOST", "10.96.0.20", "WEB_SERVICE_PORT", "80", "WEB_PORT", "tcp://10.96.0.20:80",
                                "WEB_PORT_80_TCP", "tcp://10.96.0.20:80", "WEB_PORT_80_TCP_PROTO", "tcp",
                                "WEB_PORT_80_TCP_PORT", "80", "WEB_PORT_80_TCP_ADDR", "10.96.0.20")),
                Arguments.of(Named.of("named ports, a dash in the name, UDP second",
                        List.of(service("shop", "my-dns", "10.96.0.30", "dns-tcp/53/TCP", "dns/53/UDP"))), true,
                        Map.of("MY_DNS_SERVICE_HOST", "10.96.0.30", "MY_DNS_SERVICE_PORT", "53",
                                "MY_DNS_SERVICE_PORT_DNS_TCP", "53", "MY_DNS_SERVICE_PORT_DNS", "53",
                                "MY_DNS_PORT", "tcp://10.96.0.30:53", "MY_DNS_PORT_53_TCP", "tcp://10.96.0.30:53",
                                "MY_DNS_PORT_53_TCP_PROTO", "tcp", "MY_DNS_PORT_53_TCP_PORT", "53",
                                "MY_DNS_PORT_53_TCP_ADDR", "10.96.0.30", "MY_DNS_PORT_53_UDP", "udp://10.96.0.30:53")),
                Arguments.of(Named.of("headless and other namespaces give nothing; kubernetes always",
                        List.of(service("shop", "db", "None", "/5432"), service("other", "web", "10.96.0.40", "/80"),
                                service("default", "kubernetes", "10.96.0.1", "https/443/TCP"))), true,
                        Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1", "KUBERNETES_SERVICE_PORT", "443",
                                "KUBERNETES_SERVICE_PORT_HTTPS", "443", "KUBERNETES_PORT", "tcp://10.96.0.1:443",
                                "KUBERNETES_PORT_443_TCP", "tcp://10.96.0.1:443", "KUBERNETES_PORT_443_TCP_PROTO", "tcp",
                                "KUBERNETES_PORT_443_TCP_PORT", "443", "KUBERNETES_PORT_443_TCP_ADDR", "10.96.0.1")),
                Arguments.of(Named.of("enableServiceLinks false keeps only kubernetes",
                        List.of(service("shop", "web", "10.96.0.20", "/80"),
                                service("default", "kubernetes", "10.96.0.1", "https/443/TCP"))), false,
                        Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1", "KUBERNETES_SERVICE_PORT", "443",
                                "KUBERNETES_SERVICE_PORT_HTTPS", "443", "KUBERNETES_PORT", "tcp://10.96.0.1:443",
                                "KUBERNETES_PORT_443_TCP", "tcp://10.96.0.1:443", "KUBERNETES_PORT_443_TCP_PROTO", "tcp",
                                "KUBERNETES_PORT_443_TCP_PORT", "443", "KUBERNETES_PORT_443_TCP_ADDR", "10.96.0.1")),
                Arguments.of(Named.of("an IPv6 ClusterIP is bracketed in URLs only",
                        List.of(service("shop", "web", "fd00:10:96::20", "/80"))), true,
                        Map.of("WEB_SERVICE_HOST", "fd00:10:96::20", "WEB_SERVICE_PORT", "80",
                                "WEB_PORT", "tcp://[fd00:10:96::20]:80", "WEB_PORT_80_TCP", "tcp://[fd00:10:96::20]:80",
                                "WEB_PORT_80_TCP_PROTO", "tcp", "WEB_PORT_80_TCP_PORT", "80",
                                "WEB_PORT_80_TCP_ADDR", "fd00:10:96::20")));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void serviceVariables(List<Service> services, boolean links, Map<String, String> expected) {
        Map<String, String> vars = PodEnvironment.serviceVariables("shop", links, services);
        if (expected.containsKey("MY_DNS_PORT_53_UDP")) {
            assertThat(vars).containsAllEntriesOf(expected).containsKeys("MY_DNS_PORT_53_UDP_PROTO");
        } else {
            assertThat(vars).isEqualTo(expected);
        }
    }

    @Test
    void resolvConfOfAClusterFirstPod() {
        assertThat(PodEnvironment.resolvConf("shop", "10.96.0.10")).isEqualTo("""
                search shop.svc.cluster.local svc.cluster.local cluster.local
                nameserver 10.96.0.10
                options ndots:5
                """);
    }
}
