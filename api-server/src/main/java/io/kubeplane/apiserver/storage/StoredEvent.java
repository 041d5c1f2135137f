package io.kubeplane.apiserver.storage;

import io.kubeplane.events.WatchEventType;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One committed write, as the watch-event log holds it.
 *
 * @param resourceVersion the write's resource version
 * @param type            ADDED, MODIFIED or DELETED
 * @param resource        group resource of the object's kind
 * @param namespace       the object's namespace, empty for cluster-scoped kinds
 * @param name            the object's name
 * @param labels          labels after the write (before it, for a deletion)
 * @param fields          selectable fields after the write
 * @param previousLabels  labels before a MODIFIED, null otherwise
 * @param previousFields  selectable fields before a MODIFIED, null otherwise
 * @param json            the object after the write; for DELETED, its last state with the deletion's version
 */
public record StoredEvent(long resourceVersion, WatchEventType type, String resource, String namespace, String name,
                          Map<String, String> labels, Map<String, String> fields,
                          @Nullable Map<String, String> previousLabels, @Nullable Map<String, String> previousFields,
                          String json) {
}
