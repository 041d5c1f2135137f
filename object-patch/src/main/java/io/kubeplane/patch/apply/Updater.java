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
 * an update.
 * <pre>
 *   update   the writer owns what it added or changed; every other owner loses it and what was removed
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
}
