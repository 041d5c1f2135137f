package io.kubeplane.apiserver.storage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A WHERE clause built from conditions joined by AND, with its positional arguments. Not thread-safe. */
final class SqlFilter {

    private final List<String> conditions = new ArrayList<>();
    private final List<Object> args = new ArrayList<>();

    void add(String condition, Object... values) {
        conditions.add(condition);
        Collections.addAll(args, values);
    }

    String where() {
        return conditions.isEmpty() ? "TRUE" : String.join(" AND ", conditions);
    }

    Object[] args() {
        return args.toArray();
    }
}
