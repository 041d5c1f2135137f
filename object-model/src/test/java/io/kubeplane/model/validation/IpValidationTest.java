package io.kubeplane.model.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IpValidationTest {

    enum Family { V4, V6, INVALID }

    @ParameterizedTest
    @MethodSource
    void parse(String text, Family family) {
        assertThat(IpValidation.isValidIp(text)).isEqualTo(family != Family.INVALID);
        assertThat(IpValidation.isIPv4(text)).isEqualTo(family == Family.V4);
        assertThat(IpValidation.isIPv6(text)).isEqualTo(family == Family.V6);
    }

    static Stream<Arguments> parse() {
        return Stream.of(
                row("a ClusterIP", "10.96.0.1", Family.V4),
                row("octets with leading zeros, as Go's sloppy parser", "010.096.000.001", Family.V4),
                row("an octet over 255", "10.96.0.256", Family.INVALID),
                row("three octets", "10.96.0", Family.INVALID),
                row("a host name, never resolved", "localhost", Family.INVALID),
                row("an empty string", "", Family.INVALID),
                row("an IPv6 ClusterIP", "fd00:10:96::a", Family.V6),
                row("the IPv6 loopback", "::1", Family.V6),
                row("the IPv6 unspecified address", "::", Family.V6),
                row("eight full groups", "2001:db8:0:0:0:0:0:1", Family.V6),
                row("nine groups", "1:2:3:4:5:6:7:8:9", Family.INVALID),
                row("two ellipses", "1::2::3", Family.INVALID),
                row("a five-digit group", "2001:db8::12345", Family.INVALID),
                row("a trailing colon", "2001:db8:", Family.INVALID),
                row("a zone", "fe80::1%eth0", Family.INVALID),
                row("an ellipsis standing for no group", "1:2:3:4::5:6:7:8", Family.INVALID),
                row("an embedded IPv4 address", "64:ff9b::10.96.0.1", Family.V6),
                row("an IPv4-mapped address counts as IPv4", "::ffff:10.96.0.1", Family.V4));
    }

    @Test
    void cidrsNeedAPrefixLengthThatFitsTheFamily() {
        assertThat(IpValidation.isValidCidr("10.244.0.0/16")).isTrue();
        assertThat(IpValidation.isValidCidr("10.244.0.0/33")).isFalse();
        assertThat(IpValidation.isValidCidr("10.244.0.0")).isFalse();
        assertThat(IpValidation.isValidCidr("10.244.0.0/")).isFalse();
        assertThat(IpValidation.isValidCidr("fd00:10:244::/64")).isTrue();
        assertThat(IpValidation.isValidCidr("fd00:10:244::/129")).isFalse();
        assertThat(IpValidation.isDualStackCidrs(List.of("10.244.1.0/24", "fd00:10:244:1::/64"))).isTrue();
        assertThat(IpValidation.isDualStackCidrs(List.of("10.244.1.0/24", "10.245.1.0/24"))).isFalse();
    }

    @Test
    void dualStackNeedsOneOfEachFamily() {
        assertThat(IpValidation.isDualStack(List.of("10.96.0.1", "fd00:10:96::1"))).isTrue();
        assertThat(IpValidation.isDualStack(List.of("10.96.0.1", "10.96.0.2"))).isFalse();
        assertThat(IpValidation.isDualStack(List.of("10.96.0.1", "bogus"))).isFalse();
    }

    @ParameterizedTest
    @MethodSource
    void specialAddresses(String ip, List<String> details) {
        assertThat(IpValidation.validateNonSpecialIp(ip, FieldPath.of("ip"))).extracting(FieldError::detail)
                .containsExactlyElementsOf(details);
    }

    static Stream<Arguments> specialAddresses() {
        return Stream.of(
                Arguments.of(Named.of("a pod IP", "10.244.1.5"), List.of()),
                Arguments.of(Named.of("the unspecified address", "0.0.0.0"), List.of("may not be unspecified (0.0.0.0)")),
                Arguments.of(Named.of("loopback", "127.0.0.1"), List.of("may not be in the loopback range (127.0.0.0/8, ::1/128)")),
                Arguments.of(Named.of("IPv6 loopback", "::1"), List.of("may not be in the loopback range (127.0.0.0/8, ::1/128)")),
                Arguments.of(Named.of("link-local", "169.254.169.254"),
                        List.of("may not be in the link-local range (169.254.0.0/16, fe80::/10)")),
                Arguments.of(Named.of("IPv6 link-local", "fe80::1"),
                        List.of("may not be in the link-local range (169.254.0.0/16, fe80::/10)")),
                Arguments.of(Named.of("link-local multicast", "224.0.0.251"),
                        List.of("may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)")),
                Arguments.of(Named.of("not an address", "10.244.1"), List.of("must be a valid IP address")));
    }

    private static Arguments row(String situation, String text, Family family) {
        return Arguments.of(Named.of(situation, text), family);
    }
}
