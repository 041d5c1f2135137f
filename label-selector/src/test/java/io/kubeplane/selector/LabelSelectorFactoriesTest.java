package io.kubeplane.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Selectors built from API objects: a Service's {@code spec.selector} map and a Deployment's
 * {@code metav1.LabelSelector}, with Kubernetes' conventions for null and empty.
 */
class LabelSelectorFactoriesTest {

    static Stream<Arguments> apiSelectors() {
        return Stream.of(
                Arguments.of(named("null selects nothing", null), "", true, false),
                Arguments.of(named("empty selects everything", new LabelSelectorBuilder().build()), "", false, true),
                Arguments.of(named("matchLabels only",
                                new LabelSelectorBuilder().addToMatchLabels("tier", "frontend").addToMatchLabels("app", "web")
                                        .build()),
                        "app=web,tier=frontend", false, false),
                Arguments.of(named("matchLabels and every expression operator",
                                new LabelSelectorBuilder().addToMatchLabels("app", "web")
                                        .addToMatchExpressions(new LabelSelectorRequirement("env", "In", List.of("qa", "prod")))
                                        .addToMatchExpressions(new LabelSelectorRequirement("track", "NotIn", List.of("canary")))
                                        .addToMatchExpressions(new LabelSelectorRequirement("release", "Exists", List.of()))
                                        .addToMatchExpressions(new LabelSelectorRequirement("legacy", "DoesNotExist", null))
                                        .build()),
                        "app=web,env in (prod,qa),!legacy,release,track notin (canary)", false, false));
    }

    @ParameterizedTest
    @MethodSource("apiSelectors")
    void convertsMetav1LabelSelectors(io.fabric8.kubernetes.api.model.@Nullable LabelSelector api, String canonical,
            boolean nothing, boolean everything) {
        LabelSelector selector = LabelSelector.from(api);

        assertThat(selector).hasToString(canonical);
        assertThat(selector.isNothing()).isEqualTo(nothing);
        assertThat(selector.isEverything()).isEqualTo(everything);
        assertThat(selector.matches(Map.of("app", "web", "tier", "frontend", "env", "prod", "release", "1")))
                .isEqualTo(!nothing);
    }

    static Stream<Arguments> invalidApiSelectors() {
        return Stream.of(
                Arguments.of(named("unknown operator", new LabelSelectorBuilder()
                                .addToMatchExpressions(new LabelSelectorRequirement("env", "Gt", List.of("1"))).build()),
                        "\"Gt\" is not a valid label selector operator"),
                Arguments.of(named("In without values", new LabelSelectorBuilder()
                                .addToMatchExpressions(new LabelSelectorRequirement("env", "In", List.of())).build()),
                        "values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty"),
                Arguments.of(named("Exists with values", new LabelSelectorBuilder()
                                .addToMatchExpressions(new LabelSelectorRequirement("env", "Exists", List.of("a"))).build()),
                        "values: Invalid value: [\"a\"]: values set must be empty for exists and does not exist"),
                Arguments.of(named("bad key and bad value, both reported", new LabelSelectorBuilder()
                                .addToMatchLabels("bad key", "bad value").build()),
                        "[key: Invalid value: \"bad key\": name part must consist of alphanumeric characters,"
                                + " '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName', "
                                + " or 'my.name',  or '123-abc', regex used for validation is"
                                + " '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]'), values[0][bad key]: Invalid value:"
                                + " \"bad value\": a valid label must be an empty string or consist of alphanumeric"
                                + " characters, '-', '_' or '.', and must start and end with an alphanumeric character"
                                + " (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is"
                                + " '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')]"));
    }

    @ParameterizedTest
    @MethodSource("invalidApiSelectors")
    void rejectsInvalidMetav1LabelSelectors(io.fabric8.kubernetes.api.model.LabelSelector api, String message) {
        assertThatThrownBy(() -> LabelSelector.from(api)).isInstanceOf(SelectorParseException.class).hasMessage(message);
    }

    static Stream<Arguments> matchLabels() {
        Map<String, String> unordered = new LinkedHashMap<>();
        unordered.put("tier", "frontend");
        unordered.put("app", "web");
        return Stream.of(
                Arguments.of(named("null map selects everything", null), ""),
                Arguments.of(named("empty map selects everything", Map.of()), ""),
                Arguments.of(named("keys sorted whatever the map order", unordered), "app=web,tier=frontend"));
    }

    @ParameterizedTest
    @MethodSource("matchLabels")
    void convertsServiceSelectorMaps(@Nullable Map<String, String> map, String canonical) {
        LabelSelector selector = LabelSelector.fromMatchLabels(map);

        assertThat(selector).hasToString(canonical);
        assertThat(selector.isEverything()).isEqualTo(canonical.isEmpty());
        assertThat(selector).isEqualTo(LabelSelector.parse(canonical));
    }

    @Test
    void exactMatchIsFoundForEqualsAndSingleValueIn() {
        LabelSelector selector = LabelSelector.parse("app=web,env in (prod),tier in (a,b),!legacy");

        assertThat(selector.requiresExactMatch("app")).contains("web");
        assertThat(selector.requiresExactMatch("env")).contains("prod");
        assertThat(selector.requiresExactMatch("tier")).isEmpty();
        assertThat(selector.requiresExactMatch("legacy")).isEmpty();
        assertThat(selector.requiresExactMatch("other")).isEqualTo(Optional.empty());
    }

    @Test
    void addingRequirementsKeepsCanonicalOrderAndNothingStaysNothing() {
        LabelSelector selector = LabelSelector.parse("tier=frontend").and(List.of(Requirement.equal("app", "web")));

        assertThat(selector).hasToString("app=web,tier=frontend");
        assertThat(LabelSelector.nothing().and(List.of(Requirement.exists("app"))).isNothing()).isTrue();
    }

    @Test
    void requirementValuesAreCanonicalAndImmutable() {
        Requirement requirement = new Requirement("env", Operator.IN, List.of("qa", "prod", "qa"));

        assertThat(requirement.values()).containsExactly("prod", "qa");
        assertThat(requirement).isEqualTo(new Requirement("env", Operator.IN, List.of("prod", "qa")));
        assertThatThrownBy(() -> requirement.values().add("dev")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void operatorsRoundTripThroughSelectionNames() {
        for (Operator operator : Operator.values()) {
            assertThat(Operator.fromSelectionOperator(operator.selectionOperator())).isEqualTo(operator);
        }
        assertThat(Operator.fromSelectionOperator("==")).isEqualTo(Operator.EQUALS);
        assertThatThrownBy(() -> Operator.fromSelectionOperator("~")).isInstanceOf(SelectorParseException.class);
    }
}
