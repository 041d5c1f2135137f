package io.kubeplane.apiserver.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Transaction ids here are small numbers; resource versions are in the hundreds, so the two never
 * read alike.
 */
class SettlementTrackerTest {

    record Step(long handedOut, String snapshot, long expectedSettled) {
    }

    static Stream<Named<List<Step>>> scenarios() {
        return Stream.of(
                Named.of("nothing in progress settles at once", List.of(
                        new Step(101, "10:10:", 101))),
                Named.of("a writer still in progress holds the horizon back", List.of(
                        new Step(101, "10:11:10", 0),
                        new Step(101, "10:11:10", 0),
                        new Step(101, "11:11:", 101))),
                Named.of("the later writer commits first; nothing settles until the earlier one ends", List.of(
                        new Step(102, "10:12:10,11", 0),
                        new Step(102, "10:12:10", 0),
                        new Step(102, "12:12:", 102))),
                Named.of("an older probe settles while a newer one still waits", List.of(
                        new Step(101, "10:11:10", 0),
                        new Step(105, "10:15:10,14", 0),
                        new Step(107, "14:17:14,16", 101),
                        new Step(107, "16:17:16", 105),
                        new Step(107, "17:17:", 107))),
                Named.of("an aborted writer counts as finished", List.of(
                        new Step(103, "20:22:20,21", 0),
                        new Step(103, "22:22:", 103))),
                Named.of("transactions that started after a probe do not hold it back", List.of(
                        new Step(101, "10:11:10", 0),
                        new Step(101, "11:30:12,29", 101))));
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void settlesOnlyWhenEveryEarlierWriterHasFinished(List<Step> steps) {
        SettlementTracker tracker = new SettlementTracker(0);
        for (Step step : steps) {
            assertThat(tracker.offer(step.handedOut(), PgSnapshot.parse(step.snapshot())))
                    .as("after probe %s", step)
                    .isEqualTo(step.expectedSettled());
        }
    }

    @Test
    void neverMovesBackwards() {
        SettlementTracker tracker = new SettlementTracker(500);

        assertThat(tracker.offer(400, PgSnapshot.parse("1:1:"))).isEqualTo(500);
        assertThat(tracker.hasPending()).isFalse();
    }

    @Test
    void snapshotTextRoundTrips() {
        PgSnapshot snapshot = PgSnapshot.parse("745:760:752,745,758");

        assertThat(snapshot.toString()).isEqualTo("745:760:745,752,758");
        assertThat(snapshot.hasFinished(744)).isTrue();
        assertThat(snapshot.hasFinished(745)).isFalse();
        assertThat(snapshot.hasFinished(746)).isTrue();
        assertThat(snapshot.hasFinished(760)).isFalse();
    }
}
