package io.kubeplane.apiserver.gc;

import io.kubeplane.apiserver.http.ApiException;
import io.kubeplane.apiserver.rest.DeleteOperation;
import io.kubeplane.apiserver.rest.ReadOperation;
import io.kubeplane.apiserver.storage.ObjectKey;
import io.kubeplane.apiserver.storage.ObjectStore;
import io.kubeplane.apiserver.storage.StoreException;
import io.kubeplane.apiserver.storage.StoredObject;
import io.kubeplane.model.ApiResource;
import io.kubeplane.model.ApiResources;
import io.kubeplane.selector.FieldSelector;
import io.kubeplane.selector.LabelSelector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes the deletion of terminating namespaces, as kube-controller-manager's namespace
 * controller: deletes every object in the namespace, and once none is left deletes the namespace.
 * Objects with finalizers keep the namespace until their finalizers are done; pods on a node are
 * deleted with their own grace period, as Kubernetes does, and keep it until their node's agent
 * (or, for a node that is gone or NotReady, the workload controller's pod garbage collector)
 * removes them. Each pass asks again, which changes nothing for what is already terminating, so
 * the {@link CollectionLoop} simply retries on every deletion and every resync. Thread-safe.
 */
public final class NamespaceController {

    private static final Logger log = LoggerFactory.getLogger(NamespaceController.class);

    private final ObjectStore store;
    private final ReadOperation reader;
    private final DeleteOperation deleter;
    private final ApiResources resources;

    public NamespaceController(ObjectStore store, ReadOperation reader, DeleteOperation deleter, ApiResources resources) {
        this.store = store;
        this.reader = reader;
        this.deleter = deleter;
        this.resources = resources;
    }

    /** Works on every terminating namespace once; returns how many namespaces were removed. */
    public int reconcile() {
        int removed = 0;
        for (String namespace : store.terminatingNamespaces()) {
            removed += finish(namespace) ? 1 : 0;
        }
        return removed;
    }

    private boolean finish(String namespace) {
        for (ApiResource resource : resources.all()) {
            if (!resource.namespaced()) {
                continue;
            }
            for (StoredObject object : reader.list(resource, namespace, LabelSelector.everything(),
                    FieldSelector.everything(), 0, null).items()) {
                try {
                    deleter.delete(resource, namespace, object.key().name(), DeleteOperation.Options.DEFAULT);
                } catch (ApiException e) {
                    if (e.code() != 404 && e.code() != 409) {
                        log.warn("could not delete {} in terminating namespace {}: {}", object.key(), namespace,
                                e.getMessage());
                    }
                }
            }
        }
        if (store.namespaceHasContent(namespace)) {
            log.debug("namespace {} still has content (finalizers or pods terminating); retrying later", namespace);
            return false;
        }
        ObjectKey key = new ObjectKey(ApiResources.NAMESPACES, "", namespace);
        try {
            store.get(key).ifPresent(current -> store.delete(key, current.uid(), current.resourceVersion()));
            log.info("namespace {} deleted", namespace);
            return true;
        } catch (StoreException.NotFound | StoreException.Conflict e) {
            return false;
        }
    }
}
