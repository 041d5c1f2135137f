package io.kubeplane.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WriteTrackerTest {

    private final MutableClock clock = new MutableClock();
    private final WriteTracker tracker = new WriteTracker(clock);

    @Test
    void nothingWrittenIsNeverBehind() {
        assertThat(tracker.waitIfBehind("web", List.of())).isNull();
    }

    @Test
    void behindUntilTheCacheHoldsTheWrittenVersionAndNoneOfTheDeletedNames() {
        tracker.wrote("web", List.of(pod("web-a", "12")), Set.of("web-old"));

        assertThat(tracker.behind("web", List.of(pod("web-old", "3")))).as("written one missing, deleted one present").isTrue();
        assertThat(tracker.behind("web", List.of(pod("web-a", "11")))).as("older version of the written one").isTrue();
        assertThat(tracker.behind("web", List.of(pod("web-a", "12")))).isFalse();
        assertThat(tracker.behind("web", List.of())).as("the expectation was dropped once met").isFalse();
    }

    @Test
    void waitsWithQuickRetriesAtFirstThenBacksOff() {
        tracker.wrote("web", List.of(pod("web-a", "5")), Set.of());

        assertThat(tracker.waitIfBehind("web", List.of())).isEqualTo(Reconciler.Result.requeueAfter(Duration.ofMillis(20)));
        clock.advance(Duration.ofSeconds(3));
        assertThat(tracker.waitIfBehind("web", List.of())).isEqualTo(Reconciler.Result.BACKOFF);
    }

    private static HasMetadata pod(String name, String resourceVersion) {
        Pod pod = new PodBuilder().withNewMetadata().withName(name).withResourceVersion(resourceVersion).endMetadata().build();
        return pod;
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
