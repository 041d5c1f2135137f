package io.kubeplane.model.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NameValidationTest {

    private static final Function<String, List<String>> LABEL = NameValidation::isDns1123Label;
    private static final Function<String, List<String>> SUBDOMAIN = NameValidation::isDns1123Subdomain;
    private static final Function<String, List<String>> DNS1035 = NameValidation::isDns1035Label;
    private static final Function<String, List<String>> PORT_NAME = NameValidation::isValidPortName;
    private static final Function<String, List<String>> QUALIFIED = NameValidation::isQualifiedName;
    private static final Function<String, List<String>> LABEL_VALUE = NameValidation::isValidLabelValue;
    private static final Function<String, List<String>> PATH_SEGMENT = NameValidation::isValidPathSegmentName;

    @ParameterizedTest
    @MethodSource
    void check(Function<String, List<String>> check, String value, int problems) {
        assertThat(check.apply(value)).hasSize(problems);
    }

    static Stream<Arguments> check() {
        return Stream.of(
                row("DNS-1123 label: lower case and digits", LABEL, "web-0", 0),
                row("DNS-1123 label: may start with a digit", LABEL, "0web", 0),
                row("DNS-1123 label: no dots", LABEL, "web.default", 1),
                row("DNS-1123 label: no upper case", LABEL, "Web", 1),
                row("DNS-1123 label: no trailing hyphen", LABEL, "web-", 1),
                row("DNS-1123 label: 63 characters", LABEL, "a".repeat(63), 0),
                row("DNS-1123 label: 64 characters", LABEL, "a".repeat(64), 1),
                row("DNS-1123 subdomain: dotted labels", SUBDOMAIN, "web.default.svc", 0),
                row("DNS-1123 subdomain: empty label", SUBDOMAIN, "web..svc", 1),
                row("DNS-1123 subdomain: 254 characters, and bad", SUBDOMAIN, "a".repeat(253) + "-", 2),
                row("DNS-1035 label: starts with a letter", DNS1035, "web-1", 0),
                row("DNS-1035 label: starts with a digit", DNS1035, "1web", 1),
                row("IANA service name: http", PORT_NAME, "http", 0),
                row("IANA service name: digits only", PORT_NAME, "8080", 1),
                row("IANA service name: 16 characters", PORT_NAME, "abcdefghijklmnop", 1),
                row("IANA service name: doubled and trailing hyphens", PORT_NAME, "a--b-", 2),
                row("IANA service name: upper case", PORT_NAME, "HTTP", 2),
                row("qualified name: plain", QUALIFIED, "app", 0),
                row("qualified name: with a DNS prefix", QUALIFIED, "app.kubernetes.io/name", 0),
                row("qualified name: upper case and underscores", QUALIFIED, "My_Key.v1", 0),
                row("qualified name: empty prefix", QUALIFIED, "/name", 1),
                row("qualified name: prefix not a subdomain", QUALIFIED, "Example.com/name", 1),
                row("qualified name: two slashes", QUALIFIED, "a/b/c", 1),
                row("qualified name: 64-character name", QUALIFIED, "a".repeat(64), 1),
                row("label value: empty", LABEL_VALUE, "", 0),
                row("label value: dots and underscores", LABEL_VALUE, "v1.2_rc", 0),
                row("label value: a space", LABEL_VALUE, "web server", 1),
                row("label value: 64 characters", LABEL_VALUE, "a".repeat(64), 1),
                row("path segment: dots inside", PATH_SEGMENT, "web-0.17f3a1b2", 0),
                row("path segment: '..'", PATH_SEGMENT, "..", 1),
                row("path segment: slash and percent", PATH_SEGMENT, "a/b%c", 2));
    }

    @Test
    void messagesAreKubernetesOwn() {
        assertThat(NameValidation.isDns1123Label("Web")).containsExactly(
                "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and "
                        + "end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is "
                        + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')");
        assertThat(NameValidation.isDns1035Label("1web")).containsExactly(
                "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic "
                        + "character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for "
                        + "validation is '[a-z]([-a-z0-9]*[a-z0-9])?')");
        assertThat(NameValidation.isDns1123Label("web.default")).containsExactly("must not contain dots");
        assertThat(NameValidation.isQualifiedName("/name")).containsExactly("prefix part must be non-empty");
    }

    @Test
    void generateNamePrefixesMayEndInAHyphen() {
        assertThat(NameRule.DNS1035_LABEL.validate("web-", true)).isEmpty();
        assertThat(NameRule.DNS1035_LABEL.validate("web-", false)).hasSize(1);
        assertThat(NameRule.DNS1123_SUBDOMAIN.validate("web..-", true)).hasSize(1);
        assertThat(NameRule.PATH_SEGMENT.validate("..", true)).isEmpty();
    }

    @Test
    void fullyQualifiedDomainNamesNeedTwoLabels() {
        FieldPath path = FieldPath.of("endpoints").index(0).child("addresses").index(0);
        assertThat(NameValidation.validateFullyQualifiedDomainName("db.example.com.", path)).isEmpty();
        assertThat(NameValidation.validateFullyQualifiedDomainName("localhost", path)).singleElement()
                .extracting(FieldError::message)
                .isEqualTo("endpoints[0].addresses[0]: Invalid value: \"localhost\": should be a domain with at least two segments separated by dots");
    }

    private static Arguments row(String situation, Function<String, List<String>> check, String value, int problems) {
        return Arguments.of(Named.of(situation, check), value, problems);
    }
}
