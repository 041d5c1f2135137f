package io.kubeplane.apiserver.storage;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a create or update writes: the object and the key columns derived from it.
 *
 * @param uid       the object's uid
 * @param labels    {@code metadata.labels}
 * @param fields    the kind's selectable fields and their values (e.g. {@code spec.nodeName})
 * @param ownerUids uids from {@code metadata.ownerReferences}
 * @param json      the whole object; the store sets {@code metadata.resourceVersion}
 */
public record ObjectWrite(UUID uid, Map<String, String> labels, Map<String, String> fields, List<UUID> ownerUids,
                          String json) {

    public ObjectWrite {
        labels = Map.copyOf(labels);
        fields = Map.copyOf(fields);
        ownerUids = List.copyOf(ownerUids);
    }
}
