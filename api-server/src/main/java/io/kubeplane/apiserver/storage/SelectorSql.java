package io.kubeplane.apiserver.storage;

import io.kubeplane.model.KubernetesJson;
import io.kubeplane.selector.FieldRequirement;
import io.kubeplane.selector.FieldSelector;
import io.kubeplane.selector.LabelSelector;
import io.kubeplane.selector.Requirement;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Translates label and field selectors into SQL over the {@code labels} and {@code fields} jsonb
 * columns, so that filtering happens before paging. Equality uses containment ({@code @>}), which
 * the GIN indexes serve; a requirement that holds for a missing key (!=, notin, !key) says so
 * explicitly. Stateless.
 */
final class SelectorSql {

    private SelectorSql() {
    }

    static void addLabelSelector(SqlFilter filter, LabelSelector selector) {
        if (selector.isNothing()) {
            filter.add("FALSE");
            return;
        }
        for (Requirement requirement : selector.requirements()) {
            addRequirement(filter, "labels", requirement.key(), requirement);
        }
    }

    static void addFieldSelector(SqlFilter filter, FieldSelector selector) {
        for (FieldRequirement requirement : selector.requirements()) {
            String column = switch (requirement.field()) {
                case "metadata.name" -> "name";
                case "metadata.namespace" -> "namespace";
                default -> null;
            };
            boolean equals = requirement.op() == io.kubeplane.selector.Operator.EQUALS;
            if (column != null) {
                filter.add(column + (equals ? " = ?" : " <> ?"), requirement.value());
            } else {
                String contains = "fields @> ?::jsonb";
                filter.add(equals ? contains : "NOT (" + contains + ")", pair(requirement.field(), requirement.value()));
            }
        }
    }

    private static void addRequirement(SqlFilter filter, String column, String key, Requirement requirement) {
        List<String> values = requirement.values();
        switch (requirement.op()) {
            case EQUALS -> filter.add(column + " @> ?::jsonb", pair(key, values.getFirst()));
            case NOT_EQUALS -> filter.add("NOT (" + column + " @> ?::jsonb)", pair(key, values.getFirst()));
            case IN -> filter.add(anyOf(column, values.size()), pairs(key, values));
            case NOT_IN -> filter.add("NOT " + anyOf(column, values.size()), pairs(key, values));
            case EXISTS -> filter.add("(" + column + " -> ?) IS NOT NULL", key);
            case DOES_NOT_EXIST -> filter.add("(" + column + " -> ?) IS NULL", key);
            case GREATER_THAN, LESS_THAN -> filter.add(
                    "CASE WHEN (" + column + " ->> ?) ~ '^-?[0-9]+$' THEN (" + column + " ->> ?)::numeric "
                    + (requirement.op() == io.kubeplane.selector.Operator.GREATER_THAN ? ">" : "<")
                    + " ?::numeric ELSE FALSE END", key, key, values.getFirst());
        }
    }

    private static String anyOf(String column, int count) {
        return "(" + String.join(" OR ", Collections.nCopies(count, column + " @> ?::jsonb")) + ")";
    }

    private static Object[] pairs(String key, List<String> values) {
        return values.stream().map(value -> pair(key, value)).toArray();
    }

    private static String pair(String key, String value) {
        return KubernetesJson.write(Map.of(key, value));
    }
}
