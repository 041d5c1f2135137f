package io.kubeplane.patch.apply;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

import io.kubeplane.patch.PatchException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One entry of {@code metadata.managedFields} ({@code metav1.ManagedFieldsEntry}): the fields one
 * manager owns through one kind of operation.
 * <pre>
 *   - manager: kubectl
 *     operation: Apply
 *     apiVersion: v1
 *     time: "2025-01-15T10:00:00Z"
 *     fieldsType: FieldsV1
 *     fieldsV1: {"f:spec":{"f:ports":{...}}}
 *     subresource: status            (only for writes through a subresource)
 * </pre>
 * An appliers' entry is identified by manager and subresource, an updater's also by apiVersion, so
 * one client updating through two versions has two entries.
 *
 * <p>Immutable and thread-safe.
 *
 * @param manager the field manager ({@code ?fieldManager=}, or the user agent's program name)
 * @param operation Apply or Update
 * @param apiVersion the version of the kind the fields are written in, e.g. {@code apps/v1}
 * @param time when the manager last changed the object; Kubernetes leaves it out in some cases
 * @param fields the owned fields
 * @param subresource the subresource written through, e.g. {@code status}; null for the main resource
 */
public record ManagedFieldsEntry(String manager, Operation operation, String apiVersion, @Nullable Instant time,
        FieldSet fields, @Nullable String subresource) {

    /** The value of {@code operation}. */
    public enum Operation {
        /** A server-side apply ({@code PATCH} with {@code application/apply-patch+yaml}). */
        APPLY("Apply"),
        /** Any other write: create, update, non-apply patch. */
        UPDATE("Update");

        private final String wireName;

        Operation(String wireName) {
            this.wireName = wireName;
        }

        /** @return the value as written in the entry */
        public String wireName() {
            return wireName;
        }
    }

    public ManagedFieldsEntry {
        if (time != null) {
            // metav1.Time keeps whole seconds
            time = time.truncatedTo(ChronoUnit.SECONDS);
        }
        if (subresource != null && subresource.isEmpty()) {
            subresource = null;
        }
    }

    /**
     * Reads an entry as kube-apiserver's {@code DecodeManagedFields} checks it.
     *
     * @param entry one element of {@code metadata.managedFields}
     * @param index its position, for messages
     * @return the entry
     * @throws PatchException if the operation, apiVersion, fieldsType or fields are invalid
     */
    static ManagedFieldsEntry parse(JsonNode entry, int index) {
        if (!entry.isObject()) {
            throw new PatchException("managed fields entry " + index + " must be an object");
        }
        Operation operation = switch (text(entry, "operation")) {
            case "Apply" -> Operation.APPLY;
            case "Update" -> Operation.UPDATE;
            default -> throw new PatchException("operation must be `Apply` or `Update`");
        };
        String apiVersion = text(entry, "apiVersion");
        if (apiVersion.isEmpty()) {
            throw new PatchException("apiVersion must not be empty");
        }
        String fieldsType = text(entry, "fieldsType");
        if (fieldsType.isEmpty()) {
            throw new PatchException("missing fieldsType in managed fields entry " + index);
        }
        if (!fieldsType.equals("FieldsV1")) {
            throw new PatchException("invalid fieldsType " + GoValues.quote(fieldsType) + " in managed fields entry " + index);
        }
        Instant time = null;
        String timeText = text(entry, "time");
        if (!timeText.isEmpty()) {
            try {
                time = Instant.parse(timeText);
            }
            catch (DateTimeParseException ex) {
                throw new PatchException("invalid time " + GoValues.quote(timeText) + " in managed fields entry " + index, ex);
            }
        }
        JsonNode fieldsV1 = entry.get("fieldsV1");
        FieldSet fields;
        try {
            fields = fieldsV1 == null || fieldsV1.isNull() ? FieldSet.empty() : FieldSet.fromJson(fieldsV1);
        }
        catch (PatchException ex) {
            throw new PatchException("error decoding the fields of managed fields entry " + index + ": " + ex.getMessage(), ex);
        }
        String subresource = text(entry, "subresource");
        return new ManagedFieldsEntry(text(entry, "manager"), operation, apiVersion, time, fields, subresource.isEmpty() ? null : subresource);
    }

    private static String text(JsonNode entry, String field) {
        JsonNode value = entry.get(field);
        return value != null && value.isString() ? value.stringValue() : "";
    }

    /** @return the entry as Kubernetes writes it: fields in {@code ManagedFieldsEntry} order, empty ones left out */
    public ObjectNode toJson() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        if (!manager.isEmpty()) {
            out.put("manager", manager);
        }
        out.put("operation", operation.wireName());
        out.put("apiVersion", apiVersion);
        if (time != null) {
            out.put("time", time.toString());
        }
        out.put("fieldsType", "FieldsV1");
        out.set("fieldsV1", fields.toJsonNode());
        if (subresource != null) {
            out.put("subresource", subresource);
        }
        return out;
    }
}
