package io.kubeplane.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which label sets a parsed selector matches, operator by operator, including the operators that hold
 * for an absent key. Labels are those of a pod {@code web-7c9f} of Deployment {@code web}.
 */
class LabelSelectorMatchTest {

    private static final Map<String, String> WEB_POD = Map.of(
            "app", "web", "tier", "frontend", "pod-template-hash", "7c9f", "generation", "12");

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(named("everything matches a pod", ""), WEB_POD, true),
                Arguments.of(named("everything matches a pod without labels", ""), Map.of(), true),
                Arguments.of(named("equal value", "app=web"), WEB_POD, true),
                Arguments.of(named("other value", "app=db"), WEB_POD, false),
                Arguments.of(named("equals needs the key", "team=a"), WEB_POD, false),
                Arguments.of(named("not equals on another value", "app!=db"), WEB_POD, true),
                Arguments.of(named("not equals on the same value", "app!=web"), WEB_POD, false),
                Arguments.of(named("not equals holds for an absent key", "team!=a"), WEB_POD, true),
                Arguments.of(named("in, value listed", "tier in (backend,frontend)"), WEB_POD, true),
                Arguments.of(named("in, value not listed", "tier in (backend)"), WEB_POD, false),
                Arguments.of(named("in needs the key", "team in (a,b)"), WEB_POD, false),
                Arguments.of(named("notin, value listed", "tier notin (frontend)"), WEB_POD, false),
                Arguments.of(named("notin, value not listed", "tier notin (backend)"), WEB_POD, true),
                Arguments.of(named("notin holds for an absent key", "team notin (a)"), WEB_POD, true),
                Arguments.of(named("exists", "pod-template-hash"), WEB_POD, true),
                Arguments.of(named("exists, absent", "team"), WEB_POD, false),
                Arguments.of(named("does not exist, absent", "!team"), WEB_POD, true),
                Arguments.of(named("does not exist, present", "!app"), WEB_POD, false),
                Arguments.of(named("greater than, larger", "generation>11"), WEB_POD, true),
                Arguments.of(named("greater than, equal", "generation>12"), WEB_POD, false),
                Arguments.of(named("less than, larger bound", "generation<13"), WEB_POD, true),
                Arguments.of(named("greater than on a value that is not an integer", "app>1"), WEB_POD, false),
                Arguments.of(named("greater than needs the key", "team>1"), WEB_POD, false),
                Arguments.of(named("empty value matches an empty label", "canary="), Map.of("canary", ""), true),
                Arguments.of(named("empty value does not match an absent label", "canary="), WEB_POD, false),
                Arguments.of(named("all requirements hold", "app=web,tier in (frontend),!team"), WEB_POD, true),
                Arguments.of(named("one requirement fails", "app=web,tier in (backend),!team"), WEB_POD, false));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void matchesLikeApimachinery(String selector, Map<String, String> labels, boolean expected) {
        LabelSelector parsed = LabelSelector.parse(selector);

        assertThat(parsed.matches(labels)).isEqualTo(expected);
        // A selector is the AND of its requirements, each evaluated on its own.
        assertThat(parsed.requirements().stream().allMatch(requirement -> requirement.matches(labels)))
                .isEqualTo(expected);
    }
}
