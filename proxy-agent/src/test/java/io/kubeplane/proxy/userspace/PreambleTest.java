package io.kubeplane.proxy.userspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Pod addresses 10.244.0.0/16 and fd00:10:244::/64. */
class PreambleTest {

    static Stream<Arguments> lines() {
        return Stream.of(
                Arguments.of(Named.of("a TCP pod port", "POD TCP 10.244.1.5 8080"), Optional.of(new Preamble("TCP", "10.244.1.5", 8080))),
                Arguments.of(Named.of("a UDP pod port", "POD UDP 10.244.1.5 53"), Optional.of(new Preamble("UDP", "10.244.1.5", 53))),
                Arguments.of(Named.of("an IPv6 pod", "POD TCP fd00:10:244::5 80"), Optional.of(new Preamble("TCP", "fd00:10:244::5", 80))),
                Arguments.of(Named.of("a carriage return before the newline", "POD TCP 10.244.1.5 80\r"), Optional.of(new Preamble("TCP", "10.244.1.5", 80))),
                Arguments.of(Named.of("SCTP", "POD SCTP 10.244.1.5 80"), Optional.empty()),
                Arguments.of(Named.of("port 0", "POD TCP 10.244.1.5 0"), Optional.empty()),
                Arguments.of(Named.of("port past 65535", "POD TCP 10.244.1.5 70000"), Optional.empty()),
                Arguments.of(Named.of("no port", "POD TCP 10.244.1.5"), Optional.empty()),
                Arguments.of(Named.of("an HTTP request line", "GET / HTTP/1.1"), Optional.empty()));
    }

    @ParameterizedTest
    @MethodSource("lines")
    void parse(String line, Optional<Preamble> expected) {
        assertThat(Preamble.parse(line)).isEqualTo(expected);
    }

    @Test
    void encodeIsOneLineParseReads() {
        Preamble p = new Preamble("UDP", "10.244.2.10", 5353);
        String line = new String(p.encode(), StandardCharsets.US_ASCII);

        assertThat(line).isEqualTo("POD UDP 10.244.2.10 5353\n");
        assertThat(Preamble.parse(line.substring(0, line.length() - 1))).contains(p);
    }
}
