package io.kubeplane.selector;

/**
 * The operator of a label {@link Requirement} or a {@link FieldRequirement}, as apimachinery's
 * {@code selection.Operator}.
 *
 * <p>apimachinery keeps {@code =} and {@code ==} apart only to print them back as typed; they match
 * the same labels, so both parse to {@link #EQUALS} and print as {@code =}.
 *
 * <p>{@link #matchesMissingKey()} says whether a requirement holds for an object that does not have
 * the key at all. A query over a stored label map has to add that case explicitly, e.g. in SQL over a
 * jsonb {@code labels} column {@code app notin (a)} is
 * {@code NOT (labels ? 'app') OR labels->>'app' <> ALL('{a}')}.
 */
public enum Operator {

    /** {@code key=value} or {@code key==value}: the key is present with this value. */
    EQUALS("="),
    /** {@code key!=value}: the key is absent, or present with another value. */
    NOT_EQUALS("!="),
    /** {@code key in (a,b)}: the key is present with one of the values. */
    IN("in"),
    /** {@code key notin (a,b)}: the key is absent, or present with none of the values. */
    NOT_IN("notin"),
    /** {@code key}: the key is present, with any value. */
    EXISTS("exists"),
    /** {@code !key}: the key is absent. */
    DOES_NOT_EXIST("!"),
    /** {@code key>5}: the key is present and its value is an integer greater than the one value. */
    GREATER_THAN("gt"),
    /** {@code key<5}: the key is present and its value is an integer less than the one value. */
    LESS_THAN("lt");

    private final String selectionOperator;

    Operator(String selectionOperator) {
        this.selectionOperator = selectionOperator;
    }

    /**
     * @return the value of apimachinery's {@code selection.Operator} for this operator ({@code =},
     *     {@code !=}, {@code in}, {@code notin}, {@code exists}, {@code !}, {@code gt}, {@code lt})
     */
    public String selectionOperator() {
        return selectionOperator;
    }

    /**
     * @return whether a requirement with this operator holds when the object has no such key
     *     (true for {@link #NOT_EQUALS}, {@link #NOT_IN} and {@link #DOES_NOT_EXIST})
     */
    public boolean matchesMissingKey() {
        return this == NOT_EQUALS || this == NOT_IN || this == DOES_NOT_EXIST;
    }

    /**
     * @param selectionOperator a value of apimachinery's {@code selection.Operator}; {@code ==} is
     *     read as {@link #EQUALS}
     * @return the operator
     * @throws SelectorParseException if the value is not an operator
     */
    public static Operator fromSelectionOperator(String selectionOperator) {
        if (selectionOperator.equals("==")) {
            return EQUALS;
        }
        for (Operator operator : values()) {
            if (operator.selectionOperator.equals(selectionOperator)) {
                return operator;
            }
        }
        throw new SelectorParseException("operator: Unsupported value: \"" + selectionOperator
                + "\": supported values: \"in\", \"notin\", \"=\", \"==\", \"!=\", \"gt\", \"lt\", \"exists\", \"!\"");
    }
}
