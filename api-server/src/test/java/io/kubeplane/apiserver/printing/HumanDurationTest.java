package io.kubeplane.apiserver.printing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The boundaries of apimachinery's {@code duration_test.go}, plus the ages kubectl users see every day. */
class HumanDurationTest {

    private static final Duration MS = Duration.ofMillis(1);

    static Stream<Arguments> durations() {
        return Stream.of(
                row("more than a second in the future", Duration.ofSeconds(-2), "<invalid>"),
                row("just under two seconds in the future", Duration.ofSeconds(-2).plusNanos(1), "0s"),
                row("now", Duration.ZERO, "0s"),
                row("not yet a second", Duration.ofSeconds(1).minus(MS), "0s"),
                row("a second", Duration.ofSeconds(1), "1s"),
                row("45 seconds", Duration.ofSeconds(45), "45s"),
                row("70 seconds stay seconds", Duration.ofSeconds(70), "70s"),
                row("just under two minutes", Duration.ofMinutes(2).minus(MS), "119s"),
                row("two minutes", Duration.ofMinutes(2), "2m"),
                row("two minutes and a second", Duration.ofMinutes(2).plusSeconds(1), "2m1s"),
                row("190 seconds", Duration.ofSeconds(190), "3m10s"),
                row("five minutes", Duration.ofMinutes(5), "5m"),
                row("five and a half minutes", Duration.ofSeconds(330), "5m30s"),
                row("just under ten minutes", Duration.ofMinutes(10).minus(MS), "9m59s"),
                row("ten minutes", Duration.ofMinutes(10), "10m"),
                row("ten minutes and a second drop the seconds", Duration.ofMinutes(10).plusSeconds(1), "10m"),
                row("70 minutes", Duration.ofMinutes(70), "70m"),
                row("just under three hours", Duration.ofHours(3).minus(MS), "179m"),
                row("three hours", Duration.ofHours(3), "3h"),
                row("three hours and a minute", Duration.ofHours(3).plusMinutes(1), "3h1m"),
                row("just under eight hours", Duration.ofHours(8).minus(MS), "7h59m"),
                row("eight hours", Duration.ofHours(8), "8h"),
                row("eight hours 59 drop the minutes", Duration.ofHours(8).plusMinutes(59), "8h"),
                row("47 hours", Duration.ofHours(47), "47h"),
                row("just under two days", Duration.ofDays(2).minus(MS), "47h"),
                row("two days", Duration.ofDays(2), "2d"),
                row("49 hours", Duration.ofHours(49), "2d1h"),
                row("two days three hours", Duration.ofHours(51), "2d3h"),
                row("just under eight days", Duration.ofDays(8).minus(MS), "7d23h"),
                row("eight days", Duration.ofDays(8), "8d"),
                row("eight days 23 hours drop the hours", Duration.ofDays(8).plusHours(23), "8d"),
                row("90 days", Duration.ofDays(90), "90d"),
                row("367 days", Duration.ofDays(367), "367d"),
                row("just under two years", Duration.ofDays(730).minus(MS), "729d"),
                row("two years", Duration.ofDays(730), "2y"),
                row("two years and a day", Duration.ofDays(731), "2y1d"),
                row("two years 25 hours", Duration.ofHours(365 * 2 * 24 + 25), "2y1d"),
                row("just under eight years", Duration.ofDays(365 * 8).minus(MS), "7y364d"),
                row("eight years", Duration.ofDays(365 * 8), "8y"),
                row("eight years 364 days", Duration.ofDays(365 * 8 + 364), "8y"),
                row("nine years", Duration.ofDays(365 * 9), "9y"),
                row("beyond Go's longest duration saturates", Duration.ofDays(365 * 400), "292y"));
    }

    @ParameterizedTest
    @MethodSource("durations")
    void formatsAsApimachineryDoes(Duration elapsed, String expected) {
        assertThat(HumanDuration.format(elapsed)).isEqualTo(expected);
    }

    @Test
    void ageOfATimestampIsMeasuredToNow() {
        Instant now = Instant.parse("2025-03-01T12:00:00Z");
        assertThat(HumanDuration.since("2025-03-01T11:55:00Z", now)).isEqualTo("5m");
        assertThat(HumanDuration.since("2025-03-01T11:59:15.123456Z", now)).isEqualTo("44s");
    }

    @Test
    void missingOrUnreadableTimestampIsUnknown() {
        Instant now = Instant.parse("2025-03-01T12:00:00Z");
        assertThat(HumanDuration.since((String) null, now)).isEqualTo("<unknown>");
        assertThat(HumanDuration.since("", now)).isEqualTo("<unknown>");
        assertThat(HumanDuration.since("yesterday", now)).isEqualTo("<unknown>");
    }

    private static Arguments row(String situation, Duration elapsed, String expected) {
        return Arguments.of(Named.of(situation, elapsed), expected);
    }
}
