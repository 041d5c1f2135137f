package io.kubeplane.selector;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * A field selector ({@code kubectl get --field-selector}, {@code ?fieldSelector=}): the AND of
 * {@link FieldRequirement}s, as apimachinery's {@code fields.Selector}.
 *
 * <p>Input shapes, terms separated by unescaped commas, empty terms skipped:
 * <pre>
 *   metadata.name=web
 *   status.phase!=Running,spec.nodeName==n1
 *   metadata.annotations.note=a\,b\=c\\d        value "a,b=c\d"
 * </pre>
 * The field runs up to the first {@code !=}, {@code ==} or {@code =}; the value is everything after
 * it, in which {@code \\}, {@code \,} and {@code \=} are the only escapes and a bare {@code ,} or
 * {@code =} is an error. Spaces are part of fields and values, as in Kubernetes.
 *
 * <p>Requirements are sorted by their text, so {@link #toString()} is canonical and parses back.
 * Immutable and thread-safe.
 */
public final class FieldSelector {

    private static final FieldSelector EVERYTHING = new FieldSelector(List.of());

    private static final Comparator<FieldRequirement> CANONICAL = Comparator.comparing(FieldRequirement::toString);

    private final List<FieldRequirement> requirements;

    private FieldSelector(List<FieldRequirement> requirements) {
        this.requirements = requirements;
    }

    /** @return the selector that matches every object */
    public static FieldSelector everything() {
        return EVERYTHING;
    }

    /**
     * @param requirements the requirements, all of which must hold
     * @return the selector; {@link #everything()} if there are none
     */
    public static FieldSelector of(Collection<FieldRequirement> requirements) {
        if (requirements.isEmpty()) {
            return EVERYTHING;
        }
        List<FieldRequirement> sorted = new ArrayList<>(requirements);
        sorted.sort(CANONICAL);
        return new FieldSelector(List.copyOf(sorted));
    }

    /**
     * @param selector the selector text; empty selects everything
     * @return the selector
     * @throws SelectorParseException with apimachinery's message for a term without an operator, an
     *     unknown escape or an unescaped {@code ,}/{@code =} in a value
     */
    public static FieldSelector parse(String selector) {
        List<FieldRequirement> requirements = new ArrayList<>();
        for (String term : splitTerms(selector)) {
            if (term.isEmpty()) {
                continue;
            }
            requirements.add(parseTerm(selector, term));
        }
        return of(requirements);
    }

    private static FieldRequirement parseTerm(String selector, String term) {
        // The field cannot be escaped, so the first operator splits the term; "!=" and "==" are
        // tried before "=" at each position so no '=' is left on the value.
        for (int i = 0; i < term.length(); i++) {
            for (String operator : List.of("!=", "==", "=")) {
                if (term.startsWith(operator, i)) {
                    String field = term.substring(0, i);
                    if (field.isEmpty()) {
                        // Kubernetes lets conversion reject "" as an unknown field; say so here.
                        throw new SelectorParseException(
                                "invalid selector: '" + selector + "'; can't understand '" + term + "'");
                    }
                    String value = unescapeValue(term.substring(i + operator.length()));
                    return new FieldRequirement(field, operator.equals("!=") ? Operator.NOT_EQUALS : Operator.EQUALS, value);
                }
            }
        }
        throw new SelectorParseException("invalid selector: '" + selector + "'; can't understand '" + term + "'");
    }

    /** Splits at commas that are not escaped; escapes are kept in the terms. */
    private static List<String> splitTerms(String selector) {
        List<String> terms = new ArrayList<>();
        if (selector.isEmpty()) {
            return terms;
        }
        int start = 0;
        boolean escaped = false;
        for (int i = 0; i < selector.length(); i++) {
            char c = selector.charAt(i);
            if (escaped) {
                escaped = false;
            }
            else if (c == '\\') {
                escaped = true;
            }
            else if (c == ',') {
                terms.add(selector.substring(start, i));
                start = i + 1;
            }
        }
        terms.add(selector.substring(start));
        return terms;
    }

    /**
     * @param value a literal value
     * @return the value with {@code \}, {@code ,} and {@code =} escaped for a field selector
     */
    public static String escapeValue(String value) {
        StringBuilder escaped = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == ',' || c == '=') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    /**
     * @param value an escaped field selector value
     * @return the literal value
     * @throws SelectorParseException for an unknown escape, a trailing {@code \}, or a bare
     *     {@code ,} or {@code =}
     */
    public static String unescapeValue(String value) {
        StringBuilder literal = new StringBuilder(value.length());
        boolean escaped = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (escaped) {
                if (c != '\\' && c != ',' && c != '=') {
                    throw new SelectorParseException(
                            "invalid field selector: invalid escape sequence: \\" + c);
                }
                literal.append(c);
                escaped = false;
            }
            else if (c == '\\') {
                escaped = true;
            }
            else if (c == ',' || c == '=') {
                throw new SelectorParseException("invalid field selector: unescaped character in value: '" + c + "'");
            }
            else {
                literal.append(c);
            }
        }
        if (escaped) {
            throw new SelectorParseException("invalid field selector: invalid escape sequence: \\");
        }
        return literal.toString();
    }

    /**
     * @param fields the selectable fields of an object, by path (e.g. {@code metadata.name},
     *     {@code status.phase}); a missing field reads as {@code ""}
     * @return whether every requirement holds
     */
    public boolean matches(Map<String, String> fields) {
        for (FieldRequirement requirement : requirements) {
            if (!requirement.matches(fields)) {
                return false;
            }
        }
        return true;
    }

    /** @return the requirements, in canonical order */
    public List<FieldRequirement> requirements() {
        return requirements;
    }

    /** @return whether this selector does not restrict the selection */
    public boolean isEverything() {
        return requirements.isEmpty();
    }

    /**
     * @param field a field path
     * @return the value the field must equal, if a requirement pins it (e.g. {@code metadata.name}
     *     for a single-object watch, {@code spec.nodeName} for a node's pods)
     */
    public Optional<String> requiresExactMatch(String field) {
        return requirements.stream()
                .filter(requirement -> requirement.op() == Operator.EQUALS && requirement.field().equals(field))
                .map(FieldRequirement::value)
                .findFirst();
    }

    /** @return the canonical text, values escaped; {@code ""} selects everything */
    @Override
    public String toString() {
        return requirements.stream().map(FieldRequirement::toString).collect(Collectors.joining(","));
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof FieldSelector selector && requirements.equals(selector.requirements);
    }

    @Override
    public int hashCode() {
        return requirements.hashCode();
    }
}
