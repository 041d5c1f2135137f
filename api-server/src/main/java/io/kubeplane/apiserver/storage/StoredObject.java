package io.kubeplane.apiserver.storage;

import java.util.UUID;

/**
 * An object as the store holds it.
 *
 * @param key             where it lives
 * @param uid             its uid
 * @param resourceVersion the version of its last write
 * @param json            the whole object as JSON, {@code metadata.resourceVersion} included
 */
public record StoredObject(ObjectKey key, UUID uid, long resourceVersion, String json) {
}
