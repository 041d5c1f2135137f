package io.kubeplane.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The label selector grammar: what each input parses to, its canonical text, and the
 * apimachinery-worded error for malformed input.
 */
class LabelSelectorParseTest {

    static Stream<Arguments> selectors() {
        return Stream.of(
                Arguments.of(named("empty string selects everything", ""), List.of(), ""),
                Arguments.of(named("only whitespace selects everything", " \t\n"), List.of(), ""),
                Arguments.of(named("equality", "app=web"),
                        List.of(new Requirement("app", Operator.EQUALS, List.of("web"))), "app=web"),
                Arguments.of(named("double equals prints as single", "app==web"),
                        List.of(new Requirement("app", Operator.EQUALS, List.of("web"))), "app=web"),
                Arguments.of(named("inequality", "tier!=db"),
                        List.of(new Requirement("tier", Operator.NOT_EQUALS, List.of("db"))), "tier!=db"),
                Arguments.of(named("empty value after equals", "app="),
                        List.of(new Requirement("app", Operator.EQUALS, List.of(""))), "app="),
                Arguments.of(named("the full grammar, sorted by key",
                                "a=b,c!=d,e in (x,y),f notin (z),g,!h"),
                        List.of(new Requirement("a", Operator.EQUALS, List.of("b")),
                                new Requirement("c", Operator.NOT_EQUALS, List.of("d")),
                                new Requirement("e", Operator.IN, List.of("x", "y")),
                                new Requirement("f", Operator.NOT_IN, List.of("z")),
                                new Requirement("g", Operator.EXISTS, List.of()),
                                new Requirement("h", Operator.DOES_NOT_EXIST, List.of())),
                        "a=b,c!=d,e in (x,y),f notin (z),g,!h"),
                Arguments.of(named("whitespace everywhere", "  env   in(  qa ,prod )  ,  !  legacy ,app = web "),
                        List.of(new Requirement("app", Operator.EQUALS, List.of("web")),
                                new Requirement("env", Operator.IN, List.of("prod", "qa")),
                                new Requirement("legacy", Operator.DOES_NOT_EXIST, List.of())),
                        "app=web,env in (prod,qa),!legacy"),
                Arguments.of(named("set values sorted and deduplicated", "env in (qa,prod,qa)"),
                        List.of(new Requirement("env", Operator.IN, List.of("prod", "qa"))), "env in (prod,qa)"),
                Arguments.of(named("empty set is the empty value", "env in ()"),
                        List.of(new Requirement("env", Operator.IN, List.of(""))), "env in ()"),
                Arguments.of(named("empty values between commas", "x in (foo,,baz),y,z notin ()"),
                        List.of(new Requirement("x", Operator.IN, List.of("", "baz", "foo")),
                                new Requirement("y", Operator.EXISTS, List.of()),
                                new Requirement("z", Operator.NOT_IN, List.of(""))),
                        "x in (,baz,foo),y,z notin ()"),
                Arguments.of(named("leading and trailing commas in a set", "x in (,a,)"),
                        List.of(new Requirement("x", Operator.IN, List.of("", "a"))), "x in (,a)"),
                Arguments.of(named("keywords are values inside a set", "x in (in,notin)"),
                        List.of(new Requirement("x", Operator.IN, List.of("in", "notin"))), "x in (in,notin)"),
                Arguments.of(named("keyword as a key", "in=notin"),
                        List.of(new Requirement("in", Operator.EQUALS, List.of("notin"))), "in=notin"),
                Arguments.of(named("greater and less than", "gen>3,gen<10"),
                        List.of(new Requirement("gen", Operator.LESS_THAN, List.of("10")),
                                new Requirement("gen", Operator.GREATER_THAN, List.of("3"))),
                        "gen<10,gen>3"),
                Arguments.of(named("same key twice keeps both, ordered by text", "a!=x,a=y"),
                        List.of(new Requirement("a", Operator.NOT_EQUALS, List.of("x")),
                                new Requirement("a", Operator.EQUALS, List.of("y"))),
                        "a!=x,a=y"),
                Arguments.of(named("prefixed keys", "app.kubernetes.io/name=web,kubernetes.io/service-name"),
                        List.of(new Requirement("app.kubernetes.io/name", Operator.EQUALS, List.of("web")),
                                new Requirement("kubernetes.io/service-name", Operator.EXISTS, List.of())),
                        "app.kubernetes.io/name=web,kubernetes.io/service-name"));
    }

    @ParameterizedTest
    @MethodSource("selectors")
    void parsesToSortedRequirementsAndCanonicalText(String input, List<Requirement> expected, String canonical) {
        LabelSelector selector = LabelSelector.parse(input);

        assertThat(selector.requirements()).isEqualTo(expected);
        assertThat(selector).hasToString(canonical);
        assertThat(LabelSelector.parse(selector.toString())).isEqualTo(selector);
        assertThat(selector.isEverything()).isEqualTo(expected.isEmpty());
    }

    static Stream<Arguments> malformed() {
        String keyFormat = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end"
                + " with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for"
                + " validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
        String valueFormat = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or"
                + " '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or"
                + " '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
        return Stream.of(
                Arguments.of(named("operator where a key belongs", "(a)"),
                        "found '(', expected: !, identifier, or 'end of string'"),
                Arguments.of(named("negation of a parenthesis", "!(a)"),
                        "unable to parse requirement: found '(', expected: identifier"),
                Arguments.of(named("missing operator between key and value", "a b"),
                        "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"),
                Arguments.of(named("two values after equals", "a=b c"),
                        "found 'c', expected: ',' or 'end of string'"),
                Arguments.of(named("dangling comma", "a=b,"),
                        "found '', expected: identifier after ','"),
                Arguments.of(named("double comma", "a=b,,c=d"),
                        "found ',', expected: identifier after ','"),
                Arguments.of(named("in without parenthesis", "env in prod"),
                        "unable to parse requirement: found 'prod' expected: '('"),
                Arguments.of(named("unclosed set", "env in (prod"),
                        "unable to parse requirement: found '', expected: ',' or ')'"),
                Arguments.of(named("two values without comma in a set", "env in (a b)"),
                        "unable to parse requirement: found 'b', expected: ',' or ')'"),
                Arguments.of(named("operator inside a set", "env in (=)"),
                        "unable to parse requirement: found '=', expected: ',', ')' or identifier"),
                Arguments.of(named("operator after a comma in a set", "env in (a,=)"),
                        "unable to parse requirement: found '=', expected: ',', or identifier"),
                Arguments.of(named("parenthesis as exact value", "a=(b)"),
                        "unable to parse requirement: found '(', expected: identifier"),
                Arguments.of(named("operator after negated key", "!a=b"),
                        "found '=', expected: ',' or 'end of string'"),
                Arguments.of(named("key starting with a dash", "-app=web"),
                        "unable to parse requirement: key: Invalid value: \"-app\": " + keyFormat),
                Arguments.of(named("key with an empty prefix", "/app"),
                        "unable to parse requirement: key: Invalid value: \"/app\": prefix part must be non-empty"),
                Arguments.of(named("value with a forbidden character", "app=we$b"),
                        "unable to parse requirement: values[0][app]: Invalid value: \"we$b\": " + valueFormat),
                Arguments.of(named("value longer than 63 bytes", "app=" + "a".repeat(64)),
                        "unable to parse requirement: values[0][app]: Invalid value: \"" + "a".repeat(64)
                                + "\": must be no more than 63 bytes"),
                Arguments.of(named("gt with a non-integer", "gen>three"),
                        "unable to parse requirement: values[0]: Invalid value: \"three\": for 'Gt', 'Lt' operators,"
                                + " the value must be an integer"),
                Arguments.of(named("gt with no value", "gen>"),
                        "unable to parse requirement: values[0]: Invalid value: \"\": for 'Gt', 'Lt' operators,"
                                + " the value must be an integer"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void rejectsMalformedSelectorsWithKubernetesMessages(String input, String message) {
        assertThatThrownBy(() -> LabelSelector.parse(input))
                .isInstanceOf(SelectorParseException.class)
                .hasMessage(message);
    }
}
