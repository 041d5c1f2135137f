package io.kubeplane.patch.apply;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kubeplane.patch.apply.ManagedFieldsEntry.Operation;
import org.jspecify.annotations.Nullable;

/**
 * The working copy of an object's managed fields while one write is recorded: each owner's field
 * set with the version it was written in and whether it came from an apply, and each owner's time
 * (structured-merge-diff's {@code fieldpath.ManagedFields} plus kube-apiserver's times).
 *
 * <p>Not thread-safe: one instance per request, changed in place by {@link Updater} and
 * {@link Recorder}.
 */
final class Managers {

    /**
     * @param set the owned fields
     * @param apiVersion the version they were written in
     * @param applied whether they come from an apply
     */
    record Owned(FieldSet set, String apiVersion, boolean applied) {
    }

    private final Map<ManagerId, Owned> owners = new LinkedHashMap<>();
    private final Map<ManagerId, Instant> times = new HashMap<>();

    /** @return the owners of the entries; a later entry for the same owner wins, as in Kubernetes */
    static Managers decode(ManagedFields managedFields) {
        Managers managers = new Managers();
        for (ManagedFieldsEntry entry : managedFields.entries()) {
            ManagerId id = ManagerId.of(entry);
            managers.owners.put(id, new Owned(entry.fields(), entry.apiVersion(), entry.operation() == Operation.APPLY));
            if (entry.time() != null) {
                managers.times.put(id, entry.time());
            }
            else {
                managers.times.remove(id);
            }
        }
        return managers;
    }

    /** @return a copy to change without touching this one */
    Managers copy() {
        Managers copy = new Managers();
        copy.owners.putAll(owners);
        copy.times.putAll(times);
        return copy;
    }

    /**
     * @return the entries, sorted as kube-apiserver sorts them: appliers first, then oldest first,
     *     then by manager, apiVersion and subresource
     */
    ManagedFields encode() {
        List<ManagedFieldsEntry> entries = new ArrayList<>();
        owners.forEach((id, owned) -> entries.add(new ManagedFieldsEntry(id.manager(),
                owned.applied() ? Operation.APPLY : id.operation(), owned.apiVersion(), times.get(id), owned.set(), id.subresource())));
        entries.sort(Comparator
                .comparing((ManagedFieldsEntry entry) -> entry.operation().wireName())
                .thenComparingLong(entry -> entry.time() == null ? 0 : entry.time().getEpochSecond())
                .thenComparing(ManagedFieldsEntry::manager, GoValues::compareStrings)
                .thenComparing(ManagedFieldsEntry::apiVersion, GoValues::compareStrings)
                .thenComparing(entry -> entry.subresource() == null ? "" : entry.subresource(), GoValues::compareStrings));
        return ManagedFields.of(entries);
    }

    /** Makes this hold exactly what {@code other} holds. */
    void replaceWith(Managers other) {
        owners.clear();
        owners.putAll(other.owners);
        times.clear();
        times.putAll(other.times);
    }

    boolean isEmpty() {
        return owners.isEmpty();
    }

    @Nullable Owned get(ManagerId id) {
        return owners.get(id);
    }

    void put(ManagerId id, Owned owned) {
        owners.put(id, owned);
    }

    void remove(ManagerId id) {
        owners.remove(id);
        times.remove(id);
    }

    /** @return the owners, in a copy that may be iterated while this changes */
    Map<ManagerId, Owned> owners() {
        return new LinkedHashMap<>(owners);
    }

    @Nullable Instant time(ManagerId id) {
        return times.get(id);
    }

    void setTime(ManagerId id, @Nullable Instant time) {
        if (time == null) {
            times.remove(id);
        }
        else {
            times.put(id, time);
        }
    }

    /** @return the union of every owner's fields */
    FieldSet allFields() {
        FieldSet all = FieldSet.empty();
        for (Owned owned : owners.values()) {
            all = all.union(owned.set());
        }
        return all;
    }
}
