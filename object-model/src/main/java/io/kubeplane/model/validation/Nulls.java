package io.kubeplane.model.validation;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads fabric8 model fields, which may be null when a client sends {@code null} or a builder
 * leaves them unset, as the empty value Go would see. Stateless and thread-safe.
 */
final class Nulls {

    private Nulls() {
    }

    static <T> List<T> list(@Nullable List<T> list) {
        return list == null ? List.of() : list;
    }

    static <K, V> Map<K, V> map(@Nullable Map<K, V> map) {
        return map == null ? Map.of() : map;
    }

    static String str(@Nullable String value) {
        return value == null ? "" : value;
    }

    static int num(@Nullable Integer value) {
        return value == null ? 0 : value;
    }

    static long num(@Nullable Long value) {
        return value == null ? 0L : value;
    }
}
