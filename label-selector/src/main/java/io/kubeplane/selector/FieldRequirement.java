package io.kubeplane.selector;

import java.util.Map;
import java.util.Objects;

/**
 * One term of a field selector, as apimachinery's {@code fields.Requirement}: a field path such as
 * {@code metadata.name} or {@code spec.nodeName}, {@link Operator#EQUALS} or
 * {@link Operator#NOT_EQUALS}, and a value.
 *
 * <p>A field the object does not have reads as {@code ""} (as {@code fields.Set.Get} does), so
 * {@code spec.nodeName=} selects unscheduled pods and {@code spec.nodeName!=n1} selects them too. In
 * SQL over a jsonb map of selectable fields that is {@code coalesce(fields->>'spec.nodeName', '') = ''}.
 * Which fields a kind can be selected by is the api-server's business, not checked here.
 *
 * <p>Immutable and thread-safe.
 *
 * @param field the field path, non-empty
 * @param op {@link Operator#EQUALS} or {@link Operator#NOT_EQUALS}
 * @param value the value, unescaped (may hold {@code ,}, {@code =} or {@code \})
 */
public record FieldRequirement(String field, Operator op, String value) {

    public FieldRequirement {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(value, "value");
        if (field.isEmpty()) {
            throw new SelectorParseException("invalid field selector: field name must be non-empty");
        }
        if (op != Operator.EQUALS && op != Operator.NOT_EQUALS) {
            throw new SelectorParseException("invalid field selector: operator " + LabelSyntax.quote(op.selectionOperator())
                    + " is not supported, only \"=\", \"==\" and \"!=\"");
        }
    }

    /**
     * @param fields the selectable fields of an object, by path
     * @return whether the object's field (or {@code ""} if it has none) satisfies this requirement
     */
    public boolean matches(Map<String, String> fields) {
        boolean equal = value.equals(fields.getOrDefault(field, ""));
        return op == Operator.EQUALS ? equal : !equal;
    }

    /** @return the canonical text, {@code field=value} or {@code field!=value}, the value escaped */
    @Override
    public String toString() {
        return field + (op == Operator.EQUALS ? "=" : "!=") + FieldSelector.escapeValue(value);
    }
}
