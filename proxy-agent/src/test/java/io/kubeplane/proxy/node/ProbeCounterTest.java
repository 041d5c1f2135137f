package io.kubeplane.proxy.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProbeCounterTest {

    @Test
    void kubernetesDefaultsApplyToAnEmptyProbe() {
        ProbeCounter.Settings settings = ProbeCounter.Settings.of(new Probe());
        assertThat(settings).isEqualTo(new ProbeCounter.Settings(Duration.ZERO, Duration.ofSeconds(10), Duration.ofSeconds(1), 1, 3));
    }

    @Test
    void readyAfterSuccessThresholdAndNotReadyAfterFailureThreshold() {
        ProbeCounter counter = new ProbeCounter(ProbeCounter.Settings.of(new ProbeBuilder()
                .withSuccessThreshold(2).withFailureThreshold(2).build()));
        assertThat(counter.ready()).isFalse();
        assertThat(counter.record(true)).isFalse();
        assertThat(counter.record(true)).as("second pass in a row").isTrue();
        assertThat(counter.ready()).isTrue();
        assertThat(counter.record(false)).isFalse();
        assertThat(counter.record(true)).isFalse();
        assertThat(counter.record(false)).isFalse();
        assertThat(counter.record(false)).as("second failure in a row").isTrue();
        assertThat(counter.ready()).isFalse();
    }
}
