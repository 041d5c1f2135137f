package io.kubeplane.apiserver.rest;

import io.kubeplane.apiserver.http.ApiException;
import io.kubeplane.apiserver.registry.ObjectRules;
import io.kubeplane.apiserver.storage.ObjectKey;
import io.kubeplane.apiserver.storage.ObjectStore;
import io.kubeplane.apiserver.storage.StoreException;
import io.kubeplane.model.ApiResource;
import io.kubeplane.model.ApiResources;
import io.kubeplane.model.KubernetesJson;
import tools.jackson.databind.node.ObjectNode;

/**
 * POST: prepares, defaults and validates a new object, then stores it with its ADDED event.
 * A name generated from {@code generateName} that is already taken is drawn again, a few times, as
 * kube-apiserver does. Thread-safe.
 */
public final class CreateOperation {

    private static final int GENERATED_NAME_ATTEMPTS = 8;

    private final ObjectStore store;
    private final ObjectRules rules;
    private final AddressAllocator addresses;

    public CreateOperation(ObjectStore store, ObjectRules rules) {
        this(store, rules, AddressAllocator.NONE);
    }

    public CreateOperation(ObjectStore store, ObjectRules rules, AddressAllocator addresses) {
        this.store = store;
        this.rules = rules;
        this.addresses = addresses;
    }

    /** Creates the object and returns it as stored, resourceVersion included. */
    public ObjectNode create(ApiResource resource, String namespace, ObjectNode body) {
        return create(resource, namespace, body, WriteOptions.DEFAULT);
    }

    /** Creates the object (or, for a dry run, only works it out) and returns it. */
    public ObjectNode create(ApiResource resource, String namespace, ObjectNode body, WriteOptions options) {
        return create(resource, namespace, body, options, true);
    }

    /**
     * @param recordManager whether to record the write in managedFields as the options' manager
     *                      (false when server-side apply has already recorded it)
     */
    ObjectNode create(ApiResource resource, String namespace, ObjectNode body, WriteOptions options, boolean recordManager) {
        ObjectTrees.checkKind(resource, body);
        ObjectTrees.checkNamespace(resource, body, namespace);
        boolean generatedName = ObjectTrees.name(body).isEmpty();
        // The body is this request's own tree: prepare it in place.
        ObjectNode prepared = rules.prepareForCreate(resource, body, namespace);
        for (int attempt = 1; ; attempt++) {
            ObjectNode object = (ObjectNode) KubernetesJson.toTree(ObjectAdmission.admitCreate(resource, prepared, options));
            if (recordManager) {
                object = ManagedFieldsRecorder.create(object, options.manager(), rules.now());
            }
            String name = ObjectTrees.name(object);
            ObjectKey key = new ObjectKey(resource, resource.namespaced() ? namespace : "", name);
            if (options.dryRun()) {
                dryRun(key);
                addresses.reserve(resource, object, null, true);
                return object;
            }
            AddressAllocator.Reservation reservation = addresses.reserve(resource, object, null, false);
            boolean stored = false;
            try {
                long version = store.create(key, ObjectTrees.write(rules, resource, object));
                stored = true;
                reservation.committed();
                ObjectTrees.setResourceVersion(object, version);
                return object;
            } catch (StoreException.AlreadyExists e) {
                if (!generatedName || attempt == GENERATED_NAME_ATTEMPTS) {
                    throw ApiException.alreadyExists(resource, name);
                }
                String prefix = object.path("metadata").path("generateName").asString("");
                ObjectTrees.metadata(prepared).put("name", rules.generateName(prefix));
            } catch (StoreException.NamespaceNotActive e) {
                throw e.terminating()
                        ? ApiException.forbidden(resource, name, e.getMessage())
                        : ApiException.notFound(ApiResources.NAMESPACES, namespace);
            } finally {
                if (!stored) {
                    reservation.abandoned();
                }
            }
        }
    }

    /** A dry run answers what would be created, and the errors a real create would meet. */
    private void dryRun(ObjectKey key) {
        if (store.get(key).isPresent()) {
            throw ApiException.alreadyExists(key.resource(), key.name());
        }
        if (!key.namespace().isEmpty() && store.get(new ObjectKey(ApiResources.NAMESPACES, "", key.namespace())).isEmpty()) {
            throw ApiException.notFound(ApiResources.NAMESPACES, key.namespace());
        }
    }
}
