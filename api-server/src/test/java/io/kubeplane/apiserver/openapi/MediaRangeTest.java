package io.kubeplane.apiserver.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubeplane.apiserver.openapi.OpenApiController.MediaRange;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.jspecify.annotations.Nullable;

/** The order in which {@code /openapi/v2} tries an {@code Accept} header's ranges. */
class MediaRangeTest {

    static Stream<Arguments> headers() {
        return Stream.of(
                Arguments.of(Named.of("kubectl's protobuf request", "application/com.github.proto-openapi.spec.v2@v1.0+protobuf"),
                        List.of("application/com.github.proto-openapi.spec.v2@v1.0+protobuf")),
                Arguments.of(Named.of("no header", null), List.of("*/*")),
                Arguments.of(Named.of("by q, then specific before wildcard", "*/*;q=0.5, application/*, application/json"),
                        List.of("application/json", "application/*", "*/*")),
                Arguments.of(Named.of("q=0 refuses", "application/json;q=0, text/html"), List.of("text/html")));
    }

    @ParameterizedTest
    @MethodSource("headers")
    void rangesAreTriedByQualityThenSpecificity(@Nullable String header, List<String> expected) {
        assertThat(MediaRange.parse(header)).extracting(r -> r.type() + "/" + r.subtype()).isEqualTo(expected);
    }
}
