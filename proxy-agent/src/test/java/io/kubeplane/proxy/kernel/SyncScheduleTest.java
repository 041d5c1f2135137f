package io.kubeplane.proxy.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SyncScheduleTest {

    private final TestClock clock = new TestClock();
    private final SyncSchedule schedule = new SyncSchedule(clock, Duration.ofHours(1));

    @Test
    void firstSyncIsFullAndLaterOnesPartialUntilThePeriodPasses() {
        assertThat(schedule.fullDue()).isTrue();
        schedule.succeeded(true);
        clock.advance(Duration.ofMinutes(59));
        assertThat(schedule.fullDue()).isFalse();
        schedule.succeeded(false);
        clock.advance(Duration.ofMinutes(1));
        assertThat(schedule.fullDue()).isTrue();
    }

    @Test
    void partialSyncsDoNotPostponeTheFullOne() {
        schedule.succeeded(true);
        for (int i = 0; i < 6; i++) {
            clock.advance(Duration.ofMinutes(10));
            schedule.succeeded(false);
        }
        assertThat(schedule.fullDue()).isTrue();
    }

    @Test
    void failedSyncMakesTheNextFull() {
        schedule.succeeded(true);
        schedule.failed();
        assertThat(schedule.fullDue()).isTrue();
        schedule.succeeded(true);
        assertThat(schedule.fullDue()).isFalse();
    }

    @Test
    void resetStartsOver() {
        schedule.succeeded(true);
        schedule.reset();
        assertThat(schedule.fullDue()).isTrue();
    }

    @Test
    void zeroPeriodMakesEverySyncFull() {
        SyncSchedule always = new SyncSchedule(clock, Duration.ZERO);
        always.succeeded(true);
        assertThat(always.fullDue()).isTrue();
    }

    @Test
    void negativePeriodIsRefused() {
        assertThatThrownBy(() -> new SyncSchedule(clock, Duration.ofSeconds(-1)))
                .hasMessage("full-sync period must not be negative, was PT-1S");
    }
}
