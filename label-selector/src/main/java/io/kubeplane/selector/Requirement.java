package io.kubeplane.selector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * One term of a label selector: a key, an operator and the values it compares with, as
 * apimachinery's {@code labels.Requirement}. A selector is the AND of its requirements.
 *
 * <p>A requirement is valid once built: the constructor checks the key (a qualified name), every
 * value (a label value) and the number of values the operator takes, and collects every problem into
 * one {@link SelectorParseException}, worded as {@code labels.NewRequirement} words it:
 * <pre>
 *   EQUALS, NOT_EQUALS          exactly one value
 *   IN, NOT_IN                  one or more values
 *   EXISTS, DOES_NOT_EXIST      no value
 *   GREATER_THAN, LESS_THAN     exactly one value, a decimal 64-bit integer
 * </pre>
 * The values are kept sorted and without duplicates: their order never changes what matches, and a
 * canonical list makes equal requirements equal and their SQL translation stable.
 *
 * <p>Immutable and thread-safe.
 *
 * @param key the label key, e.g. {@code app.kubernetes.io/name}
 * @param op the operator
 * @param values the values, sorted and distinct
 */
public record Requirement(String key, Operator op, List<String> values) {

    public Requirement {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(values, "values");
        List<String> errors = validate(key, op, values);
        if (!errors.isEmpty()) {
            throw new SelectorParseException(aggregate(errors));
        }
        values = List.copyOf(new TreeSet<>(values));
    }

    /** @return the requirement {@code key=value} */
    public static Requirement equal(String key, String value) {
        return new Requirement(key, Operator.EQUALS, List.of(value));
    }

    /** @return the requirement {@code key} (the key is present) */
    public static Requirement exists(String key) {
        return new Requirement(key, Operator.EXISTS, List.of());
    }

    /**
     * Whether the labels satisfy this requirement; an absent key satisfies only the operators for
     * which {@link Operator#matchesMissingKey()} is true.
     *
     * @param labels the labels of an object
     * @return whether they satisfy this requirement
     */
    public boolean matches(Map<String, String> labels) {
        String value = labels.get(key);
        if (value == null) {
            return op.matchesMissingKey();
        }
        return switch (op) {
            case EQUALS, IN -> values.contains(value);
            case NOT_EQUALS, NOT_IN -> !values.contains(value);
            case EXISTS -> true;
            case DOES_NOT_EXIST -> false;
            case GREATER_THAN, LESS_THAN -> compareAsIntegers(value);
        };
    }

    private boolean compareAsIntegers(String labelValue) {
        // A label that is not an integer matches neither gt nor lt, as in apimachinery.
        long actual;
        try {
            actual = Long.parseLong(labelValue);
        }
        catch (NumberFormatException ex) {
            return false;
        }
        long bound = Long.parseLong(values.getFirst());
        return op == Operator.GREATER_THAN ? actual > bound : actual < bound;
    }

    /**
     * The canonical text of this requirement, which {@link LabelSelector#parse} reads back:
     * {@code a=b}, {@code a!=b}, {@code a in (x,y)}, {@code a notin (x,y)}, {@code a}, {@code !a},
     * {@code a>5}, {@code a<5}.
     */
    @Override
    public String toString() {
        String joined = String.join(",", values);
        return switch (op) {
            case EQUALS -> key + "=" + joined;
            case NOT_EQUALS -> key + "!=" + joined;
            case IN -> key + " in (" + joined + ")";
            case NOT_IN -> key + " notin (" + joined + ")";
            case EXISTS -> key;
            case DOES_NOT_EXIST -> "!" + key;
            case GREATER_THAN -> key + ">" + joined;
            case LESS_THAN -> key + "<" + joined;
        };
    }

    private static List<String> validate(String key, Operator op, List<String> values) {
        List<String> errors = new ArrayList<>();
        List<String> keyErrors = LabelSyntax.keyErrors(key);
        if (!keyErrors.isEmpty()) {
            errors.add(invalid("key", key, String.join("; ", keyErrors)));
        }
        switch (op) {
            case IN, NOT_IN -> {
                if (values.isEmpty()) {
                    errors.add(invalid("values", values, "for 'in', 'notin' operators, values set can't be empty"));
                }
            }
            case EQUALS, NOT_EQUALS -> {
                if (values.size() != 1) {
                    errors.add(invalid("values", values, "exact-match compatibility requires one single value"));
                }
            }
            case EXISTS, DOES_NOT_EXIST -> {
                if (!values.isEmpty()) {
                    errors.add(invalid("values", values, "values set must be empty for exists and does not exist"));
                }
            }
            case GREATER_THAN, LESS_THAN -> {
                if (values.size() != 1) {
                    errors.add(invalid("values", values, "for 'Gt', 'Lt' operators, exactly one value is required"));
                }
                for (int i = 0; i < values.size(); i++) {
                    if (!isInteger(values.get(i))) {
                        errors.add(invalid("values[" + i + "]", values.get(i),
                                "for 'Gt', 'Lt' operators, the value must be an integer"));
                    }
                }
            }
        }
        for (int i = 0; i < values.size(); i++) {
            String value = Objects.requireNonNull(values.get(i), "values[" + i + "]");
            List<String> valueErrors = LabelSyntax.valueErrors(value);
            if (!valueErrors.isEmpty()) {
                errors.add(invalid("values[" + i + "][" + key + "]", value, String.join("; ", valueErrors)));
            }
        }
        return errors;
    }

    private static boolean isInteger(String value) {
        try {
            Long.parseLong(value);
            return true;
        }
        catch (NumberFormatException ex) {
            return false;
        }
    }

    private static String invalid(String field, String value, String detail) {
        return field + ": Invalid value: " + LabelSyntax.quote(value) + ": " + detail;
    }

    private static String invalid(String field, List<String> values, String detail) {
        List<String> quoted = values.stream().map(LabelSyntax::quote).toList();
        return field + ": Invalid value: [" + String.join(",", quoted) + "]: " + detail;
    }

    // apimachinery's utilerrors.Aggregate: one error as is, several in brackets.
    private static String aggregate(List<String> errors) {
        return errors.size() == 1 ? errors.getFirst() : "[" + String.join(", ", errors) + "]";
    }
}
