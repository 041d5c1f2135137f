package io.kubeplane.apiserver.protobuf;

import static io.kubeplane.apiserver.protobuf.Envelopes.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Message;
import io.kubernetes.client.proto.IntStr.IntOrString;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Resource.Quantity;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ApimachineryTypesTest {

    private static final long SECONDS = Instant.parse("2026-11-22T04:55:01Z").getEpochSecond();
    // Go's zero time.Time as Unix seconds, what a zero time would read as if it were sent.
    private static final long GO_ZERO_SECONDS = -62135596800L;

    static Stream<Arguments> values() {
        return Stream.of(
                value("Time, seconds only", Meta.Time.newBuilder().setSeconds(SECONDS), "\"2026-11-22T04:55:01Z\""),
                value("Time drops nanoseconds, as Go's Time.Unmarshal does",
                        Meta.Time.newBuilder().setSeconds(SECONDS).setNanos(999_000_000), "\"2026-11-22T04:55:01Z\""),
                value("Time, empty message (Go's zero time)", Meta.Time.newBuilder(), "null"),
                value("Time, Go's zero time sent as seconds", Meta.Time.newBuilder().setSeconds(GO_ZERO_SECONDS), "null"),
                value("Time, the Unix epoch", Meta.Time.newBuilder().setSeconds(0), "\"1970-01-01T00:00:00Z\""),
                value("MicroTime keeps microseconds and truncates the rest",
                        Meta.MicroTime.newBuilder().setSeconds(SECONDS).setNanos(123_456_789),
                        "\"2026-11-22T04:55:01.123456Z\""),
                value("MicroTime, whole seconds", Meta.MicroTime.newBuilder().setSeconds(SECONDS),
                        "\"2026-11-22T04:55:01.000000Z\""),
                value("MicroTime, empty message", Meta.MicroTime.newBuilder(), "null"),
                value("Duration", Meta.Duration.newBuilder().setDuration(3_723_000_000_000L), "\"1h2m3s\""),
                value("Duration, zero", Meta.Duration.newBuilder(), "\"0s\""),
                value("IntOrString, int", IntOrString.newBuilder().setType(0).setIntVal(8080), "8080"),
                value("IntOrString, string", IntOrString.newBuilder().setType(1).setStrVal("http"), "\"http\""),
                value("IntOrString, string type with an int value too",
                        IntOrString.newBuilder().setType(1).setIntVal(5).setStrVal("25%"), "\"25%\""),
                value("IntOrString, empty message (the zero value)", IntOrString.newBuilder(), "0"),
                value("Quantity", Quantity.newBuilder().setString("250m"), "\"250m\""),
                value("Quantity, binary suffix", Quantity.newBuilder().setString("1Gi"), "\"1Gi\""),
                value("Quantity, empty message (the zero value)", Quantity.newBuilder(), "\"0\""),
                value("Verbs", Meta.Verbs.newBuilder().addItems("get").addItems("list"), "[\"get\", \"list\"]"),
                value("Verbs, none (a nil slice)", Meta.Verbs.newBuilder(), "null"));
    }

    @ParameterizedTest
    @MethodSource("values")
    void rendersAsGoMarshalJson(Message message, String expected) {
        assertThat(ApimachineryTypes.isValueType(message.getDescriptorForType().getFullName())).isTrue();
        assertThat(ApimachineryTypes.render(message, FieldPath.ROOT)).isEqualTo(json(expected));
    }

    static Stream<Arguments> durations() {
        return Stream.of(
                duration(0, "0s"),
                duration(1, "1ns"),
                duration(999, "999ns"),
                duration(1_100, "1.1µs"),
                duration(2_200_000, "2.2ms"),
                duration(300_000_000, "300ms"),
                duration(1_000_000_000L, "1s"),
                duration(1_500_000_000L, "1.5s"),
                duration(61_000_000_000L, "1m1s"),
                duration(3_600_000_000_000L, "1h0m0s"),
                duration(3_723_500_000_000L, "1h2m3.5s"),
                duration(90_000_000_001L, "1m30.000000001s"),
                duration(-1_500_000_000L, "-1.5s"),
                duration(-1_000, "-1µs"),
                duration(Long.MAX_VALUE, "2562047h47m16.854775807s"),
                duration(Long.MIN_VALUE, "-2562047h47m16.854775808s"));
    }

    @ParameterizedTest(name = "{0}ns is {1}")
    @MethodSource("durations")
    void formatsDurationsAsGo(long nanos, String expected) {
        assertThat(ApimachineryTypes.goDuration(nanos)).isEqualTo(expected);
    }

    @Test
    void anIntOrStringOfAnUnknownTypeIsMalformed() {
        IntOrString bad = IntOrString.newBuilder().setType(2).setIntVal(1).build();

        assertThatThrownBy(() -> ApimachineryTypes.render(bad, FieldPath.ROOT.field("spec").field("ports").index(0).field("targetPort")))
                .isInstanceOf(MalformedBodyException.class)
                .hasMessageContaining("spec.ports[0].targetPort")
                .hasMessageContaining("type 2");
    }

    @Test
    void aTimePastYear9999IsMalformed() {
        Meta.Time far = Meta.Time.newBuilder().setSeconds(Instant.parse("9999-12-31T23:59:59Z").getEpochSecond() + 1).build();

        assertThatThrownBy(() -> ApimachineryTypes.render(far, FieldPath.ROOT.field("metadata").field("creationTimestamp")))
                .isInstanceOf(MalformedBodyException.class)
                .hasMessageContaining("metadata.creationTimestamp");
    }

    private static Arguments value(String name, Message.Builder message, String json) {
        return Arguments.of(Named.of(name, message.build()), json);
    }

    private static Arguments duration(long nanos, String expected) {
        return Arguments.of(nanos, expected);
    }
}
