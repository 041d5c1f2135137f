package io.kubeplane.apiserver.rest;

import io.kubeplane.apiserver.http.ApiException;
import io.kubeplane.apiserver.registry.ObjectRules;
import io.kubeplane.apiserver.storage.ObjectKey;
import io.kubeplane.apiserver.storage.ObjectStore;
import io.kubeplane.apiserver.storage.StoreException;
import io.kubeplane.apiserver.storage.StoredObject;
import io.kubeplane.model.ApiResource;
import io.kubeplane.model.KubernetesJson;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import tools.jackson.databind.node.ObjectNode;

/**
 * PUT, PATCH and the status subresource: a read-modify-write of one object, as kube-apiserver's
 * {@code GuaranteedUpdate}. The new object is computed from the current one, prepared, defaulted
 * and validated, and written only if the object has not changed meanwhile. When the client named a
 * resourceVersion, a changed object is a 409 Conflict; otherwise the update is retried from the
 * fresh object. An update that changes nothing writes nothing. Thread-safe.
 */
public final class UpdateOperation {

    /** Writers racing on one object all land: each lost race costs a re-read and a short random pause. */
    private static final int ATTEMPTS = 64;

    private final ObjectStore store;
    private final ObjectRules rules;
    private final CreateOperation creator;
    private final DeleteOperation deleter;
    private final AddressAllocator addresses;

    public UpdateOperation(ObjectStore store, ObjectRules rules, CreateOperation creator, DeleteOperation deleter) {
        this(store, rules, creator, deleter, AddressAllocator.NONE);
    }

    public UpdateOperation(ObjectStore store, ObjectRules rules, CreateOperation creator, DeleteOperation deleter,
                           AddressAllocator addresses) {
        this.store = store;
        this.rules = rules;
        this.creator = creator;
        this.deleter = deleter;
        this.addresses = addresses;
    }

    /** The result of an update, and whether it created the object (PUT to a missing Endpoints, say). */
    public record Result(ObjectNode object, boolean created) {
    }

    /** PUT of the whole object, or of its status when {@code statusOnly}. */
    public Result replace(ApiResource resource, String namespace, String name, ObjectNode body, boolean statusOnly,
                          WriteOptions options) {
        ObjectTrees.checkKind(resource, body);
        ObjectTrees.checkNamespace(resource, body, namespace);
        String bodyName = ObjectTrees.name(body);
        if (!bodyName.equals(name)) {
            throw ApiException.badRequest("the name of the object (" + bodyName + ") does not match the name on the URL (" + name + ")");
        }
        ObjectKey key = key(resource, namespace, name);
        if (!statusOnly && rules.strategy(resource).allowCreateOnUpdate() && store.get(key).isEmpty()) {
            try {
                return new Result(creator.create(resource, namespace, body, options), true);
            } catch (ApiException e) {
                if (!"AlreadyExists".equals(e.status().getReason())) {
                    throw e;
                }
                // Created meanwhile by someone else: fall through to a normal update.
            }
        }
        return new Result(modify(key, statusOnly, old -> body.deepCopy(), options), false);
    }

    /** PATCH: {@code patch} computes the new object from the current one. */
    public ObjectNode patch(ApiResource resource, String namespace, String name, boolean statusOnly,
                            UnaryOperator<ObjectNode> patch, WriteOptions options) {
        return modify(key(resource, namespace, name), statusOnly, old -> {
            ObjectNode patched = patch.apply(old.deepCopy());
            ObjectTrees.checkKind(resource, patched);
            if (!ObjectTrees.name(patched).equals(name)) {
                throw ApiException.badRequest("metadata.name: the name of a patched object cannot change");
            }
            return patched;
        }, options);
    }

    /**
     * Writes {@code change(current)} in place of the current object; the shared loop of PUT and PATCH.
     * Also used by the api-server's own controllers.
     */
    public ObjectNode modify(ObjectKey key, boolean statusOnly, UnaryOperator<ObjectNode> change) {
        return modify(key, statusOnly, change, WriteOptions.DEFAULT);
    }

    /** As {@link #modify(ObjectKey, boolean, UnaryOperator)}, with write options. */
    public ObjectNode modify(ObjectKey key, boolean statusOnly, UnaryOperator<ObjectNode> change, WriteOptions options) {
        return modify(key, statusOnly ? ObjectAdmission.Mode.STATUS : ObjectAdmission.Mode.UPDATE, change, options, true);
    }

    /**
     * Writes {@code change(current)}, which sets the pod's {@code spec.nodeName} (the one spec change
     * no update may make, reserved to the {@code pods/binding} subresource) and its status conditions.
     */
    public ObjectNode bind(ObjectKey key, UnaryOperator<ObjectNode> change, WriteOptions options) {
        return modify(key, ObjectAdmission.Mode.BINDING, change, options, true);
    }

    /**
     * Server-side apply ({@code application/apply-patch+yaml}): merges the applied configuration
     * into the object by field ownership, creating it when missing; conflicts with other managers
     * are a 409 unless {@code force}.
     */
    public ObjectNode apply(ApiResource resource, String namespace, String name, ObjectNode applied, boolean force,
                            boolean statusOnly, WriteOptions options) {
        ObjectTrees.checkKind(resource, applied);
        ObjectTrees.checkNamespace(resource, applied, namespace);
        if (!ObjectTrees.name(applied).equals(name)) {
            throw ApiException.badRequest("the name of the object (" + ObjectTrees.name(applied)
                                          + ") does not match the name on the URL (" + name + ")");
        }
        String subresource = statusOnly ? "status" : null;
        ObjectKey key = key(resource, namespace, name);
        for (int attempt = 1; ; attempt++) {
            if (store.get(key).isEmpty() && !statusOnly) {
                ObjectNode created = ServerSideApplication.apply(null, applied, options.manager(), force, rules.now(),
                        subresource);
                try {
                    return creator.create(resource, namespace, created, options, false);
                } catch (ApiException e) {
                    if (!"AlreadyExists".equals(e.status().getReason()) || attempt > 2) {
                        throw e;
                    }
                    continue; // created meanwhile: apply to it
                }
            }
            return modify(key, statusOnly, old -> {
                ObjectNode merged = ServerSideApplication.apply(old, applied, options.manager(), force, rules.now(), subresource);
                ObjectTrees.setResourceVersion(merged, Long.parseLong(ObjectTrees.resourceVersion(old)));
                return merged;
            }, options, false);
        }
    }

    private ObjectNode modify(ObjectKey key, boolean statusOnly, UnaryOperator<ObjectNode> change, WriteOptions options,
                              boolean recordManager) {
        return modify(key, statusOnly ? ObjectAdmission.Mode.STATUS : ObjectAdmission.Mode.UPDATE, change, options,
                recordManager);
    }

    private ObjectNode modify(ObjectKey key, ObjectAdmission.Mode mode, UnaryOperator<ObjectNode> change, WriteOptions options,
                              boolean recordManager) {
        boolean statusOnly = mode == ObjectAdmission.Mode.STATUS;
        ApiResource resource = key.resource();
        for (int attempt = 1; ; attempt++) {
            StoredObject current = store.get(key).orElseThrow(() -> ApiException.notFound(resource, key.name()));
            ObjectNode old = ObjectTrees.parse(current.json());
            ObjectNode requested = change.apply(old);
            String precondition = ObjectTrees.resourceVersion(requested);
            if (!precondition.isEmpty() && !precondition.equals(Long.toString(current.resourceVersion()))) {
                throw conflict(resource, key.name());
            }
            ObjectNode prepared = switch (mode) {
                case STATUS -> rules.prepareForStatusUpdate(requested, old);
                // A binding also sets PodScheduled=True, which no other spec write may touch.
                case BINDING -> withStatus(rules.prepareForUpdate(resource, requested.deepCopy(), old), requested);
                default -> rules.prepareForUpdate(resource, requested, old);
            };
            ObjectNode updated = (ObjectNode) KubernetesJson.toTree(ObjectAdmission.admit(
                    resource, prepared, old, mode, options));
            ObjectTrees.setResourceVersion(updated, current.resourceVersion());
            if (recordManager) {
                // A write that changes nothing else leaves managedFields alone too, as kube-apiserver does.
                if (ObjectTrees.sameContent(ManagedFieldsRecorder.without(updated), ManagedFieldsRecorder.without(old))) {
                    return old;
                }
                updated = ManagedFieldsRecorder.update(old, updated, options.manager(), rules.now(),
                        statusOnly ? "status" : null);
            }
            if (options.dryRun()) {
                if (!statusOnly) {
                    addresses.reserve(resource, updated, old, true);
                }
                return updated;
            }
            if (ObjectTrees.sameContent(updated, old)) {
                return old;
            }
            if (deleter.finalizersDone(updated)) {
                return deleter.deleteFinalized(key, current);
            }
            AddressAllocator.Reservation reservation = statusOnly ? AddressAllocator.Reservation.NONE
                    : addresses.reserve(resource, updated, old, false);
            boolean stored = false;
            try {
                long version = store.update(key, current.resourceVersion(), ObjectTrees.write(rules, resource, updated),
                        ObjectTrees.labels(old), rules.selectableFields(resource, old));
                stored = true;
                reservation.committed();
                ObjectTrees.setResourceVersion(updated, version);
                return updated;
            } catch (StoreException.Conflict e) {
                // Someone wrote in between: read again and re-apply. A resourceVersion the client
                // asked for is checked against the fresh object at the top of the loop, so a stale
                // precondition still ends in 409; a patch that named none (it carries the version it
                // was applied to) is retried, as kube-apiserver's GuaranteedUpdate does.
                if (attempt == ATTEMPTS) {
                    throw conflict(resource, key.name());
                }
                backOff(attempt);
            } catch (StoreException.NotFound e) {
                throw ApiException.notFound(resource, key.name());
            } finally {
                if (!stored) {
                    reservation.abandoned();
                }
            }
        }
    }

    /** Jittered pause after a few lost races, so many writers of one object stop colliding in lockstep. */
    private static void backOff(int attempt) {
        if (attempt < 3) {
            return;
        }
        long bound = Math.min(50, 1L << Math.min(attempt, 6));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, bound + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.internal("interrupted while retrying a conflicting write");
        }
    }

    private static ObjectNode withStatus(ObjectNode object, ObjectNode statusFrom) {
        if (statusFrom.has("status")) {
            object.set("status", statusFrom.get("status"));
        }
        return object;
    }

    private static ApiException conflict(ApiResource resource, String name) {
        return ApiException.conflict(resource, name, "Operation cannot be fulfilled on " + resource.groupResource() + " \""
                + name + "\": the object has been modified; please apply your changes to the latest version and try again");
    }

    private static ObjectKey key(ApiResource resource, String namespace, String name) {
        return new ObjectKey(resource, resource.namespaced() ? namespace : "", name);
    }
}
