package io.kubeplane.apiserver.rest;

import io.kubeplane.apiserver.http.ApiException;
import io.kubeplane.apiserver.registry.GracefulDeletion;
import io.kubeplane.apiserver.registry.ObjectRules;
import io.kubeplane.apiserver.storage.ObjectKey;
import io.kubeplane.apiserver.storage.ObjectStore;
import io.kubeplane.apiserver.storage.StoreException;
import io.kubeplane.apiserver.storage.StoredObject;
import io.kubeplane.model.ApiResource;
import io.kubeplane.model.ApiResources;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * DELETE of one object, as kube-apiserver does it: preconditions checked; an object with finalizers
 * (and every Namespace) only marked with a deletionTimestamp, to be removed once its finalizers are
 * done; a pod on a node given its grace period ({@link GracefulDeletion}): marked, with a MODIFIED
 * event, until its node's agent (or a {@code gracePeriodSeconds=0} delete) removes it; otherwise
 * removed at once with its DELETED event. Dependents named by ownerReferences are then collected in
 * the background by the garbage collector, or orphaned when asked. Thread-safe.
 */
public final class DeleteOperation {

    private static final int ATTEMPTS = 16;

    /** How dependents are treated, as {@code DeleteOptions.propagationPolicy}. */
    public enum Propagation { BACKGROUND, FOREGROUND, ORPHAN }

    /**
     * {@code DeleteOptions}: preconditions, propagation, whether this is a dry run, and the grace
     * period asked for (null: the object's own).
     */
    public record Options(@Nullable UUID uid, @Nullable Long resourceVersion, Propagation propagation, boolean dryRun,
                          @Nullable Long gracePeriodSeconds) {
        public static final Options DEFAULT = new Options(null, null, Propagation.BACKGROUND, false, null);

        public Options(@Nullable UUID uid, @Nullable Long resourceVersion, Propagation propagation) {
            this(uid, resourceVersion, propagation, false, null);
        }
    }

    /** How far a DELETE got. */
    public enum Outcome {
        /** Removed from the store, with its DELETED event. */
        REMOVED,
        /** Marked; removed once its finalizers are done (every Namespace: once it is empty). */
        FINALIZING,
        /** Marked with a grace period, or already so marked: its node's agent removes it (pods). */
        TERMINATING
    }

    /** The object as of the deletion, and how far the deletion got. */
    public record Result(ObjectNode object, Outcome outcome) {

        /** Whether the object is still there, marked for deletion. */
        public boolean pending() {
            return outcome != Outcome.REMOVED;
        }
    }

    private final ObjectStore store;
    private final ObjectRules rules;
    private final Clock clock;
    private final AddressAllocator addresses;

    public DeleteOperation(ObjectStore store, ObjectRules rules, Clock clock) {
        this(store, rules, clock, AddressAllocator.NONE);
    }

    public DeleteOperation(ObjectStore store, ObjectRules rules, Clock clock, AddressAllocator addresses) {
        this.store = store;
        this.rules = rules;
        this.clock = clock;
        this.addresses = addresses;
    }

    public Result delete(ApiResource resource, String namespace, String name, Options options) {
        ObjectKey key = new ObjectKey(resource, resource.namespaced() ? namespace : "", name);
        for (int attempt = 1; ; attempt++) {
            StoredObject current = store.get(key).orElseThrow(() -> ApiException.notFound(resource, name));
            checkPreconditions(resource, name, current, options);
            ObjectNode old = ObjectTrees.parse(current.json());
            try {
                if (resource.equals(ApiResources.NAMESPACES) || hasFinalizers(old)) {
                    return new Result(options.dryRun() ? old : markDeleting(key, current, old), Outcome.FINALIZING);
                }
                GracefulDeletion plan = GracefulDeletion.plan(rules.strategy(resource), old, options.gracePeriodSeconds(),
                        Instant.now(clock));
                if (plan.action() == GracefulDeletion.Action.PENDING) {
                    return new Result(old, Outcome.TERMINATING);
                }
                if (plan.action() == GracefulDeletion.Action.MARK) {
                    return new Result(options.dryRun() ? plan.object() : write(key, current, old, plan.object()),
                            Outcome.TERMINATING);
                }
                if (options.dryRun()) {
                    return new Result(old, Outcome.REMOVED);
                }
                if (options.propagation() == Propagation.ORPHAN) {
                    orphanDependents(current.uid());
                }
                ObjectNode deleted = ObjectTrees.parse(store.delete(key, current.uid(), current.resourceVersion()).json());
                addresses.released(resource, deleted);
                return new Result(deleted, Outcome.REMOVED);
            } catch (StoreException.Conflict e) {
                if (attempt == ATTEMPTS) {
                    throw ApiException.conflict(resource, name, e.getMessage());
                }
            } catch (StoreException.NotFound e) {
                throw ApiException.notFound(resource, name);
            }
        }
    }

    /**
     * Whether an update leaves an object marked for deletion with no finalizers: then it goes, as
     * kube-apiserver's {@code ShouldDeleteDuringUpdate} decides. A pod in its grace period stays
     * until it is deleted with grace 0, however often its node's agent updates its status.
     */
    boolean finalizersDone(ObjectNode object) {
        JsonNode metadata = object.path("metadata");
        return metadata.hasNonNull("deletionTimestamp") && metadata.path("deletionGracePeriodSeconds").asLong(0) == 0
               && !hasFinalizers(object) && !object.path("kind").asString("").equals("Namespace");
    }

    /** Removes an object whose finalizers are done; returns it as of the deletion. */
    ObjectNode deleteFinalized(ObjectKey key, StoredObject current) {
        try {
            ObjectNode deleted = ObjectTrees.parse(store.delete(key, current.uid(), current.resourceVersion()).json());
            addresses.released(key.resource(), deleted);
            return deleted;
        } catch (StoreException.NotFound e) {
            throw ApiException.notFound(key.resource(), key.name());
        } catch (StoreException.Conflict e) {
            throw ApiException.conflict(key.resource(), key.name(), e.getMessage());
        }
    }

    private ObjectNode markDeleting(ObjectKey key, StoredObject current, ObjectNode old) {
        if (old.path("metadata").hasNonNull("deletionTimestamp")) {
            return old;
        }
        ObjectNode marked = old.deepCopy();
        ObjectTrees.metadata(marked).put("deletionTimestamp",
                DateTimeFormatter.ISO_INSTANT.format(Instant.now(clock).truncatedTo(ChronoUnit.SECONDS)));
        ObjectTrees.metadata(marked).put("deletionGracePeriodSeconds", 0);
        if (key.resource().equals(ApiResources.NAMESPACES)) {
            marked.withObjectProperty("status").put("phase", "Terminating");
        }
        return write(key, current, old, marked);
    }

    /** Stores {@code updated} in place of {@code current} (its MODIFIED event); returns it with its new version. */
    private ObjectNode write(ObjectKey key, StoredObject current, ObjectNode old, ObjectNode updated) {
        long version = store.update(key, current.resourceVersion(), ObjectTrees.write(rules, key.resource(), updated),
                ObjectTrees.labels(old), rules.selectableFields(key.resource(), old));
        ObjectTrees.setResourceVersion(updated, version);
        return updated;
    }

    /** Removes the owner's reference from each dependent, so the garbage collector leaves them be. */
    private void orphanDependents(UUID ownerUid) {
        for (StoredObject dependent : store.dependentsOf(ownerUid)) {
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                StoredObject current = store.get(dependent.key()).orElse(null);
                if (current == null) {
                    break;
                }
                ObjectNode old = ObjectTrees.parse(current.json());
                ObjectNode updated = old.deepCopy();
                if (ObjectTrees.metadata(updated).get("ownerReferences") instanceof ArrayNode references) {
                    for (int i = references.size() - 1; i >= 0; i--) {
                        if (references.get(i).path("uid").asString("").equals(ownerUid.toString())) {
                            references.remove(i);
                        }
                    }
                }
                try {
                    store.update(current.key(), current.resourceVersion(),
                            ObjectTrees.write(rules, current.key().resource(), updated),
                            ObjectTrees.labels(old), rules.selectableFields(current.key().resource(), old));
                    break;
                } catch (StoreException.Conflict | StoreException.NotFound e) {
                    // changed or gone meanwhile: read it again
                }
            }
        }
    }

    private static boolean hasFinalizers(JsonNode object) {
        return !object.path("metadata").path("finalizers").isEmpty();
    }

    private static void checkPreconditions(ApiResource resource, String name, StoredObject current, Options options) {
        if (options.uid() != null && !options.uid().equals(current.uid())) {
            throw ApiException.conflict(resource, name, "Operation cannot be fulfilled on " + resource.groupResource()
                    + " \"" + name + "\": Precondition failed: UID in precondition: " + options.uid()
                    + ", UID in object meta: " + current.uid());
        }
        if (options.resourceVersion() != null && options.resourceVersion() != current.resourceVersion()) {
            throw ApiException.conflict(resource, name, "Operation cannot be fulfilled on " + resource.groupResource()
                    + " \"" + name + "\": Precondition failed: ResourceVersion in precondition: "
                    + options.resourceVersion() + ", ResourceVersion in object meta: " + current.resourceVersion());
        }
    }
}
