package io.kubeplane.proxy.pods;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ResponderTest {

    static Stream<Arguments> ports() {
        return Stream.of(
                Arguments.of(Named.of("named http", new Object[] {"TCP", "http", 9376}), Responder.Kind.HTTP),
                Arguments.of(Named.of("named http-metrics", new Object[] {"TCP", "http-metrics", 9090}), Responder.Kind.HTTP),
                Arguments.of(Named.of("unnamed 8080", new Object[] {"TCP", "", 8080}), Responder.Kind.HTTP),
                Arguments.of(Named.of("unnamed 80", new Object[] {"TCP", "", 80}), Responder.Kind.HTTP),
                Arguments.of(Named.of("unnamed 3000", new Object[] {"TCP", "", 3000}), Responder.Kind.HTTP),
                Arguments.of(Named.of("unnamed 8000", new Object[] {"TCP", "", 8000}), Responder.Kind.HTTP),
                Arguments.of(Named.of("named https on 8080", new Object[] {"TCP", "https", 8080}), Responder.Kind.ECHO),
                Arguments.of(Named.of("unnamed 443", new Object[] {"TCP", "", 443}), Responder.Kind.ECHO),
                Arguments.of(Named.of("postgres 5432", new Object[] {"TCP", "pg", 5432}), Responder.Kind.ECHO),
                Arguments.of(Named.of("UDP named http", new Object[] {"UDP", "http", 80}), Responder.Kind.UDP_ECHO));
    }

    @ParameterizedTest
    @MethodSource("ports")
    void kindOf(Object[] port, Responder.Kind expected) {
        assertThat(Responder.kindOf((String) port[0], (String) port[1], (Integer) port[2])).isEqualTo(expected);
    }
}
