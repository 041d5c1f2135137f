package io.kubeplane.apiserver.printing;

import io.kubeplane.model.ApiResource;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders objects as a {@code meta.k8s.io/v1 Table}, the body kube-apiserver answers when a client
 * asks for {@code as=Table} (see {@link TableRequest}):
 * <pre>
 *   {"kind": "Table", "apiVersion": "meta.k8s.io/v1",
 *    "metadata": {"resourceVersion": "42", "continue": "..."},
 *    "columnDefinitions": [{"name": "Name", "type": "string", "format": "name", "description": "...", "priority": 0}, ...],
 *    "rows": [{"cells": ["web", "ClusterIP", ...], "object": {"kind": "PartialObjectMetadata", ...}}, ...]}
 * </pre>
 * Three entry points, one per response shape:
 * <ul>
 *   <li>{@link #render}: a list; {@code metadata} carries the list's resourceVersion and continue token;</li>
 *   <li>{@link #renderObject}: a GET of one object; a one-row Table with the object's resourceVersion;</li>
 *   <li>{@link #renderWatchObject}: the object of one watch event, a one-row Table. Kubernetes sends
 *       the column definitions with the first event of a watch only, and {@code null} after that.</li>
 * </ul>
 * Every row carries every column (kube-apiserver prints wide); kubectl drops the priority-1 columns
 * unless asked for {@code -o wide}. The input trees are never modified.
 *
 * <p>Immutable and thread-safe. The HTTP layer calls it after {@link TableRequest#parse} said yes.
 */
public final class TablePrinter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final PrinterRegistry printers;
    private final String apiVersion;

    /** A printer of {@code meta.k8s.io/v1} Tables with Kubernetes' printers. */
    public TablePrinter() {
        this(PrinterRegistry.standard(), TableRequest.V1);
    }

    /**
     * @param printers   the printers by resource
     * @param apiVersion the Table's apiVersion, {@link TableRequest#V1} or {@link TableRequest#V1BETA1};
     *     a row's {@code PartialObjectMetadata} has the same
     */
    public TablePrinter(PrinterRegistry printers, String apiVersion) {
        this.printers = printers;
        this.apiVersion = apiVersion;
    }

    /** @return a printer of the Table version the request asked for, with Kubernetes' printers */
    public static TablePrinter forRequest(TableRequest request) {
        return new TablePrinter(PrinterRegistry.standard(), request.apiVersion());
    }

    /**
     * The Table for a list.
     *
     * @param resource        the kind of the objects
     * @param objects         the objects as stored, in list order
     * @param include         what each row carries besides its cells
     * @param now             the time ages are measured to
     * @param resourceVersion the list's resourceVersion; left out when empty
     * @param continueToken   the token for the next page, or null on the last page
     * @return the Table
     */
    public ObjectNode render(ApiResource resource, List<? extends JsonNode> objects, IncludeObject include,
            Instant now, String resourceVersion, @Nullable String continueToken) {
        ResourcePrinter printer = printers.printerFor(resource);
        ArrayNode rows = NODES.arrayNode();
        for (JsonNode object : objects) {
            rows.add(row(resource, printer, object, include, now));
        }
        return table(resourceVersion, continueToken, columns(printer), rows);
    }

    /**
     * The Table for one object, as a GET of that object returns it.
     *
     * @param resource the kind of the object
     * @param object   the object as stored
     * @param include  what the row carries besides its cells
     * @param now      the time ages are measured to
     * @return a one-row Table whose resourceVersion is the object's
     */
    public ObjectNode renderObject(ApiResource resource, JsonNode object, IncludeObject include, Instant now) {
        return renderWatchObject(resource, object, include, now, true);
    }

    /**
     * The Table that replaces the object of one watch event when a watch asks for Tables
     * ({@code kubectl get -w}). The event type stays as it is; error events ({@code kind: Status})
     * are sent unchanged, as kube-apiserver does.
     *
     * @param resource              the kind of the object
     * @param object                the event's object
     * @param include               what the row carries besides its cells
     * @param now                   the time ages are measured to
     * @param withColumnDefinitions true for the first event of the watch; afterwards Kubernetes sends
     *     {@code "columnDefinitions": null}
     * @return a one-row Table whose resourceVersion is the object's
     */
    public ObjectNode renderWatchObject(ApiResource resource, JsonNode object, IncludeObject include, Instant now,
            boolean withColumnDefinitions) {
        ResourcePrinter printer = printers.printerFor(resource);
        ArrayNode rows = NODES.arrayNode().add(row(resource, printer, object, include, now));
        String resourceVersion = object.path("metadata").path("resourceVersion").asString("");
        return table(resourceVersion, null, withColumnDefinitions ? columns(printer) : null, rows);
    }

    private ObjectNode table(String resourceVersion, @Nullable String continueToken, @Nullable ArrayNode columns,
            ArrayNode rows) {
        ObjectNode table = NODES.objectNode();
        table.put("kind", "Table");
        table.put("apiVersion", apiVersion);
        ObjectNode metadata = table.putObject("metadata");
        if (!resourceVersion.isEmpty()) {
            metadata.put("resourceVersion", resourceVersion);
        }
        if (continueToken != null && !continueToken.isEmpty()) {
            metadata.put("continue", continueToken);
        }
        table.set("columnDefinitions", columns == null ? NODES.nullNode() : columns);
        table.set("rows", rows);
        return table;
    }

    private static ArrayNode columns(ResourcePrinter printer) {
        ArrayNode columns = NODES.arrayNode();
        for (ColumnDefinition column : printer.columns()) {
            columns.add(column.toJson());
        }
        return columns;
    }

    private ObjectNode row(ApiResource resource, ResourcePrinter printer, JsonNode object, IncludeObject include,
            Instant now) {
        TableRow printed = printer.print(object, now);
        ObjectNode row = NODES.objectNode();
        ArrayNode cells = row.putArray("cells");
        for (Object cell : printed.cells()) {
            if (cell instanceof Long number) {
                cells.add(number);
            } else {
                cells.add((String) cell);
            }
        }
        if (!printed.conditions().isEmpty()) {
            ArrayNode conditions = row.putArray("conditions");
            printed.conditions().forEach(condition -> conditions.add(condition.toJson()));
        }
        row.set("object", switch (include) {
            case NONE -> NODES.nullNode();
            case METADATA -> partialObjectMetadata(object);
            case OBJECT -> wholeObject(resource, object);
        });
        return row;
    }

    private ObjectNode partialObjectMetadata(JsonNode object) {
        ObjectNode partial = NODES.objectNode();
        partial.put("kind", "PartialObjectMetadata");
        partial.put("apiVersion", apiVersion);
        JsonNode metadata = object.path("metadata");
        partial.set("metadata", metadata.isObject() ? metadata.deepCopy() : NODES.objectNode());
        return partial;
    }

    /** The object itself, with its kind and apiVersion set as the API writes them. */
    private static JsonNode wholeObject(ApiResource resource, JsonNode object) {
        if (object.path("kind").isString() && object.path("apiVersion").isString()) {
            return object.deepCopy();
        }
        ObjectNode typed = NODES.objectNode();
        typed.put("kind", resource.kind());
        typed.put("apiVersion", resource.apiVersion());
        object.properties().forEach(property -> {
            if (!property.getKey().equals("kind") && !property.getKey().equals("apiVersion")) {
                typed.set(property.getKey(), property.getValue().deepCopy());
            }
        });
        return typed;
    }
}
