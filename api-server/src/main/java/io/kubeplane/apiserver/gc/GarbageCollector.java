package io.kubeplane.apiserver.gc;

import io.kubeplane.apiserver.http.ApiException;
import io.kubeplane.apiserver.rest.DeleteOperation;
import io.kubeplane.apiserver.storage.ObjectStore;
import io.kubeplane.apiserver.storage.StoredObject;
import io.kubeplane.model.KubernetesJson;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Deletes dependents whose owners are all gone (background propagation). Driven per deletion by
 * the {@link CollectionLoop} and, as a safety net for work a crash interrupted, by a periodic sweep
 * over the store. A dependent that still has a live owner is left
 * alone, as Kubernetes does. Dependents are deleted with their own grace period, as Kubernetes'
 * garbage collector deletes them: a pod on a node is only marked, and its node's agent (or the pod
 * garbage collector, when the node is gone) removes it. Thread-safe; deleting what is already gone
 * is success.
 */
public final class GarbageCollector {

    private static final Logger log = LoggerFactory.getLogger(GarbageCollector.class);
    private static final int SWEEP_BATCH = 500;

    private final ObjectStore store;
    private final DeleteOperation deleter;

    public GarbageCollector(ObjectStore store, DeleteOperation deleter) {
        this.store = store;
        this.deleter = deleter;
    }

    /** An owner with this uid was deleted: collect what depended only on it. Returns how many were removed. */
    public int ownerDeleted(UUID ownerUid) {
        int deleted = 0;
        for (StoredObject dependent : store.dependentsOf(ownerUid)) {
            if (!store.anyExists(ownerUids(dependent))) {
                deleted += delete(dependent) ? 1 : 0;
            }
        }
        return deleted;
    }

    /** Deletes objects left behind by owners or namespaces that are gone. Returns how many were removed. */
    public int sweep() {
        int deleted = 0;
        List<StoredObject> orphans = store.orphans(SWEEP_BATCH);
        for (StoredObject orphan : orphans) {
            deleted += delete(orphan) ? 1 : 0;
        }
        return deleted;
    }

    private boolean delete(StoredObject object) {
        try {
            DeleteOperation.Result result = deleter.delete(object.key().resource(), object.key().namespace(),
                    object.key().name(), new DeleteOperation.Options(object.uid(), null, DeleteOperation.Propagation.BACKGROUND));
            if (result.pending()) {
                log.debug("garbage-collecting {}: waiting for its finalizers or its grace period", object.key());
                return false;
            }
            log.debug("garbage-collected {}", object.key());
            return true;
        } catch (ApiException e) {
            // NotFound: already gone. Conflict: replaced by a new object of the same name, not ours to delete.
            if (e.code() != 404 && e.code() != 409) {
                log.warn("could not garbage-collect {}: {}", object.key(), e.getMessage());
            }
            return false;
        }
    }

    private static List<UUID> ownerUids(StoredObject object) {
        List<UUID> uids = new ArrayList<>();
        JsonNode references = KubernetesJson.JSON.readTree(object.json()).path("metadata").path("ownerReferences");
        for (JsonNode reference : references) {
            try {
                uids.add(UUID.fromString(reference.path("uid").asString("")));
            } catch (IllegalArgumentException notAUid) {
                // cannot name a live owner
            }
        }
        return uids;
    }
}
