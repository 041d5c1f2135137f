package io.kubeplane.model.defaults;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceSpec;
import io.fabric8.kubernetes.api.model.NamespaceStatus;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Defaults of the cluster-scoped kinds. Namespaces get the {@code kubernetes.io/metadata.name}
 * label, the {@code kubernetes} finalizer and phase Active; Nodes report their capacity as
 * allocatable when they give no allocatable.
 *
 * <p>Stateless and thread-safe; called by {@link Defaulting}.
 */
final class ClusterDefaults {

    /** The label every namespace carries with its own name, so selectors can pick namespaces by name. */
    static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";
    static final String KUBERNETES_FINALIZER = "kubernetes";

    private ClusterDefaults() {
    }

    static void apply(Namespace namespace) {
        if (namespace.getMetadata() == null) {
            namespace.setMetadata(new ObjectMeta());
        }
        ObjectMeta meta = namespace.getMetadata();
        // A nameless namespace (generateName) gets the label once the name is generated.
        if (!Values.isEmpty(meta.getName())) {
            Map<String, String> labels = meta.getLabels() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(meta.getLabels());
            labels.put(NAMESPACE_NAME_LABEL, meta.getName());
            meta.setLabels(labels);
        }
        if (namespace.getSpec() == null) {
            namespace.setSpec(new NamespaceSpec());
        }
        // The namespace controller removes this finalizer once the namespace is empty; adding it back
        // to a namespace being deleted would keep it forever, so only live namespaces get it.
        List<String> finalizers = Values.nonNull(namespace.getSpec().getFinalizers());
        if (meta.getDeletionTimestamp() == null && !finalizers.contains(KUBERNETES_FINALIZER)) {
            List<String> withKubernetes = new ArrayList<>(finalizers);
            withKubernetes.add(KUBERNETES_FINALIZER);
            namespace.getSpec().setFinalizers(withKubernetes);
        }
        if (namespace.getStatus() == null) {
            namespace.setStatus(new NamespaceStatus());
        }
        if (Values.isEmpty(namespace.getStatus().getPhase())) {
            namespace.getStatus().setPhase("Active");
        }
    }

    static void apply(Node node) {
        if (node.getStatus() == null) {
            return;
        }
        var capacity = node.getStatus().getCapacity();
        var allocatable = node.getStatus().getAllocatable();
        if ((allocatable == null || allocatable.isEmpty()) && capacity != null && !capacity.isEmpty()) {
            node.getStatus().setAllocatable(new LinkedHashMap<>(capacity));
        }
    }
}
