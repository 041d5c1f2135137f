package io.kubeplane.patch.apply;

import io.kubeplane.patch.JsonValues;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * JSON values compared, ordered and printed as structured-merge-diff's {@code value} package does it
 * in Go, so that field sets sort, match and print exactly as Kubernetes' do.
 * <pre>
 *   order     numbers (ints and floats by value) &lt; strings (byte order) &lt; bools &lt; lists &lt; maps &lt; null
 *   equal     numbers by value (80 == 80.0), objects ignoring key order
 *   print     null, 80, 1.5, "TCP" (Go %q), true, [a,b]          (value.ToString, used in paths)
 * </pre>
 *
 * <p>Stateless and thread-safe.
 */
final class GoValues {

    private GoValues() {
    }

    /**
     * @return the value with numbers in one form: an integral number as a long, any other as a
     *     double (Go decodes both to the same value.Value whatever node type Jackson chose)
     */
    static JsonNode normalize(JsonNode value) {
        if (value.isNumber()) {
            if (isIntegral(value)) {
                return JsonNodeFactory.instance.numberNode(value.decimalValue().longValueExact());
            }
            return JsonNodeFactory.instance.numberNode(value.doubleValue());
        }
        return value;
    }

    /** @return whether a number node holds an integral value that fits a Go int64 */
    static boolean isIntegral(JsonNode number) {
        if (number.isIntegralNumber()) {
            return number.canConvertToLong();
        }
        BigDecimal decimal = number.decimalValue();
        try {
            decimal.toBigIntegerExact().longValueExact();
            return true;
        }
        catch (ArithmeticException ex) {
            return false;
        }
    }

    /** {@code value.Compare}: a total order over values. */
    static int compare(JsonNode left, JsonNode right) {
        int rank = Integer.compare(rank(left), rank(right));
        if (rank != 0) {
            return rank;
        }
        if (left.isNumber()) {
            return left.decimalValue().compareTo(right.decimalValue());
        }
        if (left.isString()) {
            return compareStrings(left.stringValue(), right.stringValue());
        }
        if (left.isBoolean()) {
            return Boolean.compare(left.booleanValue(), right.booleanValue());
        }
        if (left.isArray()) {
            Iterator<JsonNode> others = right.values().iterator();
            for (JsonNode element : left.values()) {
                if (!others.hasNext()) {
                    return 1;
                }
                int c = compare(element, others.next());
                if (c != 0) {
                    return c;
                }
            }
            return others.hasNext() ? -1 : 0;
        }
        if (left.isObject()) {
            return compareMaps(left, right);
        }
        return 0;
    }

    /** {@code value.Equals}: numbers by value, objects ignoring key order. */
    static boolean equal(JsonNode left, JsonNode right) {
        return JsonValues.same(left, right);
    }

    /** Go's {@code strings.Compare}: UTF-8 byte order, which is code point order. */
    static int compareStrings(String left, String right) {
        int i = 0;
        int j = 0;
        while (i < left.length() && j < right.length()) {
            int a = left.codePointAt(i);
            int b = right.codePointAt(j);
            if (a != b) {
                return Integer.compare(a, b);
            }
            i += Character.charCount(a);
            j += Character.charCount(b);
        }
        return Integer.compare(left.length() - i, right.length() - j);
    }

    /** {@code value.ToString}, as a key or set value appears in a printed path. */
    static String toGoString(JsonNode value) {
        if (value.isNull() || value.isMissingNode()) {
            return "null";
        }
        if (value.isNumber()) {
            return isIntegral(value) ? Long.toString(value.decimalValue().longValueExact()) : formatFloat(value.doubleValue());
        }
        if (value.isString()) {
            return quote(value.stringValue());
        }
        if (value.isBoolean()) {
            return Boolean.toString(value.booleanValue());
        }
        if (value.isArray()) {
            List<String> elements = new ArrayList<>();
            value.values().forEach(element -> elements.add(toGoString(element)));
            return "[" + String.join(",", elements) + "]";
        }
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            out.append(entry.getKey()).append('=').append(toGoString(entry.getValue()));
        }
        return out.toString();
    }

    /** Go's {@code %v} of a float64 ({@code %g}, shortest): {@code %e} form below 1e-4 and from 1e6. */
    static String formatFloat(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        Digits digits = Digits.of(value);
        int exponent = digits.point() - 1;
        return exponent < -4 || exponent >= 6 ? digits.scientific() : digits.plain();
    }

    /** Go's {@code strconv.Quote}: double quotes, escapes for quotes, backslashes and unprintable characters. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        text.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case 7 -> out.append("\\a");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 11 -> out.append("\\v");
                default -> {
                    if (isPrint(c)) {
                        out.appendCodePoint(c);
                    }
                    else if (c < 0x80) {
                        out.append(String.format("\\x%02x", c));
                    }
                    else if (c < 0x10000) {
                        out.append(String.format("\\u%04x", c));
                    }
                    else {
                        out.append(String.format("\\U%08x", c));
                    }
                }
            }
        });
        return out.append('"').toString();
    }

    private static boolean isPrint(int c) {
        if (c == ' ') {
            return true;
        }
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED,
                 Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.SPACE_SEPARATOR -> false;
            default -> true;
        };
    }

    private static int rank(JsonNode value) {
        if (value.isNumber()) {
            return 0;
        }
        if (value.isString()) {
            return 1;
        }
        if (value.isBoolean()) {
            return 2;
        }
        if (value.isArray()) {
            return 3;
        }
        if (value.isObject()) {
            return 4;
        }
        return 5;
    }

    /** {@code value.MapCompare}: by sorted keys, then by the values of equal keys. */
    private static int compareMaps(JsonNode left, JsonNode right) {
        List<String> leftKeys = sortedKeys(left);
        List<String> rightKeys = sortedKeys(right);
        for (int i = 0; i < Math.min(leftKeys.size(), rightKeys.size()); i++) {
            int c = compareStrings(leftKeys.get(i), rightKeys.get(i));
            if (c != 0) {
                return c;
            }
            c = compare(left.get(leftKeys.get(i)), right.get(rightKeys.get(i)));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(leftKeys.size(), rightKeys.size());
    }

    static List<String> sortedKeys(JsonNode object) {
        List<String> keys = new ArrayList<>(object.propertyNames());
        keys.sort(GoValues::compareStrings);
        return keys;
    }

    /**
     * The shortest decimal digits that read back as a double, and where the decimal point goes:
     * {@code 0.00125} is digits {@code 125}, point {@code -2}.
     */
    record Digits(boolean negative, String digits, int point) {

        static Digits of(double value) {
            BigDecimal decimal = new BigDecimal(Double.toString(Math.abs(value))).stripTrailingZeros();
            String digits = decimal.unscaledValue().toString();
            if (digits.equals("0")) {
                return new Digits(value < 0 || 1 / value < 0, "0", 1);
            }
            return new Digits(value < 0, digits, digits.length() - decimal.scale());
        }

        /** @return {@code %f} with the shortest digits, e.g. {@code 0.00125}, {@code 1500} */
        String plain() {
            StringBuilder out = new StringBuilder(negative ? "-" : "");
            if (point <= 0) {
                out.append("0.").append("0".repeat(-point)).append(digits);
            }
            else if (point >= digits.length()) {
                out.append(digits).append("0".repeat(point - digits.length()));
            }
            else {
                out.append(digits, 0, point).append('.').append(digits, point, digits.length());
            }
            return out.toString();
        }

        /** @return {@code %e} with the shortest digits and at least two exponent digits, e.g. {@code 1.5e-07} */
        String scientific() {
            StringBuilder out = new StringBuilder(negative ? "-" : "");
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            int exponent = point - 1;
            out.append('e').append(exponent < 0 ? '-' : '+');
            String magnitude = Integer.toString(Math.abs(exponent));
            return out.append(magnitude.length() < 2 ? "0" + magnitude : magnitude).toString();
        }
    }
}
