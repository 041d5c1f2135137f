package io.kubeplane.proxy.node;

import io.fabric8.kubernetes.api.model.Probe;
import java.time.Duration;

/**
 * One container's readiness as the kubelet's prober keeps it: not ready at first; ready after
 * {@code successThreshold} passes in a row; not ready again after {@code failureThreshold} failures
 * in a row. Not thread-safe: one probe worker owns it.
 */
public final class ProbeCounter {

    /**
     * A probe's timing with Kubernetes' defaults (period 10 s, timeout 1 s, success 1, failure 3).
     */
    public record Settings(Duration initialDelay, Duration period, Duration timeout, int successThreshold,
                           int failureThreshold) {

        public static Settings of(Probe probe) {
            return new Settings(seconds(probe.getInitialDelaySeconds(), 0), seconds(probe.getPeriodSeconds(), 10),
                    seconds(probe.getTimeoutSeconds(), 1), positive(probe.getSuccessThreshold(), 1),
                    positive(probe.getFailureThreshold(), 3));
        }

        private static Duration seconds(Integer value, int fallback) {
            return Duration.ofSeconds(value == null || value < 0 ? fallback : value);
        }

        private static int positive(Integer value, int fallback) {
            return value == null || value < 1 ? fallback : value;
        }
    }

    private final Settings settings;
    private boolean ready;
    private int successes;
    private int failures;

    public ProbeCounter(Settings settings) {
        this.settings = settings;
    }

    /** Counts one probe result; true when the readiness changed. */
    public boolean record(boolean passed) {
        if (passed) {
            successes++;
            failures = 0;
        } else {
            failures++;
            successes = 0;
        }
        boolean was = ready;
        if (!ready && successes >= settings.successThreshold()) {
            ready = true;
        } else if (ready && failures >= settings.failureThreshold()) {
            ready = false;
        }
        return was != ready;
    }

    public boolean ready() {
        return ready;
    }
}
