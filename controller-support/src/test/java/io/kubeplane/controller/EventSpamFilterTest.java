package io.kubeplane.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EventSpamFilterTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    @Test
    void anObjectGetsABurstOfTwentyFiveThenOneEveryFiveMinutes() {
        EventSpamFilter filter = new EventSpamFilter();
        long allowed = IntStream.range(0, 1000).filter(i -> filter.allow("rs-uid/Normal/SuccessfulCreate", NOW)).count();
        assertThat(allowed).isEqualTo(25);
        assertThat(filter.allow("rs-uid/Normal/SuccessfulCreate", NOW.plusSeconds(299))).isFalse();
        assertThat(filter.allow("rs-uid/Normal/SuccessfulCreate", NOW.plusSeconds(301))).isTrue();
        assertThat(filter.allow("rs-uid/Normal/SuccessfulCreate", NOW.plusSeconds(302))).isFalse();
    }

    @Test
    void otherObjectsAndReasonsHaveBucketsOfTheirOwn() {
        EventSpamFilter filter = new EventSpamFilter();
        IntStream.range(0, 25).forEach(i -> filter.allow("rs-uid/Normal/SuccessfulCreate", NOW));
        assertThat(filter.allow("rs-uid/Normal/SuccessfulDelete", NOW)).isTrue();
        assertThat(filter.allow("other-uid/Normal/SuccessfulCreate", NOW)).isTrue();
    }
}
