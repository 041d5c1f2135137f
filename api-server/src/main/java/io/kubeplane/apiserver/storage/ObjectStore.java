package io.kubeplane.apiserver.storage;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The cluster store: objects by key, each write stored together with its watch event in one
 * transaction, each committed write given a new resource version.
 *
 * <p>Implementations are thread-safe. Called by the api-server's registry and by its controllers
 * (garbage collector, namespace controller).
 */
public interface ObjectStore {

    /**
     * Stores a new object and returns its resource version.
     *
     * @throws StoreException.AlreadyExists      when the key is taken
     * @throws StoreException.NamespaceNotActive when a namespaced object's namespace is missing or terminating
     */
    long create(ObjectKey key, ObjectWrite write);

    Optional<StoredObject> get(ObjectKey key);

    /**
     * Replaces an object if its resource version is still {@code expectedVersion}; returns the new
     * resource version.
     *
     * @param previousLabels labels of the version being replaced, recorded in the watch event
     * @param previousFields selectable fields of the version being replaced
     * @throws StoreException.NotFound when the object is gone
     * @throws StoreException.Conflict when it has changed since {@code expectedVersion}
     */
    long update(ObjectKey key, long expectedVersion, ObjectWrite write, Map<String, String> previousLabels,
                Map<String, String> previousFields);

    /**
     * Deletes an object, if it still has the given uid and resource version (each checked when not
     * null), and returns it as of the deletion, with the deletion's resource version.
     *
     * @throws StoreException.NotFound when the object is gone
     * @throws StoreException.Conflict when a precondition does not hold
     */
    StoredObject delete(ObjectKey key, @Nullable UUID expectedUid, @Nullable Long expectedVersion);

    ListPage list(ListQuery query);

    /** Objects that name {@code ownerUid} in their ownerReferences, of any kind. */
    List<StoredObject> dependentsOf(UUID ownerUid);

    /** Whether an object with any of these uids exists. */
    boolean anyExists(List<UUID> uids);

    /**
     * Objects left behind: every owner in their ownerReferences is gone, or their namespace is.
     * Objects already being deleted (finalizers, a pod's grace period) are left out: deleting them
     * again changes nothing, and they would crowd the others out of the batch. At most
     * {@code limit} of them.
     */
    List<StoredObject> orphans(int limit);

    /** Names of namespaces marked for deletion. */
    List<String> terminatingNamespaces();

    /** Whether any object of any namespaced kind remains in the namespace. */
    boolean namespaceHasContent(String namespace);
}
