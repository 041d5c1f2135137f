package io.kubeplane.endpoints.desired;

import static io.kubeplane.endpoints.desired.Fixtures.notReady;
import static io.kubeplane.endpoints.desired.Fixtures.pod;
import static io.kubeplane.endpoints.desired.Fixtures.service;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PodVerdictTest {

    @Test
    void aReadyMatchingPodIsReadyAndSaysWhy() {
        PodVerdict verdict = PodVerdict.of(service().build(), pod("a", "10.244.0.2").build());
        assertThat(verdict.endpoint()).isEqualTo("ready");
        assertThat(verdict.reasons()).contains("IP 10.244.0.2", "port http -> pod port 8080", "port metrics -> pod port 9090",
                "condition Ready is True");
    }

    @Test
    void eachReasonAPodIsLeftOutIsNamed() {
        assertThat(PodVerdict.of(service().build(), pod("a", "10.244.0.2").editMetadata().withLabels(Map.of("app", "api"))
                .endMetadata().build()).reasons()).containsExactly("label app is \"api\", the selector wants \"web\"");
        assertThat(PodVerdict.of(service().build(), pod("a", "").editStatus().withPodIP(null).withPodIPs().endStatus().build())
                .reasons()).anySatisfy(r -> assertThat(r).startsWith("no IP yet"));
        assertThat(PodVerdict.of(service().build(), notReady(pod("a", "10.244.0.2")).build()).endpoint()).isEqualTo("not ready");
        assertThat(PodVerdict.of(service().build(), pod("a", "10.244.0.2").editSpec().editFirstContainer().withPorts()
                .endContainer().endSpec().build()).reasons())
                .contains("port http -> none: no container port named \"http\" (TCP), so the pod is left out of this port");
        assertThat(PodVerdict.of(service().build(), pod("a", "10.244.0.2").editMetadata()
                .withDeletionTimestamp("2026-11-22T00:00:00Z").endMetadata().build()).endpoint()).isEqualTo("terminating");
    }
}
