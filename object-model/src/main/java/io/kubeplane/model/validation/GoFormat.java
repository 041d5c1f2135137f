package io.kubeplane.model.validation;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.kubeplane.model.KubernetesJson;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Prints bad values the way {@code field.Error.ErrorBody} does in Go, so messages read the same as
 * kube-apiserver's: strings as {@code %q}, numbers and booleans as {@code %v}, {@code IntOrString}
 * through its {@code String()} (bare), string lists and maps as {@code %#v}. API objects, which Go
 * would dump as structs, are printed as compact JSON instead.
 *
 * <p>Stateless and thread-safe; used by {@link FieldError}.
 */
final class GoFormat {

    private GoFormat() {
    }

    static String value(@Nullable Object value) {
        return switch (value) {
            // Go replaces a nil value with the string "null", which %q then quotes.
            case null -> quote("null");
            case String s -> quote(s);
            case Number n -> n.toString();
            case Boolean b -> b.toString();
            case IntOrString ios -> ios.getIntVal() != null ? ios.getIntVal().toString() : String.valueOf(ios.getStrVal());
            case List<?> list when list.stream().allMatch(String.class::isInstance) -> list.stream()
                    .map(e -> quote((String) e)).collect(Collectors.joining(", ", "[]string{", "}"));
            case List<?> list -> list.stream().map(GoFormat::value).collect(Collectors.joining(", ", "[", "]"));
            case Map<?, ?> map -> map(map);
            case KubernetesResource resource -> KubernetesJson.write(resource);
            default -> value.toString();
        };
    }

    /** Go's {@code strconv.Quote}: double quotes, backslash escapes for quotes and control characters. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\u0007' -> out.append("\\a");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\u000b' -> out.append("\\v");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else if (Character.isISOControl(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static String map(Map<?, ?> map) {
        // %#v prints maps with sorted keys.
        Map<String, Object> sorted = new TreeMap<>();
        map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
        boolean allStrings = sorted.values().stream().allMatch(String.class::isInstance);
        return sorted.entrySet().stream()
                .map(e -> quote(e.getKey()) + ":" + value(e.getValue()))
                .collect(Collectors.joining(", ", allStrings ? "map[string]string{" : "map[string]interface {}{", "}"));
    }
}
