package io.kubeplane.model.defaults;

import static io.kubeplane.model.validation.Fixtures.changed;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.kubeplane.model.KubernetesJson;
import io.kubeplane.model.validation.FieldError;
import io.kubeplane.model.validation.Fixtures;
import io.kubeplane.model.validation.Validation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

// ClusterIPs from 10.96.0.0/12 and fd00:10:96::/112; NodePorts 30000-32767.
class ServiceUpdatesTest {

    /**
     * Each row: the stored service (defaulted, allocated), the object a client sends, and what the
     * spec must hold after {@link Defaulting#applyForUpdate}. Every result must be a valid update.
     */
    @ParameterizedTest
    @MethodSource
    void applyForUpdate(Service stored, Service sent, Consumer<ServiceSpec> expectations) {
        Service old = KubernetesJson.deepCopy(stored);

        Service result = Defaulting.applyForUpdate(sent, stored);

        expectations.accept(result.getSpec());
        assertThat(Validation.validateUpdate(result, stored)).extracting(FieldError::message).isEmpty();
        assertThat(stored).as("the stored object is not changed").isEqualTo(old);
    }

    static Stream<Arguments> applyForUpdate() {
        Service clusterIp = stored(Fixtures.service());
        Service nodePort = stored(changed(Fixtures.service(), s -> {
            s.getSpec().setType("NodePort");
            s.getSpec().getPorts().getFirst().setNodePort(30080);
        }));
        Service loadBalancer = stored(changed(Fixtures.service(), s -> {
            s.getSpec().setType("LoadBalancer");
            s.getSpec().setExternalTrafficPolicy("Local");
            s.getSpec().setHealthCheckNodePort(30100);
            s.getSpec().getPorts().getFirst().setNodePort(30080);
        }));
        Service dualStack = changed(clusterIp, s -> {
            s.getSpec().setClusterIPs(List.of("10.96.0.10", "fd00:10:96::a"));
            s.getSpec().setIpFamilies(List.of("IPv4", "IPv6"));
            s.getSpec().setIpFamilyPolicy("PreferDualStack");
        });
        return Stream.of(
                row("the same manifest applied again keeps the cluster IP", clusterIp, Fixtures.service(), spec -> {
                    assertThat(spec.getClusterIP()).isEqualTo("10.96.0.10");
                    assertThat(spec.getClusterIPs()).containsExactly("10.96.0.10");
                }),
                row("a NodePort manifest applied again keeps its NodePort", nodePort,
                        changed(Fixtures.service(), s -> s.getSpec().setType("NodePort")),
                        spec -> assertThat(spec.getPorts().getFirst().getNodePort()).isEqualTo(30080)),
                row("a LoadBalancer manifest applied again keeps its health-check port", loadBalancer,
                        changed(Fixtures.service(), s -> {
                            s.getSpec().setType("LoadBalancer");
                            s.getSpec().setExternalTrafficPolicy("Local");
                        }),
                        spec -> {
                            assertThat(spec.getHealthCheckNodePort()).isEqualTo(30100);
                            assertThat(spec.getPorts().getFirst().getNodePort()).isEqualTo(30080);
                        }),
                row("NodePort switched to ClusterIP drops NodePorts and the external policy", nodePort,
                        changed(nodePort, s -> s.getSpec().setType("ClusterIP")),
                        spec -> {
                            assertThat(spec.getPorts().getFirst().getNodePort()).isNull();
                            assertThat(spec.getExternalTrafficPolicy()).isNull();
                        }),
                row("LoadBalancer switched to ClusterIP drops its LoadBalancer fields", loadBalancer,
                        changed(loadBalancer, s -> s.getSpec().setType("ClusterIP")),
                        spec -> {
                            assertThat(spec.getAllocateLoadBalancerNodePorts()).isNull();
                            assertThat(spec.getHealthCheckNodePort()).isNull();
                            assertThat(spec.getPorts().getFirst().getNodePort()).isNull();
                        }),
                row("switched to ExternalName, the cluster IP is released", clusterIp,
                        changed(clusterIp, s -> {
                            s.getSpec().setType("ExternalName");
                            s.getSpec().setExternalName("db.example.com");
                        }),
                        spec -> {
                            assertThat(spec.getClusterIP()).isNull();
                            assertThat(spec.getClusterIPs()).isEmpty();
                            assertThat(spec.getIpFamilies()).isEmpty();
                            assertThat(spec.getIpFamilyPolicy()).isNull();
                        }),
                row("an old client sending only clusterIP keeps both dual-stack IPs", dualStack,
                        changed(dualStack, s -> s.getSpec().setClusterIPs(new ArrayList<>())),
                        spec -> assertThat(spec.getClusterIPs()).containsExactly("10.96.0.10", "fd00:10:96::a")),
                row("a dual-stack service set to SingleStack loses its secondary IP", dualStack,
                        changed(dualStack, s -> s.getSpec().setIpFamilyPolicy("SingleStack")),
                        spec -> {
                            assertThat(spec.getClusterIPs()).containsExactly("10.96.0.10");
                            assertThat(spec.getIpFamilies()).containsExactly("IPv4");
                        }));
    }

    @Test
    void aChangedSingularClusterIpIsWhatTheClientMeant() {
        Service stored = stored(Fixtures.service());
        Service sent = changed(stored, s -> s.getSpec().setClusterIP("10.96.0.20"));

        Defaulting.applyForUpdate(sent, stored);

        assertThat(sent.getSpec().getClusterIPs()).containsExactly("10.96.0.20");
        assertThat(Validation.validateUpdate(sent, stored)).extracting(FieldError::message)
                .containsExactly("spec.clusterIPs[0]: Invalid value: []string{\"10.96.0.20\"}: may not change once set");
    }

    @Test
    void otherKindsGetTheirDefaults() {
        var pod = Defaulting.applyForUpdate(Fixtures.pod(), Defaulting.apply(Fixtures.pod()));

        assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Always");
    }

    private static Service stored(Service service) {
        return Defaulting.apply(changed(service, s -> {
            s.getMetadata().setUid("0b0a5d3e-6f1c-4c6a-9d55-3f5e2b8c1a01");
            s.getMetadata().setCreationTimestamp("2025-01-01T00:00:00Z");
            s.getSpec().setClusterIP("10.96.0.10");
            s.getSpec().setIpFamilies(new ArrayList<>(List.of("IPv4")));
            s.getSpec().setIpFamilyPolicy("SingleStack");
        }));
    }

    /** The object a client sends: what the server stored minus the server-owned metadata, as kubectl replace sends it. */
    private static Arguments row(String situation, Service stored, Service sent, Consumer<ServiceSpec> expectations) {
        Service body = changed(sent, s -> {
            s.getMetadata().setUid(stored.getMetadata().getUid());
            s.getMetadata().setCreationTimestamp(stored.getMetadata().getCreationTimestamp());
        });
        return Arguments.of(Named.of(situation, stored), body, expectations);
    }
}
