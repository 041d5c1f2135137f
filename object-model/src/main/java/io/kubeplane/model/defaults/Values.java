package io.kubeplane.model.defaults;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Reads possibly-null fabric8 fields the way Go sees zero values. Stateless and thread-safe. */
final class Values {

    private Values() {
    }

    static boolean isEmpty(@Nullable String value) {
        return value == null || value.isEmpty();
    }

    static <T> List<T> nonNull(@Nullable List<T> list) {
        return list == null ? List.of() : list;
    }
}
