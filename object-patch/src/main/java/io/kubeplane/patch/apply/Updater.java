package io.kubeplane.patch.apply;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Structured-merge-diff's {@code merge.Updater} for one kind and version: records who owns what after
 * an update, and merges an applied configuration with its ownership rules.
 * <pre>
 *   update   the writer owns what it added or changed; every other owner loses it and what was removed
 *   apply    the applier owns exactly its configuration's fields; fields it owned before and no longer
 *            applies are removed unless someone else owns them; taking a field another owner holds
 *            with a different value is a conflict unless forced
 * </pre>
 * Fields a strategy resets (a Service's {@code status} on the main resource) are left out of every
 * change and every set, as kube-apiserver's reset-fields filter does.
 *
 * <p>Stateless apart from its configuration, and thread-safe; the {@link Managers} it is given are
 * changed in place.
 */
final class Updater {

    private final TypeRef type;
    private final String apiVersion;
    private final FieldSet reset;

    /**
     * @param type the kind's type
     * @param apiVersion the version written, e.g. {@code v1}
     * @param reset the fields the strategy resets for this (sub)resource
     */
    Updater(TypeRef type, String apiVersion, FieldSet reset) {
        this.type = type;
        this.apiVersion = apiVersion;
        this.reset = reset;
    }

    /**
     * Records a non-apply write by {@code manager}: it owns what changed.
     *
     * @param live the object before (its managed fields removed)
     * @param next the object written (its managed fields removed)
     */
    void update(@Nullable JsonNode live, JsonNode next, Managers managers, ManagerId manager) {
        Comparison compare = takeOver(live, next, managers, manager, true).comparison();
        Managers.Owned previous = managers.get(manager);
        FieldSet set = (previous == null ? FieldSet.empty() : previous.set())
                .difference(compare.removed())
                .union(compare.modified())
                .union(compare.added())
                .recursiveDifference(reset);
        if (set.isEmpty()) {
            managers.remove(manager);
        }
        else {
            managers.put(manager, new Managers.Owned(set, apiVersion, false));
        }
    }

    /** What an apply gives: the merged object, or the conflicts that stopped it. */
    record Applied(JsonNode object, boolean changed, List<Conflict> conflicts) {
    }

    /**
     * Merges {@code config} into {@code live} for {@code manager}.
     *
     * @param live the live object (its managed fields removed), null on a create
     * @param config the applied configuration
     * @param force whether to take fields from other owners instead of reporting conflicts
     * @return the merged object and whether it differs from {@code live}, or the conflicts (then
     *     {@code managers} is left as it was)
     */
    Applied apply(@Nullable JsonNode live, JsonNode config, Managers managers, ManagerId manager, boolean force) {
        Managers working = managers.copy();
        JsonNode merged = TypedMerge.merge(live, config, type);
        Managers.Owned last = working.get(manager);
        FieldSet applied = TypedFields.of(config, type).recursiveDifference(reset);
        working.put(manager, new Managers.Owned(applied, apiVersion, true));
        if (last != null && !last.set().isEmpty()) {
            merged = prune(merged, working, last.set());
        }
        TakeOver takeOver = takeOver(live, merged, working, manager, force);
        if (!takeOver.conflicts().isEmpty()) {
            return new Applied(live == null ? merged : live, false, takeOver.conflicts());
        }
        managers.replaceWith(working);
        boolean changed = live == null || !GoValues.equal(live, merged);
        return new Applied(merged, changed, List.of());
    }

    private record TakeOver(Comparison comparison, List<Conflict> conflicts) {
    }

    /**
     * Structured-merge-diff's {@code update}: every owner but {@code self} loses the fields the write
     * removed, and the fields it added or changed, which are conflicts unless {@code force}.
     */
    private TakeOver takeOver(@Nullable JsonNode live, JsonNode next, Managers managers, ManagerId self, boolean force) {
        Comparison compare = Comparison.of(live, next, type).excluding(reset);
        FieldSet changed = compare.modified().union(compare.added());
        Map<ManagerId, FieldSet> conflicts = new LinkedHashMap<>();
        managers.owners().forEach((id, owned) -> {
            if (!id.equals(self)) {
                FieldSet taken = owned.set().intersection(changed);
                if (!taken.isEmpty()) {
                    conflicts.put(id, taken);
                }
            }
        });
        if (!force && !conflicts.isEmpty()) {
            return new TakeOver(compare, conflicts(conflicts));
        }
        managers.owners().forEach((id, owned) -> {
            if (id.equals(self)) {
                return;
            }
            FieldSet kept = owned.set().difference(conflicts.getOrDefault(id, FieldSet.empty())).difference(compare.removed());
            if (kept.isEmpty()) {
                managers.remove(id);
            }
            else {
                managers.put(id, new Managers.Owned(kept, owned.apiVersion(), owned.applied()));
            }
        });
        return new TakeOver(compare, List.of());
    }

    private static List<Conflict> conflicts(Map<ManagerId, FieldSet> byManager) {
        List<Conflict> conflicts = new ArrayList<>();
        byManager.entrySet().stream()
                .sorted(Comparator.comparing(entry -> entry.getKey().identifier(), GoValues::compareStrings))
                .forEach(entry -> entry.getValue().paths().forEach(path -> conflicts.add(new Conflict(entry.getKey(), path))));
        return conflicts;
    }

    /**
     * Structured-merge-diff's {@code prune}: removes what the applier owned last time and no longer
     * applies, unless another owner (or its new configuration) holds it; and only what it owned
     * (fields an updater added below a pruned field stay away only if the applier owned them).
     */
    private JsonNode prune(JsonNode merged, Managers managers, FieldSet lastSet) {
        FieldSet last = TypedFields.ensureNamedFieldsAreMembers(lastSet, type);
        JsonNode pruned = TypedRemove.removeItems(merged, last, type);

        // add back what an owner holds
        FieldSet mergedSet = named(TypedFields.of(merged, type));
        FieldSet prunedSet = named(TypedFields.of(pruned, type));
        FieldSet owned = named(managers.allFields());
        pruned = TypedRemove.removeItems(merged, mergedSet.difference(prunedSet.union(owned)), type);

        // add back what the applier did not own
        FieldSet stillPruned = mergedSet.difference(named(TypedFields.of(pruned, type))).intersection(last);
        return TypedRemove.removeItems(merged, stillPruned, type);
    }

    private FieldSet named(FieldSet set) {
        return TypedFields.ensureNamedFieldsAreMembers(set, type);
    }
}
