package io.kubeplane.endpoints.desired;

import static io.kubeplane.endpoints.desired.Fixtures.notReady;
import static io.kubeplane.endpoints.desired.Fixtures.pod;
import static io.kubeplane.endpoints.desired.Fixtures.service;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class DesiredEndpointsTest {

    /** Each case: pods, publishNotReadyAddresses, then per subset "ports | ready ips | not-ready ips". */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("ready and not-ready pods", List.of(pod("a", "10.244.0.3").build(), notReady(pod("b", "10.244.0.2")).build()),
                        false, List.of("[http/8080, metrics/9090] | 10.244.0.3 | 10.244.0.2")),
                Arguments.of("publishNotReadyAddresses lists every pod as ready", List.of(notReady(pod("b", "10.244.0.2")).build()),
                        true, List.of("[http/8080, metrics/9090] | 10.244.0.2 | ")),
                Arguments.of("a pod without the named port serves only the numbered one",
                        List.of(pod("a", "10.244.0.2").build(), pod("b", "10.244.0.3").editSpec().editFirstContainer()
                                .withPorts().endContainer().endSpec().build()),
                        false, List.of("[http/8080, metrics/9090] | 10.244.0.2 | ", "[metrics/9090] | 10.244.0.3 | ")),
                Arguments.of("unselected, unaddressed, finished and terminating pods are left out",
                        List.of(pod("other", "10.244.0.9").editMetadata().withLabels(java.util.Map.of("app", "api")).endMetadata().build(),
                                pod("noip", "").editStatus().withPodIP(null).withPodIPs().endStatus().build(),
                                pod("done", "10.244.0.7").editStatus().withPhase("Succeeded").endStatus().build(),
                                pod("going", "10.244.0.8").editMetadata().withDeletionTimestamp("2026-11-22T00:00:00Z").endMetadata().build(),
                                pod("kept", "10.244.0.10").build()),
                        false, List.of("[http/8080, metrics/9090] | 10.244.0.10 | ")),
                Arguments.of("addresses sorted numerically", List.of(pod("x", "10.244.0.10").build(), pod("y", "10.244.0.9").build()),
                        false, List.of("[http/8080, metrics/9090] | 10.244.0.9,10.244.0.10 | ")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void subsets(String name, List<Pod> pods, boolean publishNotReady, List<String> expected) {
        var svc = service().editSpec().withPublishNotReadyAddresses(publishNotReady).endSpec().build();
        DesiredEndpoints.Result result = DesiredEndpoints.of(svc, pods);
        assertThat(result.subsets().stream().map(DesiredEndpointsTest::describe).toList()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(result.truncated()).isFalse();
    }

    @Test
    void addressesNameTheirPodNodeAndHostnameWhenTheSubdomainIsTheService() {
        Pod pod = pod("a", "10.244.0.2").editSpec().withHostname("a").withSubdomain("web").endSpec().build();
        EndpointAddress address = DesiredEndpoints.of(service().build(), List.of(pod)).subsets().getFirst().getAddresses().getFirst();
        assertThat(address.getHostname()).isEqualTo("a");
        assertThat(address.getNodeName()).isEqualTo("node-a");
        assertThat(address.getTargetRef().getKind()).isEqualTo("Pod");
        assertThat(address.getTargetRef().getUid()).isEqualTo("a-uid");
        Pod other = pod("b", "10.244.0.3").editSpec().withHostname("b").withSubdomain("elsewhere").endSpec().build();
        assertThat(DesiredEndpoints.of(service().build(), List.of(other)).subsets().getFirst().getAddresses().getFirst()
                .getHostname()).isNull();
    }

    @Test
    void moreThanAThousandAddressesAreCutReadyOnesKept() {
        List<Pod> pods = new ArrayList<>();
        for (int i = 0; i < 1100; i++) {
            String ip = "10.244." + (i / 250) + "." + (i % 250 + 2);
            pods.add(i < 100 ? notReady(pod("p" + i, ip)).build() : pod("p" + i, ip).build());
        }
        DesiredEndpoints.Result result = DesiredEndpoints.of(service().build(), pods);
        assertThat(result.truncated()).isTrue();
        EndpointSubset subset = result.subsets().getFirst();
        assertThat(subset.getAddresses()).hasSize(1000);
        assertThat(subset.getNotReadyAddresses()).isEmpty();
    }

    private static String describe(EndpointSubset subset) {
        return subset.getPorts().stream().map(p -> p.getName() + "/" + p.getPort()).toList() + " | "
               + String.join(",", subset.getAddresses().stream().map(EndpointAddress::getIp).toList()) + " | "
               + String.join(",", subset.getNotReadyAddresses().stream().map(EndpointAddress::getIp).toList());
    }
}
