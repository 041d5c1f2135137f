package io.kubeplane.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Field selectors: parsing with apimachinery's escapes, canonical text, matching with absent fields
 * read as empty, and the error messages.
 */
class FieldSelectorTest {

    static Stream<Arguments> selectors() {
        return Stream.of(
                Arguments.of(named("empty selects everything", ""), List.of(), ""),
                Arguments.of(named("empty terms are skipped", ",,"), List.of(), ""),
                Arguments.of(named("the three operators, sorted",
                                "metadata.name=web,status.phase!=Running,spec.nodeName==n1"),
                        List.of(new FieldRequirement("metadata.name", Operator.EQUALS, "web"),
                                new FieldRequirement("spec.nodeName", Operator.EQUALS, "n1"),
                                new FieldRequirement("status.phase", Operator.NOT_EQUALS, "Running")),
                        "metadata.name=web,spec.nodeName=n1,status.phase!=Running"),
                Arguments.of(named("empty value", "spec.nodeName="),
                        List.of(new FieldRequirement("spec.nodeName", Operator.EQUALS, "")), "spec.nodeName="),
                Arguments.of(named("escaped comma, equals and backslash", "metadata.name=a\\,b\\=c\\\\d,spec.x!=y"),
                        List.of(new FieldRequirement("metadata.name", Operator.EQUALS, "a,b=c\\d"),
                                new FieldRequirement("spec.x", Operator.NOT_EQUALS, "y")),
                        "metadata.name=a\\,b\\=c\\\\d,spec.x!=y"),
                Arguments.of(named("spaces belong to field and value", " metadata.name = web "),
                        List.of(new FieldRequirement(" metadata.name ", Operator.EQUALS, " web ")),
                        " metadata.name = web "),
                Arguments.of(named("an exclamation mark inside the field", "a!b=c"),
                        List.of(new FieldRequirement("a!b", Operator.EQUALS, "c")), "a!b=c"));
    }

    @ParameterizedTest
    @MethodSource("selectors")
    void parsesToRequirementsAndCanonicalText(String input, List<FieldRequirement> expected, String canonical) {
        FieldSelector selector = FieldSelector.parse(input);

        assertThat(selector.requirements()).isEqualTo(expected);
        assertThat(selector).hasToString(canonical);
        assertThat(FieldSelector.parse(selector.toString())).isEqualTo(selector);
        assertThat(selector.isEverything()).isEqualTo(expected.isEmpty());
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of(named("no operator", "metadata.name"),
                        "invalid selector: 'metadata.name'; can't understand 'metadata.name'"),
                Arguments.of(named("no field", "=web"), "invalid selector: '=web'; can't understand '=web'"),
                Arguments.of(named("unknown escape", "metadata.name=a\\b"),
                        "invalid field selector: invalid escape sequence: \\b"),
                Arguments.of(named("trailing backslash", "metadata.name=a\\"),
                        "invalid field selector: invalid escape sequence: \\"),
                Arguments.of(named("unescaped equals in value", "metadata.name=a=b"),
                        "invalid field selector: unescaped character in value: '='"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void rejectsMalformedSelectors(String input, String message) {
        assertThatThrownBy(() -> FieldSelector.parse(input)).isInstanceOf(SelectorParseException.class).hasMessage(message);
    }

    private static final Map<String, String> PENDING_POD = Map.of(
            "metadata.name", "web-7c9f", "metadata.namespace", "default", "status.phase", "Pending");

    static Stream<Arguments> matching() {
        return Stream.of(
                Arguments.of(named("everything", ""), true),
                Arguments.of(named("name equal", "metadata.name=web-7c9f"), true),
                Arguments.of(named("name differs", "metadata.name=web-0"), false),
                Arguments.of(named("phase not running", "status.phase!=Running"), true),
                Arguments.of(named("unscheduled pod has an empty node name", "spec.nodeName="), true),
                Arguments.of(named("unscheduled pod is not on n1", "spec.nodeName!=n1"), true),
                Arguments.of(named("unscheduled pod is not selected by node", "spec.nodeName=n1"), false),
                Arguments.of(named("all must hold", "metadata.namespace=default,status.phase=Running"), false));
    }

    @ParameterizedTest
    @MethodSource("matching")
    void matchesAbsentFieldsAsEmpty(String selector, boolean expected) {
        assertThat(FieldSelector.parse(selector).matches(PENDING_POD)).isEqualTo(expected);
    }

    @Test
    void exactMatchIsFoundOnlyForEquality() {
        FieldSelector selector = FieldSelector.parse("metadata.name=web,status.phase!=Running");

        assertThat(selector.requiresExactMatch("metadata.name")).contains("web");
        assertThat(selector.requiresExactMatch("status.phase")).isEmpty();
    }

    @Test
    void requirementsTakeOnlyEqualityOperators() {
        assertThatThrownBy(() -> new FieldRequirement("metadata.name", Operator.IN, "web"))
                .isInstanceOf(SelectorParseException.class);
        assertThat(FieldSelector.escapeValue("a,b=c\\")).isEqualTo("a\\,b\\=c\\\\");
        assertThat(FieldSelector.unescapeValue("a\\,b\\=c\\\\")).isEqualTo("a,b=c\\");
    }
}
