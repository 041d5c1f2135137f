package io.kubeplane.apiserver.printing;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The printer for kinds without one of their own: NAME AGE, read straight from the object's
 * metadata so it works for any kind. Stateless.
 */
final class DefaultPrinter implements ResourcePrinter {

    static final List<ColumnDefinition> COLUMNS = List.of(ColumnDefinition.NAME, ColumnDefinition.AGE);

    @Override
    public List<ColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    public TableRow print(JsonNode object, Instant now) {
        JsonNode metadata = object.path("metadata");
        @Nullable String timestamp = metadata.path("creationTimestamp").isString()
                ? metadata.path("creationTimestamp").stringValue()
                : null;
        return TableRow.of(metadata.path("name").asString(""), HumanDuration.since(timestamp, now));
    }
}
