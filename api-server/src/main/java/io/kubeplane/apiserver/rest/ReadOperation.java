package io.kubeplane.apiserver.rest;

import io.kubeplane.apiserver.http.ApiException;
import io.kubeplane.apiserver.storage.ContinueToken;
import io.kubeplane.apiserver.storage.ListPage;
import io.kubeplane.apiserver.storage.ListQuery;
import io.kubeplane.apiserver.storage.ObjectKey;
import io.kubeplane.apiserver.storage.ObjectStore;
import io.kubeplane.apiserver.storage.StoredObject;
import io.kubeplane.apiserver.watch.ConsistentReads;
import io.kubeplane.model.ApiResource;
import io.kubeplane.selector.FieldSelector;
import io.kubeplane.selector.LabelSelector;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * GET of one object and of lists. A list reports as its resourceVersion a version up to which
 * every write committed before the list began is settled ({@link ConsistentReads}), so a watch
 * started from that version misses nothing the list did not show, and repeats a change the list
 * already included only when a write raced the list.
 * Thread-safe.
 */
public final class ReadOperation {

    /** A page of objects, the list's resource version, and where the next page starts. */
    public record ListResult(List<StoredObject> items, long resourceVersion, @Nullable String continueToken) {
    }

    private final ObjectStore store;
    private final ConsistentReads consistentReads;

    public ReadOperation(ObjectStore store, ConsistentReads consistentReads) {
        this.store = store;
        this.consistentReads = consistentReads;
    }

    public StoredObject get(ApiResource resource, String namespace, String name) {
        return store.get(new ObjectKey(resource, resource.namespaced() ? namespace : "", name))
                .orElseThrow(() -> ApiException.notFound(resource, name));
    }

    public ListResult list(ApiResource resource, @Nullable String namespace, LabelSelector labels, FieldSelector fields,
                           int limit, @Nullable String continueToken) {
        ContinueToken after = null;
        long version;
        if (continueToken == null || continueToken.isEmpty()) {
            version = consistentReads.currentVersion();
        } else {
            after = ContinueToken.decode(continueToken)
                    .orElseThrow(() -> ApiException.badRequest("continue key is not valid: " + continueToken));
            // Later pages keep the first page's version, as Kubernetes lists do.
            version = after.resourceVersion();
        }
        ListPage page = store.list(new ListQuery(resource, resource.namespaced() ? namespace : null, labels, fields,
                Math.max(0, limit), after));
        String next = page.next() == null ? null
                : new ContinueToken(version, page.next().namespace(), page.next().name()).encode();
        return new ListResult(page.items(), version, next);
    }
}
