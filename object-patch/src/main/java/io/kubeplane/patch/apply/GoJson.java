package io.kubeplane.patch.apply;

import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * JSON text written byte for byte as Go writes it: {@code encoding/json} (and json-iterator's
 * standard-library mode, which structured-merge-diff uses for {@code FieldsV1}) — compact, object keys
 * sorted, {@code <}, {@code >}, {@code &}, U+2028 and U+2029 escaped, integral numbers without a
 * fraction, other numbers in their shortest form.
 *
 * <p>Stateless and thread-safe.
 */
final class GoJson {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private GoJson() {
    }

    /** @return the value as {@code json.Marshal} writes a decoded (unstructured) value */
    static String write(JsonNode value) {
        StringBuilder out = new StringBuilder();
        write(out, value);
        return out.toString();
    }

    static void write(StringBuilder out, JsonNode value) {
        if (value.isObject()) {
            out.append('{');
            boolean first = true;
            for (String key : GoValues.sortedKeys(value)) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                writeString(out, key);
                out.append(':');
                write(out, value.get(key));
            }
            out.append('}');
        }
        else if (value.isArray()) {
            out.append('[');
            boolean first = true;
            for (JsonNode element : value.values()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(out, element);
            }
            out.append(']');
        }
        else if (value.isString()) {
            writeString(out, value.stringValue());
        }
        else if (value.isNumber()) {
            out.append(number(value));
        }
        else if (value.isBoolean()) {
            out.append(value.booleanValue());
        }
        else {
            out.append("null");
        }
    }

    /** Writes an object in the given key order (structured-merge-diff writes key fields sorted by name). */
    static void writeObject(StringBuilder out, Iterable<Map.Entry<String, JsonNode>> entries) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, JsonNode> entry : entries) {
            if (!first) {
                out.append(',');
            }
            first = false;
            writeString(out, entry.getKey());
            out.append(':');
            write(out, entry.getValue());
        }
        out.append('}');
    }

    /** A number as Go writes a decoded number: int64 in decimal, float64 as {@code encoding/json} does. */
    static String number(JsonNode number) {
        if (GoValues.isIntegral(number)) {
            return Long.toString(number.decimalValue().longValueExact());
        }
        double value = number.doubleValue();
        double abs = Math.abs(value);
        GoValues.Digits digits = GoValues.Digits.of(value);
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21)) {
            // encoding/json: %e form, with "e-07" cleaned up to "e-7"
            String text = digits.scientific();
            int n = text.length();
            if (n >= 4 && text.charAt(n - 4) == 'e' && text.charAt(n - 3) == '-' && text.charAt(n - 2) == '0') {
                text = text.substring(0, n - 2) + text.charAt(n - 1);
            }
            return text;
        }
        return digits.plain();
    }

    /** A JSON string with Go's HTML-safe escaping. */
    static void writeString(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"', '\\' -> out.append('\\').append(c);
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '<', '>', '&', '\u2028', '\u2029' -> unicodeEscape(out, c);
                default -> {
                    if (c < 0x20) {
                        unicodeEscape(out, c);
                    }
                    else if (Character.isSurrogate(c)) {
                        // a valid pair is written as is; a lone surrogate is invalid UTF-8 in Go: U+FFFD
                        if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                            out.append(c).append(text.charAt(++i));
                        }
                        else {
                            out.append("\\ufffd");
                        }
                    }
                    else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void unicodeEscape(StringBuilder out, char c) {
        out.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF]).append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
    }
}
