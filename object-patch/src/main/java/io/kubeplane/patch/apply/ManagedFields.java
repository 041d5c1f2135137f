package io.kubeplane.patch.apply;

import java.time.Instant;
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
 * kube-apiserver does, and recorded for every write that is not an apply ({@link #update}).
 *
 * <p>Who owns what after an update (operation {@code Update}):
 * <pre>
 *   before                                  after (PUT by "kubectl-edit")          ownership
 *   spec.ports[80].targetPort: 8080 (A)     spec.ports[80].targetPort: 9090        kubectl-edit: targetPort
 *   metadata.labels.tier: web (B)           (removed)                              B: loses labels.tier
 * </pre>
 * The writer owns every field it added or changed, other owners lose those and every removed field,
 * and the writer's entry gets the time of the write (only if it changed something). A create is an
 * update from the kind's zero value, so the creator owns every field it set. An object stored
 * without managed fields is not tracked by updates until its first apply, as in Kubernetes.
 *
 * <p>Immutable and thread-safe. The api-server calls {@link #update} on create, update and non-apply
 * patch, after decoding and defaulting the new object and before storing it.
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

    /**
     * Records a write that is not an apply, as kube-apiserver's {@code FieldManager.Update} does.
     *
     * <p>The managed fields to start from are the ones {@code after} carries if it carries valid,
     * non-empty ones (a client may rewrite them, and {@code []} resets them), else those of
     * {@code before}; a write through a subresource always starts from {@code before}'s.
     *
     * @param before the stored object, or null on a create
     * @param after the object to store (decoded and defaulted)
     * @param manager the field manager ({@code ?fieldManager=}, else the user agent's program name)
     * @param now the time of the write
     * @param subresource the subresource written, e.g. {@code status}; null for the main resource
     * @return a copy of {@code after} with the managed fields to store
     * @throws PatchException if {@code after} has no apiVersion or kind
     */
    public static ObjectNode update(@Nullable JsonNode before, JsonNode after, String manager, Instant now, @Nullable String subresource) {
        String apiVersion = ObjectTrees.apiVersion(after);
        String kind = ObjectTrees.kind(after);
        ManagedFields stored = readLeniently(before);
        ManagedFields start = stored;
        JsonNode sent = ObjectTrees.managedFields(after);
        if (subresource == null && sent != null) {
            if (isReset(sent)) {
                start = EMPTY;
            }
            else {
                try {
                    ManagedFields parsed = parse(sent);
                    if (!parsed.entries().isEmpty()) {
                        start = parsed;
                    }
                }
                catch (PatchException ex) {
                    // a client that cannot write managed fields does not lose them
                }
            }
        }
        ObjectNode next = ObjectTrees.withoutManagedFields(after);
        Managers managers = Managers.decode(start);
        if (managers.isEmpty() && ObjectTrees.hasUid(before)) {
            // an object stored without managed fields is not tracked until it is applied to
            return next;
        }
        try {
            JsonNode live = before == null ? ZeroObjects.of(apiVersion, kind) : ObjectTrees.withoutManagedFields(before);
            Updater updater = new Updater(ObjectTrees.typeOf(apiVersion, kind), apiVersion, ResetFields.of(apiVersion, kind, subresource));
            Recorder.recordUpdate(updater, live, next, managers, ManagerId.updater(manager, apiVersion, subresource), now);
            Recorder.capUpdateManagers(managers);
        }
        catch (PatchException ex) {
            // kube-apiserver's UpdateNoErrors: a write never fails for its managed fields; the
            // stored ones are kept
            return ObjectTrees.write(next, stored);
        }
        return ObjectTrees.write(next, managers.encode());
    }

    private static ManagedFields readLeniently(@Nullable JsonNode object) {
        if (object == null) {
            return EMPTY;
        }
        try {
            return read(object);
        }
        catch (PatchException ex) {
            return EMPTY;
        }
    }

    /** @return whether a client asks to reset managed fields: {@code []} or {@code [{}]} */
    private static boolean isReset(JsonNode sent) {
        if (!sent.isArray()) {
            return false;
        }
        return sent.isEmpty() || (sent.size() == 1 && sent.get(0).isObject() && sent.get(0).isEmpty());
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
