package io.kubeplane.patch.apply;

import java.util.ArrayList;
import java.util.List;

import io.kubeplane.patch.PatchException;
import io.kubeplane.patch.apply.ManagedFieldsEntry.Operation;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * An object's {@code metadata.managedFields}: who owns which fields, read and written as
 * kube-apiserver does.
 *
 * <p>Immutable and thread-safe.
 */
public final class ManagedFields {

    private static final ManagedFields EMPTY = new ManagedFields(List.of());

    private final List<ManagedFieldsEntry> entries;

    private ManagedFields(List<ManagedFieldsEntry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** @return managed fields with these entries, in this order */
    public static ManagedFields of(List<ManagedFieldsEntry> entries) {
        return entries.isEmpty() ? EMPTY : new ManagedFields(entries);
    }

    /** @return no managed fields */
    public static ManagedFields empty() {
        return EMPTY;
    }

    /**
     * @param object a Kubernetes object
     * @return its {@code metadata.managedFields}; empty if it has none
     * @throws PatchException if an entry is invalid (the api-server answers 422, as
     *     {@code ValidateManagedFields} makes kube-apiserver do)
     */
    public static ManagedFields read(JsonNode object) {
        JsonNode entries = ObjectTrees.managedFields(object);
        return entries == null ? EMPTY : parse(entries);
    }

    /**
     * @param entries the {@code metadata.managedFields} array
     * @return its entries
     * @throws PatchException if it is not an array or an entry is invalid
     */
    public static ManagedFields parse(JsonNode entries) {
        if (entries.isNull()) {
            return EMPTY;
        }
        if (!entries.isArray()) {
            throw new PatchException("metadata.managedFields must be a list, not " + entries.getNodeType());
        }
        List<ManagedFieldsEntry> parsed = new ArrayList<>();
        int index = 0;
        for (JsonNode entry : entries.values()) {
            parsed.add(ManagedFieldsEntry.parse(entry, index++));
        }
        return of(parsed);
    }

    /** @return the entries, in stored order */
    public List<ManagedFieldsEntry> entries() {
        return entries;
    }

    /**
     * @return the entry of {@code manager} for {@code operation} (the first one, if it wrote through
     *     several versions or subresources), or null
     */
    public @Nullable ManagedFieldsEntry entry(String manager, Operation operation) {
        return entries.stream()
                .filter(entry -> entry.manager().equals(manager) && entry.operation() == operation)
                .findFirst()
                .orElse(null);
    }

    /** @return the {@code metadata.managedFields} array */
    public ArrayNode toJson() {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        entries.forEach(entry -> array.add(entry.toJson()));
        return array;
    }

    /** @return a copy of {@code object} with these managed fields (none: without the field) */
    public ObjectNode writeTo(JsonNode object) {
        return ObjectTrees.write(ObjectTrees.withoutManagedFields(object), this);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ManagedFields fields && entries.equals(fields.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return toJson().toString();
    }
}
