package io.kubeplane.selector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The label selector grammar of apimachinery's {@code labels.Parse}, with its error messages.
 *
 * <pre>
 *   selector     ::= "" | requirement ( "," requirement )*
 *   requirement  ::= [ "!" ] KEY [ set-op "(" values ")" | exact-op VALUE ]
 *   set-op       ::= "in" | "notin"
 *   exact-op     ::= "=" | "==" | "!=" | ">" | "<"
 *   values       ::= VALUE ( "," VALUE )*        (any VALUE may be empty: "(,a)" is {"", "a"})
 * </pre>
 * Input shapes, all whitespace tolerant ({@code ' '}, tab, CR, LF):
 * <pre>
 *   app=web   app==web   tier!=db   env in (prod, qa)   env notin (dev)   app   !canary   gen>3   gen<10
 * </pre>
 * A word is any run of characters other than whitespace and {@code = ! ( ) , > <}; {@code in} and
 * {@code notin} are keywords only where an operator may stand ({@code x in (in)} is valid).
 *
 * <p>Not thread-safe: one instance per {@link #parse()} call.
 */
final class LabelSelectorParser {

    private enum Kind { END, IDENTIFIER, IN, NOT_IN, EQUALS, DOUBLE_EQUALS, NOT_EQUALS, GREATER, LESS, NOT,
        OPEN, CLOSE, COMMA }

    private record Token(Kind kind, String text) {
        /** The token as a word: {@code in} and {@code notin} are plain identifiers in value position. */
        Kind asValue() {
            return kind == Kind.IN || kind == Kind.NOT_IN ? Kind.IDENTIFIER : kind;
        }
    }

    private static final Map<String, Kind> SYMBOLS = Map.of("=", Kind.EQUALS, "==", Kind.DOUBLE_EQUALS,
            "!=", Kind.NOT_EQUALS, "!", Kind.NOT, ">", Kind.GREATER, "<", Kind.LESS, "(", Kind.OPEN,
            ")", Kind.CLOSE, ",", Kind.COMMA);

    private static final String BINARY_OPERATORS = "in, notin, =, ==, !=, gt, lt";

    private final List<Token> tokens;
    private int position;

    LabelSelectorParser(String selector) {
        this.tokens = lex(selector);
    }

    /** @return the requirements in input order */
    List<Requirement> parse() {
        List<Requirement> requirements = new ArrayList<>();
        while (true) {
            Token token = peek();
            switch (token.asValue()) {
                case IDENTIFIER, NOT -> {
                    requirements.add(parseRequirement());
                    Token separator = next();
                    if (separator.kind() == Kind.END) {
                        return requirements;
                    }
                    if (separator.kind() != Kind.COMMA) {
                        throw new SelectorParseException(
                                "found '" + separator.text() + "', expected: ',' or 'end of string'");
                    }
                    Token after = peek();
                    if (after.asValue() != Kind.IDENTIFIER && after.kind() != Kind.NOT) {
                        throw new SelectorParseException("found '" + after.text() + "', expected: identifier after ','");
                    }
                }
                case END -> {
                    return requirements;
                }
                default -> throw new SelectorParseException(
                        "found '" + token.text() + "', expected: !, identifier, or 'end of string'");
            }
        }
    }

    private Requirement parseRequirement() {
        try {
            boolean negated = false;
            Token keyToken = next();
            if (keyToken.kind() == Kind.NOT) {
                negated = true;
                keyToken = next();
            }
            if (keyToken.asValue() != Kind.IDENTIFIER) {
                throw new SelectorParseException("found '" + keyToken.text() + "', expected: identifier");
            }
            String key = keyToken.text();
            // The key is checked before the rest is read, so "-a in (" names the key, as apimachinery does.
            List<String> keyErrors = LabelSyntax.keyErrors(key);
            if (!keyErrors.isEmpty()) {
                throw new SelectorParseException(
                        "key: Invalid value: " + LabelSyntax.quote(key) + ": " + String.join("; ", keyErrors));
            }
            Kind following = peek().kind();
            if (negated || following == Kind.END || following == Kind.COMMA) {
                // "!key" takes no operator; anything after it is reported by the caller.
                return new Requirement(key, negated ? Operator.DOES_NOT_EXIST : Operator.EXISTS, List.of());
            }
            Operator operator = parseOperator();
            List<String> values = switch (operator) {
                case IN, NOT_IN -> parseValueSet();
                default -> List.of(parseExactValue());
            };
            return new Requirement(key, operator, values);
        }
        catch (SelectorParseException ex) {
            throw new SelectorParseException("unable to parse requirement: " + ex.getMessage());
        }
    }

    private Operator parseOperator() {
        Token token = next();
        return switch (token.kind()) {
            case IN -> Operator.IN;
            case NOT_IN -> Operator.NOT_IN;
            case EQUALS, DOUBLE_EQUALS -> Operator.EQUALS;
            case NOT_EQUALS -> Operator.NOT_EQUALS;
            case GREATER -> Operator.GREATER_THAN;
            case LESS -> Operator.LESS_THAN;
            default -> throw new SelectorParseException("found '" + token.text() + "', expected: " + BINARY_OPERATORS);
        };
    }

    private List<String> parseValueSet() {
        Token open = next();
        if (open.kind() != Kind.OPEN) {
            throw new SelectorParseException("found '" + open.text() + "' expected: '('");
        }
        Token first = peek();
        switch (first.asValue()) {
            case CLOSE -> {
                // "()" is the set holding the empty value, as in apimachinery.
                next();
                return List.of("");
            }
            case IDENTIFIER, COMMA -> {
                // Every position between commas holds a value, empty when nothing is written there.
                TreeSet<String> values = new TreeSet<>();
                boolean expectValue = true;
                while (true) {
                    Token token = next();
                    switch (token.asValue()) {
                        case IDENTIFIER -> {
                            if (!expectValue) {
                                throw new SelectorParseException("found '" + token.text() + "', expected: ',' or ')'");
                            }
                            values.add(token.text());
                            expectValue = false;
                        }
                        case COMMA -> {
                            if (expectValue) {
                                values.add("");
                            }
                            expectValue = true;
                        }
                        case CLOSE -> {
                            if (expectValue) {
                                values.add("");
                            }
                            return List.copyOf(values);
                        }
                        default -> throw new SelectorParseException(expectValue
                                ? "found '" + token.text() + "', expected: ',', or identifier"
                                : "found '" + token.text() + "', expected: ',' or ')'");
                    }
                }
            }
            default -> throw new SelectorParseException(
                    "found '" + first.text() + "', expected: ',', ')' or identifier");
        }
    }

    private String parseExactValue() {
        Kind following = peek().kind();
        if (following == Kind.END || following == Kind.COMMA) {
            return "";
        }
        Token token = next();
        if (token.asValue() != Kind.IDENTIFIER) {
            throw new SelectorParseException("found '" + token.text() + "', expected: identifier");
        }
        return token.text();
    }

    private Token peek() {
        return tokens.get(position);
    }

    private Token next() {
        Token token = tokens.get(position);
        if (token.kind() != Kind.END) {
            position++;
        }
        return token;
    }

    private static List<Token> lex(String selector) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int length = selector.length();
        while (true) {
            while (i < length && isWhitespace(selector.charAt(i))) {
                i++;
            }
            if (i >= length) {
                tokens.add(new Token(Kind.END, ""));
                return tokens;
            }
            int start = i;
            if (isSymbol(selector.charAt(i))) {
                // Longest run of symbol characters that is still a token: "!=" before "!", "==" before "=".
                Kind kind = SYMBOLS.get(String.valueOf(selector.charAt(i)));
                i++;
                if (i < length && SYMBOLS.containsKey(selector.substring(start, i + 1))) {
                    kind = SYMBOLS.get(selector.substring(start, i + 1));
                    i++;
                }
                tokens.add(new Token(kind, selector.substring(start, i)));
            }
            else {
                while (i < length && !isSymbol(selector.charAt(i)) && !isWhitespace(selector.charAt(i))) {
                    i++;
                }
                String word = selector.substring(start, i);
                Kind kind = switch (word) {
                    case "in" -> Kind.IN;
                    case "notin" -> Kind.NOT_IN;
                    default -> Kind.IDENTIFIER;
                };
                tokens.add(new Token(kind, word));
            }
        }
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean isSymbol(char c) {
        return c == '=' || c == '!' || c == '(' || c == ')' || c == ',' || c == '>' || c == '<';
    }
}
