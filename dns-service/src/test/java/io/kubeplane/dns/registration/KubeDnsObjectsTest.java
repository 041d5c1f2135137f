package io.kubeplane.dns.registration;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KubeDnsObjectsTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    @Test
    void theServiceIsKubeDnsAtItsFixedAddress() {
        Service service = KubeDnsObjects.service("10.96.0.10");

        assertThat(service.getMetadata().getNamespace()).isEqualTo("kube-system");
        assertThat(service.getMetadata().getName()).isEqualTo("kube-dns");
        assertThat(service.getMetadata().getLabels()).containsEntry("k8s-app", "kube-dns");
        assertThat(service.getSpec().getClusterIP()).isEqualTo("10.96.0.10");
        assertThat(service.getSpec().getSelector()).isNullOrEmpty();
        assertThat(service.getSpec().getPorts()).extracting(p -> p.getName() + " " + p.getProtocol() + " " + p.getPort())
                .containsExactly("dns UDP 53", "dns-tcp TCP 53");
    }

    @Test
    void onlyUnexpiredLeasesOnListableAddressesAreEndpoints() {
        List<Lease> leases = List.of(
                KubeDnsObjects.lease("a", "10.244.0.7", Duration.ofSeconds(30), NOW.minusSeconds(5)),
                KubeDnsObjects.lease("b", "10.244.1.7", Duration.ofSeconds(30), NOW.minusSeconds(31)),
                KubeDnsObjects.lease("c", "127.0.0.1", Duration.ofSeconds(30), NOW),
                KubeDnsObjects.lease("d", "10.244.2.7", Duration.ofSeconds(30), NOW));

        List<String> live = KubeDnsObjects.liveAddresses(leases, NOW);

        assertThat(live).containsExactly("10.244.0.7", "10.244.2.7");
        Endpoints endpoints = KubeDnsObjects.endpoints(live, 10053);
        assertThat(endpoints.getSubsets()).singleElement().satisfies(s -> {
            assertThat(s.getAddresses()).extracting(a -> a.getIp()).containsExactly("10.244.0.7", "10.244.2.7");
            assertThat(s.getPorts()).extracting(p -> p.getName() + " " + p.getProtocol() + " " + p.getPort())
                    .containsExactly("dns UDP 10053", "dns-tcp TCP 10053");
        });
        assertThat(KubeDnsObjects.endpoints(List.of(), 53).getSubsets()).isEmpty();
    }

    @Test
    void loopbackUnspecifiedLinkLocalAndNamesAreNotEndpoints() {
        assertThat(KubeDnsObjects.validEndpoint("10.1.0.53")).isTrue();
        assertThat(KubeDnsObjects.validEndpoint("fd00::53")).isTrue();
        assertThat(KubeDnsObjects.validEndpoint("127.0.0.1")).isFalse();
        assertThat(KubeDnsObjects.validEndpoint("::1")).isFalse();
        assertThat(KubeDnsObjects.validEndpoint("0.0.0.0")).isFalse();
        assertThat(KubeDnsObjects.validEndpoint("169.254.1.1")).isFalse();
        assertThat(KubeDnsObjects.validEndpoint("dns.example")).isFalse();
    }
}
