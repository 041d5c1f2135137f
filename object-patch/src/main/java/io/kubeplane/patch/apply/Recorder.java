package io.kubeplane.patch.apply;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The parts of kube-apiserver's field manager that wrap structured-merge-diff, shared by updates and
 * applies:
 * <pre>
 *   managedFieldsUpdater   an update is recorded under a transient owner, then added to the writer's
 *                          entry, whose time moves only if the write changed something
 *   stripMetaManager       nobody owns apiVersion, kind, or metadata name, namespace, uid,
 *                          resourceVersion, generation, creationTimestamp, managedFields
 *   capManagersManager     past 10 update entries, the oldest merge into "ancient-changes" per version
 * </pre>
 *
 * <p>Stateless and thread-safe.
 */
final class Recorder {

    /** kube-apiserver's {@code DefaultMaxUpdateManagers}. */
    static final int MAX_UPDATE_MANAGERS = 10;

    private static final String ANCIENT_CHANGES = "ancient-changes";

    private static final FieldSet STRIPPED = FieldSet.of(
            FieldPath.fields("apiVersion"),
            FieldPath.fields("kind"),
            FieldPath.fields("metadata"),
            FieldPath.fields("metadata", "name"),
            FieldPath.fields("metadata", "namespace"),
            FieldPath.fields("metadata", "creationTimestamp"),
            FieldPath.fields("metadata", "selfLink"),
            FieldPath.fields("metadata", "uid"),
            FieldPath.fields("metadata", "clusterName"),
            FieldPath.fields("metadata", "generation"),
            FieldPath.fields("metadata", "managedFields"),
            FieldPath.fields("metadata", "resourceVersion"));

    private Recorder() {
    }

    /** Records a non-apply write by {@code writer}, as {@code managedFieldsUpdater.Update} does. */
    static void recordUpdate(Updater updater, @Nullable JsonNode live, JsonNode next, Managers managers, ManagerId writer, Instant now) {
        updater.update(live, next, managers, ManagerId.CURRENT_OPERATION);
        strip(managers, ManagerId.CURRENT_OPERATION);
        Managers.Owned changed = managers.get(ManagerId.CURRENT_OPERATION);
        if (changed == null) {
            // nothing changed: the writer's entry and time stay as they were
            return;
        }
        managers.remove(ManagerId.CURRENT_OPERATION);
        Managers.Owned previous = managers.get(writer);
        FieldSet set = previous == null ? changed.set() : changed.set().union(previous.set());
        managers.put(writer, new Managers.Owned(set, changed.apiVersion(), changed.applied()));
        managers.setTime(writer, now);
    }

    /** Removes the metadata nobody owns from {@code owner}'s set, and the owner if nothing is left. */
    static void strip(Managers managers, ManagerId owner) {
        Managers.Owned owned = managers.get(owner);
        if (owned == null) {
            return;
        }
        FieldSet set = owned.set().difference(STRIPPED);
        if (set.isEmpty()) {
            managers.remove(owner);
        }
        else {
            managers.put(owner, new Managers.Owned(set, owned.apiVersion(), owned.applied()));
        }
    }

    /** Merges the oldest update entries into one {@code ancient-changes} entry per version, down to the cap. */
    static void capUpdateManagers(Managers managers) {
        List<ManagerId> updaters = new ArrayList<>();
        managers.owners().forEach((id, owned) -> {
            if (!owned.applied()) {
                updaters.add(id);
            }
        });
        if (updaters.size() <= MAX_UPDATE_MANAGERS) {
            return;
        }
        updaters.sort(Comparator
                .comparingLong((ManagerId id) -> seconds(managers.time(id)))
                .thenComparing(ManagerId::identifier, GoValues::compareStrings));
        Map<String, ManagerId> firstByVersion = new HashMap<>();
        int length = updaters.size();
        for (int i = 0; i < updaters.size() && length > MAX_UPDATE_MANAGERS; i++) {
            ManagerId id = updaters.get(i);
            Managers.Owned owned = managers.get(id);
            if (owned == null) {
                continue;
            }
            Instant time = managers.time(id);
            String version = owned.apiVersion();
            ManagerId bucket = ManagerId.updater(ANCIENT_CHANGES, version, null);
            ManagerId first = firstByVersion.get(version);
            if (first == null) {
                firstByVersion.put(version, id);
                continue;
            }
            if (managers.get(bucket) == null) {
                Managers.Owned firstOwned = managers.get(first);
                managers.remove(first);
                if (firstOwned != null) {
                    managers.put(bucket, firstOwned);
                }
            }
            Managers.Owned inBucket = managers.get(bucket);
            FieldSet set = inBucket == null ? owned.set() : owned.set().union(inBucket.set());
            managers.put(bucket, new Managers.Owned(set, owned.apiVersion(), owned.applied()));
            managers.remove(id);
            length--;
            // the bucket takes the time of the newer update merged into it
            managers.setTime(bucket, time);
        }
    }

    private static long seconds(@Nullable Instant time) {
        return time == null ? 0 : time.getEpochSecond();
    }
}
